#include "refinery/llm/stream_chunk.h"

#include <cstring>

#include "refinery/core/utf8.h"

namespace refinery::llm {

void ScannedChunk::Clear() {
  choices.clear();
  has_usage = false;
  prompt_tokens = completion_tokens = 0;
  model = {};
  decoded.clear();
}

namespace {

class Scanner {
 public:
  Scanner(std::string_view s, ScannedChunk& out, size_t at = 0) : s_(s), i_(at), out_(out) {}
  size_t at() const { return i_; }

  bool Ws() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) {
      ++i_;
    }
    return i_ < s_.size();
  }
  bool Eat(char c) {
    if (!Ws() || s_[i_] != c) return false;
    ++i_;
    return true;
  }
  bool Peek(char c) { return Ws() && s_[i_] == c; }

  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool Null() { return Ws() && Literal("null"); }

  // A string: a view into the input when it has no escapes, else decoded into out_.decoded.
  bool String(std::string_view& v) {
    if (!Eat('"')) return false;
    size_t start = i_;
    // memchr finds the closing quote; a backslash before it means escapes to decode. (Raw
    // control characters, which JSON forbids in strings, are let through.)
    const char* base = s_.data();
    const void* q = std::memchr(base + i_, '"', s_.size() - i_);
    if (q == nullptr) return false;
    size_t close = static_cast<size_t>(static_cast<const char*>(q) - base);
    const void* bs = std::memchr(base + i_, '\\', close - i_);
    if (bs == nullptr) {
      v = s_.substr(start, close - start);
      i_ = close + 1;
      return true;
    }
    i_ = static_cast<size_t>(static_cast<const char*>(bs) - base);
    std::string& d = out_.decoded.emplace_back(s_.substr(start, i_ - start));
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        d.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      // The one-character escapes, and what they stand for.
      static constexpr std::string_view kEscapes = "\"\\/bfnrt", kMeaning = "\"\\/\b\f\n\r\t";
      if (size_t k = kEscapes.find(e); k != std::string_view::npos) {
        d.push_back(kMeaning[k]);
        continue;
      }
      if (e != 'u') return false;
      uint32_t cp;
      if (!Hex4(cp)) return false;
      if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
        uint32_t lo;
        if (!Literal("\\u") || !Hex4(lo) || lo < 0xDC00 || lo >= 0xE000) return false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp < 0xE000) {
        return false;
      }
      AppendUtf8(static_cast<char32_t>(cp), d);
    }
    if (i_ >= s_.size()) return false;
    ++i_;
    v = d;
    return true;
  }

  bool Int(int64_t& v) {
    if (!Ws()) return false;
    bool neg = s_[i_] == '-';
    if (neg) ++i_;
    size_t start = i_;
    int64_t n = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - start < 18) {
      n = n * 10 + (s_[i_++] - '0');
    }
    if (i_ == start) return false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return false;
    v = neg ? -n : n;
    return true;
  }

  // Skips any value (depth-limited), checking its syntax.
  bool Skip(int depth = 0) {
    if (!Ws() || depth > 64) return false;
    char c = s_[i_];
    std::string_view sv;
    if (c == '"') return String(sv);
    if (c == '{') {
      ++i_;
      if (Eat('}')) return true;
      do {
        if (!String(sv) || !Eat(':') || !Skip(depth + 1)) return false;
      } while (Eat(','));
      return Eat('}');
    }
    if (c == '[') {
      ++i_;
      if (Eat(']')) return true;
      do {
        if (!Skip(depth + 1)) return false;
      } while (Eat(','));
      return Eat(']');
    }
    if (c == 't') return Literal("true");
    if (c == 'f') return Literal("false");
    if (c == 'n') return Literal("null");
    size_t start = i_;
    while (i_ < s_.size() && (std::string_view("+-.eE").find(s_[i_]) != std::string_view::npos ||
                              (s_[i_] >= '0' && s_[i_] <= '9'))) {
      ++i_;
    }
    return i_ > start;
  }

  // `"key": value` members of an object; `member(key)` reads or skips the value.
  template <typename F>
  bool Object(F&& member) {
    if (!Eat('{')) return false;
    if (Eat('}')) return true;
    do {
      std::string_view key;
      if (!String(key) || !Eat(':') || !member(key)) return false;
    } while (Eat(','));
    return Eat('}');
  }

  // A string or null (nullopt).
  bool OptString(std::optional<std::string_view>& v) {
    if (Null()) {
      v.reset();
      return true;
    }
    std::string_view sv;
    if (!String(sv)) return false;
    v = sv;
    return true;
  }
  bool StringOrNull(std::string_view& v) {
    std::optional<std::string_view> o;
    if (!OptString(o)) return false;
    v = o.value_or(std::string_view());
    return true;
  }

  // A choice's text (string or null), noting where its string token is.
  bool Content(ChunkChoice& c) {
    if (!Ws()) return false;
    size_t begin = i_;
    if (!StringOrNull(c.content)) return false;
    if (s_[begin] == '"') {
      c.content_begin = begin;
      c.content_end = i_;
      c.content_tokens++;
    }
    return true;
  }

  bool Choice(bool completions) {
    ChunkChoice& c = out_.choices.emplace_back();
    return Object([&](std::string_view key) {
      if (key == "index") return Int(c.index) && c.index >= 0 && c.index <= 1024;
      if (key == "finish_reason") return OptString(c.finish_reason);
      if (key == "stop_reason") {
        c.has_stop_reason = true;
        if (Peek('"')) return OptString(c.stop_reason);
        return Skip();  // null or a token id
      }
      if (completions && key == "text") return Content(c);
      if (!completions && key == "delta") {
        if (Null()) return true;
        return Object([&](std::string_view k) {
          if (k == "content") return Content(c);
          if (k == "reasoning_content" || k == "reasoning") {
            std::string_view r;
            if (!StringOrNull(r)) return false;
            if (!r.empty()) c.reasoning = r;
            return true;
          }
          return Skip();
        });
      }
      return Skip();
    });
  }

  bool Top(bool completions) {
    bool ok = Object([&](std::string_view key) {
      if (key == "choices") {
        if (Null()) return true;
        if (!Eat('[')) return false;
        if (Eat(']')) return true;
        do {
          if (!Choice(completions)) return false;
        } while (Eat(','));
        return Eat(']');
      }
      if (key == "usage") {
        if (Null()) return true;
        out_.has_usage = true;
        return Object([&](std::string_view k) {
          if (k == "prompt_tokens") return Int(out_.prompt_tokens);
          if (k == "completion_tokens") return Int(out_.completion_tokens);
          return Skip();
        });
      }
      if (key == "model") return StringOrNull(out_.model);
      if (key == "error") return Null();  // an error event: not this reader's shape
      return Skip();
    });
    return ok && !Ws();  // nothing after the object
  }

 private:
  bool Hex4(uint32_t& v) {
    if (i_ + 4 > s_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= static_cast<uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        v |= static_cast<uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        v |= static_cast<uint32_t>(h - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  ScannedChunk& out_;
};

}  // namespace

bool ScanStreamChunk(std::string_view json, bool completions_endpoint, ScannedChunk& out) {
  out.Clear();
  return Scanner(json, out).Top(completions_endpoint);
}

void ChunkShape::Remember(std::string_view chunk_json, const ScannedChunk& chunk) {
  if (chunk.choices.size() != 1 || chunk.has_usage) return;
  const ChunkChoice& c = chunk.choices[0];
  if (c.content_tokens != 1 || c.finish_reason || c.has_stop_reason || !c.reasoning.empty()) {
    return;
  }
  json.assign(chunk_json);
  begin = c.content_begin;
  end = c.content_end;
  index = c.index;
  valid = true;
}

bool ChunkShape::Match(std::string_view chunk_json, ScannedChunk& out) const {
  const size_t after = json.size() - end;
  if (!valid || chunk_json.size() < begin + 2 + after ||
      std::memcmp(chunk_json.data(), json.data(), begin) != 0) {
    return false;
  }
  out.Clear();
  ChunkChoice& c = out.choices.emplace_back();
  Scanner scan(chunk_json, out, begin);
  if (!scan.String(c.content) || chunk_json.size() - scan.at() != after ||
      std::memcmp(chunk_json.data() + scan.at(), json.data() + end, after) != 0) {
    return false;
  }
  c.index = index;
  c.content_begin = begin;
  c.content_end = scan.at();
  c.content_tokens = 1;
  return true;
}

}  // namespace refinery::llm
