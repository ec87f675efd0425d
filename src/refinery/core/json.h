// The JSON value type Refinery uses for what it writes itself: the `refinery` object of a
// record, summaries, markers and reports. Insertion order is kept so output is stable.
// Input records are parsed with simdjson instead (see io/record_parser.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace refinery {

using Json = nlohmann::ordered_json;

// Makes `j` an empty object with room for `keys` keys and returns its fields to emplace_back
// into: an ordered_json object is a vector, so growing one key by key costs an allocation
// per key (this matters for objects written per span or per record).
inline Json::object_t& ReserveObject(Json& j, size_t keys) {
  j = Json::object();
  Json::object_t& fields = j.get_ref<Json::object_t&>();
  fields.reserve(keys);
  return fields;
}

}  // namespace refinery

namespace refinery {

// Appends `utf8` as a JSON string literal (quotes included) to `out`. Escapes only what JSON
// requires (quote, backslash, control characters), so non-ASCII text stays readable.
void AppendJsonString(std::string& out, std::string_view utf8);

// Appends `j` as `j.dump(-1, ' ', false, Json::error_handler_t::replace)` writes it, without the
// temporary string and with the common cases (ASCII strings and keys, numbers) written directly;
// anything else is handed to nlohmann's serializer. One difference: a double that is the one
// nearest to a decimal of at most six significant digits (a score, RoundScore below) is written
// as that decimal, where nlohmann's Grisu2 sometimes writes more digits of the same double
// ("0.106676", not "0.10667600000000001"). Records are written with it: their `refinery`
// objects hold many short keys and numbers.
void AppendJson(std::string& out, const Json& j);

// One value exactly as AppendJson writes the Json holding it, for code that writes JSON text
// without building a Json tree (Record::AppendRefineryMembers): a double (non-finite: null),
// an unsigned integer, a string.
void AppendJsonNumber(std::string& out, double x);
void AppendJsonNumber(std::string& out, uint64_t x);
void AppendJsonStringValue(std::string& out, std::string_view s);

// A score or probability as records carry it: rounded to six significant digits, which is
// more than ordering and thresholding need (a double's 17 digits made up a third of a scored
// record's bytes, and writing them a twelfth of `score toxicity`'s time). RoundScore gives the
// double nearest to that decimal; values that are not finite or whose magnitude is outside
// [1e-15, 1e15) are returned as they are. AppendJsonScore(out, x) appends that decimal, laid
// out as AppendJsonNumber lays out a double ("0.966233", "1.0", "1e-05"): exactly what
// AppendJsonNumber(out, RoundScore(x)) and AppendJson of a Json holding RoundScore(x) write.
double RoundScore(double x);
void AppendJsonScore(std::string& out, double x);

}  // namespace refinery
