// User names of MediaWiki talk pages (Wikipedia's, whose comments are a common corpus of
// online talk): the user page named in a link or in the text ("[[User:Meridian_Blue|Meridian
// Blue]]", "User talk:Snowmelt", "Special:Contributions/Ostara_9"), the signature rendered
// before "(talk)" and a time in UTC ("Kestrel Vaughan (talk) 09:15, 12 June 2014 (UTC)",
// "Preceding unsigned comment added by Hrothgar1987 (talk • contribs)"), and the name a bot's
// {{unsigned}} template gives. The tagger left these alone: a user name is rarely a name of
// its lists, and "User:" is no cue it knows.
#include <algorithm>
#include <array>

#include "refinery/core/ascii.h"
#include "refinery/core/find.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {
namespace {

// A signature or a user page is strong evidence, as a chat's speaker slot is.
constexpr float kUserScore = 0.85f;
// MediaWiki's user names may be longer; longer runs here are text, not a name.
constexpr size_t kMaxUserName = 40;
// Mentions of a user's name elsewhere are searched for this many names at most.
constexpr size_t kMaxNames = 32;

// A byte of a user name outside link markup: letters, digits, '_', '-', '.', and any byte of
// a non-ASCII character ("Bjørn", "Łukasz").
bool IsUserNameByte(unsigned char c) {
  return IsAlnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
}

// A name of at most kMaxUserName bytes with a letter, that is no IP address (the address
// scanner reports those as IP_ADDRESS).
bool PlausibleUserName(std::string_view name) {
  if (name.empty() || name.size() > kMaxUserName) return false;
  bool letter = false;
  for (char c : name) letter |= IsAlpha(static_cast<unsigned char>(c)) || (c & 0x80) != 0;
  return letter;
}

// A name with a digit or '_' ("Hrothgar1987", "Ostara_9"): no word of running text.
bool MarkedUserName(std::string_view name) {
  return name.find_first_of("0123456789_") != std::string_view::npos;
}

// The end of the plain-text user name from `s` (trailing '.' of a sentence left out).
size_t PlainNameEnd(std::string_view text, size_t s) {
  size_t e = s;
  while (e < text.size() && e - s <= kMaxUserName && IsUserNameByte(text[e])) ++e;
  while (e > s && text[e - 1] == '.') --e;
  return e;
}

// The first `needle` in the `window` bytes of `text` from `from`, or npos: every search here is
// bounded, so a long text of "[[User:" without "]]" costs linear time.
size_t FindWithin(std::string_view text, std::string_view needle, size_t from, size_t window) {
  if (from > text.size()) return std::string_view::npos;
  const size_t at = text.substr(from, window).find(needle);
  return at == std::string_view::npos ? at : from + at;
}

// [s, e) without spaces at either end.
void TrimSpaces(std::string_view text, size_t& s, size_t& e) {
  while (s < e && text[s] == ' ') ++s;
  while (e > s && text[e - 1] == ' ') --e;
}

// Past the dashes that open a signature at `s` ("--", "—", "–"), up to `e`; `dashed` is set
// when there were some.
size_t PastDashes(std::string_view text, size_t s, size_t e, bool& dashed) {
  for (;;) {
    if (s < e && text[s] == '-') {
      ++s;
    } else if (s + 3 <= e && (text.compare(s, 3, "\xE2\x80\x94") == 0 ||
                              text.compare(s, 3, "\xE2\x80\x93") == 0)) {
      s += 3;
    } else {
      return s;
    }
    dashed = true;
  }
}

struct Finder {
  std::string_view text;
  Candidates& out;
  std::vector<std::string_view> names;  // names with a digit or '_', for their mentions
  int wiki_text = -1;                   // whether the text has a wiki's marks (-1: not read yet)

  // A signature's time or a link's brackets: "User:Role" of a program's documentation is none.
  bool WikiText() {
    if (wiki_text < 0)
      wiki_text = FindSubstring(text, "(UTC)") != std::string_view::npos ||
                  FindSubstring(text, "[[") != std::string_view::npos;
    return wiki_text == 1;
  }

  void Add(size_t s, size_t e) {
    const std::string_view name = text.substr(s, e - s);
    if (!PlausibleUserName(name)) return;
    AddCandidate(out, s, e, kPerson, kUserScore, "wiki_user");
    if (names.size() < kMaxNames && MarkedUserName(name) &&
        std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  }

  // "User:", "User talk:" or "Special:Contributions/" ends at `s`, the name's first byte. In a
  // link ("[[User:Name|shown]]") the name runs to '|' or ']' and may hold spaces; the text a
  // user page's link shows is the user's name too. In text, the name is one run of name bytes
  // right after the colon ("User: how do I ..." of a chat with a model is no user page).
  void UserPage(size_t prefix_start, size_t s, bool talk) {
    const bool link = prefix_start >= 2 && text.compare(prefix_start - 2, 2, "[[") == 0;
    if (!link) {
      const size_t e = PlainNameEnd(text, s);
      // (Not a login's "User:root@host" or "User:admin:secret".)
      if (e < text.size() && (text[e] == '@' || text[e] == ':' || text[e] == '=')) return;
      // (A name with a digit or '_' is no word of a program's text, nor is one after "User
      // talk:"; others need a wiki's marks.)
      if (!talk && !MarkedUserName(text.substr(s, e - s)) && !WikiText()) return;
      Add(s, e);
      return;
    }
    size_t e = s;
    while (e < text.size() && e - s <= kMaxUserName && text[e] != '|' && text[e] != ']' &&
           text[e] != '\n' && text[e] != '#' && text[e] != '/')
      ++e;
    size_t ns = s, ne = e;
    TrimSpaces(text, ns, ne);
    Add(ns, ne);
    if (talk || e >= text.size() || text[e] != '|') return;
    // The shown text, when it is a name: not markup, not "talk" or "contribs".
    const size_t shown = e + 1;
    const size_t close = FindWithin(text, "]]", shown, kMaxUserName + 2);
    if (close == std::string_view::npos) return;
    size_t ss = shown, se = close;
    TrimSpaces(text, ss, se);
    const std::string_view label = text.substr(ss, se - ss);
    static constexpr std::string_view kNotNames[] = {"talk", "contribs", "contributions", "t",
                                                     "c",    "me",       "user page"};
    if (label.find_first_of("<>{}[]'|") != std::string_view::npos ||
        IsOneOfIgnoringAsciiCase(label, kNotNames))
      return;
    Add(ss, se);
  }

  // At the ':' at `colon`: "User:", "User talk:", "User_talk:" at a word's start ("[[User:",
  // " User:", "(User:", not "SuperUser:"), or "Special:Contributions/".
  void AtColon(size_t colon) {
    auto word_start = [&](size_t at) {
      return at == 0 || !(IsAlnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
    };
    if (colon >= 4 && text.compare(colon - 4, 4, "User") == 0) {
      if (word_start(colon - 4)) UserPage(colon - 4, colon + 1, false);
    } else if (colon >= 9 && (text.compare(colon - 9, 9, "User talk") == 0 ||
                              text.compare(colon - 9, 9, "User_talk") == 0)) {
      if (word_start(colon - 9)) UserPage(colon - 9, colon + 1, true);
    } else if (colon >= 7 && text.compare(colon - 7, 7, "Special") == 0 &&
               text.compare(colon + 1, 14, "Contributions/") == 0) {
      Add(colon + 15, PlainNameEnd(text, colon + 15));
    }
  }

  // "NAME (talk)", "NAME (talk • contribs)", "NAME (talk | contribs)" ending at `paren`, the
  // '(' (the space before it at paren - 1). A user's signature when "contribs" is in the
  // parentheses, a time and "(UTC)" follow on the line ("09:15, 12 June 2014 (UTC)"), or
  // "added by" stands before the name: "see the (talk) page" is no signature.
  void Signature(size_t paren) {
    const size_t after = paren + 5;  // past "(talk"
    if (after >= text.size()) return;
    const size_t close = FindWithin(text, ")", after, 41);
    if (close == std::string_view::npos) return;
    const std::string_view inside = text.substr(after, close - after);
    const bool contribs = inside.find("contrib") != std::string_view::npos;
    if (text[after] != ')' && !contribs) return;  // not "(talk show)"
    std::string_view rest = text.substr(close, 48);
    rest = rest.substr(0, rest.find('\n'));
    const size_t utc = FindSubstring(rest, "(UTC)");
    const size_t colon = rest.find(':');
    const bool timed = utc != std::string_view::npos && colon != std::string_view::npos &&
                       colon < utc && colon > 0 && IsDigit(rest[colon - 1]) &&
                       colon + 1 < rest.size() && IsDigit(rest[colon + 1]);
    const bool signed_ = contribs || timed;
    // The name's last word: the run of name bytes before the space.
    size_t e = paren - 1;
    size_t s = e;
    while (s > 0 && e - s < kMaxUserName && IsUserNameByte(text[s - 1])) --s;
    constexpr std::string_view kAddedBy = "added by ";
    const bool added_by =
        s >= kAddedBy.size() && text.compare(s - kAddedBy.size(), kAddedBy.size(), kAddedBy) == 0;
    if (!signed_ && !added_by) return;
    // A signature's dashes before the name ("--Kestrel", "—Kestrel").
    bool dashed = false;
    s = PastDashes(text, s, e, dashed);
    if (s >= e) return;
    // Up to two more capitalised words before it, of the same signature ("Kestrel Vaughan"),
    // not after "added by" (a user name there has no spaces) nor past the dashes.
    for (int words = 1; words < 3 && !added_by && !dashed && s >= 2 && text[s - 1] == ' ';
         ++words) {
      size_t ws = s - 1;
      while (ws > 0 && s - 1 - ws < kMaxUserName && IsUserNameByte(text[ws - 1])) --ws;
      const size_t word = PastDashes(text, ws, s - 1, dashed);
      if (word >= s - 1 || !IsUpper(static_cast<unsigned char>(text[word]))) break;
      s = word;
    }
    if (e - s > kMaxUserName) return;
    Add(s, e);
  }

  // {{unsigned|NAME}} and {{unsigned|NAME|date}}; {{unsigned2|date|NAME}} (the date first),
  // at the "{{" at `at`.
  void AtBraces(size_t at) {
    for (std::string_view prefix :
         {std::string_view("{{unsigned|"), std::string_view("{{Unsigned|"),
          std::string_view("{{unsigned2|"), std::string_view("{{Unsigned2|")}) {
      if (text.compare(at, prefix.size(), prefix) != 0) continue;
      const bool date_first = prefix[prefix.size() - 2] == '2';
      size_t s = at + prefix.size();
      const size_t close = FindWithin(text, "}}", s, 2 * kMaxUserName + 42);
      if (close == std::string_view::npos) return;
      if (date_first) {
        const size_t bar = text.substr(s, close - s).find('|');
        if (bar == std::string_view::npos) return;
        s += bar + 1;
      }
      size_t e = s;
      while (e < close && text[e] != '|') ++e;
      TrimSpaces(text, s, e);
      Add(s, e);
      return;
    }
  }

  // A user name with a digit or '_' named again elsewhere ("As Hrothgar1987 said above").
  void Mentions() {
    for (std::string_view name : names) {
      for (size_t at = FindSubstring(text, name); at != std::string_view::npos;
           at = FindSubstring(text, name, at + name.size())) {
        const size_t end = at + name.size();
        if ((at > 0 && IsUserNameByte(text[at - 1]) && text[at - 1] != '.') ||
            (end < text.size() && IsUserNameByte(text[end]) && text[end] != '.'))
          continue;
        AddCandidate(out, at, end, kPerson, kUserScore, "wiki_user");
      }
    }
  }
};

}  // namespace

void ScanWikiUsers(std::string_view text, Candidates& out) {
  Finder f{text, out, {}};
  // One pass over the three bytes the marks hold, ':', '(' and '{' (a search per mark cost 0.8
  // M instructions a megabyte each on prose).
  static constexpr std::array<ByteRange, 3> kMarks = {{{':', ':'}, {'(', '('}, {'{', '{'}}};
  for (size_t at = FindByteInRanges(text, 0, kMarks); at < text.size();
       at = FindByteInRanges(text, at + 1, kMarks)) {
    if (text[at] == ':') {
      f.AtColon(at);
    } else if (text[at] == '(') {
      if (at > 0 && text[at - 1] == ' ' && text.compare(at, 5, "(talk") == 0) f.Signature(at);
    } else if (at + 1 < text.size() && text[at + 1] == '{') {
      f.AtBraces(at);
      ++at;
    }
  }
  if (!f.names.empty()) f.Mentions();
}

}  // namespace refinery::pii
