// The learned tagger inside the PII detector: its PER / LOC / ORG entities become PERSON,
// LOCATION and ORGANIZATION candidates (detector "ner"), reconciled with the rule-based PERSON
// cues (From:, Dear, titles, signatures, @mentions, the name gazetteer) already found.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Scores given to the tagger's spans (the detector's overlap resolution prefers higher scores).
inline constexpr float kNerPersonScore = 0.8f;
inline constexpr float kNerPropagatedScore = 0.75f;
inline constexpr float kNerPlaceScore = 0.8f;
inline constexpr float kNerOrgScore = 0.75f;
inline constexpr float kNerWeakScore = 0.6f;  // tagged against one token's own evidence
// Rule-based PERSON candidates below this score (a lone first name, a surname without context:
// "ST LOUIS" -> "LOUIS") need the tagger's agreement, an overlapping PER entity; those at or
// above it (a cue such as "Dear X", "From: X", "request from X", a title, a known first and last
// name, a name made from the adjacent e-mail address) stand on their own. Measured on the
// held-out splits: 0.5 / 0.7 / 0.85 change PERSON F1 by less than 0.01.
inline constexpr float kRuleStandaloneScore = 0.7f;

// The end of the person [start, end) without a last word "i", the pronoun after a name written
// in lower case ("tell ur mom debra i said hi"), which the tagger took for a surname, or one of
// its contractions written without an apostrophe ("im", "id", "ive", "ill").
inline uint32_t EndBeforePronounI(std::string_view text, uint32_t start, uint32_t end) {
  if (end >= start + 3 && text[end - 1] == 'i' && text[end - 2] == ' ') return end - 2;
  // The pronoun's contractions written without an apostrophe ("tell emma im late", "jake ive").
  if (end >= start + 4 && text[end - 3] == ' ' && text[end - 2] == 'i' &&
      (text[end - 1] == 'm' || text[end - 1] == 'd'))
    return end - 3;
  if (end >= start + 5 && text[end - 4] == ' ' && text[end - 3] == 'i' &&
      ((text[end - 2] == 'v' && text[end - 1] == 'e') ||
       (text[end - 2] == 'l' && text[end - 1] == 'l')))
    return end - 4;
  return end;
}

// A title or office, with or without its abbreviation dot ("Dr.", "Sen.", "President",
// "General", "Chancellor"): written before a name, it is not part of it.
bool IsTitleOrOffice(std::string_view w);

// The tagger gazetteer's bits (ner::kGaz*) of the one word `w`.
uint16_t GazetteerBits(const ner::NerModel& model, std::string_view w);

// Tags `text` (bytes) and adds / filters candidates in `out`. `entities` is scratch.
void AddNerCandidates(const ner::NerModel& model, std::string_view text, ner::NerScratch& scratch,
                      std::vector<ner::NerEntity>& entities, bool want_person, Candidates& out);

}  // namespace refinery::pii
