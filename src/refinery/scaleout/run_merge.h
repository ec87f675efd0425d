// `refinery merge DIR`: after every shard of a run finished, combines the per-shard files
// into what a single-process run writes: summary.json (the steps' own figures combined by
// kind from the shard markers' typed counters, the rest summed, steps
// element-wise), rejects.jsonl and every other <channel>.jsonl (concatenated in
// shard order); and, on request, all parts concatenated in (shard, part) order.
#pragma once

#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery::scaleout {

// Adds one shard's summary into `total` (which starts as null): numbers summed (`_min`/`_max`
// keys keep the extreme), objects recursively, arrays of objects
// element-wise by index (the steps), arrays of numbers element-wise; strings keep the first
// shard's value. An error when the shapes disagree (e.g. different step lists).
// MergeRun then recomputes `*_mean` step counters and keeps run-level fields (inputs,
// output, threads, version, config hash) from the first shard instead of summing them.
Status MergeSummaryInto(Json& total, const Json& shard_summary);

struct MergeOptions {
  std::string concat_output;  // "" = no concatenation; "-" = stdout
};

struct MergeResult {
  uint32_t num_shards = 0;
  Json summary;                            // the merged summary
  std::vector<std::string> files_written;  // paths
  uint64_t parts_concatenated = 0;
  uint64_t bytes_concatenated = 0;
};

// Checks that every shard 0..N-1 has its marker with the run's config hash (the error names
// the missing and mismatched shards), then writes the merged files into DIR.
StatusOr<MergeResult> MergeRun(const std::string& dir, const MergeOptions& options);

}  // namespace refinery::scaleout
