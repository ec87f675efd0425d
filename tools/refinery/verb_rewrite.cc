// `refinery rewrite`: generative data refinement (GDR), the one-step pipeline [{rewrite: ...}].
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli_common.h"
#include "refinery/gdr/batch_rounds.h"
#include "refinery/io/files.h"

namespace refinery::cli {
namespace {

namespace fs = std::filesystem;

std::string Param(const PipelineConfig& config, const char* key) {
  const YAML::Node& p = config.steps.front().params;
  return p[key] ? p[key].as<std::string>() : std::string();
}

// `--export-sft PATH`: the pairs a run wrote to its sft channel (committed with each part, so
// a resumed run holds each pair once) are copied to PATH.
int CopySft(const PipelineConfig& config, int exit_code) {
  std::string target = Param(config, "export_sft");
  if (target.empty()) return exit_code;
  std::string from = config.output + "/sft.jsonl";
  if (!fs::is_directory(config.output)) {
    // A single-file output keeps side channels next to it: out.jsonl -> out.sft.jsonl.
    fs::path out(config.output);
    std::string stem = out.filename().string();
    size_t dot = stem.find('.');
    from = (out.parent_path() / (stem.substr(0, dot) + ".sft.jsonl")).string();
  }
  if (fs::absolute(from) == fs::absolute(target)) return exit_code;
  StatusOr<std::string> pairs = fs::exists(from) ? ReadFile(from) : std::string();
  if (!pairs.ok()) return Fail(std::string(pairs.status().message()));
  Status w = WriteFileAtomic(target, *pairs);
  if (!w.ok()) return Fail("--export-sft: " + std::string(w.message()));
  return exit_code;
}

// `--batch-dir DIR`: one offline round per invocation (see gdr/batch_rounds.h). The rewrite is
// replayed over every result so far into a scratch run; when some request has no reply yet
// it wrote the next requests file, and the scratch run is discarded; otherwise this is the
// final round and the real run writes the output as a live run would.
int RunBatchRound(const PipelineConfig& config, const RunOptions& options, bool json) {
  std::string dir = Param(config, "batch_dir");
  int done = gdr::BatchRoundsWithResults(dir);
  std::string waiting = gdr::BatchRequestsPath(dir, done + 1);
  std::string results = gdr::BatchResultsPath(dir, done + 1);
  if (fs::exists(waiting)) {
    std::fprintf(stderr,
                 "refinery: rewrite: %s has no results yet; run it and put the output at %s, "
                 "then run this command again\n",
                 waiting.c_str(), results.c_str());
    return kExitOk;
  }
  PipelineConfig scratch = config;
  scratch.output = dir + "/.round-work";
  std::error_code ec;
  fs::remove_all(scratch.output, ec);
  RunOptions quiet = options;
  quiet.progress = ProgressMode::kQuiet;
  quiet.resume = false;
  quiet.overwrite = false;
  StatusOr<RunResult> replay = RunPipeline(scratch, quiet);
  fs::remove_all(scratch.output, ec);
  if (!replay.ok()) return Fail(std::string(replay.status().message()));
  Json batch = Json::object();
  for (const Json& step : replay->summary.value("steps", Json::array())) {
    const Json extra = step.value("extra", Json::object());
    if (extra.contains("batch")) batch = extra["batch"];
    if (extra.contains("run_failed") && extra["run_failed"].is_string() &&
        extra.value("deferred", 0.0) > 0) {
      // A round that stopped (a wrong model name in every result, ...) is not a next step.
      std::fprintf(stderr, "refinery: error: %s\n", extra["run_failed"].get<std::string>().c_str());
      return kExitCheckFailed;
    }
  }
  int64_t written = batch.value("requests_written", int64_t{0});
  std::string ingested = fmt::format(
      "{} results ingested from {} round(s): {} usable, {} failed, {} malformed, {} unknown ids, "
      "{} duplicates",
      batch.value("result_lines", int64_t{0}), done, batch.value("usable", int64_t{0}),
      batch.value("failed_lines", int64_t{0}), batch.value("malformed", int64_t{0}),
      batch.value("unknown_ids", int64_t{0}), batch.value("duplicates", int64_t{0}));
  if (written > 0) {
    if (json) {
      std::cout << Json{{"batch", batch}, {"final", false}}.dump(2) << std::endl;
    }
    std::fprintf(stderr,
                 "refinery: rewrite: round %d: wrote %lld requests to %s (%s)\n"
                 "refinery: next: vllm run-batch -i %s -o %s --model %s  (or upload it to the "
                 "OpenAI Batch API and save the output file as %s), then run this command "
                 "again\n",
                 done + 1, static_cast<long long>(written), waiting.c_str(), ingested.c_str(),
                 waiting.c_str(), results.c_str(), Param(config, "model").c_str(), results.c_str());
    return kExitOk;
  }
  std::fprintf(stderr, "refinery: rewrite: final round after %d round(s) (%s)\n", done,
               ingested.c_str());
  return CopySft(config, RunAndReport(config, options, json));
}

int RunRewrite(const PipelineConfig& config, const RunOptions& options, bool json) {
  if (!Param(config, "batch_dir").empty()) return RunBatchRound(config, options, json);
  return CopySft(config, RunAndReport(config, options, json));
}

}  // namespace

Verb AddRewriteVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "rewrite";
  spec.step_type = "rewrite";
  spec.description =
      "Rewrite records with an LLM (OpenAI-compatible server) so they meet a criterion (no PII, "
      "not toxic, ...) while staying close to the original; every rewrite is verified, retried "
      "with feedback, or replaced by a fallback";
  spec.examples =
      "  refinery rewrite raw.jsonl -o out/ --task anonymize --llm http://127.0.0.1:8000/v1 "
      "--model Qwen/Qwen2.5-7B-Instruct\n"
      "  refinery rewrite chats.jsonl.zst -o out/ --task detoxify --llm http://127.0.0.1:8080 "
      "--model local --max-in-flight 8 --fallback drop\n"
      "  OPENAI_API_KEY=... refinery rewrite in.jsonl -o out/ --task my_task.yaml "
      "--llm https://api.openai.com/v1 --model gpt-4o-mini --api-key-env OPENAI_API_KEY "
      "--export-sft pairs.jsonl\n"
      "  refinery rewrite in.jsonl -o out/ --task anonymize --llm URL1,URL2 --model M --resume\n"
      "Outputs: records with refinery.status and refinery.rewrite; audit.jsonl in the output\n"
      "directory; responses cached in $XDG_CACHE_HOME/refinery/llm-cache.sqlite (--cache, "
      "--no-cache). See docs/llm.md.";
  spec.add_flags = [](CLI::App* cmd) {
    struct F {
      std::optional<std::string> task, llm, model, api_key_env, fallback, cache, export_sft,
          redact_operator, extra_body, reasoning_effort, batch_dir;
      std::optional<int64_t> batch_max_rounds, max_in_flight, max_retries, max_attempts,
          chunk_tokens, seed, max_tokens, context_tokens;
      std::optional<double> timeout, connect_timeout, first_byte_timeout, temperature,
          retry_temperature, max_distance, toxicity_threshold, backoff, max_fallback_share;
      std::optional<std::vector<std::string>> must_keep, pii_types;
      bool no_cache = false, no_skip = false, skip_passing = false, no_hints = false,
           no_probe = false;
    };
    auto f = std::make_shared<F>();
    cmd->add_option("--task", f->task, "anonymize | detoxify | a task YAML file (docs/llm.md)")
        ->required();
    cmd->add_option("--llm", f->llm,
                    "Server base URL(s), comma-separated, e.g. http://127.0.0.1:8000/v1 "
                    "(not with --batch-dir)");
    cmd->add_option("--batch-dir", f->batch_dir,
                    "Offline batch rounds in DIR instead of live requests: writes "
                    "requests-NNN.jsonl (OpenAI Batch API input), ingests results-NNN.jsonl "
                    "(vllm run-batch or Batch API output); see docs/llm.md");
    cmd->add_option("--batch-max-rounds", f->batch_max_rounds,
                    "Batch rounds at most (default 4); then records still without a reply "
                    "fall back");
    cmd->add_option("--model", f->model, "Model name as the server knows it")->required();
    cmd->add_option("--api-key-env", f->api_key_env,
                    "Environment variable holding the API key (never logged or cached)");
    cmd->add_option("--max-in-flight", f->max_in_flight,
                    "Requests in flight per endpoint (default 64; ≈ the server's parallel slots)");
    cmd->add_option("--max-attempts", f->max_attempts,
                    "Rewrites tried per record/chunk before the fallback (default 3)");
    cmd->add_option("--fallback", f->fallback,
                    "surrogate (default: detector + surrogate anonymizer) | placeholder | drop | "
                    "keep_flagged");
    cmd->add_option("--redact-operator", f->redact_operator,
                    "Anonymizer operator of the placeholder fallback (default placeholder)");
    cmd->add_option("--max-fallback-share", f->max_fallback_share,
                    "Exit 1 when more than this share of records fall back (default 0.2)");
    cmd->add_option("--extra-body", f->extra_body,
                    "JSON object merged into every request body, e.g. "
                    "'{\"chat_template_kwargs\":{\"enable_thinking\":false}}'");
    cmd->add_option("--reasoning-effort", f->reasoning_effort,
                    "reasoning_effort sent to reasoning models (low, medium, high)");
    cmd->add_option("--context-tokens", f->context_tokens,
                    "The server's context in tokens (default: read from /v1/models or /props)");
    cmd->add_flag("--skip-passing", f->skip_passing,
                  "Do not send records the detectors find clean (cheaper, lower recall)");
    cmd->add_flag("--no-hints", f->no_hints,
                  "Do not tell the model the values the detectors found");
    cmd->add_flag("--no-probe", f->no_probe,
                  "Do not check the endpoint and model (GET /v1/models) before the run");
    cmd->add_option("--cache", f->cache, "Response cache (SQLite) path");
    cmd->add_flag("--no-cache", f->no_cache, "Do not read or write the response cache");
    cmd->add_flag("--no-skip", f->no_skip, "Send every record (the default; kept for old scripts)");
    cmd->add_option("--export-sft", f->export_sft,
                    "Write accepted (input, output) pairs as chat-format JSONL to this file "
                    "(also sft.jsonl in the output directory, committed with each part)");
    cmd->add_option("--chunk-tokens", f->chunk_tokens, "Chunk budget for long documents (1500)");
    cmd->add_option("--temperature", f->temperature, "First attempt temperature (0.2)");
    cmd->add_option("--retry-temperature", f->retry_temperature, "Retry temperature (0.7)");
    cmd->add_option("--seed", f->seed, "Base seed; attempt k uses seed + k (0)");
    cmd->add_option("--max-tokens", f->max_tokens, "max_tokens per request (default: auto)");
    cmd->add_option("--max-distance", f->max_distance, "Override the task's max Δ");
    cmd->add_option("--toxicity-threshold", f->toxicity_threshold,
                    "Check toxicity below this score (overrides the task)");
    cmd->add_option("--must-keep", f->must_keep, "Strings that must be kept (comma-separated)")
        ->delimiter(',');
    cmd->add_option("--pii-types", f->pii_types, "PII types the verifier checks (default all)")
        ->delimiter(',');
    cmd->add_option("--timeout", f->timeout, "Total timeout per request, seconds (600)");
    cmd->add_option("--connect-timeout", f->connect_timeout, "Connect timeout, seconds (10)");
    cmd->add_option("--first-byte-timeout", f->first_byte_timeout,
                    "Timeout to the first response byte, seconds (300)");
    cmd->add_option("--max-retries", f->max_retries,
                    "HTTP retries per request on 429/5xx/timeouts (6)");
    cmd->add_option("--backoff", f->backoff, "First retry delay, seconds (0.5)");
    return [f](YAML::Node& p) {
      auto put = [&p](const char* key, const auto& v) {
        if (v) p[key] = *v;
      };
      put("task", f->task);
      put("llm", f->llm);
      put("model", f->model);
      put("api_key_env", f->api_key_env);
      put("max_in_flight", f->max_in_flight);
      put("max_attempts", f->max_attempts);
      put("fallback", f->fallback);
      put("redact_operator", f->redact_operator);
      put("cache", f->cache);
      if (f->no_cache) p["no_cache"] = true;
      if (f->no_skip) p["skip_passing"] = false;
      if (f->skip_passing) p["skip_passing"] = true;
      if (f->no_hints) p["hints"] = false;
      if (f->no_probe) p["probe"] = false;
      put("max_fallback_share", f->max_fallback_share);
      put("reasoning_effort", f->reasoning_effort);
      put("context_tokens", f->context_tokens);
      if (f->extra_body) {
        try {
          p["extra_body"] = YAML::Load(*f->extra_body);  // JSON is YAML
        } catch (const YAML::Exception&) {
          p["extra_body"] = *f->extra_body;  // not a map: the step names the flag at fault
        }
      }
      put("export_sft", f->export_sft);
      put("batch_dir", f->batch_dir);
      put("batch_max_rounds", f->batch_max_rounds);
      put("chunk_tokens", f->chunk_tokens);
      put("temperature", f->temperature);
      put("retry_temperature", f->retry_temperature);
      put("seed", f->seed);
      put("max_tokens", f->max_tokens);
      put("max_distance", f->max_distance);
      put("toxicity_threshold", f->toxicity_threshold);
      put("must_keep", f->must_keep);
      put("pii_types", f->pii_types);
      put("timeout", f->timeout);
      put("connect_timeout", f->connect_timeout);
      put("first_byte_timeout", f->first_byte_timeout);
      put("max_retries", f->max_retries);
      put("backoff", f->backoff);
    };
  };
  spec.run = RunRewrite;
  return AddTransformVerb(app, std::move(spec));
}

}  // namespace refinery::cli
