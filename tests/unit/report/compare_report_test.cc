#include "refinery/report/compare_report.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace refinery::report {
namespace {

class CompareReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("compare_report_test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::vector<Json>& lines) {
    std::string path = (dir_ / name).string();
    std::ofstream f(path);
    for (const Json& l : lines) f << l.dump() << '\n';
    return path;
  }
  std::filesystem::path dir_;
};

Json Rec(const std::string& id, const std::string& text, Json refinery = nullptr) {
  Json j{{"id", id}, {"text", text}};
  if (!refinery.is_null()) j["refinery"] = refinery;
  return j;
}

TEST_F(CompareReportTest, JoinsByIdAndMeasuresEverySection) {
  Json pii_email = {{"pii", {{{"start", 5}, {"end", 20}, {"type", "EMAIL_ADDRESS"}}}},
                    {"scores", {{"toxicity", 0.95}}}};
  std::string raw = Write(
      "raw.jsonl",
      {Rec("a", "mail bob@example.com now", pii_email), Rec("b", "you are an idiot and a fool"),
       Rec("c", "plain text that stays the same"), Rec("d", "this one gets dropped")});
  std::string refined =
      Write("refined.jsonl", {Rec("a", "mail [EMAIL] now", {{"scores", {{"toxicity", 0.05}}}}),
                              Rec("b", "you are wrong", {{"scores", {{"toxicity", 0.15}}}}),
                              Rec("c", "plain text that stays the same")});
  std::string synthetic = Write("synthetic.jsonl", {Rec("s1", "Technology is important."),
                                                    Rec("s2", "Technology is essential.")});
  std::string gold = Write(
      "gold.jsonl", {Json{{"id", "a"},
                          {"text", "mail bob@example.com now"},
                          {"spans", {{{"start", 5}, {"end", 20}, {"type", "EMAIL_ADDRESS"}}}}}});
  CompareOptions o;
  o.raw = raw;
  o.refined = refined;
  o.synthetic = synthetic;
  o.gold = gold;
  o.pii_source = "spans";
  o.score_toxicity = false;
  auto report = BuildComparison(o);
  ASSERT_TRUE(report.ok()) << report.status();
  const Json& r = *report;
  EXPECT_EQ(r["sizes"]["raw"]["records"], 4);
  EXPECT_EQ(r["sizes"]["refined"]["records"], 3);
  EXPECT_EQ(r["sizes"]["synthetic"]["records"], 2);
  EXPECT_EQ(r["delta"]["matched"], 3);
  EXPECT_EQ(r["delta"]["unchanged"], 1);
  EXPECT_EQ(r["delta"]["changed"], 2);
  EXPECT_EQ(r["delta"]["dropped"], 1);
  // "mail bob@example.com now" (24) -> "mail [EMAIL] now" (16): 15 chars -> 7, Levenshtein 14?
  // Checked via the histogram mass instead of a brittle constant: 3 matched records.
  uint64_t mass = 0;
  for (const Json& c : r["delta"]["histogram"]["counts"]) mass += c.get<uint64_t>();
  EXPECT_EQ(mass, 3u);
  EXPECT_EQ(r["pii"]["raw"]["per_type"]["EMAIL_ADDRESS"], 1);
  EXPECT_EQ(r["pii"]["refined"]["spans"], 0);
  EXPECT_DOUBLE_EQ(r["pii"]["spans_removed_rate"].get<double>(), 1.0);
  EXPECT_EQ(r["toxicity"]["raw"]["n"], 1);
  EXPECT_EQ(r["toxicity"]["refined"]["n"], 2);
  EXPECT_EQ(r["toxicity"]["raw"]["counts"][9], 1);
  EXPECT_DOUBLE_EQ(r["leak"]["leak_rate"].get<double>(), 0.0);
  EXPECT_EQ(r["leak"]["gold_values"], 1);
  ASSERT_EQ(r["samples"].size(), 2u);
  bool saw_delete = false;
  for (const Json& seg : r["samples"][0]["segments"]) saw_delete |= seg["op"] == "delete";
  EXPECT_TRUE(saw_delete);
  for (const char* c : {"raw", "refined", "synthetic"}) {
    EXPECT_TRUE(r["metrics"][c].contains("self_bleu")) << c;
    EXPECT_FALSE(r["pca"]["points"][c].empty()) << c;
  }
  ASSERT_TRUE(WriteReport(r, (dir_ / "report").string()).ok());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "report" / "report.html"));
  std::ifstream j(dir_ / "report" / "report.json");
  Json back = Json::parse(j);
  EXPECT_EQ(back["delta"]["matched"], 3);
}

TEST_F(CompareReportTest, LeakIsCountedWhenPiiSurvives) {
  std::string raw = Write("raw.jsonl", {Rec("a", "call 555-867-5309 today")});
  std::string refined = Write("refined.jsonl", {Rec("a", "call 555-867-5309 today!")});
  std::string gold = Write(
      "gold.jsonl", {Json{{"id", "a"},
                          {"text", "call 555-867-5309 today"},
                          {"spans", {{{"start", 5}, {"end", 17}, {"type", "PHONE_NUMBER"}}}}}});
  CompareOptions o;
  o.raw = raw;
  o.refined = refined;
  o.gold = gold;
  o.pii_source = "none";
  o.score_toxicity = false;
  auto report = BuildComparison(o);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_DOUBLE_EQ((*report)["leak"]["leak_rate"].get<double>(), 1.0);
  EXPECT_NEAR((*report)["delta"]["mean"].get<double>(), 1.0 / 24, 1e-12);  // one inserted '!'
}

TEST_F(CompareReportTest, MissingInputIsAnErrorNamingTheFile) {
  CompareOptions o;
  o.raw = (dir_ / "nope.jsonl").string();
  o.refined = o.raw;
  auto report = BuildComparison(o);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("nope.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace refinery::report

namespace refinery::report {
namespace {

// The report's PII section for RAW against REFINED, counted by the built-in detector.
Json DetectorPii(const std::string& raw, const std::string& refined) {
  CompareOptions o;
  o.raw = raw;
  o.refined = refined;
  o.pii_source = "detector";
  o.score_toxicity = false;
  auto report = BuildComparison(o);
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? (*report)["pii"] : Json();
}

TEST_F(CompareReportTest, DetectorDoesNotCountAnonymizerPlaceholders) {
  std::string raw = Write("raw.jsonl", {Rec("a", "From: Barbara Smith <bsmith68@outlook.com>")});
  std::string refined = Write("refined.jsonl", {Rec("a", "From: <PERSON> <<EMAIL_ADDRESS>>")});
  Json pii = DetectorPii(raw, refined);
  EXPECT_GE(pii["raw"]["spans"].get<int>(), 1);
  EXPECT_EQ(pii["refined"]["spans"], 0) << pii.dump();
}

// Surrogates the anonymizer recorded (refinery.anonymize) are fakes, not PII left behind; an
// entry that no longer matches the text (a later step moved it) is not trusted.
TEST_F(CompareReportTest, DetectorDoesNotCountRecordedSurrogates) {
  std::string raw = Write("raw.jsonl", {Rec("a", "Card 4111 1111 1111 1111, mail ann@web.de"),
                                        Rec("b", "Card 4111 1111 1111 1111, mail ann@web.de")});
  // "4556 7375 8689 9855" passes Luhn: the detector finds it in the refined text.
  Json log = Json::array({Json{{"type", "CREDIT_CARD"},
                               {"start", 5},
                               {"end", 24},
                               {"surrogate", "4556 7375 8689 9855"},
                               {"out_start", 5},
                               {"out_end", 24}}});
  Json stale = Json::array({Json{{"type", "CREDIT_CARD"},
                                 {"start", 5},
                                 {"end", 24},
                                 {"surrogate", "4556 7375 8689 9855"},
                                 {"out_start", 6},
                                 {"out_end", 25}}});
  std::string refined = Write(
      "refined.jsonl",
      {Rec("a", "Card 4556 7375 8689 9855, mail <EMAIL_ADDRESS>", Json{{"anonymize", log}}),
       Rec("b", "Card 4556 7375 8689 9855, mail <EMAIL_ADDRESS>", Json{{"anonymize", stale}})});
  Json pii = DetectorPii(raw, refined)["refined"];
  EXPECT_EQ(pii["surrogates_ignored"], 1) << pii.dump();
  EXPECT_EQ(pii["per_type"].value("CREDIT_CARD", 0), 1) << pii.dump();  // the stale one counts
}

}  // namespace
}  // namespace refinery::report
