// The display name before an e-mail address in angle brackets: the form that e-mail headers,
// commit trailers, changelogs, package metadata and copyright lines write a person in
// ("From: Ondřej Surý <ondrej@debian.org>", " -- Theodore Y. Ts'o <tytso@mit.edu>",
// "Copyright: 2019 Marco d'Itri <md@linux.it>", "\"Surý, Ondřej\" <ondrej@debian.org>"). The words
// are a name whatever the tagger reads them as ("Łukasz Langa" is no place, "Jörg Frings-Fürst" no
// firm), unless they name a group, a service or a role ("Debian Python Team <...>", "GitHub
// <noreply@github.com>").
#pragma once

#include <string_view>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// Score of a display-name person: above the tagger's spans (0.8), so that the whole name wins
// over a partial or mistyped entity of the tagger ("Marco" of "Marco d'Itri").
inline constexpr float kDisplayNameScore = 0.85f;

// Adds a PERSON candidate (detector "person_display_name") for each display name of `text`.
// One display name is the run of name words on the same line right before "<local@domain>"
// (spaces between): capitalised words (any Latin, Greek or Cyrillic capital), initials ("Y."),
// lower-case particles inside the name ("van", "de", "d'Itri"), leading titles left out; or the
// text of a quoted display name. Two or more words stand on their own; one word only when it is a
// given name of the name lists that the address's local part spells out ("Mark <mark@...>").
// Role addresses (noreply, support, notifications, ...) and words naming a group or a service
// (Team, Developers, Project, Support, Bot, ...) make no person. Linear in the text.
void AddDisplayNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// `word` lower-cased to ASCII letters: Latin-1 and Latin Extended-A letters as their base letter
// ("Surý" -> "sury", "Łukasz" -> "lukasz"), other bytes dropped, except ASCII digits. What an
// e-mail address's local part makes of a name.
std::string FoldNameToAscii(std::string_view word);

}  // namespace refinery::pii
