// Institution names by their head noun: "Bucknell University", "Cold Spring Harbor Laboratory",
// "the Christian Democratic Party", "University of Mostar", "Council for European Security and
// Cooperation". The tagger reads the capitalised words before such a head as a place or a
// person ("University of Mostar" -> "Mostar", a place) or not at all; the head noun settles it.
// The heads are those whose multi-word entities the labelled NER sets (../shared/data/ner)
// almost always mark as organisations; heads the sets split between places and organisations
// (Center, Hospital, Hotel, House, Station, Court) are left to the tagger. Companies, likewise,
// by their legal form: "Lagos Holdings Plc" was a place, "Acme Widgets" of "Acme Widgets GmbH"
// nothing.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_gazetteer.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {

// Over the tokens of `text` and their BIO tags (ner_model.h), in sentences that are not
// headlines (a sentence counts when it has a lower-case word of four or more letters):
// - a run of capitalised words ending in a title-case organisation head ("University",
//   "Party", "Laboratory", "Records", "Times", ...), with "of", "for" and "'s" allowed between
//   its words, becomes one ORGANIZATION when it holds a word general text does not write in
//   lower case or two or more words besides the head ("Bucknell University", "Cold Spring
//   Harbor Laboratory"; the rule does not mark "High School" or "Food Records", whatever the
//   tagger reads there); a sentence-initial "The" or word general text writes in lower case,
//   and words such as "Today" or "Our" anywhere, are not part of it, while a "The" inside the
//   sentence is;
// - a title-case head of that kind or another ("University", "Bank", "Department", "Church",
//   "Center", ...) followed by "of" or "for", an optional "the", and capitalised words (joined
//   by "and", "&", "of", "for") becomes one ORGANIZATION with those words and the capitalised
//   words right before it ("Royal Bank of Canada", "Department of Physics and Astronomy").
// - first, a legal form as written ("GmbH", "Inc", "S.A.", "plc": legal_forms.h) ends a
//   company's name: the capitalised words and initials before it, joined by "&", with a comma
//   before a form of three letters or more and other forms before it ("Free Software
//   Foundation, Inc", "Shenzhen Bright Star Co., Ltd", "Smith & Sons Pty Ltd"), become one
//   ORGANIZATION, less a leading "The" or lead word, and not past a person the tagger read
//   right before it. Not in capitals sentences, not a two-letter form
//   before a number ("Adelaide SA 5000"), nor "Limited" / "Incorporated" before a capitalised
//   word ("Limited Edition"), nor "Co" before one ("Co. Down", a county).
// The words' earlier tags give way (a person or place inside the name, or a tagger entity cut
// at the name's edge), except a tagger organisation that runs on past the name over capitalised
// words, which keeps its length; `margins` of the name's tokens are set positive (the rule, not the
// tagger's evidence, made them). Names of more than 16 tokens are not looked for. Returns the
// token steps taken, linear in the number of tokens (NerScratch::work counts them).
// Whether `w`, written in title case ("University", "Bank"), is one of the heads below: a word
// that ends an institution's name or starts one before "of" (for surrogates of the same kind).
bool IsInstitutionHead(std::string_view w);
// Whether `w` names a kind of court or prison before "Court", "Prison" or "Tribunal" ("County",
// "Supreme", "Circuit", "State", ...): such a name is an organisation's, not a street's.
bool IsCourtKindWord(std::string_view w);

// A name the tagger ended at the "'" of a plural-style possessive, before a building's, site's or
// street's word ("St Thomas' Hospital" read as the place "St Thomas", whose surrogate then read
// "Addis Ababa' Hospital"): the apostrophe and the word join the name, with its label.
void ExtendNamesOverPluralPossessive(std::string_view text, const std::vector<Token>& tokens,
                                     std::vector<uint8_t>& tags);

// `word_hashes`: per token, its TokenHash where non-zero (NerScratch::word_hashes).
uint64_t MarkInstitutionNames(std::string_view text, const std::vector<Token>& tokens,
                              const std::vector<uint64_t>& word_hashes,
                              const NerGazetteer& gazetteer, std::vector<uint8_t>& tags,
                              std::vector<int32_t>& margins);

}  // namespace refinery::ner
