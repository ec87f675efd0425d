#include "refinery/core/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

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

namespace {

// True when `s` is printable ASCII without '"' or '\\': written as it is between quotes (keys
// and most values of Refinery's objects).
bool IsPlainAscii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if ((word & 0x8080808080808080ull) != 0 || NeedsEscape8(word)) return false;
  }
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

bool IsAscii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ull) return false;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  }
  return true;
}

// nlohmann's own serializer for what the fast paths leave: non-ASCII strings (it checks
// UTF-8 and replaces invalid bytes), binary and discarded values.
void AppendJsonSlow(std::string& out, const Json& j) {
  nlohmann::detail::serializer<Json> s(nlohmann::detail::output_adapter<char, std::string>(out),
                                       ' ', Json::error_handler_t::replace);
  s.dump(j, false, false, 0);
}

// A string value or key: ASCII is escaped exactly as nlohmann does it (the same escapes,
// \u00xx in lower case, DEL left as it is).
void AppendStringValue(std::string& out, std::string_view s) {
  if (IsPlainAscii(s)) {
    const size_t at = out.size();
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    p[0] = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
  } else if (IsAscii(s)) {
    AppendJsonString(out, s);
  } else {
    AppendJsonSlow(out, Json(std::string(s)));
  }
}

// 10^k for k in [0, 22]: every one is a double exactly, so a * 10^k and d / 10^k are each
// rounded once (d / 10^k is the double nearest to the decimal).
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// |x| ~ digits * 10^(exp10 - 5), digits in [100000, 999999]: |x| scaled by a power of ten
// (one rounding) and rounded to the nearest integer, halves away from zero. False when x is
// outside RoundScore's range.
bool ScoreDigits(double x, uint32_t& digits, int& exp10) {
  const double a = std::fabs(x);
  if (!(a >= 1e-15 && a < 1e15)) return false;
  auto scale = [a](int shift) { return shift >= 0 ? a * kPow10[shift] : a / kPow10[-shift]; };
  // floor(log10 a) from the binary exponent, roughly: floor(e2 * 1233 / 4096) (~ log10 2) is
  // floor(log10 a) or one less; the scaled value corrects it.
  uint64_t bits;
  std::memcpy(&bits, &a, sizeof(bits));
  const int e2 = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
  int e = (e2 * 1233) >> 12;  // arithmetic shift: rounds down for negative e2 too
  double scaled = scale(5 - e);
  while (scaled >= 1000000) scaled = scale(5 - ++e);
  while (scaled < 100000) scaled = scale(5 - --e);   // only at a rounding edge
  uint64_t d = static_cast<uint64_t>(scaled + 0.5);  // scaled >= 1e5: no rounding trap in + 0.5
  if (d >= 1000000) {  // 999999.5 and up: one more digit before the point
    d = 100000;
    ++e;
  }
  digits = static_cast<uint32_t>(d);
  exp10 = e;
  return true;
}

double FromScoreDigits(bool negative, uint32_t digits, int exp10) {
  const int shift = 5 - exp10;
  const double v = shift >= 0 ? digits / kPow10[shift] : digits * kPow10[-shift];
  return negative ? -v : v;
}

// The decimal digits * 10^(exp10 - 5) of ScoreDigits, laid out as nlohmann lays out a double.
void AppendScoreDigits(std::string& out, bool negative, uint32_t digits, int exp10) {
  // The six digits, two at a time, without their trailing zeros (the first is not zero).
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char six[6];
  std::memcpy(six, kPairs + 2 * (digits / 10000), 2);
  std::memcpy(six + 2, kPairs + 2 * (digits / 100 % 100), 2);
  std::memcpy(six + 4, kPairs + 2 * (digits % 100), 2);
  int len = 6;
  while (six[len - 1] == '0') --len;
  char buf[40];
  char* first = buf;
  if (negative) *first++ = '-';
  // nlohmann's layouts (dtoa_impl::format_buffer): v = digits * 10^(n - len).
  const int n = exp10 + 1;  // where the decimal point goes, counted from the first digit
  char* end;
  if (n <= 0 && n > -4) {  // 0.[000]digits: most probabilities
    std::memcpy(first, "0.000", 5);
    first += 2 - n;
    std::memcpy(first, six, 6);
    end = first + len;
  } else {
    std::memcpy(first, six, 6);
    end = nlohmann::detail::dtoa_impl::format_buffer(first, len, n - len, -4,
                                                     std::numeric_limits<double>::digits10);
  }
  out.append(buf, static_cast<size_t>(end - buf));
}

// A finite double as nlohmann writes it (Grisu2, about 500 instructions), or shorter. Scores and
// other short decimals take the six-digit path; for the rest, which records repeat too (quality
// scores such as 0.9333333333333333), the text of recent values is kept in a small per-thread
// table.
void AppendDouble(std::string& out, double x) {
  // A double nearest to a decimal of at most six significant digits (every score: RoundScore)
  // is written as that decimal; Grisu2 does not always find it (0.10667600000000001).
  uint32_t digits;
  int exp10;
  if (ScoreDigits(x, digits, exp10) && FromScoreDigits(std::signbit(x), digits, exp10) == x) {
    AppendScoreDigits(out, std::signbit(x), digits, exp10);
    return;
  }
  struct Entry {
    uint64_t bits = 0;  // 0 (the double 0.0): empty
    uint8_t size = 0;
    char text[31];
  };
  thread_local Entry table[256];
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  Entry& e = table[(bits * 0x9E3779B97F4A7C15ull) >> 56];
  if (e.bits != bits || bits == 0) {
    char buf[64];  // nlohmann's number buffer; its doubles take at most 24 characters
    const char* end = nlohmann::detail::to_chars(buf, buf + sizeof(buf), x);
    const size_t size = static_cast<size_t>(end - buf);
    if (size > sizeof(e.text)) {
      out.append(buf, size);
      return;
    }
    e.bits = bits;
    e.size = static_cast<uint8_t>(size);
    std::memcpy(e.text, buf, size);
  }
  out.append(e.text, e.size);
}

}  // namespace

void AppendJson(std::string& out, const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: {
      const auto& o = j.get_ref<const Json::object_t&>();
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : o) {
        if (!first) out.push_back(',');
        first = false;
        AppendStringValue(out, key);
        out.push_back(':');
        AppendJson(out, value);
      }
      out.push_back('}');
      return;
    }
    case Json::value_t::array: {
      const auto& a = j.get_ref<const Json::array_t&>();
      out.push_back('[');
      for (size_t i = 0; i < a.size(); ++i) {
        if (i > 0) out.push_back(',');
        AppendJson(out, a[i]);
      }
      out.push_back(']');
      return;
    }
    case Json::value_t::string:
      AppendStringValue(out, j.get_ref<const std::string&>());
      return;
    case Json::value_t::boolean:
      out.append(j.get<bool>() ? "true" : "false");
      return;
    case Json::value_t::null:
      out.append("null");
      return;
    case Json::value_t::number_integer: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof(buf), j.get<Json::number_integer_t>());
      out.append(buf, static_cast<size_t>(r.ptr - buf));
      return;
    }
    case Json::value_t::number_unsigned:
      AppendJsonNumber(out, j.get<Json::number_unsigned_t>());
      return;
    case Json::value_t::number_float:
      AppendJsonNumber(out, j.get<double>());
      return;
    default:
      AppendJsonSlow(out, j);
      return;
  }
}

void AppendJsonNumber(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out.append("null");
    return;
  }
  AppendDouble(out, x);
}

void AppendJsonNumber(std::string& out, uint64_t x) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), x);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void AppendJsonStringValue(std::string& out, std::string_view s) { AppendStringValue(out, s); }

double RoundScore(double x) {
  uint32_t digits;
  int e;
  if (!ScoreDigits(x, digits, e)) return x;
  return FromScoreDigits(std::signbit(x), digits, e);
}

void AppendJsonScore(std::string& out, double x) {
  uint32_t digits;
  int e;
  if (!std::isfinite(x) || !ScoreDigits(x, digits, e)) {
    AppendJsonNumber(out, x);
    return;
  }
  AppendScoreDigits(out, std::signbit(x), digits, e);
}

}  // namespace refinery
