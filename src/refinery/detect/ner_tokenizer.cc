#include "refinery/detect/ner_tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "refinery/core/ascii.h"
#include "refinery/core/utf8.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_gazetteer.h"

namespace refinery::ner {

namespace {

// Letters of the scripts the training data has; everything else (punctuation, symbols, emoji)
// is a token of its own. Non-ASCII code points, out of line: the ASCII test below is inlined
// into the per-character loops (a call per character was 3% of detect's instructions).
[[gnu::noinline]] bool IsNonAsciiLetterCp(char32_t cp) {
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, shapes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
  if (cp >= 0xFF00 && cp <= 0xFF20) return false;  // full-width punctuation
  if (cp >= 0x1F000) return false;                 // emoji, symbols
  return cp != 0xFFFD;
}

// Letters of Latin-1 and Latin Extended-A (not the signs U+00D7, U+00F7), and Romanian's S and T
// with a comma below (U+0218-U+021B: "Chișinău", "Timișoara"), which FoldNameToAscii folds too.
inline bool IsLatinLetterCp(char32_t cp) {
  return (cp >= 0xC0 && cp < 0x180 && cp != 0xD7 && cp != 0xF7) || (cp >= 0x218 && cp <= 0x21B);
}

inline bool IsLetterCp(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return IsNonAsciiLetterCp(cp);
}

}  // namespace

bool IsUpperCodePoint(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: upper/lower pairs, parity shifts
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) == 1;
    return cp != 0x138 && cp != 0x149 && (cp & 1) == 0;
  }
  if (cp >= 0x218 && cp <= 0x21B) return (cp & 1) == 0;  // Ș, Ț
  if (cp >= 0x391 && cp <= 0x3A9) return true;           // Greek
  if (cp >= 0x400 && cp <= 0x42F) return true;           // Cyrillic
  return false;
}

namespace {

// The ASCII the training sets mostly write for a typographic quote or dash, or empty.
std::string_view AsciiForTypographic(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:  // ‘ ’ ‚ ‛
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0xAB:
    case 0xBB:  // “ ” „ ‟ « »
      return "\"";
    case 0x2013:  // en dash
      return "-";
    case 0x2014:  // em dash
      return "--";
    default:
      return {};
  }
}

}  // namespace

std::string_view TypographicPunctuationAsAscii(std::string_view token) {
  if (token.empty()) return {};
  size_t n;
  const std::string_view ascii = AsciiForTypographic(DecodeUtf8At(token, 0, n));
  if (ascii.empty() || n == token.size()) return ascii;
  if (ascii == "'" && token.size() == n + 1) {
    if (token[n] == 's') return "'s";
    if (token[n] == 'S') return "'S";
  }
  return {};
}

bool FoldTypographicPunctuation(std::string_view token, std::string& out) {
  bool folded = false;
  for (size_t i = 0; i < token.size();) {
    const auto b = static_cast<unsigned char>(token[i]);
    if (b != 0xE2 && b != 0xC2) {  // the lead bytes of every code point folded
      if (folded) out += token[i];
      ++i;
      continue;
    }
    size_t n;
    const char32_t cp = DecodeUtf8At(token, i, n);
    const std::string_view ascii = AsciiForTypographic(cp);
    if (!ascii.empty() && !folded) out.assign(token.substr(0, i)), folded = true;
    if (folded) out.append(ascii.empty() ? token.substr(i, n) : ascii);
    i += n;
  }
  return folded;
}

namespace {

bool IsDigitCp(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsWordCp(char32_t cp) { return IsLetterCp(cp) || IsDigitCp(cp); }

// Joiners kept inside a word when a word character follows: O'Brien, Jean-Luc, U.S, 3.5, AT&T.
bool IsJoiner(char32_t cp) {
  return cp == '\'' || cp == '-' || cp == '.' || cp == 0x2019 || cp == '&' || cp == '_';
}

bool IsSpaceCp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x200B || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000;
}

// Per ASCII byte, the counts ClassifyToken adds for it, packed: digits at bit 0, letters at
// bit 21, upper-case letters at bit 42.
constexpr std::array<uint64_t, 128> kAsciiCounts = [] {
  std::array<uint64_t, 128> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = 1;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = uint64_t{1} << 21;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = (uint64_t{1} << 21) | (uint64_t{1} << 42);
  return t;
}();

// Per byte, its lower case when it is an ASCII letter or digit (what continues a word without
// decoding), else 0: Tokenize's word loop tests and lower-cases a byte with one load.
constexpr std::array<unsigned char, 256> kAsciiWordLower = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<unsigned char>(c);
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<unsigned char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<unsigned char>(c + 32);
  return t;
}();

inline bool EndsSentence(std::string_view tok) {
  // Most tokens are words: their first byte rules them out (inlined: a call per token was 1%
  // of the tokenizer).
  const char c = tok[0];
  if (c != '.' && c != '!' && c != '?' && c != '\xE2') return false;
  return tok == "." || tok == "!" || tok == "?" || tok == "..." || tok == "\xE2\x80\xA6";
}

// The case class from a token's letter, upper-case and digit counts.
CapClass ClassFromCounts(size_t letters, size_t upper, size_t digits, bool first_upper) {
  if (letters == 0) return digits ? kCapDigit : kCapPunct;
  if (digits > letters) return kCapDigit;
  if (letters == 1 && upper == 1) return kCapInitial;
  if (upper == letters) return kCapUpper;
  if (first_upper) return kCapTitle;
  return kCapLower;
}

// The first ASCII letter of t is upper case (t holds at least one ASCII letter).
bool FirstAsciiLetterUpper(std::string_view t) {
  size_t k = 0;
  while (!(kAsciiCounts[static_cast<unsigned char>(t[k])] >> 21)) ++k;
  return kAsciiCounts[static_cast<unsigned char>(t[k])] >> 42;
}

constexpr uint64_t kCountField = (uint64_t{1} << 21) - 1;
constexpr uint64_t kNoCounts = ~uint64_t{0};  // Tokenize: no counts summed, read the bytes

// ClassifyToken for an all-ASCII word token whose bytes' kAsciiCounts Tokenize summed while
// it scanned them (fewer than 2^21 bytes, so no field overflowed): the same class without
// reading the bytes again. A word never starts with '@' or '#'.
CapClass ClassifyAsciiWord(std::string_view t, uint64_t packed) {
  if (t.size() > 4 && t.substr(0, 4) == "http") return kCapUrl;
  const size_t letters = (packed >> 21) & kCountField;
  return ClassFromCounts(letters, packed >> 42, packed & kCountField,
                         letters > 0 && FirstAsciiLetterUpper(t));
}

// The bytes of the line [start, end) without a trailing '\r'.
size_t LineLength(std::string_view text, size_t start, size_t end) {
  return end > start && text[end - 1] == '\r' ? end - start - 1 : end - start;
}

// A line that starts a list item or a quote, whatever width the lines around it have: "- ",
// "* ", "• ", "> ", "1. ", "2) ".
bool StartsListItem(std::string_view text, size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size()) return false;
  const char c = text[at];
  if ((c == '-' || c == '*' || c == '>' || c == '+') &&
      (at + 1 == text.size() || text[at + 1] == ' '))
    return true;
  if (text.compare(at, 3, "\xE2\x80\xA2") == 0) return true;  // •
  size_t d = at;
  while (d < text.size() && d - at < 3 && text[d] >= '0' && text[d] <= '9') ++d;
  return d > at && d + 1 < text.size() && (text[d] == '.' || text[d] == ')') && text[d + 1] == ' ';
}

// A line that starts with a form's label: up to four words and a colon ("Phone: ...", "Date of
// birth: ...", "Driver's license: ..."). Forms and headers are fields, one per line.
bool StartsWithLabel(std::string_view text, size_t at) {
  // The colon first, by memchr over the label's longest reach: most lines of prose have none.
  if (!std::memchr(text.data() + at, ':', std::min<size_t>(text.size() - at, 48))) return false;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  size_t words = 0;
  while (at < text.size() && words < 4) {
    const size_t word = at;
    while (at < text.size() && (IsAsciiLetter(text[at]) || text[at] == '-' || text[at] == '\'' ||
                                text[at] == '.' || static_cast<unsigned char>(text[at]) >= 0x80))
      ++at;
    if (at == word) return false;
    ++words;
    if (at < text.size() && text[at] == ':')
      return at + 1 == text.size() || text[at + 1] == ' ' || text[at + 1] == '\t' ||
             text[at + 1] == '\n' || text[at + 1] == '\r';
    if (at >= text.size() || text[at] != ' ') return false;
    ++at;
  }
  return false;
}

// The quote marks that start a line of a quoted reply ("> ", ">> ", "> > "): their bytes, with
// the space after them, and their number (the reply's depth).
struct QuotePrefix {
  size_t bytes = 0, depth = 0;
};
QuotePrefix QuotePrefixAt(std::string_view text, size_t at) {
  QuotePrefix q;
  size_t i = at;
  while (i < text.size() && i - at < 16) {
    if (text[i] == '>') {
      ++q.depth;
      ++i;
    } else if (text[i] == ' ' && q.depth > 0 && i + 1 < text.size() && text[i + 1] == '>') {
      ++i;
    } else {
      break;
    }
  }
  if (q.depth == 0) return q;
  if (i < text.size() && text[i] == ' ') ++i;
  q.bytes = i - at;
  return q;
}

}  // namespace

size_t HardWrapWidth(std::string_view text) {
  // One pass over the lines: one over kMaxHardWrapWidth (a paragraph or sentence per line)
  // settles it, and most texts have one; else the lines that another line of their paragraph
  // follows are counted by length, to be compared with the longest at the end.
  std::array<uint32_t, kMaxHardWrapWidth + 1> followed_by_length{};
  size_t longest = 0, lines = 0, previous = 0;
  for (size_t at = 0; at <= text.size();) {
    const void* nl = std::memchr(text.data() + at, '\n', text.size() - at);
    const size_t end = nl ? static_cast<const char*>(nl) - text.data() : text.size();
    const size_t len = LineLength(text, at, end);
    if (len > kMaxHardWrapWidth) return 0;
    longest = std::max(longest, len);
    if (previous > 0 && len > 0) ++followed_by_length[previous];
    previous = len;
    ++lines;
    at = end + 1;
  }
  if (lines < 3 || longest < kMinHardWrapWidth) return 0;
  // Most lines that another line follows in the same paragraph are nearly as long as the
  // longest: the text was broken at a width, not where its sentences or items end. A third: in
  // text broken at a width, a paragraph's last line is short, and so is every sentence's that
  // starts a line of its own.
  size_t inner = 0, full = 0;
  for (size_t len = 1; len <= kMaxHardWrapWidth; ++len) {
    inner += followed_by_length[len];
    if (len + kHardWrapSlack >= longest) full += followed_by_length[len];
  }
  return inner >= 2 && full * 3 >= inner ? longest : 0;
}

namespace {

// A row of a CSV table: two commas with no space after them that do not group a number's
// digits ("Anita Rao,anita.rao@mailbox.org,+91 98450 12345,Bengaluru"; not "45,000 people").
// Its line break ends a record, never a wrapped sentence. (A TSV row's tabs are column edges
// already: Tokenize's column cells.)
bool IsTableRow(std::string_view line) {
  int glued = 0;
  for (size_t at = line.find(','); at != std::string_view::npos && at + 1 < line.size();
       at = line.find(',', at + 1)) {
    const char next = line[at + 1];
    if (next == ' ') continue;
    if (at > 0 && line[at - 1] >= '0' && line[at - 1] <= '9' && next >= '0' && next <= '9')
      continue;
    if (++glued == 2) return true;
  }
  return false;
}

}  // namespace

size_t SoftLineBreak(std::string_view text, size_t line_start, size_t newline, size_t width) {
  if (width == 0) return 0;
  const size_t len = LineLength(text, line_start, newline);
  if (len + kHardWrapSlack < width) return 0;
  if (newline + 1 >= text.size()) return 0;
  // A quoted reply goes on only on a line quoted as deep; the text goes on after the marks.
  const QuotePrefix quote = QuotePrefixAt(text, line_start);
  const QuotePrefix next_quote = QuotePrefixAt(text, newline + 1);
  if (quote.depth != next_quote.depth) return 0;
  const size_t next = newline + 1 + next_quote.bytes;
  if (next >= text.size()) return 0;
  // Running text on both sides: the line ends inside a sentence (a word, a comma or a hyphen:
  // not a label's colon, a statement's ';' or a brace), the next line goes on with a word, a
  // quote or a bracket, the line has words (not a table's row), and neither line is a list
  // item or a form's field. Cheapest tests first: this runs at every line break of a text.
  const std::string_view line = text.substr(line_start, len);
  const auto last = static_cast<unsigned char>(line.back());
  const auto first = static_cast<unsigned char>(text[next]);
  auto word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  if (!(word_byte(last) || last == ',' || last == '-' || last == '"' || last == '\'' ||
        last == ')') ||
      !(word_byte(first) || first == '"' || first == '\'' || first == '('))
    return 0;
  size_t spaces = 0;
  for (size_t at = 0; spaces < 3;) {
    const void* sp = std::memchr(line.data() + at, ' ', line.size() - at);
    if (!sp) break;
    ++spaces;
    at = static_cast<size_t>(static_cast<const char*>(sp) - line.data()) + 1;
  }
  return spaces >= 3 && !IsTableRow(line) && !StartsListItem(text, next) &&
                 !StartsWithLabel(text, next) && !StartsWithLabel(text, line_start + quote.bytes)
             ? next
             : 0;
}

CapClass ClassifyToken(std::string_view t) {
  if (t.empty()) return kCapPunct;
  if (t[0] == '@' && t.size() > 1) return kCapHandle;
  if (t[0] == '#' && t.size() > 1) return kCapHashtag;
  if (t.size() > 4 && (t.substr(0, 4) == "http" || t.substr(0, 4) == "www.")) return kCapUrl;
  size_t letters = 0, upper = 0, digits = 0;
  bool first_upper = false, first_letter_seen = false;
  size_t i = 0;
  // ASCII bytes first, without decoding (most tokens are ASCII through and through): one table
  // load and one add per byte, the three counts packed in 21-bit fields of one word, flushed
  // every 2^20 bytes so that no field overflows. The general loop takes over at the first other
  // byte, with the same counts.
  while (i < t.size()) {
    const size_t chunk_end = std::min(t.size(), i + (size_t{1} << 20));
    uint64_t packed = 0;
    for (; i < chunk_end; ++i) {
      const auto c = static_cast<unsigned char>(t[i]);
      if (c >= 0x80) break;
      packed += kAsciiCounts[c];
    }
    digits += packed & kCountField;
    letters += (packed >> 21) & kCountField;
    upper += packed >> 42;
    if (i < chunk_end) break;  // a non-ASCII byte
  }
  if (letters > 0) {  // the first letter is among the ASCII bytes just counted
    first_upper = FirstAsciiLetterUpper(t);
    first_letter_seen = true;
  }
  while (i < t.size()) {
    size_t len;
    const char32_t cp = DecodeUtf8At(t, i, len);
    i += len;
    if (IsDigitCp(cp)) {
      ++digits;
    } else if (IsLetterCp(cp)) {
      ++letters;
      const bool up = IsUpperCodePoint(cp);
      upper += up;
      if (!first_letter_seen) first_upper = up, first_letter_seen = true;
    }
  }
  return ClassFromCounts(letters, upper, digits, first_upper);
}

void Tokenize(std::string_view text, std::vector<Token>& out, std::vector<uint64_t>* word_hashes,
              bool column_cells) {
  out.clear();
  if (word_hashes) word_hashes->clear();
  size_t i = 0;
  bool new_sentence = true;
  size_t sentence_len = 0;
  // A hard-wrapped text's line breaks inside a paragraph are spaces to a sentence.
  const size_t wrap_width = std::memchr(text.data(), '\n', text.size()) ? HardWrapWidth(text) : 0;
  size_t line_start = 0;
  // ascii_counts: the word's summed kAsciiCounts when Tokenize saw only ASCII bytes in it, else
  // kNoCounts (classified from its bytes). Inlined at each call: out of line it was a call per
  // token with six register saves, and every word paid the checks of the general case.
  // `cap`, when not kCapClassCount, is the class already known (ASCII punctuation).
  auto push = [&](size_t s, size_t e, uint64_t ascii_counts = kNoCounts, uint64_t hash = 0,
                  CapClass cap = kCapClassCount) __attribute__((always_inline)) {
    Token t;
    t.start = static_cast<uint32_t>(s);
    t.end = static_cast<uint32_t>(e);
    std::string_view w = text.substr(s, e - s);
    t.cap = cap != kCapClassCount       ? cap
            : ascii_counts != kNoCounts ? ClassifyAsciiWord(w, ascii_counts)
                                        : ClassifyToken(w);
    t.sentence_start = new_sentence || sentence_len >= kMaxSentenceTokens;
    if (t.sentence_start) sentence_len = 0;
    ++sentence_len;
    new_sentence = EndsSentence(w);
    out.push_back(t);
    if (word_hashes) word_hashes->push_back(hash);
  };
  // A tab or a run of spaces after a word: a column's edge, unless a label's colon stands
  // before it ("BIRTHPLACE:<tab>Paris" is one field, read with its label).
  auto column_edge = [&] {
    return column_cells && !out.empty() &&
           !(out.back().end - out.back().start == 1 && text[out.back().start] == ':');
  };
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 == ' ') {  // most separators: no decoding
      // Three spaces or more between words are a column's edge (fixed-width tables, aligned
      // credits: "Maria Garcia    Denver    Globex"): each cell is read as a sentence of its own,
      // as after a tab, not as one name across the row.
      if (i + 2 < text.size() && text[i + 1] == ' ' && text[i + 2] == ' ') {
        while (i < text.size() && text[i] == ' ') ++i;
        if (column_edge()) new_sentence = true;
        continue;
      }
      ++i;
      continue;
    }
    size_t n;
    const char32_t cp = DecodeUtf8At(text, i, n);
    // Other spaces are control bytes or beyond ASCII: printable ASCII skips the test.
    if ((b0 < ' ' || b0 >= 0x80) && IsSpaceCp(cp)) {
      if (cp == '\n') {
        const size_t goes_on = SoftLineBreak(text, line_start, i, wrap_width);
        line_start = i + 1;
        if (goes_on) {  // a quoted reply's marks are skipped with the break
          i = goes_on;
          continue;
        }
        new_sentence = true;
      } else if (cp == '\t' && column_edge()) {
        new_sentence = true;
      }
      i += n;
      continue;
    }
    const size_t start = i;
    // URLs: up to the next space.
    if ((cp == 'h' && text.compare(i, 7, "http://") == 0) ||
        (cp == 'h' && text.compare(i, 8, "https://") == 0) ||
        (cp == 'w' && text.compare(i, 4, "www.") == 0)) {
      while (i < text.size() && !IsSpaceCp(static_cast<unsigned char>(text[i]))) ++i;
      push(start, i);
      continue;
    }
    // @handle, #hashtag.
    if ((cp == '@' || cp == '#') && i + 1 < text.size()) {
      size_t next_len;
      const char32_t next = DecodeUtf8At(text, i + 1, next_len);
      if (IsWordCp(next) || next == '_') {
        i += 1;
        while (i < text.size()) {
          size_t n2;
          const char32_t c2 = DecodeUtf8At(text, i, n2);
          if (!(IsWordCp(c2) || c2 == '_')) break;
          i += n2;
        }
        push(start, i);
        continue;
      }
    }
    if (IsWordCp(cp)) {
      i += n;
      bool dotted = false;
      // ClassifyToken's counts, summed here while the bytes are read anyway (the ASCII joiners
      // and a trailing '.' count nothing); any non-ASCII code point leaves it to ClassifyToken.
      // kAscii: only ASCII so far (the byte, not the code point: bytes index 128-entry tables);
      // kFolded: ASCII and typographic apostrophes, hashed as "'" (the counts are not kept);
      // kLatin: a Latin-1 or Latin Extended-A letter too (Token::accented); kOther: another
      // non-ASCII letter. Neither of the last two is hashed.
      enum : uint8_t { kOther, kAscii, kFolded, kLatin } seen = b0 < 0x80 ? kAscii
                                                                : IsLatinLetterCp(cp) ? kLatin
                                                                                      : kOther;
      uint64_t counts = seen == kAscii ? kAsciiCounts[cp] : 0;
      uint64_t hash = TokenHashStep(kTokenHashBasis, AsciiLower(static_cast<char>(cp)));
      while (i < text.size()) {
        // ASCII letters and digits continue the word: no decoding needed.
        const auto b = static_cast<unsigned char>(text[i]);
        if (const unsigned char lower = kAsciiWordLower[b]; lower != 0) {
          counts += kAsciiCounts[b];
          hash = TokenHashStep(hash, lower);
          ++i;
          continue;
        }
        if (b == ' ') break;  // how most words end: no joiner, nothing to decode
        size_t n2;
        const char32_t c2 = DecodeUtf8At(text, i, n2);
        if (IsWordCp(c2)) {
          // A non-ASCII letter: every ASCII word byte took the branch above.
          seen = seen != kOther && IsLatinLetterCp(c2) ? kLatin : kOther;
          i += n2;
          continue;
        }
        if (IsJoiner(c2) && i + n2 < text.size()) {
          size_t n3;
          const char32_t c3 = DecodeUtf8At(text, i + n2, n3);
          if (IsWordCp(c3)) {
            // Possessive 's / ’s and clitics are tokens of their own ("Obama 's").
            if ((c2 == '\'' || c2 == 0x2019) && (c3 == 's' || c3 == 'S') &&
                (i + n2 + 1 == text.size() ||
                 !IsWordCp(static_cast<unsigned char>(text[i + n2 + 1])))) {
              break;
            }
            if (c2 == '.') dotted = true;
            if (c2 >= 0x80 && seen == kAscii) seen = kFolded;  // U+2019, the non-ASCII joiner
            // No joiner has a case; the typographic apostrophe is hashed as the straight one.
            hash = TokenHashStep(hash, c2 == 0x2019 ? '\'' : static_cast<unsigned char>(c2));
            i += n2;
            continue;
          }
        }
        break;
      }
      // A trailing '.' belongs to initials, dotted abbreviations and titles ("J.", "U.S.",
      // "Dr.").
      if (i < text.size() && text[i] == '.') {
        std::string_view w = text.substr(start, i - start);
        const bool initial = w.size() == 1 && IsUpperCodePoint(cp);
        const bool title = w.size() <= 5 && (pii::NameFlags(w) & pii::kTitle);
        if (initial || dotted || title) {
          hash = TokenHashStep(hash, '.');
          ++i;
        }
      }
      push(start, i, seen == kAscii && i - start < kCountField ? counts : kNoCounts,
           seen == kAscii || seen == kFolded ? TokenHashFinish(hash) : 0);
      if (seen == kFolded) out.back().folded_punctuation = true;  // rare: out of push
      if (seen == kLatin) out.back().accented = true;
      continue;
    }
    // Possessive / clitic "'s" split off a word ("Obama's" -> "Obama" "'s").
    if ((cp == '\'' || cp == 0x2019) && i + n < text.size() && (text[i + n] | 0x20) == 's' &&
        (i + n + 1 == text.size() || !IsWordCp(static_cast<unsigned char>(text[i + n + 1])))) {
      i += n + 1;
      push(start, i);
      if (cp == 0x2019) {  // "’s" is hashed as "'s" (the straight one is hashed when described)
        out.back().folded_punctuation = true;
        if (word_hashes) word_hashes->back() = TokenHash("'s");
      }
      continue;
    }
    // Punctuation and symbols: a run of the same code point is one token ("!!!", "...").
    i += n;
    if (cp < 0x80) {
      // ASCII: the run needs no decoding, and its class is punctuation (ClassifyToken's, but
      // for a run of '@' or '#', which it reads as a handle or a tag).
      while (i < text.size() && static_cast<unsigned char>(text[i]) == cp) ++i;
      if (cp != '@' && cp != '#') {
        push(start, i, kNoCounts, 0, kCapPunct);
        continue;
      }
    } else {
      while (i < text.size()) {
        size_t n2;
        const char32_t c2 = DecodeUtf8At(text, i, n2);
        if (c2 != cp) break;
        i += n2;
      }
      if (const std::string_view ascii = AsciiForTypographic(cp); !ascii.empty()) {
        // Hashed as the run written in ASCII ("“" as '"', "—" as "--").
        push(start, i);
        out.back().folded_punctuation = true;
        if (word_hashes) {
          uint64_t hash = kTokenHashBasis;
          for (size_t k = start; k < i; k += n)
            for (char c : ascii) hash = TokenHashStep(hash, static_cast<unsigned char>(c));
          word_hashes->back() = TokenHashFinish(hash);
        }
        continue;
      }
    }
    push(start, i);
  }
}

}  // namespace refinery::ner
