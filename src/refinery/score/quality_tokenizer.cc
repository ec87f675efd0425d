#include "refinery/score/quality_tokenizer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <unordered_set>

#include "refinery/core/hash.h"
#include "refinery/score/quality_text.h"

namespace refinery::quality {

namespace {

// Appends the token text[b, e) with its flags.
void Emit(std::string_view text, size_t b, size_t e, std::vector<Token>& out) {
  if (b >= e) return;
  Token t;
  t.begin = static_cast<uint32_t>(b);
  t.end = static_cast<uint32_t>(e);
  // ASCII characters' classes, computed once by the same functions as below.
  static const std::array<uint8_t, 128> kAscii = [] {
    std::array<uint8_t, 128> t{};
    for (char32_t c = 0; c < 128; ++c) {
      t[c] = static_cast<uint8_t>((InPunctuationSet(c) ? 1 : 0) | (IsUnicodePunct(c) ? 2 : 0) |
                                  (IsPyAlpha(c) ? 4 : 0));
    }
    return t;
  }();
  uint64_t h = kFnv64Offset;
  bool all_symbol = true, all_punct = true;
  size_t n = 0;
  char32_t only = 0;
  for (size_t i = b; i < e;) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // most characters: no decoding, one table lookup
      h = Fnv1a64Step(h, byte);
      const uint8_t cls = kAscii[byte];
      all_symbol = all_symbol && (cls & 1);
      all_punct = all_punct && (cls & 2);
      t.has_alpha = t.has_alpha || (cls & 4);
      only = byte;
      ++n;
      ++i;
      continue;
    }
    size_t len;
    char32_t c = DecodeAt(text, i, len);
    h = Fnv1a64(text.substr(i, len), h);
    all_symbol = all_symbol && InPunctuationSet(c);
    all_punct = all_punct && IsUnicodePunct(c);
    t.has_alpha = t.has_alpha || IsPyAlpha(c);
    only = c;
    ++n;
    i += len;
  }
  t.cp_len = static_cast<uint32_t>(n);
  t.hash = Murmur3Mix64(h);
  t.symbol = all_symbol;
  t.punct = all_punct;
  t.sentence_end = n == 1 && IsSentenceTerminal(only);
  out.push_back(t);
}

// --- character classes of spaCy's English punctuation rules -----------------------------------

bool IsQuote(char32_t c) {
  switch (c) {
    case '\'':
    case '"':
    case 0x201D:
    case 0x201C:
    case '`':
    case 0x2018:
    case 0x00B4:
    case 0x2019:
    case 0x201A:
    case ',':
    case 0x201E:
    case 0x00BB:
    case 0x00AB:
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:
    case 0xFF08:
    case 0xFF09:
    case 0x3014:
    case 0x3015:
    case 0x3010:
    case 0x3011:
    case 0x300A:
    case 0x300B:
    case 0x3008:
    case 0x3009:
    case 0x27E6:
    case 0x27E7:
      return true;
    default:
      return false;
  }
}

// LIST_PUNCT (single characters).
bool IsListPunct(char32_t c) {
  switch (c) {
    case 0x2026:
    case ',':
    case ':':
    case ';':
    case '!':
    case '?':
    case 0x00BF:
    case 0x061F:
    case 0x00A1:
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '<':
    case '>':
    case '_':
    case '#':
    case '*':
    case '&':
    case 0x3002:
    case 0xFF1F:
    case 0xFF01:
    case 0xFF0C:
    case 0x3001:
    case 0xFF1B:
    case 0xFF1A:
    case 0xFF5E:
    case 0x00B7:
    case 0x0964:
    case 0x060C:
    case 0x06D4:
    case 0x061B:
    case 0x066A:
      return true;
    default:
      return false;
  }
}

bool IsCurrency(char32_t c) {
  return c == '$' || c == 0x00A3 || c == 0x00A5 || c == 0x0E3F || c == 0xFDFC ||
         (c >= 0x20A0 && c <= 0x20BF);
}

bool IsPrefixChar(char32_t c, char32_t next) {
  if (c == '+') return !(next >= '0' && next <= '9');
  return c == 0x00A7 || c == '%' || c == '=' || c == 0x2014 || c == 0x2013 || IsListPunct(c) ||
         IsQuote(c) || IsCurrency(c) || IsOtherSymbol(c);
}

bool IsSuffixChar(char32_t c) {
  return IsListPunct(c) || IsQuote(c) || IsOtherSymbol(c) || c == 0x2014 || c == 0x2013;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsLetter(char32_t c) { return IsPyAlpha(c); }

// Units split off after a number ("10km" -> "10" "km").
constexpr std::string_view kUnits[] = {
    "km",      "km\u00b2", "km\u00b3", "m",  "m\u00b2", "m\u00b3", "dm",  "cm",  "mm",
    "ha",      "\u00b5m",  "nm",       "yd", "in",      "ft",      "kg",  "g",   "mg",
    "\u00b5g", "t",        "lb",       "oz", "m/s",     "km/h",    "kmh", "mph", "hPa",
    "Pa",      "mbar",     "mb",       "MB", "kb",      "KB",      "gb",  "GB",  "tb",
    "TB",      "T",        "G",        "M",  "K",       "%"};

// Abbreviations and other strings spaCy keeps whole (English tokenizer exceptions).
constexpr std::string_view kKeepWhole[] = {
    "a.m.",   "p.m.",    "Adm.",  "Bros.", "co.",   "Co.",   "Corp.", "D.C.",  "Dr.",   "e.g.",
    "E.g.",   "E.G.",    "Gen.",  "Gov.",  "i.e.",  "I.e.",  "I.E.",  "Inc.",  "Jr.",   "Ltd.",
    "Md.",    "Messrs.", "Mo.",   "Mont.", "Mr.",   "Mrs.",  "Ms.",   "Ph.D.", "Prof.", "Rep.",
    "Rev.",   "Sen.",    "St.",   "vs.",   "v.s.",  "Jan.",  "Feb.",  "Mar.",  "Apr.",  "Jun.",
    "Jul.",   "Aug.",    "Sep.",  "Sept.", "Oct.",  "Nov.",  "Dec.",  "Ala.",  "Ariz.", "Ark.",
    "Calif.", "Colo.",   "Conn.", "Del.",  "Fla.",  "Ga.",   "Ill.",  "Ind.",  "Kan.",  "Kans.",
    "Ky.",    "La.",     "Mass.", "Mich.", "Minn.", "Miss.", "N.C.",  "N.D.",  "N.H.",  "N.J.",
    "N.M.",   "N.Y.",    "Neb.",  "Nebr.", "Nev.",  "Okla.", "Ore.",  "Pa.",   "S.C.",  "Tenn.",
    "Va.",    "Wash.",   "Wis.",  ":)",    ":-)",   ":(",    ":-(",   ";)",    ";-)",   ":P",
    ":p",     ":D",      "<3",    ":'(",   "xD",    "XD",    "=)",    ":/",    ":o",    ":O",
    "(:",     "):",      "-_-",   "^_^",   "o.O",   "O.o",   "._.",   "<333",  ":-P",   ":-D",
    ":-/",    "=D",      ":]",    "=]",    ":-]",   "\\m/",  "\\n",   "\\t",   "--",    "---"};

// Verbs spaCy splits before "n't" ("don't" -> "do" "n't", "can't" -> "ca" "n't").
constexpr std::string_view kNtVerbs[] = {
    "ai",  "are",   "ca",   "could", "dare",  "did", "does",   "do",  "had",  "has", "have", "is",
    "may", "might", "must", "need",  "ought", "sha", "should", "was", "were", "wo",  "would"};
// Pronouns spaCy splits before 'm, 're, 've, 'll, 'd.
constexpr std::string_view kPronouns[] = {
    "i",   "you", "he",    "she",  "it",   "we",    "they",  "who",  "what",  "where", "when",
    "why", "how", "there", "that", "this", "these", "those", "here", "y'all", "let"};
constexpr std::string_view kPronounSuffixes[] = {"m", "re", "ve", "ll", "d"};

bool EqualsLowerOrTitle(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  if (s == lower) return true;
  // Title case: first letter upper, rest equal.
  if (s.empty() || s[0] != lower[0] - ('a' - 'A')) return false;
  return s.substr(1) == lower.substr(1);
}

// Splits a contraction; returns the byte length of the first part, or 0.
size_t ContractionSplit(std::string_view s) {
  if (s.find('\'') == std::string_view::npos && s.find("\u2019") == std::string_view::npos) {
    return 0;
  }
  // The apostrophe is ' or U+2019 (3 bytes).
  auto apostrophe_at = [&](size_t i) -> size_t {
    if (i < s.size() && s[i] == '\'') return 1;
    if (i + 3 <= s.size() && s.compare(i, 3, "\u2019") == 0) return 3;
    return 0;
  };
  // "<verb>n't"
  for (std::string_view v : kNtVerbs) {
    if (s.size() <= v.size() + 2) continue;
    if (!EqualsLowerOrTitle(s.substr(0, v.size()), v)) continue;
    size_t i = v.size();
    if (s[i] != 'n' && s[i] != 'N') continue;
    size_t a = apostrophe_at(i + 1);
    if (a == 0) continue;
    if (i + 1 + a + 1 == s.size() && (s.back() == 't' || s.back() == 'T')) return i;
  }
  // "<pronoun>'m" etc.
  for (std::string_view p : kPronouns) {
    if (s.size() <= p.size() + 1 || !EqualsLowerOrTitle(s.substr(0, p.size()), p)) continue;
    size_t a = apostrophe_at(p.size());
    if (a == 0) continue;
    std::string_view rest = s.substr(p.size() + a);
    for (std::string_view suffix : kPronounSuffixes) {
      if (rest == suffix || (rest.size() == 1 && rest[0] == suffix[0] - ('a' - 'A'))) {
        return p.size();
      }
    }
  }
  return 0;
}

bool KeepWhole(std::string_view s) {
  static const std::unordered_set<std::string_view> set(std::begin(kKeepWhole),
                                                        std::end(kKeepWhole));
  if (set.count(s) > 0) return true;
  // Single lower-case letter with a period ("a.", "b.").
  return s.size() == 2 && s[1] == '.' && s[0] >= 'a' && s[0] <= 'z';
}

// spaCy's URL_MATCH, simplified: optional scheme, optional user@, host labels and a lower-case
// TLD of 2+ letters, optional port and path.
bool LooksLikeUrl(std::string_view s) {
  size_t i = 0;
  size_t scheme = s.find("://");
  if (scheme != std::string_view::npos) {
    if (scheme < 2) return false;
    for (size_t k = 0; k < scheme; ++k) {
      char c = s[k];
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.' ||
            c == '_')) {
        return false;
      }
    }
    i = scheme + 3;
  }
  size_t host_end = s.find_first_of("/?#", i);
  if (host_end == std::string_view::npos) host_end = s.size();
  std::string_view host = s.substr(i, host_end - i);
  if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = host.substr(colon + 1);
    if (port.size() < 2 || port.size() > 5) return false;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    host = host.substr(0, colon);
  }
  size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view tld = host.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 63) return false;
  for (char c : tld) {
    if (!(c >= 'a' && c <= 'z')) return false;
  }
  std::string_view labels = host.substr(0, dot);
  size_t label_start = 0;
  for (size_t k = 0; k <= labels.size(); ++k) {
    if (k == labels.size() || labels[k] == '.') {
      std::string_view label = labels.substr(label_start, k - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-' ||
          label.front() == '_' || label.back() == '_') {
        return false;
      }
      for (char c : label) {
        auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '-' || c == '_' || u >= 0x80)) return false;
      }
      label_start = k + 1;
    }
  }
  return true;
}

// Byte length of a prefix to split off `s`, or 0.
size_t PrefixLength(std::string_view s) {
  if (s.size() >= 2 && s[0] == '.' && s[1] == '.') {
    size_t n = 0;
    while (n < s.size() && s[n] == '.') ++n;
    return n;
  }
  size_t len;
  char32_t c = DecodeAt(s, 0, len);
  char32_t next = 0;
  if (len < s.size()) {
    size_t l2;
    next = DecodeAt(s, len, l2);
  }
  if (IsPrefixChar(c, next)) return len;
  return 0;
}

// Byte length of a suffix to split off `s`, or 0.
size_t SuffixLength(std::string_view s) {
  if (s.size() < 2) return 0;
  if (s.back() == '.' && s[s.size() - 2] == '.') {
    size_t n = 0;
    while (n < s.size() && s[s.size() - 1 - n] == '.') ++n;
    return n == s.size() ? 0 : n;
  }
  for (std::string_view tail : {"'s", "'S", "\u2019s", "\u2019S"}) {
    if (s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail) return tail.size();
  }
  // The last character and the one before it.
  size_t last_at = s.size() - 1;
  while (last_at > 0 && (static_cast<unsigned char>(s[last_at]) & 0xC0) == 0x80) --last_at;
  size_t len;
  char32_t last = DecodeAt(s, last_at, len);
  if (last_at == 0) return 0;
  size_t prev_at = last_at - 1;
  while (prev_at > 0 && (static_cast<unsigned char>(s[prev_at]) & 0xC0) == 0x80) --prev_at;
  char32_t prev = DecodeAt(s, prev_at, len);
  if (IsSuffixChar(last)) return s.size() - last_at;
  if (last == '+' && IsDigit(prev)) return 1;
  if (last == '.') {
    if (IsDigit(prev) || IsLower(prev) || prev == '%' || prev == 0x00B2 || prev == '-' ||
        prev == '+' || IsListPunct(prev) || IsQuote(prev)) {
      return 1;
    }
    if (IsUpper(prev) && prev_at > 0) {
      size_t pp = prev_at - 1;
      while (pp > 0 && (static_cast<unsigned char>(s[pp]) & 0xC0) == 0x80) --pp;
      if (IsUpper(DecodeAt(s, pp, len))) return 1;
    }
    return 0;
  }
  if (IsCurrency(last) && IsDigit(prev)) return s.size() - last_at;
  // Units after a number: only when a digit precedes the trailing letters.
  size_t tail = s.size();
  while (tail > 0 && s.size() - tail < 6 && !(s[tail - 1] >= '0' && s[tail - 1] <= '9')) {
    --tail;
  }
  if (tail == 0 || tail == s.size() || !(s[tail - 1] >= '0' && s[tail - 1] <= '9')) return 0;
  for (std::string_view unit : kUnits) {
    if (s.size() > unit.size() && s.substr(s.size() - unit.size()) == unit &&
        IsDigit(static_cast<unsigned char>(s[s.size() - unit.size() - 1]))) {
      return unit.size();
    }
  }
  return 0;
}

// Splits `s` (at byte offset `base` of `text`) at spaCy's English infixes and emits the pieces.
void EmitWithInfixes(std::string_view text, size_t base, std::string_view s,
                     std::vector<Token>& out) {
  struct Cp {
    char32_t c;
    uint32_t at, len;
  };
  thread_local std::vector<Cp> cps;
  cps.clear();
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = DecodeAt(s, i, len);
    cps.push_back({c, static_cast<uint32_t>(i), static_cast<uint32_t>(len)});
    i += len;
  }
  const size_t n = cps.size();
  auto at = [&](size_t k) -> char32_t { return k < n ? cps[k].c : 0; };
  auto byte_at = [&](size_t k) -> size_t { return k < n ? cps[k].at : s.size(); };
  size_t start = 0;  // code point index where the current piece starts
  size_t k = 0;
  while (k < n) {
    // Length (in code points) of an infix match at k, 0 when none.
    size_t m = 0;
    char32_t c = cps[k].c;
    char32_t prev = k > 0 ? cps[k - 1].c : 0;
    if (c == '.' && at(k + 1) == '.') {
      m = 2;
      while (at(k + m) == '.') ++m;
    } else if (c == 0x2026 || IsOtherSymbol(c)) {
      m = 1;
    } else if (k > 0 && IsDigit(prev) && (c == '+' || c == '-' || c == '*' || c == '^') &&
               (IsDigit(at(k + 1)) || at(k + 1) == '-')) {
      m = 1;
    } else if (k > 0 && c == '.' && (IsLower(prev) || IsQuote(prev)) &&
               (IsUpper(at(k + 1)) || IsQuote(at(k + 1)))) {
      m = 1;
    } else if (k > 0 && c == ',' && IsLetter(prev) && IsLetter(at(k + 1))) {
      m = 1;
    } else if (k > 0 && (IsLetter(prev) || IsDigit(prev))) {
      // Hyphens: - – — -- --- —— ~ before a letter.
      size_t h = 0;
      if (c == '-') {
        h = 1;
        while (h < 3 && at(k + h) == '-') ++h;
      } else if (c == 0x2014) {
        h = at(k + 1) == 0x2014 ? 2 : 1;
      } else if (c == 0x2013 || c == '~') {
        h = 1;
      }
      if (h > 0 && IsLetter(at(k + h))) {
        m = h;
      } else if ((c == ':' || c == '<' || c == '>' || c == '=' || c == '/') &&
                 IsLetter(at(k + 1))) {
        m = 1;
      }
    }
    if (m == 0 || k == start) {
      // No infix here, or one where the current piece starts: spaCy keeps the latter in the
      // piece.
      k += m == 0 ? 1 : m;
      continue;
    }
    Emit(text, base + byte_at(start), base + byte_at(k), out);
    Emit(text, base + byte_at(k), base + byte_at(k + m), out);
    k += m;
    start = k;
  }
  Emit(text, base + byte_at(start), base + s.size(), out);
}

// One whitespace-free chunk text[b, e).
void TokenizeChunk(std::string_view text, size_t b, size_t e, std::vector<Token>& out) {
  // Most chunks are plain words, optionally followed by one "." or ",": nothing else applies.
  size_t letters = b;
  while (letters < e && ((text[letters] | 0x20) >= 'a' && (text[letters] | 0x20) <= 'z')) ++letters;
  if (letters == e || (letters + 1 == e && letters > b &&
                       (text[letters] == ',' || (text[letters] == '.' && text[letters - 1] >= 'a' &&
                                                 text[letters - 1] <= 'z' && letters - b > 1 &&
                                                 !KeepWhole(text.substr(b, e - b)))))) {
    Emit(text, b, letters, out);
    if (letters < e) Emit(text, letters, e, out);
    return;
  }
  thread_local std::vector<std::pair<size_t, size_t>> suffixes;
  suffixes.clear();
  auto special = [](std::string_view s) { return KeepWhole(s) || ContractionSplit(s) > 0; };
  while (b < e) {
    std::string_view s = text.substr(b, e - b);
    if (special(s)) break;
    size_t pre = PrefixLength(s);
    if (pre > 0 && pre < s.size() && special(s.substr(pre))) {
      Emit(text, b, b + pre, out);
      b += pre;
      break;
    }
    size_t suf = SuffixLength(s.substr(pre));
    if (suf > 0 && suf < s.size() - pre && special(s.substr(0, s.size() - suf))) {
      suffixes.emplace_back(e - suf, e);
      e -= suf;
      break;
    }
    if (pre == 0 && suf == 0) break;
    if (pre > 0 && suf > 0 && pre + suf <= s.size()) {
      Emit(text, b, b + pre, out);
      suffixes.emplace_back(e - suf, e);
      b += pre;
      e -= suf;
    } else if (pre > 0) {
      Emit(text, b, b + pre, out);
      b += pre;
    } else {
      suffixes.emplace_back(e - suf, e);
      e -= suf;
    }
  }
  if (b < e) {
    std::string_view s = text.substr(b, e - b);
    if (KeepWhole(s)) {
      Emit(text, b, e, out);
    } else if (size_t split = ContractionSplit(s); split > 0) {
      Emit(text, b, b + split, out);
      Emit(text, b + split, e, out);
    } else if (LooksLikeUrl(s)) {
      Emit(text, b, e, out);
    } else {
      EmitWithInfixes(text, b, s, out);
    }
  }
  for (auto it = suffixes.rbegin(); it != suffixes.rend(); ++it)
    Emit(text, it->first, it->second, out);
}

void TokenizeReferenceImpl(std::string_view text, std::vector<Token>& out) {
  size_t i = 0, start = 0;
  bool in_chunk = false;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    bool space;
    if (b < 0x80) {
      space = b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    } else {
      space = IsPySpace(DecodeAt(text, i, len));
    }
    if (space && in_chunk) {
      TokenizeChunk(text, start, i, out);
      in_chunk = false;
    } else if (!space && !in_chunk) {
      start = i;
      in_chunk = true;
    }
    i += len;
  }
  if (in_chunk) TokenizeChunk(text, start, text.size(), out);
}

// The fast splitter: runs of letters/digits (with inner ' and -) and runs of punctuation.
void TokenizeFastImpl(std::string_view text, std::vector<Token>& out) {
  auto is_word_char = [](char32_t c) {
    if (c < 0x80) {
      return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? true : c >= '0' && c <= '9';
    }
    return !IsUnicodePunct(c) && !IsPySpace(c);
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t len;
    char32_t c = DecodeAt(text, i, len);
    if (IsPySpace(c)) {
      i += len;
      continue;
    }
    bool word = is_word_char(c);
    size_t b = i;
    i += len;
    while (i < text.size()) {
      char32_t d = DecodeAt(text, i, len);
      if (IsPySpace(d)) break;
      bool w = is_word_char(d);
      if (w != word) {
        if (word && (d == '\'' || d == '-') && i + 1 < text.size()) {
          size_t l2;
          if (is_word_char(DecodeAt(text, i + 1, l2))) {
            i += len;
            continue;
          }
        }
        break;
      }
      i += len;
    }
    Emit(text, b, i, out);
  }
}

}  // namespace

void Tokenize(std::string_view text, TokenizerMode mode, std::vector<Token>& out) {
  out.clear();
  if (mode == TokenizerMode::kReference) {
    TokenizeReferenceImpl(text, out);
  } else {
    TokenizeFastImpl(text, out);
  }
}

size_t CountSentences(const Token* begin, const Token* end) {
  if (begin == end) return 0;
  size_t sentences = 1;
  bool seen_end = false;
  for (const Token* it = begin; it != end; ++it) {
    const Token& t = *it;
    if (seen_end && !t.punct && !t.sentence_end) {
      ++sentences;
      seen_end = false;
    } else if (t.sentence_end) {
      seen_end = true;
    }
  }
  return sentences;
}

}  // namespace refinery::quality
