#include "refinery/anonymize/street_forms.h"

#include <algorithm>

#include "refinery/core/ascii.h"
#include "refinery/detect/address_parts.h"

namespace refinery::anon {

namespace {

// Names that streets of each language are commonly given: writers, artists, statesmen and
// scientists the language's countries name streets after, one or two words, no particle first.
constexpr std::string_view kItalian[] = {
    "Garibaldi", "Mazzini", "Cavour",   "Verdi",   "Dante",    "Manzoni", "Marconi",
    "Matteotti", "Gramsci", "Leopardi", "Galilei", "Petrarca", "Puccini", "Carducci"};
constexpr std::string_view kSpanish[] = {
    "Cervantes", "Goya",    "Velázquez", "Colón",   "Bolívar", "Serrano", "Quevedo",
    "Machado",   "Murillo", "Zurbarán",  "Sorolla", "Unamuno", "Góngora", "Jovellanos"};
constexpr std::string_view kCatalan[] = {"Balmes",   "Muntaner", "Verdaguer", "Llull",
                                         "Casanova", "Pujades",  "Girona",    "Aribau"};
constexpr std::string_view kPortuguese[] = {
    "Camões",       "Fernando Pessoa", "Tiradentes",  "Almeida Garrett", "Alexandre Herculano",
    "Castro Alves", "Santos Dumont",   "Rui Barbosa", "Oswaldo Cruz",    "Vasco da Gama"};
constexpr std::string_view kFrench[] = {"Voltaire", "Victor Hugo", "Pasteur",   "Jean Jaurès",
                                        "Gambetta", "Molière",     "Balzac",    "Émile Zola",
                                        "Diderot",  "Lafayette",   "Condorcet", "Racine"};

constexpr std::string_view kPolish[] = {"Mickiewicza", "Słowackiego", "Kościuszki", "Piłsudskiego",
                                        "Długa",       "Polna",       "Leśna",      "Ogrodowa",
                                        "Lipowa",      "Kwiatowa",    "Szkolna",    "Sienkiewicza"};

struct TypeLanguage {
  std::string_view type;  // as written before the name
  std::span<const std::string_view> names;
  std::string_view country;
};

// Street types written before the name. "Avenida" is both Spanish and Portuguese: its particle
// ("da", "do") tells (ForeignStreetNames).
constexpr TypeLanguage kTypes[] = {
    {"Via", kItalian, "IT"},
    {"Viale", kItalian, "IT"},
    {"Piazza", kItalian, "IT"},
    {"Piazzale", kItalian, "IT"},
    {"Corso", kItalian, "IT"},
    {"Vicolo", kItalian, "IT"},
    {"Largo", kItalian, "IT"},
    {"Strada", kItalian, "IT"},
    {"Calle", kSpanish, "ES"},
    {"Paseo", kSpanish, "ES"},
    {"Plaza", kSpanish, "ES"},
    {"Camino", kSpanish, "ES"},
    {"Ronda", kSpanish, "ES"},
    {"Rambla", kSpanish, "ES"},
    {"Glorieta", kSpanish, "ES"},
    {"Travesía", kSpanish, "ES"},
    {"Avda.", kSpanish, "ES"},
    {"Avenida", kSpanish, "ES"},
    // (Session fifty-one: "Av. Insurgentes Sur" and "C/ de Mallorca" drew English names, and so
    // did France's "12 bis, avenue Jean Jaurès", which English never writes in lower case.)
    {"Av.", kSpanish, "ES"},
    {"C/", kSpanish, "ES"},
    {"avenue", kFrench, "FR"},
    {"Carrer", kCatalan, "ES"},
    {"Avinguda", kCatalan, "ES"},
    {"Rua", kPortuguese, "PT"},
    {"Travessa", kPortuguese, "PT"},
    {"rue", kFrench, "FR"},
    {"Rue", kFrench, "FR"},
    {"boulevard", kFrench, "FR"},
    {"allée", kFrench, "FR"},
    {"impasse", kFrench, "FR"},
    {"chemin", kFrench, "FR"},
    {"quai", kFrench, "FR"},
    {"Ulica", kPolish, "PL"},
    {"ulica", kPolish, "PL"},
    {"Aleja", kPolish, "PL"},
    {"ul.", kPolish, "PL"}};

// Compound endings and the stems they take.
constexpr std::string_view kGermanStems[] = {"Linden", "Birken", "Eichen", "Ahorn",   "Rosen",
                                             "Garten", "Kirch",  "Schul",  "Bahnhof", "Mühlen",
                                             "Wald",   "Berg",   "Markt",  "Sonnen"};
constexpr std::string_view kDutchStems[] = {"Kerk",   "Molen",   "Linden", "Beuken", "Dorps",
                                            "School", "Esdoorn", "Wilgen", "Rozen",  "Nieuwe"};
constexpr std::string_view kSwedishStems[] = {"Kyrko", "Skol",  "Björk",  "Lind", "Stor",
                                              "Ny",    "Öster", "Väster", "Hamn", "Kvarn"};
constexpr std::string_view kDanishStems[] = {"Kirke", "Skole",  "Birke", "Linde", "Store",
                                             "Nørre", "Vester", "Mølle", "Havne", "Bøge"};
constexpr std::string_view kNorwegianStems[] = {"Kirke",  "Skole",  "Bjørke", "Linde",   "Stor",
                                                "Møller", "Vestre", "Havne",  "Dronning"};
constexpr std::string_view kFinnishStems[] = {"Koulu",  "Kirkko", "Koivu", "Asema", "Tehtaan",
                                              "Puisto", "Mylly",  "Ranta", "Kauppa"};

struct Ending {
  std::string_view suffix;
  std::span<const std::string_view> stems;
  std::string_view country;
};
constexpr Ending kEndings[] = {{"stra\xC3\x9F"
                                "e",
                                kGermanStems, "DE"},
                               {"strasse", kGermanStems, "DE"},
                               {"weg", kGermanStems, "DE"},
                               {"gasse", kGermanStems, "DE"},
                               {"platz", kGermanStems, "DE"},
                               {"allee", kGermanStems, "DE"},
                               {"straat", kDutchStems, "NL"},
                               {"laan", kDutchStems, "NL"},
                               {"gracht", kDutchStems, "NL"},
                               {"gatan", kSwedishStems, "SE"},
                               {"v\xC3\xA4gen", kSwedishStems, "SE"},
                               {"gade", kDanishStems, "DK"},
                               {"vej", kDanishStems, "DK"},
                               {"gata", kNorwegianStems, "NO"},
                               {"veien", kNorwegianStems, "NO"},
                               {"katu", kFinnishStems, "FI"},
                               {"tie", kFinnishStems, "FI"}};

// The words of `s` from the end, at most `n`.
template <typename F>
void ForLastWords(std::string_view s, int n, F&& f) {
  size_t e = s.size();
  for (int k = 0; k < n && e > 0; ++k) {
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ',')) --e;
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != ',' && s[b - 1] != '\n') --b;
    if (b == e) return;
    if (f(s.substr(b, e - b))) return;
    e = b;
  }
}

bool Digit(char c) { return c >= '0' && c <= '9'; }

// The particles that make "Avenida" Portuguese rather than Spanish ("Avenida da Liberdade").
bool IsPortugueseParticle(std::string_view w) {
  return w == "da" || w == "do" || w == "das" || w == "dos";
}

const TypeLanguage* TypeOf(std::string_view w) {
  for (const TypeLanguage& t : kTypes)
    if (t.type == w) return &t;
  return nullptr;
}

}  // namespace

bool IsStreetNameParticle(std::string_view w) {
  static constexpr std::string_view kParticles[] = {
      "da", "das", "de", "del", "della", "delle", "dei", "degli", "dello", "di", "do", "dos", "du",
      "des", "la", "le", "les", "el", "d'", "dels",
      // German and Dutch ("Unter den Linden", "Straße der Pariser Kommune", "Laan van
      // Meerdervoort").
      "den", "der", "dem", "am", "im", "zum", "zur", "auf", "von", "van"};
  return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
}

bool IsStreetTypeOfLanguage(std::string_view w) { return TypeOf(w) != nullptr; }

std::span<const std::string_view> ForeignStreetNames(std::string_view before) {
  std::span<const std::string_view> out;
  bool portuguese_particle = false;
  ForLastWords(before, 3, [&](std::string_view w) {
    if (IsPortugueseParticle(w)) portuguese_particle = true;
    if (const TypeLanguage* t = TypeOf(w)) {
      out = t->names;
      if ((w == "Avenida" || w == "Av.") && portuguese_particle) out = kPortuguese;
      return true;
    }
    return false;
  });
  return out;
}

std::span<const std::string_view> CountryStreetNames(std::string_view country) {
  static constexpr std::string_view kCzech[] = {
      "Národní", "Vodičkova", "Palackého",  "Husova",     "Masarykova", "Nádražní",
      "Školní",  "Lidická",   "Komenského", "Havlíčkova", "Jiráskova",  "Smetanova"};
  static constexpr std::string_view kSlovak[] = {
      "Hlavná",    "Obchodná", "Štúrova", "Hviezdoslavova", "Moyzesova",
      "Kollárova", "Záhradná", "Školská", "Mierová",        "Partizánska"};
  static constexpr std::string_view kHungarian[] = {"Petőfi",       "Kossuth Lajos", "Rákóczi",
                                                    "Széchenyi",    "Arany János",   "Ady Endre",
                                                    "Dózsa György", "Jókai",         "Bartók Béla"};
  static constexpr std::string_view kCroatian[] = {"Vlaška",     "Savska",     "Frankopanska",
                                                   "Radnička",   "Zagrebačka", "Vukovarska",
                                                   "Dubrovačka", "Splitska",   "Osječka"};
  static constexpr std::string_view kSlovenian[] = {
      "Slovenska", "Trubarjeva", "Prešernova", "Cankarjeva", "Gosposvetska", "Wolfova", "Tržaška"};
  // Norwegian, Danish and Swedish streets named in the genitive, their type written apart.
  static constexpr std::string_view kNorwegian[] = {"Kongens",         "Dronningens",
                                                    "Olav Kyrres",     "Henrik Ibsens",
                                                    "Thorvald Meyers", "Fridtjof Nansens"};
  static constexpr std::string_view kDanish[] = {"H.C. Andersens", "Niels Juels", "Kong Hans",
                                                 "Jens Baggesens", "Peter Bangs"};
  static constexpr std::string_view kSwedish[] = {"Drottning Kristinas", "Gustav Adolfs",
                                                  "Karl Johans", "Fredrik Bremers"};
  // German, Austrian and Swiss streets named after a town, their type a word of its own
  // ("Mariahilfer Straße", "Kärntner Ring").
  static constexpr std::string_view kGerman[] = {"Berliner", "Hamburger", "Frankfurter", "Münchner",
                                                 "Kölner",   "Leipziger", "Dresdner",    "Wiener",
                                                 "Grazer",   "Linzer",    "Salzburger",  "Zürcher"};
  struct Country {
    std::string_view code;
    std::span<const std::string_view> names;
  };
  static constexpr Country kCountries[] = {
      {"CZ", kCzech},    {"SK", kSlovak},    {"PL", kPolish},    {"HU", kHungarian},
      {"HR", kCroatian}, {"SI", kSlovenian}, {"NO", kNorwegian}, {"DK", kDanish},
      {"SE", kSwedish},  {"DE", kGerman},    {"AT", kGerman},    {"CH", kGerman}};
  for (const Country& c : kCountries)
    if (c.code == country) return c.names;
  return {};
}

std::string_view CompoundStreetEnding(std::string_view word) {
  for (const Ending& e : kEndings)
    if (word.size() > e.suffix.size() && word.ends_with(e.suffix)) return e.suffix;
  return {};
}

std::span<const std::string_view> CompoundStreetStems(std::string_view suffix) {
  for (const Ending& e : kEndings)
    if (e.suffix == suffix) return e.stems;
  return {};
}

std::string_view StreetFormCountry(std::string_view address) {
  // A street type word anywhere before the first comma or digit run of a part.
  std::string_view country;
  size_t i = 0;
  bool after_capitalised = false;  // the word before is a capitalised word, one space away
  while (i < address.size() && country.empty()) {
    while (i < address.size() && !IsAsciiLetter(address[i]) &&
           static_cast<unsigned char>(address[i]) < 0x80)
      ++i;
    size_t e = i;
    while (e < address.size() && (IsAsciiLetter(address[e]) || address[e] == '.' ||
                                  static_cast<unsigned char>(address[e]) >= 0x80))
      ++e;
    const std::string_view w = address.substr(i, e - i);
    // A type before the street's name, not the name's suffix ("6805 Hillcrest Via", "Cedar
    // Plaza" of American addresses).
    const size_t next = e + 1;
    const bool before_name =
        next < address.size() && address[e] == ' ' && !after_capitalised &&
        (IsAsciiLetter(address[next]) || static_cast<unsigned char>(address[next]) >= 0x80);
    after_capitalised =
        !w.empty() && w[0] >= 'A' && w[0] <= 'Z' && e < address.size() && address[e] == ' ';
    if (const TypeLanguage* t = TypeOf(w); t != nullptr && before_name) {
      country = t->country;
      // "Avenida da Liberdade": Portuguese by its particle.
      if (w == "Avenida" &&
          IsPortugueseParticle(address.substr(next, address.find(' ', next) - next)))
        country = "PT";
    } else if (t == nullptr) {
      for (const Ending& end : kEndings)
        if (w.size() > end.suffix.size() + 2 && w.ends_with(end.suffix)) {
          country = end.country;
          break;
        }
    }
    i = e + 1;
  }
  // "Rua" and "Avenida" are Brazil's too: a CEP ("01001-000") says so; Spanish forms with a
  // five-digit code stay Spain's.
  if (country == "PT" || country == "ES") {
    for (size_t k = 0; k + 9 <= address.size(); ++k)
      if ((k == 0 || !Digit(address[k - 1])) && address[k + 5] == '-' &&
          pii::CepEnd(address, k) == k + 9)
        return "BR";
  }
  return country;
}

}  // namespace refinery::anon
