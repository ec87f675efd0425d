// Name gazetteers written for this project (not copied from any data set): common given names
// and surnames across English, Spanish, German, French, Italian, Indian, Chinese, Arabic and
// other naming traditions, plus the capitalised words that are names but usually are not
// (May, Will, Grace ...), used by the PERSON detector and by the surrogate generator.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace refinery::pii {

// Word lists (title case). Stable order: surrogates index into them.
const std::vector<std::string_view>& FirstNames();
const std::vector<std::string_view>& LastNames();
const std::vector<std::string_view>& StreetNames();
// Given names outside the English-speaking world that the tagger's US SSA list lacks ("Helmut",
// "Atal", "Zemin"): the tagger's gazetteer gives them the bits of a mid-frequency SSA name.
const std::vector<std::string_view>& WorldFirstNames();

// Properties of a word, from one hash probe (ASCII case-insensitive).
enum NameFlag : uint8_t {
  kFirstName = 1,
  kLastName = 2,
  kAmbiguousName = 4,
  kNonName = 8,
  kTitle = 16,         // Mr, Dr, Prof ...
  kOrgSuffix = 32,     // Inc, University, Street ... (a preceding capitalised word is no person)
  kStreetSuffix = 64,  // Street, Ave, Road ...
  // After a greeting, a group or a role addressed, not a person ("Dear Hiring Manager", "Hi
  // team", "Dear Valued Customer"). Not among the tagger's features (TaggerNameFlags).
  kAddressee = 128,
};

// A word with letters outside ASCII that is not in the lists as written is looked up once more
// without its accents ("Zoë" as "zoe", "Schäfer" as "schafer"): the lists write most names in
// ASCII.
uint8_t NameFlags(std::string_view word);
// The same, given Fnv1a64 (core/hash.h) of the word with its ASCII letters lower-cased, which
// NameFlags would compute (the tagger's tokenizer has it for every all-ASCII word).
uint8_t NameFlagsOfHash(std::string_view word, uint64_t lower_fnv);
// The flags the shipped tagger (models/ner.bin) was trained with: NameFlags less the names added
// since (name_gazetteer.cc, kFirstUntrained / kLastUntrained), so that its features, and a
// retrained model, stay those of the shipped one until the lists are merged and it is retrained.
uint8_t TaggerNameFlags(std::string_view word);
uint8_t TaggerNameFlagsOfHash(std::string_view word, uint64_t lower_fnv);

// Lookups take the word as written; comparison is ASCII case-insensitive.
bool IsFirstName(std::string_view word);
// A Korean given name written with a hyphen ("Ji-woo", "Min-jun"; NameFlags gives it
// kFirstName, TaggerNameFlags does not), and a common Korean family name ("Park", "Song": also
// English words).
bool IsKoreanGivenName(std::string_view word);
bool IsKoreanSurname(std::string_view word);
bool IsLastName(std::string_view word);
// First names that are also common English words or places (need more evidence).
bool IsAmbiguousName(std::string_view word);
// Capitalised words that start sentences, headings, places, weekdays, months, organisations...
// and are never the first word of a person's name.
bool IsNonNameCapitalized(std::string_view word);
// A noun of kinship or closeness that German capitalises as every noun, the French and Dutch
// word for a family, and English kin written as a title, that stand before a name without being
// part of it ("Ihr Ehemann Jürgen Köhler gab an", "mit meiner Freundin Lea", "— Famille
// Lefebvre", "Nana Pat's 90th"; the surrogate of "Ehemann Jürgen Köhler" had replaced the kin
// word too). As written.
bool IsCapitalisedKinNoun(std::string_view word);

// Nationalities and peoples of the world's countries, as adjective or noun ("German", "Briton",
// "Kenyan", "Dutchman"), ASCII case-insensitive.
bool IsNationality(std::string_view word);
// The words IsNationality holds, in lower case.
std::span<const std::string_view> Nationalities();

// Whether `w` is a greeting, thanks or sign-off of another language that English mail keeps
// ("Bonjour", "Hallo", "Olá", "Cześć", "Viele" of "Viele Grüße"), as written, title case: no
// name (NameFlags gives kNonName), and a cue for the name after it.
bool IsForeignGreeting(std::string_view w);
// A possessive, a pronoun or a verb of self-introduction of another language that opens a
// sentence before a kin word or a name ("Mio", "Minha", "Meine", "Sono", "Soy"), title case.
bool IsForeignFunctionWord(std::string_view w);

// `word` lower-cased to ASCII letters: Latin-1 and Latin Extended-A letters as their base letter
// ("Surý" -> "sury", "Łukasz" -> "lukasz"), other bytes dropped, except ASCII digits. What an
// e-mail address's local part makes of a name.
std::string FoldNameToAscii(std::string_view word);

}  // namespace refinery::pii
