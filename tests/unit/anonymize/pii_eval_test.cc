#include "refinery/metrics/pii_eval.h"

#include <gtest/gtest.h>

namespace refinery {
namespace {

TEST(PiiEval, StrictAndOverlapMatching) {
  std::vector<PiiGoldSpan> gold = {{0, 10, "PERSON"}, {20, 30, "EMAIL_ADDRESS"}};
  std::vector<PiiGoldSpan> pred = {
      {0, 8, "PERSON"}, {20, 30, "EMAIL_ADDRESS"}, {40, 45, "PHONE_NUMBER"}};
  PiiEvaluator strict(SpanMatch::kStrict), overlap(SpanMatch::kOverlap);
  strict.Add(gold, pred);
  overlap.Add(gold, pred);
  EXPECT_EQ(strict.result().micro.tp, 1u);
  EXPECT_EQ(strict.result().micro.fp, 2u);
  EXPECT_EQ(strict.result().micro.fn, 1u);
  EXPECT_EQ(overlap.result().micro.tp, 2u);  // IoU 0.8
  EXPECT_EQ(overlap.result().micro.fp, 1u);
  Json j = overlap.result().ToJson();
  EXPECT_DOUBLE_EQ(j["per_type"]["PERSON"]["recall"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["per_type"]["PHONE_NUMBER"]["precision"].get<double>(), 0.0);
  EXPECT_EQ(j["match"], "overlap");
  EXPECT_TRUE(j.contains("any_pii"));
  EXPECT_TRUE(j.contains("macro"));
}

TEST(PiiEval, IouThresholdAndTypeAgnostic) {
  EXPECT_FALSE(SpansMatch({0, 10, "A"}, {0, 4, "A"}, SpanMatch::kOverlap));  // IoU 0.4
  EXPECT_TRUE(SpansMatch({0, 10, "A"}, {0, 5, "A"}, SpanMatch::kOverlap));   // IoU 0.5
  PiiEvaluator ev(SpanMatch::kStrict);
  ev.Add({{0, 5, "API_KEY"}}, {{0, 5, "AUTH_TOKEN"}});
  EXPECT_EQ(ev.result().micro.tp, 0u);
  EXPECT_EQ(ev.result().any_pii.tp, 1u);
  EXPECT_NEAR(ev.result().any_pii.F(2), 1.0, 1e-9);
}

TEST(PiiEval, PrfFormulas) {
  PrfCounts c;
  c.tp = 8, c.fp = 2, c.fn = 8;
  EXPECT_DOUBLE_EQ(c.Precision(), 0.8);
  EXPECT_DOUBLE_EQ(c.Recall(), 0.5);
  EXPECT_NEAR(c.F(1), 2 * 0.8 * 0.5 / 1.3, 1e-12);
  EXPECT_NEAR(c.F(2), 5 * 0.8 * 0.5 / (4 * 0.8 + 0.5), 1e-12);
}

TEST(PiiEval, ParseLines) {
  auto d = ParsePiiDocLine(
      R"({"id":"a","text":"hi Bob","spans":[{"start":3,"end":6,"type":"PERSON"}]})");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->spans.size(), 1u);
  auto p = ParsePiiDocLine(
      R"({"id":7,"text":"x","refinery":{"pii":[{"start":0,"end":1,"type":"X","score":0.9}]}})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->id, "7");
  EXPECT_EQ(p->spans[0].type, "X");
  const char* both = R"({"id":1,"text":"ab","spans":[{"start":0,"end":1,"type":"G"}],)"
                     R"("refinery":{"pii":[{"start":1,"end":2,"type":"P"}]}})";
  EXPECT_EQ(ParsePiiDocLine(both)->spans[0].type, "G");
  EXPECT_EQ(ParsePiiDocLine(both, /*predictions=*/true)->spans[0].type, "P");
  EXPECT_FALSE(ParsePiiDocLine(R"({"id":1})").ok());
  EXPECT_FALSE(ParsePiiDocLine(R"({"text":"a","spans":[{"start":2,"end":1,"type":"A"}]})").ok());
}

TEST(PiiEval, LeakAndOverEdit) {
  PiiDoc doc;
  doc.text = "Call Anna at 415-823-2671 or mail anna@x.io today";
  doc.spans = {{5, 9, "PERSON"}, {13, 25, "PHONE_NUMBER"}, {34, 43, "EMAIL_ADDRESS"}};
  LeakResult r;
  // Phone survives with different separators; e-mail replaced; one non-PII word changed.
  AddLeakDoc(doc, "Call Maya at (415) 823 2671 or mail <EMAIL_ADDRESS> tomorrow", r);
  EXPECT_EQ(r.gold, 3u);
  EXPECT_EQ(r.leaked, 1u);
  EXPECT_EQ(r.per_type["PHONE_NUMBER"].leaked, 1u);
  EXPECT_EQ(r.per_type["PERSON"].leaked, 0u);
  EXPECT_EQ(r.non_pii_words, 5u);  // Call, at, or, mail, today
  EXPECT_EQ(r.non_pii_words_changed, 1u);
  EXPECT_EQ(NormalizeForLeak("(415) 823-2671"), "4158232671");
  Json j = r.ToJson();
  EXPECT_NEAR(j["leak_rate"].get<double>(), 0.3333, 1e-4);
}

}  // namespace
}  // namespace refinery
