#include "refinery/core/utf8.h"

#include <algorithm>

#include <simdjson.h>

namespace refinery {
namespace {

constexpr size_t kStride = 64;

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

size_t CodePointCount(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += !IsContinuation(c);
  return n;
}

OffsetMap::OffsetMap(std::string_view utf8) : text_(utf8) {
  ascii_ = std::all_of(utf8.begin(), utf8.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii_) return;
  size_t cp = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (IsContinuation(static_cast<unsigned char>(utf8[i]))) continue;
    if (cp % kStride == 0) checkpoints_.push_back(static_cast<uint32_t>(i));
    ++cp;
  }
}

size_t OffsetMap::ToCodePoint(size_t byte) const {
  if (ascii_) return std::min(byte, text_.size());
  byte = std::min(byte, text_.size());
  // The last checkpoint at or before `byte`, then count forward.
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), static_cast<uint32_t>(byte));
  if (it == checkpoints_.begin()) return 0;
  --it;
  size_t cp = static_cast<size_t>(it - checkpoints_.begin()) * kStride;
  for (size_t i = *it; i < byte; ++i) cp += !IsContinuation(static_cast<unsigned char>(text_[i]));
  return cp;
}

size_t OffsetMap::ToByte(size_t cp) const {
  if (ascii_) return std::min(cp, text_.size());
  size_t block = cp / kStride;
  if (block >= checkpoints_.size()) return text_.size();
  size_t i = checkpoints_[block];
  size_t remaining = cp % kStride;
  while (i < text_.size()) {
    if (!IsContinuation(static_cast<unsigned char>(text_[i]))) {
      if (remaining == 0) return i;
      --remaining;
    }
    ++i;
  }
  return text_.size();
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t DecodeUtf8(std::string_view bytes, size_t& i) {
  unsigned char c = static_cast<unsigned char>(bytes[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < bytes.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(bytes[i++]) & 0x3F);
  }
  return cp;
}

}  // namespace refinery
