#include "refinery/anonymize/document_places.h"

#include <algorithm>

#include "refinery/core/ascii.h"

namespace refinery::anon {

namespace {

// Whether `s` is two capitals, as a US state's code is written.
bool IsStateCode(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// The region key of a US state's code right after byte `end` (", OR" then no letter:
// "Beaverton, OR."), or empty.
std::string StateCodeAfter(std::string_view text, size_t end) {
  if (end + 4 > text.size() || text[end] != ',' || text[end + 1] != ' ') return {};
  const char a = text[end + 2], b = text[end + 3];
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return {};
  if (end + 4 < text.size() && IsAsciiLetter(text[end + 4])) return {};
  return std::string("US.") + a + b;
}

// Whether the text between two places is a comma between at most two blanks on each side
// ("Houston, Texas"; tokenised text writes "Newark , Ohio").
bool IsCommaGap(std::string_view gap) {
  const size_t comma = gap.find(',');
  if (comma == std::string_view::npos || comma > 2 || gap.size() - comma > 3) return false;
  return std::all_of(gap.begin(), gap.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == ','; }) &&
         gap.find(',', comma + 1) == std::string_view::npos;
}

}  // namespace

void DocumentPlaces::Clear() {
  countries_.clear();
  places_country_.clear();
  regions_.clear();
  city_regions_.clear();
  kept_regions_.clear();
  near_places_.clear();
  last_place_ = {};
  last_place_end_ = std::string_view::npos;
}

void DocumentPlaces::Add(std::string_view text, std::string_view place, size_t end) {
  const size_t start = static_cast<size_t>(place.data() - text.data());
  std::string region;
  if (last_place_end_ != std::string_view::npos && last_place_end_ <= start &&
      IsCommaGap(text.substr(last_place_end_, start - last_place_end_))) {
    // The region of the city before it, even where a country has its name ("Decatur, Georgia"
    // became "Bethlehem, Armenia"), or a state's code of it ("Denver, CO").
    const std::string state = IsStateCode(place) ? "US." + std::string(place) : std::string();
    region = !state.empty() && IsCityOfRegion(last_place_, state)
                 ? state
                 : CityRegionKey(last_place_, place);
    if (!region.empty()) city_regions_.emplace(last_place_, region);
    // A place no list holds before a city or a region ("Lost cat in Ballard, Seattle", "Cape
    // Canaveral, Florida", "Linwood, PA"): near that city's or region's surrogate (it was a
    // town of any country: "Hafizabad, El Paso", "Fujisawa, Alaska").
    if (region.empty() && !IsListedPlace(last_place_)) {
      if (!state.empty() && HasListedTowns(state)) region = state;
      if (!region.empty() || !CityRegionKey(place).empty() || !PlaceRegionKey(place).empty())
        near_places_.emplace(last_place_, place);
    }
  }
  bool is_country = false;
  std::string code = PlaceCountryCode(place, &is_country);
  if (is_country && region.empty() &&
      std::none_of(countries_.begin(), countries_.end(),
                   [&](const auto& c) { return c.first == code; }))
    countries_.emplace_back(std::move(code), place);
  if (region.empty() && !is_country) region = PlaceRegionKey(place);
  // (A region's country from its key, a city's from the gazetteer.)
  if (const std::string where = !is_country && !region.empty() ? region.substr(0, 2) : code;
      !is_country && !where.empty() && places_country_ != "-")
    places_country_ = places_country_.empty() || places_country_ == where ? where : "-";
  // A US state's code after a city of that state that is no span ("Beaverton, OR"): the code
  // stays, so the city's surrogate is a city of that state (it was "Lawton, OR", of Oklahoma).
  if (const std::string state = StateCodeAfter(text, end);
      !state.empty() && IsCityOfRegion(place, state)) {
    city_regions_.emplace(place, state);
    kept_regions_.insert(state);
  }
  if (!region.empty() && std::none_of(regions_.begin(), regions_.end(), [&](const auto& r) {
        return r.first == region && r.second == place;
      }))
    regions_.emplace_back(std::move(region), place);
  last_place_ = place;
  last_place_end_ = end;
}

std::string DocumentPlaces::CountryOf(const std::string& code,
                                      const SurrogateOf& surrogate_of) const {
  const auto named = std::find_if(countries_.begin(), countries_.end(),
                                  [&](const auto& c) { return c.first == code; });
  if (named == countries_.end()) return code;
  bool is_country = false;
  std::string fake = PlaceCountryCode(surrogate_of(named->second), &is_country);
  return is_country ? fake : code;
}

DocumentPlaces::Plan DocumentPlaces::PlanFor(std::string_view original,
                                             const SurrogateOf& surrogate_of) const {
  Plan plan;
  if (!regions_.empty() || !kept_regions_.empty()) {
    const auto named_region = std::find_if(regions_.begin(), regions_.end(),
                                           [&](const auto& r) { return r.second == original; });
    if (named_region != regions_.end()) {
      const std::string& key = named_region->first;
      // The first way the text writes the region, when this is another ("KS" after "Kansas"):
      // this one follows that one's surrogate ("KS" became "OB" beside "Kansas" ->
      // "Pennsylvania").
      const auto first_written = std::find_if(regions_.begin(), regions_.end(),
                                              [&](const auto& r) { return r.first == key; });
      if (first_written != named_region) {
        const std::string fake_first = surrogate_of(first_written->second);
        const std::string fake_key =
            IsStateCode(fake_first)
                ? "US." + fake_first
                : RegionKeyIn(fake_first, CountryOf(key.substr(0, 2), surrogate_of));
        if (IsStateCode(original)) {
          if (fake_key.starts_with("US.")) plan.alias = fake_key.substr(3);
        } else if (!fake_key.empty()) {
          plan.alias = RegionNameOf(fake_key);
        }
      }
      if (plan.alias.empty()) plan.region_country = CountryOf(key.substr(0, 2), surrogate_of);
    } else {
      const auto paired = city_regions_.find(original);
      const std::string key =
          paired != city_regions_.end() ? paired->second : CityRegionKey(original);
      const auto of_city = std::find_if(regions_.begin(), regions_.end(),
                                        [&](const auto& r) { return r.first == key; });
      if (!key.empty() && of_city == regions_.end() && kept_regions_.contains(key)) {
        plan.city_region = key;
      } else if (!key.empty() && of_city != regions_.end()) {
        const std::string fake_region = surrogate_of(of_city->second);
        plan.city_region =
            IsStateCode(fake_region)
                ? "US." + fake_region
                : RegionKeyIn(fake_region, CountryOf(key.substr(0, 2), surrogate_of));
      }
    }
  }
  // A city of a country the document names, outside an address (whose country stays, as Safe
  // Harbor keeps it): a city of that country's surrogate ("Casablanca, Morocco" became "Salé,
  // Venezuela": the city was drawn in Morocco, the country anywhere).
  if (!countries_.empty() && plan.city_region.empty() && plan.region_country.empty() &&
      plan.alias.empty()) {
    bool is_country = false;
    const std::string code = PlaceCountryCode(original, &is_country);
    const auto named = std::find_if(countries_.begin(), countries_.end(),
                                    [&](const auto& c) { return c.first == code; });
    if (!is_country && !code.empty() && named != countries_.end()) {
      bool fake_is_country = false;
      std::string fake_code = PlaceCountryCode(surrogate_of(named->second), &fake_is_country);
      if (fake_is_country) plan.city_country = std::move(fake_code);
    }
  }
  // A place no list holds in a text that names one country: a town of that country's surrogate.
  if (countries_.size() == 1 && countries_.front().second != original && !IsListedPlace(original)) {
    bool is_country = false;
    plan.text_country = PlaceCountryCode(surrogate_of(countries_.front().second), &is_country);
    if (!is_country) plan.text_country.clear();
  }
  // Or, in a text that names no country, whose listed places all lie in one (their surrogates
  // are drawn in it: FakeLocation keeps a city's country): a town of that country ("Bury St
  // Edmunds ... Lavenham ... Ipswich": "Lavenham" became the Indian "Ichalkaranji").
  if (countries_.empty() && places_country_.size() == 2 && !IsListedPlace(original))
    plan.text_country = places_country_;
  // A place no list holds before a city or a region: near that place's surrogate.
  if (const auto near = near_places_.find(original); near != near_places_.end()) {
    plan.near_besides = surrogate_of(near->second);
    if (IsStateCode(plan.near_besides)) {
      plan.near_region = "US." + plan.near_besides;
    } else {
      plan.near_region = CityRegionKey(plan.near_besides);
      if (plan.near_region.empty()) plan.near_region = PlaceRegionKey(plan.near_besides);
    }
  }
  return plan;
}

std::string DocumentPlaces::Draw(const Plan& plan, std::string_view original, Rng& rng) {
  if (!plan.alias.empty()) return plan.alias;  // drawn from the region's other form
  std::string place;
  if (!plan.near_region.empty()) {
    place = FakePlaceNear(original, plan.near_region, plan.near_besides, rng);
  } else if (!plan.region_country.empty()) {
    place = FakeRegionIn(original, plan.region_country, rng);
    // A state's code for a state's code ("Denver, CO" became "Seattle, DH"): the United
    // States' codes are GeoNames' own.
    if (IsStateCode(original) && plan.region_country == "US" && !place.empty()) {
      const std::string key = RegionKeyIn(place, "US");
      place = key.size() > 3 ? key.substr(3) : std::string();
    }
  } else if (!plan.city_region.empty()) {
    place = FakeCityInRegion(original, plan.city_region, rng);
    // (A region of one listed town: a town of its country.)
    if (place.empty()) place = FakeCityIn(original, plan.city_region.substr(0, 2), rng);
  } else if (!plan.city_country.empty()) {
    place = FakeCityIn(original, plan.city_country, rng);
  }
  if (place.empty() && !plan.text_country.empty())
    place = FakeLocationIn(original, plan.text_country, rng);
  return place;
}

}  // namespace refinery::anon
