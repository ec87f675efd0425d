// The top-level fields of a JSON object that is already known to be valid, found without
// parsing the values: what re-serializing a changed record needs to carry the other fields
// through as they were.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace refinery {

struct RawField {
  std::string_view key;    // as written between the quotes (escapes not decoded)
  std::string_view value;  // the value's JSON text, from its first to its last byte
};

// Splits `json` (one valid JSON object, e.g. a validated input line) into its fields, in
// order. Returns false, with `fields` unspecified, if `json` is not an object. Strings are
// skipped with memchr, so a long text costs little more than its length in memory bandwidth.
bool SplitObjectFields(std::string_view json, std::vector<RawField>& fields);

// The decoded form of a key as returned by SplitObjectFields (copied only if it has escapes).
std::string_view DecodeKey(std::string_view raw_key, std::string& scratch);

}  // namespace refinery
