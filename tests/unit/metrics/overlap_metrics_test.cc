#include "refinery/metrics/overlap_metrics.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "refinery/metrics/tokenize.h"

namespace refinery::metrics {
namespace {

std::vector<uint64_t> H(std::string_view text) {
  WordTokenizer t;
  std::vector<uint64_t> out;
  t.TokenHashes(text, out);
  return out;
}

TEST(SelfBleuTest, HandComputedThreeDocuments) {
  // A = "the cat sat": p1 2/3, p2 (1+1)/(2+1), p3 (0+1)/(1+1), p4 (0+1)/(max(0,1)+1), BP 1.
  // B = "the cat ran": p1 3/3, p2 2/3, p3 1/2, p4 1/2.   C = "a dog ran": 1/3, 1/3, 1/2, 1/2.
  TokenDocs docs = {H("the cat sat"), H("the cat ran"), H("a dog ran")};
  double a = std::pow(2.0 / 3 * 2.0 / 3 * 0.5 * 0.5, 0.25);
  double b = std::pow(1.0 * 2.0 / 3 * 0.5 * 0.5, 0.25);
  double c = std::pow(1.0 / 3 * 1.0 / 3 * 0.5 * 0.5, 0.25);
  EXPECT_NEAR(a, 0.577350, 1e-6);
  SelfBleuResult r = SelfBleu(docs);
  EXPECT_EQ(r.docs, 3u);
  EXPECT_NEAR(r.mean, (a + b + c) / 3, 1e-12);
  EXPECT_NEAR(r.mean, 0.541514, 1e-6);
}

TEST(SelfBleuTest, BrevityPenaltyUsesClosestReferenceLength) {
  // hyp "the cat" (2), refs of length 3 and 5: r = 3, BP = exp(1 - 3/2); p = 1, 1, 1/2, 1/2.
  double expected = std::exp(-0.5) * std::pow(0.25, 0.25);
  EXPECT_NEAR(SentenceBleu(H("the cat"), {H("the cat sat"), H("a b c d e")}), expected, 1e-12);
  // No unigram match: 0.
  EXPECT_EQ(SentenceBleu(H("x y"), {H("a b")}), 0.0);
}

TEST(SelfBleuTest, ClippingUsesMaximumCountInAnyOtherDocument) {
  // hyp "a a a a": the other documents hold "a" at most twice -> p1 = 2/4.
  TokenDocs refs = {H("a a b"), H("a c")};
  double p1 = 0.5;
  // bigrams "a a" x3 vs max 1 (in "a a b") -> (1+1)/(3+1); trigrams 0 -> 1/3; 4-grams 0 -> 1/2.
  double expected = std::pow(p1 * 0.5 * (1.0 / 3) * 0.5, 0.25);  // BP: hyp 4 > closest 3 -> 1
  EXPECT_NEAR(SentenceBleu(H("a a a a"), refs), expected, 1e-12);
}

TEST(SelfBleuTest, LinearAlgorithmEqualsBruteForce) {
  std::mt19937_64 rng(3);
  TokenDocs docs;
  for (int d = 0; d < 40; ++d) {
    std::vector<uint64_t> doc;
    int len = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < len; ++i) doc.push_back(TokenHash(std::string(1, char('a' + rng() % 5))));
    docs.push_back(doc);
  }
  double brute = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    TokenDocs refs;
    for (size_t j = 0; j < docs.size(); ++j) {
      if (j != i) refs.push_back(docs[j]);
    }
    brute += SentenceBleu(docs[i], refs);
  }
  brute /= static_cast<double>(docs.size());
  EXPECT_NEAR(SelfBleu(docs).mean, brute, 1e-12);
}

TEST(SelfBleuTest, EmptyDocumentsAreLeftOut) {
  TokenDocs docs = {H("the cat sat"), H(""), H("the cat ran"), H("a dog ran")};
  EXPECT_EQ(SelfBleu(docs).docs, 3u);
  EXPECT_EQ(SelfBleu({H("only one")}).mean, 0.0);
}

TEST(Rouge2Test, HandComputedPairs) {
  // Bigrams: A {the cat, cat sat}, B {the cat, cat ran}, C {a dog, dog ran}.
  // F1(A,B) = 2*1/(2+2) = 0.5, F1(A,C) = F1(B,C) = 0 -> mean 1/6.
  TokenDocs docs = {H("the cat sat"), H("the cat ran"), H("a dog ran")};
  Rouge2Result r = Rouge2Pairwise(docs, 1000, 0, 1);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.pairs, 3u);
  EXPECT_NEAR(r.mean, 1.0 / 6, 1e-12);
  // Clipped multiset overlap: {ab x2, ba} vs {ab x3, ba x2} -> 3; F1 = 6 / (3 + 5).
  EXPECT_NEAR(Rouge2F1(H("a b a b"), H("a b a b a b")), 0.75, 1e-12);
  EXPECT_EQ(Rouge2F1(H("a"), H("b")), 0.0);
}

TEST(Rouge2Test, SampledPairsCoverTheExactMeanWithinCi) {
  std::mt19937_64 rng(5);
  TokenDocs docs;
  for (int d = 0; d < 300; ++d) {
    std::vector<uint64_t> doc;
    for (int i = 0; i < 20; ++i) doc.push_back(TokenHash(std::string(1, char('a' + rng() % 6))));
    docs.push_back(doc);
  }
  Rouge2Result exact = Rouge2Pairwise(docs, 1000, 0, 1);
  Rouge2Result sampled = Rouge2Pairwise(docs, 100, 20000, 1);
  EXPECT_FALSE(sampled.exact);
  EXPECT_EQ(sampled.pairs, 20000u);
  EXPECT_GT(sampled.ci95, 0);
  EXPECT_LT(std::abs(sampled.mean - exact.mean), 2 * sampled.ci95);
  // Seeded: the same seed gives the same estimate.
  EXPECT_EQ(Rouge2Pairwise(docs, 100, 20000, 1).mean, sampled.mean);
}

}  // namespace
}  // namespace refinery::metrics
