#include "refinery/detect/address_uk.h"

#include <algorithm>
#include <iterator>
#include <span>

#include "refinery/core/ascii.h"
#include "refinery/detect/address_parts.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

namespace {

constexpr size_t kMaxParts = 8;
constexpr size_t kMaxPartBytes = 60;
constexpr size_t kMaxWordsPerPart = 6;

// Street words of British addresses beyond the name lists' street suffixes (kStreetSuffix:
// "Street", "Lane", "Close", "Mews" ...).
bool IsBritishStreetWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Rise", "View",  "Vale", "Parade", "Wharf",  "Yard", "Gate",    "Wynd",    "Brae",
      "Hill", "Drove", "End",  "Chase",  "Circus", "Quay", "Terrace", "Approach"};
  return IsOneOf(w, kWords);
}

// Lower-case words inside place names ("Stratford-upon-Avon" aside: "Newcastle upon Tyne",
// "Weston super Mare", "Burnham on Sea", "Shipton under Wychwood").
bool IsPlaceJoiner(std::string_view w) {
  static constexpr std::string_view kWords[] = {"upon", "on",  "under", "by",  "super",
                                                "le",   "la",  "de",    "in",  "next",
                                                "cum",  "the", "of",    "and", "en"};
  return IsOneOf(w, kWords);
}

bool IsTitleWord(std::string_view w) {
  while (!w.empty() && w.back() == '.') w.remove_suffix(1);
  // ("Cllr" and "Revd" are titles of the name lists.)
  static constexpr std::string_view kExtra[] = {"Rev", "Capt", "Col", "Messrs"};
  return (NameFlags(w) & kTitle) || IsOneOf(w, kExtra);
}

struct PartFacts {
  bool shaped = false;  // capitalised words (joiners allowed) or a number, within bounds
  bool street = false;  // holds a street or house word, or starts with a house number
  bool titled = false;  // starts with a title ("Mrs J Smith", "Cllr Porter"): an addressee
  bool named = false;   // a given name and a name or two, no street word ("Jane Smith")
};

PartFacts ReadPart(std::string_view part) {
  PartFacts f;
  if (part.empty() || part.size() > kMaxPartBytes) return f;
  size_t words = 0;
  bool capitalised = true, first_word = true, number_first = false, first_given = false;
  std::string_view last_word;
  ForEachPartWord(part, [&](std::string_view w) {
    ++words;
    const auto c = static_cast<unsigned char>(w[0]);
    std::string_view bare = w;
    while (!bare.empty() && (bare.back() == '.' || bare.back() == ',')) bare.remove_suffix(1);
    // (A title anywhere in the part names its addressee: "4 March — Mrs. Halima Yusuf" of a
    // letter's reference line was read as a house and its street.)
    f.titled |= (first_word || w.back() == '.') && IsTitleWord(bare);
    // A dash between words is prose's, not an address part's.
    if (w == "-" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93") capitalised = false;
    if (first_word) {
      number_first = IsDigit(c);
      // A given name the lists know, or an initial ("J Smith", "J. Smith").
      first_given = IsUpper(c) && (IsFirstName(bare) || bare.size() == 1);
    }
    last_word = bare;
    if (IsLower(c) && !IsPlaceJoiner(w)) capitalised = false;
    if (!IsLower(c) && !IsUpper(c) && !IsDigit(c) && c < 0x80 && c != '\'' && c != '(')
      capitalised = false;
    if ((NameFlags(bare) & kStreetSuffix) || IsBritishStreetWord(bare) || IsHouseWord(bare))
      f.street = true;
    first_word = false;
    return true;
  });
  f.shaped = words <= kMaxWordsPerPart && capitalised;
  // A house number is short and names a house with the words after it ("14", "12A High
  // Street"); a run of more digits is a telephone's or an account's ("01234 567890").
  size_t digits = 0;
  for (char ch : part) digits += IsDigit(static_cast<unsigned char>(ch));
  if (number_first && digits > 5) f.shaped = false;
  f.street |= number_first;
  f.named = !f.street && words >= 2 && words <= 4 && (first_given || IsLastName(last_word));
  return f;
}

// The names of the UK and its nations, and of Ireland, as an address's last part.
constexpr std::string_view kUkNames[] = {"United Kingdom",   "UK",       "U.K.",
                                         "England",          "Scotland", "Wales",
                                         "Northern Ireland", "GB",       "Great Britain"};
constexpr std::string_view kIrelandNames[] = {"Ireland"};

// The end of one of `names` right after byte `e` and a comma, spaces or a line break (a
// country after a postcode or county); `e` when none follows.
size_t CountryAfter(std::string_view t, size_t e, std::span<const std::string_view> names) {
  size_t p = e;
  if (p < t.size() && t[p] == ',') ++p;
  while (p < t.size() && (t[p] == ' ' || t[p] == '\n')) ++p;
  if (p == e) return e;
  for (std::string_view n : names)
    if (t.compare(p, n.size(), n) == 0 &&
        (p + n.size() == t.size() || !IsAlnum(static_cast<unsigned char>(t[p + n.size()]))))
      return p + n.size();
  return e;
}

// The 121 postcode areas Royal Mail uses (and the Crown dependencies'), sorted: "A1 2BB" or
// "QZ1 2AB" is no postcode.
bool IsPostcodeArea(std::string_view a) {
  static constexpr std::string_view kAreas[] = {
      "AB", "AL", "B",  "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB",
      "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL",
      "DN", "DT", "DY", "E",  "EC", "EH", "EN", "EX", "FK", "FY", "G",  "GL", "GU", "GY",
      "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA",
      "KT", "KW", "KY", "L",  "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M",  "ME", "MK",
      "ML", "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL",
      "PO", "PR", "RG", "RH", "RM", "S",  "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO",
      "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
      "UB", "W",  "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE"};
  static_assert(std::is_sorted(std::begin(kAreas), std::end(kAreas)));
  return std::binary_search(std::begin(kAreas), std::end(kAreas), a);
}

}  // namespace

bool IsHouseWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "House", "Cottage", "Cottages", "Farm", "Farmhouse", "Lodge", "Barn", "Mill", "Hall", "Manor",
      "Rectory", "Vicarage", "Grange", "Flat", "Unit", "Building", "Chambers", "Bungalow", "Croft",
      "Works", "Estate", "Villa", "Villas", "Mansions", "Court", "Buildings", "Parsonage", "Oast",
      "Stables",
      // Blocks of flats as Indian and other addresses name them ("Flat 2B, Sunrise Apartments").
      "Apartments", "Residency", "Towers", "Enclave", "Complex"};
  return IsOneOf(w, kWords);
}

bool HoldsStreetOrHouseWord(std::string_view part) {
  bool found = false;
  ForEachPartWord(part, [&](std::string_view w) {
    found = (NameFlags(w) & kStreetSuffix) || IsHouseWord(w);
    return !found;
  });
  return found;
}

size_t UkPostcodeWithSpaceEnd(std::string_view t, size_t i) {
  if (i > 0 && IsAlnum(static_cast<unsigned char>(t[i - 1]))) return 0;
  const size_t e = UkPostcodeEnd(t, i);
  // The outward code, a space, the inward code: six bytes at least ("M1 1AE").
  if (e < i + 6 || t[e - 4] != ' ') return 0;
  const size_t letters = IsUpper(static_cast<unsigned char>(t[i + 1])) ? 2 : 1;
  if (!IsPostcodeArea(t.substr(i, letters))) return 0;
  for (size_t j = e - 2; j < e; ++j)
    if (t[j] == 'C' || t[j] == 'I' || t[j] == 'K' || t[j] == 'M' || t[j] == 'O' || t[j] == 'V')
      return 0;
  return e;
}

namespace {

// The parts of an address read right to left from its anchor (a postcode, a county).
struct PartsBefore {
  size_t parts = 0;     // address parts found
  size_t first = 0;     // where the first (leftmost) starts
  bool street = false;  // one holds a street or house word or a house number
  bool glued = false;   // the nearest part is the anchor's own, no comma between ("Leeds LS6")
};

// Whether an address part is a signature's job title ("Consultant Rheumatologist", "Practice
// Manager"), the line above a workplace's address: its last word is a job's.
bool JobTitlePart(std::string_view part) {
  const size_t sp = part.rfind(' ');
  const std::string_view w = sp == std::string_view::npos ? part : part.substr(sp + 1);
  if (w.size() < 5 || !IsUpper(static_cast<unsigned char>(w[0]))) return false;
  if (w.ends_with("ologist") || w.ends_with("ician") || w.ends_with("iatrist")) return true;
  static constexpr std::string_view kJobs[] = {
      "Manager",       "Director",    "Officer",    "Engineer",     "Assistant",  "Secretary",
      "Administrator", "Coordinator", "Consultant", "Lecturer",     "Professor",  "Nurse",
      "Surgeon",       "Solicitor",   "Accountant", "Clerk",        "Adviser",    "Advisor",
      "Executive",     "Analyst",     "Designer",   "Developer",    "Registrar",  "Therapist",
      "Pharmacist",    "Dentist",     "Librarian",  "Receptionist", "Specialist", "Chairman"};
  return IsOneOf(w, kJobs);
}

PartsBefore ReadPartsBefore(std::string_view text, size_t anchor, size_t floor) {
  PartsBefore r;
  r.first = anchor;
  size_t b = anchor;
  while (b > floor && text[b - 1] == ' ') --b;
  r.glued = b < anchor && b > floor && text[b - 1] != ',' && text[b - 1] != '\n';
  while (b > floor && (text[b - 1] == ' ' || text[b - 1] == ',')) --b;
  // An anchor on a line of its own: the address is on the lines above it.
  if (b > floor && text[b - 1] == '\n') {
    --b;
    if (b > floor && text[b - 1] == '\r') --b;
    while (b > floor && (text[b - 1] == ' ' || text[b - 1] == ',')) --b;
  }
  ForEachAddressPartBefore(
      text, b, floor, /*cross_lines=*/true, [&](std::string_view part, bool labelled) {
        // The prose before the part ends the address.
        bool last = labelled;
        size_t cut = 0;
        ForEachPartWord(part, [&](std::string_view w) {
          const auto c = static_cast<unsigned char>(w[0]);
          if ((IsLower(c) && !IsPlaceJoiner(w)) || w.back() == '.' || w.back() == '!' ||
              w.back() == '?')
            if (!(w.size() <= 4 && w.back() == '.' && IsUpper(c)))  // "St.", "Rd."
              cut = static_cast<size_t>(w.data() - part.data()) + w.size(), last = true;
          return true;
        });
        part = TrimAddressPart(part.substr(cut));
        // "at the Red Lion": the article of the prose is not the house's.
        while (!part.empty() && IsLower(static_cast<unsigned char>(part[0]))) {
          const size_t sp = part.find(' ');
          part =
              sp == std::string_view::npos ? std::string_view() : TrimAddressPart(part.substr(sp));
        }
        // A signature's job title above the workplace's address ends it.
        if (part.empty() || JobTitlePart(part)) return false;
        const PartFacts f = ReadPart(part);
        // The addressee: a title, or a person's name above the street (a town named like a person,
        // "Milton Keynes", comes below it).
        if (!f.shaped || f.titled || (f.named && r.street)) return false;
        r.street |= f.street;
        ++r.parts;
        r.first = static_cast<size_t>(part.data() - text.data());
        return !last && r.parts < kMaxParts;
      });
  return r;
}

}  // namespace

bool UkAddressAround(std::string_view text, size_t code_start, size_t code_end, size_t not_before,
                     size_t* start, size_t* end) {
  const size_t floor = std::max(code_start > 400 ? code_start - 400 : 0, not_before);
  if (floor >= code_start) return false;
  const PartsBefore r = ReadPartsBefore(text, code_start, floor);
  if (r.parts >= 2 && r.street) {
    *start = r.first;
  } else if (r.parts >= 1 && r.glued) {
    // The town and its code alone ("(Leeds LS6 2AB)"): the town's part is the nearest.
    size_t s = code_start;
    while (s > floor && text[s - 1] == ' ') --s;
    while (s > floor && text[s - 1] != ',' && text[s - 1] != '\n' && text[s - 1] != '(' &&
           text[s - 1] != ':')
      --s;
    while (s < code_start && text[s] == ' ') ++s;
    s = std::max(s, r.first);
    // The town: one to three capitalised words of letters, no article ("The M1 1AE").
    size_t words = 0;
    bool town = true;
    ForEachPartWord(text.substr(s, code_start - s), [&](std::string_view w) {
      ++words;
      town &= IsUpper(static_cast<unsigned char>(w[0])) && w != "The" && w != "A" && w != "An";
      for (char ch : w)
        town &= IsAlpha(static_cast<unsigned char>(ch)) || ch == '-' || ch == '\'' || ch == '.' ||
                (ch & 0x80) != 0;
      return true;
    });
    if (!town || words == 0 || words > 3) return false;
    // At a line's start the town and code are the line ("Leeds LS6 2AB"), not a sentence's
    // first word before a code ("Districts TN33 9EA and ...").
    if ((s == 0 || text[s - 1] == '\n') && code_end < text.size() && text[code_end] != '\n' &&
        text[code_end] != '\r' && text[code_end] != ',')
      return false;
    *start = s;
  } else {
    return false;
  }
  *end = CountryAfter(text, code_end, kUkNames);
  return true;
}

bool IrishAddressAround(std::string_view text, size_t county_start, size_t county_end,
                        size_t not_before, size_t* start, size_t* end) {
  const size_t floor = std::max(county_start > 400 ? county_start - 400 : 0, not_before);
  if (floor >= county_start) return false;
  const PartsBefore r = ReadPartsBefore(text, county_start, floor);
  if (r.parts < 2 || !r.street) return false;
  *start = r.first;
  // The Eircode after the county ("Co. Cork, P51 X2K3"), then the country.
  size_t e = county_end, p = county_end;
  if (p < text.size() && text[p] == ',') ++p;
  while (p < text.size() && (text[p] == ' ' || text[p] == '\n')) ++p;
  if (const size_t code = EircodeEnd(text, p)) e = code;
  *end = CountryAfter(text, e, kIrelandNames);
  return true;
}

}  // namespace refinery::pii
