#include "refinery/gdr/edit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "refinery/core/utf8.h"

namespace refinery::gdr {
namespace {

std::vector<char32_t> Cps(const std::string& s) {
  std::vector<char32_t> out;
  size_t i = 0;
  while (i < s.size()) out.push_back(DecodeUtf8(s, i));
  return out;
}

size_t Naive(const std::string& as, const std::string& bs) {
  auto a = Cps(as), b = Cps(bs);
  std::vector<size_t> p(b.size() + 1), c(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) p[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    c[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      c[j] = std::min({p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
    }
    std::swap(p, c);
  }
  return p[b.size()];
}

std::string RandomText(std::mt19937& rng, size_t n) {
  static const char* kPieces[] = {"a", "b", "c", " ", "\n", "é", "ß", "字"};
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kPieces[rng() % 8];
  return s;
}

std::string Mutate(std::mt19937& rng, std::string s, int edits) {
  for (int e = 0; e < edits && !s.empty(); ++e) {
    size_t pos = rng() % s.size();
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
    size_t len = 1;
    while (pos + len < s.size() && (static_cast<unsigned char>(s[pos + len]) & 0xC0) == 0x80) ++len;
    switch (rng() % 3) {
      case 0:
        s.erase(pos, len);
        break;
      case 1:
        s.insert(pos, "x");
        break;
      default:
        s.replace(pos, len, "q");
        break;
    }
  }
  return s;
}

TEST(EditDistance, MatchesTheTextbookDynamicProgramOnRandomTexts) {
  std::mt19937 rng(42);
  for (int t = 0; t < 400; ++t) {
    std::string a = RandomText(rng, rng() % 200);
    std::string b = rng() % 2 ? Mutate(rng, a, rng() % 12) : RandomText(rng, rng() % 200);
    ASSERT_EQ(EditDistance(a, b), Naive(a, b)) << t;
    ASSERT_EQ(LevenshteinCodePoints(Cps(a), Cps(b)), Naive(a, b)) << t;
  }
}

TEST(EditDistance, PatternsLongerThanOneMachineWord) {
  std::mt19937 rng(7);
  std::string a = RandomText(rng, 700);
  std::string b = Mutate(rng, a, 40);
  EXPECT_EQ(EditDistance(a, b), Naive(a, b));
}

TEST(EditDistance, LineAlignedModeIsAnUpperBoundAndExactForEditsWithinLines) {
  std::mt19937 rng(3);
  for (int t = 0; t < 50; ++t) {
    std::string a = RandomText(rng, 300);
    std::string b = Mutate(rng, a, rng() % 15);
    size_t exact = Naive(a, b);
    size_t approx = EditDistance(a, b, /*exact_cells=*/16);
    EXPECT_GE(approx, exact) << t;
  }
  // Replacing words inside lines of a long text: the line mode is exact.
  std::string a, b;
  for (int i = 0; i < 2000; ++i) {
    a += "line " + std::to_string(i) + " mentions Alice Smith and nothing else\n";
    b += "line " + std::to_string(i) +
         (i % 10 == 0 ? " mentions Erin Lopez" : " mentions Alice Smith") + " and nothing else\n";
  }
  EXPECT_EQ(EditDistance(a, b, 1 << 20), 200u * Naive("Alice Smith", "Erin Lopez"));
}

TEST(EditDistance, Normalized) {
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("", ""), 0.0);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("abcd", "abcd"), 0.0);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("abcd", "abxd"), 0.25);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("", "ab"), 1.0);
  EXPECT_DOUBLE_EQ(NormalizedEditDistance("héllo", "hello"), 0.2);  // code points, not bytes
}

}  // namespace
}  // namespace refinery::gdr
