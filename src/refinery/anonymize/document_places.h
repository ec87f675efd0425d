// The places of one document and how their surrogates hang together, so that a reader of the
// anonymized text sees one consistent map: a city drawn in the surrogate of the country or the
// region the text names for it ("Houston, Texas ... Austin, Texas" -> "Vancouver, Washington
// ... Kent, Washington"), a region written by name and by code one surrogate in both forms
// ("Kansas ... KS" -> "Pennsylvania ... PA"), a place no list holds before its city a smaller
// town of the region of that city's surrogate ("Ballard, Seattle" -> "Acworth, Atlanta"), and a
// village of a text that names one country a town of that country's surrogate, or of a text
// whose listed places all lie in one country and that names none a town of that country.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "refinery/anonymize/surrogates.h"

namespace refinery::anon {

class DocumentPlaces {
 public:
  void Clear();
  // Each LOCATION span to be replaced by a surrogate, in text order: `place` is its text and
  // `end` the byte after it in `text`.
  void Add(std::string_view text, std::string_view place, size_t end);

  // How the surrogate of `original` (a LOCATION outside an address) is drawn. `surrogate_of`
  // gives another place's surrogate in this document (the anonymizer's memo; it may call back
  // here for that place).
  struct Plan {
    std::string alias;           // the surrogate itself, from the region's other form
    std::string region_country;  // a region: another region of this country
    std::string city_region;     // a city: a city of this region ("US.TX")
    std::string city_country;    // a city: a city of this country
    std::string near_region;     // a place before its city or region: a smaller town of this
    std::string near_besides;    // ... and not this one (the city's surrogate)
    std::string text_country;    // a place no list holds: a town of this country
  };
  using SurrogateOf = std::function<std::string(std::string_view place)>;
  Plan PlanFor(std::string_view original, const SurrogateOf& surrogate_of) const;

  // A surrogate drawn as `plan` says, or empty where the plan says nothing (MakeSurrogate's
  // then).
  static std::string Draw(const Plan& plan, std::string_view original, Rng& rng);

 private:
  // The surrogate country's code of the country `code` when the document names it, else `code`.
  std::string CountryOf(const std::string& code, const SurrogateOf& surrogate_of) const;

  // The countries the document names, by ISO code, as first written.
  std::vector<std::pair<std::string, std::string_view>> countries_;
  // The one country of every listed city and region the document names ("Bury St Edmunds ...
  // Ipswich": "GB"), empty when there are none; "-" when they lie in several.
  std::string places_country_;
  // The regions it names (PlaceRegionKey's keys: "US.TX"), each way it writes them ("Kansas",
  // "KS"), in text order.
  std::vector<std::pair<std::string, std::string_view>> regions_;
  // A city followed by its region or a state's code: that region's key ("Springfield,
  // Illinois" is the Springfield of Illinois).
  std::unordered_map<std::string_view, std::string> city_regions_;
  std::unordered_set<std::string> kept_regions_;  // named by a code that is no span ("OR")
  // A place no list holds -> the city or region after it ("Ballard" -> "Seattle").
  std::unordered_map<std::string_view, std::string_view> near_places_;
  std::string_view last_place_;  // the previous LOCATION span's text
  size_t last_place_end_ = std::string_view::npos;
};

}  // namespace refinery::anon
