// Names of East and Southeast Asian forms that the tagger, trained on English text, misreads or
// cuts: a Korean surname before a hyphenated given name ("Park Ji-yeon", read as a firm), a
// Vietnamese name with its middle name ("Nguyễn Thị Hoa", "Tran Van Nam"), and a Japanese
// honorific joined to a surname ("Tanaka-san", which the tagger keeps in the span).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Whether the title-case token `i` of the tagger's tokens `toks` (`n` of them; `hashes` their
// word hashes, `hashed` of them) starts a person's name of these forms, set in
// [*name_start, *name_end):
// - a Korean surname of the common ones ("Kim", "Lee", "Park", "Choi", ... 40) written before a
//   given name of two syllables joined by a hyphen, each two to five letters ("Ji-yeon",
//   "Min-jun"; not "Park Avenue" or "Lee-Enfield");
// - a Vietnamese surname of the common ones ("Nguyễn", "Trần", "Lê", ... with or without their
//   diacritics) before a middle name that Vietnamese names use ("Thị", "Văn", "Đức", "Hữu",
//   "Ngọc", "Minh", ...) and a capitalised given name, one or two words (not "Le Van Hotel",
//   "Vo Van Kiet Street");
// - a capitalised word with a Japanese honorific joined by a hyphen, without it ("Watanabe-san");
// - a southern Chinese surname as Singapore, Malaysia and Hong Kong spell it ("Tan", "Ng",
//   "Goh", ... 20) before two given names of one romanised syllable each ("Ng Chee Meng", "Lee
//   Hsien Loong"; not before a third capitalised word, "Tan Tock Seng Hospital", nor "Koh" after a
//   preposition of place, Thailand's islands).
// Called from the detector's one pass over title-case words (ner_pii.cc); a hash probe for most.
bool AsianNameAt(std::string_view text, const ner::Token* toks, size_t n, const uint64_t* hashes,
                 size_t hashed, size_t i, uint32_t* name_start, uint32_t* name_end);

// Adds a PERSON candidate (detector "person_asian_name", score kNerPersonScore) for each name
// AsianNameAt found; an organisation or place the tagger read on that span (with the honorific)
// is dropped.
void AddAsianNames(const std::vector<std::pair<uint32_t, uint32_t>>& names, Candidates& out);

// The end of the person [start, end) with a common Chinese surname of Singapore, Malaysia or
// Hong Kong written after the given names ("Mei Ling Tan", "Wei Jie Lim"; the tagger read "Mei
// Ling" and left "Tan"): the surname's end when one follows after a space, then no capitalised
// word; else `end`.
uint32_t EndAfterChineseSurname(std::string_view text, uint32_t start, uint32_t end);

// The end of the person [start, end) without a Japanese honorific joined by a hyphen
// ("Tanaka-san" -> "Tanaka"; "-sama", "-kun", "-chan", "-sensei", "-senpai", "-dono").
uint32_t EndBeforeHonorific(std::string_view text, uint32_t start, uint32_t end);

}  // namespace refinery::pii
