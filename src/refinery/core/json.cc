#include "refinery/core/json.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace refinery {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void MergeCounters(Json& total, const Json& delta) {
  if (delta.is_null()) return;
  if (total.is_null()) {
    total = delta;
    return;
  }
  if (total.is_object() && delta.is_object()) {
    for (auto it = delta.begin(); it != delta.end(); ++it) {
      const std::string& key = it.key();
      auto found = total.find(key);
      if (found == total.end()) {
        total[key] = it.value();
      } else if (found->is_number() && it.value().is_number()) {
        if (EndsWith(key, "_min")) {
          if (it.value() < *found) *found = it.value();
        } else if (EndsWith(key, "_max")) {
          if (it.value() > *found) *found = it.value();
        } else if (found->is_number_integer() && it.value().is_number_integer()) {
          *found = found->get<int64_t>() + it.value().get<int64_t>();
        } else {
          *found = found->get<double>() + it.value().get<double>();
        }
      } else {
        MergeCounters(*found, it.value());
      }
    }
    return;
  }
  if (total.is_array() && delta.is_array()) {
    for (size_t i = 0; i < delta.size(); ++i) {
      if (i >= total.size()) {
        total.push_back(delta[i]);
      } else if (total[i].is_number() && delta[i].is_number()) {
        if (total[i].is_number_integer() && delta[i].is_number_integer()) {
          total[i] = total[i].get<int64_t>() + delta[i].get<int64_t>();
        } else {
          total[i] = total[i].get<double>() + delta[i].get<double>();
        }
      } else {
        MergeCounters(total[i], delta[i]);
      }
    }
  }
  // Anything else (strings, mismatched types): the first value stands.
}

namespace {

// True when one of the 8 bytes of `x` is a control character, '"' or '\\' (SWAR: a byte's
// high bit is set in each test exactly when that byte matches, for any byte value).
bool NeedsEscape8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  uint64_t control = (x - kOnes * 0x20) & ~x & kHighs;
  uint64_t quote = x ^ (kOnes * '"');
  uint64_t backslash = x ^ (kOnes * '\\');
  return (control | ((quote - kOnes) & ~quote & kHighs) |
          ((backslash - kOnes) & ~backslash & kHighs)) != 0;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view utf8) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    // Most text needs no escaping: skip it eight bytes at a time.
    while (i + 8 <= utf8.size()) {
      uint64_t word;
      std::memcpy(&word, utf8.data() + i, 8);
      if (NeedsEscape8(word)) break;
      i += 8;
    }
    if (i == utf8.size()) break;
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(utf8.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(utf8.data() + run_start, utf8.size() - run_start);
  out.push_back('"');
}

}  // namespace refinery
