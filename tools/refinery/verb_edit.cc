// `refinery edit`: program-based refinement, the one-step pipeline [{edit: ...}].
#include <memory>
#include <optional>

#include "cli_common.h"

namespace refinery::cli {

Verb AddEditVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "edit";
  spec.step_type = "edit";
  spec.description =
      "Refine records with edit programs (remove_lines, remove_str, drop_doc, normalize, ...): "
      "from a {\"id\",\"program\"} table, the built-in refine model, or an LLM";
  spec.examples =
      "  refinery edit pages.jsonl -o out/ --programs programs.jsonl\n"
      "  refinery edit pages.jsonl.zst -o refined.jsonl.zst --model models/refiner.bin\n"
      "  refinery edit pages.jsonl -o out/ --model refiner --deletion-only --min-words 0\n"
      "  refinery edit pages.jsonl -o out/ --llm http://127.0.0.1:8000/v1 --model "
      "Qwen/Qwen2.5-7B-Instruct\n"
      "Each record gets refinery.status (kept|changed|dropped) and refinery.edits (the op log\n"
      "with resolved line ranges, code point spans and per-op errors). See docs/edit-programs.md.";
  spec.add_flags = [](CLI::App* cmd) {
    struct F {
      std::optional<std::string> programs, model, llm, api_key_env, cache;
      std::optional<int64_t> max_errors, min_words, max_ops, max_literal_bytes, chunk_tokens,
          max_tokens, max_in_flight, max_retries;
      std::optional<double> min_kept_word_ratio, temperature, timeout, backoff;
      bool deletion_only = false, no_cache = false;
    };
    auto f = std::make_shared<F>();
    cmd->add_option("--programs", f->programs, "JSONL of {\"id\", \"program\"} (one per record)");
    cmd->add_option("--model", f->model,
                    "Refine model file (models/refiner.bin, or a name in the models directory)");
    cmd->add_option("--llm", f->llm, "LLM server base URL (with --model NAME)");
    cmd->add_flag("--deletion-only", f->deletion_only,
                  "Only deletions: normalize() is an error and the output is checked to be a "
                  "subsequence of the input");
    cmd->add_option("--max-errors", f->max_errors,
                    "Program errors a document may have and still be refined (default 1)");
    cmd->add_option("--min-kept-word-ratio", f->min_kept_word_ratio,
                    "Drop changed documents keeping this share of words or less (default 0.05)");
    cmd->add_option("--min-words", f->min_words,
                    "Drop changed documents with this many words or fewer (default 10; 0: off)");
    cmd->add_option("--max-ops", f->max_ops, "Statements per program, at most (default 10000)");
    cmd->add_option("--max-literal-bytes", f->max_literal_bytes,
                    "Bytes per string literal, at most (default 4096)");
    cmd->add_option("--api-key-env", f->api_key_env,
                    "LLM mode: environment variable holding the API key (never logged)");
    cmd->add_option("--chunk-tokens", f->chunk_tokens,
                    "LLM mode: token budget of a [doc] chunk (default 1500, as ProX)");
    cmd->add_option("--max-tokens", f->max_tokens, "LLM mode: answer tokens per chunk (256)");
    cmd->add_option("--temperature", f->temperature, "LLM mode: sampling temperature (0)");
    cmd->add_option("--max-in-flight", f->max_in_flight,
                    "LLM mode: requests in flight per endpoint (64)");
    cmd->add_option("--timeout", f->timeout, "LLM mode: total timeout per request, s (600)");
    cmd->add_option("--max-retries", f->max_retries, "LLM mode: HTTP retries per request (6)");
    cmd->add_option("--backoff", f->backoff, "LLM mode: first retry delay, s (0.5)");
    cmd->add_option("--cache", f->cache, "LLM mode: response cache (SQLite) path");
    cmd->add_flag("--no-cache", f->no_cache, "LLM mode: do not read or write the cache");
    return [f](YAML::Node& p) {
      auto put = [&p](const char* key, const auto& v) {
        if (v) p[key] = *v;
      };
      put("programs", f->programs);
      put("model", f->model);
      put("llm", f->llm);
      if (f->deletion_only) p["deletion_only"] = true;
      put("max_errors", f->max_errors);
      put("min_kept_word_ratio", f->min_kept_word_ratio);
      put("min_words", f->min_words);
      put("max_ops", f->max_ops);
      put("max_literal_bytes", f->max_literal_bytes);
      put("api_key_env", f->api_key_env);
      put("chunk_tokens", f->chunk_tokens);
      put("max_tokens", f->max_tokens);
      put("temperature", f->temperature);
      put("max_in_flight", f->max_in_flight);
      put("timeout", f->timeout);
      put("max_retries", f->max_retries);
      put("backoff", f->backoff);
      put("cache", f->cache);
      if (f->no_cache) p["no_cache"] = true;
    };
  };
  return AddTransformVerb(app, std::move(spec));
}

}  // namespace refinery::cli
