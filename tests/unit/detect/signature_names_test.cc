// Names a text's layout marks as its writers' (src/refinery/detect/signature_names.cc): the
// display name before "<local@domain>" and a changelog's "[ Name ]" author line, on the rules'
// own candidates: which words they take, and which they leave alone. The whole detector's view of
// the same forms is in tests/cases/pii/persons_display_names.tsv.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/signature_names.h"

namespace refinery {
namespace {

// The names one rule finds in `text`: PERSON candidates of its detector, in order.
using Rule = void (*)(const ner::NerModel&, std::string_view, pii::Candidates&);
std::vector<std::string> Found(std::string_view text, Rule rule, const char* detector) {
  auto model = ner::NerModel::Default();
  EXPECT_TRUE(model.ok()) << model.status();
  pii::Candidates out;
  if (model.ok()) rule(**model, text, out);
  std::vector<std::string> names;
  for (const pii::Candidate& c : out) {
    EXPECT_EQ(c.type, pii::kPerson);
    EXPECT_STREQ(c.detector, detector);
    names.emplace_back(text.substr(c.start, c.end - c.start));
  }
  return names;
}

std::vector<std::string> Names(std::string_view text) {
  return Found(text, pii::AddDisplayNames, "person_display_name");
}
std::vector<std::string> Authors(std::string_view text) {
  return Found(text, pii::AddAuthorLines, "person_author_line");
}
std::vector<std::string> Credited(std::string_view text) {
  return Found(text, pii::AddCreditedNames, "person_credit");
}
std::vector<std::string> Holders(std::string_view text) {
  return Found(text, pii::AddCopyrightHolders, "person_copyright");
}

using Want = std::vector<std::string>;

TEST(DisplayName, NameWordsBeforeAnAddress) {
  // A changelog trailer, headers and commit trailers, with names of any Latin script.
  EXPECT_EQ(Names(" -- Ondřej Novák <ondrej@debian.org>  Mon, 01 Jan 2024 10:00:00 +0000"),
            Want{"Ondřej Novák"});
  EXPECT_EQ(Names("Maintainer: Łukasz Wiśniewski <lukasz@wisniewski.pl>"),
            Want{"Łukasz Wiśniewski"});
  EXPECT_EQ(Names("Signed-off-by: Marco d'Amato <marco@linux.it>"), Want{"Marco d'Amato"});
  EXPECT_EQ(Names("Copyright: 2019 Theodore Y. Ts'ang <tytsang@mit.edu>"),
            Want{"Theodore Y. Ts'ang"});
  EXPECT_EQ(Names("Cc: Ardo van Brink <ardo@example.nl>, Greta Halvorsen <greta@fjord.no>"),
            (Want{"Ardo van Brink", "Greta Halvorsen"}));
  // A title is left out; a quoted name is taken whole, "Last, First" included.
  EXPECT_EQ(Names(" -- Dr. Tobias Brenner <toddy@debian.org>"), Want{"Tobias Brenner"});
  // So is a verb or a greeting that starts the line.
  EXPECT_EQ(Names("  * Drop Michael Tautberg <mt@debian.org> from Uploaders."),
            Want{"Michael Tautberg"});
  // ... unless one word alone would remain (a given name that is also a word).
  EXPECT_EQ(Names(" -- Pirate Pravesh <pravesh@debian.org>"), Want{"Pirate Pravesh"});
  EXPECT_EQ(Names("\"Halvorsen, Greta\" <ghalvorsen@fjord.no> 03/27/2001 09:11 AM"),
            Want{"Halvorsen, Greta"});
  // One word: a given name that the address spells.
  EXPECT_EQ(Names("From: Greta <greta@fjord.no>"), Want{"Greta"});
  // Prose before the name is not part of it; the line before is not either.
  EXPECT_EQ(Names("This manual page was written by Chow Loong Kin <hyperair@gmail.com> for"),
            Want{"Chow Loong Kin"});
  EXPECT_EQ(Names("Files: *\nCopyright: 2020 Jane Roe <jane@post.net>"), Want{"Jane Roe"});
}

TEST(DisplayName, GroupsServicesRolesAndMarkupAreNoPersons) {
  EXPECT_EQ(Names("Maintainer: Debian Python Team <team+python@tracker.debian.org>"), Want{});
  EXPECT_EQ(Names("Maintainer: CloudSDK Developers <cloudsdk@google.com>"), Want{});
  EXPECT_EQ(Names("From: \"Google Calendar\" <calendar-notification@google.com>"), Want{});
  EXPECT_EQ(Names("From: Acme Billing <noreply@acme.io>"), Want{});
  EXPECT_EQ(Names("From: GitHub <noreply@github.com>"), Want{});
  // One word that is no given name, or that the address does not spell.
  EXPECT_EQ(Names("Uploaders: Wookey <wookey@debian.org>"), Want{});
  EXPECT_EQ(Names("From: Greta <support@shop.com>"), Want{});
  // No address, or an address glued to a word (Perl's POD escapes: "E<...>").
  EXPECT_EQ(Names("Copyright 2007 Free Software Foundation, Inc. <https://fsf.org/>"), Want{});
  EXPECT_EQ(Names("Michael Schwern E<schwern@pobox.com>"), Want{});
  EXPECT_EQ(Names("if (a <b@c.de> 2) Jane Roe <"), Want{});
  // Words without evidence of a person: no name list knows them, the address spells none.
  EXPECT_EQ(Names("From: Mozilla Firefox <updates-noreplies@mozilla.org>"), Want{});
  // Known weakness: a firm or product whose address spells its name is taken for a person
  // ("Mozilla Firefox <firefox@mozilla.com>"); telling it from a person's own domain ("Łukasz
  // Wiśniewski <lukasz@wisniewski.pl>") cost true names on the copyright lines (docs/pii.md).
  EXPECT_EQ(Names("From: Mozilla Firefox <firefox@mozilla.com>"), Want{"Mozilla Firefox"});
}

TEST(AuthorLine, ANameAloneInSquareBracketsOnItsLine) {
  EXPECT_EQ(Authors("pkg (1.2-3) unstable; urgency=medium\n\n  [ Matthias Keller ]\n  * Fix it.\n"),
            Want{"Matthias Keller"});
  EXPECT_EQ(Authors("[Greta Halvorsen]\n* Update the watch file."), Want{"Greta Halvorsen"});
  // A name of another language than English that no list holds: the letters beyond ASCII.
  EXPECT_EQ(Authors("  [ Kęstutis Wójcik ]\n"), Want{"Kęstutis Wójcik"});
  // A no-break space before ']' is not part of the name.
  EXPECT_EQ(Authors("  [ Matthias Keller\u00a0]\n"), Want{"Matthias Keller"});
}

TEST(AuthorLine, StageDirectionsBotsAndInlineBracketsAreNoAuthors) {
  EXPECT_EQ(Authors("[ Music Playing ]\nWhere were you?"), Want{});
  EXPECT_EQ(Authors("  [ Crowd Cheering ]\n"), Want{});
  EXPECT_EQ(Authors("  [ Debian Janitor ]\n  * Trim trailing whitespace."), Want{});
  EXPECT_EQ(Authors("  [ Matthias ]\n"), Want{});               // one word
  EXPECT_EQ(Authors("as [ Matthias Keller ] said\n"), Want{});  // not alone on its line
  EXPECT_EQ(Authors("  [ Matthias Keller ] 2021\n"), Want{});
  EXPECT_EQ(Authors(std::string(200000, '[')), Want{});  // linear: no ']' at all
}

TEST(CreditedName, TheNameAfterACreditInProse) {
  EXPECT_EQ(Credited("  * Fix the build. Thanks to Pino Toscano for the patch."),
            Want{"Pino Toscano"});
  EXPECT_EQ(Credited("Patch by Ondřej Nový, reported by Kęstutis Wójcik."),
            (Want{"Ondřej Nový", "Kęstutis Wójcik"}));
  EXPECT_EQ(Credited("thanks to Helmut Grohne!"), Want{"Helmut Grohne"});
  // An honour after the name and a no-break space end it.
  EXPECT_EQ(Credited("Thanks to Oliver Letwin MP for meeting us."), Want{"Oliver Letwin"});
  EXPECT_EQ(Credited("Thanks to Maurice Dauer\u00a0for it."), Want{"Maurice Dauer"});
}

TEST(CreditedName, GroupsServicesAndOtherWordsAreNoCredits) {
  EXPECT_EQ(Credited("Thanks to Debian Janitor for the fixes."), Want{});
  EXPECT_EQ(Credited("thanks to Google Cloud Platform credits"), Want{});
  EXPECT_EQ(Credited("Shanks to Pino Toscano"), Want{});  // not the word "thanks"
  EXPECT_EQ(Credited("Thanks to Pino"), Want{});          // one word
  EXPECT_EQ(Credited(std::string(100000, 'x') + "thanks to "), Want{});
}

TEST(DisplayName, FoldsLatinLettersForTheLocalPart) {
  EXPECT_EQ(pii::FoldNameToAscii("Ondřej"), "ondrej");
  EXPECT_EQ(pii::FoldNameToAscii("Łukasz"), "lukasz");
  EXPECT_EQ(pii::FoldNameToAscii("Jędrzejewski-Szmek"), "jedrzejewskiszmek");
  EXPECT_EQ(pii::FoldNameToAscii("Søren Æbelø"), "sorenabelo");
  EXPECT_EQ(pii::FoldNameToAscii("Ts'o 2"), "tso2");
}

// Linear in the text: a wall of '<' and name words costs one pass (each '<' looks at most 320
// bytes ahead and six words back).
TEST(DisplayName, LinearOnAWallOfBrackets) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Jane Roe Jane Roe <jane@post.net <<<< ";
  auto model = ner::NerModel::Default();
  ASSERT_TRUE(model.ok());
  pii::Candidates out;
  pii::AddDisplayNames(**model, text, out);
  EXPECT_TRUE(out.empty());  // no '>' closes any address
  text.clear();
  for (int i = 0; i < 20000; ++i) text += "Jane Roe <jane@post.net> ";
  pii::AddDisplayNames(**model, text, out);
  EXPECT_EQ(out.size(), 20000u);
}

TEST(CopyrightHolder, TheNameAfterTheYears) {
  EXPECT_EQ(Holders("Copyright: 2014 Serge Voilokov\nLicense: GPL-2+"), Want{"Serge Voilokov"});
  EXPECT_EQ(Holders("Copyright (c) 2003, 2005-2007 Asim Jalis"), Want{"Asim Jalis"});
  EXPECT_EQ(Holders("copyright \xC2\xA9 2001 - 2008 Alastair McKinstry, all rights reserved"),
            Want{"Alastair McKinstry"});
  // The indented lines of a "Copyright:" field, initials kept; the field ends at a line that is
  // not indented.
  EXPECT_EQ(Holders("Copyright:\n 2018 Christoph Reiter\n \xC2\xA9 2006 Johann C. Rocholl\n"
                    "License: LGPL\n 2010 Karl Wendt"),
            (Want{"Christoph Reiter", "Johann C. Rocholl"}));
}

TEST(CopyrightHolder, CompaniesGroupsAndOtherNumbersAreNone) {
  EXPECT_EQ(Holders("Copyright (C) 1999 Sun Microsystems, Inc."), Want{});
  EXPECT_EQ(Holders("Copyright: 2004 CodeFactory AB"), Want{});
  EXPECT_EQ(Holders("Copyright: 2009 Kungliga Tekniska H\xC3\xB6gskolan"), Want{});
  EXPECT_EQ(Holders("Copyright: 1998-2022 Debian GnuPG packagers, including"), Want{});
  EXPECT_EQ(Holders("Copyright (c) 2010 The Foo Project"), Want{});
  // No year, or a number that is no year: a version, a count.
  EXPECT_EQ(Holders("Copyright Serge Voilokov"), Want{});
  EXPECT_EQ(Holders("copyright 3 Serge Voilokov"), Want{});
  EXPECT_EQ(Holders("Copyrights 2014 Serge Voilokov"), Want{});
}

}  // namespace
}  // namespace refinery
