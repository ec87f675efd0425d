// Step registration of the GDR concern: `rewrite`, built from YAML parameters (the same names
// as the flags of `refinery rewrite`). Every parameter of the step is read here, in one place.
#include <cstdlib>

#include "refinery/gdr/kept_text.h"
#include "refinery/gdr/rewrite_step.h"

namespace refinery::gdr {
namespace {

StatusOr<std::unique_ptr<Step>> MakeRewriteFromParams(StepParams& p, const StepEnvironment& env) {
  std::string task_spec = p.GetString("task", "");
  std::vector<std::string> urls = p.GetStringList("llm", {});
  std::string model = p.GetString("model", "");
  LlmEndpointConfig cfg;
  cfg.api_key_env = p.GetString("api_key_env", "");
  cfg.max_in_flight_per_endpoint = static_cast<int>(p.GetInt("max_in_flight", 64));
  cfg.connect_timeout_s = p.GetDouble("connect_timeout", 10);
  cfg.first_byte_timeout_s = p.GetDouble("first_byte_timeout", 300);
  cfg.total_timeout_s = p.GetDouble("timeout", 600);
  cfg.max_retries = static_cast<int>(p.GetInt("max_retries", 6));
  cfg.backoff_initial_s = p.GetDouble("backoff", 0.5);
  cfg.backoff_max_s = p.GetDouble("backoff_max", 30);
  cfg.stream = p.GetBool("stream", false);
  cfg.send_stop = p.GetBool("send_stop", true);
  CacheOptions cache;
  cache.path = p.GetString("cache", "");
  cache.enabled = !p.GetBool("no_cache", false);

  RewriteOptions opt;
  opt.max_attempts = static_cast<int>(p.GetInt("max_attempts", 3));
  std::string fallback = p.GetString("fallback", "surrogate");
  opt.skip_passing = p.GetBool("skip_passing", false);
  opt.hints = p.GetBool("hints", true);
  opt.repair = p.GetBool("repair", true);
  opt.max_fallback_share = p.GetDouble("max_fallback_share", 0.2);
  opt.max_identical_failures = static_cast<int>(p.GetInt("max_identical_failures", 10));
  opt.context_tokens = p.GetInt("context_tokens", 0);
  bool probe = p.GetBool("probe", true);
  std::string reasoning_effort = p.GetString("reasoning_effort", "");
  opt.chunk_tokens = static_cast<size_t>(std::max<int64_t>(64, p.GetInt("chunk_tokens", 1500)));
  opt.temperature = p.GetDouble("temperature", 0.2);
  opt.retry_temperature = p.GetDouble("retry_temperature", 0.7);
  opt.seed = p.GetInt("seed", 0);
  opt.max_tokens = static_cast<int>(p.GetInt("max_tokens", 0));
  if (auto eb = p.GetJson("extra_body")) {
    if (!eb->is_object()) {
      p.Fail("extra_body", "must be a map of fields added to each request body");
    } else {
      opt.extra_body = *eb;
    }
  }
  opt.export_sft = p.GetString("export_sft", "");
  if (p.Has("price_in")) opt.price_in = p.GetDouble("price_in", 0);
  if (p.Has("price_out")) opt.price_out = p.GetDouble("price_out", 0);
  if (opt.price_in.has_value() != opt.price_out.has_value()) {
    p.Fail(opt.price_in ? "price_out" : "price_in", "give both --price-in and --price-out");
  } else if (opt.price_in && (*opt.price_in < 0 || *opt.price_out < 0)) {
    p.Fail("price_in", "prices are USD per million tokens, >= 0");
  }
  std::optional<double> tox_override;
  if (p.Has("toxicity_threshold")) tox_override = p.GetDouble("toxicity_threshold", 0.5);
  std::optional<double> dist_override;
  if (p.Has("max_distance")) dist_override = p.GetDouble("max_distance", 0.5);
  std::vector<std::string> must_keep = p.GetStringList("must_keep", {});
  std::vector<std::string> pii_types = p.GetStringList("pii_types", {});
  double pii_min_score = p.GetDouble("pii_min_score", 0.5);
  std::string redact_operator = p.GetString("redact_operator", "placeholder");

  if (task_spec.empty()) p.Fail("task", "required: anonymize, detoxify or a task YAML file");
  if (urls.empty()) p.Fail("llm", "required: the server's base URL, e.g. http://127.0.0.1:8000/v1");
  if (model.empty()) p.Fail("model", "required: the model name the server serves");
  if (fallback == "surrogate") {
    opt.fallback = Fallback::kSurrogate;
  } else if (fallback == "placeholder" || fallback == "redact") {  // redact: the old name
    opt.fallback = Fallback::kPlaceholder;
  } else if (fallback == "drop") {
    opt.fallback = Fallback::kDrop;
  } else if (fallback == "keep_flagged") {
    opt.fallback = Fallback::kKeepFlagged;
  } else {
    p.Fail("fallback", "one of surrogate, placeholder, drop, keep_flagged");
  }
  if (opt.max_attempts < 1 || opt.max_attempts > 20) p.Fail("max_attempts", "between 1 and 20");
  StatusOr<RewriteTask> task = absl::InvalidArgumentError("no task");
  if (!task_spec.empty()) {
    task = LoadRewriteTask(task_spec);
    if (!task.ok()) p.Fail("task", std::string(task.status().message()));
  }
  if (opt.max_fallback_share < 0 || opt.max_fallback_share > 1) {
    p.Fail("max_fallback_share", "a share between 0 and 1");
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

  cfg.base_urls = urls;
  cfg.model = model;
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
      MakeRewriteFromParams});
}

}  // namespace refinery::gdr
