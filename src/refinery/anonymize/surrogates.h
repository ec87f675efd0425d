// Format-preserving fake values ("surrogates") for each PII type: realistic enough to keep the
// text natural, built so that they are not real personal data (reserved e-mail domains,
// fictional 555-01xx phone lines, documentation IP ranges, never-issued SSN areas) while cards
// and IBANs still pass their checksums. Deterministic in the 64-bit seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "refinery/core/hash.h"

namespace refinery::anon {

// splitmix64, whose Below(0) still draws (surrogate choices depend on the exact draw sequence).
class Rng : public SplitMix64Rng {
 public:
  explicit Rng(uint64_t seed) : SplitMix64Rng(seed) {}
  // Uniform in [0, n).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % (n ? n : 1)); }
};

// A surrogate for `value` of PII type `type` (unknown types get a same-shape random value).
std::string MakeSurrogate(std::string_view type, std::string_view value, Rng& rng);

// Same-shape random: digits stay digits, letters keep their case, everything else is kept.
// Leading characters up to `keep_prefix` bytes are copied unchanged.
std::string SameShape(std::string_view value, size_t keep_prefix, Rng& rng);

// Another ASCII letter than `c`, in its case: an initial's or a code's surrogate ("G." -> "K.",
// "LHR" -> "UTN"). `c` is an ASCII letter.
char OtherLetter(char c, Rng& rng);

// A fake person's name with the same structure as `value` (words, initials, particles,
// capitalisation); a given name keeps its gender where the name lists say it (person_names.h
// keeps names consistent inside a document).
std::string FakeName(std::string_view value, Rng& rng);

// `name` written in the case style of `like`: all capitals, all lower case, or as it is.
std::string Cased(std::string_view name, std::string_view like);
// `s` with its letters in capitals (`upper`) or in lower case, letter by letter: ASCII, Latin-1,
// Latin Extended-A, Romanian's comma letters, basic Greek and Cyrillic; other code points as
// they are.
std::string InLetterCase(std::string_view s, bool upper);

// Whether a PERSON value is a user handle ("linda_01", "j4net", "maria.k"): a word with a digit,
// '_' or '.'; replaced like a handle.
bool LooksLikeHandle(std::string_view value);

// A place of the same kind (surrogates_places.cc): a city of similar population for a city, a
// country for a country, a region of the same country for a region, a mid-sized city for a
// place no gazetteer lists; in the original's case style.
std::string FakeLocation(std::string_view value, Rng& rng);

// FakeLocation for a text that names one country, whose surrogate's ISO code is `code`: a place
// no list holds is a town of that country.
std::string FakeLocationIn(std::string_view value, std::string_view code, Rng& rng);

// Where a LOCATION value is a listed country or a listed city: the country's ISO 3166 alpha-2
// code (the city's country for a city), else empty. `is_country` says which it was.
std::string PlaceCountryCode(std::string_view value, bool* is_country);

// A city of the country `code` (ISO 3166 alpha-2) for the listed city `value`, of about its rank
// among its own country's cities, in its case style; empty when `value` is no listed city or
// `code`'s country has fewer than five listed cities. So that a city and its country named in
// one text are replaced together ("Casablanca, Morocco" became "Salé, Venezuela": the city was
// drawn in Morocco, the country anywhere).
std::string FakeCityIn(std::string_view value, std::string_view code, Rng& rng);

// Regions (GeoNames' admin1: states, provinces, counties of some countries), each named by a key
// of its country's ISO code and its admin1 code ("US.TX", "CA.08", "GB.ENG"), so that a city and
// the region after it are replaced together ("Houston, Texas" became "Los Angeles, South
// Carolina": each was drawn on its own).
//
// The key of the region a LOCATION value names when it is read as a region (a name of both a
// region and a city is the region when the region's listed cities hold ten times the people of
// the city: "Ontario", "Florida"), else empty.
std::string PlaceRegionKey(std::string_view value);
// The key of the region of the listed city `city` whose name is `region` ("Springfield",
// "Illinois" -> "US.IL", though the largest Springfield is Missouri's); with `region` empty,
// that of the city the name first means. Empty when no such city is listed.
std::string CityRegionKey(std::string_view city, std::string_view region = {});
// Whether a gazetteer lists `value` as a city, country or region (under any of its names).
bool IsListedPlace(std::string_view value);
// The name of the region `key` ("US.TX" -> "Texas"), or empty.
std::string RegionNameOf(std::string_view key);
// Whether the region `key` lists four towns or more.
bool HasListedTowns(std::string_view key);
// The surrogate of a place written before a city or a region of the region `key` (whose
// surrogate that city or region is): MakeSurrogate's, where a place no list holds is one of the
// smaller half of the region's towns, never `besides` (the city's surrogate); a hospital or a
// street keeps its kind ("Rosie Hospital, Cambridge").
std::string FakePlaceNear(std::string_view value, std::string_view key, std::string_view besides,
                          Rng& rng);
// Whether a listed city named `city` lies in the region `key` ("Beaverton", "US.OR").
bool IsCityOfRegion(std::string_view city, std::string_view key);
// The key of the region named `region` in the country `code`, or empty.
std::string RegionKeyIn(std::string_view region, std::string_view code);
// Another region of the country `code` that holds two listed cities or more, in `value`'s case
// style; empty when the country has fewer than two.
std::string FakeRegionIn(std::string_view value, std::string_view code, Rng& rng);
// A city of the region `region_key` of about the listed city `value`'s rank in its own region,
// in its case style, never `value`; empty when `value` is no listed city or the region lists
// fewer than two.
std::string FakeCityInRegion(std::string_view value, std::string_view region_key, Rng& rng);

// Where the town ends when an address starts with its town and a British postcode ("Leeds LS6
// 2QR", "Hebden Bridge HX7 8AD, UK"): the town's length; 0 otherwise.
size_t TownAndPostcodeFirst(std::string_view address);

// The towns of an address (a STREET_ADDRESS value or its surrogate): in each part after a comma
// or a line break, the capitalised words (up to three, after a postcode) before the part's end
// or a code ("Didsbury", "Manchester M20 2QE", "75007 Paris", "Salt Lake City, UT") get
// `replace(town)` in their place, so that a town named elsewhere in the document gets the same
// surrogate inside the address. Units ("Apt 4B"), state and country names and codes stay; the
// street part (before the first comma or line break) is left to Street().
std::string ReplaceAddressTowns(std::string_view address,
                                const std::function<std::string(std::string_view)>& replace);

// The ISO 3166 alpha-2 code of the country an address is in (a British postcode, an Irish
// county, a listed town, region or country among its parts, else its street's form), or empty.
std::string AddressCountryCode(std::string_view address);

// An organisation with the same legal form or institution word ("Siemens AG" -> "Medina AG",
// "Acme, Inc." -> "Okafor, Inc.", "Oxford University" -> "Lindqvist University", "Ohio Senate"
// -> "Sullivan Senate"); an institution of a known place takes another place of that kind
// ("University of Split" -> "University of Berrechid").
std::string FakeOrganization(std::string_view value, Rng& rng);

// Government ids and URLs (surrogates_ids.cc), in the original's layout: an NHS number from the
// reserved 999 test range with a valid check digit, an ITIN with an issued group, a URL at an
// example domain (RFC 2606) with a same-shape path and no credentials, a National Insurance
// number with the never-issued "QQ" prefix, an Aadhaar number starting with 1 (never issued),
// PAN / ABN / TFN / NIF / NRIC-FIN values that pass their checks.
// `digits` written over the digit positions of `like`, its separators kept ("980716-9249" and
// "1234567890" give "123456-7890").
std::string InLayout(std::string_view like, std::string_view digits);
std::string FakeUkNhs(std::string_view value, Rng& rng);
std::string FakeUsItin(std::string_view value, Rng& rng);
std::string FakeUrl(std::string_view value, Rng& rng);
std::string FakeUkNino(std::string_view value, Rng& rng);
std::string FakeInPan(std::string_view value, Rng& rng);
std::string FakeInAadhaar(std::string_view value, Rng& rng);
std::string FakeAuAbn(std::string_view value, Rng& rng);
std::string FakeAuTfn(std::string_view value, Rng& rng);
std::string FakeEsNif(std::string_view value, Rng& rng);
std::string FakeEsNie(std::string_view value, Rng& rng);
std::string FakeSgNricFin(std::string_view value, Rng& rng);
// The ids that hold a date of birth (surrogates_dated_ids.cc): a new date and serial, the
// original's sex and century where the id encodes them, a check character that passes; a
// Finnish code from the temporary range 900-999.
std::string FakeItFiscalCode(std::string_view value, Rng& rng);
std::string FakePlPesel(std::string_view value, Rng& rng);
std::string FakeFiHetu(std::string_view value, Rng& rng);
std::string FakeSePersonnummer(std::string_view value, Rng& rng);
std::string FakeKrRrn(std::string_view value, Rng& rng);
std::string FakeZaIdNumber(std::string_view value, Rng& rng);
// Ids of digits with a check and no date (surrogates_ids.cc): random digits that pass it, the
// first digit kept where it names a province or category (CA_SIN, TH_TNIN).
std::string FakeCaSin(std::string_view value, Rng& rng);
std::string FakeThTnin(std::string_view value, Rng& rng);
std::string FakeDeTaxId(std::string_view value, Rng& rng);

// When the local part of `email` is made from `person`'s name (john.smith, jsmith,
// john_smith84, smith, ...), the same pattern made from `fake_person` (the surrogate chosen for
// that person) at a reserved domain, so "John Smith <john.smith@gmail.com>" becomes
// "Liam Medina <liam.medina@example.com>"; otherwise empty.
std::string EmailForPerson(std::string_view email, std::string_view person,
                           std::string_view fake_person, Rng& rng);

}  // namespace refinery::anon
