// British postal addresses read back from their postcode: a house is often named, not numbered
// ("The Red House, Lower Street, Ninfield, TN33 9ED", "Rose Cottage\nChurch Lane\nLittle
// Snoring\nNR21 0HZ"), so the street rules, which start at a house number, never see them. The
// postcode is the anchor instead, as the PIN code is for Indian addresses (address_india.h).
#pragma once

#include <cstddef>
#include <string_view>

namespace refinery::pii {

// Words that name a house, a farm or a building, as British houses without a number are named
// ("Rose Cottage", "Hillside Farm", "The Old Rectory", "Flat 3"), as written.
bool IsHouseWord(std::string_view word);
// Whether a part of an address ("Lower Street", "Rose Cottage") holds a word of a street (the
// name lists' street suffixes) or a house (IsHouseWord).
bool HoldsStreetOrHouseWord(std::string_view part);

// The UK postcode at text[at] ("TN33 9ED", "SW1A 2AA", "M1 1AE": outward code, one space, an
// inward code whose letters are none of C, I, K, M, O, V, as Royal Mail issues them), its end,
// or 0. Nothing glued on either side.
size_t UkPostcodeWithSpaceEnd(std::string_view text, size_t at);

// The address whose postcode is text[code_start, code_end), as [*start, *end), when the parts
// before it make one: parts separated by commas or line breaks (a house name, a street, a
// locality, a town, a county), capitalised words or a number, at least two of them, one with a
// street word ("Lane", "Road"), a house word ("Cottage", "Farm", "House") or a house number. A
// part starts after a label's colon or after the last lower-case word of the prose before it
// ("Write to: The Red House", "send it to Rose Cottage"); the addressee above the street
// ("Mrs J Smith", "Jane Smith") is not part of it, nor is anything across a blank line. The
// country after the code belongs to it ("..., NR21 0HZ, United Kingdom"). No part starts
// before `not_before` (the end of the address found before). Bounded work: at most 400 bytes
// back and eight parts. A town and its code alone are an address too ("Leeds LS6 2AB").
bool UkAddressAround(std::string_view text, size_t code_start, size_t code_end, size_t not_before,
                     size_t* start, size_t* end);

// The same for an Irish address read back from its county ("Kilbrack House, Doneraile, Co. Cork",
// "Main Street, Ballina, Co. Mayo"; text[county_start, county_end) as IrishCountyEnd reads it),
// with the Eircode and "Ireland" after it. Two parts at least, one with a street or house word
// or a number.
bool IrishAddressAround(std::string_view text, size_t county_start, size_t county_end,
                        size_t not_before, size_t* start, size_t* end);

}  // namespace refinery::pii
