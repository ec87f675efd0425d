// PERSON rules for social-media posts (issue #13), run after the tagger inside the PII detector:
// names written in lower case in a short post ("emily blunt kicked ass", "a call from sam").
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Names written in lower case inside the mixed-case sentences of a short post: after the tagger
// (`scratch` holds its tokens of `text`), each such sentence with a lower-case word that is a
// common given name (and not a common word, place or title) is tagged again in lower case, the
// tagger's lower-case mode; a person it finds there that covers that word, is written wholly in
// lower case and has one to three words becomes a PERSON candidate. Texts with three or more
// mixed-case sentences are edited prose, whose lower-case words are not names: nothing there.
// Overwrites `scratch` and `entities` (call it last).
void AddLowerCaseNames(const ner::NerModel& model, std::string_view text, ner::NerScratch& scratch,
                       std::vector<ner::NerEntity>& entities, Candidates& out);

}  // namespace refinery::pii
