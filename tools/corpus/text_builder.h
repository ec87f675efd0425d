// Builds a document piece by piece, recording the code point spans of PII values as gold labels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/utf8.h"

namespace refinery::corpus {

// splitmix64: small, fast, and the same on every platform, so a seed means the same corpus.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  bool Chance(double p) { return (Next() >> 11) * (1.0 / 9007199254740992.0) < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + Below(10)));
    return s;
  }

 private:
  uint64_t state_;
};

class TextBuilder {
 public:
  TextBuilder& Add(std::string_view s) {
    text_ += s;
    cp_ += CodePointCount(s);
    return *this;
  }
  TextBuilder& Pii(std::string_view value, const char* type) {
    size_t start = cp_;
    Add(value);
    spans_.push_back(Json{{"start", start}, {"end", cp_}, {"type", type}});
    return *this;
  }
  // Starts a new line and returns its 0-based number.
  size_t Line(std::string_view s) {
    size_t n = line_count_++;
    if (!text_.empty()) Add("\n");
    Add(s);
    return n;
  }
  size_t line_count() const { return line_count_; }
  void BeginLine() {
    if (line_count_++ > 0) Add("\n");
  }
  const std::string& text() const { return text_; }
  const Json& spans() const { return spans_; }

 private:
  std::string text_;
  size_t cp_ = 0;
  size_t line_count_ = 0;
  Json spans_ = Json::array();
};

}  // namespace refinery::corpus
