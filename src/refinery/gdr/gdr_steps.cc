// Step registration of the GDR concern: `rewrite`, built from YAML parameters (the same names
// as the flags of `refinery rewrite`). Every parameter of the step is declared here, in one
// table (RewriteParams), and read here.
#include <cstdlib>

#include "refinery/gdr/batch_rounds.h"
#include "refinery/gdr/kept_text.h"
#include "refinery/gdr/rewrite_step.h"

namespace refinery::gdr {
namespace {

// Every parameter of `rewrite` once: YAML checks, the flags and environment variables of
// `refinery rewrite` (REFINERY_REWRITE_*), --help and `refinery steps --json` come from here.
// Defaults come from the option structs, so they are written once.
ParamTable RewriteParams() {
  const RewriteOptions o;
  const LlmEndpointConfig e;
  ParamTable t;
  t.String("task", "", "anonymize | detoxify | a task YAML file (docs/llm.md)")
      .Required("anonymize, detoxify or a task YAML file");
  t.StringList("llm", {},
               "Server base URL(s), comma-separated, e.g. http://127.0.0.1:8000/v1 (not with "
               "batch_dir)");
  t.String("model", "", "Model name as the server knows it").Required();
  t.String("api_key_env", "", "Environment variable holding the API key (never logged or cached)");
  t.Int("max_in_flight", e.max_in_flight_per_endpoint,
        "Requests in flight per endpoint (about the server's parallel slots)")
      .Range(1, std::nullopt);
  t.Int("max_attempts", o.max_attempts, "Rewrites tried per record/chunk before the fallback")
      .Range(1, 20);
  t.String("fallback", "surrogate",
           "surrogate (detector + surrogate anonymizer) | placeholder | drop | keep_flagged")
      .Choices({"surrogate", "placeholder", "redact", "drop", "keep_flagged"});
  t.String("redact_operator", "placeholder", "Anonymizer operator of the placeholder fallback");
  t.Double("max_fallback_share", o.max_fallback_share,
           "Exit 1 when more than this share of records fall back")
      .Range(0, 1);
  t.String("reasoning_effort", "", "reasoning_effort sent to reasoning models (low, medium, high)");
  t.Int("max_identical_failures", o.max_identical_failures,
        "Stop the run after this many records fail with the same error")
      .Range(1, std::nullopt);
  t.AnyJson("extra_body", Json(),
            "JSON object merged into every request body, e.g. "
            "{\"chat_template_kwargs\":{\"enable_thinking\":false}}")
      .YamlOnly();
  t.Int("context_tokens", 0, "The server's context in tokens (0: read from /v1/models or /props)")
      .Range(0, std::nullopt);
  t.Bool("skip_passing", o.skip_passing,
         "Do not send records the detectors find clean (cheaper, lower recall)")
      .Switch();
  t.Bool("hints", o.hints, "Tell the model the values the detectors found");
  t.Bool("repair", o.repair, "Replace surviving original values instead of retrying");
  t.Bool("probe", true, "Check the endpoint and model (GET /v1/models) before the run");
  t.String("cache", "", "Response cache (SQLite) path (default $XDG_CACHE_HOME/refinery/...)");
  t.Bool("no_cache", false, "Do not read or write the response cache").Switch();
  t.String("export_sft", "",
           "Accepted (input, output) pairs as chat JSONL: sft.jsonl in the output, committed "
           "with each part; `refinery rewrite` also copies it to this path");
  t.Int("reply_threads", o.reply_threads, "Threads verifying replies (0: one per core)")
      .Range(0, std::nullopt);
  t.String("batch_dir", "",
           "Offline batch rounds in DIR instead of live requests: writes requests-NNN.jsonl "
           "(OpenAI Batch API input), ingests results-NNN.jsonl (docs/llm.md)");
  t.Int("batch_max_rounds", 4, "Batch rounds at most; then records still without a reply fall back")
      .Range(1, std::nullopt);
  t.Int("chunk_tokens", static_cast<int64_t>(o.chunk_tokens), "Chunk budget for long documents")
      .Range(64, std::nullopt);
  t.Double("temperature", o.temperature, "First attempt temperature");
  t.Double("retry_temperature", o.retry_temperature, "Retry temperature");
  t.Int("seed", o.seed, "Base seed; attempt k uses seed + k");
  t.Int("max_tokens", o.max_tokens, "max_tokens per request (0: auto)").Range(0, std::nullopt);
  t.Double("max_distance", "Override the task's max Δ").Range(0, 1);
  t.Double("toxicity_threshold", "Check toxicity below this score (overrides the task)")
      .Range(0, 1);
  t.StringList("must_keep", {}, "Strings that must be kept (comma-separated)");
  t.StringList("pii_types", {}, "PII types the verifier checks (default all)");
  t.Double("pii_min_score", 0.5, "Minimum detector score of a value to replace").Range(0, 1);
  t.Double("timeout", e.total_timeout_s, "Total timeout per request, seconds");
  t.Double("connect_timeout", e.connect_timeout_s, "Connect timeout, seconds");
  t.Double("first_byte_timeout", e.first_byte_timeout_s,
           "Timeout to the first response byte, seconds");
  t.Int("max_retries", e.max_retries, "HTTP retries per request on 429/5xx/timeouts")
      .Range(0, std::nullopt);
  t.Double("backoff", e.backoff_initial_s, "First retry delay, seconds");
  t.Double("backoff_max", e.backoff_max_s, "Longest retry delay, seconds");
  t.Bool("stream", e.stream,
         "Streamed replies: the first-byte timeout becomes time to the first token (and the "
         "longest silence); a reply ends at </refined> or 1.5x the chunk")
      .Switch();
  t.Bool("send_stop", e.send_stop,
         "With stream, send stop: [\"</refined>\"] (false for thinking models that draft inside "
         "the tags)");
  t.Double("price_in",
           "USD per million prompt tokens: the summary estimates the cost per million records "
           "(with price_out)")
      .Range(0, std::nullopt);
  t.Double("price_out", "USD per million completion tokens (with price_in)").Range(0, std::nullopt);
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeRewriteFromParams(StepParams& p, const StepEnvironment& env) {
  std::string task_spec = p.GetString("task");
  std::vector<std::string> urls = p.GetStringList("llm");
  std::string model = p.GetString("model");
  LlmEndpointConfig cfg;
  cfg.api_key_env = p.GetString("api_key_env");
  cfg.max_in_flight_per_endpoint = static_cast<int>(p.GetInt("max_in_flight"));
  cfg.connect_timeout_s = p.GetDouble("connect_timeout");
  cfg.first_byte_timeout_s = p.GetDouble("first_byte_timeout");
  cfg.total_timeout_s = p.GetDouble("timeout");
  cfg.max_retries = static_cast<int>(p.GetInt("max_retries"));
  cfg.backoff_initial_s = p.GetDouble("backoff");
  cfg.backoff_max_s = p.GetDouble("backoff_max");
  cfg.stream = p.GetBool("stream");
  cfg.send_stop = p.GetBool("send_stop");
  CacheOptions cache;
  cache.path = p.GetString("cache");
  cache.enabled = !p.GetBool("no_cache");

  RewriteOptions opt;
  opt.max_attempts = static_cast<int>(p.GetInt("max_attempts"));
  std::string fallback = p.GetString("fallback");
  opt.skip_passing = p.GetBool("skip_passing");
  opt.hints = p.GetBool("hints");
  opt.repair = p.GetBool("repair");
  opt.max_fallback_share = p.GetDouble("max_fallback_share");
  opt.max_identical_failures = static_cast<int>(p.GetInt("max_identical_failures"));
  opt.context_tokens = p.GetInt("context_tokens");
  bool probe = p.GetBool("probe");
  std::string reasoning_effort = p.GetString("reasoning_effort");
  opt.chunk_tokens = static_cast<size_t>(p.GetInt("chunk_tokens"));
  opt.temperature = p.GetDouble("temperature");
  opt.retry_temperature = p.GetDouble("retry_temperature");
  opt.seed = p.GetInt("seed");
  opt.max_tokens = static_cast<int>(p.GetInt("max_tokens"));
  if (auto eb = p.GetJson("extra_body"); eb && !eb->is_null()) {
    if (!eb->is_object()) {
      p.Fail("extra_body", "must be a map of fields added to each request body");
    } else {
      opt.extra_body = *eb;
    }
  }
  // Any value turns the export on (old configs gave a path): the pairs go to the run's
  // sft channel; `refinery rewrite --export-sft PATH` copies them to PATH after the run.
  opt.export_sft = !p.GetString("export_sft").empty();
  opt.reply_threads = static_cast<int>(p.GetInt("reply_threads"));
  std::string batch_dir = p.GetString("batch_dir");
  int batch_max_rounds = static_cast<int>(p.GetInt("batch_max_rounds"));
  if (p.Has("price_in")) opt.price_in = p.GetDouble("price_in");
  if (p.Has("price_out")) opt.price_out = p.GetDouble("price_out");
  if (opt.price_in.has_value() != opt.price_out.has_value())
    p.Fail(opt.price_in ? "price_out" : "price_in", "give both --price-in and --price-out");
  std::optional<double> tox_override;
  if (p.Has("toxicity_threshold")) tox_override = p.GetDouble("toxicity_threshold");
  std::optional<double> dist_override;
  if (p.Has("max_distance")) dist_override = p.GetDouble("max_distance");
  std::vector<std::string> must_keep = p.GetStringList("must_keep");
  std::vector<std::string> pii_types = p.GetStringList("pii_types");
  double pii_min_score = p.GetDouble("pii_min_score");
  std::string redact_operator = p.GetString("redact_operator");

  if (urls.empty() && batch_dir.empty()) {
    p.Fail("llm",
           "required (unless batch_dir): the server's base URL, e.g. http://127.0.0.1:8000/v1");
  }
  if (fallback == "surrogate") {
    opt.fallback = Fallback::kSurrogate;
  } else if (fallback == "placeholder" || fallback == "redact") {  // redact: the old name
    opt.fallback = Fallback::kPlaceholder;
  } else if (fallback == "drop") {
    opt.fallback = Fallback::kDrop;
  } else if (fallback == "keep_flagged") {
    opt.fallback = Fallback::kKeepFlagged;
  }
  StatusOr<RewriteTask> task = absl::InvalidArgumentError("no task");
  if (!task_spec.empty()) {
    task = LoadRewriteTask(task_spec);
    if (!task.ok()) p.Fail("task", std::string(task.status().message()));
  }
  RETURN_IF_ERROR(p.Finish());
  if (!reasoning_effort.empty()) opt.extra_body["reasoning_effort"] = reasoning_effort;
  opt.task = std::move(*task);
  if (tox_override) opt.task.criteria.toxicity = *tox_override;
  if (dist_override) opt.task.criteria.max_distance = *dist_override;
  for (auto& s : must_keep) opt.task.criteria.must_keep.push_back(s);

  RewriteComponents comp;
  const TaskCriteria& c = opt.task.criteria;
  if (c.pii || c.keep_text || opt.fallback == Fallback::kPlaceholder ||
      opt.fallback == Fallback::kSurrogate) {
    PiiDetectorOptions dopt;
    dopt.types = pii_types;
    dopt.min_score = pii_min_score;
    ASSIGN_OR_RETURN(comp.detector, PiiDetector::Create(dopt));
    AnonymizerOptions aopt;
    ASSIGN_OR_RETURN(aopt.default_operator, ParseAnonymizeOperator(redact_operator));
    ASSIGN_OR_RETURN(comp.anonymizer, Anonymizer::Create(aopt));
    AnonymizerOptions sopt;
    sopt.default_operator = AnonymizeOperator::kSurrogate;
    ASSIGN_OR_RETURN(comp.surrogates, Anonymizer::Create(sopt));
  }
  if (c.pii) {
    PiiCriterionOptions popt;
    popt.exempt = c.must_keep;  // kept on purpose (e.g. public figures): not a leak
    comp.criteria.push_back(MakePiiCriterion(comp.detector, popt));
  }
  if (c.keep_text) comp.criteria.push_back(MakeKeptTextCriterion(comp.detector));
  if (c.toxicity) {
    auto scorer = ToxicityScorer::LoadDefault(env.models_dir);
    if (!scorer.ok()) {
      return absl::FailedPreconditionError(
          "rewrite: task '" + opt.task.name +
          "' checks toxicity but the toxicity model could not be loaded: " +
          std::string(scorer.status().message()));
    }
    comp.toxicity = *scorer;
    comp.criteria.push_back(
        MakeToxicityCriterion(MakeLocalToxicityCriterion(*scorer), *c.toxicity));
  }
  if (c.min_length_ratio > 0 || c.max_length_ratio < kUnbounded) {
    comp.criteria.push_back(MakeLengthRatioCriterion(c.min_length_ratio, c.max_length_ratio));
  }
  if (c.max_distance < 1.0) comp.criteria.push_back(MakeDistanceCriterion(c.max_distance));
  if (!c.must_keep.empty()) comp.criteria.push_back(MakeMustKeepCriterion(c.must_keep));

  if (!batch_dir.empty()) {
    // Offline batch rounds: replies come from DIR's results files, requests go to its next
    // requests file; no server is contacted.
    BatchRoundsOptions bopt;
    bopt.dir = batch_dir;
    bopt.model = model;
    bopt.max_rounds = std::max(1, batch_max_rounds);
    ASSIGN_OR_RETURN(std::shared_ptr<BatchRounds> rounds, BatchRounds::Open(bopt));
    comp.replies = std::move(rounds);
    comp.model = model;
    return MakeRewriteStep(std::move(opt), std::move(comp));
  }
  cfg.base_urls = urls;
  cfg.model = model;
  opt.max_outstanding = static_cast<size_t>(cfg.max_in_flight_per_endpoint) * urls.size();
  ASSIGN_OR_RETURN(comp.client, LlmClient::Create(cfg, cache));
  if (probe) {
    // Fail fast: a wrong URL, key or model stops here, before any record, with one line.
    StatusOr<ServerInfo> info = comp.client->Probe(std::min(cfg.connect_timeout_s + 5, 30.0));
    if (!info.ok()) {
      return absl::FailedPreconditionError("rewrite: " + std::string(info.status().message()));
    }
    if (opt.context_tokens == 0) opt.context_tokens = info->context_tokens;
  }
  return MakeRewriteStep(std::move(opt), std::move(comp));
}

}  // namespace

void RegisterGdrSteps(StepRegistry& registry) {
  registry.Register(StepInfo{
      "rewrite",
      "LLM rewrite-verify-retry (GDR): anonymize, detoxify or a task YAML; needs llm + model",
      MakeRewriteFromParams, RewriteParams()});
}

}  // namespace refinery::gdr
