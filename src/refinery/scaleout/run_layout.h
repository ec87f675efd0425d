// Readers for the files a sharded run leaves in its output directory (their names are in
// io/run_layout.h; see docs/scale-out.md), and the files `refinery slurm submit` adds under
// slurm/. They live here so status, submit and merge agree on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/io/files.h"
#include "refinery/io/run_layout.h"

namespace refinery::scaleout {

inline constexpr const char* kSlurmDirName = "slurm";
inline constexpr const char* kSubmissionsName = "slurm/submissions.jsonl";
inline constexpr const char* kScriptName = "slurm/refinery.sbatch";

// run.json: what every shard of the run shares.
struct RunInfo {
  std::string config_hash;
  uint32_t num_shards = 0;
};

// Reads DIR/run.json. NotFound when there is none (the run has not started).
StatusOr<RunInfo> ReadRunInfo(const std::string& dir);

// A shard's completion marker (shard-SSSSS.done), when it exists.
struct ShardMarker {
  std::string config_hash;
  uint32_t num_shards = 0;
  uint32_t shard_index = 0;
  Json summary;   // the shard's summary (may be null when the marker has none)
  Json counters;  // its typed counters (RunCounters::ToJson); null in older markers
};
// nullopt when the marker does not exist; an error when it exists but cannot be read.
StatusOr<std::optional<ShardMarker>> ReadShardMarker(const std::string& dir, uint32_t shard);

// A finished part of one shard: part-SSSSS-NNNNN.<ext> whose .done marker exists.
struct PartFile {
  uint32_t shard = 0;
  uint32_t part = 0;
  std::string path;         // the records
  std::string marker_path;  // its .done marker ("" when the marker is missing)
};
// All part files in DIR, sorted by (shard, part). Markers are matched when present.
StatusOr<std::vector<PartFile>> ListParts(const std::string& dir);

// Per-shard output channels: "<name>-SSSSS.jsonl" (rejects, audit, ...). Returns the names
// (without shard tag and extension) that occur in DIR, sorted.
StatusOr<std::vector<std::string>> ListShardChannels(const std::string& dir);

}  // namespace refinery::scaleout
