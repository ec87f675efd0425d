#include "refinery/metrics/ai_detector.h"

#include <cstdio>
#include <filesystem>

#include <gtest/gtest.h>

#include "synthetic_text.h"

namespace refinery::metrics {
namespace {

TEST(StylometricFeaturesTest, HandComputed) {
  // Sentences "One two three." (3 tokens) and "Four five!" (2): mean 2.5, std 0.5.
  std::vector<double> f = StylometricFeatures("One two three. Four five!");
  const auto& names = StylometricFeatureNames();
  ASSERT_EQ(f.size(), names.size());
  EXPECT_NEAR(f[0], std::log1p(2.0), 1e-12);
  EXPECT_NEAR(f[1], 2.5, 1e-12);
  EXPECT_NEAR(f[2], 0.5, 1e-12);
  EXPECT_NEAR(f[3], 0.2, 1e-12);
  EXPECT_NEAR(f[4], 1.0, 1e-12);          // 5 types / 5 tokens
  EXPECT_NEAR(f[5], 19.0 / 5, 1e-12);     // one two three four five
  EXPECT_NEAR(f[7], 100.0 / 25, 1e-12);   // one '.' in 25 characters
  EXPECT_NEAR(f[8], 100.0 / 25, 1e-12);   // one '!'
  EXPECT_NEAR(f[15], 200.0 / 25, 1e-12);  // 'O' and 'F'
}

TEST(RocAucTest, HandComputed) {
  EXPECT_DOUBLE_EQ(RocAuc({0.9, 0.8}, {0.1, 0.2}), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.1}, {0.9}), 0.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.5, 0.9}, {0.5, 0.1}), (1 + 0.5 + 1 + 1) / 4.0);
}

TEST(AiDetectorTest, SeparatesHumanLikeFromTemplatedTextEndToEnd) {
  std::mt19937_64 rng(42);
  std::vector<std::string> human, machine;
  for (int i = 0; i < 300; ++i) {
    human.push_back(testing::HumanLikeText(rng));
    machine.push_back(testing::MachineLikeText(rng));
  }
  AiDetectorOptions o;
  o.hash_bits = 16;
  o.epochs = 5;
  auto trained = TrainAiDetector(human, machine, o);
  ASSERT_TRUE(trained.ok()) << trained.status();
  EXPECT_GE(trained->stats["holdout_accuracy"].get<double>(), 0.95);
  EXPECT_GE(trained->stats["holdout_auc"].get<double>(), 0.98);

  // Save, load, score fresh texts.
  std::string path = ::testing::TempDir() + "/ai_detector_test.bin";
  ASSERT_TRUE(trained->model->Save(path).ok());
  auto loaded = AiTextDetector::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  std::mt19937_64 fresh(7);
  int right = 0;
  for (int i = 0; i < 50; ++i) {
    std::string h = testing::HumanLikeText(fresh), m = testing::MachineLikeText(fresh);
    EXPECT_DOUBLE_EQ((*loaded)->HumanProbability(h), trained->model->HumanProbability(h));
    right += (*loaded)->HumanProbability(h) > 0.5;
    right += (*loaded)->HumanProbability(m) < 0.5;
  }
  EXPECT_GE(right, 95);
  std::remove(path.c_str());

  // Deterministic for a seed.
  auto again = TrainAiDetector(human, machine, o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->model->Logit(human[0]), trained->model->Logit(human[0]));
}

TEST(AiDetectorTest, RejectsBadInputAndBadModelFiles) {
  EXPECT_FALSE(TrainAiDetector({"a"}, {"b", "c"}, {}).ok());
  std::string path = ::testing::TempDir() + "/not_a_model.bin";
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fputs("garbage", f);
  std::fclose(f);
  EXPECT_FALSE(AiTextDetector::Load(path).ok());
  EXPECT_FALSE(AiTextDetector::Load(path + ".missing").ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace refinery::metrics
