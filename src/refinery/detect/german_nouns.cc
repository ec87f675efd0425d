#include "refinery/detect/german_nouns.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>

#include "refinery/core/ascii.h"
#include "refinery/core/find.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_gazetteer.h"
#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_pii.h"

namespace refinery::pii {
namespace {

// A byte of a word: an ASCII letter or any byte of a character beyond ASCII ("für", "über").
bool WordByte(unsigned char c) { return IsAlpha(c) || c >= 0x80; }

// The first two letters (ASCII lower case) of a list's words, one bit per pair: most words
// ("said", "by", "the", "with") leave at this test, before their hash is made. (A word of the
// list that starts with a letter beyond ASCII, "über", "fünf", is let through by its byte.)
struct WordPrefixes {
  uint32_t bits[27] = {};  // the 27th row: a first byte beyond ASCII
  explicit WordPrefixes(std::span<const std::string_view> words) {
    for (std::string_view w : words) bits[Row(w[0])] |= Column(w[1]);
  }
  static size_t Row(char c) {
    const char a = AsciiLower(c);
    return a >= 'a' && a <= 'z' ? static_cast<size_t>(a - 'a') : 26;
  }
  static uint32_t Column(char c) {
    const char b = AsciiLower(c);
    return b >= 'a' && b <= 'z' ? uint32_t{1} << (b - 'a') : uint32_t{1} << 26;
  }
  bool May(std::string_view w) const { return (bits[Row(w[0])] & Column(w[1])) != 0; }
};

// German function words that English does not write (not "die", "den", "was", "war", "man",
// "hat", "also", "will", "bin", "am", "so", "in", "an": words of English too; "der", "das" and
// "von" only in names and titles there).
constexpr std::string_view kFunctionWords[] = {
    "und",   "nicht",  "ist",   "mit",    "sich",   "auf",   "für",   "dem",    "einem",   "einen",
    "einer", "eine",   "wird",  "werden", "haben",  "auch",  "nach",  "noch",   "oder",    "aber",
    "wenn",  "dass",   "bei",   "zum",    "zur",    "vom",   "beim",  "sind",   "ich",     "wir",
    "uns",   "euch",   "sehr",  "schon",  "nur",    "kann",  "wurde", "wurden", "über",    "durch",
    "gegen", "ohne",   "unter", "seit",   "nichts", "jetzt", "immer", "heute",  "gestern", "morgen",
    "hier",  "dann",   "weil",  "sein",   "seine",  "ihre",  "mein",  "meine",  "unser",   "unsere",
    "diese", "dieser", "der",   "das",    "im",     "von",   "zu",    "wie",    "sie",     "ein"};

// TokenHash folds case: "Der" of a sentence's start is "der".
bool GermanFunctionWord(std::string_view w) {
  static const WordPrefixes prefixes(kFunctionWords);
  static const ner::WordHashSet words = ner::WordHashSetOf(kFunctionWords);
  return w.size() >= 2 && w.size() <= 7 && prefixes.May(w) && words.Contains(ner::TokenHash(w));
}

// Words after which a capitalised German word is a noun: articles, possessives, demonstratives,
// prepositions fused with an article, numbers.
constexpr std::string_view kDeterminers[] = {
    "der",    "die",    "das",     "dem",     "den",     "des",    "ein",    "eine",   "einem",
    "einen",  "einer",  "eines",   "kein",    "keine",   "keinem", "keinen", "keiner", "mein",
    "meine",  "meinem", "meinen",  "meiner",  "dein",    "deine",  "deinem", "deinen", "sein",
    "seine",  "seinem", "seinen",  "seiner",  "ihr",     "ihre",   "ihrem",  "ihren",  "ihrer",
    "unser",  "unsere", "unserem", "unseren", "unserer", "euer",   "eure",   "dieser", "diese",
    "dieses", "diesem", "diesen",  "jeder",   "jede",    "jedes",  "jedem",  "jeden",  "beim",
    "vom",    "zum",    "zur",     "im",      "am",      "ins",    "ans",    "zwei",   "drei",
    "vier",   "fünf",   "sechs",   "sieben",  "acht",    "neun",   "zehn",   "viele",  "einige",
    "alle",   "allen",  "mehrere", "wenige"};

// TokenHash folds case: "Der Mann", "Das Wetter" at a sentence's start.
bool GermanDeterminer(std::string_view w) {
  static const WordPrefixes prefixes(kDeterminers);
  static const ner::WordHashSet words = ner::WordHashSetOf(kDeterminers);
  return w.size() >= 2 && w.size() <= 7 && prefixes.May(w) && words.Contains(ner::TokenHash(w));
}

// Name particles before "der", "den", "de" ...: "van der Berg", "von der Leyen" name a person.
bool NameParticle(std::string_view w) {
  static constexpr std::string_view kWords[] = {"van", "von", "de",  "ter", "ten",
                                                "zu",  "Van", "Von", "De"};
  return IsOneOf(w, kWords);
}

// The word ending right before `end` (spaces skipped), and where it starts.
std::string_view WordEndingAt(std::string_view text, size_t end, size_t& start) {
  size_t e = end;
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t s = e;
  while (s > 0 && (WordByte(text[s - 1]) || text[s - 1] == '-' || IsDigit(text[s - 1]))) --s;
  start = s;
  return text.substr(s, e - s);
}

// Whether a word before `start` makes the capitalised word there a noun: a determiner right
// before it, or one before up to two lower-case adjectives ("das neue Gesetz").
bool NounSlot(std::string_view text, size_t start) {
  size_t at = start;
  for (int adjectives = 0; adjectives <= 2; ++adjectives) {
    if (at == 0 || text[at - 1] != ' ') return false;
    size_t ws;
    const std::string_view w = WordEndingAt(text, at, ws);
    if (w.empty()) return false;
    if (GermanDeterminer(w)) {
      size_t ps;
      return !NameParticle(WordEndingAt(text, ws, ps));
    }
    // An adjective in lower case (or a number's "34-jährigen") may stand between.
    if (!IsLower(static_cast<unsigned char>(w[0])) && !IsDigit(static_cast<unsigned char>(w[0])))
      return false;
    at = ws;
  }
  return false;
}

// Plural nouns for groups of people that German texts open sentences and letters with.
bool GermanGroupNoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Damen",       "Herren",      "Kinder",     "Eltern",    "Leute",        "Kollegen",
      "Kolleginnen", "Kunden",      "Zeugen",     "Schüler",   "Schülerinnen", "Studenten",
      "Studierende", "Mitarbeiter", "Bürger",     "Freunde",   "Nachbarn",     "Jugendliche",
      "Erwachsene",  "Teilnehmer",  "Gäste",      "Besucher",  "Anwohner",     "Patienten",
      "Fans",        "Zuschauer",   "Mitglieder", "Fahrgäste", "Reisende",     "Senioren"};
  return IsOneOf(w, kWords);
}

// The end of the word starting at `s` inside [s, e).
size_t WordEnd(std::string_view text, size_t s, size_t e) {
  while (s < e && text[s] != ' ') ++s;
  return s;
}

}  // namespace

bool WrittenInGerman(std::string_view text) {
  // Function words, and words with an umlaut or "ß" ("Universität", "Gebühren"), which a short
  // record of German news holds more of than of the function words.
  // (The first 1,024 bytes: a record's language is its opening's; the test costs the same on
  // a long text.)
  text = text.substr(0, 1024);
  size_t words = 0, german = 0, umlauts = 0;
  for (size_t i = 0; i < text.size();) {
    if (!WordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t e = i;
    bool umlaut = false;
    for (; e < text.size() && WordByte(static_cast<unsigned char>(text[e])); ++e) {
      // ä ö ü Ä Ö Ü ß: U+00E4 U+00F6 U+00FC U+00C4 U+00D6 U+00DC U+00DF, after the byte 0xC3.
      if (text[e] == '\xC3' && e + 1 < text.size()) {
        const auto b = static_cast<unsigned char>(text[e + 1]);
        umlaut |=
            b == 0xA4 || b == 0xB6 || b == 0xBC || b == 0x84 || b == 0x96 || b == 0x9C || b == 0x9F;
      }
    }
    ++words;
    umlauts += umlaut;
    // (A sentence's first word too: "Der Motor", "Das Wetter".)
    german += GermanFunctionWord(text.substr(i, e - i));
    i = e;
    // Forty words with one German word at most: no German text (the test's cost on English
    // is that of forty words, not of a kilobyte).
    if (words == 40 && german + umlauts / 2 < 2) return false;
  }
  const size_t signals = german + umlauts / 2;
  return german >= 1 && signals >= 3 && signals * 12 >= words;
}

void DropGermanNouns(const ner::NerModel& model, std::string_view text, Candidates& out) {
  // Most text leaves at a cheap sign of German in its first kilobyte: an umlaut's or "ß"'s
  // lead byte (0xC3) or "und". (A test of every candidate cost 0.7% of detection on the dense
  // PII benchmark, which has no German; a search for each of " der ", " die " and " ist " too
  // cost 0.3% on the licence prose.)
  const std::string_view head = text.substr(0, 1024);
  if (std::memchr(head.data(), '\xC3', head.size()) == nullptr &&
      FindSubstring(head, " und ") == std::string_view::npos)
    return;
  // A given name of the name lists or of the tagger's gazetteer (any use: "Bernhard").
  auto given = [&](std::string_view w) {
    return (NameFlags(w) & kFirstName) ||
           (GazetteerBits(model, w) &
            (ner::kGazFirstCommon | ner::kGazFirstMid | ner::kGazFirstRare));
  };
  int german = -1;  // read at the first candidate that asks
  auto in_german = [&] {
    if (german < 0) german = WrittenInGerman(text) ? 1 : 0;
    return german == 1;
  };
  for (Candidate& c : out) {
    if (c.type != kPerson || c.score <= 0 || c.end <= c.start) continue;
    // The span's words, trimmed from the front while they are nouns: after a determiner (the
    // span's own first word may be one: "Das Wetter"), or in front of a given name without
    // being a listed name themselves ("Polizeisprecher Jens Hoffmann").
    size_t s = c.start;
    bool trimmed = false;
    for (int guard = 0; guard < 4 && s < c.end; ++guard) {
      const size_t we = WordEnd(text, s, c.end);
      const std::string_view w = text.substr(s, we - s);
      const bool last = we >= c.end;
      // (The cheap tests first: the lists are read only for what passed them.)
      bool noun = false;
      if (!last && GermanDeterminer(w)) {
        noun = true;  // the article itself
      } else if (NounSlot(text, s)) {
        noun = !(NameFlags(w) & kFirstName);
      } else if (!last && WordByte(static_cast<unsigned char>(text[we - 1]))) {
        // A role before a given name (not "Schmidt, Jürgen": a comma ends it), in German text.
        noun = !(NameFlags(w) & (kFirstName | kLastName)) &&
               given(text.substr(we + 1, WordEnd(text, we + 1, c.end) - we - 1)) && !given(w) &&
               in_german();
      }
      if (!noun || !in_german()) break;
      trimmed = true;
      s = we + 1;
    }
    // A one-word span that names a group of people, as German opens sentences and letters with
    // ("Kinder und Jugendliche ...", "Sehr geehrte Damen und Herren").
    if (!trimmed && WordEnd(text, s, c.end) >= c.end &&
        GermanGroupNoun(text.substr(c.start, c.end - c.start)) && in_german()) {
      c.score = 0;
      c.end = c.start;
      continue;
    }
    if (!trimmed) continue;
    // What is left must start with a given name or a listed surname; else the span named no one.
    const std::string_view rest =
        s < c.end ? text.substr(s, WordEnd(text, s, c.end) - s) : std::string_view();
    if (rest.empty() || IsLower(static_cast<unsigned char>(rest[0])) ||
        !(given(rest) || (NameFlags(rest) & kLastName))) {
      c.score = 0;
      c.end = c.start;
      continue;
    }
    c.start = static_cast<uint32_t>(s);
  }
  std::erase_if(out, [](const Candidate& c) { return c.end <= c.start; });
}

}  // namespace refinery::pii
