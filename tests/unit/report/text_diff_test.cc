#include "refinery/report/text_diff.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace refinery::report {
namespace {

size_t NaiveLevenshtein(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

TEST(EditDistanceTest, HandComputed) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
  // Code points, not bytes: "é" is one substitution.
  EXPECT_EQ(EditDistance("caf\xc3\xa9", "cafe"), 1u);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("abc", "abd"), 1.0 / 3);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("", ""), 0.0);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("abcd", ""), 1.0);
}

TEST(EditDistanceTest, MultiBlockMatchesNaiveDynamicProgramming) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    std::string a, b;
    size_t la = rng() % 300, lb = rng() % 300;
    for (size_t i = 0; i < la; ++i) a += static_cast<char>('a' + rng() % 4);
    b = a.substr(0, std::min(la, lb));
    for (size_t i = 0; i < b.size(); i += 1 + rng() % 7) b[i] = static_cast<char>('a' + rng() % 4);
    while (b.size() < lb) b += static_cast<char>('a' + rng() % 4);
    ASSERT_EQ(EditDistance(a, b), NaiveLevenshtein(a, b)) << a << " / " << b;
  }
}

TEST(WordDiffTest, ReplacementReadsAsDeleteThenInsert) {
  auto d = WordDiff("the cat sat", "the dog sat");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].op, DiffSegment::Op::kEqual);
  EXPECT_EQ(d[0].text, "the ");
  EXPECT_EQ(d[1].op, DiffSegment::Op::kDelete);
  EXPECT_EQ(d[1].text, "cat");
  EXPECT_EQ(d[2].op, DiffSegment::Op::kInsert);
  EXPECT_EQ(d[2].text, "dog");
  EXPECT_EQ(d[3].text, " sat");
}

TEST(WordDiffTest, SegmentsRebuildBothTexts) {
  std::string a = "Call me at 555-0100 or mail bob@example.com, thanks!";
  std::string b = "Call me at [PHONE] or mail [EMAIL], thanks!";
  std::string ra, rb;
  for (const auto& s : WordDiff(a, b)) {
    if (s.op != DiffSegment::Op::kInsert) ra += s.text;
    if (s.op != DiffSegment::Op::kDelete) rb += s.text;
  }
  EXPECT_EQ(ra, a);
  EXPECT_EQ(rb, b);
  bool truncated = false;
  WordDiff(std::string(50, 'x') + " " + std::string(50, 'y'), "x", 2, &truncated);
  EXPECT_TRUE(truncated);
}

}  // namespace
}  // namespace refinery::report
