// Δ(x, y): the normalised character edit distance GDR uses to keep a rewrite close to its
// original. Distances count Unicode code points (insertions, deletions, substitutions).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace refinery::gdr {

// Exact Levenshtein distance of two code point sequences, bit-parallel (Myers / Hyyrö):
// O(ceil(m/64) * n) word operations after stripping the common prefix and suffix.
size_t LevenshteinCodePoints(const std::vector<char32_t>& a, const std::vector<char32_t>& b);

// The same distance when it is at most `k`, else some value above `k`, in
// O(ceil((k + 1) / 64) * n) word operations: only the band of diagonals an alignment of cost
// <= k passes through is computed (LevenshteinCodePoints bounds the distance line by line
// first and then takes this path).
size_t LevenshteinWithin(const std::vector<char32_t>& a, const std::vector<char32_t>& b, size_t k);

// Edit distance of two UTF-8 texts in code points. Exact when the texts differ only in a region
// small enough (|a'|*|b'| <= exact_cells after removing the common prefix and suffix);
// otherwise the texts are aligned line by line first (an LCS of line hashes, as `diff` does),
// and each changed hunk is measured exactly (or, for a huge hunk, bounded by max(|a|, |b|)), so
// long documents cost near-linear time. The result is then an upper bound of the true distance
// that is exact whenever the edits stay within lines.
size_t EditDistance(std::string_view a, std::string_view b, size_t exact_cells = 64u << 20);

// EditDistance / max(code points of a, of b), in [0, 1]; 0 for two empty texts.
double NormalizedEditDistance(std::string_view a, std::string_view b);

}  // namespace refinery::gdr
