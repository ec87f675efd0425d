#include "refinery/scaleout/sbatch_script.h"

#include <algorithm>
#include <sstream>

#include <absl/strings/ascii.h>
#include <absl/strings/numbers.h>
#include <absl/strings/str_split.h>
#include <fmt/format.h>

#include "refinery/scaleout/subprocess.h"

namespace refinery::scaleout {

namespace {

bool HasLineBreak(const std::string& s) {
  return s.find_first_of("\r\n") != std::string::npos || s.find('\0') != std::string::npos;
}

}  // namespace

Status ValidateSbatchSpec(const SbatchSpec& spec) {
  if (spec.num_shards == 0) return absl::InvalidArgumentError("--tasks: must be at least 1");
  if (spec.refinery_binary.empty()) return absl::InvalidArgumentError("refinery binary unknown");
  if (spec.pipeline.empty()) return absl::InvalidArgumentError("PIPELINE: missing");
  if (spec.output.empty()) {
    return absl::InvalidArgumentError(
        "output: the pipeline names no output directory; give --output DIR");
  }
  const std::pair<const char*, const std::string*> fields[] = {
      {"pipeline", &spec.pipeline},
      {"--output", &spec.output},
      {"--input", &spec.input},
      {"workdir", &spec.workdir},
      {"--partition", &spec.partition},
      {"--time", &spec.time},
      {"--mem", &spec.mem},
      {"--job-name", &spec.job_name},
      {"refinery binary", &spec.refinery_binary}};
  for (const auto& [name, value] : fields) {
    if (HasLineBreak(*value)) {
      return absl::InvalidArgumentError(fmt::format("{}: must not contain a line break", name));
    }
  }
  for (const std::string& arg : spec.extra_run_args) {
    if (HasLineBreak(arg))
      return absl::InvalidArgumentError("--run-arg: must not contain a line break");
  }
  for (const std::string& arg : spec.extra_sbatch_args) {
    if (HasLineBreak(arg)) {
      return absl::InvalidArgumentError("--sbatch-arg: must not contain a line break");
    }
    if (arg.rfind("--array", 0) == 0 || arg.rfind("-a", 0) == 0) {
      return absl::InvalidArgumentError(
          "--sbatch-arg: --array is set by refinery (use --tasks and --max-parallel)");
    }
  }
  return absl::OkStatus();
}

std::string GenerateSbatchScript(const SbatchSpec& spec) {
  const std::string job_name = spec.job_name.empty() ? "refinery" : spec.job_name;
  const std::string logs = spec.output + "/slurm/logs";
  std::ostringstream s;
  s << "#!/bin/bash\n";
  s << "# Refinery sharded run: one Slurm array task per shard.\n";
  s << "# Written by: " << (spec.submitted_by.empty() ? "refinery slurm submit" : spec.submitted_by)
    << "\n";
  s << "#   pipeline: " << spec.pipeline << "\n";
  s << "#   output:   " << spec.output << "\n";
  s << "#   shards:   " << spec.num_shards
    << " (shard = REFINERY_SHARD_OFFSET + SLURM_ARRAY_TASK_ID; offset 0 unless the array\n"
       "#             was split to respect MaxArraySize)\n";
  s << "# Rerun by hand with: sbatch --array=INDICES " << spec.output << "/slurm/refinery.sbatch\n";
  s << "# (`refinery slurm submit` again resubmits only the shards without shard-SSSSS.done.)\n";
  s << "# On the time-limit warning (USR1, " << spec.signal_seconds
    << " s before the end) or on preemption/scancel (TERM) the\n"
       "# task asks refinery to finish its current part and stop; after the warning it requeues\n"
       "# itself, and --resume carries on from the finished parts.\n";
  s << "#SBATCH --job-name=" << job_name << "\n";
  s << "#SBATCH --array=0-" << spec.num_shards - 1;
  if (spec.max_parallel > 0) s << "%" << spec.max_parallel;
  s << "\n";
  s << "#SBATCH --output=" << logs << "/%A_%a.log\n";
  s << "#SBATCH --open-mode=append\n";
  if (!spec.workdir.empty()) s << "#SBATCH --chdir=" << spec.workdir << "\n";
  s << "#SBATCH --requeue\n";
  s << "#SBATCH --signal=B:USR1@" << spec.signal_seconds << "\n";
  s << "#SBATCH --ntasks=1\n";
  if (spec.cpus > 0) s << "#SBATCH --cpus-per-task=" << spec.cpus << "\n";
  if (!spec.mem.empty()) s << "#SBATCH --mem=" << spec.mem << "\n";
  if (!spec.partition.empty()) s << "#SBATCH --partition=" << spec.partition << "\n";
  if (!spec.time.empty()) s << "#SBATCH --time=" << spec.time << "\n";
  for (const std::string& arg : spec.extra_sbatch_args) s << "#SBATCH " << arg << "\n";
  s << "\n";
  s << "set -u\n";
  s << "REFINERY=${REFINERY_BIN:-" << ShellQuote(spec.refinery_binary) << "}\n";
  s << "PIPELINE=" << ShellQuote(spec.pipeline) << "\n";
  s << "OUTPUT=" << ShellQuote(spec.output) << "\n";
  s << "NUM_SHARDS=" << spec.num_shards << "\n";
  s << "SHARD=$(( ${REFINERY_SHARD_OFFSET:-0} + SLURM_ARRAY_TASK_ID ))\n";
  s << "args=(run \"$PIPELINE\" --output \"$OUTPUT\" --num-shards \"$NUM_SHARDS\" "
       "--shard-index \"$SHARD\" --resume --quiet)\n";
  if (!spec.input.empty()) s << "args+=(--input " << ShellQuote(spec.input) << ")\n";
  for (const std::string& arg : spec.extra_run_args) s << "args+=(" << ShellQuote(arg) << ")\n";
  s << "# One thread per CPU Slurm gave the task (all cores would oversubscribe the node).\n";
  s << "args+=(--threads \"${SLURM_CPUS_PER_TASK:-1}\")\n";
  s << "\n";
  s << "echo \"refinery: shard $SHARD of $NUM_SHARDS on $(hostname) "
       "(job ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID:-?}, "
       "restart ${SLURM_RESTART_COUNT:-0})\"\n";
  s << "requeue=0\n";
  s << "stop() {\n";
  s << "  [ \"$1\" = USR1 ] && requeue=1\n";
  s << "  echo \"refinery: shard $SHARD got SIG$1: finishing the current part\" >&2\n";
  s << "  kill -s \"$1\" \"$pid\" 2>/dev/null\n";
  s << "}\n";
  s << "trap 'stop USR1' USR1\n";
  s << "trap 'stop TERM' TERM\n";
  s << "\"$REFINERY\" \"${args[@]}\" &\n";
  s << "pid=$!\n";
  s << "# A trapped signal interrupts `wait`; keep waiting until refinery itself has exited.\n";
  s << "wait \"$pid\"\n";
  s << "rc=$?\n";
  s << "while kill -0 \"$pid\" 2>/dev/null; do\n";
  s << "  wait \"$pid\"\n";
  s << "  rc=$?\n";
  s << "done\n";
  s << "if [ \"$rc\" -ne 0 ] && [ \"$requeue\" -eq 1 ] && [ -n \"${SLURM_ARRAY_JOB_ID:-}\" ]; "
       "then\n";
  s << "  echo \"refinery: shard $SHARD stopped before the time limit; requeueing\" >&2\n";
  s << "  scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n";
  s << "fi\n";
  s << "echo \"refinery: shard $SHARD exited with status $rc\"\n";
  s << "exit \"$rc\"\n";
  return s.str();
}

std::string FormatArrayIndices(const std::vector<uint32_t>& indices) {
  std::string out;
  size_t i = 0;
  while (i < indices.size()) {
    size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(indices[i]);
    if (j > i) {
      out += '-';
      out += std::to_string(indices[j]);
    }
    i = j + 1;
  }
  return out;
}

StatusOr<std::vector<uint32_t>> ParseArrayIndices(const std::string& text) {
  std::string spec = text.substr(0, text.find('%'));
  std::vector<uint32_t> out;
  for (absl::string_view item : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    uint32_t step = 1;
    size_t colon = item.find(':');
    if (colon != absl::string_view::npos) {
      if (!absl::SimpleAtoi(item.substr(colon + 1), &step) || step == 0) {
        return absl::InvalidArgumentError("array indices: bad step in '" + std::string(item) + "'");
      }
      item = item.substr(0, colon);
    }
    uint32_t first = 0;
    uint32_t last = 0;
    size_t dash = item.find('-');
    bool ok = dash == absl::string_view::npos
                  ? absl::SimpleAtoi(item, &first) && (last = first, true)
                  : absl::SimpleAtoi(item.substr(0, dash), &first) &&
                        absl::SimpleAtoi(item.substr(dash + 1), &last);
    if (!ok || last < first || last - first > 10'000'000) {
      return absl::InvalidArgumentError("array indices: bad item '" + std::string(item) + "'");
    }
    for (uint64_t v = first; v <= last; v += step) out.push_back(static_cast<uint32_t>(v));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string ArrayChunk::ArraySpec(uint32_t max_parallel) const {
  std::string spec = FormatArrayIndices(indices);
  if (max_parallel > 0) {
    spec += '%';
    spec += std::to_string(max_parallel);
  }
  return spec;
}

std::vector<ArrayChunk> SplitIntoArrays(const std::vector<uint32_t>& shards,
                                        uint32_t max_array_size, size_t max_spec_chars) {
  constexpr size_t kMaxRunChars = 22;  // "4294967295-4294967295,"
  const size_t max_runs = std::max<size_t>(1, max_spec_chars / kMaxRunChars);
  if (max_array_size == 0) max_array_size = 1;
  std::vector<ArrayChunk> chunks;
  size_t runs = 0;  // index runs ("a-b" items) in the last chunk
  for (uint32_t shard : shards) {
    const uint32_t offset = shard / max_array_size * max_array_size;
    const uint32_t index = shard - offset;
    const bool continues_run = !chunks.empty() && chunks.back().offset == offset &&
                               !chunks.back().indices.empty() &&
                               chunks.back().indices.back() + 1 == index;
    if (chunks.empty() || chunks.back().offset != offset || (!continues_run && runs >= max_runs)) {
      chunks.push_back(ArrayChunk{offset, {}});
      runs = 0;
    }
    if (!continues_run) ++runs;
    chunks.back().indices.push_back(index);
  }
  return chunks;
}

std::optional<uint32_t> ParseMaxArraySize(const std::string& scontrol_config) {
  std::istringstream in(scontrol_config);
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    if (absl::StripAsciiWhitespace(line.substr(0, eq)) != "MaxArraySize") continue;
    uint32_t value = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(line.substr(eq + 1)), &value) && value > 0) {
      return value;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

StatusOr<std::string> ParseSbatchJobId(const std::string& sbatch_output) {
  std::string text(absl::StripAsciiWhitespace(sbatch_output));
  // Warnings may precede the id; it is the last line.
  size_t nl = text.rfind('\n');
  if (nl != std::string::npos) text = text.substr(nl + 1);
  text = text.substr(0, text.find(';'));
  uint64_t id = 0;
  if (text.empty() || !absl::SimpleAtoi(text, &id)) {
    return absl::InternalError("sbatch printed no job id: '" + std::string(sbatch_output) + "'");
  }
  return text;
}

}  // namespace refinery::scaleout
