#include "refinery/anonymize/surrogates.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "refinery/anonymize/person_names.h"
#include "refinery/anonymize/street_forms.h"
#include "refinery/core/ascii.h"
#include "refinery/core/utf8.h"
#include "refinery/detect/address_india.h"
#include "refinery/detect/address_parts.h"
#include "refinery/detect/address_uk.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_place_shapes.h"
#include "refinery/detect/ner_tokenizer.h"
#include "refinery/detect/signature_names.h"
#include "refinery/detect/spoken_numbers.h"
#include "refinery/detect/validators.h"

namespace refinery::anon {

size_t TownAndPostcodeFirst(std::string_view v) {
  const size_t part_end = std::min(v.find_first_of(",;\n"), v.size());
  for (size_t k = 1; k + 5 < part_end; ++k) {
    if (v[k - 1] != ' ' || !pii::IsUpper(v[k])) continue;
    const size_t end = pii::UkPostcodeWithSpaceEnd(v, k);
    if (end == 0) continue;
    if (end != part_end) return 0;
    // Capitalised words of letters before it, and no digit.
    const std::string_view town = v.substr(0, k - 1);
    if (town.empty() || !pii::IsUpper(town[0]) ||
        std::any_of(town.begin(), town.end(), [](char ch) { return pii::IsDigit(ch); }))
      return 0;
    return k - 1;
  }
  return 0;
}

namespace {

// The detector's ASCII classes (detect/pii_scanners.h).
using pii::IsDigit;
using pii::IsLower;
using pii::IsUpper;
bool IsHexLetter(char c) { return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

char RandomLike(char c, Rng& rng, bool hex) {
  if (IsDigit(c)) return static_cast<char>('0' + rng.Below(10));
  if (hex && IsHexLetter(c)) {
    int v = static_cast<int>(rng.Below(16));
    char base = IsUpper(c) ? 'A' : 'a';
    return v < 10 ? static_cast<char>('0' + v) : static_cast<char>(base + v - 10);
  }
  if (IsUpper(c)) return static_cast<char>('A' + rng.Below(26));
  if (IsLower(c)) return static_cast<char>('a' + rng.Below(26));
  return c;
}

bool LooksHex(std::string_view v) {
  size_t hex = 0, alpha = 0, digits = 0;
  for (char c : v) {
    if (IsHexLetter(c)) ++hex;
    if (IsUpper(c) || IsLower(c)) ++alpha;
    if (IsDigit(c)) ++digits;
  }
  return v.size() >= 12 && alpha > 0 && digits > 0 && hex == alpha;
}

std::string Phone(std::string_view v, Rng& rng) {
  std::string digits = pii::DigitsOnly(v);
  std::string fresh;
  const bool plus = !v.empty() && v[0] == '+';
  size_t keep = 0;  // leading digits kept (country code)
  std::string_view national = digits;
  if (digits.size() < 4) return SameShape(v, 0, rng);
  if (plus) {
    keep = digits[0] == '1' ? 1 : (digits[0] == '7' ? 1 : 2);
    national = std::string_view(digits).substr(keep);
  } else if (digits.size() == 11 && digits[0] == '1') {
    keep = 1;
    national = std::string_view(digits).substr(1);
  }
  fresh.assign(digits.substr(0, keep));
  // (A national number with a trunk 0, "030 1234567", "087 123 4567", keeps its 0 below.)
  if (national.size() == 10 && national[0] >= '2' && (digits[0] == '1' || !plus)) {
    // North American fictional range: NXX-555-01XX.
    fresh.push_back(static_cast<char>('2' + rng.Below(8)));
    fresh.push_back(static_cast<char>('0' + rng.Below(10)));
    fresh.push_back(static_cast<char>('0' + rng.Below(10)));
    fresh += "55501";
    fresh.push_back(static_cast<char>('0' + rng.Below(10)));
    fresh.push_back(static_cast<char>('0' + rng.Below(10)));
  } else {
    // A trunk 0 keeps the digit after it too, which says mobile or landline ("07700 900123"
    // became "00074 262574").
    const size_t lead = national.size() >= 9 && national[0] == '0' && national[1] != '0' ? 2 : 1;
    for (size_t i = 0; i < national.size(); ++i) {
      if (i < lead)
        fresh.push_back(national[i]);  // trunk prefix / leading digit kept
      else
        fresh.push_back(static_cast<char>('0' + rng.Below(10)));
    }
  }
  std::string out(v);
  size_t k = 0;
  for (char& c : out) {
    if (IsDigit(c) && k < fresh.size()) c = fresh[k++];
  }
  return out;
}

std::string Card(std::string_view v, Rng& rng) {
  std::string digits = pii::DigitsOnly(v);
  size_t keep =
      digits.size() >= 4 && (digits.compare(0, 4, "6011") == 0 || digits[0] == '3') ? 4 : 2;
  if (digits.size() < keep + 2) return SameShape(v, 0, rng);
  std::string fresh = digits.substr(0, keep);
  while (fresh.size() + 1 < digits.size()) fresh.push_back(static_cast<char>('0' + rng.Below(10)));
  fresh.push_back(static_cast<char>('0' + pii::LuhnCheckDigit(fresh)));
  std::string out(v);
  size_t k = 0;
  for (char& c : out)
    if (IsDigit(c) && k < fresh.size()) c = fresh[k++];
  return out;
}

std::string Iban(std::string_view v, Rng& rng) {
  std::string compact;
  for (char c : v)
    if (c != ' ' && c != '-') compact.push_back(c);
  if (compact.size() < 5) return SameShape(v, 0, rng);
  std::string country = compact.substr(0, 2);
  std::string bban = compact.substr(4);
  for (char& c : bban) c = RandomLike(c, rng, false);
  for (char& c : bban)
    if (IsLower(c)) c = static_cast<char>(c - 32);
  std::string fresh = country + pii::IbanCheckDigits(country, bban) + bban;
  std::string out(v);
  size_t k = 0;
  for (char& c : out)
    if (c != ' ' && c != '-' && k < fresh.size()) c = fresh[k++];
  return out;
}

std::string Ip(std::string_view v, Rng& rng) {
  if (v.find(':') != std::string_view::npos) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "2001:db8:%x:%x::%x", rng.Below(0x10000), rng.Below(0x10000),
                  1 + rng.Below(0xfffe));
    return buf;
  }
  static const char* const kNets[] = {"192.0.2.", "198.51.100.", "203.0.113."};
  return std::string(kNets[rng.Below(3)]) + std::to_string(1 + rng.Below(254));
}

std::string Mac(std::string_view v, Rng& rng) {
  std::string out = SameShape(v, 0, rng);
  // Force hex digits and a locally administered unicast first octet.
  bool upper = false;
  for (char c : v) upper |= IsUpper(c);
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  for (char& c : out)
    if (IsUpper(c) || IsLower(c) || IsDigit(c)) c = hex[rng.Below(16)];
  if (out.size() >= 2) out[1] = hex[2 + 4 * rng.Below(4)];  // x2, x6, xA, xE
  return out;
}

std::string Ssn(std::string_view v, Rng& rng) {
  std::string out(v);
  int k = 0;
  for (char& c : out) {
    if (!IsDigit(c)) continue;
    if (k == 0)
      c = '9';  // area 9xx is never issued
    else
      c = static_cast<char>('0' + rng.Below(10));
    ++k;
  }
  return out;
}

// An address at one of the reserved example domains (RFC 2606), which the detector skips.
std::string AtReservedDomain(const std::string& local, Rng& rng) {
  static const char* const kDomains[] = {"example.com", "example.org", "example.net"};
  return local + "@" + kDomains[rng.Below(3)];
}

std::string Email(std::string_view v, Rng& rng) {
  size_t at = v.find('@');
  // A percent-encoded '@' of a URL's query ("anna.k%40gmail.com") stays encoded.
  const bool encoded = at == std::string_view::npos && v.find("%40") != std::string_view::npos;
  if (encoded) at = v.find("%40");
  std::string_view local = at == std::string_view::npos ? v : v.substr(0, at);
  std::string first = AsciiLowered(DrawGivenName(NameGender::kUnknown, rng)),
              last = AsciiLowered(DrawFamilyName(rng));
  std::string fresh;
  if (local.find('.') != std::string_view::npos)
    fresh = first + "." + last;
  else if (local.find('_') != std::string_view::npos)
    fresh = first + "_" + last;
  else if (local.size() <= 8)
    fresh = first.substr(0, 1) + last;
  else
    fresh = first + last;
  bool digits = false;
  for (char c : local) digits |= IsDigit(c);
  if (digits) fresh += std::to_string(10 + rng.Below(90));
  std::string out = AtReservedDomain(fresh, rng);
  if (encoded) out.replace(out.find('@'), 1, "%40");
  return out;
}

// The lower-case letter runs of a name ("Mary-Ann O'Neil" -> mary, ann, o, neil). With `fold`,
// Latin letters beyond ASCII are folded as most addresses spell them ("Ondřej Surý" -> ondrej,
// sury); without, they end a run as other characters do, as some addresses drop them ("José" ->
// jos).
std::vector<std::string> NameParts(std::string_view name, bool fold) {
  std::vector<std::string> parts;
  std::string part;
  for (size_t i = 0; i < name.size();) {
    size_t len;
    const char32_t cp = DecodeUtf8At(name, i, len);
    const char c = cp < 0x80 ? static_cast<char>(cp) : 0;
    std::string folded;
    if (cp >= 0x80 && fold) folded = pii::FoldNameToAscii(name.substr(i, len));
    i += len;
    if (IsUpper(c) || IsLower(c)) {
      part.push_back(IsUpper(c) ? static_cast<char>(c + 32) : c);
    } else if (folded.size() == 1 && IsLower(folded[0])) {
      part += folded;
    } else if (!part.empty() && (c == '\'' || cp == 0x2019) && i < name.size() &&
               (IsUpper(name[i]) || IsLower(name[i]))) {
      // An apostrophe inside a name is dropped, as addresses write it: "O'Brien" is "obrien"
      // (sean.obrien@...), not the two parts "o" and "brien".
    } else if (!part.empty()) {
      parts.push_back(std::move(part));
      part.clear();
    }
  }
  if (!part.empty()) parts.push_back(std::move(part));
  // "Okonkwo, Chinedu": the family name written first, with a comma, goes last.
  const size_t comma = name.find(',');
  if (parts.size() >= 2 && comma != std::string_view::npos &&
      name.substr(0, comma).find(' ') == std::string_view::npos)
    std::rotate(parts.begin(), parts.begin() + 1, parts.end());
  return parts;
}

std::string Date(std::string_view v, Rng& rng) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  std::string out;
  size_t i = 0;
  while (i < v.size()) {
    if (IsDigit(v[i])) {
      size_t j = i;
      while (j < v.size() && IsDigit(v[j])) ++j;
      size_t len = j - i;
      char buf[16];
      if (len == 4) {
        std::snprintf(buf, sizeof(buf), "%04u", 1950 + rng.Below(55));
      } else if (len == 2) {
        std::snprintf(buf, sizeof(buf), "%02u", 1 + rng.Below(12));
      } else {
        std::snprintf(buf, sizeof(buf), "%u", 1 + rng.Below(len == 1 ? 9 : 12));
      }
      out += buf;
      i = j;
      // An ordinal's suffix follows the new number ("3rd" -> "6th", not "6rd").
      if (j + 2 <= v.size() && IsLower(v[j]) && IsLower(v[j + 1]) &&
          (j + 2 == v.size() || !IsLower(v[j + 2]))) {
        const std::string_view suffix = v.substr(j, 2);
        if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
          const unsigned n = static_cast<unsigned>(std::strtoul(buf, nullptr, 10));
          out += n % 100 / 10 == 1 ? "th"
                 : n % 10 == 1     ? "st"
                 : n % 10 == 2     ? "nd"
                 : n % 10 == 3     ? "rd"
                                   : "th";
          i = j + 2;
        }
      }
    } else if (IsUpper(v[i])) {
      size_t j = i;
      while (j < v.size() && (IsUpper(v[j]) || IsLower(v[j]))) ++j;
      std::string m = kMonths[rng.Below(12)];
      if (j - i <= 4) m = m.substr(0, 3);
      out += m;
      i = j;
    } else {
      out.push_back(v[i++]);
    }
  }
  return out;
}

// Whether `w` is a German street type written as a word of its own, after a hyphen or a space,
// which ends a name ("Walter-Weg", "Rudolf-Austermühle-Ring", "Kärntner Ring", "Mariahilfer
// Straße"): the type stays when the name before it goes ("Laurel-Weg", not "Laurel").
bool IsGermanStreetType(std::string_view w) {
  static constexpr std::string_view kTypes[] = {"Weg",    "Platz",   "Gasse", "Ring",
                                                "Straße", "Strasse", "Allee", "Damm",
                                                "Ufer",   "Markt",   "Steig", "Pfad"};
  return std::find(std::begin(kTypes), std::end(kTypes), w) != std::end(kTypes);
}

std::string Street(std::string_view v, Rng& rng) {
  // Number -> random number of the same width; the first capitalised non-suffix word(s) ->
  // a street name from the list; everything else kept.
  std::string out;
  size_t i = 0;
  bool named = false, in_name = false;  // in_name: right after the name's first word
  // A street written in lower case, as posts write it ("im on kingsland rd"): its first word is
  // the name too, and the name drawn is written in lower case (it was kept, so the whole
  // surrogate equalled the original and became "<LOCATION>").
  const bool lower_case = std::none_of(v.begin(), v.end(), [](char ch) { return IsUpper(ch); });
  // An address that starts with its town and a British postcode ("Leeds LS6 2QR") has no street
  // in its first part: no word there is a street's name (it became "Oak6 6QR"), the town is
  // ReplaceAddressTowns'.
  named = TownAndPostcodeFirst(v) > 0;
  // A post office box names no street either: the words after its number are the locality's,
  // ReplaceAddressTowns' ("PO Box 1034, Whitehorse YT Y1A 5H2" became "PO Box 7458, Birch3A
  // 5H2", the town and the province's code taken for a street's name).
  // (And Canada Post's "Box 1034, ..." without "PO", which ScanPoBox reads too.)
  {
    const std::string head = AsciiLowered(v.substr(0, 16));
    const std::string_view h = head;
    for (std::string_view box : pii::PostBoxPhrases())
      named |= h.starts_with(box) && (h.size() == box.size() || !IsAsciiLetter(h[box.size()]));
    named |= h.starts_with("box ");
  }
  while (i < v.size()) {
    char c = v[i];
    if (IsDigit(c)) {
      in_name = false;
      size_t j = i;
      while (j < v.size() && IsDigit(v[j])) ++j;
      const size_t number_start = out.size();
      // A US ZIP code after its state's code keeps its first digit, the state's ("Springfield,
      // IL 62704" became "..., IL 12015"; the town is a town of that state, ReplaceAddressTowns).
      const bool zip = j - i == 5 && i >= 3 && v[i - 1] == ' ' && IsUpper(v[i - 2]) &&
                       IsUpper(v[i - 3]) && (i == 3 || v[i - 4] == ' ');
      for (size_t k = i; k < j; ++k)
        out.push_back(zip && k == i
                          ? v[i]
                          : static_cast<char>(k == i ? '1' + rng.Below(9) : '0' + rng.Below(10)));
      // An ordinal's suffix follows the new number ("5th Ave" -> "3rd Ave", not "3th").
      if (j + 2 <= v.size() && (j + 2 == v.size() || (!IsUpper(v[j + 2]) && !IsLower(v[j + 2])))) {
        static constexpr std::string_view kOrdinals[] = {"st", "nd", "rd", "th"};
        const std::string two = AsciiLowered(v.substr(j, 2));
        if (std::find(std::begin(kOrdinals), std::end(kOrdinals), two) != std::end(kOrdinals)) {
          const std::string_view digits = std::string_view(out).substr(number_start);
          const int last = digits.back() - '0';
          const int tens = digits.size() >= 2 ? digits[digits.size() - 2] - '0' : 0;
          std::string suffix(tens == 1 || last == 0 || last > 3 ? "th"
                             : last == 1                        ? "st"
                             : last == 2                        ? "nd"
                                                                : "rd");
          if (IsUpper(v[j])) UpperAsciiInPlace(suffix);
          out += suffix;
          j += 2;
        }
      }
      i = j;
    } else if (IsUpper(c) || IsLower(c) || static_cast<unsigned char>(c) >= 0x80) {
      size_t j = i;
      while (j < v.size() &&
             (IsUpper(v[j]) || IsLower(v[j]) || static_cast<unsigned char>(v[j]) >= 0x80))
        ++j;
      std::string_view w = v.substr(i, j - i);
      // Street types before the name ("Strada Walter 34"), and Colombia's grid types ("Calle"
      // is one of StreetTypesBeforeName), which name numbered streets ("Carrera 7").
      static constexpr std::string_view kGridTypes[] = {"Carrera", "Cra", "Cl", "Transversal",
                                                        "Diagonal"};
      auto street_type = [&] {
        const auto types = pii::StreetTypesBeforeName();
        return std::find(types.begin(), types.end(), w) != types.end() ||
               IsStreetTypeOfLanguage(w) ||
               std::find(std::begin(kGridTypes), std::end(kGridTypes), w) != std::end(kGridTypes);
      };
      // The form's words, not the name's: street types, units ("Flat 10", "Suite 442", "Box
      // 5678"), PO boxes and military addresses, Mexico's "Col." and West Africa's "No." and
      // "Plot".
      auto form_word = [&] {
        static constexpr std::string_view kFormWords[] = {
            "BOX",      "APO", "FPO", "DPO", "PSC",  "CMR",   "USS",   "USNS",    "USNV", "USCGC",
            "Postfach", "Av",  "Col", "No",  "Plot", "Level", "Torre", "Oficina", "Local"};
        return street_type() || pii::IsAddressUnitWord(w) ||
               std::find(std::begin(kFormWords), std::end(kFormWords), w) != std::end(kFormWords);
      };
      // A street type before a number names a numbered street ("Calle 72 # 10-07, Bogotá"):
      // no word after it is the street's name.
      auto numbered_street = [&] {
        size_t k = j;
        if (k < v.size() && v[k] == '.') ++k;
        return k + 1 < v.size() && v[k] == ' ' && IsDigit(v[k + 1]) && street_type();
      };
      // "The" of a house's name ("The Red House") is no name word either, nor the street's type
      // that ends a numbered street ("5th Ave" became "5th Birch"), its part of the address
      // ("2101 4th Ave, Seattle" became "2892 5th Church, ...").
      const size_t part_end = std::min(v.find_first_of(",\n", j), v.size());
      const bool type_last = (pii::NameFlags(w) & pii::kStreetSuffix) &&
                             std::none_of(v.begin() + static_cast<std::ptrdiff_t>(j),
                                          v.begin() + static_cast<std::ptrdiff_t>(part_end),
                                          [](char ch) { return IsUpper(ch) || IsLower(ch); }) &&
                             std::any_of(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i),
                                         [](char ch) { return IsDigit(ch); });
      // British streets' types the name lists do not hold ("Harbour View", "Castle Rise",
      // "Church Brae", "Station Parade", "Rose Wynd"; "View" went with the name: "6 Sunset"),
      // when they end the street's part.
      const bool british_type = [&] {
        static constexpr std::string_view kTypes[] = {"View",  "Rise",  "Brae", "Parade", "Wynd",
                                                      "Croft", "Chase", "Vale", "Loan",   "Garth",
                                                      "Fold",  "Row",   "Hill", "Green",  "Gate"};
        return named && (j == v.size() || v[j] == ',' || v[j] == '\n') &&
               std::find(std::begin(kTypes), std::end(kTypes), w) != std::end(kTypes);
      }();
      if (!named && (IsUpper(c) || (lower_case && IsLower(c))) && w.size() > 2 &&
          !(i > 0 && IsDigit(v[i - 1])) && w != "The" && !form_word() && !type_last) {
        const auto& streets = pii::StreetNames();
        std::string name(streets[rng.Below(static_cast<uint32_t>(streets.size()))]);
        // German, Dutch, Nordic and Finnish compounds keep their ending, with a stem of their
        // language: "Hauptstraße" -> "Lindenstraße", "Drottninggatan" -> "Kyrkogatan".
        const std::string_view ending = CompoundStreetEnding(w);
        const bool compound = !ending.empty();
        if (compound) {
          const auto stems = CompoundStreetStems(ending);
          size_t k = rng.Below(static_cast<uint32_t>(stems.size()));
          if (stems[k] == w.substr(0, w.size() - ending.size()))
            k = (k + 1) % stems.size();  // never itself
          name = std::string(stems[k]) + std::string(ending);
        }
        // A street of a country that writes its streets without a type before the number
        // ("Vinohradská 1511/230, ... Praha", "ul. Marszałkowska 84/92, ... Warszawa") takes a
        // name of that country.
        // (Not where the number comes first, as British and American addresses write it:
        // "812 Maple Apt. 549, Nyborg" keeps an English name.)
        if (!compound && !IsDigit(v.front())) {
          const auto local = CountryStreetNames(AddressCountryCode(v));
          if (!local.empty())
            name = std::string(local[rng.Below(static_cast<uint32_t>(local.size()))]);
        }
        // German names after a preposition and its article are places' nouns ("Am Ring", "Am
        // Sandtorkai" drew "Am Dresdner", "Am Laurel"; now "Am Markt", "Am Anger").
        if (!compound && i >= 3 &&
            (v.substr(0, i).ends_with("Am ") || v.substr(0, i).ends_with("Im ") ||
             v.substr(0, i).ends_with("Zum ") || v.substr(0, i).ends_with("Auf dem "))) {
          static constexpr std::string_view kNouns[] = {"Markt",     "Anger",  "Bahnhof",
                                                        "Hang",      "Hafen",  "Kirchberg",
                                                        "Stadtpark", "Weiher", "Schlossgarten"};
          name = std::string(kNouns[rng.Below(static_cast<uint32_t>(std::size(kNouns)))]);
        }
        // An Indian locality ("14/2 Gandhi Nagar", "45 Model Colony") keeps its word and takes
        // a name Indian localities are given ("Gandhi Nagar" became "Laurel"; session
        // fifty-one).
        {
          const size_t part = std::min(v.find_first_of(",\n", j), v.size());
          bool locality = false;
          for (size_t k = j; k < part && !locality;) {
            while (k < part && v[k] == ' ') ++k;
            size_t e = k;
            while (e < part && v[e] != ' ') ++e;
            locality = e > k && pii::IsIndianLocalityWord(v.substr(k, e - k));
            k = e;
          }
          if (locality) {
            static constexpr std::string_view kIndian[] = {
                "Nehru",  "Shastri", "Tilak",       "Ambedkar", "Tagore", "Subhash",
                "Rajaji", "Kamaraj", "Vivekananda", "Sarojini", "Netaji", "Azad"};
            name = std::string(kIndian[rng.Below(static_cast<uint32_t>(std::size(kIndian)))]);
          }
        }
        // A street of another language whose type comes first ("Rua das Flores", "Via della
        // Spiga", "12 rue de la Paix") takes a name of that language, without the particles.
        if (const auto foreign =
                compound ? std::span<const std::string_view>{} : ForeignStreetNames(v.substr(0, i));
            !foreign.empty()) {
          name = std::string(foreign[rng.Below(static_cast<uint32_t>(foreign.size()))]);
          while (true) {
            size_t e = out.size();
            if (e == 0 || out[e - 1] != ' ') break;
            size_t b = e - 1;
            while (b > 0 && out[b - 1] != ' ') --b;
            if (b == 0 || !IsStreetNameParticle(std::string_view(out).substr(b, e - 1 - b))) break;
            out.resize(b);
          }
        }
        out += lower_case ? AsciiLowered(name) : name;
        named = true;
        in_name = true;
        // An abbreviated name's full stop goes with it ("Mass. Ave." -> "Spruce Ave.").
        if (j < v.size() && v[j] == '.' && w.size() <= 5 && j + 1 < v.size() && v[j + 1] == ' ')
          ++j;
        // Skip further name words up to the suffix: keep "Street", "Ave" etc.
      } else if (in_name && IsUpper(c) && !form_word() && !british_type &&
                 !(pii::NameFlags(w) & pii::kStreetSuffix) && !pii::HoldsStreetOrHouseWord(w) &&
                 !pii::IsCompassDirection(w) && !IsGermanStreetType(w) &&
                 !pii::IsIndianLocalityWord(w)) {
        // The name's further words go with its first ("West Georgia Street" -> "Hawthorn
        // Street", not "Hawthorn Georgia Street"), with the space or hyphen before them
        // ("Idi-Araba").
        if (!out.empty() && (out.back() == ' ' || out.back() == '-')) out.pop_back();
      } else if (in_name && IsLower(c) && IsStreetNameParticle(w) && j + 1 < v.size() &&
                 v[j] == ' ' && IsUpper(v[j + 1])) {
        // A particle inside the name goes with it too ("Unter den Linden 77" -> "Hawthorn 77",
        // not "Hawthorn den Linden 77": "Linden" was the street's).
        if (!out.empty() && out.back() == ' ') out.pop_back();
      } else {
        // (A numbered street's name is its number: no later word is its name, "2101 4th Ave,
        // Seattle" became "2892 5th Ave, Sunset".)
        if (!named && (numbered_street() || type_last)) named = true;
        in_name = false;
        out.append(w);
      }
      i = j;
    } else {
      // (A hyphen between two of the name's words keeps it: "Idi-Araba".)
      if (c != ' ' && !(c == '-' && in_name && i + 1 < v.size() && IsUpper(v[i + 1])))
        in_name = false;
      out.push_back(c);
      ++i;
      // A later part of the address that names a street or a house gets a name too ("The Red
      // House, Lower Street, ..."); a town's part is left to ReplaceAddressTowns (a vCard's
      // parts are split at ';').
      if (named && (c == ',' || c == '\n' || c == ';'))
        named = !pii::HoldsStreetOrHouseWord(v.substr(i, v.find_first_of(",\n", i) - i));
    }
  }
  return out;
}

std::string Secret(std::string_view v, Rng& rng) {
  if (v.compare(0, 5, "-----") == 0) {
    // PEM block: keep the armour lines, randomise the body.
    std::string out(v);
    size_t body = out.find('\n');
    size_t tail = out.rfind("-----END");
    if (body == std::string::npos || tail == std::string::npos || tail <= body)
      return SameShape(v, 0, rng);
    for (size_t i = body; i < tail; ++i) out[i] = RandomLike(out[i], rng, false);
    // Header lines inside (Proc-Type:...) are rare; keep newlines and '\n' escapes intact.
    for (size_t i = body; i + 1 < tail; ++i) {
      if (v[i] == '\\' && v[i + 1] == 'n') out[i + 1] = 'n';
    }
    return out;
  }
  // Keep a vendor prefix: the leading letters up to the last '_' / '-' / '.' in the first 16
  // bytes, when what follows is longer (ghp_, sk_live_, xoxb-, AKIA...).
  size_t keep = 0;
  for (size_t i = 0; i < v.size() && i < 16; ++i) {
    char c = v[i];
    if (c == '_' || c == '-' || c == '.') {
      if (v.size() - i > 12) keep = i + 1;
    } else if (IsDigit(c)) {
      break;
    }
  }
  if (keep == 0 && v.size() >= 20 &&
      (v.compare(0, 4, "AKIA") == 0 || v.compare(0, 4, "AIza") == 0 ||
       v.compare(0, 4, "ASIA") == 0))
    keep = 4;
  return SameShape(v, keep, rng);
}

}  // namespace

char OtherLetter(char c, Rng& rng) {
  char fresh;
  do fresh = static_cast<char>('a' + rng.Below(26));
  while (fresh == AsciiLower(c));
  return IsUpper(c) ? static_cast<char>(fresh - 32) : fresh;
}

std::string SameShape(std::string_view value, size_t keep_prefix, Rng& rng) {
  const bool hex = LooksHex(value.substr(std::min(keep_prefix, value.size())));
  std::string out(value);
  for (size_t i = keep_prefix; i < out.size(); ++i) out[i] = RandomLike(out[i], rng, hex);
  return out;
}

namespace {

// Case mappings of ASCII, Latin-1 and Latin Extended-A, the letters the surrogate lists write,
// of Romanian's S and T with a comma below (GeoNames' "Timișoara") and of the basic Greek and
// Cyrillic letters (ner::IsUpperCodePoint's capitals); other code points as they are.
char32_t UpperLetter(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  // Latin Extended-A pairs an upper-case letter with the lower-case one after it; the runs
  // 0x139-0x148 and 0x179-0x17E start one later. (0x131 dotless i, 0x138 kra, 0x149 and
  // 0x17F have no pair here.)
  if ((cp >= 0x100 && cp <= 0x137 && cp % 2 == 1 && cp != 0x131) ||
      (cp >= 0x14A && cp <= 0x177 && cp % 2 == 1))
    return cp - 1;
  if ((cp >= 0x139 && cp <= 0x148 && cp % 2 == 0) || (cp >= 0x179 && cp <= 0x17E && cp % 2 == 0))
    return cp - 1;
  if (cp == 0x219 || cp == 0x21B) return cp - 1;                    // ș ț
  if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2) return cp - 0x20;  // Greek (not final sigma)
  if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;                 // Cyrillic
  if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
  return cp;
}

char32_t LowerLetter(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if ((cp >= 0x100 && cp <= 0x137 && cp % 2 == 0 && cp != 0x130) ||
      (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0))
    return cp + 1;
  if ((cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) || (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1))
    return cp + 1;
  if (cp == 0x218 || cp == 0x21A) return cp + 1;                    // Ș Ț
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

}  // namespace

std::string InLetterCase(std::string_view s, bool upper) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len;
    const char32_t cp = DecodeUtf8At(s, i, len);
    i += len;
    AppendUtf8(upper ? UpperLetter(cp) : LowerLetter(cp), out);
  }
  return out;
}

std::string Cased(std::string_view name, std::string_view like) {
  bool all_upper = true, all_lower = true;
  int letters = 0;
  for (size_t i = 0; i < like.size();) {
    size_t len;
    const char32_t cp = DecodeUtf8At(like, i, len);
    i += len;
    // Capitals beyond ASCII count as capitals: "Łukasz" is no lower-case name ("nikos").
    const bool upper = cp < 0x80 ? IsUpper(static_cast<char>(cp)) : ner::IsUpperCodePoint(cp);
    const bool lower = cp < 0x80 ? IsLower(static_cast<char>(cp)) : !upper && cp >= 0xC0;
    if (upper) all_lower = false, ++letters;
    if (lower) all_upper = false, ++letters;
  }
  const bool upper = letters > 1 && all_upper, lower = letters > 0 && all_lower && !upper;
  if (!upper && !lower) return std::string(name);
  // Letter by letter, the Latin letters of other languages too ("Wiśniewski" for "KOWALSKI" is
  // "WIŚNIEWSKI", not "WIśNIEWSKI").
  return InLetterCase(name, upper);
}

namespace {

// A country house's, a farm's, a family business's, a reservoir's or a natural feature's kind:
// named after a family or a village, never a city ("Luzhou Manor", "Āzādshahr Mortuary";
// "Emerald Bay" -> "Whitfield Bay", not "Dengzhou Bay").
bool IsHouseKindWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Manor", "Grange", "Priory", "Farm", "Hall", "Mortuary", "Crematorium", "Dental", "Pharmacy",
      "Reservoir", "Lake", "Forest",
      // Session fifty: natural features ("Emerald Bay" drew "Kingston upon Hull").
      "Bay", "Beach", "Creek", "Peak", "Cove",
      // Session fifty-six: waterworks and the features the detector's natural features' heads
      // leave out ("the Hoover Dam" drew "the Rusape").
      "Valley", "Cave", "Caves", "Harbour", "Harbor", "Dam", "Canal", "Aqueduct"};
  // (And the detector's natural features' heads: "the Drake Passage" drew "the Roodepoort".)
  return IsOneOf(w, kWords) || ner::IsNaturalFeatureHead(w);
}

// The last word of a building's or site's name, which its surrogate keeps: the kinds above and
// buildings named after a place ("Addenbrooke's Hospital", "Union Square").
bool IsFacilityWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Hospital", "Clinic", "Hospice", "Church", "Cathedral", "Chapel", "Abbey", "Infirmary",
      "Mosque", "Temple", "Synagogue", "Airport", "Station", "Stadium", "Arena", "Park", "Museum",
      "Gallery", "Bridge", "Hotel", "Castle", "Palace", "Tower", "Square", "Market", "Mall",
      "Centre", "Center", "Home", "Cemetery", "Library", "Theatre", "Theater", "Zoo", "Gardens",
      // Session forty-nine: a practice's and a court's.
      "Surgery", "Court",
      // Session fifty-six: the detector's other sights ("the Trevi Fountain").
      "Lighthouse", "Pavilion", "Docks", "Pier", "Wharf", "Fountain", "Gate", "Basilica", "Bazaar",
      "Promenade"};
  return IsOneOf(w, kWords) || IsHouseKindWord(w);
}

// A building of the same kind for the name `name` before its word `head`: a saint's name for a
// saint's ("St. Brigid's" -> "St. Agnes's"), a family name for a possessive or a name the lists
// know ("Addenbrooke's" -> "Kowalski's"), another place for a place's ("Union Square" ->
// "Tarsus Square"); a saint's name alone without a head ("St. Patrick's" -> "St. Agnes's").
std::string FakeFacility(std::string_view name, std::string_view head, Rng& rng);

}  // namespace

std::string FakeName(std::string_view value, Rng& rng) {
  const DocumentNames none;
  const NameTradition tradition = TraditionOfName(value);
  return none.Replace(
      value,
      [&](NamePart part, const std::string& key) {
        const NameGender gender = GenderOfGivenName(key);
        std::string fresh = part == NamePart::kGiven
                                ? DrawGivenNameOf(tradition, SexToDraw(gender, key), rng)
                                : DrawFamilyNameLike(tradition, key, rng);
        if (fresh.empty())
          fresh = part == NamePart::kGiven ? DrawGivenName(gender, rng) : DrawFamilyName(rng);
        return fresh;
      },
      rng);
}

namespace {

// Words that say what a building is for, between its place's name and its kind ("Llandudno
// Medical Centre" became "Hanzhong Centre"): the surrogate keeps them.
bool IsFacilityKindWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Medical",    "Health",      "Community",  "Sports",        "Leisure",    "Shopping",
      "Conference", "Civic",       "Arts",       "Science",       "Memorial",   "General",
      "Research",   "Visitor",     "Heritage",   "Business",      "Dental",     "Cancer",
      "Maternity",  "Family",      "Cultural",   "Exhibition",    "Convention", "Recreation",
      "Youth",      "Fitness",     "Music",      "Trade",         "Regional",   "District",
      "County",     "City",        "National",   "International", "Central",    "Municipal",
      "Public",     "Olympic",     "University", "Teaching",      "Children's", "Women's",
      "Military",   "Psychiatric", "Day",        "Care",          "Nursing",    "Retirement",
      "Parish",     "Town",        "Village",    "Railway",       "Bus",        "Train",
      "Ferry",      "Coach",       "Art",        "Folk",          "Maritime",   "Natural",
      "History",    "Botanical",   "Botanic",    "Wildlife",      "Country",    "Golf",
      "Football",   "Cricket",     "Tennis",     "Swimming",      "Ice",        "Events"};
  return IsOneOf(w, kWords);
}

std::string FakeFacility(std::string_view name, std::string_view head, Rng& rng) {
  // "Llandudno Medical" before "Centre": a place for "Llandudno", "Medical" kept.
  const std::string_view whole = name;
  for (size_t space; (space = name.rfind(' ')) != std::string_view::npos &&
                     IsFacilityKindWord(name.substr(space + 1));)
    name = name.substr(0, space);
  if (name.size() < whole.size()) {
    const std::string kind_and_head =
        std::string(whole.substr(name.size() + 1)) + " " + std::string(head);
    return FakeFacility(name, kind_and_head, rng);
  }
  std::string prefix;
  for (std::string_view saint : {"St. ", "St ", "Saint ", "Ste. "}) {
    if (name.starts_with(saint)) {
      prefix = saint;
      name.remove_prefix(saint.size());
      break;
    }
  }
  std::string suffix;
  for (std::string_view s : {"'s", "\xE2\x80\x99s"}) {
    if (name.ends_with(s)) {
      suffix = s;
      name.remove_suffix(s.size());
      break;
    }
  }
  // A name ending in "s" takes the apostrophe alone ("St Thomas' Hospital"); the new name takes
  // "'s" ("St Rahul Hospital" lost the possessive).
  if (suffix.empty()) {
    for (std::string_view s : {"s'", "s\xE2\x80\x99"}) {
      if (name.ends_with(s)) {
        suffix = s.substr(1);
        suffix += 's';
        name.remove_suffix(s.size() - 1);
        break;
      }
    }
  }
  std::string fresh;
  if (!prefix.empty()) {
    fresh = DrawGivenName(NameGender::kUnknown, rng);
  } else if (!suffix.empty() || IsHouseKindWord(head) ||
             (pii::NameFlags(name) & (pii::kFirstName | pii::kLastName))) {
    fresh = DrawFamilyName(rng);
  } else {
    fresh = FakeLocation(name, rng);
  }
  // (Without a head: a saint's name alone, "St. Patrick's".)
  return prefix + Cased(fresh, name) + suffix + (head.empty() ? "" : " ") + std::string(head);
}

}  // namespace

std::string EmailForPerson(std::string_view email, std::string_view person,
                           std::string_view fake_person, Rng& rng) {
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return {};
  std::string local = AsciiLowered(email.substr(0, at));
  size_t digits_from = local.size();
  while (digits_from > 0 && IsDigit(local[digits_from - 1])) --digits_from;
  std::string digits = local.substr(digits_from);
  local.resize(digits_from);
  const std::vector<std::string> fake = NameParts(fake_person, true);
  if (fake.empty() || local.empty()) return {};
  std::string fresh;
  const std::string &fake_first = fake.front(), &fake_last = fake.back();
  for (bool fold : {true, false}) {
    const std::vector<std::string> real = NameParts(person, fold);
    // A person named by one word whose address is that word ("reach Tom at tom@startup.io"
    // became "reach Sven at bmoreno@..."): the surrogate's word.
    if (fake.size() == 1) {
      if (real.size() == 1 && real.front().size() > 2 && local == real.front()) {
        fresh = fake_first;
        break;
      }
      continue;
    }
    if (real.size() < 2) continue;
    const std::string &first = real.front(), &last = real.back();
    for (char sep : {'.', '_', '-'}) {
      if (local == first + sep + last) fresh = fake_first + sep + fake_last;
      if (local == last + sep + first) fresh = fake_last + sep + fake_first;
      if (local == first.substr(0, 1) + sep + last)
        fresh = fake_first.substr(0, 1) + sep + fake_last;
      if (local == first + sep + last.substr(0, 1))  // "aiko.t" of "Aiko Tanaka"
        fresh = fake_first + sep + fake_last.substr(0, 1);
    }
    // The initials of every given name before the family name ("jlperez" of "José Luis
    // Pérez").
    std::string real_initials, fake_initials;
    for (size_t k = 0; k + 1 < real.size(); ++k) real_initials += real[k].front();
    for (size_t k = 0; k + 1 < fake.size(); ++k) fake_initials += fake[k].front();
    if (fresh.empty() && real.size() >= 3 && local == real_initials + last)
      fresh = fake_initials + fake_last;
    if (fresh.empty()) {
      if (local == first + last) {
        fresh = fake_first + fake_last;
      } else if (local == first.substr(0, 1) + last) {
        fresh = fake_first.substr(0, 1) + fake_last;
      } else if (local == first + last.substr(0, 1)) {
        fresh = fake_first + fake_last.substr(0, 1);
      } else if (local == first && first.size() > 2) {
        fresh = fake_first;
      } else if (local == last && last.size() > 2) {
        fresh = fake_last;
      }
    }
    if (!fresh.empty()) break;
  }
  if (fresh.empty()) return {};
  for (size_t i = 0; i < digits.size(); ++i)
    fresh.push_back(static_cast<char>('0' + rng.Below(10)));
  return AtReservedDomain(fresh, rng);
}

namespace {

// Where a handle's word made of a given name and a surname ("rahulsharma", "LenaFischer" is
// split at its capital already) splits: the given name's length, or 0. Both parts are listed
// and at least three letters long.
size_t GivenNameBeforeSurname(std::string_view word) {
  if (word.size() < 6) return 0;
  for (size_t k = 3; k + 3 <= word.size(); ++k) {
    const std::string_view given = word.substr(0, k), family = word.substr(k);
    if ((pii::IsFirstName(given) || IsListedGivenName(given)) && pii::IsLastName(family)) return k;
  }
  return 0;
}

// A user handle made like `value` ("linda_01" -> "maria_47", "jenny_k" -> "olivia_t"): names in
// it become fake names (same case), initials other letters, digits random digits, separators and
// other words stay.
// With `every_word`, words that no list holds are replaced too ("kev_mcd" kept both and became
// "<PERSON>"): the first by a given name, a short one by other letters, a longer one by a family
// name. `names` counts the words replaced.
std::string FakeHandleWords(std::string_view value, bool every_word, int& names, Rng& rng) {
  std::string out;
  names = 0;
  // The handle's naming tradition, read from its words as from a name ("marek_nowak" is Polish):
  // its names are drawn from that tradition's lists, written in ASCII as handles are
  // ("tomasz_wrobel"), else from the general lists.
  std::string words_of_handle;
  for (const char c : value) words_of_handle.push_back(IsUpper(c) || IsLower(c) ? c : ' ');
  const NameTradition tradition = TraditionOfName(words_of_handle);
  auto in_ascii = [](std::string name) {
    std::string out;
    for (size_t i = 0; i < name.size();) {
      size_t len;
      const char32_t cp = DecodeUtf8At(name, i, len);
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
      } else {
        const std::string folded = pii::FoldNameToAscii(name.substr(i, len));
        const bool upper = ner::IsUpperCodePoint(cp);
        for (char f : folded) out.push_back(upper && IsLower(f) ? static_cast<char>(f - 32) : f);
      }
      i += len;
    }
    return out;
  };
  auto given_name = [&](NameGender gender) {
    std::string fresh = DrawGivenNameOf(tradition, SexToDraw(gender), rng);
    return fresh.empty() ? DrawGivenName(gender, rng) : in_ascii(std::move(fresh));
  };
  auto family_name = [&] {
    std::string fresh = DrawFamilyNameOf(tradition, rng);
    return fresh.empty() ? DrawFamilyName(rng) : in_ascii(std::move(fresh));
  };
  bool first_word = true;
  // The last letter of the handle's last word: a word that ends there and follows a given name
  // and one '.', '_' or '-' is the surname of a "given.surname" handle ("sven.halvorsen" became
  // "pavel.halvorsen"), whatever list holds it ("linda_loves_cats" keeps "loves").
  size_t last_letter = value.size();
  while (last_letter > 0 && !(IsUpper(value[last_letter - 1]) || IsLower(value[last_letter - 1])))
    --last_letter;
  bool after_given = false;
  for (size_t i = 0; i < value.size();) {
    size_t j = i;
    if (IsUpper(value[i]) || IsLower(value[i])) {
      // A word of the handle ends where a capital follows a small letter ("MeganR_23" is
      // "Megan" and "R": "Megan" was kept).
      while (j < value.size() && (IsUpper(value[j]) || IsLower(value[j])) &&
             !(j > i && IsLower(value[j - 1]) && IsUpper(value[j])))
        ++j;
      std::string_view word = value.substr(i, j - i);
      bool replaced = true;
      const bool surname_place =
          after_given && j == last_letter && word.size() >= 3 && i > 0 &&
          (value[i - 1] == '.' || value[i - 1] == '_' || value[i - 1] == '-');
      after_given = false;
      // A given name of the surrogate lists or of the birth lists, whatever its case ("jenny"
      // of "jenny_k", which the surrogate lists lack, stayed: "jenny_gabriela"), becomes one of
      // its gender.
      if (pii::IsFirstName(word) || IsListedGivenName(word)) {
        out += Cased(given_name(GenderOfGivenName(word)), word);
        after_given = true;
      } else if (surname_place) {
        out += Cased(family_name(), word);
      } else if (const size_t given_end = GivenNameBeforeSurname(word); given_end > 0) {
        // A given name and a surname written as one word ("@rahulsharma92" became
        // "@rahulsharma41"): a fake of each, joined the same way.
        const std::string_view given = word.substr(0, given_end);
        out += Cased(given_name(GenderOfGivenName(given)), given);
        out += Cased(family_name(), word.substr(given_end));
      } else if (word.size() <= 2) {
        // Initials stay initials ("jenny_k" became "betty_joshua"): other letters, same case.
        for (const char c : word) out.push_back(OtherLetter(c, rng));
      } else if (pii::IsLastName(word)) {
        out += Cased(family_name(), word);
      } else if (word.size() >= 4 && !IsOrdinaryWord(word)) {
        // A word no dictionary holds ("kieffer" of "kieffer_jason", "thunduh"): most are names
        // or nicknames, and the anonymizer reads each as a reveal of the original, so a handle
        // that kept one became "<PERSON>" (1,037 of 141,847 texts' handles). A family name; a
        // town another town, written as one word ("dave_from_croydon" -> "mike_from_redditch").
        std::string fresh;
        if (IsListedPlace(word))
          for (const char c : FakeLocation(word, rng))
            if (IsUpper(c) || IsLower(c)) fresh.push_back(c);
        if (fresh.empty()) fresh = family_name();
        out += Cased(fresh, word);
      } else if (every_word && first_word) {
        out += Cased(given_name(NameGender::kUnknown), word);
      } else if (every_word && word.size() <= 3) {
        for (const char c : word) out.push_back(OtherLetter(c, rng));
      } else if (every_word) {
        out += Cased(family_name(), word);
      } else {
        out += word;
        replaced = false;
      }
      names += replaced;
      first_word = false;
    } else {
      j = i + 1;
      out.push_back(IsDigit(value[i]) ? static_cast<char>('0' + rng.Below(10)) : value[i]);
    }
    i = j;
  }
  return out;
}

std::string FakeHandle(std::string_view value, Rng& rng) {
  int names = 0;
  std::string out = FakeHandleWords(value, /*every_word=*/false, names, rng);
  return names > 0 ? out : FakeHandleWords(value, /*every_word=*/true, names, rng);
}

}  // namespace

bool LooksLikeHandle(std::string_view value) {
  // A lower-case word of letters is a name as chats write it ("jess", "bella"), not a handle.
  if (value.empty() || value.find(' ') != std::string_view::npos) return false;
  if (value.find_first_of("_.0123456789") != std::string_view::npos) return true;
  // A profile's slug in lower case joined by hyphens ("elin-lindqvist" of a LinkedIn URL); not
  // a hyphenated name as prose writes it ("Jean-Luc").
  return value.find('-') != std::string_view::npos &&
         std::none_of(value.begin(), value.end(), [](char c) { return IsUpper(c); });
}

std::string MakeSurrogate(std::string_view type, std::string_view value, Rng& rng) {
  if (type == "PERSON") {
    // Initials that stand for a person ("G.M.", "A.B.C.") stay initials: other capitals, each
    // with its full stop (FakeName would read them as words: "Leon.Thanh.").
    bool initials = value.size() >= 4 && value.size() % 2 == 0;
    for (size_t k = 0; initials && k < value.size(); k += 2)
      initials = IsUpper(value[k]) && value[k + 1] == '.';
    if (initials) {
      std::string out(value);
      for (size_t k = 0; k < out.size(); k += 2) out[k] = OtherLetter(value[k], rng);
      return out;
    }
    return LooksLikeHandle(value) ? FakeHandle(value, rng) : FakeName(value, rng);
  }
  if (type == "LOCATION") {
    // A square or a street named with a particle ("Place des Vosges", "Rue de Rivoli",
    // "Piazza della Signoria"): its word and particle kept, a family name after them.
    for (std::string_view kind :
         {"Place ", "Rue ", "Quai ", "Plaza ", "Piazza ", "Boulevard ", "Cours "}) {
      if (!value.starts_with(kind)) continue;
      const size_t name = kind.size() + pii::SquareParticleLength(value.substr(kind.size()));
      if (name > kind.size() && name < value.size() && IsUpper(value[name]))
        return std::string(value.substr(0, name)) + Cased(DrawFamilyName(rng), value.substr(name));
    }
    // A lake, a mountain or a cape named by its kind first ("Lake Tahoe" drew "Muscat", "Mount
    // Kenya" a town): the kind kept and a family name after it, as many are named ("Lake
    // Whitfield"); a saint's name alone is a church's or a parish's ("St. Patrick's" drew
    // "Wŏnju's"): another saint's, as FakeFacility draws one. Not a listed town or country
    // ("Lake Charles", "Cape Town", "St. Louis", "Saint Lucia").
    for (std::string_view kind : {"Lake ", "Mount ", "Mt. ", "Mt ", "Loch ", "Cape "}) {
      if (value.size() > kind.size() + 2 && value.starts_with(kind) &&
          IsUpper(value[kind.size()]) && value.find(' ', kind.size()) == std::string_view::npos &&
          !IsListedPlace(value))
        return std::string(kind) + Cased(DrawFamilyName(rng), value.substr(kind.size()));
    }
    for (std::string_view saint : {"St. ", "St ", "Saint "}) {
      if (value.starts_with(saint) && value.find(' ', saint.size()) == std::string_view::npos &&
          value.size() > saint.size() + 2 && IsUpper(value[saint.size()]) && !IsListedPlace(value))
        return FakeFacility(value, {}, rng);
    }
    // A street named without a number ("on Fremont Court", "Hanson Street") keeps its type and
    // gets another street's name, not a city's; a building keeps its kind ("Addenbrooke's
    // Hospital", "St. Brigid's Church": FakeFacility).
    const size_t space = value.rfind(' ');
    if (space != std::string_view::npos) {
      std::string_view last = value.substr(space + 1);
      if (!last.empty() && last.back() == '.') last.remove_suffix(1);
      // A saint's possessive before a word of both kinds is the building's or site's ("St
      // James' Park" became the street "St Orchard' Park").
      const bool saints =
          (value.starts_with("St ") || value.starts_with("St. ") || value.starts_with("Saint ")) &&
          (value.find('\'') != std::string_view::npos ||
           value.find("\xE2\x80\x99") != std::string_view::npos);
      if ((pii::NameFlags(last) & pii::kStreetSuffix) && !(saints && IsFacilityWord(last)))
        return Street(value, rng);
      if (IsFacilityWord(last)) return FakeFacility(value.substr(0, space), last, rng);
    }
    return FakeLocation(value, rng);
  }
  if (type == "ORGANIZATION") return FakeOrganization(value, rng);
  if (type == "EMAIL_ADDRESS") return Email(value, rng);
  if (type == "PHONE_NUMBER" || type == "CREDIT_CARD") {
    // A number read out in words ("five five five two ...") gets a surrogate read out in words:
    // the same kind of number made from its digits, each digit written as a word.
    std::string digits;
    if (value.find_first_of("0123456789") == std::string_view::npos &&
        pii::SpokenDigitsEnd(value, 0, digits) == value.size() && !digits.empty()) {
      const std::string fake = type == "PHONE_NUMBER" ? Phone(digits, rng) : Card(digits, rng);
      static constexpr std::string_view kWords[] = {"zero", "one", "two",   "three", "four",
                                                    "five", "six", "seven", "eight", "nine"};
      std::string out;
      for (char c : fake) {
        if (c < '0' || c > '9') continue;
        if (!out.empty()) out.push_back(' ');
        out.append(kWords[c - '0']);
      }
      return Cased(out, value);
    }
    return type == "PHONE_NUMBER" ? Phone(value, rng) : Card(value, rng);
  }
  if (type == "IBAN_CODE") return Iban(value, rng);
  if (type == "IP_ADDRESS") return Ip(value, rng);
  if (type == "MAC_ADDRESS") return Mac(value, rng);
  if (type == "US_SSN") return Ssn(value, rng);
  if (type == "DATE_OF_BIRTH") return Date(value, rng);
  if (type == "STREET_ADDRESS") return Street(value, rng);
  if (type == "UK_NHS") return FakeUkNhs(value, rng);
  if (type == "US_ITIN") return FakeUsItin(value, rng);
  if (type == "URL") return FakeUrl(value, rng);
  if (type == "UK_NINO") return FakeUkNino(value, rng);
  if (type == "IN_PAN") return FakeInPan(value, rng);
  if (type == "IN_AADHAAR") return FakeInAadhaar(value, rng);
  if (type == "AU_ABN") return FakeAuAbn(value, rng);
  if (type == "AU_TFN") return FakeAuTfn(value, rng);
  if (type == "ES_NIF") return FakeEsNif(value, rng);
  if (type == "ES_NIE") return FakeEsNie(value, rng);
  if (type == "SG_NRIC_FIN") return FakeSgNricFin(value, rng);
  if (type == "IT_FISCAL_CODE") return FakeItFiscalCode(value, rng);
  if (type == "PL_PESEL") return FakePlPesel(value, rng);
  if (type == "FI_PERSONAL_IDENTITY_CODE") return FakeFiHetu(value, rng);
  if (type == "SE_PERSONNUMMER") return FakeSePersonnummer(value, rng);
  if (type == "KR_RRN") return FakeKrRrn(value, rng);
  if (type == "ZA_ID_NUMBER") return FakeZaIdNumber(value, rng);
  if (type == "CA_SIN") return FakeCaSin(value, rng);
  if (type == "TH_TNIN") return FakeThTnin(value, rng);
  if (type == "DE_TAX_ID") return FakeDeTaxId(value, rng);
  if (type == "CRYPTO") {
    if (value.compare(0, 2, "0x") == 0) return SameShape(value, 2, rng);
    if (value.compare(0, 3, "bc1") == 0 || value.compare(0, 3, "tb1") == 0) {
      static const char kBech[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
      std::string out(value);
      for (size_t i = 4; i < out.size(); ++i) out[i] = kBech[rng.Below(32)];
      return out;
    }
    static const char kB58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    std::string out(value);
    for (size_t i = 1; i < out.size(); ++i) out[i] = kB58[rng.Below(58)];
    return out;
  }
  if (type == "API_KEY" || type == "AUTH_TOKEN" || type == "PRIVATE_KEY" || type == "PASSWORD")
    return Secret(value, rng);
  return SameShape(value, 0, rng);
}

}  // namespace refinery::anon
