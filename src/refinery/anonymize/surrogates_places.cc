// Surrogates for LOCATION and ORGANIZATION: a city for a city of similar population, a country
// for a country, a region for a region (GeoNames, compiled into models/ner.bin), and an
// organisation with the same legal form ("GmbH", "Inc.", "S.A." kept as written).
#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "refinery/anonymize/person_names.h"
#include "refinery/anonymize/street_forms.h"
#include "refinery/anonymize/surrogates.h"
#include "refinery/core/ascii.h"
#include "refinery/core/utf8.h"
#include "refinery/detect/address_parts.h"
#include "refinery/detect/address_uk.h"
#include "refinery/detect/legal_forms.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_institutions.h"
#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_place_names.h"
#include "refinery/detect/ner_place_shapes.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::anon {

namespace {

// The surrogate written in the original's case style: "PARIS" -> "LYON", "paris" -> "lyon".
std::string LikeCase(std::string_view fresh, std::string_view original) {
  // (Capitals beyond ASCII count: "Élysée" is no lower-case word; it became "mount rushmore".)
  bool upper = false, lower = false;
  for (size_t i = 0; i < original.size();) {
    size_t len;
    const char32_t cp = DecodeUtf8At(original, i, len);
    i += len;
    const bool up = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : ner::IsUpperCodePoint(cp);
    upper |= up;
    lower |= cp < 0x80 ? (cp >= 'a' && cp <= 'z') : !up && cp >= 0xC0;
  }
  if (upper && !lower && original.size() > 1) return InLetterCase(fresh, true);
  if (lower && !upper) return InLetterCase(fresh, false);
  return std::string(fresh);
}

enum PlaceKind { kCity, kCountry, kRegion };

// The fewest people of a town drawn as a surrogate where its country or region has a larger one.
constexpr uint64_t kLeastDrawnTown = 1000;

// Name -> (kind, index into the gazetteer's list), built once from the shared model, with the
// lists the surrogates are drawn from (built here once, not per replaced place).
struct PlaceIndex {
  std::shared_ptr<const ner::NerModel> model;
  std::unordered_map<std::string, std::pair<PlaceKind, size_t>> by_name;
  std::vector<ner::Place> countries_by_population;       // stable order among equal populations
  std::unordered_map<std::string, size_t> country_rank;  // lower-case name -> first rank there
  // The regions of each country that hold two listed cities or more, by falling weight.
  std::unordered_map<std::string, std::vector<ner::Place>> regions_of_country;
  // The cities of each country (by the two letters of its ISO code), as indices into the
  // gazetteer's list by falling population, and each city's rank among them: indices, not
  // copies, so that building them costs little at start-up.
  std::vector<std::vector<uint32_t>> cities_of_country =
      std::vector<std::vector<uint32_t>>(26 * 26);
  std::vector<uint32_t> city_rank_in_country;  // index of g.cities() -> rank in its country
  // Regions by their key, the country's code and the region's joined by '.' ("US.TX"): their
  // cities as indices into g.cities() by falling population (each city's rank there is
  // city_rank_in_region), and the region's index in g.regions().
  std::unordered_map<std::string, std::vector<uint32_t>> cities_of_region;
  std::vector<uint32_t> city_rank_in_region;
  std::unordered_map<std::string, size_t> region_by_key;
  // The cities of each lower-case name, by falling population: "Springfield, Illinois" is the
  // Springfield of Illinois, not the largest one.
  std::unordered_map<std::string, std::vector<uint32_t>> cities_by_name;
  // Names written with letters beyond ASCII, by their ASCII spelling without spaces
  // (pii::FoldNameToAscii: "montreal" -> "Montréal", "saopaulo" -> "São Paulo"): text writes
  // them so ("Toronto ... Montreal" drew a town of China for "Montreal").
  std::unordered_map<std::string, std::string_view> by_ascii;
};

std::string RegionKey(const ner::Place& p) { return p.country + "." + p.region; }

// The slot of a country's ISO 3166 alpha-2 code in PlaceIndex::cities_of_country, or -1.
int CountrySlot(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
    return -1;
  return (code[0] - 'A') * 26 + (code[1] - 'A');
}

const PlaceIndex* GetPlaceIndex() {
  static const PlaceIndex* index = [] {
    auto* idx = new PlaceIndex();
    auto model = ner::NerModel::Default();
    if (!model.ok()) return idx;  // no model: callers fall back to same-shape values
    idx->model = *model;
    const ner::NerGazetteer& g = idx->model->gazetteer();
    const std::vector<ner::Place>& cities = g.cities();
    const std::vector<ner::Place>& regions = g.regions();
    // (Built once per process, at the first place replaced; the names lowered once.)
    std::vector<std::string> city_keys(cities.size());
    for (size_t i = 0; i < cities.size(); ++i) city_keys[i] = AsciiLowered(cities[i].name);
    idx->region_by_key.reserve(regions.size());
    for (size_t i = 0; i < regions.size(); ++i)
      idx->region_by_key.emplace(RegionKey(regions[i]), i);
    idx->city_rank_in_region.reserve(cities.size());
    idx->cities_of_region.reserve(regions.size());
    idx->cities_by_name.reserve(cities.size());
    idx->by_name.reserve(cities.size() + regions.size() + g.countries().size());
    // GeoNames lists some seats of government of under 1,000 people beside its towns of 15,000
    // ("Liberpolis", 63 people, a micronation's, among Croatia's towns: "flew home from
    // dubrovnik" drew it). None is drawn as another town's surrogate where its country or region
    // has a larger town (the lists are by falling population, so that one came first).
    auto hamlet = [&](size_t i, const std::vector<uint32_t>& same) {
      return cities[i].population < kLeastDrawnTown && !same.empty();
    };
    for (size_t i = 0; i < cities.size(); ++i) {
      std::vector<uint32_t>& same = idx->cities_of_region[RegionKey(cities[i])];
      idx->city_rank_in_region.push_back(static_cast<uint32_t>(same.size()));
      if (!hamlet(i, same)) same.push_back(static_cast<uint32_t>(i));
      idx->cities_by_name[city_keys[i]].push_back(static_cast<uint32_t>(i));
    }
    // A region's weight: the people of its listed cities (GeoNames gives regions none).
    auto weight = [&](size_t r) -> uint64_t {
      const auto it = idx->cities_of_region.find(RegionKey(regions[r]));
      uint64_t sum = 0;
      if (it != idx->cities_of_region.end())
        for (uint32_t c : it->second) sum += cities[c].population;
      return sum;
    };
    std::vector<size_t> regions_by_weight(regions.size());
    std::vector<uint64_t> weights(regions.size());
    for (size_t r = 0; r < regions.size(); ++r) regions_by_weight[r] = r, weights[r] = weight(r);
    std::stable_sort(regions_by_weight.begin(), regions_by_weight.end(),
                     [&](size_t a, size_t b) { return weights[a] > weights[b]; });
    // Countries first, then cities by falling population, then regions by falling weight: the
    // first entry of a name wins ("Paris" is the capital, not Paris, Texas; "Georgia" is the
    // country). A region ten times the weight of the largest city of its name comes before the
    // cities: "Florida" is the state, not a town of Cuba; "Ontario" the province, not a city of
    // California ("Portland, Oregon" became "San Antonio, Bryant").
    for (size_t i = 0; i < g.countries().size(); ++i)
      idx->by_name.emplace(AsciiLowered(g.countries()[i].name), std::pair{kCountry, i});
    for (size_t r : regions_by_weight) {
      const std::string key = AsciiLowered(regions[r].name);
      const auto named = idx->cities_by_name.find(key);
      if (named != idx->cities_by_name.end() &&
          weights[r] >= 10 * cities[named->second.front()].population)
        idx->by_name.emplace(key, std::pair{kRegion, r});
    }
    for (size_t i = 0; i < cities.size(); ++i)
      idx->by_name.emplace(std::move(city_keys[i]), std::pair{kCity, i});
    for (size_t r : regions_by_weight)
      idx->by_name.emplace(AsciiLowered(regions[r].name), std::pair{kRegion, r});
    auto add_ascii = [&](const std::string& name) {
      if (std::all_of(name.begin(), name.end(), [](char c) { return (c & 0x80) == 0; })) return;
      idx->by_ascii.emplace(pii::FoldNameToAscii(name), name);
    };
    for (const ner::Place& p : g.countries()) add_ascii(p.name);
    for (const ner::Place& p : cities) add_ascii(p.name);
    for (const ner::Place& p : regions) add_ascii(p.name);
    idx->countries_by_population = g.countries();
    std::stable_sort(
        idx->countries_by_population.begin(), idx->countries_by_population.end(),
        [](const ner::Place& a, const ner::Place& b) { return a.population > b.population; });
    for (size_t rank = 0; rank < idx->countries_by_population.size(); ++rank)
      idx->country_rank.emplace(AsciiLowered(idx->countries_by_population[rank].name), rank);
    // Regions of two listed cities or more only: a region drawn for a region holds towns for
    // the cities the text names in it.
    for (size_t r : regions_by_weight) {
      const auto listed = idx->cities_of_region.find(RegionKey(regions[r]));
      if (listed != idx->cities_of_region.end() && listed->second.size() >= 2)
        idx->regions_of_country[regions[r].country].push_back(regions[r]);
    }
    idx->city_rank_in_country.reserve(cities.size());
    for (size_t i = 0; i < cities.size(); ++i) {
      const int slot = CountrySlot(cities[i].country);
      if (slot < 0) {
        idx->city_rank_in_country.push_back(0);
        continue;
      }
      std::vector<uint32_t>& same = idx->cities_of_country[slot];
      idx->city_rank_in_country.push_back(static_cast<uint32_t>(same.size()));
      if (!hamlet(i, same)) same.push_back(static_cast<uint32_t>(i));
    }
    return idx;
  }();
  return index;
}

// The entry of a place's name: under another name of a listed place ("Milano", "Allemagne",
// "Roma"; `value` becomes the listed name, which a surrogate must not be either), or "St" /
// "St." written for "Saint" ("St Petersburg" was no listed place and drew a city of China);
// `by_name.end()` for a name no list holds.
using PlaceEntry = std::unordered_map<std::string, std::pair<PlaceKind, size_t>>::const_iterator;
PlaceEntry FindPlace(const PlaceIndex& idx, std::string_view& value) {
  if (const std::string_view listed = ner::GeoNamesPlaceName(value); !listed.empty())
    value = listed;
  std::string key = AsciiLowered(value);
  // Latin-1 capitals too, as a name in capitals writes them ("MARNE LA VALLÉE").
  for (size_t i = 0; i + 1 < key.size(); ++i)
    if (key[i] == '\xC3' && static_cast<unsigned char>(key[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(key[i + 1]) <= 0x9E && key[i + 1] != '\x97')
      key[i + 1] = static_cast<char>(key[i + 1] + 0x20);
  auto it = idx.by_name.find(key);
  if (it != idx.by_name.end()) return it;
  if (const auto ascii = idx.by_ascii.find(pii::FoldNameToAscii(value));
      ascii != idx.by_ascii.end()) {
    value = ascii->second;
    return idx.by_name.find(AsciiLowered(value));
  }
  for (std::string_view st : {"st. ", "st "}) {
    if (key.starts_with(st)) return idx.by_name.find("saint " + key.substr(st.size()));
  }
  return it;
}

// Whether English writes "the" before the country's name ("the Netherlands", "the United
// States", "the Czech Republic", "the Gambia"): a plural, a union or a republic named so.
bool CountryTakesThe(std::string_view name) {
  if (name.starts_with("The ") || name.starts_with("the ")) return true;
  if (name.starts_with("United ") || name.starts_with("UNITED ")) return true;
  for (std::string_view w : {"Republic", "Kingdom", "Islands", "Emirates", "Federation", "REPUBLIC",
                             "KINGDOM", "ISLANDS"})
    if (name.find(w) != std::string_view::npos) return true;
  static constexpr std::string_view kNames[] = {"Netherlands", "Philippines", "Bahamas",
                                                "Gambia",      "Maldives",    "Comoros",
                                                "Seychelles",  "Vatican",     "Vatican City"};
  for (std::string_view n : kNames)
    if (EqualsIgnoringAsciiCase(name, n)) return true;
  return false;
}

// A place of the same list near rank `rank` (lists of cities are sorted by population, so near
// in rank is similar in size), never the original name.
// (PickNearBy: the same over `n` places whose k-th name is `name_of(k)`, the cities of one
// country as indices into the whole list.)
template <typename NameOf>
std::string PickNearBy(size_t n, const NameOf& name_of, size_t rank, size_t radius,
                       std::string_view original, Rng& rng) {
  if (n == 0) return std::string(original);
  const size_t lo = rank > radius ? rank - radius : 0;
  const size_t hi = std::min(n, rank + radius + 1);
  const std::string orig = AsciiLowered(original);
  for (int attempt = 0; attempt < 16; ++attempt) {
    const std::string& name = name_of(lo + rng.Below(static_cast<uint32_t>(hi - lo)));
    // Not a GeoNames entry that lists its district and province after its name ("Mianzhu,
    // Deyang, Sichuan"): the text around reads that as three places. Nor one whose
    // transliteration marks a soft sign or a glottal stop with an apostrophe ("Stavropol’",
    // "Tver’", "Magṭa‘ Laḥjar"; in posts' lower case "im on brook rd, stavropol’" reads as a
    // closing quote).
    if (AsciiLowered(name) != orig && name.find(',') == std::string::npos &&
        name.find('\'') == std::string::npos && name.find("\xE2\x80\x99") == std::string::npos &&
        name.find("\xE2\x80\x98") == std::string::npos &&
        name.find("\xCA\xB9") == std::string::npos && name.find("\xCA\xBC") == std::string::npos)
      return name;
  }
  return name_of((rank + 1) % n);
}

std::string PickNear(const std::vector<ner::Place>& list, size_t rank, size_t radius,
                     std::string_view original, Rng& rng) {
  return PickNearBy(
      list.size(), [&](size_t k) -> const std::string& { return list[k].name; }, rank, radius,
      original, rng);
}

}  // namespace

// The country of the address whose towns ReplaceAddressTowns is replacing (a slot of
// PlaceIndex::cities_of_country), or -1: a town no list holds then becomes a town of that
// country ("Ninfield" of "..., Ninfield, TN33 9ED" became "Tiruppur", a city of India).
thread_local int g_address_country = -1;
// The surrogate country of the one country a text names, or -1 (FakeLocationIn): a village of
// that text is a town of it ("Our Airbnb host Sven in Bergen, Norway ... drove us to Flåm" drew
// "Auckland" for "Flåm" beside "Sanniquellie, Liberia").
thread_local int g_text_country = -1;
// The region whose smaller towns a place no list holds is drawn from, written before a city or a
// region of it (FakePlaceNear: "Ballard, Seattle"), and the city's surrogate, which it must not be.
thread_local std::string_view g_text_region, g_text_besides;
// The region of the address's town (a key of PlaceIndex::cities_of_region, "US.IL"), or empty:
// the town's surrogate is a town of that region ("Springfield, IL 62704" became "Newport News,
// IL": a town of Virginia in Illinois).
thread_local std::string g_address_region;

// A city of the country in `slot` near `rank` among its cities, never `original`.
std::string PickInCountry(const PlaceIndex& idx, const ner::NerGazetteer& g, int slot, size_t rank,
                          size_t radius, std::string_view original, Rng& rng) {
  const std::vector<uint32_t>& same = idx.cities_of_country[slot];
  const std::vector<ner::Place>& cities = g.cities();
  return PickNearBy(
      same.size(), [&](size_t k) -> const std::string& { return cities[same[k]].name; },
      std::min(rank, same.size() - 1), radius, original, rng);
}

namespace {

// A hotel's, an inn's or a restaurant's name of two words or more, its word first ("Hotel
// Adlon", "Restaurant Noma") or last ("Shangri-La Hotel", "Hilton Garden Inn"): that word and a
// family name in the other place; empty for any other place.
std::string FakeVenue(std::string_view value, Rng& rng) {
  static constexpr std::string_view kFirst[] = {
      "Hotel",      "Motel",     "Hostel",  "Restaurant", "Gasthof", "Gasthaus",
      "Albergo",    "Auberge",   "Pousada", "Ryokan",     "Pension", "Trattoria",
      "Ristorante", "Brasserie", "Bistro",  "Caf\xC3\xA9"};
  static constexpr std::string_view kLast[] = {"Hotel",  "Inn",   "Motel",
                                               "Hostel", "Lodge", "Restaurant"};
  const size_t first_end = value.find(' '), last_start = value.rfind(' ');
  if (first_end == std::string_view::npos) return {};
  const std::string_view first = value.substr(0, first_end), last = value.substr(last_start + 1);
  if (std::find(std::begin(kFirst), std::end(kFirst), first) != std::end(kFirst))
    return std::string(first) + " " + DrawFamilyName(rng);
  if (std::find(std::begin(kLast), std::end(kLast), last) != std::end(kLast))
    return DrawFamilyName(rng) + " " + std::string(last);
  // Its word inside ("Grand Hotel Europe" drew a town): the words up to it kept, a family name
  // for those after it.
  if (const size_t at = value.find(" Hotel "); at != std::string_view::npos)
    return std::string(value.substr(0, at + 7)) + DrawFamilyName(rng);
  return {};
}

}  // namespace

namespace {

// A place written as an abbreviation of capitals ("USA", "UK", "NYC", "LHR"): another
// abbreviation of its kind, a country's for a country's and a city's for a city's, other
// capitals of the same length for a code no list holds (an airport's or a station's: "London
// Heathrow (LHR)"); empty for any other value. (They drew names: "the USA" became "the ANSHUN",
// "NYC" "THE HAGUE", "(LHR)" "(THANJAVUR)".)
std::string FakeAbbreviatedPlace(std::string_view value, Rng& rng) {
  if (value.size() < 2 || value.size() > 4) return {};
  for (char c : value)
    if (c < 'A' || c > 'Z') return {};
  static constexpr std::string_view kCountries[] = {"US",  "USA", "UK",  "UAE", "NZ",
                                                    "PRC", "DRC", "KSA", "ROK", "RSA"};
  static constexpr std::string_view kCities[] = {"NYC", "LA", "SF", "DC", "HK", "KL", "BKK"};
  // US states' postal codes ("Sen. Chuck Schumer (D-NY)" drew capitals of no state; a copy of
  // the list here had lost Maine and Louisiana).
  for (const auto& list : {std::span<const std::string_view>(kCountries),
                           std::span<const std::string_view>(kCities), pii::UsStateCodes()}) {
    if (std::find(list.begin(), list.end(), value) == list.end()) continue;
    std::string_view fresh;
    do fresh = list[rng.Below(static_cast<uint32_t>(list.size()))];
    while (fresh == value || (value == "US" && fresh == "USA") ||
           (value == "USA" && fresh == "US"));
    return std::string(fresh);
  }
  // A town's name in capitals is no abbreviation ("LYON", "ROME", "OSLO" became "NQMB"): it
  // draws as the town does.
  if (value.size() >= 3) {
    const PlaceIndex* idx = GetPlaceIndex();
    std::string_view name = value;
    if (idx->model && FindPlace(*idx, name) != idx->by_name.end()) return {};
  }
  std::string out(value);
  for (char& c : out) c = OtherLetter(c, rng);
  return out;
}

// Another name of `list` than `value`'s, in `value`'s case style, when `list` holds `value`
// (any case); empty otherwise.
std::string OtherOfList(std::span<const std::string_view> list, std::string_view value, Rng& rng) {
  const auto it = std::find_if(list.begin(), list.end(), [&](std::string_view r) {
    return EqualsIgnoringAsciiCase(r, value);
  });
  if (it == list.end()) return {};
  std::string_view fresh;
  do fresh = list[rng.Below(static_cast<uint32_t>(list.size()))];
  while (fresh == *it);
  return LikeCase(fresh, value);
}

// A US state written as news agencies abbreviate it ("Sen. Dianne Feinstein (D-Calif.)" drew a
// French town): another state's abbreviation; empty for any other value.
std::string FakeStateAbbreviation(std::string_view value, Rng& rng) {
  static constexpr std::string_view kStates[] = {
      "Ala.",  "Ariz.", "Ark.",  "Calif.", "Colo.", "Conn.", "Del.",  "Fla.",  "Ga.",
      "Ill.",  "Ind.",  "Kan.",  "Ky.",    "La.",   "Md.",   "Mass.", "Mich.", "Minn.",
      "Miss.", "Mo.",   "Mont.", "Neb.",   "Nev.",  "N.H.",  "N.J.",  "N.M.",  "N.Y.",
      "N.C.",  "N.D.",  "Okla.", "Ore.",   "Pa.",   "R.I.",  "S.C.",  "S.D.",  "Tenn.",
      "Vt.",   "Va.",   "Wash.", "W.Va.",  "Wis.",  "Wyo."};
  if (value.size() < 3 || value.back() != '.') return {};
  return OtherOfList(kStates, value, rng);
}

// A numbered road ("Highway 401", "State Route 267", "Interstate 95"): the same words with
// another number of as many digits (they drew towns: "driving on Highway 401" became "driving on
// Radford"); empty for any other value.
std::string FakeNumberedRoad(std::string_view value, Rng& rng) {
  const size_t space = value.rfind(' ');
  if (space == std::string_view::npos || value.size() - space - 1 > 3) return {};
  const std::string_view number = value.substr(space + 1), words = value.substr(0, space);
  if (number.empty() || !AllAsciiDigits(number)) return {};
  if (!ner::IsNumberedRoadWord(words.substr(words.rfind(' ') + 1))) return {};
  std::string fresh;
  do {
    fresh.clear();
    for (size_t k = 0; k < number.size(); ++k)
      fresh += static_cast<char>((k == 0 ? '1' + rng.Below(9) : '0' + rng.Below(10)));
  } while (fresh == number);
  return std::string(words) + " " + fresh;
}

// A continent or a region of the world ("West Africa", "the Middle East"): another of its
// kind, a continent for a continent, a region for a region (they drew towns: "fintech in West
// Africa" became "fintech in Tabriz"); empty for any other value.
std::string FakeWorldRegion(std::string_view value, Rng& rng) {
  static constexpr std::string_view kContinents[] = {
      "Africa", "Europe", "Asia", "North America", "South America", "Oceania", "Antarctica"};
  static constexpr std::string_view kRegions[] = {
      "West Africa",     "East Africa",    "North Africa",    "Southern Africa", "Central Africa",
      "Western Europe",  "Eastern Europe", "Northern Europe", "Southern Europe", "Central Europe",
      "East Asia",       "South Asia",     "Southeast Asia",  "Central Asia",    "Latin America",
      "Central America", "Scandinavia"};
  // Those written with "the" ("fintech in the Middle East"), drawn among themselves.
  static constexpr std::string_view kRegionsWithThe[] = {"Middle East", "Caribbean", "Balkans",
                                                         "Far East", "Near East"};
  // Regions of the US, with "the" ("before reaching the Carolinas" drew "the Bengal").
  static constexpr std::string_view kUsRegionsWithThe[] = {
      "Carolinas", "Dakotas",  "Midwest",    "Deep South",  "Pacific Northwest",
      "Rust Belt", "Sun Belt", "Bible Belt", "Great Plains"};
  for (const auto& list :
       {std::span<const std::string_view>(kContinents), std::span<const std::string_view>(kRegions),
        std::span<const std::string_view>(kRegionsWithThe),
        std::span<const std::string_view>(kUsRegionsWithThe)}) {
    if (std::string fresh = OtherOfList(list, value, rng); !fresh.empty()) return fresh;
  }
  return {};
}

// A county of Britain that no list holds ("Buckinghamshire" drew "Tanggu", a district of
// Tianjin): another of its nation's, or of the nation whose region a text places it in
// (FakePlaceNear: "Lancashire, England" became "Cambridgeshire, Wales" beside England's
// surrogate "Wales"); empty for any other value.
std::string FakeBritishCounty(std::string_view value, Rng& rng) {
  static constexpr std::string_view kEngland[] = {
      "Bedfordshire",   "Berkshire",       "Buckinghamshire", "Cambridgeshire", "Cheshire",
      "Cornwall",       "Cumbria",         "Derbyshire",      "Devon",          "Dorset",
      "Essex",          "Gloucestershire", "Hampshire",       "Herefordshire",  "Hertfordshire",
      "Kent",           "Lancashire",      "Leicestershire",  "Lincolnshire",   "Northamptonshire",
      "Northumberland", "Nottinghamshire", "Oxfordshire",     "Rutland",        "Shropshire",
      "Somerset",       "Staffordshire",   "Suffolk",         "Surrey",         "East Sussex",
      "West Sussex",    "Warwickshire",    "Wiltshire",       "Worcestershire", "North Yorkshire",
      "West Yorkshire", "South Yorkshire", "Merseyside"};
  static constexpr std::string_view kWales[] = {"Pembrokeshire", "Carmarthenshire", "Gwynedd",
                                                "Powys"};
  static constexpr std::string_view kScotland[] = {"Aberdeenshire", "Perthshire", "Ayrshire",
                                                   "Lanarkshire",   "Fife",       "Argyll"};
  // Ireland's counties, north and south, written with "Co." or "County" before them ("Dingle,
  // Co. Kerry" became "Panamá"; session fifty).
  static constexpr std::string_view kNorthernIreland[] = {"Antrim",    "Armagh", "Down",
                                                          "Fermanagh", "Tyrone", "Londonderry"};
  static constexpr std::string_view kIreland[] = {
      "Carlow",    "Cavan",     "Clare",     "Cork",     "Donegal", "Dublin",    "Galway",
      "Kerry",     "Kildare",   "Kilkenny",  "Laois",    "Leitrim", "Limerick",  "Longford",
      "Louth",     "Mayo",      "Meath",     "Monaghan", "Offaly",  "Roscommon", "Sligo",
      "Tipperary", "Waterford", "Westmeath", "Wexford",  "Wicklow"};
  std::string_view prefix;
  for (std::string_view p : {"Co. ", "Co ", "County ", "CO. ", "COUNTY "})
    if (value.starts_with(p)) prefix = p;
  const std::string_view county_name = value.substr(prefix.size());
  const std::span<const std::string_view> nations[] = {kEngland, kWales, kScotland,
                                                       kNorthernIreland, kIreland};
  static constexpr std::string_view kNationKeys[] = {"GB.ENG", "GB.WLS", "GB.SCT", "GB.NIR", "IE"};
  // (Ireland's only with "Co." or "County": "Down", "Clare", "Kerry" are words and names too.)
  const int last_nation = prefix.empty() ? 3 : 5;
  int own = -1, placed = -1;
  for (int n = 0; n < last_nation; ++n) {
    for (std::string_view county : nations[n])
      if (EqualsIgnoringAsciiCase(county, county_name)) own = n;
    if (g_text_region == kNationKeys[n]) placed = n;
  }
  if (own < 0) return {};
  if (own >= 3) placed = -1;  // (a county of Ireland stays on the island)
  const std::span<const std::string_view> list = nations[placed >= 0 ? placed : own];
  std::string_view fresh;
  for (int attempt = 0; attempt < 8; ++attempt) {
    fresh = list[rng.Below(static_cast<uint32_t>(list.size()))];
    if (!EqualsIgnoringAsciiCase(fresh, county_name)) break;
  }
  return EqualsIgnoringAsciiCase(fresh, county_name)
             ? std::string()
             : std::string(prefix) + LikeCase(fresh, county_name);
}

}  // namespace

// One of the smaller half of the towns of the region `key`, never `value` or `besides`, in
// `value`'s case style; empty when the region lists fewer than four.
std::string SmallTownIn(const PlaceIndex* idx, std::string_view value, std::string_view key,
                        std::string_view besides, Rng& rng) {
  if (!idx->model) return {};
  const auto same = idx->cities_of_region.find(std::string(key));
  if (same == idx->cities_of_region.end() || same->second.size() < 4) return {};
  const std::vector<ner::Place>& cities = idx->model->gazetteer().cities();
  const std::vector<uint32_t>& in_region = same->second;
  const size_t n = in_region.size();
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::string& fresh =
        cities[in_region[n / 2 + rng.Below(static_cast<uint32_t>(n - n / 2))]].name;
    // (Not a census place of a number: "Socorro Mission Number 1 Colonia".)
    if (!EqualsIgnoringAsciiCase(fresh, besides) && !EqualsIgnoringAsciiCase(fresh, value) &&
        fresh.find(',') == std::string::npos && fresh.find(" Number ") == std::string::npos &&
        std::none_of(fresh.begin(), fresh.end(), [](char c) { return pii::IsDigit(c); }))
      return LikeCase(fresh, value);
  }
  return {};
}

std::string FakeLocation(std::string_view value, Rng& rng) {
  // A hashtag of a place ("#Moscow") stays a hashtag.
  if (value.size() > 1 && value[0] == '#') return "#" + FakeLocation(value.substr(1), rng);
  if (std::string code = FakeAbbreviatedPlace(value, rng); !code.empty()) return code;
  if (std::string region = FakeWorldRegion(value, rng); !region.empty()) return region;
  if (std::string state = FakeStateAbbreviation(value, rng); !state.empty()) return state;
  if (std::string road = FakeNumberedRoad(value, rng); !road.empty()) return road;
  // A river for a river, an island for an island ("the Mekong" -> "the Irrawaddy", not a town).
  if (const int kind = ner::GeographicFeatureKindOf(value); kind >= 0) {
    const auto same = ner::GeographicFeaturesOfKind(static_cast<ner::FeatureKind>(kind));
    const std::string orig = AsciiLowered(value);
    for (int attempt = 0; attempt < 16; ++attempt) {
      const std::string_view f = same[rng.Below(static_cast<uint32_t>(same.size()))];
      if (AsciiLowered(f) != orig) return LikeCase(std::string(f), value);
    }
  }
  // A hotel or a restaurant keeps its word and gets a family name ("Hotel Adlon Kempinski" ->
  // "Hotel Whitfield", "Hilton Garden Inn" -> "Okafor Inn"; they drew towns: "We stayed at
  // Liaocheng in Leipzig").
  if (std::string venue = FakeVenue(value, rng); !venue.empty()) return venue;
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return SameShape(value, 0, rng);
  const ner::NerGazetteer& g = idx->model->gazetteer();
  // Another name of a listed place ("Milano", "Allemagne") draws as that place does, and never
  // that place ("Milan"); it comes first, since a smaller town may bear it in GeoNames' list
  // ("Roma" of "00186 Roma" drew a town of India).
  const std::string_view original = value;
  const auto it = FindPlace(*idx, value);
  std::string fresh;
  // A British county ("Essex", "Surrey" and "Suffolk" are towns of other countries in GeoNames'
  // list, which holds no county), unless the name is a British town's.
  if (it == idx->by_name.end() || it->second.first != kCity ||
      g.cities()[it->second.second].country != "GB") {
    if (std::string county = FakeBritishCounty(value, rng); !county.empty()) return county;
  }
  const auto address_region = g_address_region.empty()
                                  ? idx->cities_of_region.end()
                                  : idx->cities_of_region.find(g_address_region);
  if (address_region != idx->cities_of_region.end() && address_region->second.size() >= 3 &&
      (it == idx->by_name.end() || it->second.first != kCountry)) {
    // A town of an address that names its state: a town of that state, of about the town's
    // rank there (the smaller half for one no list holds).
    const std::vector<uint32_t>& same = address_region->second;
    const size_t n = same.size();
    const std::vector<ner::Place>& cities = g.cities();
    const bool listed =
        it != idx->by_name.end() && RegionKey(cities[it->second.second]) == address_region->first;
    fresh = PickNearBy(
        n, [&](size_t k) -> const std::string& { return cities[same[k]].name; },
        listed ? idx->city_rank_in_region[it->second.second] : n * 3 / 4, listed ? 10 : n / 4,
        value, rng);
  } else if (it == idx->by_name.end() && !g_text_region.empty() &&
             !(fresh = SmallTownIn(idx, value, g_text_region, g_text_besides, rng)).empty()) {
    // (A district before its city: a smaller town of the region of the city's surrogate.)
  } else if (it == idx->by_name.end()) {
    // Landmarks, districts, places no list has: a mid-sized city; in an address whose country
    // is known, or a text that names one country, one of the smaller half of that country's
    // cities.
    const int slot = g_address_country >= 0 ? g_address_country : g_text_country;
    if (slot >= 0 && idx->cities_of_country[slot].size() >= 5) {
      const size_t n = idx->cities_of_country[slot].size();
      fresh = PickInCountry(*idx, g, slot, n * 3 / 4, n / 4, value, rng);
    } else {
      fresh = PickNear(g.cities(), 1000, 1000, value, rng);
    }
  } else if (it->second.first == kCountry) {
    // A country of similar population (it->first is the value in lower case), one that takes
    // "the" for one that does ("back to the Netherlands" became "the Tunisia").
    const std::vector<ner::Place>& by_pop = idx->countries_by_population;
    const auto rank = idx->country_rank.find(it->first);
    const size_t at = rank != idx->country_rank.end() ? rank->second : by_pop.size();
    fresh = PickNear(by_pop, at, 10, value, rng);
    if (const bool the = CountryTakesThe(value); CountryTakesThe(fresh) != the) {
      // (The nearest ranks that match, widening until a few do: few countries take "the".)
      std::vector<size_t> same;
      const std::string orig = AsciiLowered(value);
      for (size_t radius = 10; same.size() < 3 && radius <= by_pop.size(); radius *= 2) {
        same.clear();
        for (size_t k = at > radius ? at - radius : 0; k < std::min(by_pop.size(), at + radius + 1);
             ++k)
          if (CountryTakesThe(by_pop[k].name) == the && AsciiLowered(by_pop[k].name) != orig)
            same.push_back(k);
      }
      if (!same.empty()) fresh = by_pop[same[rng.Below(static_cast<uint32_t>(same.size()))]].name;
    }
  } else if (it->second.first == kRegion) {
    // Another region of the same country when it has several.
    const ner::Place& region = g.regions()[it->second.second];
    const auto of_country = idx->regions_of_country.find(region.country);
    fresh = of_country != idx->regions_of_country.end() && of_country->second.size() > 1
                ? PickNear(of_country->second, 0, of_country->second.size(), value, rng)
                : PickNear(g.regions(), it->second.second, 50, value, rng);
  } else {
    // A city of the same country and similar size ("Lyon" -> "Toulouse", not "Lisbon": the
    // streets, postcodes and languages around it stay plausible), where the country has a few.
    const size_t i = it->second.second;
    const int slot = CountrySlot(g.cities()[i].country);
    fresh = slot >= 0 && idx->cities_of_country[slot].size() >= 5
                ? PickInCountry(*idx, g, slot, idx->city_rank_in_country[i], 20, value, rng)
                : PickNear(g.cities(), i, 40, value, rng);
  }
  return LikeCase(fresh, original);
}

std::string FakeLocationIn(std::string_view value, std::string_view code, Rng& rng) {
  struct Scope {
    explicit Scope(int slot) { g_text_country = slot; }
    ~Scope() { g_text_country = -1; }
  } scope(CountrySlot(code));
  // (Through MakeSurrogate: a church, a hospital or a street keeps its kind.)
  return MakeSurrogate("LOCATION", value, rng);
}

std::string PlaceCountryCode(std::string_view value, bool* is_country) {
  *is_country = false;
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const auto it = FindPlace(*idx, value);
  if (it == idx->by_name.end()) return {};
  const ner::NerGazetteer& g = idx->model->gazetteer();
  if (it->second.first == kCountry) {
    *is_country = true;
    return g.countries()[it->second.second].country;
  }
  if (it->second.first == kCity) return g.cities()[it->second.second].country;
  return {};
}

std::string FakeCityIn(std::string_view value, std::string_view code, Rng& rng) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const std::string_view original = value;
  const auto it = FindPlace(*idx, value);
  const int slot = CountrySlot(code);
  if (it == idx->by_name.end() || it->second.first != kCity || slot < 0 ||
      idx->cities_of_country[slot].size() < 5)
    return {};
  const ner::NerGazetteer& g = idx->model->gazetteer();
  // Not a name that first names a place elsewhere ("Barcelona" of Venezuela reads as Spain's
  // next to "Venezuela").
  std::string fresh;
  for (int attempt = 0; attempt < 8; ++attempt) {
    fresh =
        PickInCountry(*idx, g, slot, idx->city_rank_in_country[it->second.second], 20, value, rng);
    const auto named = idx->by_name.find(AsciiLowered(fresh));
    if (named != idx->by_name.end() && named->second.first == kCity &&
        g.cities()[named->second.second].country == code)
      break;
  }
  return LikeCase(fresh, original);
}

// The listed cities of the name `value` as written, else under its listed name, largest first
// ("Holland" of "Holland, Michigan" is the town, though "Holland" alone is the Netherlands;
// "Milano" is Milan); null when no city has it.
const std::vector<uint32_t>* CitiesNamed(const PlaceIndex& idx, std::string_view value) {
  auto named = idx.cities_by_name.find(AsciiLowered(value));
  if (named == idx.cities_by_name.end()) {
    if (FindPlace(idx, value) == idx.by_name.end()) return nullptr;
    named = idx.cities_by_name.find(AsciiLowered(value));
  }
  return named == idx.cities_by_name.end() ? nullptr : &named->second;
}

std::string PlaceRegionKey(std::string_view value) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const auto it = FindPlace(*idx, value);
  if (it == idx->by_name.end() || it->second.first != kRegion) return {};
  return RegionKey(idx->model->gazetteer().regions()[it->second.second]);
}

std::string CityRegionKey(std::string_view city, std::string_view region) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const ner::NerGazetteer& g = idx->model->gazetteer();
  if (region.empty()) {
    const auto it = FindPlace(*idx, city);
    if (it == idx->by_name.end() || it->second.first != kCity) return {};
    return RegionKey(g.cities()[it->second.second]);
  }
  const std::vector<uint32_t>* named = CitiesNamed(*idx, city);
  if (named == nullptr) return {};
  std::string_view listed_region = region;
  FindPlace(*idx, listed_region);
  for (uint32_t c : *named) {
    std::string key = RegionKey(g.cities()[c]);
    const auto r = idx->region_by_key.find(key);
    if (r != idx->region_by_key.end() &&
        EqualsIgnoringAsciiCase(g.regions()[r->second].name, listed_region))
      return key;
  }
  return {};
}

bool IsListedPlace(std::string_view value) {
  const PlaceIndex* idx = GetPlaceIndex();
  return idx->model && FindPlace(*idx, value) != idx->by_name.end();
}

std::string RegionNameOf(std::string_view key) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const auto it = idx->region_by_key.find(std::string(key));
  return it == idx->region_by_key.end() ? std::string()
                                        : idx->model->gazetteer().regions()[it->second].name;
}

bool HasListedTowns(std::string_view key) {
  const PlaceIndex* idx = GetPlaceIndex();
  const auto same = idx->cities_of_region.find(std::string(key));
  return same != idx->cities_of_region.end() && same->second.size() >= 4;
}

std::string FakePlaceNear(std::string_view value, std::string_view key, std::string_view besides,
                          Rng& rng) {
  struct Scope {
    Scope(std::string_view key, std::string_view besides) {
      g_text_region = key;
      g_text_besides = besides;
    }
    ~Scope() {
      g_text_region = {};
      g_text_besides = {};
    }
  } scope(key, besides);
  // (Through MakeSurrogate: a hospital or a street before its city keeps its kind.)
  return MakeSurrogate("LOCATION", value, rng);
}

bool IsCityOfRegion(std::string_view city, std::string_view key) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return false;
  const std::vector<uint32_t>* named = CitiesNamed(*idx, city);
  if (named == nullptr) return false;
  const std::vector<ner::Place>& cities = idx->model->gazetteer().cities();
  return std::any_of(named->begin(), named->end(),
                     [&](uint32_t c) { return RegionKey(cities[c]) == key; });
}

std::string RegionKeyIn(std::string_view region, std::string_view code) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const auto of_country = idx->regions_of_country.find(std::string(code));
  if (of_country == idx->regions_of_country.end()) return {};
  for (const ner::Place& r : of_country->second)
    if (EqualsIgnoringAsciiCase(r.name, region)) return RegionKey(r);
  return {};
}

std::string FakeRegionIn(std::string_view value, std::string_view code, Rng& rng) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const auto of_country = idx->regions_of_country.find(std::string(code));
  if (of_country == idx->regions_of_country.end() || of_country->second.size() < 2) return {};
  const std::vector<ner::Place>& same = of_country->second;
  // Never the place under its listed name either ("Normandie" drew "Normandy").
  std::string_view listed = value;
  FindPlace(*idx, listed);
  return LikeCase(PickNear(same, 0, same.size(), listed, rng), value);
}

std::string FakeCityInRegion(std::string_view value, std::string_view region_key, Rng& rng) {
  const PlaceIndex* idx = GetPlaceIndex();
  if (!idx->model) return {};
  const std::vector<uint32_t>* named = CitiesNamed(*idx, value);
  const auto same = idx->cities_of_region.find(std::string(region_key));
  if (named == nullptr || same == idx->cities_of_region.end() || same->second.size() < 2) return {};
  const std::vector<ner::Place>& cities = idx->model->gazetteer().cities();
  const std::vector<uint32_t>& in_region = same->second;
  const size_t rank =
      std::min<size_t>(idx->city_rank_in_region[named->front()], in_region.size() - 1);
  std::string_view listed = value;  // (not "Milan" for "Milano")
  FindPlace(*idx, listed);
  std::string fresh = PickNearBy(
      in_region.size(), [&](size_t k) -> const std::string& { return cities[in_region[k]].name; },
      rank, 10, listed, rng);
  return LikeCase(fresh, value);
}

namespace {

// The country an address is in, as a slot of PlaceIndex::cities_of_country, or -1: a British
// postcode, an Irish county, or a listed city, region or country among its words ("...,
// Lyon", "..., Nairobi, Kenya"; the first that says).
int AddressCountry(const PlaceIndex& idx, std::string_view a) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (!pii::IsUpper(a[i]) || (i > 0 && pii::IsAlnum(a[i - 1]))) continue;
    if (pii::UkPostcodeWithSpaceEnd(a, i)) return CountrySlot("GB");
    if (pii::IrishCountyEnd(a, i)) return CountrySlot("IE");
    // A Canadian postal code after a province's code ("Iqaluit, NU X0A 0H0": a town no list
    // holds drew a town of Brazil).
    if (i >= 4 && a[i - 1] == ' ' && pii::IsUpper(a[i - 2]) && pii::IsUpper(a[i - 3]) &&
        a[i - 4] == ' ' && pii::CaPostcodeEnd(a, i))
      return CountrySlot("CA");
  }
  if (!idx.model) return -1;
  const ner::NerGazetteer& g = idx.model->gazetteer();
  for (size_t i = 0; i < a.size();) {
    while (i < a.size() && !pii::IsUpper(a[i]) && static_cast<unsigned char>(a[i]) < 0xC3) ++i;
    size_t e = i;
    while (e < a.size() && a[e] != ',' && a[e] != '\n' && !pii::IsDigit(a[e])) ++e;
    std::string_view words = a.substr(i, e - i);
    // (Less the spaces and a dash before a code: "New Delhi - 110075".)
    while (!words.empty() && (words.back() == ' ' || words.back() == '-')) words.remove_suffix(1);
    if (auto it = FindPlace(idx, words); it != idx.by_name.end()) {
      if (it->second.first == kCity) return CountrySlot(g.cities()[it->second.second].country);
      if (it->second.first == kRegion) return CountrySlot(g.regions()[it->second.second].country);
      if (it->second.first == kCountry)
        return CountrySlot(g.countries()[it->second.second].country);
    }
    i = e + 1;
  }
  // No place says: the street's form may ("Piazza Navona 12, 00186 Roma": Italy).
  return CountrySlot(StreetFormCountry(a));
}

}  // namespace

std::string AddressCountryCode(std::string_view address) {
  const int slot = AddressCountry(*GetPlaceIndex(), address);
  if (slot < 0) return {};
  return {static_cast<char>('A' + slot / 26), static_cast<char>('A' + slot % 26)};
}

namespace {

// The region of the state or province code after an address's town ("Springfield, IL 62704",
// "Toronto, ON M5V 2T6", "Sydney NSW 2000"), as a key of PlaceIndex::cities_of_region; empty
// when none follows. GeoNames' codes are the United States' own; Canada's and Australia's
// provinces and states are numbered there.
std::string RegionCodeAfterTown(std::string_view a, size_t end) {
  size_t k = end;
  if (k < a.size() && a[k] == ',') ++k;
  if (k >= a.size() || a[k] != ' ') return {};
  ++k;
  size_t e = k;
  while (e < a.size() && pii::IsUpper(a[e])) ++e;
  if (e - k < 2 || e - k > 3 || (e < a.size() && a[e] != ' ' && a[e] != ',' && a[e] != '\n'))
    return {};
  const std::string_view code = a.substr(k, e - k);
  struct Province {
    std::string_view code, key;
  };
  static constexpr Province kProvinces[] = {
      {"AB", "CA.01"}, {"BC", "CA.02"},  {"MB", "CA.03"}, {"NB", "CA.04"},  {"NL", "CA.05"},
      {"NS", "CA.07"}, {"ON", "CA.08"},  {"PE", "CA.09"}, {"QC", "CA.10"},  {"SK", "CA.11"},
      {"YT", "CA.12"}, {"NT", "CA.13"},  {"NU", "CA.14"}, {"ACT", "AU.01"}, {"NSW", "AU.02"},
      {"NT", "AU.03"}, {"QLD", "AU.04"}, {"SA", "AU.05"}, {"TAS", "AU.06"}, {"VIC", "AU.07"},
      {"WA", "AU.08"}};
  // Canada's and Australia's codes where the address's country says so (a postcode's shape
  // or a town of theirs; "NT", "WA" are both a province's or a state's of theirs and a US
  // state's).
  const int slot = g_address_country;
  // Where no place says the country, the postcode's shape does: four digits for Australia's,
  // "M5V" for Canada's ("Unit 5/12 Smith St, Fitzroy VIC 3065" drew a town of China).
  const std::string_view after = a.substr(std::min(e + 1, a.size()));
  const bool au_postcode = after.size() >= 4 && std::all_of(after.begin(), after.begin() + 4,
                                                            [](char c) { return pii::IsDigit(c); });
  const bool ca_postcode = after.size() >= 3 && pii::IsUpper(after[0]) && pii::IsDigit(after[1]) &&
                           pii::IsUpper(after[2]);
  for (const Province& p : kProvinces) {
    if (p.code != code) continue;
    const std::string_view country = p.key.substr(0, 2);
    if (slot == CountrySlot(country) ||
        (slot < 0 && ((country == "AU" && au_postcode) || (country == "CA" && ca_postcode))))
      return std::string(p.key);
  }
  if (code.size() != 2 || (slot >= 0 && slot != CountrySlot("US"))) return {};
  return "US." + std::string(code);
}

}  // namespace

std::string ReplaceAddressTowns(std::string_view a,
                                const std::function<std::string(std::string_view)>& replace) {
  const PlaceIndex* idx = GetPlaceIndex();
  // Towns no list holds are drawn from the address's country (FakeLocation reads it).
  struct CountryScope {
    explicit CountryScope(int slot) { g_address_country = slot; }
    ~CountryScope() { g_address_country = -1; }
  } country_scope(AddressCountry(*idx, a));
  using pii::IsDigit, pii::IsLower, pii::IsUpper;
  auto letter = [&](char c) {
    return IsAsciiLetter(c) || c == '-' || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
  };
  std::string out;
  size_t i = 0, copied = 0;
  std::string_view region_part;  // the name of the last town's region after it, kept
  // A town before a postcode in the first part ("Leeds LS6 2QR"), which names no street.
  if (const size_t town_end = TownAndPostcodeFirst(a); town_end > 0) {
    const std::string_view town = a.substr(0, town_end);
    const auto it = idx->by_name.find(AsciiLowered(town));
    if (it == idx->by_name.end() || it->second.first == kCity) {
      out += replace(town);
      copied = town_end;
    }
  }
  while (i < a.size()) {
    // The start of the next part: after ", ", a line break or a vCard's ';' (and the spaces
    // after them).
    const size_t sep = a.find_first_of(",;\n", i);
    if (sep == std::string_view::npos) break;
    size_t k = sep + 1;
    while (k < a.size() && (a[k] == ' ' || a[k] == '\t' || a[k] == '\n' || a[k] == '\r')) ++k;
    i = k;
    // A postcode before the town ("75007 Paris", "1015 CJ Amsterdam", "D-80331 München",
    // "00-514 Warszawa", "111 21 Stockholm", "1200-195 Lisboa").
    size_t t = k;
    if (t + 2 < a.size() && IsUpper(a[t]) && a[t + 1] == '-') t += 2;
    size_t d = t;
    while (d < a.size() && IsDigit(a[d])) ++d;
    if (d - t >= 2 && d - t <= 4 && d + 1 < a.size() && (a[d] == '-' || a[d] == ' ') &&
        IsDigit(a[d + 1])) {
      size_t d2 = d + 1;
      while (d2 < a.size() && IsDigit(a[d2])) ++d2;
      if (d2 - d - 1 >= 2 && d2 - d - 1 <= 3 && d2 < a.size() && a[d2] == ' ') d = d2;
    }
    if (d - t >= 4 && d - t <= 8 && d < a.size() && a[d] == ' ') {
      t = d + 1;
      if (t + 2 < a.size() && IsUpper(a[t]) && IsUpper(a[t + 1]) && a[t + 2] == ' ') t += 3;
    } else {
      t = k;
    }
    // The town: one to three capitalised words of letters, before the part's end, a code
    // ("M20 2QE", "IL", "NSW") or a bracket; not a unit ("Apt 4B", "Fifth Floor"), and not a
    // country or region, which name no one's street (kept, as Safe Harbor keeps states).
    size_t end = t, e = t;
    bool unit = false;
    for (int words = 0; words < 3 && e < a.size(); ++words) {
      if (!(IsUpper(a[e]) || static_cast<unsigned char>(a[e]) >= 0xC3)) break;
      size_t w = e;
      while (w < a.size() && letter(a[w])) ++w;
      if (w == e || (w < a.size() && a[w] != ' ' && a[w] != ',' && a[w] != ';' && a[w] != '\n' &&
                     a[w] != '\r'))
        break;
      const std::string_view word = a.substr(e, w - e);
      if (word.size() <= 3 &&
          std::all_of(word.begin(), word.end(), [](char c) { return pii::IsUpper(c); }))
        break;  // "IL", "NSW"
      // (Nor a plot, sector or block of Indian and other addresses: "Plot No. 45, Sector 21".)
      unit |= pii::IsAddressUnitWord(word) ||
              (words == 0 && (word == "Plot" || word == "Sector" || word == "Block" ||
                              word == "Phase" || word == "Pocket" || word == "Wing"));
      end = w;
      if (w + 1 >= a.size() || a[w] != ' ') break;
      e = w + 1;
    }
    if (end == t || unit) continue;
    // A street or a named house is no town ("Lower Street", "Rose Cottage" of a British
    // address that names its house); Street() rewrote it already.
    if (pii::HoldsStreetOrHouseWord(a.substr(t, end - t))) continue;
    // A lower-case word after the words makes them a street's ("Dylan locks").
    if (end + 1 < a.size() && a[end] == ' ' && IsLower(a[end + 1])) continue;
    const std::string_view town = a.substr(t, end - t);
    // A Canadian box's station names its post office, no town ("Box 1034, Station Main,").
    if (town.starts_with("Station ") || town.starts_with("STN ")) continue;
    // A country under a name GeoNames does not list ("Czech Republic", "Britain") stays too.
    if (ner::IsOtherCountryName(town)) continue;
    // The region of the town: by the state's code after it ("Springfield, IL 62704"), or by
    // its name ("Seattle, Washington 98121").
    std::string region = RegionCodeAfterTown(a, end);
    std::string_view next_part;
    if (region.empty() && end + 2 < a.size() && a[end] == ',' && a[end + 1] == ' ') {
      next_part = a.substr(end + 2, a.find_first_of(",\n0123456789", end + 2) - end - 2);
      while (!next_part.empty() && next_part.back() == ' ') next_part.remove_suffix(1);
      if (!next_part.empty()) region = CityRegionKey(town, next_part);
    }
    // A region's or country's name is kept (as Safe Harbor keeps states), unless a state's code
    // follows it ("New York, NY 10118" names the city), and so is the town's region after it.
    if (auto it = idx->by_name.find(AsciiLowered(town));
        it != idx->by_name.end() && it->second.first != kCity &&
        (it->second.first == kCountry || RegionCodeAfterTown(a, end).empty()))
      continue;
    if (town == region_part) continue;
    out.append(a.substr(copied, t - copied));
    g_address_region = region;
    out += replace(town);
    g_address_region.clear();
    if (!region.empty() && !next_part.empty()) region_part = next_part;
    copied = i = end;
  }
  out.append(a.substr(copied));
  return out;
}

std::string FakeOrganization(std::string_view value, Rng& rng) {
  // The legal form at the end ("Siemens AG", "Acme, Inc.", "Foo GmbH & Co. KG") is kept.
  size_t keep_from = value.size();
  const PlaceIndex* idx = GetPlaceIndex();
  if (idx->model) {
    const std::string lower = AsciiLowered(value);
    for (const std::string& form : idx->model->gazetteer().legal_forms()) {
      if (form.size() + 2 > lower.size()) continue;
      const size_t at = lower.size() - form.size();
      if (lower.compare(at, form.size(), form) != 0) continue;
      const char before = lower[at - 1];
      if (before != ' ' && before != ',') continue;
      if (at < keep_from) keep_from = at;  // longest form wins
    }
  }
  // Forms before that one stay too ("Co., Ltd", "Pty Ltd", "Pvt. Ltd"), while a word of the
  // name is left before them.
  while (keep_from < value.size()) {
    size_t e = keep_from;
    while (e > 0 && (value[e - 1] == ' ' || value[e - 1] == ',')) --e;
    const size_t b = value.rfind(' ', e == 0 ? 0 : e - 1);
    if (b == std::string_view::npos || e <= b + 1) break;
    const std::string_view word = value.substr(b + 1, e - b - 1);
    const std::string_view bare = word.back() == '.' ? word.substr(0, word.size() - 1) : word;
    if (!ner::IsLegalForm(word) && !ner::IsLegalForm(bare)) break;
    keep_from = b + 1;
  }
  // "University of Split", "Legislative Assembly of Manitoba": an institution of a place keeps
  // its kind and takes another place (so does a legal form's: "AG of Texas").
  if (keep_from == value.size()) {
    const size_t of = value.find(" of ");
    if (of != std::string_view::npos && of > 0) {
      const size_t sp = value.rfind(' ', of - 1);
      const size_t head_start = sp == std::string_view::npos ? 0 : sp + 1;
      const std::string_view head = value.substr(head_start, of - head_start);
      const std::string_view place = value.substr(of + 4);
      if ((ner::IsInstitutionHead(head) || ner::IsLegalForm(head)) && idx->model &&
          idx->by_name.count(AsciiLowered(place)))
        return std::string(value.substr(0, of + 4)) + FakeLocation(place, rng);
    }
  }
  // Words such as "University", "Bank", "Hospital", "Senate" at the end stay too, and a legal
  // form of legal_forms.h that the gazetteer's list above lacks ("SpA", "Pvt").
  if (keep_from == value.size()) {
    const size_t sp = value.rfind(' ');
    if (sp != std::string_view::npos) {
      const std::string_view last_word = value.substr(sp + 1);
      if ((pii::NameFlags(last_word) & pii::kOrgSuffix) || ner::IsInstitutionHead(last_word) ||
          ner::IsLegalForm(last_word))
        keep_from = sp + 1;
    }
  }
  static constexpr std::string_view kNouns[] = {
      "Systems",   "Holdings", "Industries", "Partners",  "Group", "Labs",     "Works",
      "Logistics", "Trading",  "Foods",      "Analytics", "Media", "Dynamics", "Solutions"};
  const auto& last = pii::LastNames();
  std::string base(last[rng.Below(static_cast<uint32_t>(last.size()))]);
  std::string_view kept = value.substr(keep_from);
  std::string sep;
  if (!kept.empty()) {
    size_t b = keep_from;
    while (b > 0 && (value[b - 1] == ' ' || value[b - 1] == ',')) --b;
    sep = std::string(value.substr(b, keep_from - b));
  } else {
    base += " ";
    base += kNouns[rng.Below(sizeof(kNouns) / sizeof(kNouns[0]))];
  }
  if (AsciiLowered(base) == AsciiLowered(value.substr(0, keep_from))) base += " & Co";
  return LikeCase(base, value.substr(0, keep_from)) + sep + std::string(kept);
}

}  // namespace refinery::anon
