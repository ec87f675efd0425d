// Parquet values as the JSON values users expect: numbers for numbers (decimals exact),
// ISO 8601 text for dates, times and timestamps, strings for text, base64 for binary that is
// not UTF-8, null for NaN and infinities (JSON has no such numbers).
#include <simdjson.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>

#include "refinery/core/json.h"
#include "refinery/core/utf8.h"
#include "refinery/io/parquet_reader.h"
#include "refinery/io/record_parser.h"

namespace refinery::parquet {
namespace {

template <typename T>
T Load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
void AppendNumber(std::string& out, T v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

// An INT32 or INT64 value (`kind` says which, and its signedness).
void AppendInteger(std::string& out, ValueKind kind, const char* p) {
  switch (kind) {
    case ValueKind::kInt32:
      return AppendNumber(out, Load<int32_t>(p));
    case ValueKind::kUint32:
      return AppendNumber(out, Load<uint32_t>(p));
    case ValueKind::kInt64:
      return AppendNumber(out, Load<int64_t>(p));
    default:
      return AppendNumber(out, Load<uint64_t>(p));
  }
}

void AppendFloating(std::string& out, double v, bool single) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (single)
    AppendNumber(out, static_cast<float>(v));
  else
    AppendNumber(out, v);
}

void AppendDigits(std::string& out, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
  out.append(buf, static_cast<size_t>(width));
}

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
void AppendDate(std::string& out, int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  if (y < 0) {
    out.push_back('-');
    y = -y;
  }
  AppendDigits(out, static_cast<uint64_t>(y), y > 9999 ? 5 : 4);
  out.push_back('-');
  AppendDigits(out, static_cast<uint64_t>(m), 2);
  out.push_back('-');
  AppendDigits(out, static_cast<uint64_t>(d), 2);
}

constexpr int64_t kPerSecond[] = {1, 1000, 1000000, 1000000000};

// Time of day from a count of units since midnight; `fraction` digits per unit.
void AppendTimeOfDay(std::string& out, int64_t units, int unit) {
  const int64_t per = kPerSecond[unit];
  int64_t secs = units / per, frac = units % per;
  AppendDigits(out, static_cast<uint64_t>(secs / 3600), 2);
  out.push_back(':');
  AppendDigits(out, static_cast<uint64_t>(secs / 60 % 60), 2);
  out.push_back(':');
  AppendDigits(out, static_cast<uint64_t>(secs % 60), 2);
  out.push_back('.');
  AppendDigits(out, static_cast<uint64_t>(frac), 3 * unit);
}

void AppendTimestamp(std::string& out, __int128 units, int unit, bool utc) {
  const int64_t per_day = 86400 * kPerSecond[unit];
  __int128 days = units / per_day, rem = units % per_day;
  if (rem < 0) {
    rem += per_day;
    --days;
  }
  out.push_back('"');
  AppendDate(out, static_cast<int64_t>(days));
  out.push_back('T');
  AppendTimeOfDay(out, static_cast<int64_t>(rem), unit);
  if (utc) out.push_back('Z');
  out.push_back('"');
}

// An unscaled two's-complement integer with `scale` decimals, as an exact JSON number.
void AppendDecimal(std::string& out, __int128 v, int scale) {
  bool negative = v < 0;
  unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : v;
  char digits[48];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u > 0);
  if (negative) out.push_back('-');
  if (scale <= 0) {
    for (int i = n - 1; i >= 0; --i) out.push_back(digits[i]);
    for (int i = 0; i < -scale && i < 64; ++i) out.push_back('0');
    return;
  }
  while (n <= scale) digits[n++] = '0';  // leading zeros, so there is one before the point
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(digits[i]);
    if (i == scale && i > 0) out.push_back('.');
  }
}

double HalfToDouble(uint16_t h) {
  int exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  double sign = (h & 0x8000) ? -1.0 : 1.0;
  if (exp == 0) return sign * std::ldexp(mant, -24);
  if (exp == 31) return mant ? NAN : sign * INFINITY;
  return sign * std::ldexp(mant + 1024, exp - 25);
}

void AppendBytes(std::string& out, std::string_view bytes, bool text) {
  if (text || IsValidUtf8(bytes)) {
    AppendJsonString(out, bytes);
  } else {
    out.push_back('"');
    out += Base64Encode(bytes);
    out.push_back('"');
  }
}

// One complete JSON value (what a JSON column should hold; anything else is kept as text).
// Columns often repeat short values (`{"lang":"en"}`) that cost a parse each, far more than
// hashing them: the verdicts on short values are remembered, keyed by their bytes.
bool IsJsonValue(std::string_view text) {
  struct Verdict {
    std::string text;
    bool valid = false;
  };
  constexpr size_t kShort = 128, kSlots = 64;
  thread_local simdjson::dom::parser parser;
  thread_local std::array<Verdict, kSlots> verdicts;
  if (text.empty()) return false;
  Verdict* slot = nullptr;
  if (text.size() <= kShort) {
    slot = &verdicts[std::hash<std::string_view>{}(text) % kSlots];
    if (slot->text == text) return slot->valid;
  }
  simdjson::dom::element e;
  const bool valid = !parser.parse(text.data(), text.size(), /*realloc_if_needed=*/true).get(e);
  if (slot) {
    slot->text.assign(text);
    slot->valid = valid;
  }
  return valid;
}

void AppendValue(std::string& out, const ColumnSchema& c, const ColumnData& d, size_t i) {
  const char* p = c.width ? d.fixed.data() + i * c.width : nullptr;
  switch (c.kind) {
    case ValueKind::kBool:
      out += *p ? "true" : "false";
      return;
    case ValueKind::kInt32:
    case ValueKind::kUint32:
    case ValueKind::kInt64:
    case ValueKind::kUint64:
      AppendInteger(out, c.kind, p);
      return;
    case ValueKind::kFloat:
    case ValueKind::kDouble:
    case ValueKind::kFloat16:
      AppendFloating(out,
                     c.kind == ValueKind::kFloat    ? Load<float>(p)
                     : c.kind == ValueKind::kDouble ? Load<double>(p)
                                                    : HalfToDouble(Load<uint16_t>(p)),
                     c.kind != ValueKind::kDouble);
      return;
    case ValueKind::kDecimal: {
      __int128 v = 0;
      if (c.type == PhysicalType::kInt32) {
        v = Load<int32_t>(p);
      } else if (c.type == PhysicalType::kInt64) {
        v = Load<int64_t>(p);
      } else {
        std::string_view b = c.width ? std::string_view(p, c.width) : d.strings[i];
        // Big-endian two's complement; wider than 128 bits only with redundant sign bytes.
        size_t skip = b.size() > 16 ? b.size() - 16 : 0;
        if (!b.empty()) v = static_cast<int8_t>(b[skip]);
        for (size_t k = skip + 1; k < b.size(); ++k) v = v * 256 + static_cast<unsigned char>(b[k]);
      }
      AppendDecimal(out, v, c.scale);
      return;
    }
    case ValueKind::kDate:
      out.push_back('"');
      AppendDate(out, Load<int32_t>(p));
      out.push_back('"');
      return;
    case ValueKind::kTime: {
      int64_t units = c.type == PhysicalType::kInt32 ? Load<int32_t>(p) : Load<int64_t>(p);
      if (units < 0 || units >= 86400 * kPerSecond[c.unit]) {
        AppendNumber(out, units);  // not a time of day: keep the number
        return;
      }
      out.push_back('"');
      AppendTimeOfDay(out, units, c.unit);
      out.push_back('"');
      return;
    }
    case ValueKind::kTimestamp:
      AppendTimestamp(out, Load<int64_t>(p), c.unit, c.utc);
      return;
    case ValueKind::kInt96: {
      // Nanoseconds within the day, then the Julian day number.
      int64_t nanos = Load<int64_t>(p);
      int64_t julian = Load<int32_t>(p + 8);
      __int128 t = static_cast<__int128>(julian - 2440588) * 86400 * 1000000000LL + nanos;
      AppendTimestamp(out, t, 3, true);
      return;
    }
    case ValueKind::kString:
      AppendJsonString(out, d.strings[i]);
      return;
    case ValueKind::kJson:
      if (IsJsonValue(d.strings[i]))
        out.append(d.strings[i]);
      else
        AppendJsonString(out, d.strings[i]);
      return;
    case ValueKind::kBinary:
      AppendBytes(out, c.width ? std::string_view(p, c.width) : d.strings[i], false);
      return;
    case ValueKind::kUuid: {
      static constexpr char kHex[] = "0123456789abcdef";
      out.push_back('"');
      for (size_t k = 0; k < 16; ++k) {
        if (k == 4 || k == 6 || k == 8 || k == 10) out.push_back('-');
        unsigned char b = static_cast<unsigned char>(p[k]);
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
      }
      out.push_back('"');
      return;
    }
  }
}

}  // namespace

std::vector<std::string> ColumnKeys(const std::vector<ColumnSchema>& columns) {
  std::vector<std::string> keys;
  for (const ColumnSchema& c : columns) {
    std::string k;
    AppendJsonString(k, c.name);
    k.push_back(':');
    keys.push_back(std::move(k));
  }
  return keys;
}

void AppendRowJson(const std::vector<ColumnSchema>& columns, const std::vector<ColumnData>& data,
                   const std::vector<std::string>& keys, size_t row, std::vector<size_t>& cursors,
                   std::string& out) {
  out.push_back('{');
  bool first = true;
  for (size_t c = 0; c < columns.size(); ++c) {
    const ColumnData& d = data[c];
    const bool null = columns[c].optional && !d.defined[row];
    // Refinery writes a `refinery` column for every record; where it is null the record had
    // none, and reading it back must not invent one.
    if (null && columns[c].name == "refinery") continue;
    if (!first) out.push_back(',');
    first = false;
    out += keys[c];
    if (null)
      out += "null";
    else
      AppendValue(out, columns[c], d, cursors[c]++);
  }
  out.push_back('}');
}

}  // namespace refinery::parquet
