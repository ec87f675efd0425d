// Parts of a postal address around a street ("1600 Pennsylvania Ave NW", "Hauptstraße 5"): what
// may follow it (unit, city, state or region, postcode, country, on the same line or the next
// ones), and the address forms that have no street (PO boxes, military APO/FPO/DPO addresses,
// a postcode after a postcode cue). Shapes, not gazetteers: a city is capitalised words that
// come with a postcode or a state code, so "Portland" alone after a street is not taken.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// USPS Publication 28 street suffixes (full and standard abbreviations), beyond the common
// ones the name gazetteer already knows ("Crossing", "Ridge", "Heights", "Pkwy", ...).
bool IsUspsStreetSuffix(std::string_view word);

// Italian, Spanish, Portuguese and Catalan street types written before the street's name ("Via",
// "Calle", "Strada", "Rua", "Carrer" ...), the ones address forms and generators use.
std::span<const std::string_view> StreetTypesBeforeName();
// The length of the particle a French, Spanish or Italian square's or street's name starts with,
// its space included ("des " of "des Vosges", "de la " of "de la Concorde", "della " of
// "della Signoria", "d'" of "d'Italie"), or 0.
size_t SquareParticleLength(std::string_view s);

// A compass point after a street's type or in an address ("NW", "N.E.", "East"), as written.
bool IsCompassDirection(std::string_view w);

// A word that opens a unit of an address ("Apt", "Suite", "Flat", "Floor", "Piso", "Box" ...),
// as written.
bool IsAddressUnitWord(std::string_view word);

// The phrases of a post office box before its number, in lower case ("po box", "p.o. box",
// "postfach", "apartado", "locked bag", "pmb" ...): ScanPoBox's, and the anonymizer's test for
// an address with no street.
std::span<const std::string_view> PostBoxPhrases();

// The fifty US states' postal codes ("AL" ... "WY"), upper case: IsStateCode's, and the
// anonymizer's pool for another state's code.
std::span<const std::string_view> UsStateCodes();

// A US state, DC or territory, Canadian province or Australian state written as its postal
// code ("IN", "NC", "QC", "NSW"), upper case.
bool IsStateCode(std::string_view w);

// A UK postcode at i ("SW1A 2AA", "EC1A 1BB", "M1 1AE", the space optional), its end or 0:
// the shape only (address_uk.h's UkPostcodeWithSpaceEnd checks the area and letters too).
size_t UkPostcodeEnd(std::string_view text, size_t i);
// A Canadian postal code at i ("M5V 2T6", "Y1A5H2"), its end or 0.
size_t CaPostcodeEnd(std::string_view text, size_t i);
// A Brazilian postcode (CEP) at i ("01001-000", "01001000"), its end or 0.
size_t CepEnd(std::string_view text, size_t i);
// An Irish Eircode at i ("D02 X285", "P51 X2K3": routing key, unique identifier), its end or 0.
size_t EircodeEnd(std::string_view text, size_t i);
// An Irish county at i ("Co. Mayo", "County Cork", "Co Kerry"), its end or 0.
size_t IrishCountyEnd(std::string_view text, size_t i);

// Where an address that ends its street part at `end` really ends: after a direction ("NW"),
// a unit ("Suite 200"), "City, ST 12345", "City POSTCODE" (UK, Canada), "12345 City"
// (continental Europe) and a country name; `end` when nothing follows.
size_t AddressTail(std::string_view text, size_t end);

// After an address part that ends at `end` with no postcode after it: up to two names after a
// comma, each ending its phrase (a comma, a full stop or the line's end follows): "P.O. Box
// 7410, Nairobi, Kenya", "No. 14, Awolowo Road, Ikoyi, Lagos". The end, or `end`.
size_t TownsAfterComma(std::string_view text, size_t end);

// A part of an address without the spaces, tabs and carriage return around it.
inline std::string_view TrimAddressPart(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Calls visit(word) for each space-separated word of an address's part; stops when it returns
// false.
template <typename Visit>
void ForEachPartWord(std::string_view part, Visit&& visit) {
  for (size_t i = 0; i < part.size();) {
    while (i < part.size() && part[i] == ' ') ++i;
    size_t e = i;
    while (e < part.size() && part[e] != ' ') ++e;
    if (e > i && !visit(part.substr(i, e - i))) return;
    i = e;
  }
}

// The parts of an address read right to left from byte `end` (where its postcode, PIN code or
// county starts, the separators before it skipped): the runs of text between commas, and with
// `cross_lines` between line breaks too (never across a blank line); none before `floor`.
// `visit(part, labelled)` gets each part as written, less a label and its colon when the part
// holds one ("Address: 12/3" -> " 12/3"; `labelled` is then true and it is the last part), and
// returns whether to read on. Shared by the readers that start at the address's end
// (address_india.cc, address_uk.cc).
template <typename Visit>
void ForEachAddressPartBefore(std::string_view text, size_t end, size_t floor, bool cross_lines,
                              Visit&& visit) {
  for (size_t b = end; b > floor;) {
    size_t a = b;
    while (a > floor && text[a - 1] != ',' && text[a - 1] != '\n') --a;
    std::string_view part = text.substr(a, b - a);
    bool labelled = false;
    if (const size_t colon = part.rfind(':'); colon != std::string_view::npos) {
      part.remove_prefix(colon + 1);
      labelled = true;
    }
    if (!visit(part, labelled) || labelled || a == floor) return;
    if (text[a - 1] == '\n') {
      if (!cross_lines) return;
      size_t p = a - 1;
      if (p > floor && text[p - 1] == '\r') --p;
      if (p == floor || text[p - 1] == '\n') return;  // a blank line
      b = p;
      while (b > floor && (text[b - 1] == ' ' || text[b - 1] == ',')) --b;
      continue;
    }
    b = a - 1;  // past the comma
    while (b > floor && text[b - 1] == ' ') --b;
  }
}

// Trigger scanners (`end` is the end of the prefilter match).
void ScanPoBox(std::string_view text, size_t end, Candidates& out);
void ScanMilitaryAddress(std::string_view text, size_t end, Candidates& out);
void ScanPostcodeContext(std::string_view text, size_t end, Candidates& out);
// `end` is just past a form's address label and its ':' or '=' ("Address:", "home address =",
// "\"address\":", "Anschrift:"): the value on the same line, up to a closing quote, '(', '|'
// or ';', is one STREET_ADDRESS when it holds a digit and a word and is no e-mail, URL or
// network address, and the label is no "email address", "IP address", "wallet address" ...
// Invoices' "Ship to:", "Bill to:", "Deliver to:" are such labels too. With `postal_mark`,
// `end` is just past a Japanese postcode after its mark ("〒150-0002"), and the value starts
// at the mark.
void ScanAddressLabel(std::string_view text, size_t end, Candidates& out, bool postal_mark = false);
// An address said in a sentence after "my address is" or "I live at" (`end`: the house
// number's first byte, as the trigger ends after it), as chats, mails and speech transcripts
// write it, in any case ("my address is 22 acacia avenue, harrow, ha1 2ab if you ..."): from the
// number to the clause's end (a full stop, "?", "!", a line's end, or " if", " with", " but",
// " so", " because", " and", " since", ...), when the street's name is written in lower case (the
// street scanners read capitalised ones), a word of it is a street type (Street, st, Avenue, Rd,
// ...) and it is at most 100 bytes. Score 0.85, detector "address_spoken".
void ScanSpokenAddress(std::string_view text, size_t end, Candidates& out);
// A vCard's ADR property (RFC 6350 6.3.1; `end` is just past "ADR" and its ';' or ':' at a
// line's start): "ADR;TYPE=work:;;Idi-Araba;Lagos;;100254;Nigeria", seven ';'-separated parts
// (post office box, extended address, street, locality, region, postcode, country). From the
// first part written to the last, on that line, when at least two are. Score 0.85, detector
// "address_vcard".
void ScanVcardAddress(std::string_view text, size_t end, Candidates& out);
// `end` is just past a Japanese address's ward or city ("3-5-1 Kita-Aoyama, Minato-ku", as
// English text writes it): from the block number ("3-5-1", chome-banchi-go) on, with the
// prefecture or city after it, the postcode ("Tokyo 107-0061") and ", Japan".
void ScanJapaneseAddress(std::string_view text, size_t end, Candidates& out);

}  // namespace refinery::pii
