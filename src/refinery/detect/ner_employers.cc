#include "refinery/detect/ner_employers.h"

#include "refinery/core/ascii.h"
#include "refinery/detect/name_gazetteer.h"

namespace refinery::ner {

namespace {

// Cues after which a name is a workplace or a school and never a person ("a contract with" and
// "partnered with" name persons too: "a tentative contract with Muhammed Ali").
constexpr std::string_view kWorkplaceCues[] = {
    "works at ",        "worked at ",        "working at ",         "work at ",
    "job at ",          "years at ",         "career at ",          "employee at ",
    "employees at ",    "intern at ",        "interned at ",        "internship at ",
    "studied at ",      "studies at ",       "studying at ",        "teaches at ",
    "taught at ",       "teaching at ",      "lecturer at ",        "professor at ",
    "analyst at ",      "engineer at ",      "researcher at ",      "scientist at ",
    "executive at ",    "graduated from ",   "graduating from ",    "graduate of ",
    "alumnus of ",      "alumni of ",        "dropped out of ",     "degree from ",
    "shares of ",       "shares in ",        "stake in ",           "spokesman for ",
    "spokeswoman for ", "spokesperson for ", "chief executive of ", "co-founder of ",
    "cofounder of ",    "previously at ",    "formerly at ",        "tenure at ",
    "enrolled at ",     "accepted to ",      "admitted to "};

// Cues after which a name may also be a person's ("joined Smith on stage", "works for Mrs
// Patel"): only a word that is no given name, surname or place counts.
constexpr std::string_view kWeakCues[] = {
    "joined ",   "joins ",       "joining ",  "works for ", "worked for ", "working for ",
    "work for ", "employed by ", "hired by ", "founded ",   "left ",       "quit "};

// Whether `before` (the bytes before a name, with any "the " already taken off) ends with
// `cue` at a word's start.
bool EndsWithCue(std::string_view before, std::string_view cue) {
  // (Case aside: a sentence's first word is capitalised, "Previously at Philips in Eindhoven".)
  return EndsWithIgnoringAsciiCase(before, cue) &&
         (before.size() == cue.size() || !IsAsciiLetter(before[before.size() - cue.size() - 1]));
}

// The gazetteer bits of the span's words read as one phrase (split at spaces: the places
// compared here are plain words, "New Zealand", "Ohio").
uint16_t PhraseBits(const NerGazetteer& gazetteer, std::string_view span) {
  uint64_t h = PhraseStart();
  for (size_t at = 0; at <= span.size();) {
    size_t sp = span.find(' ', at);
    if (sp == std::string_view::npos) sp = span.size();
    h = PhraseCombine(h, TokenHash(span.substr(at, sp - at)));
    at = sp + 1;
  }
  return gazetteer.Lookup(h);
}

}  // namespace

void MarkEmployersAndSchools(std::string_view text, const NerGazetteer& gazetteer,
                             std::vector<NerEntity>& entities,
                             std::vector<std::string>& not_persons) {
  for (NerEntity& e : entities) {
    if ((e.label != kPer && e.label != kLoc) || e.by_rule || e.start < 4) continue;
    // Every cue ends in a space after a lower-case letter: most entities stop at that test.
    if (text[e.start - 1] != ' ' || text[e.start - 2] < 'a' || text[e.start - 2] > 'z') continue;
    std::string_view before = text.substr(0, e.start);
    if (before.ends_with(" the ")) before.remove_suffix(4);
    if (before.size() > 32) before.remove_prefix(before.size() - 32);
    bool strong = false, weak = false;
    for (std::string_view cue : kWorkplaceCues)
      if ((strong = EndsWithCue(before, cue))) break;
    if (!strong)
      for (std::string_view cue : kWeakCues)
        if ((weak = EndsWithCue(before, cue))) break;
    if (!strong && !weak) continue;
    const std::string_view span = text.substr(e.start, e.end - e.start);
    // A name, not a handle or punctuation the tagger took ("joining @ shadkmusic").
    if (!(span[0] >= 'A' && span[0] <= 'Z') && !(span[0] & 0x80)) continue;
    if (span.find(',') != std::string_view::npos || span.find('\n') != std::string_view::npos)
      continue;
    const uint16_t place = PhraseBits(gazetteer, span);
    if (place & (kGazCountry | kGazRegion)) continue;
    if (weak) {
      if (span.find(' ') != std::string_view::npos) continue;
      if (place & (kGazCity | kGazBigCity)) continue;
      if (pii::NameFlags(span) & (pii::kFirstName | pii::kLastName)) continue;
    }
    if (e.label == kPer) not_persons.push_back(AsciiLowered(span));
    e.label = kOrg;
    e.by_rule = true;
  }
}

}  // namespace refinery::ner
