#include "refinery/pipeline/runner.h"
#include "refinery/core/build_info.h"
#include "refinery/io/model_file.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "refinery/core/hash.h"
#include "refinery/io/files.h"
#include "refinery/io/shard_plan.h"
#include "refinery/pipeline/executor.h"
#include "refinery/pipeline/parquet_sink.h"
#include "refinery/pipeline/part_source.h"
#include "refinery/pipeline/progress.h"
#include "refinery/pipeline/run_counters.h"
#include "refinery/pipeline/sinks.h"
#include "refinery/pipeline/step_params.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery {
namespace {

namespace fs = std::filesystem;

bool IsFileOutput(const std::string& output) {
  if (output == "-") return true;
  for (const char* ext : {".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd"}) {
    std::string e(ext);
    if (output.size() > e.size() && output.compare(output.size() - e.size(), e.size(), e) == 0)
      return true;
  }
  return false;
}

std::string StepWhere(const StepSpec& spec) {
  if (spec.where.empty()) return "";
  return spec.line > 0 ? spec.where + ":" + std::to_string(spec.line) : spec.where;
}

StatusOr<std::vector<std::unique_ptr<Step>>> BuildSteps(const PipelineConfig& config,
                                                        const StepRegistry& registry) {
  StepEnvironment env;
  env.text_field = config.text_field;
  env.id_field = config.id_field;
  env.models_dir = FindModelsDir(config.models_dir);
  std::vector<std::unique_ptr<Step>> steps;
  for (const StepSpec& spec : config.steps) {
    const StepInfo* info = registry.Find(spec.type);
    std::string at = StepWhere(spec);
    if (!info) {
      std::string known;
      for (const std::string& name : registry.Names()) known += (known.empty() ? "" : ", ") + name;
      return absl::InvalidArgumentError((at.empty() ? "" : at + ": ") + "unknown step type '" +
                                        spec.type + "' (known: " + known + ")");
    }
    StepParams params(spec.type, spec.params, spec.where);
    StatusOr<std::unique_ptr<Step>> step = info->factory(params, env);
    if (!step.ok()) {
      std::string message(step.status().message());
      if (!at.empty() && message.rfind(spec.where, 0) != 0) message = at + ": " + message;
      return absl::InvalidArgumentError(message);
    }
    steps.push_back(std::move(step).value());
  }
  return steps;
}

Json InputsJson(const std::vector<InputFile>& files) {
  Json inputs = Json::array();
  for (const InputFile& f : files) {
    inputs.push_back(Json{{"path", f.path}, {"size", f.size}, {"mtime_ns", f.mtime_ns}});
  }
  return inputs;
}

Json BuildSummary(const PipelineConfig& config, const std::vector<ExecutedStep>& steps,
                  const RunCounters& run_counters, const std::string& config_hash, double seconds,
                  const std::vector<InputFile>& files, const RunOptions& options, int threads) {
  const Json counters = run_counters.ToJson();
  Json step_list = Json::array();
  for (size_t i = 0; i < steps.size(); ++i) {
    Json s = i < run_counters.steps.size() ? run_counters.steps[i].ToJson() : StepStats{}.ToJson();
    Json extra = s.value("extra", Json::object());
    steps[i].step->FinishSummary(extra, steps[i].global);
    Json entry{{"type", steps[i].type}, {"where", StepWhere(config.steps[i])}};
    for (auto it = s.begin(); it != s.end(); ++it) {
      if (it.key() != "extra") entry[it.key()] = it.value();
    }
    entry["extra"] = extra;
    step_list.push_back(entry);
  }
  uint64_t input_bytes = 0;
  for (const InputFile& f : files) input_bytes += f.size;
  return Json{{"refinery_version", BuildVersion()},
              {"config_hash", config_hash},
              {"inputs", {{"files", files.size()}, {"bytes", input_bytes}}},
              {"output", config.output},
              {"shard", {{"index", options.shard_index}, {"count", options.num_shards}}},
              {"threads", threads},
              {"records", counters["records"]},
              {"bytes", counters["bytes"]},
              {"seconds", seconds},
              {"steps", step_list},
              {"rejects", {{"by_reason", counters["rejects_by_reason"]}}}};
}

Status RestoreState(const RunDirectory& dir, uint32_t part,
                    const std::vector<ExecutedStep>& steps) {
  ASSIGN_OR_RETURN(std::string state, ReadFile(dir.PartStatePath(part)));
  size_t pos = 0;
  while (pos + 12 <= state.size()) {
    uint32_t index;
    uint64_t size;
    std::memcpy(&index, state.data() + pos, 4);
    std::memcpy(&size, state.data() + pos + 4, 8);
    pos += 12;
    if (index >= steps.size() || pos + size > state.size()) break;
    RETURN_IF_ERROR(steps[index].step->RestoreCheckpoint(
        steps[index].global, std::string_view(state.data() + pos, size)));
    pos += size;
  }
  if (pos != state.size())
    return absl::DataLossError(dir.PartStatePath(part) + ": corrupt checkpoint");
  return absl::OkStatus();
}

}  // namespace

void ApplyShardEnvironment(RunOptions& options) {
  auto read = [](const char* name) -> long {
    const char* v = std::getenv(name);
    return v && *v ? std::strtol(v, nullptr, 10) : -1;
  };
  long index = read("SLURM_ARRAY_TASK_ID"), count = read("SLURM_ARRAY_TASK_COUNT");
  if (index < 0 || count <= 0) {
    index = read("RANK");
    count = read("WORLD_SIZE");
  }
  if (index >= 0 && count > 0) {
    options.shard_index = static_cast<uint32_t>(index);
    options.num_shards = static_cast<uint32_t>(count);
  }
}

// --- prepare / execute / summarize ---------------------------------------------------------

namespace {

// Everything one run needs, resolved before the first record is read. File and directory
// output differ only here (where the sink writes, which parts are already done) and in what
// is published at the end.
struct PreparedRun {
  std::vector<std::unique_ptr<Step>> owned_steps;
  std::vector<std::unique_ptr<StepGlobalState>> globals;  // run state, one per step
  std::vector<ExecutedStep> steps;
  std::vector<InputFile> files;
  std::vector<PartPlan> parts;
  size_t first_part = 0;  // parts before it were done by an earlier process (--resume)
  std::optional<LineStart> resume_start;
  RunCounters done;            // counters of those parts
  uint64_t bytes_to_read = 0;  // for the ETA; 0 when unknown
  std::string config_hash;
  ExecutorOptions exec;
  PartSourceOptions source;
  std::unique_ptr<RunDirectory> dir;  // null for single-file output
  DirectorySink* dir_sink = nullptr;  // sink, when it writes a directory
  std::unique_ptr<RunSink> sink;
  ProgressCounters progress;
  std::optional<Json> complete_summary;  // the shard was finished by an earlier process
};

Status CheckOptions(const PipelineConfig& config, const RunOptions& options) {
  if (config.inputs.empty()) {
    return absl::InvalidArgumentError((config.source.empty() ? "" : config.source + ": ") +
                                      "no input: set 'input' or pass --input");
  }
  if (config.output.empty()) {
    return absl::InvalidArgumentError((config.source.empty() ? "" : config.source + ": ") +
                                      "no output: set 'output' or pass --output");
  }
  if (options.num_shards == 0 || options.shard_index >= options.num_shards) {
    return absl::InvalidArgumentError("--shard-index must be below --num-shards");
  }
  return absl::OkStatus();
}

Status PrepareFileOutput(const PipelineConfig& config, const RunOptions& options,
                         PreparedRun& run) {
  if (config.output_format == "parquet")
    return absl::InvalidArgumentError("Parquet output goes to a directory, not a file");
  if (options.num_shards != 1)
    return absl::InvalidArgumentError("sharded runs write to a directory, not a file");
  if (options.resume) return absl::InvalidArgumentError("--resume needs a directory output");
  run.parts = PlanShard(run.files, 1, 0, UINT64_MAX);
  auto sink = std::make_unique<FileSink>(config.output, run.steps.size(), run.progress);
  RETURN_IF_ERROR(sink->Open());
  run.sink = std::move(sink);
  return absl::OkStatus();
}

Status PrepareDirectoryOutput(const PipelineConfig& config, const RunOptions& options,
                              Compression compression, PreparedRun& run) {
  Json run_info{{"refinery_version", BuildVersion()},
                {"config_hash", run.config_hash},
                {"inputs_hash", Sha256Hex(InputsJson(run.files).dump())},
                {"num_shards", options.num_shards},
                {"config", Json::parse(CanonicalConfig(config))},
                {"inputs", InputsJson(run.files)}};
  if (run.files.size() == 1 && run.files[0].path == "-" && options.resume) {
    return absl::InvalidArgumentError("--resume cannot continue a run that reads stdin");
  }
  run.dir = std::make_unique<RunDirectory>(config.output, options.num_shards, options.shard_index);
  const RunDirectory& dir = *run.dir;
  ASSIGN_OR_RETURN(std::vector<Json> done,
                   run.dir->Prepare(run_info, options.resume, options.overwrite));
  if (dir.ShardDone()) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(dir.ShardMarkerPath()));
    Json marker = Json::parse(text, nullptr, false);
    if (marker.is_discarded())
      return absl::DataLossError(dir.ShardMarkerPath() + ": not valid JSON");
    run.complete_summary = marker["summary"];
    return absl::OkStatus();
  }
  run.parts = PlanShard(run.files, options.num_shards, options.shard_index, config.part_bytes);
  if (done.size() > run.parts.size()) {
    return absl::DataLossError(dir.dir() +
                               ": more completed parts than the plan has; use --overwrite");
  }
  auto sink = std::make_unique<DirectorySink>(dir, compression, config.compression_level, run.steps,
                                              run.config_hash, run.progress);
  if (config.output_format == "parquet") RETURN_IF_ERROR(UseParquetParts(config, *sink));
  sink->AddChannels(Json::array({"rejects"}));  // rejects.jsonl exists even when empty
  for (size_t i = 0; i < done.size(); ++i) {
    const Json& marker = done[i];
    run.done.Add(RunCounters::FromJson(marker["counters"]));
    sink->AddChannels(marker.value("channels", Json::array()));
    if (marker.value("has_state", false))
      RETURN_IF_ERROR(RestoreState(dir, static_cast<uint32_t>(i), run.steps));
  }
  run.first_part = done.size();
  size_t first = run.first_part;
  if (first > 0 && first < run.parts.size() && run.parts[first].file == run.parts[first - 1].file) {
    const Json& next = done.back()["next_line"];
    run.resume_start =
        LineStart{next.value("offset", uint64_t{0}), next.value("lines_before", uint64_t{0})};
  }
  for (size_t i = first; i < run.parts.size(); ++i)
    run.bytes_to_read += PartSpan(run.files, run.parts[i]);
  run.dir_sink = sink.get();
  run.sink = std::move(sink);
  return absl::OkStatus();
}

// Builds the steps and their run state, resolves the inputs, plans the parts and opens the
// sink (restoring what an interrupted run left when resuming).
Status Prepare(const PipelineConfig& config, const StepRegistry& registry,
               const RunOptions& options, PreparedRun& run) {
  RETURN_IF_ERROR(CheckOptions(config, options));
  ASSIGN_OR_RETURN(run.owned_steps, BuildSteps(config, registry));
  for (size_t i = 0; i < run.owned_steps.size(); ++i) {
    run.globals.push_back(run.owned_steps[i]->NewGlobalState());
    run.steps.push_back({run.owned_steps[i].get(), config.steps[i].type, run.globals[i].get()});
  }
  run.done = RunCounters(run.steps.size());
  ASSIGN_OR_RETURN(run.files, ResolveInputs(config.inputs));
  ASSIGN_OR_RETURN(Compression compression, CompressionFromName(config.compression));

  int threads =
      config.threads > 0 ? config.threads : static_cast<int>(std::thread::hardware_concurrency());
  run.exec.threads = std::max(1, threads);
  run.exec.text_field = config.text_field;
  run.exec.id_field = config.id_field;
  run.source.batch_bytes = config.batch_bytes;
  run.source.batch_records = config.batch_records;
  run.source.max_record_bytes = config.max_record_bytes;
  run.source.stop = options.stop;
  run.source.stop_before_part = options.stop_before_part;
  run.config_hash =
      Sha256Hex(CanonicalConfig(config) + "\nshards=" + std::to_string(options.num_shards));

  if (IsFileOutput(config.output)) return PrepareFileOutput(config, options, run);
  return PrepareDirectoryOutput(config, options, compression, run);
}

// Moves every remaining part through the steps into the sink. Aborted when a stop request
// ended it early (a directory run can then be resumed).
Status ExecuteRun(const RunOptions& options, PreparedRun& run) {
  PartSource source(run.files, run.parts, run.first_part, run.resume_start, run.source,
                    run.progress);
  {
    ProgressReporter reporter(options.progress, run.progress, run.bytes_to_read);
    RETURN_IF_ERROR(Execute(source, run.steps, *run.sink, run.exec));
  }
  if (source.stopped_early()) {
    if (!run.dir_sink) return absl::AbortedError("stopped on request; the output was not written");
    return absl::AbortedError("stopped on request with " +
                              std::to_string(run.first_part + run.dir_sink->parts_committed()) +
                              " of " + std::to_string(run.parts.size()) +
                              " parts complete; rerun with --resume to finish");
  }
  return run.sink->Finish();
}

// The summary of everything done (earlier processes' parts included), published with the
// shard's completion marker when writing a directory.
StatusOr<Json> Summarize(const PipelineConfig& config, const RunOptions& options, PreparedRun& run,
                         double seconds) {
  RunCounters counters = run.done;
  counters.Add(run.sink->counters());
  Json summary = BuildSummary(config, run.steps, counters, run.config_hash, seconds, run.files,
                              options, run.exec.threads);
  if (run.dir) {
    RETURN_IF_ERROR(run.dir->FinishShard(run.dir_sink->channels(),
                                         static_cast<uint32_t>(run.parts.size()), summary,
                                         counters.ToJson()));
  }
  return summary;
}

}  // namespace

StatusOr<RunResult> RunPipeline(const PipelineConfig& config, const StepRegistry& registry,
                                const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  PreparedRun run;
  RETURN_IF_ERROR(Prepare(config, registry, options, run));
  RunResult result;
  result.output = config.output;
  if (run.dir) result.summary_path = run.dir->SummaryPath();
  if (run.complete_summary) {
    result.summary = *run.complete_summary;
    result.summary["already_complete"] = true;
    return result;
  }
  RETURN_IF_ERROR(ExecuteRun(options, run));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSIGN_OR_RETURN(result.summary, Summarize(config, options, run, seconds));
  return result;
}

}  // namespace refinery
