// Company legal forms ("GmbH", "Inc", "S.A.", "plc"): the one list that the tagger's
// institution rules (a form ends a company's name), the name-list rules (a "person" before a
// form is a firm) and the organisation surrogates (the forms at a name's end are kept) read.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace refinery::ner {

// The forms as text writes them, several spellings of one form listed apart ("Plc", "PLC",
// "plc"): the common ones of the cleanco list (../shared/data/gazetteers) and the continental
// ones of the German, French, Italian, Spanish and Dutch registers. Left out: two-letter forms
// that are also state or province codes or words in capitals ("NV", "AB", "AS", "LP"), and "SE"
// (south-east).
std::span<const std::string_view> LegalForms();

// Whether `word` is one of the forms, exactly as written ("Ltd", "S.A."; not "ltd").
bool IsLegalForm(std::string_view word);

// Whether a legal form starts at byte `pos` of `text` and is not the start of a longer word:
// "GmbH" in "Radisch GmbH,", "Inc" in "Acme Inc.", "S.A.R.L." (not "S.A." of it).
bool LegalFormAt(std::string_view text, size_t pos);

}  // namespace refinery::ner
