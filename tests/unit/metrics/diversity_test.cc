#include <gtest/gtest.h>

#include "refinery/metrics/compression_ratio.h"
#include "refinery/metrics/distinct_counter.h"
#include "refinery/metrics/lexical_diversity.h"
#include "refinery/metrics/tokenize.h"

namespace refinery::metrics {
namespace {

std::vector<uint64_t> H(std::string_view text) {
  WordTokenizer t;
  std::vector<uint64_t> out;
  t.TokenHashes(text, out);
  return out;
}

TEST(DistinctCounterTest, ExactThenSketch) {
  DistinctCounter exact;
  for (uint64_t i = 0; i < 1000; ++i) exact.Add(i % 300);
  EXPECT_TRUE(exact.exact());
  EXPECT_EQ(exact.Count(), 300);

  DistinctCounter sketch(/*exact_cap=*/1000);
  for (uint64_t i = 0; i < 200000; ++i) sketch.Add(i * 7919);
  for (uint64_t i = 0; i < 200000; ++i) sketch.Add(i * 7919);  // duplicates change nothing
  EXPECT_FALSE(sketch.exact());
  EXPECT_NEAR(sketch.Count(), 200000, 200000 * 4 * sketch.RelativeError());
}

TEST(MattrTest, HandComputedWindowOfThree) {
  // Stream a b a b a b c: windows aba bab aba bab abc -> types 2 2 2 2 3 -> 11 / 15.
  StreamDiversity d(/*mattr_window=*/3);
  d.AddDocument(H("a b a b"));
  d.AddDocument(H("a b c"));
  EXPECT_NEAR(d.Mattr(), 11.0 / 15.0, 1e-12);
}

TEST(MattrTest, ShorterThanWindowIsTtr) {
  StreamDiversity d(/*mattr_window=*/50);
  d.AddDocument(H("a b a b"));
  d.AddDocument(H("a b c"));
  EXPECT_NEAR(d.Mattr(), 3.0 / 7.0, 1e-12);
  StreamDiversity empty;
  EXPECT_EQ(empty.Mattr(), 0);
  EXPECT_EQ(empty.Mtld(), 0);
}

TEST(MtldTest, HandComputedWithPartialFactor) {
  // Forward "a a b c": factor at the 2nd token (TTR 0.5), then "b c" ends at TTR 1 -> 1 factor,
  // 4 / 1 = 4. Backward "c b a a": TTR 1 1 1 0.75 -> partial (1 - 0.75) / 0.28 -> 4 / 0.892857.
  auto t = H("a a b c");
  double backward = 4.0 / ((1 - 0.75) / (1 - 0.72));
  EXPECT_NEAR(Mtld(t), (4.0 + backward) / 2, 1e-9);
  EXPECT_NEAR(MtldFactors(t, 0.72), 1.0, 1e-12);
  // Streamed over two documents = MTLD of the concatenated stream.
  StreamDiversity d;
  d.AddDocument(H("a a"));
  d.AddDocument(H("b c"));
  EXPECT_NEAR(d.Mtld(), (4.0 + backward) / 2, 1e-9);
}

TEST(MtldTest, FactorCountedWhenTtrReachesThreshold) {
  // "a b a c d a b e": forward factor after 3 tokens (2/3 <= 0.72), rest all distinct: 8 / 1.
  // Backward "e b a d c a b a": 5/7 = 0.714 <= 0.72 after 7 tokens, then "a": 8 / 1.
  EXPECT_NEAR(Mtld(H("a b a c d a b e")), 8.0, 1e-12);
}

TEST(CompressionTest, ExactRatioIsJoinedBytesOverCompressedBytes) {
  // An empty gzip member: 10-byte header, empty final block (2 bytes), 8-byte trailer.
  EXPECT_EQ(GzipSize(""), 20u);
  CompressionSampler s(/*seed=*/1);
  std::vector<std::string> docs = {"the cat sat on the mat", "the cat sat on the mat",
                                   "a completely different line"};
  std::string joined;
  for (const auto& d : docs) {
    if (!joined.empty()) joined += '\n';
    joined += d;
    s.AddDocument(d);
  }
  CompressionResult r = s.Finish();
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.sampled_bytes, joined.size());
  EXPECT_DOUBLE_EQ(r.gzip_ratio, double(joined.size()) / double(GzipSize(joined)));
  EXPECT_DOUBLE_EQ(r.zstd_ratio, double(joined.size()) / double(ZstdSize(joined)));
}

TEST(CompressionTest, SampledBlocksEstimateTheRatioWithCi) {
  std::string all;
  CompressionSampler s(/*seed=*/7, /*block_bytes=*/4096, /*max_blocks=*/8);
  for (int i = 0; i < 4000; ++i) {
    std::string d = "record " + std::to_string(i * 2654435761u % 100000) + " says hello world";
    s.AddDocument(d);
  }
  CompressionResult r = s.Finish();
  EXPECT_FALSE(r.exact);
  EXPECT_LE(r.sampled_bytes, 8u * 4096);  // 8 blocks (the last one may be partial)
  EXPECT_GT(r.sampled_bytes, 4u * 4096);
  EXPECT_GT(r.gzip_ratio, 2.0);
  EXPECT_GT(r.gzip_ci95, 0.0);
  EXPECT_LT(r.gzip_ci95, 0.5 * r.gzip_ratio);
}

}  // namespace
}  // namespace refinery::metrics
