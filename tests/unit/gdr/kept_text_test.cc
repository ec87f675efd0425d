#include "refinery/gdr/kept_text.h"

#include <gtest/gtest.h>

#include "refinery/gdr/repair.h"

namespace refinery::gdr {
namespace {

const std::string kDoc =
    "Dear team,\n\nAnna Kowalski from the Berlin office will present the quarterly results on "
    "Monday. Please send your questions to anna.k@mailhost.com before Friday.\n\nThe budget "
    "review follows in the afternoon, and the minutes will be shared with everyone afterwards. "
    "Coffee and lunch are provided in room 4.\n\nBest regards,\nTom";

KeptTextReport Kept(const std::string& cand, std::vector<PiiSpan> spans = {}) {
  return CheckKeptText(kDoc, cand, spans, KeptTextOptions{});
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t p = s.find(from);
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

TEST(KeptText, ReplacedValuesAnywherePass) {
  std::string c = Replace(kDoc, "Anna Kowalski", "Marta Nowak");
  c = Replace(c, "anna.k@mailhost.com", "marta.n@example.com");
  c = Replace(c, "Berlin", "Hamburg");
  c = Replace(c, "Tom", "Jens");
  EXPECT_TRUE(Kept(c).pass);
  EXPECT_TRUE(Kept(kDoc).pass);
}

TEST(KeptText, LossyAnswersFail) {
  // "[... rest unchanged ...]"
  size_t cut = kDoc.find("The budget");
  EXPECT_FALSE(Kept(kDoc.substr(0, cut) + "[… the rest of the document is unchanged …]").pass);
  // A dropped paragraph.
  size_t end = kDoc.find("Best regards");
  EXPECT_FALSE(Kept(kDoc.substr(0, cut) + kDoc.substr(end)).pass);
  // Truncation at either end (Ollama keeps the end of a prompt that does not fit).
  EXPECT_FALSE(Kept(kDoc.substr(kDoc.size() / 2)).pass);
  EXPECT_FALSE(Kept(kDoc.substr(0, kDoc.size() / 2)).pass);
  // An answer added to the document.
  EXPECT_FALSE(Kept(kDoc +
                    "\n\nSure! Here are some tips for presenting quarterly results to a team: "
                    "start with the headline numbers, then explain the drivers behind them.")
                   .pass);
  // A translation.
  EXPECT_FALSE(Kept("Liebes Team,\n\nAnna Kowalski aus dem Berliner Büro stellt am Montag die "
                    "Quartalszahlen vor. Bitte schicken Sie Ihre Fragen bis Freitag an "
                    "anna.k@mailhost.com.\n\nDie Haushaltsprüfung folgt am Nachmittag.")
                   .pass);
}

// What a careful real model changes besides the values, none of which drops text.
TEST(KeptText, ARealModelsHarmlessEditsPass) {
  const std::string doc =
      "Mr. John Carter said he would send his report to Springfield, IL 62704 by Friday.\n"
      "The  invoice   is an \"urgent\" matter,\nso please reply soon.\n\n"
      "Clash of Clans Guide by Jorge Ramos Perez";
  const std::string cand =
      "Ms. Maria Lee Anne said she would send her report to Fairview, OR 97035 by Friday. The "
      "invoice is an \xe2\x80\x9curgent\xe2\x80\x9d matter, so please reply soon\n\n"
      "Clash of Riverton Oakdale by Robin Sasha Smith";
  KeptTextReport r = CheckKeptText(doc, cand, {}, KeptTextOptions{});
  EXPECT_TRUE(r.pass) << r.worst_at << " " << r.worst_original_gap << " " << r.worst_candidate_gap;
  // "a" -> "an" before a fake starting with a vowel; a one-word fake for a full name.
  EXPECT_TRUE(CheckKeptText("I met a Dutch engineer, Piet van der Berg, at a Berlin cafe.",
                            "I met an Irish engineer, Aoife, at an Oslo cafe.", {},
                            KeptTextOptions{})
                  .pass);
}

TEST(KeptText, AShortLossNotedAsAnOmissionFails) {
  // One short sentence dropped: within the size tolerance, but the note gives it away.
  std::string cut = kDoc.substr(0, kDoc.find("Coffee and lunch"));
  EXPECT_FALSE(Kept(cut + "[… the rest of the document is unchanged …]").pass);
  EXPECT_FALSE(Kept(cut + "(remainder omitted)\n\nBest regards,\nTom").pass);
  EXPECT_FALSE(Kept(cut + "...\n\nBest regards,\nTom").pass);
  // Dropped with nothing in its place.
  EXPECT_FALSE(Kept(cut + "\n\nBest regards,\nTom").pass);
  // An ellipsis the original has is no note.
  std::string doc = "Wait... Anna said no.";
  EXPECT_TRUE(CheckKeptText(doc, "Wait... Marta said no.", {}, KeptTextOptions{}).pass);
}

TEST(KeptText, WordsAddedWhereNothingWasReplacedFail) {
  EXPECT_FALSE(Kept("Here is the refined document:\n\n" + kDoc).pass);
  EXPECT_FALSE(Kept(kDoc + "\n\nLet me know if you need anything else.").pass);
  EXPECT_TRUE(Kept(Replace(kDoc, "Best regards", "Best regards and thanks")).pass);
}

TEST(KeptText, DroppedNamesAreDroppedText) {
  // A list of names replaced by nothing is not a replacement.
  std::string doc =
      "Present: Anna Weber, Jonas Becker, Lea Hoffmann, Paul Schulz, Mia Koch, "
      "Ben Richter, Emma Klein, Noah Wolf.\nThe meeting opened at ten.";
  EXPECT_FALSE(CheckKeptText(doc, "Present: several people.\nThe meeting opened at ten.", {},
                             KeptTextOptions{})
                   .pass);
  EXPECT_TRUE(CheckKeptText(doc,
                            "Present: Eva Roth, Tim Vogel, Ida Brandt, Max Sommer, Lina Graf, Leo "
                            "Kraus, Ella Jung, Finn Hahn.\nThe meeting opened at ten.",
                            {}, KeptTextOptions{})
                  .pass);
}

TEST(KeptText, DetectedValuesMayBeReplacedByAnythingOfAnyLength) {
  std::string doc =
      "Key: -----BEGIN KEY----- a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11 -----END KEY----- ok";
  std::string cand = "Key: EXAMPLE-KEY-0000 ok";
  EXPECT_FALSE(CheckKeptText(doc, cand, {}, KeptTextOptions{}).pass);
  PiiSpan key;
  key.start = 5;
  key.end = doc.find(" ok");
  key.type = "PRIVATE_KEY";
  EXPECT_TRUE(CheckKeptText(doc, cand, {key}, KeptTextOptions{}).pass);
}

TEST(Repair, SurvivingValuesGetTheModelsOwnReplacementElseASurrogate) {
  std::string original = "Anna wrote to anna.k@mailhost.com; later anna.k@mailhost.com replied.";
  // The model replaced the first mention only, and kept the name.
  std::string cand = "Anna wrote to lena@example.com; later anna.k@mailhost.com replied.";
  PiiLeakState st;
  PiiSpan e1, e2, name;
  name.start = 0;
  name.end = 4;
  name.type = "PERSON";
  e1.start = original.find("anna.k");
  e1.end = e1.start + 19;
  e1.type = "EMAIL_ADDRESS";
  e2.start = original.rfind("anna.k");
  e2.end = e2.start + 19;
  e2.type = "EMAIL_ADDRESS";
  st.spans = {name, e1, e2};
  st.values = {"Anna", "anna.k@mailhost.com"};
  st.types = {"PERSON", "EMAIL_ADDRESS"};
  AnonymizerOptions o;
  o.default_operator = AnonymizeOperator::kSurrogate;
  auto anon = Anonymizer::Create(o);
  ASSERT_TRUE(anon.ok());
  RepairResult r = RepairLeaks(original, cand, st, **anon);
  EXPECT_EQ(r.values_replaced, 2u);
  EXPECT_EQ(r.from_model, 1u);
  EXPECT_EQ(r.text.find("anna.k@"), std::string::npos) << r.text;
  EXPECT_FALSE(ContainsWord(r.text, "Anna")) << r.text;
  EXPECT_NE(r.text.find("later lena@example.com replied"), std::string::npos) << r.text;
}

TEST(Repair, TheModelsReplacementGoesWhereItMissedTheName) {
  std::string original =
      "Anna Kowalski joined in May. Write to anna.kowalski@firm.example or @AnnaKowalski; "
      "anna will answer. His report is due. KOWALSKI signed.";
  // The model replaced the full name once, fitted a pronoun, and missed the other spellings.
  std::string cand =
      "Marta Nowak joined in May. Write to anna.kowalski@firm.example or @AnnaKowalski; "
      "anna will answer. Her report is due. KOWALSKI signed.";
  size_t n = PropagateModelReplacements(original, cand);
  EXPECT_EQ(cand,
            "Marta Nowak joined in May. Write to marta.nowak@firm.example or @MartaNowak; "
            "marta will answer. Her report is due. NOWAK signed.");
  EXPECT_EQ(n, 6u);
  // Nothing the model replaced: nothing to propagate; "His" -> "Her" is grammar, not a name.
  std::string same = original;
  EXPECT_EQ(PropagateModelReplacements(original, same), 0u);
  std::string pronoun = original;
  pronoun.replace(pronoun.find("His"), 3, "Her");
  EXPECT_EQ(PropagateModelReplacements(original, pronoun), 0u);
  // A word the model mapped two ways is left alone.
  std::string two = "Jordan met Jordan.";
  std::string two_cand = "Alex met Sam.";
  EXPECT_EQ(PropagateModelReplacements(two, two_cand), 0u);
  EXPECT_EQ(two_cand, "Alex met Sam.");
}

}  // namespace
}  // namespace refinery::gdr
