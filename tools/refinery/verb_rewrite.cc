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
  // Every other flag (and its REFINERY_REWRITE_* variable) comes from the step's parameter
  // table (gdr/gdr_steps.cc). These are the negative spellings older scripts use, and the
  // JSON-valued --extra-body.
  spec.add_flags = [](CLI::App* cmd) {
    struct F {
      std::optional<std::string> extra_body;
      bool no_skip = false, no_hints = false, no_probe = false, no_stream_stop = false;
    };
    auto f = std::make_shared<F>();
    cmd->add_option("--extra-body", f->extra_body,
                    "JSON object merged into every request body, e.g. "
                    "'{\"chat_template_kwargs\":{\"enable_thinking\":false}}' (default: none)")
        ->envname("REFINERY_REWRITE_EXTRA_BODY");
    cmd->add_flag("--no-hints", f->no_hints,
                  "Do not tell the model the values the detectors found (hints: false)")
        ->envname("REFINERY_REWRITE_NO_HINTS");
    cmd->add_flag("--no-probe", f->no_probe,
                  "Do not check the endpoint and model before the run (probe: false)")
        ->envname("REFINERY_REWRITE_NO_PROBE");
    cmd->add_flag("--no-skip", f->no_skip, "Send every record (the default; kept for old scripts)")
        ->envname("REFINERY_REWRITE_NO_SKIP");
    cmd->add_flag("--no-stream-stop", f->no_stream_stop,
                  "With --stream, do not send stop: [\"</refined>\"] (send_stop: false)")
        ->envname("REFINERY_REWRITE_NO_STREAM_STOP");
    return [f](YAML::Node& p) {
      if (f->no_skip) p["skip_passing"] = false;
      if (f->no_hints) p["hints"] = false;
      if (f->no_probe) p["probe"] = false;
      if (f->no_stream_stop) p["send_stop"] = false;
      if (f->extra_body) {
        try {
          p["extra_body"] = YAML::Load(*f->extra_body);  // JSON is YAML
        } catch (const YAML::Exception&) {
          p["extra_body"] = *f->extra_body;  // not a map: the step names the flag at fault
        }
      }
    };
  };
  spec.run = RunRewrite;
  return AddTransformVerb(app, std::move(spec));
}

}  // namespace refinery::cli
