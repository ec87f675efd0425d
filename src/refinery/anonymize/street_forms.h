// Streets of other languages for the address surrogate: the names a street of that language is
// given, and the country an address's street form says it is in. Without them a Portuguese,
// Italian or German street drew an English name ("Rua das Flores" -> "Rua das Hillcrest",
// "Hauptstraße" -> "Pinestraße") and a town no list held drew a town of any country ("Piazza
// Navona 12, 00186 Roma" -> "..., Thiruvananthapuram").
#pragma once

#include <span>
#include <string_view>

namespace refinery::anon {

// Names a street of the language of the street type that ends `before` (the address up to the
// street's name: "Rua das ", "12 bis rue ", "Via della ") is given ("Camões", "Voltaire",
// "Garibaldi"); empty when no street type of another language is among its last three words.
std::span<const std::string_view> ForeignStreetNames(std::string_view before);

// Whether `w` is a street type of another language written before the name ("Rue", "Via",
// "Ulica"): a word of the address's form, kept by its surrogate ("Rue Tarik Ibn Ziad 12" became
// "Maple 34").
bool IsStreetTypeOfLanguage(std::string_view w);

// The ending of a German, Dutch, Nordic or Finnish compound street name ("Hauptstraße":
// "straße", "Drottninggatan": "gatan", "Mannerheimintie": "tie"), or empty.
std::string_view CompoundStreetEnding(std::string_view word);

// Stems a compound street name with the ending `suffix` takes ("straße": "Linden", "Birken";
// "gatan": "Kyrko"; "katu": "Koulu"); empty for an ending no list holds.
std::span<const std::string_view> CompoundStreetStems(std::string_view suffix);

// Whether `w` joins a street's type to its name ("das", "de la", "della", "du"): dropped with
// the name it stood before ("Rua das Flores" -> "Rua Camões").
bool IsStreetNameParticle(std::string_view w);

// Names of streets of the country `country` (ISO 3166 alpha-2) whose streets are written
// without a type before the number ("Vinohradská 1511/230" in Prague, "Hlavná 12" in Košice,
// "Marszałkowska 84/92" after "ul.", "Váci utca 19", "Karl Johans gate 22"), as they are
// written there ("Palackého", "Štúrova", "Mickiewicza", "Petőfi", "Henrik Ibsens"); empty for a
// country no list holds. Without them such a street drew an English name ("Forest 2746/121").
std::span<const std::string_view> CountryStreetNames(std::string_view country);

// The ISO 3166 alpha-2 code of the country whose streets are written as `address` writes its
// own ("Via", "Piazza": IT; "Rua" with a CEP "01001-000": BR, else PT; "-straße": DE), or empty.
std::string_view StreetFormCountry(std::string_view address);

}  // namespace refinery::anon
