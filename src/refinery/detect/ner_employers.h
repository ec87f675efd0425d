// Firms and schools named by what people do there: "ten years at Google", "after graduating
// from Stanford", "he joined McKinsey in London", "shares of Nvidia". The tagger reads such
// one-word names from the word alone, and many of them are surnames or towns as well
// ("Stanford" and "McKinsey" were persons, "Goldman Sachs" and "Yandex" places). A rule over the
// tagger's final entities, like those of ner_precision.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_gazetteer.h"
#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {

// Over the tagger's final entities (sorted by start), an entity right after a cue of work or
// study, with an optional "the" between ("works at the BBC"), becomes an ORGANIZATION:
// - after a cue that names a workplace or school and never a person ("works at", "years at",
//   "studied at", "graduated from", "teaches at", "shares of", "a spokeswoman for", "intern
//   at"), a person or a place of any length, but not a country or a region of the gazetteer
//   ("studied at Oxford" is its university; "studied at Ohio" is not a school) nor a place the
//   tagger ran on past a comma ("works at Austin, Texas" is not written so);
// - after a cue that may also name a person ("joined", "works for", "employed by", "hired
//   by"), a one-word person or place that the name lists do not know as a given name or
//   surname and the gazetteer not as a place ("joined McKinsey", not "joined Smith", "joined
//   Boston").
// A time or a parent is none ("worked at Christmas", "works for Dad"). Capitalised words the
// tagger left alone right after "works for", "worked at", "my employer is", "a job at" ... are
// an ORGANIZATION too ("works for Shell", "employer is Suncor"; not a name of the lists or a
// place, nor after "it" / "this": "it works for Windows").
// An organisation the tagger or a list read there is kept from later guesses made from the word
// alone (a surname read as a firm's is a person's elsewhere). Such persons are added to
// `not_persons` (ASCII lower case), for the rule-based name finder to give way to. The cue is read
// in the 32 bytes before the entity: linear in the entities.
// `tokens` and `word_hashes` are the tagger's (NerScratch), for the untagged employers' cues.
void MarkEmployersAndSchools(std::string_view text, const std::vector<Token>& tokens,
                             const std::vector<uint64_t>& word_hashes,
                             const NerGazetteer& gazetteer, std::vector<NerEntity>& entities,
                             std::vector<std::string>& not_persons);

}  // namespace refinery::ner
