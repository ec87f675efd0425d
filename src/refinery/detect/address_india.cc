#include "refinery/detect/address_india.h"

#include <algorithm>

#include "refinery/core/ascii.h"
#include "refinery/detect/address_parts.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

namespace {

constexpr size_t kMaxParts = 8;
constexpr size_t kMaxPartBytes = 60;

// The states and union territories, and the country, as addresses write them.
bool IsStateOrCountry(std::string_view w) {
  static constexpr std::string_view kNames[] = {"Andhra Pradesh",
                                                "Arunachal Pradesh",
                                                "Assam",
                                                "Bihar",
                                                "Chhattisgarh",
                                                "Goa",
                                                "Gujarat",
                                                "Haryana",
                                                "Himachal Pradesh",
                                                "Jharkhand",
                                                "Karnataka",
                                                "Kerala",
                                                "Madhya Pradesh",
                                                "Maharashtra",
                                                "Manipur",
                                                "Meghalaya",
                                                "Mizoram",
                                                "Nagaland",
                                                "Odisha",
                                                "Orissa",
                                                "Punjab",
                                                "Rajasthan",
                                                "Sikkim",
                                                "Tamil Nadu",
                                                "Telangana",
                                                "Tripura",
                                                "Uttar Pradesh",
                                                "Uttarakhand",
                                                "West Bengal",
                                                "Delhi",
                                                "New Delhi",
                                                "Jammu and Kashmir",
                                                "Ladakh",
                                                "Puducherry",
                                                "Pondicherry",
                                                "Chandigarh",
                                                "Lakshadweep",
                                                "Andaman and Nicobar Islands",
                                                "India"};
  return IsOneOf(w, kNames);
}

// Words of the parts of Indian addresses: numbers' labels, streets, localities, buildings and
// landmarks ("Flat No.", "Sector", "Gandhi Nagar", "Near Bus Stand").
bool IsAddressWord(std::string_view w) {
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  static constexpr std::string_view kWords[] = {
      "nagar",    "colony",    "layout",     "marg",      "sector",   "road",  "rd",
      "street",   "lane",      "flat",       "h.no",      "house",    "plot",  "floor",
      "tower",    "block",     "phase",      "cross",     "main",     "near",  "opp",
      "opposite", "apartment", "apartments", "residency", "enclave",  "vihar", "bagh",
      "chowk",    "gali",      "society",    "complex",   "building", "bldg",  "wing",
      "door",     "ward",      "taluk",      "tehsil",    "district", "dist",  "post",
      "village",  "extension", "mohalla",    "puram"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether a part reads as one of an address: a number, an address word, or capitalised words
// only ("Madhapur", "Sai Residency", "DLF Cyber City"). `address_word` tells whether one of its
// words is an address word.
bool PartShape(std::string_view part, bool& address_word) {
  address_word = false;
  if (part.empty() || part.size() > kMaxPartBytes) return false;
  bool capitalised = true;
  ForEachPartWord(part, [&](std::string_view w) {
    address_word |= IsAddressWord(w);
    capitalised &= IsUpper(static_cast<unsigned char>(w[0])) || (w[0] & 0x80) != 0;
    return true;
  });
  return HasDigit(part) || capitalised || address_word;
}

}  // namespace

namespace {

// Whether the part is a person's name: two or three capitalised words of letters, the first a
// given name of the name lists; or a title and up to four words, initials among them ("Mr. R.
// K. Sharma, Flat 4B, ..." was read into the address).
bool AddresseeName(std::string_view part) {
  size_t words = 0;
  bool given = false, titled = false, shaped = true;
  ForEachPartWord(part, [&](std::string_view w) {
    std::string_view bare = w;
    if (bare.size() > 1 && bare.back() == '.') bare.remove_suffix(1);
    shaped &= IsUpper(static_cast<unsigned char>(w[0]));
    for (char c : bare) shaped &= IsAlpha(static_cast<unsigned char>(c)) || c == '-' || c == '\'';
    if (words++ == 0) {
      given = (NameFlags(bare) & kFirstName) != 0;
      titled = (NameFlags(bare) & kTitle) != 0;
    }
    return shaped;
  });
  return shaped && words >= 2 && ((given && words <= 3) || (titled && words <= 5));
}

}  // namespace

bool IndianAddressAround(std::string_view text, size_t pin_start, size_t pin_end, size_t not_before,
                         size_t* start, size_t* end) {
  if (pin_start == 0) return false;
  // The address is on the code's line, within 400 bytes of it (found while reading the parts
  // back: a search for the line's start from every code cost a wall of codes 400 bytes each).
  const size_t floor = std::max(pin_start > 400 ? pin_start - 400 : 0, not_before);
  if (floor >= pin_start) return false;
  // The separators before the code: "Bengaluru - 560001", "Telangana 500081", "Pune, 411001".
  size_t q = pin_start;
  while (q > floor && (text[q - 1] == ' ' || text[q - 1] == '-' || text[q - 1] == ',')) --q;
  if (q == pin_start && text[pin_start - 1] != '\n') return false;  // glued to a word
  // The parts, right to left: how many, the one next to the code, where the first begins.
  std::string_view nearest;
  size_t n = 0, first = q;
  bool address_word = false;
  ForEachAddressPartBefore(
      text, q, floor, /*cross_lines=*/false, [&](std::string_view part, bool labelled) {
        // The prose before the part ends the address: the part starts after its last word in lower
        // case that is no address word ("deliver to").
        bool last = labelled;
        size_t cut = 0;
        ForEachPartWord(part, [&](std::string_view w) {
          if (IsLower(static_cast<unsigned char>(w[0])) && !IsAddressWord(w))
            cut = static_cast<size_t>(w.data() - part.data()) + w.size(), last = true;
          return true;
        });
        part = TrimAddressPart(part.substr(cut));
        bool part_address_word;
        if (!PartShape(part, part_address_word)) return false;
        // The addressee before the address ("Priya Nair, Flat 12B, Lotus Towers, ..."): a given
        // name of the lists and one or two more capitalised words, no address word among them.
        if (!part_address_word && AddresseeName(part)) return false;
        address_word |= part_address_word;
        if (n++ == 0) nearest = part;
        first = static_cast<size_t>(part.data() - text.data());
        return !last && n < kMaxParts;
      });
  if (n < 2) return false;
  // A state or the country right after the code belongs to the address.
  size_t e = pin_end;
  bool state_after = false;
  for (int k = 0; k < 2; ++k) {
    size_t p = e;
    while (p < text.size() && (text[p] == ',' || text[p] == ' ' || text[p] == '-')) ++p;
    size_t w = p;
    while (w < text.size() && text[w] != ',' && text[w] != '\n' && text[w] != '.' && w - p < 40)
      ++w;
    const std::string_view name = TrimAddressPart(text.substr(p, w - p));
    if (name.empty() || !IsStateOrCountry(name)) break;
    e = p + name.size();
    state_after = true;
  }
  if (!address_word && !state_after && !IsStateOrCountry(nearest)) return false;
  *start = first;
  *end = e;
  return true;
}

std::span<const std::string_view> IndianLocalityWords() {
  static constexpr std::string_view kWords[] = {"nagar",   "colony", "layout", "puram", "vihar",
                                                "enclave", "bagh",   "chowk",  "marg",  "mohalla"};
  return kWords;
}

bool IsIndianLocalityWord(std::string_view w) {
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  return IsOneOfIgnoringAsciiCase(w, IndianLocalityWords());
}

}  // namespace refinery::pii
