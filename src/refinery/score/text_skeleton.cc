#include "refinery/score/text_skeleton.h"

#include <algorithm>
#include <array>

namespace refinery {
namespace {

enum Kind : uint8_t {
  kLetter,    // a-z
  kDigit,     // 0-9
  kLeetSym,   // @ $ ! | +
  kStar,      // '*' (a masked letter when inside a word)
  kJoinable,  // a separator that may sit between the letters of an obfuscated word
  kBoundary,  // anything else (newlines, symbols, non-Latin letters)
  kIgnore,    // zero-width characters, soft hyphens, combining marks
};

struct Unit {
  char c;
  Kind kind;
  uint32_t cp;  // code point index
};

// U+00C0..U+00FF and U+0100..U+017F folded to an ASCII letter ('?' = none).
constexpr char kLatin1[] =
    "aaaaaa?ceeeeiiiidnooooo?ouuuuy?s"
    "aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";
constexpr char kLatinExtA[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrss"
    "sssssstttttttuuuuuuuuuuuuwwyyyzzzzzzs";

char FoldConfusable(char32_t cp) {
  switch (cp) {
    // Cyrillic look-alikes.
    case 0x0430:
    case 0x0410:
      return 'a';
    case 0x0432:
    case 0x0412:
      return 'b';
    case 0x0435:
    case 0x0415:
    case 0x0451:
    case 0x0401:
      return 'e';
    case 0x043E:
    case 0x041E:
      return 'o';
    case 0x0440:
    case 0x0420:
      return 'p';
    case 0x0441:
    case 0x0421:
      return 'c';
    case 0x0443:
    case 0x0423:
      return 'y';
    case 0x0445:
    case 0x0425:
      return 'x';
    case 0x0456:
    case 0x0406:
    case 0x0457:
    case 0x0407:
      return 'i';
    case 0x0458:
    case 0x0408:
      return 'j';
    case 0x0455:
    case 0x0405:
      return 's';
    case 0x043A:
    case 0x041A:
      return 'k';
    case 0x043C:
    case 0x041C:
      return 'm';
    case 0x043D:
    case 0x041D:
      return 'h';
    case 0x0442:
    case 0x0422:
      return 't';
    // Greek look-alikes.
    case 0x03B1:
    case 0x0391:
      return 'a';
    case 0x0392:
    case 0x03B2:
      return 'b';
    case 0x03B5:
    case 0x0395:
      return 'e';
    case 0x0396:
      return 'z';
    case 0x0397:
      return 'h';
    case 0x03B9:
    case 0x0399:
      return 'i';
    case 0x03BA:
    case 0x039A:
      return 'k';
    case 0x039C:
      return 'm';
    case 0x03BD:
      return 'v';
    case 0x039D:
      return 'n';
    case 0x03BF:
    case 0x039F:
      return 'o';
    case 0x03C1:
    case 0x03A1:
      return 'p';
    case 0x03C4:
    case 0x03A4:
      return 't';
    case 0x03C5:
      return 'u';
    case 0x03A5:
      return 'y';
    case 0x03C7:
    case 0x03A7:
      return 'x';
    default:
      break;
  }
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kLatinExtA[cp - 0x100];
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {  // mathematical alphanumeric letters
    uint32_t k = (cp - 0x1D400) % 52;
    return static_cast<char>(k < 26 ? 'a' + k : 'a' + (k - 26));
  }
  if (cp >= 0x24D0 && cp <= 0x24E9) return static_cast<char>('a' + (cp - 0x24D0));  // ⓐ
  if (cp >= 0x24B6 && cp <= 0x24CF) return static_cast<char>('a' + (cp - 0x24B6));  // Ⓐ
  return '?';
}

bool IsIgnorable(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
         cp == 0x034F || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F);
}

Unit Classify(char32_t cp, uint32_t index) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // fullwidth ASCII
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') return {static_cast<char>(c + 32), kLetter, index};
    if (c >= 'a' && c <= 'z') return {c, kLetter, index};
    if (c >= '0' && c <= '9') return {c, kDigit, index};
    switch (c) {
      case '@':
      case '$':
      case '!':
      case '|':
      case '+':
        return {c, kLeetSym, index};
      case '*':
        return {c, kStar, index};
      case ' ':
      case '\t':
      case '.':
      case '-':
      case '_':
      case '~':
      case '\'':
      case '"':
      case ',':
      case ':':
      case ';':
      case '/':
      case '\\':
      case '^':
      case '=':
        return {c, kJoinable, index};
      default:
        return {' ', kBoundary, index};
    }
  }
  if (IsIgnorable(cp)) return {' ', kIgnore, index};
  if (cp == 0x00A0 || cp == 0x2019 || cp == 0x2018 || cp == 0x2022 || cp == 0x00B7 ||
      (cp >= 0x2010 && cp <= 0x2015)) {
    return {'-', kJoinable, index};
  }
  char folded = FoldConfusable(cp);
  if (folded != '?') return {folded, kLetter, index};
  return {' ', kBoundary, index};
}

// LeetDigitLetter, plus 9 and the symbols the skeleton reads as letters ("@ss", "a$$", "b!tch").
char LeetLetter(char c) {
  switch (c) {
    case '9':
      return 'g';
    case '@':
      return 'a';
    case '$':
      return 's';
    case '!':
    case '|':
      return 'i';
    case '+':
      return 't';
    default:
      return LeetDigitLetter(c);
  }
}

bool IsWordKind(Kind k) { return k == kLetter || k == kDigit || k == kLeetSym || k == kStar; }

}  // namespace

void BuildSkeleton(std::string_view text, TextSkeleton& out) {
  out.Clear();
  // A. Decode and classify (ignorables dropped here; their code point indices are skipped).
  // Scratch reused across calls on this thread (records are short and many: an allocation per
  // record cost a fifth of the step's time); released after a large text.
  thread_local std::vector<Unit> units_tls;
  thread_local std::vector<uint8_t> drop_tls;
  constexpr size_t kKeepCapacity = size_t{1} << 16;
  struct Release {
    ~Release() {
      if (units_tls.capacity() > kKeepCapacity) std::vector<Unit>().swap(units_tls);
      if (drop_tls.capacity() > kKeepCapacity) std::vector<uint8_t>().swap(drop_tls);
    }
  } release;
  std::vector<Unit>& units = units_tls;  // one thread-local lookup, not one per use
  std::vector<uint8_t>& drop = drop_tls;
  // ASCII classified once, by Classify itself.
  static const std::array<Unit, 128> kAscii = [] {
    std::array<Unit, 128> t{};
    for (uint32_t b = 0; b < 128; ++b) t[b] = Classify(b, 0);
    return t;
  }();
  units.resize(text.size());  // at most one unit per byte; written by index, then trimmed
  Unit* unit = units.data();
  size_t count = 0;
  uint32_t index = 0;
  bool odd = false;  // any digit, leet symbol or star: the passes B below have work
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      Unit u = kAscii[b];
      u.cp = index;
      odd |= u.kind == kDigit || u.kind == kLeetSym || u.kind == kStar;
      unit[count++] = u;
      ++i;
      ++index;
      continue;
    }
    char32_t cp;
    size_t len = 1;
    if ((b >> 5) == 6 && i + 1 < text.size()) {
      cp = ((b & 0x1F) << 6) | (text[i + 1] & 0x3F);
      len = 2;
    } else if ((b >> 4) == 14 && i + 2 < text.size()) {
      cp = ((b & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
      len = 3;
    } else if ((b >> 3) == 30 && i + 3 < text.size()) {
      cp = ((b & 0x07) << 18) | ((text[i + 1] & 0x3F) << 12) | ((text[i + 2] & 0x3F) << 6) |
           (text[i + 3] & 0x3F);
      len = 4;
    } else {
      cp = 0xFFFD;  // invalid byte: a boundary
    }
    Unit u = Classify(cp, index);
    odd |= u.kind == kDigit || u.kind == kLeetSym || u.kind == kStar;
    if (u.kind != kIgnore) unit[count++] = u;
    i += len;
    ++index;
  }
  units.resize(count);

  // B. Leetspeak: inside a word (maximal run of word kinds) that has a letter, digits and leet
  // symbols become letters ('!' and '|' only before a letter). Elsewhere symbols are boundaries.
  // Text of letters and separators only (most of it) is left as it is by both passes.
  for (size_t i = 0; odd && i < units.size();) {
    if (!IsWordKind(units[i].kind)) {
      ++i;
      continue;
    }
    size_t j = i;
    bool has_letter = false;
    while (j < units.size() && IsWordKind(units[j].kind)) {
      has_letter |= units[j].kind == kLetter;
      ++j;
    }
    for (size_t k = i; k < j; ++k) {
      Unit& u = units[k];
      if (u.kind == kLetter) continue;
      if (!has_letter) {
        if (u.kind != kDigit) u = {' ', kBoundary, u.cp};
        continue;
      }
      if (u.kind == kStar) continue;
      char leet = LeetLetter(u.c);
      if ((u.c == '!' || u.c == '|') && !(k + 1 < j && units[k + 1].kind == kLetter)) leet = 0;
      if (leet != 0) {
        u.c = leet;
        u.kind = kLetter;
      } else if (u.kind == kLeetSym) {
        u = {' ', kBoundary, u.cp};
      }
    }
    i = j;
  }
  // A run of stars is a masked part of a word only between letters ("f*ck", "f**k").
  for (size_t i = 0; odd && i < units.size();) {
    if (units[i].kind != kStar) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < units.size() && units[j].kind == kStar) ++j;
    bool inside =
        i > 0 && units[i - 1].kind == kLetter && j < units.size() && units[j].kind == kLetter;
    if (!inside) {
      for (size_t k = i; k < j; ++k) units[k] = {' ', kBoundary, units[k].cp};
    }
    i = j;
  }

  // C. Chains of >= 3 single letters separated by one joinable separator are one word.
  bool any_drop = false;  // `drop` is filled only once a chain is found
  auto is_alnum = [&](size_t k) {
    return k < units.size() &&
           (units[k].kind == kLetter || units[k].kind == kDigit || units[k].kind == kStar);
  };
  for (size_t i = 0; i < units.size();) {
    bool single = units[i].kind == kLetter && (i == 0 || !is_alnum(i - 1)) && !is_alnum(i + 1);
    if (!single) {
      ++i;
      continue;
    }
    size_t count = 1;
    size_t k = i;
    const char sep = i + 1 < units.size() ? units[i + 1].c : 0;  // one separator per chain
    while (k + 2 < units.size() && units[k + 1].kind == kJoinable && units[k + 1].c == sep &&
           units[k + 2].kind == kLetter && !is_alnum(k + 3)) {
      k += 2;
      ++count;
    }
    if (count >= 3) {
      if (!any_drop) drop.assign(units.size(), 0);
      any_drop = true;
      for (size_t s = i + 1; s < k; s += 2) drop[s] = 1;
      i = k + 1;
    } else {
      ++i;
    }
  }

  // D. Emit: runs of one letter collapse to one unit; boundary runs to one ' '. Written
  // through raw pointers into outputs sized for the worst case, then trimmed.
  const size_t nu = units.size();
  out.chars.resize(nu);
  out.joined.resize(nu);
  out.run.resize(nu);
  out.cp_start.resize(nu);
  out.cp_end.resize(nu);
  char* chars = out.chars.data();
  uint8_t* joined = out.joined.data();
  uint16_t* run = out.run.data();
  uint32_t* cp_start = out.cp_start.data();
  uint32_t* cp_end = out.cp_end.data();
  size_t n = 0;
  bool pending_join = false;
  for (size_t i = 0; i < nu; ++i) {
    if (any_drop && drop[i]) {
      pending_join = true;
      continue;
    }
    const Unit& u = unit[i];
    bool word = u.kind == kLetter || u.kind == kDigit || u.kind == kStar;
    char c = word ? u.c : ' ';
    if (n > 0 && chars[n - 1] == c) {
      if (word && run[n - 1] < UINT16_MAX) ++run[n - 1];
      cp_end[n - 1] = u.cp + 1;
      continue;
    }
    chars[n] = c;
    joined[n] = pending_join ? 1 : 0;
    pending_join = false;
    run[n] = 1;
    cp_start[n] = u.cp;
    cp_end[n] = u.cp + 1;
    ++n;
  }
  out.chars.resize(n);
  out.joined.resize(n);
  out.run.resize(n);
  out.cp_start.resize(n);
  out.cp_end.resize(n);
}

}  // namespace refinery
