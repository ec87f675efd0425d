// `refinery order`: sorts records by any numeric field (a score such as
// refinery.scores.quality or refinery.scores.ai_human) for ordered / curriculum training.
// Writes either the reordered records (unchanged bytes) or a manifest of
// {"rank", "id", "score", "file", "line"} lines. The sort is stable: ties keep input order.
#pragma once

#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery::metrics {

struct OrderOptions {
  std::vector<std::string> inputs;
  std::string output;            // .jsonl[.gz|.zst] or "-"
  std::string by;                // dotted field path, e.g. refinery.scores.quality
  bool descending = false;       // highest first
  bool manifest = false;         // write the manifest instead of the records
  std::string missing = "last";  // records without a numeric value: last | first | drop
  std::string text_field = "text";
  std::string id_field = "id";
};

// Returns a summary: {"records", "with_score", "missing", "dropped", "min", "max", "output"}.
// Memory: a few dozen bytes per record for the manifest; the records' bytes for reordered
// output.
StatusOr<Json> OrderRecords(const OrderOptions& options);

}  // namespace refinery::metrics
