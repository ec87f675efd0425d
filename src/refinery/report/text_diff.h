// Differences between an original and a refined text: the normalised character edit distance
// (the per-record Δ of the report) and a word-level diff for highlighting.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace refinery::report {

// Levenshtein distance between the code point sequences of `a` and `b` (unit costs), in
// O(|a| |b| / 64) time with Myers' / Hyyrö's bit-parallel algorithm.
size_t EditDistance(std::string_view a, std::string_view b);

// EditDistance / max(|a|, |b|) in code points; 0 when both are empty. Texts longer than
// `max_code_points` are cut to that length first (bounded time on hostile input).
double NormalizedEditDistance(std::string_view a, std::string_view b,
                              size_t max_code_points = 100000);

struct DiffSegment {
  enum class Op { kEqual, kDelete, kInsert };
  Op op = Op::kEqual;
  std::string text;
};

// Word-level diff (runs of word characters, runs of spaces, and single other characters are
// the units): a shortest edit script as equal / delete / insert segments, adjacent segments of
// the same kind merged. Inputs longer than `max_units` units are cut (and `truncated` set).
std::vector<DiffSegment> WordDiff(std::string_view a, std::string_view b, size_t max_units = 3000,
                                  bool* truncated = nullptr);

}  // namespace refinery::report
