// Surrogate names that stay consistent inside a document: each word of a person's name is
// replaced on its own, so "Priya Raghunathan ... Raghunathan said ... Priya stayed" becomes
// "Emma Lindqvist ... Lindqvist said ... Emma stayed" (replacing whole spans gave three unrelated
// names), and a given name keeps its gender where a title before the name ("Mrs.", "Herr") or
// the name itself (US births, through the tagger's gazetteer) says it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "refinery/anonymize/name_traditions.h"
#include "refinery/anonymize/surrogates.h"

namespace refinery::anon {

enum class NameGender : uint8_t { kUnknown, kFemale, kMale };

// The gender a title or form of address implies ("Mrs", "Mrs.", "Ms", "Frau", "Señora",
// "Mr", "Herr", "Sir"); kUnknown for others ("Dr", "Prof").
NameGender GenderOfTitle(std::string_view word);
// The part of a name that a form's label right before byte `at` names ("Last name:",
// "Surname:", "Nachname:" a family name; "First name:", "Given names:", "Vorname:" a given one),
// or, for one word in the plural after "the", a family's ("the Hendersons": kFamilyPlural).
enum class NamePartLabel : uint8_t { kNone, kGiven, kFamily, kFamilyPlural };
NamePartLabel LabelBefore(std::string_view text, size_t at);
// kFamilyPlural when the name [at, end) of `text` is one title-case word of five letters or
// more in -s right after "the " or "The " ("the Hendersons moved"; its surnames may be joined by
// hyphens: "the Vasquez-Tanakas"), as the detector's families are written; kNone otherwise.
NamePartLabel PluralFamilyAt(std::string_view text, size_t at, size_t end);
// The plural of a family name: "-es" after a sibilant ("Jones" -> "Joneses", "Marsh" ->
// "Marshes"), "-s" otherwise ("Garcia" -> "Garcias").
std::string PluralOfFamilyName(std::string_view name);
// The key (NameWordKey) of a family name in the plural's singular ("hendersons" -> "henderson",
// "joneses" -> "jones").
std::string SingularFamilyKey(std::string_view key);
// The word written right before byte `at` (a title: "Mrs." of "Mrs. Okafor"), spaces between;
// "Mr." for the "Mrs." of "Mr. and Mrs. Robert Ellison", whose name is the husband's.
std::string_view TitleWordBefore(std::string_view text, size_t at);
// The gender of a given name whose US bearers are at least 90% one gender (tagger's gazetteer,
// models/ner.bin); kUnknown for other names or without the model.
NameGender GenderOfGivenName(std::string_view name);
// Whether `word`, in any case, is a given name of at least 200 US births in 2010-2014 (the
// tagger's gazetteer; false without the model): "jenny" of the handle "jenny_k", which the
// surrogate lists' own names lack.
bool IsListedGivenName(std::string_view word);

// Whether `word` is an ordinary word that general text writes in lower case (the tagger's case
// profile of ../shared/data's posts), no given name of the birth lists and no name of the
// detector's lists: "great" and "photo" of "jaylen_the_great", "marcuswebb_photo".
bool IsOrdinaryWord(std::string_view word);

// The sex DrawGivenNameOf draws for a given name: 1 a woman's, 0 a man's from `gender`; when it
// is unknown, what the tradition lists say of the original `key` (-1 when they say nothing).
int SexToDraw(NameGender gender, std::string_view key = {});

// A given name of `gender` (any when unknown, or when the model lists none of that gender) /
// a family name, from the surrogate name lists; not yet in the original's case.
std::string DrawGivenName(NameGender gender, Rng& rng);
std::string DrawFamilyName(Rng& rng);

// A name written in Chinese, Japanese or Korean script ("山本 浩", "高媛", "김민준") as a name of
// that script drawn from a short list (the surrogate lists are Latin: "山本 浩" became "bryan
// bui"), with a space where the original has one; empty when `name` holds a Latin letter or
// none of those scripts.
std::string DrawNativeScriptName(std::string_view name, Rng& rng);

// What a word of a name is replaced as.
enum class NamePart : uint8_t { kGiven, kFamily };

// The key of a name word: its letters and digits, lower case, accents folded, a possessive
// "'s" dropped ("Smith's" and "SMITH" are one key).
std::string NameWordKey(std::string_view word);

// The names of one document. Add() every PERSON span first (with the word written before it),
// then Replace() each: a one-word name that another name of the document holds as a family
// name is replaced as that family name ("Raghunathan" after "Priya Raghunathan").
class DocumentNames {
 public:
  void Clear() {
    words_.clear();
    roles_.clear();
    genders_.clear();
    traditions_.clear();
    plurals_.clear();
  }
  // `label` is the part a form's label before the name says ("Last name: OKAFOR-HILL" a family
  // name), kNone when there is none.
  void Add(std::string_view name, std::string_view word_before,
           NamePartLabel label = NamePartLabel::kNone);
  // Whether `key` (a NameWordKey) is a word of one of the document's names: a surrogate word
  // must not be one.
  bool IsNameWord(const std::string& key) const { return words_.count(key) > 0; }
  // Whether another name of the document holds `key` as a given or a family name.
  bool HasRole(const std::string& key) const { return roles_.count(key) > 0; }
  NameGender GenderOf(const std::string& key) const;
  // The key a given name's surrogate is drawn for: the given name of the document's full names
  // that `key` is a short form of, when exactly one is ("bart" of "Bartholomew Nkemelu", "bob"
  // and "rob" of "Robert", "chris" of "Christina"), so that "Thanks, Bart" becomes the full
  // name's surrogate given name; `key` itself otherwise, and when a name of the document holds
  // `key` as a word of its own.
  const std::string& FullGivenNameKey(const std::string& key) const;
  // The naming tradition of the name that holds `key` (name_traditions.h), the first such
  // name's; kUnknown when none says one.
  NameTradition TraditionOf(const std::string& key) const;

  // The surrogate of the name `name`, each word replaced by `draw(part, key)` in the word's
  // case style; initials, lower-case particles ("van", "de", "bin"), generational suffixes
  // ("Jr.") and titles at the start ("Mr") stay as written.
  using DrawFn = std::function<std::string(NamePart part, const std::string& key)>;
  std::string Replace(std::string_view name, const DrawFn& draw, Rng& rng) const;
  // The surrogate of a user handle that writes words of the document's names inside it
  // ("farahdives" beside "Farah Khan", "marcuswebb_photo" beside "Marcus Webb"): each such word
  // (three letters or more, any case) replaced by its surrogate word in its case style, digits
  // by other digits, the rest kept ("donnadives", "dimitrisburns_photo"); empty when the handle
  // holds none (it was drawn apart: "@farahdives" became "@megan" beside "Donna Harris").
  std::string ReplaceInHandle(std::string_view handle, const DrawFn& draw, Rng& rng) const;

 private:
  std::unordered_set<std::string> words_;                      // every word of every name
  std::unordered_map<std::string, NamePart> roles_;            // first registration wins
  std::unordered_map<std::string, NameGender> genders_;        // given names; a title's wins
  std::unordered_map<std::string, NameTradition> traditions_;  // first registration wins
  std::unordered_set<std::string> plurals_;  // families named in the plural ("the Hendersons")
};

}  // namespace refinery::anon
