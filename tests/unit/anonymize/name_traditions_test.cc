#include "refinery/anonymize/name_traditions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/anonymize/person_names.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/pii_detector.h"  // PiiSpan

namespace refinery {
namespace {

using anon::NameTradition;

// The anonymizer's log for `text` with two PERSON spans: the first `full` and the last `alone`.
std::vector<Replacement> TwoMentions(const std::string& text, const std::string& full,
                                     const std::string& alone) {
  AnonymizerOptions options;
  options.default_operator = AnonymizeOperator::kSurrogate;
  auto a = Anonymizer::Create(options).value();
  auto s = a->NewScratch();
  const size_t f = text.find(full), l = text.rfind(alone);
  std::vector<Replacement> log;
  a->Apply(text,
           {PiiSpan{f, f + full.size(), "PERSON", 0.9, "t"},
            PiiSpan{l, l + alone.size(), "PERSON", 0.9, "t"}},
           *s, &log);
  return log;
}

TEST(NameTraditions, ReadFromTheFamilyNameItsEndingOrItsLetters) {
  const std::pair<const char*, NameTradition> kCases[] = {
      {"Jan Kowalski", NameTradition::kPolish},              // list
      {"Anna Brzęczyszczykiewicz", NameTradition::kPolish},  // "ę", "-wicz"
      {"Giulia Bianchi", NameTradition::kItalian},
      {"Paolo Castellini", NameTradition::kItalian},  // "-ini"
      {"Herr Müller", NameTradition::kGerman},        // one word: a family name
      {"Ralph Süßebier", NameTradition::kGerman},     // "ß" before the French "-ier"
      {"Gunter Köster", NameTradition::kGerman},      // not the Dutch list's "Koster"
      {"Lize de Jong", NameTradition::kDutch},
      {"Elke van der Dussen", NameTradition::kDutch},  // the particle
      {"Mikko Virtanen", NameTradition::kFinnish},
      {"Lars Lindqvist", NameTradition::kNordic},
      {"Ioana Georgescu", NameTradition::kRomanian},
      {"Georgios Papadopoulos", NameTradition::kGreek},
      {"Özger Ergül", NameTradition::kGerman},          // umlauts alone ...
      {"Kaşif Ergül", NameTradition::kTurkish},         // ... a Turkish letter in the name
      {"Abdullah bin Khalid", NameTradition::kArabic},  // not the Chinese given name "Bin"
      {"Zainab Qureshi", NameTradition::kSouthAsianMuslim},
      {"Rahul Verma", NameTradition::kSouthAsian},
      {"Nguyen Van Minh", NameTradition::kVietnamese},  // family name first, "Van" no particle
      {"Wang Wei", NameTradition::kChinese},
      {"Oluwaseun Adeyemi", NameTradition::kWestAfrican},
      {"Marko Petrović", NameTradition::kSouthSlavic},
      {"Kateřina Nováková", NameTradition::kCzech},  // "-ová" with its accent: no Russian "-ova"
      {"John Smith", NameTradition::kUnknown},
      {"Laura Palmer", NameTradition::kUnknown},  // a common US given name says nothing
      {"Dylan Thomas", NameTradition::kUnknown},  // no list holds English surnames
      {"Kim", NameTradition::kUnknown},           // one word, a common given name
  };
  for (const auto& [name, want] : kCases)
    EXPECT_EQ(anon::TraditionOfName(name), want)
        << name << ": " << anon::TraditionName(anon::TraditionOfName(name));
}

// Family names that agree with their bearer's sex keep the original's form.
TEST(NameTraditions, FamilyNamesAgreeWithTheOriginalsForm) {
  using anon::InflectFamilyName;
  EXPECT_EQ(InflectFamilyName(NameTradition::kPolish, "Wiśniewski", "kowalska"), "Wiśniewska");
  EXPECT_EQ(InflectFamilyName(NameTradition::kPolish, "Wiśniewski", "kowalski"), "Wiśniewski");
  EXPECT_EQ(InflectFamilyName(NameTradition::kPolish, "Nowak", "kowalska"), "Nowak");
  EXPECT_EQ(InflectFamilyName(NameTradition::kCzech, "Dvořák", "novakova"), "Dvořáková");
  EXPECT_EQ(InflectFamilyName(NameTradition::kCzech, "Svoboda", "novakova"), "Svobodová");
  EXPECT_EQ(InflectFamilyName(NameTradition::kCzech, "Novotný", "cerna"), "Novotná");
  EXPECT_EQ(InflectFamilyName(NameTradition::kCzech, "Novotný", "dvorak"), "Novotný");
  EXPECT_EQ(InflectFamilyName(NameTradition::kEastSlavic, "Petrov", "ivanova"), "Petrova");
  EXPECT_EQ(InflectFamilyName(NameTradition::kEastSlavic, "Shevchenko", "ivanova"), "Shevchenko");
  EXPECT_EQ(InflectFamilyName(NameTradition::kGreek, "Papadopoulos", "georgiou"), "Papadopoulou");
  EXPECT_EQ(InflectFamilyName(NameTradition::kGreek, "Papadopoulos", "makris"), "Papadopoulos");
  anon::Rng rng(9);
  for (int i = 0; i < 20; ++i) {
    const std::string fake = anon::FakeName("Anna Kowalska", rng);
    const std::string family = fake.substr(fake.find(' ') + 1);
    EXPECT_FALSE(family.ends_with("ski") || family.ends_with("cki")) << fake;
  }
}

// The lists say a given name's sex where the US birth lists do not ("Wojciech Zieliński" became
// "Bożena Zawadzki"), and a family name a woman and a man share gets one of the same kind
// ("Evelyn Kowalczyk" became "Krystyna Kwiatkowski").
TEST(NameTraditions, GenderAndSharedFamilyNames) {
  EXPECT_EQ(anon::GenderInTraditionLists("Wojciech"), 0);
  EXPECT_EQ(anon::GenderInTraditionLists("Małgorzata"), 1);
  EXPECT_EQ(anon::GenderInTraditionLists("Zyxwv"), -1);  // in no list
  anon::Rng rng(4);
  for (int i = 0; i < 30; ++i) {
    const std::string f = anon::DrawFamilyNameLike(NameTradition::kPolish, "kowalczyk", rng);
    EXPECT_FALSE(f.ends_with("ski") || f.ends_with("cki") || f.ends_with("ska")) << f;
    const std::string m = anon::DrawFamilyNameLike(NameTradition::kEastSlavic, "shevchenko", rng);
    EXPECT_FALSE(m.ends_with("ov") || m.ends_with("ev") || m.ends_with("in")) << m;
  }
}

TEST(NameTraditions, DrawsAreOfTheTraditionAndGender) {
  anon::Rng rng(11);
  std::set<std::string> women, men;
  for (int i = 0; i < 50; ++i) {
    const std::string family = anon::DrawFamilyNameOf(NameTradition::kPolish, rng);
    EXPECT_EQ(anon::FamilyListOf(family), NameTradition::kPolish) << family;
    women.insert(anon::DrawGivenNameOf(NameTradition::kItalian, 1, rng));
    men.insert(anon::DrawGivenNameOf(NameTradition::kItalian, 0, rng));
  }
  EXPECT_GT(women.size(), 10u);
  EXPECT_GT(men.size(), 10u);
  for (const std::string& w : women) EXPECT_EQ(men.count(w), 0u) << w;
  EXPECT_TRUE(women.count("Giulia") + women.count("Chiara") + women.count("Francesca") > 0);
  EXPECT_TRUE(anon::DrawGivenNameOf(NameTradition::kUnknown, 1, rng).empty());
  EXPECT_TRUE(anon::DrawFamilyNameOf(NameTradition::kUnknown, rng).empty());
}

// In a document: every mention of the name follows its tradition, and a later surname alone
// keeps the full name's surrogate word.
TEST(NameTraditions, AnonymizerKeepsTheTraditionAcrossMentions) {
  const std::vector<Replacement> log = TwoMentions(
      "Wnioskodawca: Jan Kowalski. Pan Kowalski prosi o kontakt.", "Jan Kowalski", "Kowalski");
  ASSERT_EQ(log.size(), 2u);
  const std::string& fake = log[0].surrogate;
  const size_t space = fake.find(' ');
  ASSERT_NE(space, std::string::npos) << fake;
  EXPECT_EQ(anon::FamilyListOf(fake.substr(space + 1)), NameTradition::kPolish) << fake;
  EXPECT_EQ(log[1].surrogate, fake.substr(space + 1));
}

// A Vietnamese name keeps its order, family name first, and "Mr. Nguyen" gets that family
// name's surrogate ("Nguyen Van Minh" became "Tuan Hieu Mai", then "Mr. Tuan").
TEST(NameTraditions, FamilyNameFirstStaysFirst) {
  const std::vector<Replacement> log = TwoMentions(
      "Nguyen Van Minh joined in May. Mr. Nguyen leads the team.", "Nguyen Van Minh", "Nguyen");
  ASSERT_EQ(log.size(), 2u);
  const std::string& fake = log[0].surrogate;
  const std::string first = fake.substr(0, fake.find(' '));
  EXPECT_EQ(anon::FamilyListOf(first), NameTradition::kVietnamese) << fake;
  EXPECT_EQ(log[1].surrogate, first);
}

// Given names written alone after the full name keep its roles ("Ana Beatriz" after "Ana Beatriz
// Gonçalves" became "Joana Carvalho", the full name "Joana Graça Soares").
TEST(NameTraditions, GivenNamesAloneKeepTheFullNamesRoles) {
  const std::vector<Replacement> log =
      TwoMentions("To: Ana Beatriz Goncalves\n\nHola Ana Beatriz, te adjunto el contrato.",
                  "Ana Beatriz Goncalves", "Ana Beatriz");
  ASSERT_EQ(log.size(), 2u);
  const std::string& fake = log[0].surrogate;
  EXPECT_EQ(fake.substr(0, fake.rfind(' ')), log[1].surrogate) << fake;
}

// A handle made of a name draws from the name's tradition, in ASCII as handles are written
// ("marek_nowak" became "ethan_ito").
TEST(NameTraditions, HandlesFollowTheirNamesTradition) {
  anon::Rng rng(5);
  for (int i = 0; i < 20; ++i) {
    const std::string fake = anon::MakeSurrogate("PERSON", "marek_nowak", rng);
    const size_t sep = fake.find('_');
    ASSERT_NE(sep, std::string::npos) << fake;
    const std::string family = fake.substr(sep + 1);
    EXPECT_EQ(anon::FamilyListOf(family), NameTradition::kPolish) << fake;
    for (const char c : fake) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << fake;
  }
}

// A form's label says the part of a one-word name ("Last name: OKAFOR-HILL" became "FEDERICA",
// a given name).
TEST(NameTraditions, FormLabelsSayThePart) {
  EXPECT_EQ(anon::LabelBefore("Last name: X", 11), anon::NamePartLabel::kFamily);
  EXPECT_EQ(anon::LabelBefore("e Employee's first name and initial: X", 37),
            anon::NamePartLabel::kGiven);
  EXPECT_EQ(anon::LabelBefore("Nachname:\tX", 10), anon::NamePartLabel::kFamily);
  EXPECT_EQ(anon::LabelBefore("Vorname: X", 9), anon::NamePartLabel::kGiven);
  EXPECT_EQ(anon::LabelBefore("Contact: X", 9), anon::NamePartLabel::kNone);
  EXPECT_EQ(anon::LabelBefore("My surname X", 11), anon::NamePartLabel::kNone);  // no colon
  const std::vector<Replacement> log =
      TwoMentions("First name: Kathryn\nLast name: Campbell", "Kathryn", "Campbell");
  ASSERT_EQ(log.size(), 2u);
  const auto& families = pii::LastNames();
  EXPECT_TRUE(std::find(families.begin(), families.end(), log[1].surrogate) != families.end() ||
              anon::FamilyListOf(log[1].surrogate) != NameTradition::kUnknown)
      << log[1].surrogate;
}

}  // namespace
}  // namespace refinery
