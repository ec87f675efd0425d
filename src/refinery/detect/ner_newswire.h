// Newswire layout that the tagger's training data (tweets, Wikipedia, GUM, web text) hardly has:
// dateline lines and sports result lines. Both are recognised from the line's shape alone, after
// the tagger has run, and override its tags on that line.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {

// Over the tokens of `text` and their BIO tags (ner_model.h):
// - a dateline, a line of one to five capitalised words (commas between them allowed) followed by
//   only a date or a wire-service credit ("LONDON 1996-08-30", "SAN JOSE , Costa Rica
//   1996-08-22", "WASHINGTON (Reuters) -"), names places: its words become LOCATION (one entity
//   per comma-separated part), with `margins` set positive (the tagger's own evidence is often a
//   person: "PARIS 1996-08-30");
// - a result line, two runs of capitalised words each followed by a whole number and nothing
//   else ("ST LOUIS 3 Chicago 2", "Arsenal 2 Liverpool 0"), names two teams: each run becomes one
//   ORGANIZATION, never a person or a place; a bracketed list of scorers after a team's score
//   ("Ajax 3 (Kluivert 12, Litmanen 40) Feyenoord 1 (Larsson 55)") names persons.
// Linear in the number of tokens.
void MarkNewswireLines(std::string_view text, const std::vector<Token>& tokens,
                       std::vector<uint8_t>& tags, std::vector<int32_t>& margins);

}  // namespace refinery::ner
