// Indian postal addresses: comma-separated parts that end in a six-digit PIN code ("Flat No. 302,
// Sai Residency, Plot 45, Madhapur, Hyderabad, Telangana 500081", "12/3, MG Road, Bengaluru -
// 560001, Karnataka"). They have no street suffix after a house number, the shape the other
// address rules start from, so the PIN code starts the search here.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace refinery::pii {

// The address whose PIN code is text[pin_start, pin_end) ("560001" or "560 001"), as
// [*start, *end), when the parts before it on its line make one: at least two parts (a
// house, flat or plot number, a street, a locality, a city) of which one holds an address word
// ("Nagar", "Road", "Sector", "Flat", "Near", ...) or a state or "India" stands next to the code;
// a state and "India" after the code belong to it. A part starts after a label's colon or after
// the last lower-case word of the prose before it ("Please deliver to Flat No. 302"). False
// when the code ends no such address. No part starts before `not_before` (the end of the
// address found before, so that a wall of codes reads each byte a bounded number of times).
// Bounded work: one line, at most 400 bytes back, at most eight parts.
bool IndianAddressAround(std::string_view text, size_t pin_start, size_t pin_end, size_t not_before,
                         size_t* start, size_t* end);

// Whether `w` (any case, a trailing "." or "," ignored) is the last word of an Indian locality's
// name ("Gandhi Nagar", "Model Colony", "HSR Layout", "Mylapore"'s kind: "Nagar", "Colony",
// "Layout", "Puram", "Vihar", "Enclave", "Bagh", "Chowk", "Marg", "Mohalla").
bool IsIndianLocalityWord(std::string_view w);
// Those words, in lower case (for a set of their hashes).
std::span<const std::string_view> IndianLocalityWords();

}  // namespace refinery::pii
