// Other names of well-known places: the names their own languages give them ("Milano",
// "München", "Deutschland"), names other languages give them ("Allemagne", "Japon", "Irán",
// "Denemarken"), English names that GeoNames' lists do not use ("Cologne", "Seville",
// "Gothenburg", "Holland") and former names ("Bombay", "Peking", "Leningrad"). GeoNames' city,
// country and region lists, compiled into the tagger's gazetteer, give each place one or two
// names (their English or their own: "Köln" but "Munich"), so these were read as persons or
// firms ("Our first stop was Milano" -> PERSON "Milano"). Hand-written, read by the rules (the
// tagger's features never saw them), and by the LOCATION surrogates (a city of similar size).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace refinery::ner {

// Gazetteer bits (ner_gazetteer.h) of the token sequence whose PhraseCombine chain is
// `phrase_hash`: kGazCity | kGazBigCity for a city, kGazCountry for a country, kGazRegion |
// kGazCaseTitle for a region or a geographic feature, kGazPrefix for the first words of a longer
// name ("Den" of "Den Haag"); 0 for others.
uint16_t AlternatePlaceBits(uint64_t phrase_hash);

// The name GeoNames' lists give the place called `name` ("Milano" -> "Milan", "Allemagne" ->
// "Germany", "Bayern" -> "Bavaria"; ASCII case ignored), or empty.
std::string_view GeoNamesPlaceName(std::string_view name);

// Natural features and regions that no GeoNames list here holds: rivers ("Mekong"), mountains
// and ranges ("Matterhorn", "Pyrenees"), seas and straits ("Red Sea", "Bosphorus"), deserts and
// parks ("Gobi", "Serengeti"), islands ("Ibiza", "Isle of Wight") and regions ("Provence",
// "Golan Heights"), and landmarks and seats of government ("Kremlin", "Taj Mahal", "Machu
// Picchu"). AlternatePlaceBits gives them kGazRegion | kGazCaseTitle (the rules read them as
// known regions); the anonymizer replaces one with another of its kind.
enum FeatureKind : uint8_t {
  kRiver,
  kMountain,
  kSea,
  kDesert,
  kIsland,
  kArea,
  kLandmark,
  kFeatureKinds
};

// The kind of the feature called `name` (ASCII case ignored), or -1.
int GeographicFeatureKindOf(std::string_view name);

// The features of one kind, as written in the table.
std::span<const std::string_view> GeographicFeaturesOfKind(FeatureKind kind);

// Whether `name` is one of these names of a country ("Britain", "Burma", "Deutschland", "USSR";
// ASCII case ignored).
bool IsOtherCountryName(std::string_view name);

}  // namespace refinery::ner
