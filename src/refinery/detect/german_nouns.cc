#include "refinery/detect/german_nouns.h"

#include <algorithm>

#include "refinery/core/ascii.h"
#include "refinery/detect/name_gazetteer.h"

namespace refinery::pii {
namespace {

// A byte of a word: an ASCII letter or any byte of a character beyond ASCII ("für", "über").
bool WordByte(unsigned char c) { return IsAlpha(c) || c >= 0x80; }

// German function words that English does not write (not "die", "den", "was", "war", "man",
// "hat", "also", "will", "bin", "am", "so", "in", "an": words of English too; "der", "das" and
// "von" only in names and titles there).
bool GermanFunctionWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "und",   "nicht",  "ist",   "mit",     "sich",   "auf",    "für",   "dem",    "einem",
      "einen", "einer",  "eine",  "wird",    "werden", "haben",  "auch",  "nach",   "noch",
      "oder",  "aber",   "wenn",  "dass",    "bei",    "zum",    "zur",   "vom",    "beim",
      "sind",  "ich",    "wir",   "uns",     "euch",   "sehr",   "schon", "nur",    "kann",
      "wurde", "wurden", "über",  "durch",   "gegen",  "ohne",   "unter", "seit",   "nichts",
      "jetzt", "immer",  "heute", "gestern", "morgen", "hier",   "dann",  "weil",   "sein",
      "seine", "ihre",   "mein",  "meine",   "unser",  "unsere", "diese", "dieser", "der",
      "das",   "im",     "von",   "zu",      "wie",    "sie",    "ein"};
  return w.size() >= 2 && w.size() <= 7 && IsOneOf(w, kWords);
}

// Words after which a capitalised German word is a noun: articles, possessives, demonstratives,
// prepositions fused with an article, numbers.
bool GermanDeterminer(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "der",    "die",    "das",     "dem",     "den",     "des",    "ein",    "eine",   "einem",
      "einen",  "einer",  "eines",   "kein",    "keine",   "keinem", "keinen", "keiner", "mein",
      "meine",  "meinem", "meinen",  "meiner",  "dein",    "deine",  "deinem", "deinen", "sein",
      "seine",  "seinem", "seinen",  "seiner",  "ihr",     "ihre",   "ihrem",  "ihren",  "ihrer",
      "unser",  "unsere", "unserem", "unseren", "unserer", "euer",   "eure",   "dieser", "diese",
      "dieses", "diesem", "diesen",  "jeder",   "jede",    "jedes",  "jedem",  "jeden",  "beim",
      "vom",    "zum",    "zur",     "im",      "am",      "ins",    "ans",    "zwei",   "drei",
      "vier",   "fünf",   "sechs",   "sieben",  "acht",    "neun",   "zehn",   "viele",  "einige",
      "alle",   "allen",  "mehrere", "wenige"};
  if (w.empty() || w.size() > 7) return false;
  std::string lower(w);
  lower[0] = AsciiLower(lower[0]);  // "Der Mann", "Das Wetter" at a sentence's start
  return IsOneOf(std::string_view(lower), kWords);
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

// The end of the word starting at `s` inside [s, e).
size_t WordEnd(std::string_view text, size_t s, size_t e) {
  while (s < e && text[s] != ' ') ++s;
  return s;
}

}  // namespace

bool WrittenInGerman(std::string_view text) {
  size_t words = 0, german = 0;
  for (size_t i = 0; i < text.size();) {
    if (!WordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < text.size() && WordByte(static_cast<unsigned char>(text[e]))) ++e;
    ++words;
    // (A sentence's first word too: "Der Motor", "Das Wetter".)
    if (e - i >= 2 && e - i <= 7) {
      char lower[8];
      for (size_t k = 0; k < e - i; ++k) lower[k] = AsciiLower(text[i + k]);
      german += GermanFunctionWord(std::string_view(lower, e - i));
    }
    i = e;
  }
  return german >= 3 && german * 12 >= words;
}

void DropGermanNouns(std::string_view text, Candidates& out) {
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
      const uint8_t flags = NameFlags(w);
      bool noun = false;
      if (!last && GermanDeterminer(w)) {
        noun = true;  // the article itself
      } else if (!(flags & kFirstName) && NounSlot(text, s)) {
        noun = true;
      } else if (!last && WordByte(static_cast<unsigned char>(text[we - 1])) &&
                 !(flags & (kFirstName | kLastName)) &&
                 (NameFlags(text.substr(we + 1, WordEnd(text, we + 1, c.end) - we - 1)) &
                  kFirstName)) {
        noun = true;  // a role before a given name (not "Schmidt, Jürgen": a comma ends it)
      }
      if (!noun || !in_german()) break;
      trimmed = true;
      s = we + 1;
    }
    if (!trimmed) continue;
    // What is left must start with a name of the lists; else the span named no one.
    if (s >= c.end ||
        !(NameFlags(text.substr(s, WordEnd(text, s, c.end) - s)) & (kFirstName | kLastName))) {
      c.score = 0;
      c.end = c.start;
      continue;
    }
    c.start = static_cast<uint32_t>(s);
  }
  std::erase_if(out, [](const Candidate& c) { return c.end <= c.start; });
}

}  // namespace refinery::pii
