// `refinery rewrite`: generative data refinement (GDR), the one-step pipeline [{rewrite: ...}].
#include <memory>
#include <optional>

#include "cli_common.h"

namespace refinery::cli {

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
          redact_operator, extra_body, reasoning_effort;
      std::optional<int64_t> max_in_flight, max_retries, max_attempts, chunk_tokens, seed,
          max_tokens, context_tokens;
      std::optional<double> timeout, connect_timeout, first_byte_timeout, temperature,
          retry_temperature, max_distance, toxicity_threshold, backoff, max_fallback_share,
          price_in, price_out;
      std::optional<std::vector<std::string>> must_keep, pii_types;
      bool no_cache = false, no_skip = false, skip_passing = false, no_hints = false,
           no_probe = false, stream = false, no_stream_stop = false;
    };
    auto f = std::make_shared<F>();
    cmd->add_option("--task", f->task, "anonymize | detoxify | a task YAML file (docs/llm.md)")
        ->required();
    cmd->add_option("--llm", f->llm,
                    "Server base URL(s), comma-separated, e.g. http://127.0.0.1:8000/v1")
        ->required();
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
                    "Append accepted (input, output) pairs as chat-format JSONL to this file");
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
    cmd->add_flag("--stream", f->stream,
                  "Streamed replies: the first-byte timeout becomes time to first token; a reply "
                  "ends at </refined> or 1.5x the chunk");
    cmd->add_flag("--no-stream-stop", f->no_stream_stop,
                  "With --stream, do not send stop: [\"</refined>\"] (thinking models that "
                  "draft inside the tags)");
    cmd->add_option("--price-in", f->price_in,
                    "USD per million prompt tokens: the summary estimates the cost per million "
                    "records (with --price-out)");
    cmd->add_option("--price-out", f->price_out, "USD per million completion tokens");
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
      if (f->stream) p["stream"] = true;
      if (f->no_stream_stop) p["send_stop"] = false;
      put("price_in", f->price_in);
      put("price_out", f->price_out);
    };
  };
  return AddTransformVerb(app, std::move(spec));
}

}  // namespace refinery::cli
