// The cost report of an LLM rewrite run: requests and tokens per record, the share of prompt
// tokens spent on the fixed part of every prompt (system message and few-shot turns), and,
// given prices, the estimated cost per million records. Computed from the step's counters
// (summed over batches, parts and shards) when the summary is finished, so a resumed or
// sharded run reports the whole run.
#pragma once

#include <optional>
#include <string>

#include "refinery/core/json.h"

namespace refinery::gdr {

struct CostInputs {
  double records = 0;       // records the step saw (changed, fallback, kept, dropped)
  double records_sent = 0;  // records that needed at least one request
  double requests = 0;      // model requests (attempts with feedback included, cache hits too)
  double cache_hits = 0;
  double prompt_tokens = 0;  // from the servers' usage (cached replies: as first answered)
  double completion_tokens = 0;
  double prompt_bytes = 0;     // bytes of every prompt sent (messages + 16 per message)
  double overhead_bytes = 0;   // of those, per request: the fixed part of the prompt
  double usage_estimated = 0;  // answers whose token counts are the client's estimates
  std::optional<double> price_in, price_out;  // USD per million tokens
};

// {"records", "requests", "requests_per_record", "prompt_tokens_per_record",
//  "completion_tokens_per_record", "prompt_overhead_share", "prompt_overhead_tokens_per_record",
//  "price_in_usd_per_mtok", "price_out_usd_per_mtok", "usd_per_million_records", ...}
// (prices and cost only when both prices are given).
Json CostReport(const CostInputs& in);

// One line for the printed summary.
std::string CostLine(const Json& report);

}  // namespace refinery::gdr
