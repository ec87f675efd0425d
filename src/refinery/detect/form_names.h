// Names in the fields of forms, records and registers: "Name: Müller", "Nom : Dupont",
// "Prénom : Jean-Marc", "Naam: Jan de Vries", "Patient: Ewa Kowalska, ur. 15.04.1962". A field
// labelled for a person's name holds one whatever the tagger reads there (a one-word surname
// without context is as often read as a place or as nothing), in English and the other languages
// of European forms.
#pragma once

#include <string_view>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Adds a LOCATION candidate (detector "place_form", score kDisplayNameScore) for the value of a
// town's field ("City:", "Town:", "Place of birth:", "Hometown:"; one to four capitalised words
// up to a comma, a bar or the line's end), and a PERSON candidate (detector "person_form", score
// kDisplayNameScore) for the value of
// each field whose label names a person (English "Name", "Surname", "Patient", "Next of kin";
// French "Nom", "Prénom"; German "Vorname", "Nachname"; Dutch "Naam", "Achternaam"; Spanish,
// Italian, Portuguese, Polish, Nordic, Czech and Turkish ones): a label that starts its line
// (after list marks, '|' or spaces), written with a capital letter as forms write it (not a
// configuration key's "name:"), a colon, and a value of one to five words: capitalised words,
// initials and particles ("de", "van", "von", "al"), up to the line's end or a field separator
// (',', ';', '|', a tab, '('), with a given name after "Surname, " kept. Not a placeholder
// ("N/A", "Unknown", "Redacted"), a firm ("Name: Acme Ltd"), or words that general text writes
// in lower case and no name list holds ("Name: Install Dependencies"). Linear in the text.
void AddFormFieldNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// Whether `word` is a form's label for a field other than a name (an address, a telephone, a
// date of birth, a nationality, in the same languages: "Domicilio", "Anschrift", "Téléphone"),
// which a tagger reading the form's first column may take for a name.
bool IsOtherFieldLabel(std::string_view word);

}  // namespace refinery::pii
