// Continental European streets read back from the town after them: a street written without a
// street-type word ("Unter den Linden 77, 10117 Berlin") has no word the street scanners
// (trigger_scanners.cc, address_parts.h) can start from, but the tagger finds its town, and a
// postcode and a house number before the town make it an address.
#pragma once

#include <string_view>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// A street of continental Europe without a street-type word, written before a postcode and a
// town the tagger found: "Unter den Linden 77, 10117 Berlin", "Vinohradská 1511/230, 100 00
// Praha 10", "Am Sandtorkai 50, 20457 Hamburg" (the suffix scanners know "-straße", "Via",
// "ul." and the like; session thirty-three's letters and invoices had these). The street is one
// to four words after a comma, a colon, a line's start or a lower-case word, the first
// capitalised, the others capitalised or a particle ("den", "am", "di"); the house number one
// to four digits with a letter, a "/7" or "-7" after it; the postcode four or five digits,
// "100 00" or "31-042". Not after four plain digits unless the town is a city of the gazetteer
// (years are four digits too), nor when the word before the number is one general text writes in
// lower case, a month or an abbreviation ("Chapter 5, 1984 London", "March 5, 2007 Taipei",
// "Vol. 12, 2014 London"). Adds the whole address (AddressTail's units and country included)
// as a STREET_ADDRESS candidate, detector "street_address_eu", where no street is yet.
void AddStreetsBeforePostcodeTowns(const ner::NerModel& model, std::string_view text,
                                   const std::vector<ner::NerEntity>& entities, Candidates& out);

}  // namespace refinery::pii
