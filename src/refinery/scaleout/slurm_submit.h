// `refinery slurm submit`: writes the sbatch array script into the run's output directory
// and submits one array task per shard that is not done and not already queued or running
// (so submitting again after failures, cancellations or preemption runs only what is left),
// splitting the array where the cluster's MaxArraySize requires it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "refinery/core/status.h"
#include "refinery/scaleout/sbatch_script.h"

namespace refinery::scaleout {

struct SubmitOptions {
  std::string pipeline;  // PIPELINE.yaml
  std::string output;    // overrides the pipeline's output ("" = the pipeline's)
  std::string input;     // overrides the pipeline's input ("" = the pipeline's)
  uint32_t tasks = 0;    // number of shards (array tasks)
  uint32_t max_parallel = 0;
  std::string job_name;
  std::string partition;
  std::string time;
  uint32_t cpus = 0;
  std::string mem;
  uint32_t signal_seconds = 120;
  std::vector<std::string> sbatch_args;
  std::vector<std::string> run_args;  // extra `refinery run` arguments for every task
  bool dry_run = false;               // write the script, print the commands, submit nothing
  std::string refinery_binary;        // "" = this executable
  std::string submitted_by;           // the command line, for the script's header
};

struct SubmitResult {
  std::string output;                              // absolute output directory
  std::string script_path;                         // the sbatch script written
  std::vector<uint32_t> shards;                    // shards submitted now
  uint32_t already_done = 0;                       // shards with their marker
  std::vector<uint32_t> already_queued;            // shards pending or running in Slurm
  std::vector<std::vector<std::string>> commands;  // the sbatch command lines
  std::vector<std::string> job_ids;                // one per command (none with dry_run)
  uint32_t max_array_size = 0;
  std::string note;  // what the user should know (e.g. MaxArraySize unknown)
};

StatusOr<SubmitResult> SubmitRun(const SubmitOptions& options);

// MaxArraySize from `scontrol show config`; nullopt when Slurm cannot be asked.
std::optional<uint32_t> QueryMaxArraySize();

}  // namespace refinery::scaleout
