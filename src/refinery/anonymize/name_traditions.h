// The naming tradition of a person's name, so that its surrogate is a name of the same tradition:
// "Jan Kowalski" becomes another Polish name, "Giulia Bianchi" an Italian one, "Oluwaseun
// Adeyemi" a Yoruba one, where the surrogate lists alone gave "Arthur Chavez" for all three. A
// training corpus anonymized this way keeps the diversity of its names and the fit between a
// name and its text ("Wnioskodawca: Jan Kowalski, PESEL ...").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "refinery/anonymize/surrogates.h"

namespace refinery::anon {

enum class NameTradition : uint8_t {
  kUnknown,  // English, or not known: the surrogate lists of all traditions
  kGerman,
  kDutch,
  kNordic,
  kFinnish,
  kFrench,
  kItalian,
  kSpanish,
  kPortuguese,
  kPolish,
  kEastSlavic,
  kSouthSlavic,
  kGreek,
  kTurkish,
  kHungarian,
  kRomanian,
  kArabic,
  kPersian,
  kSouthAsian,
  kChinese,
  kJapanese,
  kKorean,
  kVietnamese,
  kWestAfrican,
  kHebrew,
  kCzech,             // Czech and Slovak
  kSouthAsianMuslim,  // Pakistani and Bangladeshi
  kCount
};

// The tradition a word of a name (as written) belongs to: a name of one tradition's list (see
// name_traditions.cc), a family name by its ending ("-ski" Polish, "-escu" Romanian, "-opoulos"
// Greek, "-nen" Finnish, "-sson" Nordic, "-oğlu" Turkish ...), or a letter only some languages
// write ("ł", "ő", "ø", "ñ", "ğ"); kUnknown for others and for names several traditions share
// ("Anna", "Maria", "David").
NameTradition TraditionOfWord(std::string_view word, bool family);

// The tradition of a whole name: its family name's, else its given names' when they agree; a
// Dutch particle ("van", "van der", "ter") says Dutch. The family name is the last word, or the
// first when a comma follows it ("Kowalski, Jan").
NameTradition TraditionOfName(std::string_view name);

// A given name of `tradition` and `female` (-1 unknown, 0 male, 1 female) / a family name of
// `tradition`, as written in that language (with its letters: "Łukasz", "Müller"); empty for
// kUnknown, whose names come from the general surrogate lists.
std::string DrawGivenNameOf(NameTradition tradition, int female, Rng& rng);
std::string DrawFamilyNameOf(NameTradition tradition, Rng& rng);

// The sex a tradition's lists give the given name `word` (1 a woman's, 0 a man's, -1 neither or
// both): "Wojciech" is a man's, which the US birth lists do not say.
int GenderInTraditionLists(std::string_view word);

// A family name of `tradition` that can stand where `original_key` (the original's NameWordKey)
// stands: where the tradition's family names agree with their bearer's sex, one that agrees no
// more than the original does ("Kowalczyk", which a woman and a man share, gets "Nowak", not
// "Kwiatkowski"); then InflectFamilyName's form. Empty for kUnknown.
std::string DrawFamilyNameLike(NameTradition tradition, std::string_view original_key, Rng& rng);

// `drawn`, a family name of `tradition` in its base (men's) form, in the form the original family
// name has, for the traditions whose family names agree with their bearer's sex: "Kowalska"
// gets "Wiśniewska" (not "Wiśniewski"), "Nováková" "Dvořáková", "Ivanova" "Petrova",
// "Papadopoulou" "Stavrou". `original_key` is the original's NameWordKey (folded, lower case).
std::string InflectFamilyName(NameTradition tradition, std::string drawn,
                              std::string_view original_key);

// The tradition whose family-name list holds `name` as written (kUnknown: none, or several).
NameTradition FamilyListOf(std::string_view name);

// The tradition's name, for reports and tests ("Polish").
std::string_view TraditionName(NameTradition tradition);

}  // namespace refinery::anon
