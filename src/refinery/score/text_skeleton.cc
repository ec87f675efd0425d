#include "refinery/score/text_skeleton.h"

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

constexpr char FoldConfusable(char32_t cp) {
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

constexpr bool IsIgnorable(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
         cp == 0x034F || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F);
}

constexpr Unit Classify(char32_t cp, uint32_t index) {
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

// ASCII classified by Classify itself, at compile time (a function-local static cost a guard
// check per byte).
constexpr std::array<Unit, 128> kAsciiUnits = [] {
  std::array<Unit, 128> t{};
  for (uint32_t b = 0; b < 128; ++b) t[b] = Classify(b, 0);
  return t;
}();

// ASCII letters lower-cased, 0 for every other byte.
constexpr std::array<char, 256> kLower = [] {
  std::array<char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c + 32);
  return t;
}();

// The output arrays sized for `n` units (the worst case, trimmed at the end), written through
// raw pointers.
struct OutputPointers {
  char* chars;
  uint8_t* joined;
  uint16_t* run;
  uint32_t* cp_start;
  uint32_t* cp_end;
};
OutputPointers Outputs(TextSkeleton& out, size_t n) {
  out.Resize(n);
  return {out.chars.data(), out.joined.data(), out.run.data(), out.cp_start.data(),
          out.cp_end.data()};
}

// DecodeUnit beyond ASCII, out of line: the ASCII path is inlined into the per-byte loops.
[[gnu::noinline]] Unit DecodeNonAsciiUnit(std::string_view text, size_t i, uint32_t index,
                                          size_t& len) {
  const unsigned char b = static_cast<unsigned char>(text[i]);
  char32_t cp;
  len = 1;
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
  return Classify(cp, index);
}

// One code point of `text` at byte `i` as pass A reads it: the unit (index = code point
// index `index`) and its length in bytes (invalid bytes are U+FFFD, one byte long).
[[gnu::always_inline]] inline Unit DecodeUnit(std::string_view text, size_t i, uint32_t index,
                                              size_t& len) {
  const unsigned char b = static_cast<unsigned char>(text[i]);
  if (b >= 0x80) return DecodeNonAsciiUnit(text, i, index, len);
  len = 1;
  Unit u = kAsciiUnits[b];
  u.cp = index;
  return u;
}

// Pass B on one word (a maximal run of word kinds): in a word that has a letter, digits and
// leet symbols become letters ('!' and '|' only before a letter), other symbols boundaries;
// then a run of stars is a masked part of the word only between letters ("f*ck", "f**k").
// A star run's neighbours outside the word are separators, so the word alone decides.
void LeetWord(Unit* word, size_t len) {
  bool has_letter = false;
  for (size_t k = 0; k < len; ++k) has_letter |= word[k].kind == kLetter;
  for (size_t k = 0; k < len; ++k) {
    Unit& u = word[k];
    if (u.kind == kLetter) continue;
    if (!has_letter) {
      if (u.kind != kDigit) u = {' ', kBoundary, u.cp};
      continue;
    }
    if (u.kind == kStar) continue;
    char leet = LeetLetter(u.c);
    if ((u.c == '!' || u.c == '|') && !(k + 1 < len && word[k + 1].kind == kLetter)) leet = 0;
    if (leet != 0) {
      u.c = leet;
      u.kind = kLetter;
    } else if (u.kind == kLeetSym) {
      u = {' ', kBoundary, u.cp};
    }
  }
  for (size_t k = 0; k < len;) {
    if (word[k].kind != kStar) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < len && word[e].kind == kStar) ++e;
    const bool inside = k > 0 && word[k - 1].kind == kLetter && e < len && word[e].kind == kLetter;
    if (!inside) {
      for (size_t s = k; s < e; ++s) word[s] = {' ', kBoundary, word[s].cp};
    }
    k = e;
  }
}

#if defined(__SSE2__)
// The 16 bytes at `text` lower-cased into `chars`, and how many of them, from the first, are
// ASCII letters that each differ from the letter before them (the first from `prev`): a unit
// each. The run stops at a byte that is no letter or repeats its neighbour, which the caller's
// loop then reads (a repeat collapses into the unit before it).
inline int AsciiLetterRun(const char* text, char prev, char* chars) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text));
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  // Signed compares: bytes of 0x80 and up are negative, so never letters.
  const __m128i is_letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                          _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), lower));
  const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(is_letter));
  const __m128i before =
      _mm_or_si128(_mm_slli_si128(lower, 1), _mm_cvtsi32_si128(static_cast<unsigned char>(prev)));
  const unsigned repeats = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(lower, before)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(chars), lower);
  // 16 when all are distinct letters: bits 16 and up of ~mask are set.
  return __builtin_ctz(~mask | repeats);
}

// Units n .. n + 15 as letters of one code point each, starting at code point `at`: run 1,
// [at + j, at + j + 1). Those past the letters AsciiLetterRun counted are rewritten later.
inline void WriteLetterUnits(size_t n, uint32_t at, uint16_t* run, uint32_t* cp_start,
                             uint32_t* cp_end) {
  const __m128i ones = _mm_set1_epi16(1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(run + n), ones);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(run + n + 8), ones);
  __m128i start = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(at)), _mm_setr_epi32(0, 1, 2, 3));
  const __m128i four = _mm_set1_epi32(4), one = _mm_set1_epi32(1);
  for (int q = 0; q < 4; ++q) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(cp_start + n + 4 * q), start);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(cp_end + n + 4 * q), _mm_add_epi32(start, one));
    start = _mm_add_epi32(start, four);
  }
}
#endif

// The skeleton in one pass, without the per-code-point unit array of the general path (about
// 80 instructions a byte): words of letters only are written as they are read, other words
// go through pass B alone. Gives exactly what BuildSkeletonGeneral gives, or returns false
// (`out` then unspecified) at a chain of single letters (pass C: "f.u.c.k"), rare in prose,
// left to the general path.
bool BuildSkeletonOnePass(std::string_view text, TextSkeleton& out) {
  const size_t size = text.size();
  // Plain locals, not a structured binding: the lambdas below use them, and clang before 16
  // cannot capture a binding (`make fuzz` builds with Debian's clang 14).
  const OutputPointers outputs = Outputs(out, size);
  char* const chars = outputs.chars;
  uint8_t* const joined = outputs.joined;
  uint16_t* const run = outputs.run;
  uint32_t* const cp_start = outputs.cp_start;
  uint32_t* const cp_end = outputs.cp_end;
  size_t n = 0;
  // Runs of alphanumeric units (letter, digit, inner star) after pass B, by unit index (code
  // points less the ignored ones), to find the chains of pass C: three single letters, each
  // one separator unit from the next, the separators alike. Kept: the unit after the last
  // single letter (and that unit's kind and character), and whether that letter was itself
  // one separator after a single letter (and the separator's character).
  size_t alnum_len = 0, alnum_start = 0;
  bool alnum_letter = false;
  bool have_single = false, single_end_joinable = false, pair = false;
  size_t single_end = 0;
  char single_end_c = 0, pair_sep = 0;
  // Ends the alphanumeric run before unit `p` (`next`); false at a chain.
  auto end_run = [&](size_t p, const Unit& next) {
    if (alnum_len == 1 && alnum_letter) {
      const bool follows = have_single && single_end_joinable && alnum_start == single_end + 1;
      if (follows && pair && pair_sep == single_end_c) return false;
      pair = follows;
      pair_sep = single_end_c;
      have_single = true;
      single_end = p;
      single_end_joinable = next.kind == kJoinable;
      single_end_c = next.c;
    }
    alnum_len = 0;
    return true;
  };
  // Pass D for unit number `p`.
  auto feed = [&](size_t p, const Unit& u) {
    const bool word = u.kind == kLetter || u.kind == kDigit || u.kind == kStar;
    if (word) {
      if (alnum_len++ == 0) {
        alnum_start = p;
        alnum_letter = u.kind == kLetter;
      }
    } else if (alnum_len > 0 && !end_run(p, u)) {
      return false;
    }
    const char e = word ? u.c : ' ';
    if (n > 0 && chars[n - 1] == e) {
      if (word && run[n - 1] < UINT16_MAX) ++run[n - 1];
      cp_end[n - 1] = u.cp + 1;
      return true;
    }
    chars[n] = e;
    joined[n] = 0;
    run[n] = 1;
    cp_start[n] = u.cp;
    cp_end[n] = u.cp + 1;
    ++n;
    return true;
  };
  thread_local std::vector<Unit> word_tls;  // one word's units when it needs pass B
  size_t i = 0, p = 0;                      // byte, unit
  uint32_t cp = 0;                          // code point
  while (i < size) {
    size_t len;
    Unit u = DecodeUnit(text, i, cp, len);
    if (u.kind == kIgnore) {
      i += len;
      ++cp;
      continue;
    }
    if (!IsWordKind(u.kind)) {
      if (!feed(p, u)) return false;
      i += len;
      ++cp;
      ++p;
      continue;
    }
    // A word. Letters are written as they come; a digit, leet symbol or star sends the whole
    // word through pass B (written again from its start: its first unit follows a ' ' or
    // nothing, so undoing it is resetting the count).
    const size_t word_i = i, word_p = p, word_n = n;
    const uint32_t word_cp = cp;
    bool plain = true;
    alnum_len = 0;  // the word starts a run (its first unit is a letter when `plain`)
    alnum_start = p;
    alnum_letter = true;
    while (true) {
      if (u.kind == kLetter) {
        // This letter (perhaps not ASCII), then the ASCII letters after it, the bulk of most
        // text, in a tight loop where byte, code point and unit advance together.
        char c = u.c;
        char prev = n > word_n ? chars[n - 1] : '\0';
        uint32_t at = cp;  // code point of the letter at byte k
        size_t k = i;
        size_t step = len;
        while (true) {
          if (c == prev) {
            if (run[n - 1] < UINT16_MAX) ++run[n - 1];
          } else {
            chars[n] = c;
            run[n] = 1;  // `joined` stays 0 as resize() left it
            cp_start[n] = at;
            ++n;
            prev = c;
          }
          cp_end[n - 1] = at + 1;
          k += step;
          ++at;
          step = 1;
          if (k >= size) break;
#if defined(__SSE2__)
          // Sixteen bytes at a time while the word goes on in ASCII letters that repeat no
          // letter: a unit per letter, written with vector stores whatever the word's length,
          // and no branch per letter. A double letter ("ll") stops the run; the loop collapses
          // it into one unit and the next round goes on after it.
          if (k + 16 <= size) {  // units never outnumber bytes, so n + 16 <= size as well
            const int letters = AsciiLetterRun(text.data() + k, prev, chars + n);
            if (letters > 0) {
              WriteLetterUnits(n, at, run, cp_start, cp_end);
              n += static_cast<size_t>(letters);
              at += static_cast<uint32_t>(letters);
              k += static_cast<size_t>(letters);
              prev = chars[n - 1];
              if (k >= size) break;
              c = kLower[static_cast<unsigned char>(text[k])];
              if (c == 0) break;
              continue;
            }
          }
#endif
          c = kLower[static_cast<unsigned char>(text[k])];
          if (c == 0) break;
        }
        const uint32_t units = at - cp;
        alnum_len += units;
        p += units;
        cp = at;
        i = k;
        len = 1;
      } else if (u.kind != kIgnore) {
        plain = false;
        break;
      } else {
        i += len;
        ++cp;
      }
      if (i >= size) break;
      const unsigned char b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        u = kAsciiUnits[b];
        u.cp = cp;
        len = 1;
      } else {
        u = DecodeUnit(text, i, cp, len);
      }
      if (!IsWordKind(u.kind) && u.kind != kIgnore) break;
    }
    if (plain) continue;
    // Pass B: read the word again from its start into `word`.
    n = word_n;
    alnum_len = 0;
    i = word_i;
    cp = word_cp;
    p = word_p;
    std::vector<Unit>& word = word_tls;
    word.clear();
    while (i < size) {
      Unit w = DecodeUnit(text, i, cp, len);
      if (w.kind != kIgnore) {
        if (!IsWordKind(w.kind)) break;
        word.push_back(w);
      }
      i += len;
      ++cp;
    }
    LeetWord(word.data(), word.size());
    for (const Unit& w : word) {
      if (!feed(p++, w)) return false;
    }
    if (word.capacity() > (size_t{1} << 16)) std::vector<Unit>().swap(word);
  }
  if (alnum_len > 0 && !end_run(p, Unit{' ', kBoundary, 0})) return false;
  out.Resize(n);
  return true;
}

}  // namespace

void BuildSkeleton(std::string_view text, TextSkeleton& out) {
  out.Clear();
  if (BuildSkeletonOnePass(text, out)) return;
  text_skeleton_internal::BuildSkeletonGeneral(text, out);
}

void text_skeleton_internal::BuildSkeletonGeneral(std::string_view text, TextSkeleton& out) {
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
  units.resize(text.size());  // at most one unit per byte; written by index, then trimmed
  Unit* unit = units.data();
  size_t count = 0;
  uint32_t index = 0;
  bool odd = false;  // any digit, leet symbol or star: pass B below has work
  for (size_t i = 0; i < text.size();) {
    size_t len;
    const Unit u = DecodeUnit(text, i, index, len);
    odd |= u.kind == kDigit || u.kind == kLeetSym || u.kind == kStar;
    if (u.kind != kIgnore) unit[count++] = u;
    i += len;
    ++index;
  }
  units.resize(count);

  // B. Leetspeak and masking stars, word by word (maximal runs of word kinds). Text of letters
  // and separators only (most of it) is left as it is.
  for (size_t i = 0; odd && i < units.size();) {
    if (!IsWordKind(units[i].kind)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < units.size() && IsWordKind(units[j].kind)) ++j;
    LeetWord(units.data() + i, j - i);
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
  auto [chars, joined, run, cp_start, cp_end] = Outputs(out, nu);
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
  out.Resize(n);
}

}  // namespace refinery
