// Names that a text's layout marks as its writers' and that the tagger often misreads, above all
// names of other languages than English ("Łukasz Langa" read as a place, "Jörg Frings-Fürst" as a
// firm, "Marco d'Itri" cut to "Marco"):
// - the display name before an e-mail address in angle brackets, the form of e-mail headers,
//   commit trailers, changelogs, package metadata and copyright lines ("From: Ondřej Surý
//   <ondrej@debian.org>", " -- Theodore Y. Ts'o <tytso@mit.edu>", "Copyright: 2019 Marco d'Itri
//   <md@linux.it>", "\"Surý, Ondřej\" <ondrej@debian.org>");
// - a changelog's author line, a name alone in square brackets on its line ("  [ Matthias Klose
//   ]" heads the changes that person made);
// - a name credited in prose ("Thanks to Pino Toscano for the patch", "reported by ...");
// - a name before an affiliation in brackets ("Anneke de Vries (Utrecht University)").
// Neither takes a group, a service or a role ("Debian Python Team <...>", "GitHub
// <noreply@github.com>", "[ Debian Janitor ]").
#pragma once

#include <string>
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
// text of a quoted display name. It needs evidence of a person: a word of the name lists (given
// names, surnames, the tagger's SSA list), or a word that the address's local part spells once
// Latin letters are folded ("ondrej" of "Ondřej"); one word alone needs both. Role addresses
// (noreply, support, notifications, ...) and words naming a group or a service (Team,
// Developers, Project, Support, Bot, ...) make no person. Linear in the text.
void AddDisplayNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_author_line", kDisplayNameScore) for each line that
// is a name alone in square brackets ("[ Matthias Klose ]", "[Ondřej Surý]"): two to five name
// words as above, one of them in the name lists, none naming a group or a role. Linear in the
// text.
void AddAuthorLines(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_affiliation", kDisplayNameScore) for the name right
// before an affiliation in brackets, as papers' author lists and programmes write them ("Anneke
// de Vries (Utrecht University)", "Jan de Boer (Leiden University)"): the bracket, on its line
// and at most 100 bytes long, holds an institution's head word (IsInstitutionHead); the name is
// two to six name words with the evidence of AddDisplayNames. Linear in the text.
void AddAffiliatedNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_credit", kDisplayNameScore) for the name right after
// a credit in prose ("Thanks to Pino Toscano", "patch by Ondřej Nový", "reported by Kęstutis
// Wójcik", "written by", "suggested by", "contributed by", "authored by"): two to five name
// words with the evidence of AddDisplayNames, none naming a group ("thanks to Debian Janitor",
// "thanks to Google Cloud Platform" are none). Linear in the text.
void AddCreditedNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// The same for the name at `start` right after "congratulations to" or "congrats to" ("Congrats
// to Aroha Ngata", which the caller found), unless a word of it is one general text writes in
// lower case and no name list holds ("Congrats to MA Political Communication Class of 2014":
// congratulations go to groups as often); one word, or two joined by "and" or "&", when each is
// a given name of the lists or a word no list holds ("Congrats to Lupe and Filipo").
void AddCongratulatedName(const ner::NerModel& model, std::string_view text, size_t start,
                          Candidates& out);

// Adds a PERSON candidate (detector "person_copyright", kDisplayNameScore) for the holder of a
// copyright notice after its years ("Copyright: 2014 Serge Voilokov", "Copyright (c) 2003 Asim
// Jalis", "© 2001-2008 Alastair McKinstry"), and for each holder of the indented lines that
// continue a "Copyright:" field: two to five name words with the evidence of AddDisplayNames,
// none naming a group, no legal form after them ("Sun Microsystems, Inc."). Linear in the text.
void AddCopyrightHolders(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_address_list", kDisplayNameScore) for each
// "Surname, Given" of an address field's line, the form Outlook and Exchange write and separate
// with ';' ("To: Belden, Tim; Lay, Kenneth", "From: Allen, Phillip K."): a capitalised surname
// word, a given name of the name lists, at most one more name word or initial; none a group's
// word. Linear in the text.
void AddAddressListNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_signoff", kDisplayNameScore) for the name that signs
// a message after its closing, in English and the other languages of Europe ("Groetjes,\nFemke",
// "Un saludo,\nMaite", "Cordiali saluti, Giorgia", "Viele Grüße\nAnneliese"): the closing alone
// at a line's start or after a sentence of the line, a comma or nothing after it, then one to
// three name words alone on the next line (or after the comma, to the line's end). A name the
// lists hold needs nothing more; one of other languages needs to be a word that general text
// never writes (most names the lists lack); none names a group or a role ("Cheers,\nThe Support
// Team", "Regards,\nMarketing"). Linear in the text.
void AddSignOffNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// A word that can be part of a written name: a capitalised word ("Surý", "Frings-Fürst",
// "Ts'o", "McHardy"), an initial ("Y."), an elided particle before a capital ("d'Itri"), or a
// lower-case particle ("van", "de": `particle` set). No digits or markup.
bool NameWord(std::string_view w, bool& particle);
// A word that names a group, a service or a role rather than a person ("Team", "Developers",
// "Support", "Project", "University", "and", "of"), ASCII case-insensitive.
bool GroupWord(std::string_view w);

// Whether text[start, end) is a display name right before a role's or a machine's address and
// holds no given name ("MAILER DAEMON <None@bounce.example>", "Mail Delivery Subsystem
// <MAILER-DAEMON@...>"): a sender that is no person.
bool RoleSender(std::string_view text, size_t start, size_t end);

}  // namespace refinery::pii
