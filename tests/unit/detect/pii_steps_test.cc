#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <deque>

#include "refinery/detect/pii_detector.h"
#include "refinery/detect/pii_steps.h"
#include "refinery/io/record_parser.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery {
namespace {

StatusOr<std::unique_ptr<Step>> MakeStep(const std::string& type, const std::string& yaml) {
  const StepInfo* info = StepRegistry::Builtin().Find(type);
  if (info == nullptr) return absl::NotFoundError("no step " + type);
  StepParams params(type, YAML::Load(yaml), "test.yaml");
  return info->factory(params, StepEnvironment{});
}

void RunStep(const Step& step, Batch& batch) {
  auto state = step.NewThreadState();
  bool done = false;
  step.ProcessAsync(batch, state.get(), [&] { done = true; });
  ASSERT_TRUE(done);
}

// Records parsed from JSON lines as a source would give them (the lines are kept alive, with
// simdjson's padding, for the records' lifetime).
class LineParser {
 public:
  Record operator()(const std::string& line) {
    storage_.push_back(line + std::string(64, '\0'));
    auto r = parser_.Parse(std::string_view(storage_.back().data(), line.size()), {"in.jsonl", 1});
    EXPECT_TRUE(r.ok()) << r.status();
    return std::move(r).value();
  }

 private:
  const std::string text_field_ = "text";
  RecordParser parser_{&text_field_, "id"};
  std::deque<std::string> storage_;
};

TEST(PiiSteps, DetectWritesSpans) {
  auto step = MakeStep("pii_detect", "{types: [EMAIL_ADDRESS, IP_ADDRESS]}");
  ASSERT_TRUE(step.ok()) << step.status();
  Batch batch;
  batch.Reset(0, 0, 1);
  batch.records().emplace_back();
  batch.records().back().set_text("Über uns: anna@uni-hamburg.de from 10.1.2.3, John Smith");
  RunStep(**step, batch);
  const Json& pii = batch.records()[0].refinery()["pii"];
  ASSERT_EQ(pii.size(), 2u);
  EXPECT_EQ(pii[0]["type"], "EMAIL_ADDRESS");
  EXPECT_EQ(pii[0]["start"], 10);
  EXPECT_EQ(pii[0]["end"], 29);
  EXPECT_EQ(pii[0]["detector"], "email");
  EXPECT_EQ(pii[1]["type"], "IP_ADDRESS");
  EXPECT_EQ(batch.stats().counters.ToJson()["pii_spans"], 2.0);
}

// pii_detect writes its spans as JSON text: the output lines are those of the Json tree it
// built before (PiiSpansJson), for records without a `refinery` object, with one, and with a
// `pii` of their own (replaced in place).
TEST(PiiSteps, DetectOutputLinesAreThoseOfTheJsonTree) {
  auto step = MakeStep("pii_detect", "{}");
  ASSERT_TRUE(step.ok()) << step.status();
  auto detector = PiiDetector::Create(PiiDetectorOptions{});
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto scratch = (*detector)->NewScratch();
  const std::string text =
      "Dear Jacques Chirac, write to anna@uni-hamburg.de or call +1 906 555 0180 from Z\u00fcrich; "
      "card 4560 0282 5779 0506, key AKIAIOSFODNN7EXAMPLE. Chirac said yes.";
  const std::vector<std::string> lines = {
      R"({"id": 1, "text": ")" + text + R"("})",
      R"({"refinery": {"lang": {"code": "en"}}, "text": ")" + text + R"(", "z": 0})",
      R"({"text": ")" + text + R"(", "refinery": {"pii": [{"start": 0}], "status": "kept"}})",
      R"({"text": "nothing here"})"};
  LineParser parse;
  Batch batch;
  batch.Reset(0, 0, 1);
  for (const std::string& line : lines) batch.records().push_back(parse(line));
  RunStep(**step, batch);
  for (size_t i = 0; i < lines.size(); ++i) {
    Record expected = parse(lines[i]);
    expected.refinery()["pii"] = PiiSpansJson((*detector)->Detect(expected.text(), *scratch));
    std::string want, got;
    expected.Serialize(want);
    batch.records()[i].Serialize(got);
    EXPECT_EQ(got, want) << i;
  }
}

// pii_anonymize writes its members as text into a record without a `refinery` object and as a
// tree into one with an object: the same members, written the same way.
TEST(PiiSteps, AnonymizeWritesTheSameMembersWithOrWithoutAnObject) {
  auto step = MakeStep("pii_anonymize",
                       "{operator: placeholder, operators: {PERSON: mask}, keep_originals: true}");
  ASSERT_TRUE(step.ok()) << step.status();
  const std::string text =
      "Dear Jacques Chirac, write to anna@uni-hamburg.de or call +1 906 555 0180 from Z\u00fcrich; "
      "card 4560 0282 5779 0506. Chirac said \\\"yes\\\".";
  const std::vector<std::string> lines = {
      R"({"id": 1, "text": ")" + text + R"("})",
      R"({"refinery": {"lang": {"code": "en"}}, "text": ")" + text + R"("})"};
  LineParser parse;
  Batch batch;
  batch.Reset(0, 0, 1);
  for (const std::string& line : lines) batch.records().push_back(parse(line));
  RunStep(**step, batch);
  Record& as_text = batch.records()[0];
  Record& as_tree = batch.records()[1];
  EXPECT_EQ(as_text.text(), as_tree.text());
  // The text form's output line is the line the tree form's members give.
  Record expected = parse(lines[0]);
  expected.set_text(std::string(as_tree.text()));
  expected.refinery()["pii"] = as_tree.refinery()["pii"];
  expected.refinery()["anonymize"] = as_tree.refinery()["anonymize"];
  std::string want, got;
  expected.Serialize(want);
  as_text.Serialize(got);
  EXPECT_EQ(got, want);
  ASSERT_EQ(as_tree.refinery()["anonymize"].size(), 5u) << want;
  EXPECT_EQ(as_text.refinery()["anonymize"], as_tree.refinery()["anonymize"]);
  EXPECT_EQ(as_text.refinery()["anonymize"][0]["original"], "Jacques Chirac");
}

TEST(PiiSteps, AnonymizeReplacesAndLogsWithoutOriginals) {
  auto step = MakeStep("pii_anonymize", "{operator: placeholder, operators: {PERSON: surrogate}}");
  ASSERT_TRUE(step.ok()) << step.status();
  Batch batch;
  batch.Reset(0, 0, 1);
  batch.records().emplace_back();
  batch.records().back().set_text("From: John Smith, mail john.smith@gmail.com");
  batch.records().emplace_back();
  batch.records().back().set_text("nothing to see");
  RunStep(**step, batch);
  Record& r = batch.records()[0];
  std::string out(r.text());
  EXPECT_EQ(out.find("John"), std::string::npos);
  EXPECT_NE(out.find("<EMAIL_ADDRESS>"), std::string::npos);
  // The engine writes refinery.status after a step that reports it (executor_test checks
  // how); the step itself leaves it alone.
  EXPECT_TRUE((*step)->reports_status());
  EXPECT_FALSE(r.refinery().contains("status"));
  const Json& log = r.refinery()["anonymize"];
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0]["type"], "PERSON");
  EXPECT_FALSE(log[0].contains("original"));
  // out_start/out_end locate the surrogate in the new text (ASCII here: code points are bytes).
  std::string sur = log[1]["surrogate"];
  EXPECT_EQ(sur, "<EMAIL_ADDRESS>");
  for (const Json& e : log) {
    const size_t b = e["out_start"], end = e["out_end"];
    EXPECT_EQ(out.substr(b, end - b), e["surrogate"].get<std::string>());
  }
  EXPECT_EQ(batch.records()[1].text(), "nothing to see");
}

TEST(PiiSteps, ParamErrorsNameTheParameter) {
  auto bad = MakeStep("pii_anonymize", "{operator: shred}");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("operator"), std::string::npos);
  auto typo = MakeStep("pii_detect", "{typez: [EMAIL_ADDRESS]}");
  EXPECT_FALSE(typo.ok());
  auto type = MakeStep("pii_detect", "{types: [EMAIL]}");
  EXPECT_FALSE(type.ok());
  // hash needs a key
  auto nokey = MakeStep("pii_anonymize", "{operator: hash}");
  EXPECT_FALSE(nokey.ok());
  setenv("REFINERY_PII_TEST_KEY", "k3y", 1);
  auto keyed = MakeStep("pii_anonymize", "{operator: hash, key_env: REFINERY_PII_TEST_KEY}");
  EXPECT_TRUE(keyed.ok()) << keyed.status();
}

}  // namespace
}  // namespace refinery
