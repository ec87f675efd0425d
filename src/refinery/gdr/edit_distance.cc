#include "refinery/gdr/edit_distance.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "refinery/core/hash.h"
#include "refinery/core/utf8.h"

namespace refinery::gdr {
namespace {

std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) out.push_back(DecodeUtf8(s, i));
  return out;
}

// Bit-parallel Levenshtein (Myers 1999, block form as in Hyyrö 2003). `a` is the pattern
// (m <= n). Only the blocks of rows that meet the band of diagonals an alignment of cost <= k
// can pass through are computed (Ukkonen's band: a cell (i, j) on such a path has
// |i - j| + |(m - i) - (n - j)| <= k); rows outside it hold over-estimates (a block above the
// band is frozen and the one below it enters with the column-0 deltas, +1 per row), so the
// result is an upper bound of the distance that is exact whenever it is <= k. k >= m + n is
// the unbanded algorithm.
size_t MyersBlock(const char32_t* a, size_t m, const char32_t* b, size_t n, size_t k) {
  if (m == 0) return n;
  const size_t words = (m + 63) / 64;
  // Pattern bit masks per distinct code point: a flat table for Latin-1 (most text), a map
  // for the rest; id 0 is the all-zero mask of code points not in the pattern.
  constexpr uint32_t kNone = 0;
  uint32_t latin1[256] = {};
  std::unordered_map<char32_t, uint32_t> ids;
  std::vector<uint64_t> peq(words, 0);  // peq[id * words + w]
  auto id_of = [&](char32_t c, bool add) -> uint32_t {
    uint32_t* slot = nullptr;
    if (c < 256) {
      slot = &latin1[c];
    } else {
      auto it = ids.find(c);
      if (it != ids.end()) return it->second;
      if (!add) return kNone;
      slot = &ids[c];
    }
    if (*slot == kNone && add) {
      *slot = static_cast<uint32_t>(peq.size() / words);
      peq.resize(peq.size() + words, 0);
    }
    return *slot;
  };
  for (size_t i = 0; i < m; ++i) {
    peq[id_of(a[i], true) * words + i / 64] |= uint64_t{1} << (i % 64);
  }
  // Rows (1-based) of the band in column j: [j - below, j + above].
  const size_t extra = n - m;
  const size_t slack = k > extra ? k - extra : 0;
  const size_t below = extra + slack / 2 + slack % 2, above = slack / 2;
  std::vector<uint64_t> vp(words, ~uint64_t{0}), vn(words, 0);
  size_t first = 0;  // the band's top block
  size_t top = 0;    // D[64 * first][j]: the value on the row above block `first`
  for (size_t j = 1; j <= n; ++j) {
    const size_t lo = j > below ? j - below : 1;
    const size_t hi = std::min(m, j + above);
    const size_t new_first = std::min((lo - 1) / 64, words - 1), last = (hi - 1) / 64;
    // Blocks leaving the band: the row above the next one is theirs (column j - 1).
    for (; first < new_first; ++first) {
      top += static_cast<size_t>(__builtin_popcountll(vp[first]));
      top -= static_cast<size_t>(__builtin_popcountll(vn[first]));
    }
    ++top;  // D[r][j] = D[r][j - 1] + 1 on the row above the band (row 0: D[0][j] = j)
    const uint64_t* pm = &peq[id_of(b[j - 1], false) * words];
    uint64_t hp_carry = 1, hn_carry = 0;
    for (size_t w = first; w <= last; ++w) {
      uint64_t pmj = pm[w];
      uint64_t VP = vp[w], VN = vn[w];
      uint64_t X = pmj | hn_carry;
      uint64_t D0 = (((X & VP) + VP) ^ VP) | X | VN;
      uint64_t HP = VN | ~(D0 | VP);
      uint64_t HN = D0 & VP;
      uint64_t hp_in = hp_carry, hn_in = hn_carry;
      hp_carry = HP >> 63;
      hn_carry = HN >> 63;
      HP = (HP << 1) | hp_in;
      HN = (HN << 1) | hn_in;
      vp[w] = HN | ~(D0 | HP);
      vn[w] = HP & D0;
    }
  }
  // D[m][n]: the row above the band plus the vertical deltas down to row m.
  size_t dist = top;
  for (size_t w = first; w < words; ++w) {
    uint64_t mask = w + 1 < words || m % 64 == 0 ? ~uint64_t{0} : (uint64_t{1} << (m % 64)) - 1;
    dist += static_cast<size_t>(__builtin_popcountll(vp[w] & mask));
    dist -= static_cast<size_t>(__builtin_popcountll(vn[w] & mask));
  }
  return dist;
}

// Strips the common prefix and suffix and makes `a` the shorter side.
void Trim(const char32_t*& a, size_t& m, const char32_t*& b, size_t& n) {
  while (m > 0 && n > 0 && a[0] == b[0]) ++a, ++b, --m, --n;
  while (m > 0 && n > 0 && a[m - 1] == b[n - 1]) --m, --n;
  if (m > n) {
    std::swap(a, b);
    std::swap(m, n);
  }
}

size_t Unbanded(const char32_t* a, size_t m, const char32_t* b, size_t n) {
  Trim(a, m, b, n);
  return MyersBlock(a, m, b, n, m + n);
}

struct Line {
  size_t start, len;  // in code points
  size_t hash;
};

std::vector<Line> Lines(const char32_t* s, size_t n) {
  std::vector<Line> out;
  size_t start = 0;
  for (size_t i = 0; i <= n; ++i) {
    if (i == n || s[i] == U'\n') {
      size_t end = i == n ? i : i + 1;
      if (end > start) {
        uint64_t h = kFnv64Offset;
        for (size_t k = start; k < end; ++k) h = Fnv1a64Step(h, s[k]);
        out.push_back(Line{start, end - start, h});
      }
      start = end;
    }
  }
  return out;
}

bool SameLine(const char32_t* a, const Line& x, const char32_t* b, const Line& y) {
  return x.hash == y.hash && x.len == y.len &&
         std::equal(a + x.start, a + x.start + x.len, b + y.start);
}

// The pairs of equal lines of a longest common subsequence of lines (Myers' O(ND) diff, D
// capped at 2,000), in order; nullopt past the cap.
std::optional<std::vector<std::pair<int, int>>> MatchLines(const char32_t* a,
                                                           const std::vector<Line>& la,
                                                           const char32_t* b,
                                                           const std::vector<Line>& lb) {
  const int N = static_cast<int>(la.size()), M = static_cast<int>(lb.size());
  const int kMaxD = std::min(N + M, 2000);
  const int off = kMaxD + 1;
  std::vector<int> v(2 * off + 1, 0);
  std::vector<std::vector<int>> trace;
  int found_d = -1;
  for (int d = 0; d <= kMaxD && found_d < 0; ++d) {
    trace.push_back(v);
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                       : v[off + k - 1] + 1;
      int y = x - k;
      while (x < N && y < M && SameLine(a, la[x], b, lb[y])) ++x, ++y;
      v[off + k] = x;
      if (x >= N && y >= M) {
        found_d = d;
        break;
      }
    }
  }
  if (found_d < 0) return std::nullopt;
  // Backtrack to the list of matched line pairs.
  std::vector<std::pair<int, int>> matches;
  int x = N, y = M;
  for (int d = found_d; d > 0; --d) {
    const std::vector<int>& pv = trace[d];
    int k = x - y;
    int prev_k = (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1])) ? k + 1 : k - 1;
    int prev_x = pv[off + prev_k];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) matches.emplace_back(--x, --y);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) matches.emplace_back(--x, --y);
  std::reverse(matches.begin(), matches.end());
  return matches;
}

// The cost of one alignment of a and b, so at least their distance, cheaply: equal lines
// matched as `diff` does, the lines between two matches paired in order (each pair measured
// exactly: lines are short) and the rest inserted or deleted. Edits within lines (a rewrite
// that replaces values) make it the distance itself, which the banded pass then confirms.
size_t LineBound(const char32_t* a, size_t m, const char32_t* b, size_t n) {
  std::vector<Line> la = Lines(a, m), lb = Lines(b, n);
  if (la.size() < 2 && lb.size() < 2) return std::max(m, n);
  auto matches = MatchLines(a, la, b, lb);
  if (!matches) matches.emplace();
  matches->emplace_back(static_cast<int>(la.size()), static_cast<int>(lb.size()));
  size_t total = 0;
  int ai = 0, bi = 0;
  for (auto [ma, mb] : *matches) {
    for (; ai < ma && bi < mb; ++ai, ++bi) {
      total += Unbanded(a + la[ai].start, la[ai].len, b + lb[bi].start, lb[bi].len);
    }
    for (; ai < ma; ++ai) total += la[ai].len;
    for (; bi < mb; ++bi) total += lb[bi].len;
    ai = ma + 1;
    bi = mb + 1;
  }
  return total;
}

size_t Exact(const char32_t* a, size_t m, const char32_t* b, size_t n) {
  Trim(a, m, b, n);
  // A long pattern: bound the distance first, and compute only the band of diagonals that
  // bound allows (exact: the band holds every alignment of cost <= the bound).
  if (m > 256) {
    size_t k = LineBound(a, m, b, n);
    if (k < m) {
      size_t d = MyersBlock(a, m, b, n, k);
      if (d <= k) return d;
    }
  }
  return MyersBlock(a, m, b, n, m + n);
}

}  // namespace

size_t LevenshteinCodePoints(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  return Exact(a.data(), a.size(), b.data(), b.size());
}

size_t LevenshteinWithin(const std::vector<char32_t>& a, const std::vector<char32_t>& b, size_t k) {
  const char32_t *x = a.data(), *y = b.data();
  size_t m = a.size(), n = b.size();
  Trim(x, m, y, n);
  if (n - m > k) return n - m;
  return MyersBlock(x, m, y, n, k);
}

size_t EditDistance(std::string_view a_text, std::string_view b_text, size_t exact_cells) {
  std::vector<char32_t> a = Decode(a_text), b = Decode(b_text);
  // Trim the common prefix/suffix first: most of a rewrite is unchanged.
  size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  size_t s = 0;
  while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
  size_t m = a.size() - p - s, n = b.size() - p - s;
  if (m == 0 || n == 0 || m * n <= exact_cells) return Exact(a.data() + p, m, b.data() + p, n);

  // Long texts: align lines (Myers' O(ND) diff over lines, D capped), measure hunks exactly.
  std::vector<Line> la = Lines(a.data(), a.size()), lb = Lines(b.data(), b.size());
  const int N = static_cast<int>(la.size()), M = static_cast<int>(lb.size());
  auto bound = [](size_t x, size_t y) { return std::max(x, y); };
  auto matched = MatchLines(a.data(), la, b.data(), lb);
  if (!matched) return bound(a.size(), b.size());
  const std::vector<std::pair<int, int>>& matches = *matched;
  // Sum exact distances over the gaps between matched lines.
  size_t total = 0;
  int ai = 0, bi = 0;
  auto hunk = [&](int a0, int a1, int b0, int b1) {
    size_t as = a0 < a1 ? la[a0].start : 0, ae = a0 < a1 ? la[a1 - 1].start + la[a1 - 1].len : 0;
    size_t bs = b0 < b1 ? lb[b0].start : 0, be = b0 < b1 ? lb[b1 - 1].start + lb[b1 - 1].len : 0;
    size_t hm = ae - as, hn = be - bs;
    if (hm == 0 || hn == 0) return hm + hn;
    if (hm * hn <= exact_cells) return Exact(a.data() + as, hm, b.data() + bs, hn);
    return bound(hm, hn);
  };
  for (auto [ma, mb] : matches) {
    total += hunk(ai, ma, bi, mb);
    ai = ma + 1;
    bi = mb + 1;
  }
  total += hunk(ai, N, bi, M);
  return total;
}

double NormalizedEditDistance(std::string_view a, std::string_view b) {
  size_t la = CodePointCount(a), lb = CodePointCount(b);
  size_t den = std::max(la, lb);
  if (den == 0) return 0;
  return static_cast<double>(EditDistance(a, b)) / static_cast<double>(den);
}

}  // namespace refinery::gdr
