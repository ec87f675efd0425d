// UTF-8 helpers. Span offsets in Refinery are Unicode code points into the text (as Python and
// Presidio count), half-open [start, end). Text is stored as UTF-8, so every component that
// works on bytes converts at its boundary with the helpers here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace refinery {

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// Number of code points in valid UTF-8 text.
size_t CodePointCount(std::string_view utf8);

// Maps byte offsets to code point offsets (and back) for one text. Build once per text and
// query many times: each query is O(log n) over a sparse index of checkpoints.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view utf8);

  // Code point offset of byte offset `byte` (which must be on a character boundary or the end).
  size_t ToCodePoint(size_t byte) const;
  // Byte offset of code point offset `cp` (clamped to the text's end).
  size_t ToByte(size_t cp) const;

 private:
  std::string_view text_;
  // checkpoints_[i] = byte offset of code point i * kStride.
  std::vector<uint32_t> checkpoints_;
  bool ascii_ = false;
};

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// Decodes the code point at `bytes[i]` (valid UTF-8 assumed) and advances `i`.
char32_t DecodeUtf8(std::string_view bytes, size_t& i);

// Decodes the code point at `text[i]` and sets `len` to its length in bytes. Tolerant: an
// invalid or truncated sequence decodes as U+FFFD of length 1, so a scan over malformed
// input still advances. Overlong forms ("\xE0\x81\x81" for 'A'), surrogates and code points
// past U+10FFFF are invalid too: a caller may rely on a code point below 0x80 being one ASCII
// byte (the NER tokenizer indexes 128-entry tables with it). Inline: tokenizers call it once
// per character.
inline char32_t DecodeUtf8At(std::string_view text, size_t i, size_t& len) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  len = 1;
  if (b0 < 0x80) return b0;
  const size_t need = (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (need == 0 || i + need > text.size()) return 0xFFFD;
  char32_t cp = b0 & (0x7F >> need);
  for (size_t k = 1; k < need; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr char32_t kLeast[5] = {0, 0, 0x80, 0x800, 0x10000};  // per length
  if (cp < kLeast[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  len = need;
  return cp;
}

}  // namespace refinery
