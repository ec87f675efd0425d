// Where a sharded run stands: per shard, done (its shard-SSSSS.done marker exists), running,
// pending, failed or unsubmitted, from the markers in the output directory and what Slurm
// says about the array tasks `refinery slurm submit` recorded in slurm/submissions.jsonl.
// squeue knows live jobs (and finished ones for MinJobAge); sacct, when accounting is on,
// knows older ones. Without either the markers still give done vs not done.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery::scaleout {

// One `sbatch` of an array: array task `index` runs shard `offset + index`.
struct Submission {
  std::string job_id;
  uint32_t offset = 0;
  std::vector<uint32_t> indices;
  uint32_t num_shards = 0;
  std::string submitted_at;  // ISO 8601 UTC
};
Status AppendSubmission(const std::string& dir, const Submission& submission);
// Every submission recorded in DIR, oldest first (none when the file does not exist).
StatusOr<std::vector<Submission>> ReadSubmissions(const std::string& dir);

// What Slurm reports for one array task ("123_4").
struct SlurmTaskState {
  std::string state;   // PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, ...
  std::string reason;  // squeue's reason (pending) or sacct's exit code
};
struct SlurmView {
  std::map<std::string, SlurmTaskState> tasks;  // by "JOBID_TASK"
  bool squeue_ok = false;                       // squeue answered
  bool sacct_ok = false;                        // sacct answered (accounting enabled)
  std::string note;                             // why something was unavailable, for the user
};
// Parses `squeue -h -r -t all -o '%i|%T|%r'` lines into `view`.
void ParseSqueueOutput(const std::string& text, SlurmView& view);
// Parses `sacct -n -P -X -o JobID,State,ExitCode` lines; entries squeue gave are kept.
void ParseSacctOutput(const std::string& text, SlurmView& view);
// Runs squeue and sacct for the given jobs (either may be unavailable: see the flags).
SlurmView QuerySlurm(const std::vector<std::string>& job_ids);

struct ShardStatus {
  uint32_t shard = 0;
  std::string state;   // done | running | pending | failed | unsubmitted | unknown
  std::string detail;  // Slurm's state or reason, when it says more than `state`
  std::string task;    // "JOBID_INDEX" of the latest submission that covers it
  uint32_t parts_done = 0;
  Json records = Json::object();  // {"in","out",...} so far (whole shard when done)
  Json bytes = Json::object();
};

struct RunStatus {
  std::string dir;
  uint32_t num_shards = 0;
  std::string config_hash;
  std::vector<ShardStatus> shards;
  std::map<std::string, uint32_t> counts;  // shards per state
  Json records = Json::object();           // totals over shards
  Json bytes = Json::object();
  std::string slurm_note;
};

// Reads markers and submissions in DIR and combines them with `view` (query Slurm before
// reading markers, so a task that finishes in between reads as done, not failed).
StatusOr<RunStatus> CollectRunStatus(const std::string& dir, const SlurmView& view);

// Shards that need a (re)submission: not done, not running or pending in Slurm.
std::vector<uint32_t> ShardsToSubmit(const RunStatus& status);

std::string FormatStatusTable(const RunStatus& status);  // one row per shard + summary line
std::string FormatStatusLine(const RunStatus& status);   // the one-line summary
Json StatusToJson(const RunStatus& status);

}  // namespace refinery::scaleout
