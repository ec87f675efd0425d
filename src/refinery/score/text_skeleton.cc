#include "refinery/score/text_skeleton.h"

#include <algorithm>
#include <array>
#include <cstring>

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

#if defined(__SSE2__)
// The block path: sixteen bytes at a time over plain ASCII text, the bulk of most records.
// In its domain a byte is a letter (a unit of its lower case), a digit (a unit of itself: the
// word has no letter), '@' '$' '!' '|' '+' '*' in a word without letters (a boundary, as pass
// B reads it) or another ASCII byte (a boundary); a unit starts where the unit character
// changes, and runs and code point ends follow from where the next unit starts (no byte here
// is ignorable, each is one code point). Everything else stops it, at the start of the word
// concerned, for the per-word loop of BuildSkeletonOnePass: a byte of 0x80 or more, a letter
// next to a digit or symbol (pass B's leetspeak), and three single letters two bytes apart (a
// possible chain of pass C). It is entered only where no chain can reach back before it.
struct AsciiBlock {
  __m128i unit_chars;                 // letters lower-cased, digits as they are, others ' '
  unsigned letter, other_word, high;  // bit per byte: [a-zA-Z]; [0-9@$!|+*]; >= 0x80
};

// The ASCII bytes Classify reads as leet symbols or stars, which ClassifyBlock compares with.
constexpr char kBlockSymbols[] = {'@', '$', '!', '|', '+', '*'};
static_assert([] {
  for (int b = 0; b < 128; ++b) {
    bool listed = false;
    for (char c : kBlockSymbols) listed |= c == b;
    const Kind k = kAsciiUnits[b].kind;
    if (listed != (k == kLeetSym || k == kStar)) return false;
  }
  return true;
}());

inline AsciiBlock ClassifyBlock(__m128i v) {
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  // Signed compares: bytes of 0x80 and up are negative, so never letters or digits.
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                       _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), lower));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v));
  __m128i symbol = _mm_setzero_si128();
  for (char c : kBlockSymbols) symbol = _mm_or_si128(symbol, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
  const __m128i unit_chars =
      _mm_or_si128(_mm_or_si128(_mm_and_si128(letter, lower), _mm_and_si128(digit, v)),
                   _mm_andnot_si128(_mm_or_si128(letter, digit), _mm_set1_epi8(' ')));
  return {unit_chars, static_cast<unsigned>(_mm_movemask_epi8(letter)),
          static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(digit, symbol))),
          static_cast<unsigned>(_mm_movemask_epi8(v))};
}

inline bool IsAsciiLetter(unsigned char b) { return kLower[b] != 0; }
inline bool IsAsciiWordByte(unsigned char b) {
  return b < 0x80 && kAsciiUnits[b].kind != kJoinable && kAsciiUnits[b].kind != kBoundary;
}

// Units for text[start, stop) appended from unit `n` (which it advances), where `cp` is the
// code point of `start`: returns `stop`, the byte where the per-word loop must go on (a word
// start, or the end), and sets `trouble` to the byte that stopped it. `start` is 0 or a byte
// that is no word character.
size_t AsciiBlocks(std::string_view text, size_t start, uint32_t cp, const OutputPointers& out,
                   size_t& n, size_t& trouble) {
  const char* const s = text.data();
  const size_t size = text.size();
  const size_t n0 = n;
  char prev_char = n > 0 ? out.chars[n - 1] : '\0';  // no unit character is '\0'
  bool merged = false;                               // the first byte extended unit n0 - 1
  unsigned prev_letter = 0, prev_other = 0;          // bit 0: the byte before the block
  unsigned prev_singles = 0;                         // single letters of the block before
  size_t pos = start, stop = size;
  trouble = size;
  alignas(16) char padded[16];
  alignas(16) char unit_chars[32] = {};  // 16 unit characters, read 16 from any of them
  while (pos < size) {
    const size_t avail = size - pos;
    const char* block = s + pos;
    unsigned valid = 0xFFFF;
    if (avail < 16) {  // the tail, padded with boundaries
      std::memset(padded, ' ', sizeof(padded));
      std::memcpy(padded, block, avail);
      block = padded;
      valid = (1u << avail) - 1;
    }
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    const AsciiBlock cl = ClassifyBlock(v);
    unsigned next_letter = 0, next_other = 0;  // the byte after the block
    if (avail > 16) {
      const unsigned char b = static_cast<unsigned char>(s[pos + 16]);
      next_letter = IsAsciiLetter(b);
      next_other = IsAsciiWordByte(b) && !next_letter;
    }
    const unsigned mixed =
        cl.letter & ((cl.other_word << 1) | prev_other | (cl.other_word >> 1) | (next_other << 15));
    const unsigned singles = cl.letter & ~((cl.letter << 1) | prev_letter) &
                             ~((cl.letter >> 1) | (next_letter << 15)) & 0xFFFF;
    // Three single letters two bytes apart, the first in this block or the one before and the
    // last in this one: bit k of `window` is byte pos - 16 + k.
    const uint32_t window = prev_singles | (singles << 16);
    const uint32_t chains = window & (window >> 2) & (window >> 4) & 0x0FFFF000u;
    const unsigned bad = (cl.high | mixed) & valid;
    if (bad != 0 || chains != 0) {
      const size_t at_bad = bad != 0 ? pos + __builtin_ctz(bad) : size;
      const size_t at_chain = chains != 0 ? pos - 16 + __builtin_ctz(chains) : size;
      size_t h;
      if (at_chain < at_bad) {
        h = at_chain;  // a single letter
        trouble = at_chain;
      } else {
        h = at_bad;
        trouble = at_bad;
        while (h > start && IsAsciiWordByte(static_cast<unsigned char>(s[h - 1]))) --h;
      }
      // Single letters one byte apart before the word may start a chain with it: from the
      // first of them.
      while (h >= start + 2 && !IsAsciiWordByte(static_cast<unsigned char>(s[h - 1])) &&
             IsAsciiLetter(static_cast<unsigned char>(s[h - 2])) &&
             (h < 3 || !IsAsciiWordByte(static_cast<unsigned char>(s[h - 3])))) {
        h -= 2;
      }
      stop = h;
      if (h >= pos) {
        valid &= (1u << (h - pos)) - 1;  // this block's bytes before the word
      } else {  // the word started in a block already written: undo its units
        const uint32_t cp_h = cp + static_cast<uint32_t>(h - start);
        while (n > n0 && out.cp_start[n - 1] >= cp_h) --n;
        valid = 0;
      }
    }
    if (valid != 0) {
      const __m128i c = cl.unit_chars;
      _mm_store_si128(reinterpret_cast<__m128i*>(unit_chars), c);
      const __m128i before = _mm_or_si128(_mm_slli_si128(c, 1),
                                          _mm_cvtsi32_si128(static_cast<unsigned char>(prev_char)));
      unsigned starts =
          ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(c, before))) & valid;
      if (pos == start && n > 0 && (starts & 1) == 0) merged = true;
      // Each run of unit starts is a run of consecutive units: its characters and start code
      // points written sixteen at a time (the arrays have room past the last unit), the next
      // run overwriting what lies past this one's end.
      const uint32_t base = cp + static_cast<uint32_t>(pos - start);
      while (starts != 0) {
        const unsigned a = static_cast<unsigned>(__builtin_ctz(starts));
        const unsigned length = static_cast<unsigned>(__builtin_ctz(~(starts >> a)));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out.chars + n),
                         _mm_loadu_si128(reinterpret_cast<const __m128i*>(unit_chars + a)));
        __m128i at =
            _mm_add_epi32(_mm_set1_epi32(static_cast<int>(base + a)), _mm_setr_epi32(0, 1, 2, 3));
        for (int q = 0; q < 4; ++q) {
          _mm_storeu_si128(reinterpret_cast<__m128i*>(out.cp_start + n + 4 * q), at);
          at = _mm_add_epi32(at, _mm_set1_epi32(4));
        }
        n += length;
        starts &= ~0u << (a + length);  // a + length <= 16
      }
      prev_char = unit_chars[31 - __builtin_clz(valid)];
    }
    if (stop != size) break;
    prev_letter = cl.letter >> 15;
    prev_other = (cl.other_word >> 15) & 1;
    prev_singles = singles;
    pos += 16;
  }
  // Ends and runs from where the next unit starts (`joined` stays 0 as Resize left it).
  const uint32_t cp_stop = cp + static_cast<uint32_t>(stop - start);
  if (merged && stop > start) out.cp_end[n0 - 1] = n > n0 ? out.cp_start[n0] : cp_stop;
  if (n > n0) {
    std::memcpy(out.cp_end + n0, out.cp_start + n0 + 1, (n - n0 - 1) * sizeof(uint32_t));
    out.cp_end[n - 1] = cp_stop;
    // A run is the unit's length in code points (at most UINT16_MAX), 1 for a boundary.
    size_t u = n0;
    for (; u + 8 <= n; u += 8) {
      const __m128i length_lo =
          _mm_sub_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(out.cp_end + u)),
                        _mm_loadu_si128(reinterpret_cast<const __m128i*>(out.cp_start + u)));
      const __m128i length_hi =
          _mm_sub_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(out.cp_end + u + 4)),
                        _mm_loadu_si128(reinterpret_cast<const __m128i*>(out.cp_start + u + 4)));
      // Unsigned saturation to 16 bits with SSE2's signed one: shifted down by 2^15 and back.
      const __m128i bias = _mm_set1_epi32(0x8000);
      const __m128i length = _mm_xor_si128(
          _mm_packs_epi32(_mm_sub_epi32(length_lo, bias), _mm_sub_epi32(length_hi, bias)),
          _mm_set1_epi16(static_cast<int16_t>(0x8000)));
      const __m128i space8 = _mm_cmpeq_epi8(
          _mm_loadl_epi64(reinterpret_cast<const __m128i*>(out.chars + u)), _mm_set1_epi8(' '));
      const __m128i space = _mm_unpacklo_epi8(space8, space8);
      const __m128i run =
          _mm_or_si128(_mm_and_si128(space, _mm_set1_epi16(1)), _mm_andnot_si128(space, length));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out.run + u), run);
    }
    for (; u < n; ++u) {
      const uint32_t length = std::min<uint32_t>(out.cp_end[u] - out.cp_start[u], UINT16_MAX);
      out.run[u] = out.chars[u] == ' ' ? uint16_t{1} : static_cast<uint16_t>(length);
    }
  }
  return stop;
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
  // Room for a unit per byte, and 16 more: the block path writes 16 units at a time.
  const OutputPointers outputs = Outputs(out, size + 16);
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
#if defined(__SSE2__)
  size_t blocks_from = 0;  // the block path is not tried again before this byte
#endif
  while (i < size) {
#if defined(__SSE2__)
    // The block path from here when no chain can reach back across this byte: at the start, or
    // at a boundary byte after a run that is no single letter, or far enough from one.
    if (i >= blocks_from) {
      const unsigned char b = static_cast<unsigned char>(text[i]);
      const bool safe =
          i == 0 ||
          (b < 0x80 && !IsAsciiWordByte(b) &&
           (alnum_len > 0 ? !(alnum_len == 1 && alnum_letter) : !have_single || p > single_end));
      if (safe) {
        size_t trouble;
        const size_t stop = AsciiBlocks(text, i, cp, outputs, n, trouble);
        // A stop where it started waits for a few words: text that is not plain ASCII would
        // otherwise try every word.
        blocks_from = trouble + (stop == i ? 64 : 1);
        p += stop - i;
        cp += static_cast<uint32_t>(stop - i);
        i = stop;
        alnum_len = 0;
        have_single = false;
        pair = false;
        continue;
      }
    }
#endif
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
