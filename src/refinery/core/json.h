// The JSON value type Refinery uses for what it writes itself: the `refinery` object of a
// record, summaries, markers and reports. Insertion order is kept so output is stable.
// Input records are parsed with simdjson instead (see io/record_parser.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace refinery {

using Json = nlohmann::ordered_json;

// Adds `delta` into `total`: numbers are summed, except keys ending in `_min` / `_max`, which
// keep the minimum / maximum; objects merge recursively; arrays of numbers add element-wise
// (histograms). Used to combine per-batch, per-part and per-shard counters, in any order.
void MergeCounters(Json& total, const Json& delta);

}  // namespace refinery

namespace refinery {

// Appends `utf8` as a JSON string literal (quotes included) to `out`. Escapes only what JSON
// requires (quote, backslash, control characters), so non-ASCII text stays readable.
void AppendJsonString(std::string& out, std::string_view utf8);

}  // namespace refinery
