// Contact lists: lines of a name, a column's gap and an e-mail address ("Ralf Wildenhues
// <tab> Ralf.Wildenhues@gmx.de", "Peng Yu   pengyu.ut@gmail.com"), as the THANKS and AUTHORS
// files of free software, address books and exported tables write them. Where most names of
// such a block are persons by the other detectors, every name of the block is one: the tagger
// does not know "Petter Reinholdtsen", "FUJIWARA Katsunori" or "Szakacsits Szabolcs", but the
// column says what they are.
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Over the accepted spans `kept` (disjoint; `taken` holds their (end, start)): in every block of
// at least five consecutive lines of the shape "NAME<gap>ADDRESS" (NAME: one to five words, the
// first capitalised; gap: two spaces or more, a tab, " <" or " ("; ADDRESS: a token with an
// '@' between letters and a '.' after it) of which at least 70% hold a span of `person_type`
// inside NAME, the other NAMEs become spans of `person_type` (detector "person_list", `score`),
// replacing the spans of `other_types` (a bit set by type) inside them ("Petter Reinholdtsen"
// read as an organisation). Leaves `kept` unsorted. Linear in the text; texts with fewer than
// five '@' cost one scan.
void AddContactListPersons(std::string_view text, uint16_t person_type, uint64_t other_types,
                           float score, std::set<std::pair<uint32_t, uint32_t>>& taken,
                           std::vector<Candidate>& kept);

}  // namespace refinery::pii
