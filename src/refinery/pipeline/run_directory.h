// The layout of a run's output directory, and its bookkeeping for crash-safe resume.
//
//   run.json                     config hash, canonical config, input fingerprint, shard count
//   part-SSSSS-NNNNN.jsonl[.gz|.zst]   records of shard S, part N
//   part-SSSSS-NNNNN.done        completion marker of the part (counters, where the next starts)
//   part-SSSSS-NNNNN.state       checkpoint of ordered steps (only when they have state)
//   <channel>-SSSSS-NNNNN.jsonl  side output of the part (rejects, audit), when it has any
//   shard-SSSSS.done             completion marker of the shard (with its summary)
//   summary.json, rejects.jsonl, audit.jsonl          single-shard runs
//   summary-SSSSS.json, rejects-SSSSS.jsonl, ...      multi-shard runs (see `refinery merge`)
//
// Everything is written under a temporary name, fsynced and renamed; a part's marker is written
// last, so a part is either complete (marker present) or redone from scratch on --resume.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/io/compression.h"

namespace refinery {

class RunDirectory {
 public:
  RunDirectory(std::string dir, uint32_t num_shards, uint32_t shard_index);

  const std::string& dir() const { return dir_; }
  uint32_t shard() const { return shard_; }
  uint32_t num_shards() const { return num_shards_; }

  std::string PartPath(uint32_t part, Compression compression) const;
  std::string PartMarkerPath(uint32_t part) const;
  std::string PartStatePath(uint32_t part) const;
  std::string PartChannelPath(const std::string& channel, uint32_t part) const;
  std::string ShardMarkerPath() const;
  std::string ChannelPath(const std::string& channel) const;  // final, per shard or run
  std::string SummaryPath() const;
  std::string RunInfoPath() const;

  // Checks `run_info` (config hash, inputs) against run.json and returns the markers of this
  // shard's completed parts (always a prefix: parts complete in order). Without `resume`, a
  // shard that already has output is refused; `overwrite` deletes it first. A changed config or
  // input is refused with a message saying what changed.
  StatusOr<std::vector<Json>> Prepare(const Json& run_info, bool resume, bool overwrite);

  // True when this shard's completion marker exists (after Prepare).
  bool ShardDone() const;

  // Concatenates the per-part side outputs into the shard's files, then writes the summary and
  // the shard marker (with `counters`, the shard's typed RunCounters::ToJson, which
  // `refinery merge` combines by kind).
  Status FinishShard(const std::vector<std::string>& channels, uint32_t part_count,
                     const Json& summary, const Json& counters);

 private:
  Status RemoveShardFiles() const;

  std::string dir_;
  uint32_t num_shards_;
  uint32_t shard_;
};

}  // namespace refinery
