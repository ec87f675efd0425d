// The engine's figures of a part, a shard or a whole run, as one typed struct with one
// combine function (Add), so part, shard and run totals are computed the same way whatever
// the sink. Markers and summary.json hold them as JSON (ToJson / FromJson).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/record.h"

namespace refinery {

struct RunCounters {
  RecordCounts records;
  uint64_t bytes_in = 0;   // input bytes (uncompressed)
  uint64_t bytes_out = 0;  // bytes the sink wrote (uncompressed)
  std::vector<StepStats> steps;
  // Reject reasons by category ("malformed JSON", `field "text": missing`, ...), in the order
  // first seen, so summaries list them in a stable order.
  std::vector<std::pair<std::string, uint64_t>> rejects_by_reason;

  explicit RunCounters(size_t step_count = 0) : steps(step_count) {}

  // Adds `other` in: every count is summed; steps add with StepStats::Add.
  void Add(const RunCounters& other);
  // Adds one finished batch (`bytes_out`: what the sink wrote of it).
  void AddBatch(Batch& batch, uint64_t bytes_out);
  void AddRejects(std::string_view category, uint64_t n);

  // {"records": {in, out, dropped, rejected, changed}, "bytes": {in, out},
  //  "steps": [StepStats::ToTypedJson...], "rejects_by_reason": {category: n}}
  Json ToJson() const;
  static RunCounters FromJson(const Json& j);
};

// The category a reject reason is counted under: the text before the first colon
// ("malformed JSON: ..." → "malformed JSON"), or the whole reason for field errors.
std::string RejectReasonCategory(std::string_view reason);

}  // namespace refinery
