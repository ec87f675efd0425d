#include "refinery/gdr/criteria.h"

#include <gtest/gtest.h>

#include "refinery/gdr/kept_text.h"

namespace refinery::gdr {
namespace {

TEST(Criteria, ContainsWordNeedsBoundaries) {
  EXPECT_TRUE(ContainsWord("hi Li, bye", "Li"));
  EXPECT_FALSE(ContainsWord("hi Lisa", "Li"));
  EXPECT_FALSE(ContainsWord("x1234567y", "234567"));
  EXPECT_TRUE(ContainsWord("mail a@b.co.", "a@b.co"));
  EXPECT_FALSE(ContainsWord("", "a"));
}

TEST(Criteria, LengthDistanceAndMustKeep) {
  auto len = MakeLengthRatioCriterion(0.5, 2.0, 5);
  auto st = len->Prepare("0123456789");
  EXPECT_TRUE(len->Check("0123456789", "01234", *st).pass);
  EXPECT_FALSE(len->Check("0123456789", "0123", *st).pass);
  EXPECT_FALSE(len->Check("0123456789", std::string(21, 'x'), *st).pass);
  EXPECT_TRUE(len->Check("abc", "", *st).pass) << "too short to judge";

  auto dist = MakeDistanceCriterion(0.25);
  EXPECT_TRUE(dist->Check("abcdefgh", "abcdefXY", *st).pass);
  Verdict far = dist->Check("abcdefgh", "abXYZfgh", *st);
  EXPECT_FALSE(far.pass);
  EXPECT_NE(far.feedback.find("changed too much"), std::string::npos);
  EXPECT_DOUBLE_EQ(far.detail["delta"].get<double>(), 3.0 / 8);

  auto keep = MakeMustKeepCriterion({"ACME Corp", "absent"});
  EXPECT_TRUE(keep->Check("ACME Corp hired Bob", "ACME Corp hired Al", *st).pass);
  Verdict lost = keep->Check("ACME Corp hired Bob", "Acme hired Al", *st);
  EXPECT_FALSE(lost.pass);
  EXPECT_NE(lost.feedback.find("\"ACME Corp\""), std::string::npos);
}

TEST(Criteria, PiiCriterionCatchesLeaksWithoutNamingValues) {
  auto detector = PiiDetector::Create(PiiDetectorOptions{});
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto pii = MakePiiCriterion(*detector);
  std::string original = "Write to jane.doe@mailhost.com or call her.";
  auto st = pii->Prepare(original);
  EXPECT_FALSE(st->original_passes);
  Verdict leak = pii->Check(original, "Write to jane.doe@mailhost.com or call her!", *st);
  EXPECT_FALSE(leak.pass);
  EXPECT_NE(leak.feedback.find("EMAIL_ADDRESS"), std::string::npos);
  EXPECT_EQ(leak.feedback.find("jane.doe"), std::string::npos);
  EXPECT_EQ(leak.detail.dump().find("jane.doe"), std::string::npos);
  EXPECT_TRUE(pii->Check(original, "Write to contact1@example.org or call her.", *st).pass);
  auto clean = pii->Prepare("The weather is nice today.");
  EXPECT_TRUE(clean->original_passes);
}

// A model that replaces only part of a name ("Darius Davis" -> "Darius Halden") leaves a
// personal value behind: each word of a multi-word name is checked on its own, unless the
// original also writes that word outside the names (then it is ordinary text).
TEST(Criteria, PiiCriterionChecksEachWordOfAName) {
  auto detector = PiiDetector::Create(PiiDetectorOptions{});
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto pii = MakePiiCriterion(*detector);
  std::string original = "Dear Darius Davis, your parcel is waiting at the depot.";
  auto st = pii->Prepare(original);
  ASSERT_FALSE(st->original_passes);
  Verdict part =
      pii->Check(original, "Dear Darius Halden, your parcel is waiting at the depot.", *st);
  EXPECT_FALSE(part.pass);
  EXPECT_NE(part.feedback.find("PERSON"), std::string::npos);
  EXPECT_EQ(part.feedback.find("Darius"), std::string::npos);
  EXPECT_FALSE(
      pii->Check(original, "Dear Marcus Davis, your parcel is waiting at the depot.", *st).pass);
  EXPECT_TRUE(
      pii->Check(original, "Dear Marcus Halden, your parcel is waiting at the depot.", *st).pass);

  // "Rose" is also part of an ordinary name in this text (a garden, not a person): only the
  // whole name is checked for it.
  PiiDetectorOptions persons;
  persons.types = {"PERSON"};
  auto person_detector = PiiDetector::Create(persons);
  ASSERT_TRUE(person_detector.ok()) << person_detector.status();
  auto person_pii = MakePiiCriterion(*person_detector);
  std::string both = "Dear Rose Davis, the Rose Garden opens at noon.";
  auto st2 = person_pii->Prepare(both);
  ASSERT_FALSE(st2->original_passes);
  EXPECT_TRUE(
      person_pii->Check(both, "Dear Lily Halden, the Rose Garden opens at noon.", *st2).pass);
  EXPECT_FALSE(
      person_pii->Check(both, "Dear Rose Davis, the Rose Garden opens at noon.", *st2).pass);
}

}  // namespace
}  // namespace refinery::gdr

namespace refinery::gdr {
namespace {

class WordToxicity : public ToxicityCriterion {
 public:
  StatusOr<double> Score(std::string_view text) const override {
    return text.find("idiot") != std::string_view::npos ? 0.9 : 0.1;
  }
  std::string name() const override { return "word"; }
};

TEST(Criteria, ToxicityThresholdThroughThePluggableInterface) {
  auto tox = MakeToxicityCriterion(std::make_shared<WordToxicity>(), 0.5);
  auto st = tox->Prepare("you idiot");
  EXPECT_FALSE(st->original_passes);
  Verdict bad = tox->Check("you idiot", "you absolute idiot", *st);
  EXPECT_FALSE(bad.pass);
  EXPECT_NE(bad.feedback.find("still toxic"), std::string::npos);
  EXPECT_DOUBLE_EQ(bad.detail["score"].get<double>(), 0.9);
  EXPECT_TRUE(tox->Check("you idiot", "you person", *st).pass);
  EXPECT_TRUE(tox->Prepare("hello there")->original_passes);
}

// The PII and keep_text criteria prepared with shared facts (one detector pass, as the
// rewrite step does) judge exactly as when each detects the original itself; facts made for
// one original are not reused for another.
TEST(Criteria, SharedFactsJudgeAsSeparateDetections) {
  auto detector = PiiDetector::Create(PiiDetectorOptions{});
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto pii = MakePiiCriterion(*detector);
  auto kept = MakeKeptTextCriterion(*detector);
  std::string first = "Anna Kowalski wrote to jane.doe@mailhost.com from Berlin on Monday.";
  std::string second = "Call Tom Baker at 415-555-0142 about the invoice.";
  OriginalFacts facts;
  for (const std::string& original : {first, second}) {
    auto pii_shared = pii->Prepare(original, facts), kept_shared = kept->Prepare(original, facts);
    auto pii_alone = pii->Prepare(original), kept_alone = kept->Prepare(original);
    const auto& a = static_cast<const PiiLeakState&>(*pii_shared);
    const auto& b = static_cast<const PiiLeakState&>(*pii_alone);
    EXPECT_FALSE(a.values.empty()) << original;
    EXPECT_EQ(a.values, b.values) << original;
    EXPECT_EQ(a.types, b.types) << original;
    for (const std::string& candidate : {original, std::string("Something else entirely."),
                                         original.substr(0, original.size() / 2) + " and so on."}) {
      EXPECT_EQ(pii->Check(original, candidate, *pii_shared).detail,
                pii->Check(original, candidate, *pii_alone).detail);
      EXPECT_EQ(kept->Check(original, candidate, *kept_shared).detail,
                kept->Check(original, candidate, *kept_alone).detail);
    }
  }
}

}  // namespace
}  // namespace refinery::gdr
