// German writes every noun with a capital, so a German text is full of capitalised words that
// are no names ("einem Mann", "der Kriminalpolizei", "das neue Gesetz") and that the tagger,
// trained on English, reads as persons. In a text written in German (its function words), a
// person's word after an article, a possessive, a number or a contraction ("beim Arzt"), with
// up to two lower-case adjectives between ("einem 34-jährigen Mann"), is a noun; so is a word
// of a person's span in front of a given name that no name list holds, as German puts a role
// before a name ("Polizeisprecher Jens Hoffmann", "Betriebsratschef Daniel Cavallo").
#pragma once

#include <string_view>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Whether `text` is written in German: of its words, three or more and one in twelve are German
// function words that English does not write ("und", "nicht", "einem", "für" ...) or, two for
// one, words with an umlaut or "ß"; one function word at least. Reads the first 1,024 bytes and
// stops after forty words with one such word at most.
bool WrittenInGerman(std::string_view text);

// Drops or trims the PERSON candidates of `out` that German's capitalised nouns make (above),
// when `text` is written in German; other candidates and other texts are left as they are (a
// text whose first kilobyte has no umlaut, "ß" or " und " at once: a German sentence without
// them is read as the tagger read it).
// A listed given name after an article stays ("die Anna" of speech); a one-word person that is
// a plural for a group of people ("Kinder", "Damen") goes. Linear in the text.
void DropGermanNouns(const ner::NerModel& model, std::string_view text, Candidates& out);

}  // namespace refinery::pii
