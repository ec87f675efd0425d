#include "refinery/score/quality_text.h"

#include <unicode/uchar.h>

#include "refinery/core/utf8.h"

#include <algorithm>
#include <array>

namespace refinery::quality {

namespace {

// Unicode 15.0 Sentence_Terminal (what ICU 72 reports for UCHAR_S_TERM), fixed here so results
// do not depend on the ICU version installed.
constexpr std::array<char32_t, 154> kSentenceTerminal = {
    0x0021,  0x002E,  0x003F,  0x0589,  0x061D,  0x061E,  0x061F,  0x06D4,  0x0700,  0x0701,
    0x0702,  0x07F9,  0x0837,  0x0839,  0x083D,  0x083E,  0x0964,  0x0965,  0x104A,  0x104B,
    0x1362,  0x1367,  0x1368,  0x166E,  0x1735,  0x1736,  0x1803,  0x1809,  0x1944,  0x1945,
    0x1AA8,  0x1AA9,  0x1AAA,  0x1AAB,  0x1B5A,  0x1B5B,  0x1B5E,  0x1B5F,  0x1B7D,  0x1B7E,
    0x1C3B,  0x1C3C,  0x1C7E,  0x1C7F,  0x203C,  0x203D,  0x2047,  0x2048,  0x2049,  0x2E2E,
    0x2E3C,  0x2E53,  0x2E54,  0x3002,  0xA4FF,  0xA60E,  0xA60F,  0xA6F3,  0xA6F7,  0xA876,
    0xA877,  0xA8CE,  0xA8CF,  0xA92F,  0xA9C8,  0xA9C9,  0xAA5D,  0xAA5E,  0xAA5F,  0xAAF0,
    0xAAF1,  0xABEB,  0xFE52,  0xFE56,  0xFE57,  0xFF01,  0xFF0E,  0xFF1F,  0xFF61,  0x10A56,
    0x10A57, 0x10F55, 0x10F56, 0x10F57, 0x10F58, 0x10F59, 0x10F86, 0x10F87, 0x10F88, 0x10F89,
    0x11047, 0x11048, 0x110BE, 0x110BF, 0x110C0, 0x110C1, 0x11141, 0x11142, 0x11143, 0x111C5,
    0x111C6, 0x111CD, 0x111DE, 0x111DF, 0x11238, 0x11239, 0x1123B, 0x1123C, 0x112A9, 0x1144B,
    0x1144C, 0x115C2, 0x115C3, 0x115C9, 0x115CA, 0x115CB, 0x115CC, 0x115CD, 0x115CE, 0x115CF,
    0x115D0, 0x115D1, 0x115D2, 0x115D3, 0x115D4, 0x115D5, 0x115D6, 0x115D7, 0x11641, 0x11642,
    0x1173C, 0x1173D, 0x1173E, 0x11944, 0x11946, 0x11A42, 0x11A43, 0x11A9B, 0x11A9C, 0x11C41,
    0x11C42, 0x11EF7, 0x11EF8, 0x11F43, 0x11F44, 0x16A6E, 0x16A6F, 0x16AF5, 0x16B37, 0x16B38,
    0x16B44, 0x16E98, 0x1BC9F, 0x1DA88};

// datatrove's TERMINAL_PUNCTUATION adds these to the Sentence_Terminal characters: the
// apostrophe and Khmer signs (khan, bariyoosan, camnuc pii kuuh, koomuut, ...).
constexpr std::array<char32_t, 6> kTerminalExtra = {0x0027, 0x17D4, 0x17D5, 0x17D6, 0x17D9, 0x17DA};

// datatrove's PUNCTUATION string (utils/text.py); the control characters it appends
// (0x00-0x08, 0x0B-0x0C, 0x0D-0x1F, 0x7F-0x9F) are tested by range below.
constexpr std::string_view kPunctuation =
    "!/\u2014\u201d:\uff05\uff11\u3008&(\u3001\u2501\\\u3010#%\u300c\u300d\uff0c\u3011\uff1b+^]~"
    "\u201c\u300a\u201e';\u2019{|\u2236\u00b4[=-`*\uff0e\uff08\u2013\uff1f\uff01\uff1a$\uff5e"
    "\u00ab\u3009,><\u300b)?\uff09\u3002\u2026@_.\"}\u25ba\u00bb";

struct PunctuationTable {
  std::vector<char32_t> sorted;
  PunctuationTable() {
    for (size_t i = 0; i < kPunctuation.size();) {
      size_t len;
      sorted.push_back(DecodeAt(kPunctuation, i, len));
      i += len;
    }
    std::sort(sorted.begin(), sorted.end());
  }
};

const PunctuationTable& Punctuation() {
  static const PunctuationTable table;
  return table;
}

// Python's isspace() for an ASCII byte.
bool IsAsciiSpace(unsigned char b) {
  return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
}

// Bytes that may start a line break (see PySplitLines).
constexpr std::array<bool, 256> kMayBreak = [] {
  std::array<bool, 256> t{};
  for (unsigned char b : {'\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e'}) t[b] = true;
  t[0xC2] = t[0xE2] = true;
  return t;
}();

bool IsBreak(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

}  // namespace

char32_t DecodeAt(std::string_view text, size_t i, size_t& len) {
  auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  size_t need = (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (need == 0 || i + need > text.size()) {
    len = 1;
    return 0xFFFD;
  }
  char32_t cp = need == 2 ? (b0 & 0x1F) : need == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (size_t k = 1; k < need; ++k) {
    auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  len = need;
  return cp;
}

bool IsPySpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool IsPyAlpha(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

bool IsUnicodePunct(char32_t c) {
  if (c < 0x80) {
    return (c >= '!' && c <= '/' && c != '$' && c != '+') ||
           (c >= ':' && c <= '@' && c != '<' && c != '=' && c != '>') ||
           (c >= '[' && c <= '`' && c != '^' && c != '`') || c == '{' || c == '}';
  }
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

bool IsLower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_charType(static_cast<UChar32>(c)) == U_LOWERCASE_LETTER;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  auto t = u_charType(static_cast<UChar32>(c));
  return t == U_UPPERCASE_LETTER || t == U_TITLECASE_LETTER;
}

bool IsOtherSymbol(char32_t c) {
  if (c < 0x80) return false;
  return u_charType(static_cast<UChar32>(c)) == U_OTHER_SYMBOL;
}

std::string_view PyLStrip(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // most text: no decoding
      if (!IsAsciiSpace(b)) break;
      ++i;
      continue;
    }
    size_t len;
    if (!IsPySpace(DecodeAt(s, i, len))) break;
    i += len;
  }
  return s.substr(i);
}

char32_t LastCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 && s.size() - i < 4) --i;
  size_t len;
  char32_t cp = DecodeAt(s, i, len);
  return i + len == s.size() ? cp : 0xFFFD;
}

std::string_view PyRStrip(std::string_view s) {
  while (!s.empty()) {
    auto b = static_cast<unsigned char>(s.back());
    if (b < 0x80) {  // most text: no decoding
      if (!IsAsciiSpace(b)) break;
      s.remove_suffix(1);
      continue;
    }
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 && s.size() - i < 4) --i;
    size_t len;
    char32_t cp = DecodeAt(s, i, len);
    if (i + len != s.size() || !IsPySpace(cp)) break;
    s.remove_suffix(len);
  }
  return s;
}

std::string_view PyStrip(std::string_view s) { return PyRStrip(PyLStrip(s)); }

void PySplitLines(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  size_t start = 0, i = 0;
  const size_t n = text.size();
  while (i < n) {
    auto b = static_cast<unsigned char>(text[i]);
    // Only ASCII breaks and the lead bytes of U+0085 (C2 85) and U+2028/9 (E2 80 A8/A9) can
    // start a break.
    if (!kMayBreak[b]) {
      ++i;
      continue;
    }
    size_t len = 1;
    char32_t c = b < 0x80 ? b : DecodeAt(text, i, len);
    if (IsBreak(c)) {
      out.push_back(text.substr(start, i - start));
      i += len;
      if (c == '\r' && i < n && text[i] == '\n') ++i;
      start = i;
    } else {
      i += len;
    }
  }
  if (start < n) out.push_back(text.substr(start));
}

void PySplitWhitespace(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0, start = 0;
  bool in_word = false;
  while (i < text.size()) {
    size_t len = 1;
    auto b = static_cast<unsigned char>(text[i]);
    bool space = b < 0x80 ? IsAsciiSpace(b) : IsPySpace(DecodeAt(text, i, len));
    if (space && in_word) {
      out.push_back(text.substr(start, i - start));
      in_word = false;
    } else if (!space && !in_word) {
      start = i;
      in_word = true;
    }
    i += len;
  }
  if (in_word) out.push_back(text.substr(start));
}

size_t PyCountWords(std::string_view text, size_t at_most) {
  size_t words = 0, i = 0;
  bool in_word = false;
  while (i < text.size() && words < at_most) {
    size_t len = 1;
    auto b = static_cast<unsigned char>(text[i]);
    bool space = b < 0x80 ? IsAsciiSpace(b) : IsPySpace(DecodeAt(text, i, len));
    if (!space && !in_word) ++words;
    in_word = !space;
    i += len;
  }
  return words;
}

bool InPunctuationSet(char32_t c) {
  if (c < 0x80) {
    static const std::array<bool, 128> ascii = [] {
      std::array<bool, 128> t{};
      for (char32_t x : Punctuation().sorted) {
        if (x < 0x80) t[x] = true;
      }
      for (char32_t x = 0; x < 0x20; ++x) t[x] = x != 0x09 && x != 0x0A;
      t[0x7F] = true;
      return t;
    }();
    return ascii[c];
  }
  if (c <= 0x08 || c == 0x0B || c == 0x0C || (c >= 0x0D && c <= 0x1F) || (c >= 0x7F && c <= 0x9F)) {
    return true;
  }
  const auto& v = Punctuation().sorted;
  return std::binary_search(v.begin(), v.end(), c);
}

bool IsSentenceTerminal(char32_t c) {
  if (c < 0x80) return c == '!' || c == '.' || c == '?';
  return std::binary_search(kSentenceTerminal.begin(), kSentenceTerminal.end(), c);
}

bool InTerminalPunctuation(char32_t c) {
  return IsSentenceTerminal(c) ||
         std::find(kTerminalExtra.begin(), kTerminalExtra.end(), c) != kTerminalExtra.end();
}

size_t PyLen(std::string_view s) { return CodePointCount(s); }

}  // namespace refinery::quality
