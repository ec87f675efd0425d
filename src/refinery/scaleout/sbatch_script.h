// The sbatch array script `refinery slurm submit` writes into a run's output directory, and
// the pure helpers around it: array index lists, splitting over MaxArraySize, parsing what
// sbatch and scontrol print. No Slurm needed to use (or test) anything here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "refinery/core/status.h"

namespace refinery::scaleout {

// Everything the script needs. Paths should be absolute (the job runs elsewhere).
struct SbatchSpec {
  std::string refinery_binary;  // the refinery executable the tasks run
  std::string pipeline;         // PIPELINE.yaml
  std::string output;           // the run's output directory
  std::string input;            // --input override ("" = the pipeline's own)
  std::string workdir;          // the tasks' working directory (relative inputs resolve here)
  uint32_t num_shards = 1;      // --tasks
  uint32_t max_parallel = 0;    // array throttle (%K); 0 = no limit
  std::string job_name;         // default "refinery"
  std::string partition;
  std::string time;               // --time (Slurm format: "1:00:00", "2-00:00:00", minutes)
  uint32_t cpus = 0;              // --cpus-per-task; also the task's --threads. 0 = Slurm's default
  std::string mem;                // --mem ("16G")
  uint32_t signal_seconds = 120;  // time-limit warning: USR1 to the batch shell this early
  std::vector<std::string> extra_sbatch_args;  // verbatim "#SBATCH ARG" lines
  std::vector<std::string> extra_run_args;     // appended to each task's `refinery run`
  std::string submitted_by;                    // the command line, for the header comment
};

// Rejects values that would break the script (newlines, empty paths, zero shards).
Status ValidateSbatchSpec(const SbatchSpec& spec);

// The script text. Each array task runs one shard: REFINERY_SHARD_OFFSET (exported by
// submit when an array is split, default 0) + SLURM_ARRAY_TASK_ID.
std::string GenerateSbatchScript(const SbatchSpec& spec);

// "0-3,5,7-9" from sorted, distinct indices (Slurm's --array syntax without the throttle).
std::string FormatArrayIndices(const std::vector<uint32_t>& indices);
// The inverse: "0-3,5,7-9" (a ":step" and a trailing "%K" are accepted) to sorted indices.
StatusOr<std::vector<uint32_t>> ParseArrayIndices(const std::string& text);

// One sbatch submission: shards offset + index for each index (all < max_array_size).
struct ArrayChunk {
  uint32_t offset = 0;
  std::vector<uint32_t> indices;
  std::string ArraySpec(uint32_t max_parallel) const;  // "0-3%2"
};
// Groups shards (sorted, distinct) into arrays whose indices are below `max_array_size`
// (Slurm's MaxArraySize: the largest index is MaxArraySize - 1). Also keeps each --array
// string under `max_spec_chars` so sparse resubmissions stay within sbatch's limits.
std::vector<ArrayChunk> SplitIntoArrays(const std::vector<uint32_t>& shards,
                                        uint32_t max_array_size, size_t max_spec_chars = 8000);

// MaxArraySize from `scontrol show config` output; nullopt when absent.
std::optional<uint32_t> ParseMaxArraySize(const std::string& scontrol_config);

// The job id from `sbatch --parsable` output ("123" or "123;cluster").
StatusOr<std::string> ParseSbatchJobId(const std::string& sbatch_output);

}  // namespace refinery::scaleout
