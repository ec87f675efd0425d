// Names of East and Southeast Asian forms that the tagger, trained on English text, misreads or
// cuts: a Korean surname before a hyphenated given name ("Park Ji-yeon", read as a firm), a
// Vietnamese name with its middle name ("Nguyễn Thị Hoa", "Tran Van Nam"), and a Japanese
// honorific joined to a surname ("Tanaka-san", which the tagger keeps in the span).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Adds a PERSON candidate (detector "person_asian_name", score kNerPersonScore) for
// - a Korean surname of the common ones ("Kim", "Lee", "Park", "Choi", ... 40) written before a
//   given name of two syllables joined by a hyphen, each two to five letters ("Ji-yeon",
//   "Min-jun"; not "Park Avenue" or "Lee-Enfield");
// - a Vietnamese surname of the common ones ("Nguyễn", "Trần", "Lê", ... with or without their
//   diacritics) before a middle name that Vietnamese names use ("Thị", "Văn", "Đức", "Hữu",
//   "Ngọc", "Minh", ...) and a capitalised given name, one or two words.
// - a capitalised word with a Japanese honorific joined by a hyphen, without it ("Watanabe-san").
// An organisation or place the tagger read on that span (with the honorific) is dropped. Linear in the
// tokens: one hash probe per capitalised word.
// `toks` and `hashes` are the tagger's tokens of `text` and their word hashes (NerScratch).
void AddAsianNameForms(std::string_view text, const std::vector<ner::Token>& toks,
                       const std::vector<uint64_t>& hashes, Candidates& out);

// The end of the person [start, end) without a Japanese honorific joined by a hyphen
// ("Tanaka-san" -> "Tanaka"; "-sama", "-kun", "-chan", "-sensei", "-senpai", "-dono").
uint32_t EndBeforeHonorific(std::string_view text, uint32_t start, uint32_t end);

}  // namespace refinery::pii
