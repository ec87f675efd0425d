#include <gtest/gtest.h>
#include "refinery/core/build_info.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "refinery/score/detox_eval.h"
#include "refinery/score/toxicity_trainer.h"

namespace refinery {
namespace {

const std::string kModel = refinery::BuildSourceDir() + "/models/toxicity.bin";
// REFINERY_TOXICITY_DATA overrides where the shared data lies (e.g. from a worktree).
std::string DataDir() {
  const char* env = std::getenv("REFINERY_TOXICITY_DATA");
  return env ? env : refinery::BuildSourceDir() + "/../shared/data/toxicity";
}

TEST(DetoxEvalTest, ChrFAndCosine) {
  EXPECT_DOUBLE_EQ(ChrF("the cat sat", "the cat sat"), 1.0);
  EXPECT_DOUBLE_EQ(ChrF("xyz", "abc"), 0.0);
  EXPECT_DOUBLE_EQ(ChrF("", ""), 1.0);
  EXPECT_DOUBLE_EQ(ChrF("", "abc"), 0.0);
  double close = ChrF("the cat sat on the mat", "the cat sat on a mat");
  double far = ChrF("dogs bark loudly", "the cat sat on a mat");
  EXPECT_GT(close, 0.6);
  EXPECT_LT(far, close);
  EXPECT_DOUBLE_EQ(ChrF("a b c", "abc"), 1.0);  // whitespace ignored
  EXPECT_NEAR(CharNgramCosine("hello world", "hello world"), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(CharNgramCosine("aaaa", "bbbb"), 0.0);
  EXPECT_GT(CharNgramCosine("hello world", "hello there world"), 0.5);
}

TEST(DetoxEvalTest, HumanReferencesBeatTrivialBaselines) {
  auto scorer = ToxicityScorer::Load(kModel);
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  auto fluency = FluencyJudge::Load(FluencyModelPathFor(kModel));
  ASSERT_TRUE(fluency.ok()) << fluency.status();
  std::vector<DetoxPair> pairs = {
      {"he had steel balls too !", "he was brave too!"},
      {"im not gonna sell the fucking picture , i just want to contribute to the fucking "
       "article .",
       "I'm not gonna sell the picture, i just want to contribute to the article."},
      {"this is the stupidest fucking idea i have ever heard", "this is a bad idea"},
      {"shut the fuck up , you moron", "please be quiet"},
      {"what the hell is wrong with you idiots", "what is wrong with you"},
      {"who gives a fuck about people getting killed by bombs",
       "who cares about people getting killed by bombs"},
      {"you are a fucking idiot", "you are not smart"},
  };
  DetoxReport r = EvaluateDetox(pairs, **scorer, **fluency);
  EXPECT_EQ(r.system.n, pairs.size());
  EXPECT_GT(r.input_toxicity_mean, 0.5);
  EXPECT_DOUBLE_EQ(r.duplicate.sim_chrf, 1.0);  // output = input
  EXPECT_LT(r.duplicate.sta, 0.5);              // but still toxic
  EXPECT_GT(r.system.sta, r.duplicate.sta);
  EXPECT_GT(r.system.j, r.duplicate.j);
  EXPECT_GE(r.delete_baseline.sta, r.duplicate.sta);
  // Absolute fluency: the toxic inputs and the rewrites read as fluent English; what deletion
  // leaves of the last three inputs (", you", "who gives a about ...", "you are a") does not.
  EXPECT_DOUBLE_EQ(r.system.fl, 1.0);
  EXPECT_DOUBLE_EQ(r.input_fl, 1.0);
  EXPECT_LE(r.delete_baseline.fl, 1.0 - 3.0 / pairs.size());
  for (const char* broken : {", you", "who gives a about people getting killed by bombs",
                             "you are a", "what the is wrong with people ?"}) {
    EXPECT_FALSE((*fluency)->Fluent(broken)) << broken;
  }
  Json j = r.ToJson();
  EXPECT_TRUE(j["baselines"].contains("delete"));
}

// The goal of issue 17: on the held-out ParaDetox split, the human references beat both
// baselines on J, Delete loses on fluency, and neither the references nor their toxic inputs
// are judged disfluent wholesale (the judge rejects ~10% of fluent calibration text).
TEST(DetoxEvalTest, HeldOutHumanReferencesRankAboveDelete) {
  if (!std::filesystem::exists(DataDir() + "/paradetox_dev.tsv")) {
    GTEST_SKIP() << "shared data not present: " << DataDir();
  }
  auto data = ReadToxicityDataset(DataDir());
  ASSERT_TRUE(data.ok()) << data.status();
  std::vector<DetoxPair> pairs;
  for (const auto& [src, out] : data->paradetox_test_pairs) pairs.push_back({src, out});
  ASSERT_GT(pairs.size(), 500u);
  auto scorer = ToxicityScorer::Load(kModel);
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  auto fluency = FluencyJudge::Load(FluencyModelPathFor(kModel));
  ASSERT_TRUE(fluency.ok()) << fluency.status();
  DetoxReport r = EvaluateDetox(pairs, **scorer, **fluency);
  EXPECT_GT(r.system.j, r.delete_baseline.j);
  EXPECT_GT(r.system.j, r.duplicate.j);
  EXPECT_LT(r.delete_baseline.fl, r.system.fl - 0.1);
  EXPECT_GT(r.system.fl, 0.85);
  EXPECT_GT(r.input_fl, 0.85);
}

TEST(DetoxEvalTest, DeleteBaselineRemovesLexiconWords) {
  auto scorer = ToxicityScorer::Load(kModel);
  ASSERT_TRUE(scorer.ok());
  EXPECT_EQ(DeleteLexiconWords((*scorer)->lexicon(), "this fucking article is shit"),
            "this article is");
  EXPECT_EQ(DeleteLexiconWords((*scorer)->lexicon(), "a clean sentence"), "a clean sentence");
}

}  // namespace
}  // namespace refinery
