#include "refinery/score/fluency_lm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "refinery/io/model_file.h"

namespace refinery {
namespace {

std::vector<std::string> Corpus() {
  std::vector<std::string> c;
  const char* subjects[] = {"the cat", "my brother", "the old man", "a friend of mine", "she"};
  const char* verbs[] = {"sat on", "looked at", "walked to", "talked about", "painted"};
  const char* objects[] = {"the mat", "the house", "a red car", "the garden", "his work"};
  for (const char* s : subjects) {
    for (const char* v : verbs) {
      for (const char* o : objects) c.push_back(std::string(s) + " " + v + " " + o + ".");
    }
  }
  c.push_back("what is this?");
  c.push_back("what is that?");
  c.push_back("this is a test of 42 numbers.");
  return c;
}

// Interpolated Kneser-Ney is a proper distribution: for any context the probabilities of all
// words (every id but <s>) sum to one, seen context or not.
TEST(WordNgramLMTest, ProbabilitiesSumToOne) {
  WordNgramLM::Options opt;
  opt.order = 3;
  opt.min_count = 1;
  auto lm = WordNgramLM::Train(Corpus(), opt);
  ASSERT_GT(lm->vocabulary_size(), 20u);
  std::vector<std::vector<uint32_t>> contexts = {
      {}, {WordNgramLM::kBos}, lm->Encode("the cat"), lm->Encode("sat on"), lm->Encode("zzz qqq")};
  for (auto ctx : contexts) {
    if (!ctx.empty() && ctx.back() == WordNgramLM::kEos) ctx.pop_back();
    double sum = 0;
    for (uint32_t w = 1; w < lm->vocabulary_size(); ++w) {
      sum += std::exp2(lm->LogProb(ctx.data(), ctx.size(), w));
    }
    EXPECT_NEAR(sum, 1.0, 1e-4) << "context of " << ctx.size() << " ids";
  }
}

TEST(WordNgramLMTest, PrefersSeenWordOrderAndMapsRareWords) {
  WordNgramLM::Options opt;
  auto lm = WordNgramLM::Train(Corpus(), opt);
  auto total = [&](const char* text) {
    double t = 0;
    for (const auto& p : lm->Score(text)) t += p.logp;
    return t;
  };
  EXPECT_GT(total("the cat sat on the mat."), total("the sat cat mat on the."));
  // Numbers share one token; words seen once (min_count 2) and unseen words are <unk>.
  std::vector<uint32_t> ids = lm->Encode("This is 7 Zebras");
  ASSERT_EQ(ids.size(), 5u);
  EXPECT_EQ(ids[2], WordNgramLM::kNum);
  EXPECT_EQ(ids[3], WordNgramLM::kUnk);
  EXPECT_EQ(ids[4], WordNgramLM::kEos);
  EXPECT_EQ(lm->Encode("THE CAT"), lm->Encode("the cat"));
}

// A sentence whose words are all plausible but whose junction is broken (a word removed from
// the middle, or the end cut off) scores below the intact sentence; the judge's calibrated
// threshold rejects the stated share of the calibration sentences.
TEST(FluencyJudgeTest, WorstWindowCatchesBrokenJunctions) {
  std::vector<std::string> calibration = {"the cat looked at the mat.", "she sat on a red car.",
                                          "my brother painted the house.", "what is that?"};
  FluencyJudge::Options opt;
  opt.reject_rate = 0.25;
  auto judge = FluencyJudge::Train(Corpus(), calibration, opt);
  EXPECT_GT(judge->Score("the old man walked to the garden."),
            judge->Score("the old man walked the garden."));
  EXPECT_GT(judge->Score("the old man walked to the garden."),
            judge->Score("the old man walked to the."));
  EXPECT_GT(judge->Score("what is this?"), judge->Score("what the is this?"));
  int rejected = 0;
  for (const std::string& s : calibration) rejected += judge->Fluent(s) ? 0 : 1;
  EXPECT_EQ(rejected, 1);
  EXPECT_FALSE(judge->Fluent(""));
  EXPECT_FALSE(judge->Fluent("   "));
}

TEST(FluencyJudgeTest, SaveLoadRoundTripAndClearErrors) {
  auto judge = FluencyJudge::Train(Corpus(), {"the cat sat on the mat."}, {});
  std::string path = testing::TempDir() + "/fluency.bin";
  ASSERT_TRUE(judge->Save(path).ok());
  auto again = FluencyJudge::Load(path);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->threshold(), judge->threshold());
  EXPECT_EQ((*again)->window(), judge->window());
  for (const char* s : {"the cat sat on the mat.", "zebras painted 9 houses", "what the is"}) {
    EXPECT_DOUBLE_EQ((*again)->Score(s), judge->Score(s)) << s;
  }

  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string truncated_path = testing::TempDir() + "/fluency_truncated.bin";
  std::ofstream(truncated_path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  auto truncated = FluencyJudge::Load(truncated_path);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find(truncated_path), std::string::npos);

  // A file of the same kind but another format version is refused, not misread.
  std::string payload = *ReadModelFile(path, "fluency", FluencyJudge::kFormatVersion);
  std::string old_path = testing::TempDir() + "/fluency_v0.bin";
  ASSERT_TRUE(WriteModelFile(old_path, "fluency", FluencyJudge::kFormatVersion + 1, payload).ok());
  EXPECT_FALSE(FluencyJudge::Load(old_path).ok());
  // The old headerless byte-LM file is not a model container.
  std::string legacy_path = testing::TempDir() + "/fluency_legacy.bin";
  std::ofstream(legacy_path, std::ios::binary) << std::string("RFCHRLM1") + std::string(64, '\0');
  EXPECT_FALSE(FluencyJudge::Load(legacy_path).ok());
  EXPECT_FALSE(FluencyJudge::Load(path + ".missing").ok());
}

}  // namespace
}  // namespace refinery
