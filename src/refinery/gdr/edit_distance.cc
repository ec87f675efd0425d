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

// One column step of a 64-row block (Myers 1999, block form as in Hyyrö 2003): the vertical
// deltas vp/vn of the block move from column j - 1 to j given the pattern mask of b[j - 1] and
// the horizontal delta entering at the row above (carry); the one leaving its bottom row is
// returned through the carry.
inline void Step(uint64_t pm, uint64_t& vp, uint64_t& vn, uint64_t& hp_carry, uint64_t& hn_carry,
                 uint64_t& hp_bits, uint64_t& hn_bits) {
  uint64_t X = pm | hn_carry;
  uint64_t D0 = (((X & vp) + vp) ^ vp) | X | vn;
  uint64_t HP = vn | ~(D0 | vp);
  uint64_t HN = D0 & vp;
  hp_bits = HP;
  hn_bits = HN;
  uint64_t hp_in = hp_carry, hn_in = hn_carry;
  hp_carry = HP >> 63;
  hn_carry = HN >> 63;
  HP = (HP << 1) | hp_in;
  HN = (HN << 1) | hn_in;
  vp = HN | ~(D0 | HP);
  vn = HP & D0;
}

// Bit-parallel Levenshtein, `a` the pattern (m <= n), computing only the blocks of rows that
// an alignment of cost <= k can pass through (Ukkonen's cut-off, as edlib does): a cell
// (i, j) on such a path has f = D[i][j] + |(m - i) - (n - j)| <= k, and f never decreases
// along an optimal path. Column by column, the top block is dropped for good once every cell
// in it has f > k (every later path crosses this column at or above it), the bottom block is
// dropped when all its cells have f > k and a block below is added while a cell on the
// bottom row (this column or the last) has f <= k; the static band |i - j| + |(m - i) -
// (n - j)| <= k bounds both. Rows outside the computed blocks hold over-estimates (a block
// above is frozen, one that enters starts with +1 per row), which change no cell with f <= k,
// so the result is exact whenever it is <= k, and otherwise above k. k >= m + n computes
// every block.
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
  // Rows are 1-based; block w holds rows 64w + 1 .. min(64w + 64, m). Scores are signed.
  const int64_t M = static_cast<int64_t>(m), N = static_cast<int64_t>(n);
  const int64_t K = static_cast<int64_t>(std::min(k, m + n));
  const int64_t extra = N - M;
  const int64_t slack = K > extra ? K - extra : 0;
  // The static band in column j: rows [j - below, j + above].
  const int64_t below = extra + (slack + 1) / 2, above = slack / 2;
  const uint64_t last_bit = uint64_t{1} << ((m - 1) % 64);
  auto mask = [&](size_t w) { return w + 1 < words ? ~uint64_t{0} : (last_bit << 1) - 1; };
  std::vector<uint64_t> vp(words, ~uint64_t{0}), vn(words, 0);
  auto vdelta = [&](size_t w) {  // D[bottom row of w] - D[row above w], this column
    return static_cast<int64_t>(__builtin_popcountll(vp[w] & mask(w))) -
           static_cast<int64_t>(__builtin_popcountll(vn[w] & mask(w)));
  };
  auto bottom = [&](size_t w) { return std::min<int64_t>(64 * static_cast<int64_t>(w) + 64, M); };
  // Whether every cell of block w in column j has f > k, from the values on the row above it
  // and on its bottom row (values step by at most 1 per row).
  auto hopeless = [&](size_t w, int64_t j, int64_t above_value, int64_t bottom_value) {
    const int64_t r0 = 64 * static_cast<int64_t>(w) + 1, r1 = bottom(w), t = j - extra;
    const int64_t gap = t < r0 ? r0 - t : t > r1 ? t - r1 : 0;
    return std::max(above_value, bottom_value) - (r1 - r0 + 1) + gap > K;
  };
  size_t first = 0;
  size_t last = static_cast<size_t>((std::min<int64_t>(M, 1 + above) - 1) / 64);
  int64_t top = 0;             // D[64 * first][j]: the row above block `first`
  int64_t bot = bottom(last);  // D[bottom row of `last`][j] (column 0: D[i][0] = i)
  if (K >= M + N) {            // every block, every column (k bounds nothing)
    for (int64_t j = 1; j <= N; ++j) {
      const uint64_t* pm = &peq[id_of(b[j - 1], false) * words];
      uint64_t hp_carry = 1, hn_carry = 0, hp_bits, hn_bits;
      for (size_t w = 0; w < words; ++w) {
        Step(pm[w], vp[w], vn[w], hp_carry, hn_carry, hp_bits, hn_bits);
      }
    }
    int64_t dist = N;  // D[0][n]
    for (size_t w = 0; w < words; ++w) dist += vdelta(w);
    return static_cast<size_t>(dist);
  }
  for (int64_t j = 1; j <= N; ++j) {
    // Blocks above the static band: frozen (the row above the next one is theirs).
    const int64_t lo = std::max<int64_t>(1, j - below);
    const size_t band_first = std::min(static_cast<size_t>((lo - 1) / 64), words - 1);
    for (; first < band_first; ++first) {
      if (first == last) return k + 1;  // no cell of this column has f <= k
      top += vdelta(first);
    }
    ++top;  // D[r][j] = D[r][j - 1] + 1 on the row above the blocks (row 0: D[0][j] = j)
    const uint64_t* pm = &peq[id_of(b[j - 1], false) * words];
    uint64_t hp_carry = 1, hn_carry = 0, hp_bits = 0, hn_bits = 0;
    for (size_t w = first; w <= last; ++w)
      Step(pm[w], vp[w], vn[w], hp_carry, hn_carry, hp_bits, hn_bits);
    const int64_t bot_before = bot;  // column j - 1
    bot += last + 1 < words ? static_cast<int64_t>(hp_carry) - static_cast<int64_t>(hn_carry)
                            : static_cast<int64_t>((hp_bits & last_bit) != 0) -
                                  static_cast<int64_t>((hn_bits & last_bit) != 0);
    // A block below enters while a path of cost <= k may cross the bottom row into it.
    int64_t bot_prev = bot_before;
    while (last + 1 < words && 64 * static_cast<int64_t>(last + 1) + 1 <= j + above) {
      const int64_t r = bottom(last);
      if (bot + std::abs(r - (j - extra)) > K && bot_prev + std::abs(r - (j - 1 - extra)) > K) {
        break;
      }
      ++last;
      vp[last] = ~uint64_t{0};  // column j - 1 over-estimated: +1 per row
      vn[last] = 0;
      Step(pm[last], vp[last], vn[last], hp_carry, hn_carry, hp_bits, hn_bits);
      bot_prev += bottom(last) - r;
      bot += vdelta(last);
    }
    // Dropping blocks is optional (it only saves work): looked at every 8th column.
    if (j % 8 != 0) continue;
    // The bottom block leaves when no cell in it has f <= k (it may enter again).
    while (last > first) {
      const int64_t above_last = bot - vdelta(last);
      if (!hopeless(last, j, above_last, bot)) break;
      bot = above_last;
      --last;
    }
    // The top block leaves for good when no cell in it has f <= k.
    while (first < last) {
      const int64_t below_first = top + vdelta(first);
      if (!hopeless(first, j, top, below_first)) break;
      top = below_first;
      ++first;
    }
  }
  if (last + 1 < words) return k + 1;  // row m was left out: D[m][n] > k
  // D[m][n]: the row above the blocks plus the vertical deltas down to row m.
  int64_t dist = top;
  for (size_t w = first; w < words; ++w) dist += vdelta(w);
  return static_cast<size_t>(dist);
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
