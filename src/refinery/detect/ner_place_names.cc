#include "refinery/detect/ner_place_names.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "refinery/core/ascii.h"
#include "refinery/detect/ner_gazetteer.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {

namespace {

enum Kind : uint8_t { kCity, kCountry };

struct OtherName {
  std::string_view name;      // as written
  std::string_view geonames;  // the name in geonames_cities15000.tsv / geonames_countries.tsv
  Kind kind;
};

// Left out: names that are as often something else ("Roma", a people; "Canton", "Mosca", a fly;
// "Lyons", "Florencia", "Ginevra", given names or surnames; "Nippon", "Hellas", firms and
// clubs), hyphenated ones ("Pays-Bas": the phrase search stops at the hyphen), and names
// GeoNames already gives ("Köln", "Sevilla", "Kraków", "Antwerpen", "Göteborg").
constexpr OtherName kOtherNames[] = {
    // Cities in their own language.
    {"Milano", "Milan", kCity},
    {"Torino", "Turin", kCity},
    {"Firenze", "Florence", kCity},
    {"Napoli", "Naples", kCity},
    {"Venezia", "Venice", kCity},
    {"Genova", "Genoa", kCity},
    {"München", "Munich", kCity},
    {"Muenchen", "Munich", kCity},
    {"Wien", "Vienna", kCity},
    {"Praha", "Prague", kCity},
    {"Warszawa", "Warsaw", kCity},
    {"Lisboa", "Lisbon", kCity},
    {"København", "Copenhagen", kCity},
    {"Moskva", "Moscow", kCity},
    {"Bucureşti", "Bucharest", kCity},
    {"București", "Bucharest", kCity},
    {"Beograd", "Belgrade", kCity},
    {"Athina", "Athens", kCity},
    {"Bruxelles", "Brussels", kCity},
    {"Brussel", "Brussels", kCity},
    {"Den Haag", "The Hague", kCity},
    {"Genf", "Genève", kCity},
    {"Ciudad de México", "Mexico City", kCity},
    {"Ciudad de Mexico", "Mexico City", kCity},
    // English names GeoNames does not use.
    {"Cologne", "Köln", kCity},
    {"Seville", "Sevilla", kCity},
    {"Gothenburg", "Göteborg", kCity},
    {"Antwerp", "Antwerpen", kCity},
    {"Ghent", "Gent", kCity},
    {"Bruges", "Brugge", kCity},
    {"Zurich", "Zürich", kCity},
    {"Lucerne", "Luzern", kCity},
    {"Geneva", "Genève", kCity},
    {"Nuremberg", "Nürnberg", kCity},
    {"Cracow", "Kraków", kCity},
    {"Saragossa", "Zaragoza", kCity},
    {"Frankfurt", "Frankfurt am Main", kCity},
    {"Kiev", "Kyiv", kCity},
    {"Kharkov", "Kharkiv", kCity},
    // Other languages' names.
    {"Mailand", "Milan", kCity},
    {"Venedig", "Venice", kCity},
    {"Neapel", "Naples", kCity},
    {"Florenz", "Florence", kCity},
    {"Prag", "Prague", kCity},
    {"Warschau", "Warsaw", kCity},
    {"Moskau", "Moscow", kCity},
    {"Kopenhagen", "Copenhagen", kCity},
    {"Lissabon", "Lisbon", kCity},
    {"Brüssel", "Brussels", kCity},
    {"Londres", "London", kCity},
    {"Londra", "London", kCity},
    {"Londen", "London", kCity},
    {"Parigi", "Paris", kCity},
    {"Parijs", "Paris", kCity},
    {"Keulen", "Köln", kCity},
    {"Varsovie", "Warsaw", kCity},
    {"Varsovia", "Warsaw", kCity},
    {"Moscou", "Moscow", kCity},
    {"Moscú", "Moscow", kCity},
    {"Lisbonne", "Lisbon", kCity},
    {"Copenhague", "Copenhagen", kCity},
    {"Venise", "Venice", kCity},
    {"Venecia", "Venice", kCity},
    {"Nápoles", "Naples", kCity},
    {"Milán", "Milan", kCity},
    {"Turín", "Turin", kCity},
    {"Múnich", "Munich", kCity},
    {"Viena", "Vienna", kCity},
    {"Praga", "Prague", kCity},
    {"Atenas", "Athens", kCity},
    {"Athènes", "Athens", kCity},
    {"Bruselas", "Brussels", kCity},
    {"Ginebra", "Genève", kCity},
    {"Pékin", "Beijing", kCity},
    {"Pekín", "Beijing", kCity},
    {"Pechino", "Beijing", kCity},
    {"Nueva York", "New York City", kCity},
    {"Nova Iorque", "New York City", kCity},
    // Former names.
    {"Bombay", "Mumbai", kCity},
    {"Calcutta", "Kolkata", kCity},
    {"Madras", "Chennai", kCity},
    {"Bangalore", "Bengaluru", kCity},
    {"Poona", "Pune", kCity},
    {"Benares", "Varanasi", kCity},
    {"Peking", "Beijing", kCity},
    {"Saigon", "Ho Chi Minh City", kCity},
    {"Rangoon", "Yangon", kCity},
    {"Leningrad", "Saint Petersburg", kCity},
    {"Constantinople", "Istanbul", kCity},
    // Countries: English names GeoNames does not use, and former names.
    {"Netherlands", "The Netherlands", kCountry},
    {"Holland", "The Netherlands", kCountry},
    {"Czech Republic", "Czechia", kCountry},
    {"Britain", "United Kingdom", kCountry},
    {"Great Britain", "United Kingdom", kCountry},
    {"United States of America", "United States", kCountry},
    {"Russian Federation", "Russia", kCountry},
    {"Republic of Ireland", "Ireland", kCountry},
    {"Burma", "Myanmar", kCountry},
    {"Macedonia", "North Macedonia", kCountry},
    {"Swaziland", "Eswatini", kCountry},
    {"East Timor", "Timor Leste", kCountry},
    {"Cape Verde", "Cabo Verde", kCountry},
    {"Vatican City", "Vatican", kCountry},
    {"Palestine", "Palestinian Territory", kCountry},
    {"Congo", "Republic of the Congo", kCountry},
    {"Korea", "South Korea", kCountry},
    {"Persia", "Iran", kCountry},
    {"Ceylon", "Sri Lanka", kCountry},
    {"Siam", "Thailand", kCountry},
    {"Zaire", "Democratic Republic of the Congo", kCountry},
    {"Rhodesia", "Zimbabwe", kCountry},
    {"Yugoslavia", "Serbia", kCountry},
    {"Czechoslovakia", "Czechia", kCountry},
    {"Soviet Union", "Russia", kCountry},
    {"USSR", "Russia", kCountry},
    {"East Germany", "Germany", kCountry},
    {"West Germany", "Germany", kCountry},
    {"Formosa", "Taiwan", kCountry},
    {"Kampuchea", "Cambodia", kCountry},
    // Countries in their own language.
    {"Deutschland", "Germany", kCountry},
    {"España", "Spain", kCountry},
    {"Espana", "Spain", kCountry},
    {"Italia", "Italy", kCountry},
    {"Österreich", "Austria", kCountry},
    {"Schweiz", "Switzerland", kCountry},
    {"Suisse", "Switzerland", kCountry},
    {"Svizzera", "Switzerland", kCountry},
    {"Nederland", "The Netherlands", kCountry},
    {"België", "Belgium", kCountry},
    {"Belgique", "Belgium", kCountry},
    {"Polska", "Poland", kCountry},
    {"Česko", "Czechia", kCountry},
    {"Magyarország", "Hungary", kCountry},
    {"Sverige", "Sweden", kCountry},
    {"Norge", "Norway", kCountry},
    {"Danmark", "Denmark", kCountry},
    {"Suomi", "Finland", kCountry},
    {"Ísland", "Iceland", kCountry},
    {"Éire", "Ireland", kCountry},
    {"Türkiye", "Turkey", kCountry},
    {"Brasil", "Brazil", kCountry},
    {"Hrvatska", "Croatia", kCountry},
    {"Srbija", "Serbia", kCountry},
    {"România", "Romania", kCountry},
    {"Slovensko", "Slovakia", kCountry},
    {"Slovenija", "Slovenia", kCountry},
    {"Lietuva", "Lithuania", kCountry},
    {"Latvija", "Latvia", kCountry},
    {"Eesti", "Estonia", kCountry},
    {"Shqipëria", "Albania", kCountry},
    {"Crna Gora", "Montenegro", kCountry},
    {"México", "Mexico", kCountry},
    {"Perú", "Peru", kCountry},
    {"Panamá", "Panama", kCountry},
    {"Canadá", "Canada", kCountry},
    // Countries in French.
    {"Allemagne", "Germany", kCountry},
    {"Angleterre", "United Kingdom", kCountry},
    {"Espagne", "Spain", kCountry},
    {"Italie", "Italy", kCountry},
    {"Suède", "Sweden", kCountry},
    {"Norvège", "Norway", kCountry},
    {"Danemark", "Denmark", kCountry},
    {"Autriche", "Austria", kCountry},
    {"Pologne", "Poland", kCountry},
    {"Grèce", "Greece", kCountry},
    {"Turquie", "Turkey", kCountry},
    {"Brésil", "Brazil", kCountry},
    {"Mexique", "Mexico", kCountry},
    {"Irlande", "Ireland", kCountry},
    {"Écosse", "United Kingdom", kCountry},
    {"Égypte", "Egypt", kCountry},
    {"Maroc", "Morocco", kCountry},
    {"Algérie", "Algeria", kCountry},
    {"Tunisie", "Tunisia", kCountry},
    {"Albanie", "Albania", kCountry},
    {"Hongrie", "Hungary", kCountry},
    {"Roumanie", "Romania", kCountry},
    {"Bulgarie", "Bulgaria", kCountry},
    {"Croatie", "Croatia", kCountry},
    {"Serbie", "Serbia", kCountry},
    {"Russie", "Russia", kCountry},
    {"Chine", "China", kCountry},
    {"Japon", "Japan", kCountry},
    {"Éthiopie", "Ethiopia", kCountry},
    {"Afrique du Sud", "South Africa", kCountry},
    // Countries in Spanish and Portuguese.
    {"Alemania", "Germany", kCountry},
    {"Inglaterra", "United Kingdom", kCountry},
    {"Japón", "Japan", kCountry},
    {"Rusia", "Russia", kCountry},
    {"Suecia", "Sweden", kCountry},
    {"Noruega", "Norway", kCountry},
    {"Dinamarca", "Denmark", kCountry},
    {"Bélgica", "Belgium", kCountry},
    {"Países Bajos", "The Netherlands", kCountry},
    {"Suiza", "Switzerland", kCountry},
    {"Polonia", "Poland", kCountry},
    {"Grecia", "Greece", kCountry},
    {"Turquía", "Turkey", kCountry},
    {"Irlanda", "Ireland", kCountry},
    {"Escocia", "United Kingdom", kCountry},
    {"Egipto", "Egypt", kCountry},
    {"Marruecos", "Morocco", kCountry},
    {"Argelia", "Algeria", kCountry},
    {"Irán", "Iran", kCountry},
    {"Irak", "Iraq", kCountry},
    {"Etiopía", "Ethiopia", kCountry},
    {"Sudáfrica", "South Africa", kCountry},
    {"Estados Unidos", "United States", kCountry},
    {"Reino Unido", "United Kingdom", kCountry},
    {"Hungría", "Hungary", kCountry},
    {"Rumanía", "Romania", kCountry},
    {"Croacia", "Croatia", kCountry},
    {"Ucrania", "Ukraine", kCountry},
    {"Nueva Zelanda", "New Zealand", kCountry},
    {"Filipinas", "Philippines", kCountry},
    {"Tailandia", "Thailand", kCountry},
    // Countries in Italian.
    {"Germania", "Germany", kCountry},
    {"Inghilterra", "United Kingdom", kCountry},
    {"Spagna", "Spain", kCountry},
    {"Giappone", "Japan", kCountry},
    {"Svezia", "Sweden", kCountry},
    {"Norvegia", "Norway", kCountry},
    {"Danimarca", "Denmark", kCountry},
    {"Belgio", "Belgium", kCountry},
    {"Paesi Bassi", "The Netherlands", kCountry},
    {"Olanda", "The Netherlands", kCountry},
    {"Turchia", "Turkey", kCountry},
    {"Brasile", "Brazil", kCountry},
    {"Messico", "Mexico", kCountry},
    {"Scozia", "United Kingdom", kCountry},
    {"Egitto", "Egypt", kCountry},
    {"Marocco", "Morocco", kCountry},
    {"Etiopia", "Ethiopia", kCountry},
    {"Stati Uniti", "United States", kCountry},
    {"Regno Unito", "United Kingdom", kCountry},
    {"Ungheria", "Hungary", kCountry},
    {"Croazia", "Croatia", kCountry},
    {"Ucraina", "Ukraine", kCountry},
    // Countries in German and Dutch.
    {"Frankreich", "France", kCountry},
    {"Spanien", "Spain", kCountry},
    {"Italien", "Italy", kCountry},
    {"Schweden", "Sweden", kCountry},
    {"Norwegen", "Norway", kCountry},
    {"Dänemark", "Denmark", kCountry},
    {"Belgien", "Belgium", kCountry},
    {"Niederlande", "The Netherlands", kCountry},
    {"Tschechien", "Czechia", kCountry},
    {"Ungarn", "Hungary", kCountry},
    {"Griechenland", "Greece", kCountry},
    {"Türkei", "Turkey", kCountry},
    {"Ägypten", "Egypt", kCountry},
    {"Brasilien", "Brazil", kCountry},
    {"Mexiko", "Mexico", kCountry},
    {"Kanada", "Canada", kCountry},
    {"Indien", "India", kCountry},
    {"Russland", "Russia", kCountry},
    {"Vereinigte Staaten", "United States", kCountry},
    {"Duitsland", "Germany", kCountry},
    {"Frankrijk", "France", kCountry},
    {"Spanje", "Spain", kCountry},
    {"Italië", "Italy", kCountry},
    {"Engeland", "United Kingdom", kCountry},
    {"Denemarken", "Denmark", kCountry},
    {"Zweden", "Sweden", kCountry},
    {"Noorwegen", "Norway", kCountry},
    {"Zwitserland", "Switzerland", kCountry},
    {"Oostenrijk", "Austria", kCountry},
    {"Griekenland", "Greece", kCountry},
    {"Turkije", "Turkey", kCountry},
    {"Brazilië", "Brazil", kCountry},
    {"Rusland", "Russia", kCountry},
    {"Hongarije", "Hungary", kCountry},
    {"Roemenië", "Romania", kCountry},
    {"Ierland", "Ireland", kCountry},
    {"Schotland", "United Kingdom", kCountry},
    {"Marokko", "Morocco", kCountry},
    {"Verenigde Staten", "United States", kCountry},
};

struct Tables {
  // One bit per phrase hash's low bits: most lookups (every capitalised word's phrase steps in
  // MarkKnownPlaces) end at this test instead of a hash map probe.
  static constexpr uint64_t kFilterBits = 1 << 13;
  uint64_t filter[kFilterBits / 64] = {};
  std::unordered_map<uint64_t, uint16_t> bits;                // phrase hash -> bits
  std::unordered_map<std::string, const OtherName*> by_name;  // ASCII lower case
  Tables() {
    std::vector<Token> tokens;
    for (const OtherName& o : kOtherNames) {
      by_name.emplace(AsciiLowered(o.name), &o);
      Tokenize(o.name, tokens);
      uint64_t h = PhraseStart();
      for (size_t i = 0; i < tokens.size(); ++i) {
        h = PhraseCombine(
            h, TokenHash(o.name.substr(tokens[i].start, tokens[i].end - tokens[i].start)));
        filter[(h % kFilterBits) / 64] |= uint64_t{1} << (h % 64);
        bits[h] |= i + 1 < tokens.size() ? kGazPrefix
                   : o.kind == kCity     ? kGazCity | kGazBigCity
                                         : kGazCountry;
      }
    }
  }
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

}  // namespace

uint16_t AlternatePlaceBits(uint64_t phrase_hash) {
  const Tables& t = GetTables();
  if (!(t.filter[(phrase_hash % Tables::kFilterBits) / 64] >> (phrase_hash % 64) & 1)) return 0;
  const auto it = t.bits.find(phrase_hash);
  return it == t.bits.end() ? 0 : it->second;
}

std::string_view GeoNamesPlaceName(std::string_view name) {
  const auto& names = GetTables().by_name;
  const auto it = names.find(AsciiLowered(name));
  return it == names.end() ? std::string_view() : it->second->geonames;
}

bool IsOtherCountryName(std::string_view name) {
  const auto& names = GetTables().by_name;
  const auto it = names.find(AsciiLowered(name));
  return it != names.end() && it->second->kind == kCountry;
}

}  // namespace refinery::ner
