#include "refinery/core/json.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace refinery {
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

// The index of the first byte at or after `i` that JSON must escape, or `s.size()`. Text
// escapes a byte in a hundred or so (a newline per line), so the scan is what costs: 16 bytes
// a step with SSE2 (every x86-64 has it), else 8 with SWAR.
size_t NextEscape(std::string_view s, size_t i) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1f);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Unsigned v <= 0x1f exactly when min(v, 0x1f) == v.
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v));
    if (const int mask = _mm_movemask_epi8(hit))
      return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (NeedsEscape8(word)) break;
  }
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return s.size();
}

// JSON's two-character escapes of control characters; empty for the rest (written \u00XX).
std::string_view ShortEscape(unsigned char c) {
  switch (c) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    default:
      return {};
  }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view utf8) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Room for the text unescaped: appending runs then never reallocates more than once.
  out.reserve(out.size() + utf8.size() + 2);
  out.push_back('"');
  for (size_t i = 0;;) {
    const size_t j = NextEscape(utf8, i);
    out.append(utf8.data() + i, j - i);
    if (j == utf8.size()) break;
    const unsigned char c = static_cast<unsigned char>(utf8[j]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (std::string_view e = ShortEscape(c); !e.empty()) {
      out.append(e);
    } else {
      const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out.append(u, sizeof(u));
    }
    i = j + 1;
  }
  out.push_back('"');
}

}  // namespace refinery
