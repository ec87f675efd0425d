#include "refinery/report/text_diff.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace refinery::report {

namespace {

std::u32string CodePoints(std::string_view s, size_t max) {
  std::u32string out;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n && out.size() < max) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

// One block step of the bit-parallel algorithm (as in edlib). Returns the horizontal delta
// out of bit `out_bit`.
inline int Step(uint64_t eq, uint64_t& pv, uint64_t& mv, int hin, int out_bit) {
  const uint64_t xv = eq | mv;
  if (hin < 0) eq |= 1;
  const uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
  uint64_t ph = mv | ~(xh | pv);
  uint64_t mh = pv & xh;
  int hout = 0;
  const uint64_t bit = uint64_t{1} << out_bit;
  if (ph & bit) hout = 1;
  if (mh & bit) hout = -1;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0) {
    mh |= 1;
  } else if (hin > 0) {
    ph |= 1;
  }
  pv = mh | ~(xv | ph);
  mv = ph & xv;
  return hout;
}

size_t Levenshtein(const std::u32string& pattern, const std::u32string& text) {
  const size_t m = pattern.size();
  if (m == 0) return text.size();
  if (text.empty()) return m;
  const size_t blocks = (m + 63) / 64;
  std::unordered_map<char32_t, std::vector<uint64_t>> peq;
  for (size_t i = 0; i < m; ++i) {
    auto& v = peq[pattern[i]];
    if (v.empty()) v.assign(blocks, 0);
    v[i / 64] |= uint64_t{1} << (i % 64);
  }
  std::vector<uint64_t> pv(blocks, ~uint64_t{0}), mv(blocks, 0);
  const std::vector<uint64_t> none(blocks, 0);
  const int last_bit = static_cast<int>((m - 1) % 64);
  long score = static_cast<long>(m);
  for (char32_t c : text) {
    auto it = peq.find(c);
    const std::vector<uint64_t>& eq = it == peq.end() ? none : it->second;
    int carry = 1;  // the first row is 0, 1, 2, ...: +1 per column
    for (size_t b = 0; b < blocks; ++b) {
      carry = Step(eq[b], pv[b], mv[b], carry, b + 1 == blocks ? last_bit : 63);
    }
    score += carry;
  }
  return static_cast<size_t>(score);
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  return u_isalnum(c) != 0;
}

std::vector<std::string_view> Units(std::string_view s, size_t max, bool* cut) {
  std::vector<std::string_view> out;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (out.size() >= max) {
      if (cut) *cut = true;
      break;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    int kind = IsWordChar(c) ? 1 : (c == ' ' || c == '\t') ? 2 : 0;
    if (kind != 0) {
      while (i < n) {
        int32_t j = i;
        UChar32 d;
        U8_NEXT(p, j, n, d);
        int k = IsWordChar(d) ? 1 : (d == ' ' || d == '\t') ? 2 : 0;
        if (k != kind) break;
        i = j;
      }
    }
    out.push_back(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
  }
  return out;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  std::u32string x = CodePoints(a, SIZE_MAX), y = CodePoints(b, SIZE_MAX);
  if (x.size() < y.size()) std::swap(x, y);
  return Levenshtein(y, x);  // shorter one as the pattern: fewer blocks
}

double NormalizedEditDistance(std::string_view a, std::string_view b, size_t max_code_points) {
  if (a == b) return 0;
  std::u32string x = CodePoints(a, max_code_points), y = CodePoints(b, max_code_points);
  size_t longest = std::max(x.size(), y.size());
  if (longest == 0) return 0;
  if (x.size() < y.size()) std::swap(x, y);
  return static_cast<double>(Levenshtein(y, x)) / static_cast<double>(longest);
}

std::vector<DiffSegment> WordDiff(std::string_view a, std::string_view b, size_t max_units,
                                  bool* truncated) {
  if (truncated) *truncated = false;
  std::vector<std::string_view> x = Units(a, max_units, truncated);
  std::vector<std::string_view> y = Units(b, max_units, truncated);
  const size_t n = x.size(), m = y.size();
  // LCS table over units (bounded by max_units^2 cells).
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = x[i] == y[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<DiffSegment> out;
  auto emit = [&](DiffSegment::Op op, std::string_view text) {
    if (!out.empty() && out.back().op == op) {
      out.back().text.append(text);
    } else {
      out.push_back(DiffSegment{op, std::string(text)});
    }
  };
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] == y[j]) {
      emit(DiffSegment::Op::kEqual, x[i]);
      ++i;
      ++j;
    } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
      emit(DiffSegment::Op::kInsert, y[j++]);
    } else {
      emit(DiffSegment::Op::kDelete, x[i++]);
    }
  }
  // Deletions before insertions where both touch (reads as "replaced X by Y").
  for (size_t k = 0; k + 1 < out.size(); ++k) {
    if (out[k].op == DiffSegment::Op::kInsert && out[k + 1].op == DiffSegment::Op::kDelete) {
      std::swap(out[k], out[k + 1]);
    }
  }
  return out;
}

}  // namespace refinery::report
