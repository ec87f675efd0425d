#include "refinery/detect/ner_precision.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "refinery/core/ascii.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::ner {

namespace {

bool IsNameByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
         c == '\'' || u >= 0x80;
}

// The word or punctuation mark after byte `pos` on the same line (spaces skipped), empty at the
// line's or the text's end; `pos` moves past it.
std::string_view NextWord(std::string_view text, size_t& pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos >= text.size() || text[pos] == '\n') return {};
  const size_t b = pos;
  if (!IsNameByte(text[pos])) return text.substr(pos++, 1);
  while (pos < text.size() && IsNameByte(text[pos])) ++pos;
  return text.substr(b, pos - b);
}

// The word that ends right before byte `pos` on the same line (spaces skipped), empty if none.
std::string_view PreviousWord(std::string_view text, size_t pos) {
  while (pos > 0 && text[pos - 1] == ' ') --pos;
  size_t b = pos;
  while (b > 0 && IsNameByte(text[b - 1])) --b;
  return text.substr(b, pos - b);
}

bool IsStormWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"hurricane", "typhoon", "cyclone"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

enum class Kind { kNone, kLanguage, kPlace };

Kind HeadKind(std::string_view w) {
  static constexpr std::string_view kLanguage[] = {"language", "dialect"};
  static constexpr std::string_view kPlace[] = {
      "village",  "town",      "city",    "hamlet",        "municipality", "suburb",
      "county",   "district",  "parish",  "province",      "region",       "island",
      "river",    "lake",      "commune", "settlement",    "borough",      "township",
      "locality", "comune",    "capital", "neighbourhood", "neighborhood", "valley",
      "mountain", "peninsula", "atoll",   "archipelago",   "seaport",      "country"};
  if (IsOneOfIgnoringAsciiCase(w, kLanguage)) return Kind::kLanguage;
  if (IsOneOfIgnoringAsciiCase(w, kPlace)) return Kind::kPlace;
  return Kind::kNone;
}

// Lower-case words that end the noun phrase of an introduction ("a village in", "a language
// spoken"); a word outside this list after the head makes the head a modifier ("a town planner").
bool EndsNounPhrase(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "in",        "of",        "on",        "at",        "near",  "spoken",   "located",
      "situated",  "lying",     "within",    "north",     "south", "east",     "west",
      "and",       "with",      "which",     "that",      "where", "whose",    "founded",
      "belonging", "bordering", "along",     "close",     "about", "some",     "approximately",
      "northeast", "northwest", "southeast", "southwest", "known", "formerly", "whose"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

// Lower-case words that cannot sit between an introduction's article and its head noun: past
// one, the phrase is about something else ("X is the mayor of the town").
bool BreaksNounPhrase(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "of",   "in",  "on",    "at",    "to",    "for",  "with", "by",   "from",  "who",  "which",
      "that", "and", "or",    "but",   "as",    "is",   "was",  "has",  "had",   "he",   "she",
      "his",  "her", "their", "whose", "where", "when", "than", "like", "about", "into", "over"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

// Regions in "X is in the province of Y".
bool IsAdministrativeUnit(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "province",   "state",      "county",      "region", "district", "municipality",
      "department", "prefecture", "governorate", "canton", "oblast",   "parish"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

// What the words after byte `pos` (right after a name) introduce the name as.
Kind Introduction(std::string_view text, size_t pos) {
  const std::string_view verb = NextWord(text, pos);
  if (verb != "is" && verb != "was") return Kind::kNone;
  std::string_view w = NextWord(text, pos);
  // "X is located in ...", "X is in the province of ...".
  if (w == "located" || w == "situated") {
    w = NextWord(text, pos);
    return w == "in" || w == "on" || w == "near" ? Kind::kPlace : Kind::kNone;
  }
  if (w == "in") {
    if (NextWord(text, pos) != "the") return Kind::kNone;
    if (!IsAdministrativeUnit(NextWord(text, pos))) return Kind::kNone;
    return NextWord(text, pos) == "of" ? Kind::kPlace : Kind::kNone;
  }
  if (w != "a" && w != "an" && w != "the") return Kind::kNone;
  // Up to six modifiers ("a critically endangered indigenous American language"), then the head.
  for (int k = 0; k < 7; ++k) {
    w = NextWord(text, pos);
    if (w.empty() || !IsNameByte(w[0]) || BreaksNounPhrase(w)) return Kind::kNone;
    const Kind kind = HeadKind(w);
    if (kind == Kind::kNone) continue;
    const std::string_view after = NextWord(text, pos);
    if (after.empty() || !IsNameByte(after[0]) || EndsNounPhrase(after)) return kind;
    return Kind::kNone;
  }
  return Kind::kNone;
}

}  // namespace

void MarkIntroducedNonPersons(std::string_view text, std::vector<NerEntity>& entities) {
  if (entities.empty()) return;
  // The names written after a storm word ("Hurricane Rita").
  std::unordered_set<std::string> storms;
  bool storm_word = false;
  for (size_t pos = 0; pos < text.size();) {
    const std::string_view w = NextWord(text, pos);
    if (w.empty()) {
      ++pos;
      continue;
    }
    if (!pii::IsUpper(static_cast<unsigned char>(w[0])) || !IsStormWord(w)) continue;
    storm_word = true;
    size_t p = pos;
    const std::string_view name = NextWord(text, p);
    if (!name.empty() && pii::IsUpper(static_cast<unsigned char>(name[0])))
      storms.insert(AsciiLowered(name));
  }
  // What the text introduces each entity's words as ("Chamicuro is a ... language").
  std::unordered_map<std::string, Kind> introduced;
  for (const NerEntity& e : entities) {
    const Kind kind = Introduction(text, e.end);
    if (kind != Kind::kNone)
      introduced.emplace(AsciiLowered(text.substr(e.start, e.end - e.start)), kind);
  }
  if (!storm_word && introduced.empty()) return;
  std::vector<NerEntity> kept;
  kept.reserve(entities.size());
  for (NerEntity& e : entities) {
    if (e.label != kPer) {
      kept.push_back(e);
      continue;
    }
    const std::string lowered = AsciiLowered(text.substr(e.start, e.end - e.start));
    size_t p = e.start;
    const std::string_view first = NextWord(text, p);
    if (storm_word &&
        (IsStormWord(first) || IsStormWord(PreviousWord(text, e.start)) || storms.count(lowered)))
      continue;
    auto it = introduced.find(lowered);
    if (it != introduced.end()) {
      if (it->second == Kind::kLanguage) continue;
      e.label = kLoc;
    }
    kept.push_back(e);
  }
  entities.swap(kept);
}

uint32_t SkipLeadingYear(std::string_view text, uint32_t start, uint32_t end) {
  if (end - start < 6) return start;
  for (uint32_t i = start; i < start + 4; ++i)
    if (!pii::IsDigit(static_cast<unsigned char>(text[i]))) return start;
  if (text[start + 4] != ' ') return start;
  const uint32_t next = start + 5;
  for (uint32_t i = next; i < end; ++i)
    if (pii::IsAlpha(static_cast<unsigned char>(text[i])) || text[i] & 0x80) return next;
  return start;
}

}  // namespace refinery::ner
