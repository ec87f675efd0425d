#include "refinery/core/raw_fields.h"

#include <cstring>

#include "refinery/core/json.h"

namespace refinery {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// `p` is just past an opening quote; returns the closing quote (one not escaped) or `end`.
const char* StringEnd(const char* p, const char* end) {
  while (p < end) {
    const char* quote = static_cast<const char*>(std::memchr(p, '"', end - p));
    if (!quote) return end;
    size_t backslashes = 0;
    for (const char* b = quote; b > p && b[-1] == '\\'; --b) ++backslashes;
    if (backslashes % 2 == 0) return quote;
    p = quote + 1;
  }
  return end;
}

// `p` is at the first byte of a value; returns the byte after its last one.
const char* ValueEnd(const char* p, const char* end) {
  if (*p == '"') {
    const char* q = StringEnd(p + 1, end);
    return q < end ? q + 1 : end;
  }
  if (*p == '{' || *p == '[') {
    int depth = 0;
    for (; p < end; ++p) {
      char c = *p;
      if (c == '"') {
        p = StringEnd(p + 1, end);
        if (p == end) return end;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return p + 1;
      }
    }
    return end;
  }
  while (p < end && *p != ',' && *p != '}' && *p != ']' && !IsSpace(*p)) ++p;  // a scalar
  return p;
}

const char* SkipSpace(const char* p, const char* end) {
  while (p < end && IsSpace(*p)) ++p;
  return p;
}

}  // namespace

bool SplitObjectFields(std::string_view json, std::vector<RawField>& fields) {
  fields.clear();
  const char* p = json.data();
  const char* end = p + json.size();
  p = SkipSpace(p, end);
  if (p == end || *p != '{') return false;
  p = SkipSpace(p + 1, end);
  if (p < end && *p == '}') return true;
  while (p < end) {
    if (*p != '"') return false;
    const char* key_end = StringEnd(p + 1, end);
    if (key_end == end) return false;
    RawField field;
    field.key = std::string_view(p + 1, key_end - (p + 1));
    p = SkipSpace(key_end + 1, end);
    if (p == end || *p != ':') return false;
    p = SkipSpace(p + 1, end);
    if (p == end) return false;
    const char* value_end = ValueEnd(p, end);
    field.value = std::string_view(p, value_end - p);
    fields.push_back(field);
    p = SkipSpace(value_end, end);
    if (p == end) return false;
    if (*p == '}') return true;
    if (*p != ',') return false;
    p = SkipSpace(p + 1, end);
  }
  return false;
}

std::string_view DecodeKey(std::string_view raw_key, std::string& scratch) {
  if (raw_key.find('\\') == std::string_view::npos) return raw_key;
  std::string quoted;
  quoted.reserve(raw_key.size() + 2);
  quoted.push_back('"');
  quoted.append(raw_key);
  quoted.push_back('"');
  Json decoded = Json::parse(quoted, nullptr, false);
  scratch = decoded.is_string() ? decoded.get<std::string>() : std::string(raw_key);
  return scratch;
}

}  // namespace refinery
