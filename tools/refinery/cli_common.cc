#include "cli_common.h"

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "refinery/core/json.h"

namespace refinery::cli {
namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void OnStopSignal(int) { g_stop_requested.store(true); }

std::string Figure(const Json& j, const char* a, const char* b) {
  if (!j.contains(a) || !j[a].contains(b)) return "0";
  return j[a][b].dump();
}

}  // namespace

CLI::App* AddCommand(CLI::App& parent, const std::string& name, const std::string& description,
                     const OptionTable& t, const std::string& examples) {
  CLI::App* cmd = parent.add_subcommand(name, description);
  t.AddTo(cmd);
  cmd->footer("Examples:\n" + examples);
  return cmd;
}

CLI::App* AddCommand(CLI::App& parent, const std::string& name, const OptionTable& t) {
  const bool grouped = parent.get_parent() != nullptr;
  const VerbHelp& help = HelpOf(grouped ? parent.get_name() + " " + name : name);
  return AddCommand(parent, name, help.description, t, help.examples);
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "refinery: error: %s\n", message.c_str());
  return kExitUsage;
}

Status PrepareOutputFile(const std::string& option, const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return absl::OkStatus();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec || !std::filesystem::is_directory(parent)) {
    return absl::InvalidArgumentError(option + ": cannot create directory " + parent.string() +
                                      ": " + (ec ? ec.message() : "not a directory"));
  }
  return absl::OkStatus();
}

void RunFlags::AddTo(OptionTable& t, bool with_shards) {
  // Empty means "the pipeline's value": the notes print the library's defaults.
  const PipelineConfig defaults;
  auto mib = [](uint64_t bytes) { return std::to_string(bytes >> 20) + "MiB"; };
  t.Add("--threads,-t", threads, "Worker threads").DefaultNote("all cores").Env("REFINERY_THREADS");
  t.Add("--text-field", text_field, "Field holding the text")
      .DefaultNote(defaults.text_field)
      .Env("REFINERY_TEXT_FIELD");
  t.Add("--id-field", id_field, "Field holding the record id")
      .DefaultNote(defaults.id_field)
      .Env("REFINERY_ID_FIELD");
  t.Add("--max-record-bytes", max_record_bytes, "Longer lines are rejected")
      .DefaultNote(mib(defaults.max_record_bytes))
      .Env("REFINERY_MAX_RECORD_BYTES");
  t.Add("--part-size", part_size, "Input bytes per output part")
      .DefaultNote(mib(defaults.part_bytes))
      .Env("REFINERY_PART_SIZE");
  t.Add("--compression", compression, "Compression of output parts: none, gzip, zstd")
      .DefaultNote(defaults.compression)
      .Env("REFINERY_COMPRESSION");
  t.Add("--output-format", output_format, "Format of output parts (parquet: directory output only)")
      .Choices({"jsonl", "parquet"})
      .DefaultNote(defaults.output_format)
      .Env("REFINERY_OUTPUT_FORMAT");
  t.Add("--parquet-compression", parquet_compression, "Compression of Parquet pages")
      .Choices({"zstd", "snappy", "none"})
      .DefaultNote(defaults.parquet_compression)
      .Env("REFINERY_PARQUET_COMPRESSION");
  t.Add("--quiet,-q", quiet, "No progress output").Env("REFINERY_QUIET");
  t.Add("--json", json, "Print the run summary as JSON on stdout");
  t.Add("--resume", resume, "Finish an interrupted run in the same output directory")
      .Env("REFINERY_RESUME");
  t.Add("--overwrite", overwrite,
        "Start over, deleting an earlier run's files in the output directory");
  if (!with_shards) return;
  t.Add("--num-shards", num_shards, "Split the input into N shards")
      .DefaultNote("SLURM_ARRAY_TASK_COUNT or WORLD_SIZE, else 1")
      .Env("REFINERY_NUM_SHARDS");
  t.Add("--shard-index", shard_index, "Which shard this process runs")
      .DefaultNote("SLURM_ARRAY_TASK_ID or RANK, else 0")
      .Env("REFINERY_SHARD_INDEX");
}

Status RunFlags::ApplyTo(PipelineConfig& config, RunOptions& options) const {
  if (threads > 0) config.threads = threads;
  if (!text_field.empty()) config.text_field = text_field;
  if (!id_field.empty()) config.id_field = id_field;
  if (!max_record_bytes.empty()) {
    ASSIGN_OR_RETURN(config.max_record_bytes, ParseByteSize(max_record_bytes));
  }
  if (!part_size.empty()) {
    ASSIGN_OR_RETURN(config.part_bytes, ParseByteSize(part_size));
    if (config.part_bytes == 0) return absl::InvalidArgumentError("--part-size must be > 0");
  }
  if (!compression.empty()) config.compression = compression;
  if (!output_format.empty()) config.output_format = output_format;
  if (!parquet_compression.empty()) config.parquet_compression = parquet_compression;
  options.progress = quiet ? ProgressMode::kQuiet : ProgressMode::kAuto;
  options.resume = resume;
  options.overwrite = overwrite;
  if (num_shards > 0 || shard_index >= 0) {
    options.num_shards = num_shards > 0 ? static_cast<uint32_t>(num_shards) : 1;
    options.shard_index = shard_index >= 0 ? static_cast<uint32_t>(shard_index) : 0;
  } else {
    ApplyShardEnvironment(options);
  }
  return absl::OkStatus();
}

int RunAndReport(const PipelineConfig& config, const RunOptions& given, bool json) {
  RunOptions options = given;
  options.stop = &g_stop_requested;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  std::signal(SIGUSR1, OnStopSignal);
  // A stop signal that arrived while the parent kept it blocked is delivered now, not lost
  // (tests/integration/engine_test.sh requests a stop before the run this way).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  for (int signal : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&stop_signals, signal);
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  StatusOr<RunResult> result = RunPipeline(config, options);
  if (!result.ok()) {
    if (absl::IsAborted(result.status())) {
      std::fprintf(stderr, "refinery: %s\n", std::string(result.status().message()).c_str());
      return kExitInterrupted;
    }
    return Fail(std::string(result.status().message()));
  }
  const Json& s = result->summary;
  if (json) {
    std::cout << s.dump(2) << std::endl;
  } else if (options.progress != ProgressMode::kQuiet) {
    std::fprintf(stderr,
                 "refinery: %s records in, %s out, %s dropped, %s rejected, %s changed in %.2fs%s\n"
                 "refinery: output: %s%s%s\n",
                 Figure(s, "records", "in").c_str(), Figure(s, "records", "out").c_str(),
                 Figure(s, "records", "dropped").c_str(), Figure(s, "records", "rejected").c_str(),
                 Figure(s, "records", "changed").c_str(), s.value("seconds", 0.0),
                 s.value("already_complete", false) ? " (already complete)" : "",
                 result->output.c_str(),
                 result->summary_path.empty() ? "" : "  summary: ", result->summary_path.c_str());
  }
  // A step may add a console line of its own (e.g. rewrite: changed vs fallback) and fail a
  // run that finished but must not pass as a success (`run_failed`: a stopped LLM step, too
  // many fallbacks).
  int exit_code = kExitOk;
  if (s.contains("steps") && s["steps"].is_array()) {
    for (const Json& step : s["steps"]) {
      const Json extra = step.value("extra", Json::object());
      if (options.progress != ProgressMode::kQuiet && !json && extra.contains("console") &&
          extra["console"].is_string()) {
        std::fprintf(stderr, "refinery: %s\n", extra["console"].get<std::string>().c_str());
      }
      if (extra.contains("run_failed") && extra["run_failed"].is_string()) {
        std::fprintf(stderr, "refinery: error: %s\n",
                     extra["run_failed"].get<std::string>().c_str());
        exit_code = kExitCheckFailed;
      }
    }
  }
  return exit_code;
}

}  // namespace refinery::cli
