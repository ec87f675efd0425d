#include "refinery/metrics/corpus_metrics.h"

#include <gtest/gtest.h>

namespace refinery::metrics {
namespace {

TEST(Log2HistogramTest, PowerOfTwoBins) {
  Log2Histogram h;
  for (uint64_t v : {0, 1, 2, 3, 4, 1000}) h.Add(v);
  Json j = h.ToJson();
  EXPECT_EQ(j["lower"][0], 0);
  EXPECT_EQ(j["lower"][3], 4);
  EXPECT_EQ(j["counts"][0], 1);   // 0
  EXPECT_EQ(j["counts"][1], 1);   // [1, 2)
  EXPECT_EQ(j["counts"][2], 2);   // [2, 4)
  EXPECT_EQ(j["counts"][3], 1);   // [4, 8)
  EXPECT_EQ(j["counts"][10], 1);  // [512, 1024)
  EXPECT_EQ(j["counts"].size(), 11u);
}

TEST(CorpusMetricsTest, HandComputedSmallCorpus) {
  CorpusMetrics m;
  m.AddDocument("a b a b");
  m.AddDocument("A, b; C!");
  Json j = m.Finish();
  EXPECT_EQ(j["docs"], 2);
  EXPECT_EQ(j["tokens"], 7);
  EXPECT_DOUBLE_EQ(j["mean_tokens"].get<double>(), 3.5);
  // Unigrams 3 distinct of 7; bigrams ab ba ab | ab bc -> 3 of 5 (none across documents);
  // trigrams aba bab | abc -> 3 of 3; 4-grams abab -> 1 of 1.
  EXPECT_DOUBLE_EQ(j["distinct_1"].get<double>(), 3.0 / 7);
  EXPECT_DOUBLE_EQ(j["distinct_2"].get<double>(), 3.0 / 5);
  EXPECT_DOUBLE_EQ(j["distinct_3"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["distinct_4"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["ttr"].get<double>(), (0.5 + 1.0) / 2);  // mean per-document TTR
  EXPECT_DOUBLE_EQ(j["mattr"].get<double>(), 3.0 / 7);        // stream shorter than 50
  EXPECT_TRUE(j["sampling"]["distinct_exact"].get<bool>());
  EXPECT_TRUE(j["sampling"]["compression_exact"].get<bool>());
  EXPECT_EQ(j["sampling"]["compression_sampled_bytes"], std::string("a b a b\nA, b; C!").size());
}

TEST(CorpusMetricsTest, PairwiseMetricsOnThreeDocuments) {
  CorpusMetrics m;
  m.AddDocument("The cat sat.");
  m.AddDocument("The cat ran.");
  m.AddDocument("A dog ran.");
  Json j = m.Finish();
  EXPECT_NEAR(j["self_bleu"].get<double>(), 0.541514, 1e-6);
  EXPECT_NEAR(j["rouge2_pairwise"].get<double>(), 1.0 / 6, 1e-12);
  EXPECT_TRUE(j["sampling"]["pairwise_exact"].get<bool>());
  EXPECT_EQ(j["sampling"]["embed_docs"], 3);
  EXPECT_GT(j["vendi"].get<double>(), 1.0);
  EXPECT_LE(j["vendi"].get<double>(), 3.0 + 1e-9);
}

TEST(CorpusMetricsTest, DiverseCorpusScoresHigherThanTemplated) {
  CorpusMetrics diverse, templated;
  const char* words[] = {"river",   "stone",  "quiet",  "market",  "violin", "ember",  "harbor",
                         "lantern", "meadow", "copper", "thistle", "orbit",  "saffron"};
  for (int i = 0; i < 300; ++i) {
    std::string d, t = "This product is great and I recommend it to everyone.";
    for (int k = 0; k < 12; ++k) d += std::string(words[(i * 7 + k * k * 3 + i / 5) % 13]) + " ";
    d += std::to_string(i);
    diverse.AddDocument(d);
    templated.AddDocument(t + " Item " + std::to_string(i % 5));
  }
  Json a = diverse.Finish(), b = templated.Finish();
  EXPECT_GT(a["distinct_2"].get<double>(), b["distinct_2"].get<double>());
  EXPECT_LT(a["self_bleu"].get<double>(), b["self_bleu"].get<double>());
  EXPECT_LT(a["compression_ratio_gzip"].get<double>(), b["compression_ratio_gzip"].get<double>());
  EXPECT_GT(a["vendi"].get<double>(), b["vendi"].get<double>());
  EXPECT_GT(a["embed_mean_pairwise_l2"].get<double>(), b["embed_mean_pairwise_l2"].get<double>());
}

TEST(CorpusMetricsTest, SampledBeyondLimitIsSeededAndReported) {
  CorpusMetricsOptions o;
  o.sample_docs = 50;
  o.rouge_exact_limit = 20;
  o.rouge_sample_pairs = 500;
  auto run = [&](uint64_t seed) {
    o.seed = seed;
    CorpusMetrics m(o);
    for (int i = 0; i < 400; ++i) m.AddDocument("doc " + std::to_string(i % 37) + " words here");
    return m.Finish();
  };
  Json a = run(1), b = run(1);
  EXPECT_EQ(a.dump(), b.dump());
  EXPECT_FALSE(a["sampling"]["pairwise_exact"].get<bool>());
  EXPECT_FALSE(a["sampling"]["rouge2_exact"].get<bool>());
  EXPECT_EQ(a["sampling"]["sample_docs"], 50);
  EXPECT_GT(a["sampling"]["rouge2_ci95"].get<double>(), 0);
}

}  // namespace
}  // namespace refinery::metrics

namespace refinery::metrics {
namespace {

TEST(CorpusMetricsTest, BatchedAddingEqualsOneByOne) {
  std::vector<std::string> docs;
  for (int i = 0; i < 500; ++i) {
    docs.push_back("doc " + std::to_string(i % 41) + " has words " + std::to_string(i * 7 % 13) +
                   (i % 3 ? " and more words here." : ""));
  }
  CorpusMetricsOptions o;
  o.sample_docs = 100;
  CorpusMetrics one(o), batched(o);
  for (const auto& d : docs) one.AddDocument(d);
  batched.AddDocuments(std::span<const std::string>(docs.data(), 200));
  batched.AddDocuments(std::span<const std::string>(docs.data() + 200, 300));
  EXPECT_EQ(one.Finish().dump(), batched.Finish().dump());
}

}  // namespace
}  // namespace refinery::metrics
