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

// Texts of many lines longer than 256 code points take the banded pass (a band as wide as
// the line-by-line bound): edits within lines, across lines, and whole lines added, dropped
// or replaced must all give the textbook value.
TEST(EditDistance, BandedPassMatchesTheTextbookDynamicProgramOnMultiLineTexts) {
  std::mt19937 rng(11);
  for (int t = 0; t < 120; ++t) {
    std::string a;
    int lines = 4 + static_cast<int>(rng() % 30);
    for (int i = 0; i < lines; ++i) a += RandomText(rng, 10 + rng() % 90) + "\n";
    std::string b;
    switch (t % 4) {
      case 0:  // a few edits anywhere (newlines included)
        b = Mutate(rng, a, 1 + static_cast<int>(rng() % 40));
        break;
      case 1: {  // every line edited, as a rewrite that replaces values does
        size_t start = 0;
        while (start < a.size()) {
          size_t end = a.find('\n', start);
          b += Mutate(rng, a.substr(start, end - start), 1 + static_cast<int>(rng() % 6)) + "\n";
          start = end + 1;
        }
        break;
      }
      case 2: {  // lines dropped and added
        size_t cut = a.find('\n', a.size() / 3);
        b = RandomText(rng, 40) + "\n" + a.substr(0, cut) + a.substr(a.find('\n', cut + 1));
        break;
      }
      default:  // unrelated texts of similar length
        b = RandomText(rng, a.size() / 2) + "\n" + RandomText(rng, a.size() / 2);
        break;
    }
    ASSERT_EQ(EditDistance(a, b), Naive(a, b)) << t;
    ASSERT_EQ(EditDistance(b, a), Naive(a, b)) << t;
  }
}

// The band at its narrowest: k = the distance gives the distance, k = distance - 1 a value
// above k.
TEST(EditDistance, BandOfWidthKIsExactUpToK) {
  std::mt19937 rng(5);
  for (int t = 0; t < 300; ++t) {
    std::string a = RandomText(rng, rng() % 400);
    std::string b =
        t % 3 ? Mutate(rng, a, static_cast<int>(rng() % 60)) : RandomText(rng, rng() % 400);
    size_t d = Naive(a, b);
    ASSERT_EQ(LevenshteinWithin(Cps(a), Cps(b), d), d) << t;
    ASSERT_EQ(LevenshteinWithin(Cps(b), Cps(a), d + 7), d) << t;
    if (d > 0) {
      ASSERT_GT(LevenshteinWithin(Cps(a), Cps(b), d - 1), d - 1) << t;
    }
  }
  // A moved piece: the only cheap alignment runs along the band's outermost diagonal (delete
  // the piece, match the rest shifted, insert it back), on either side, with and without a
  // length difference.
  for (int t = 0; t < 60; ++t) {
    std::string piece(1 + rng() % 70, "xyz"[t % 3]);
    std::string rest = RandomText(rng, 150 + rng() % 250);
    std::string tail = t % 2 ? "" : std::string(1 + rng() % 9, 'w');
    for (auto [a, b] : {std::pair{piece + rest, rest + piece + tail},
                        std::pair{rest + piece + tail, piece + rest}}) {
      size_t d = Naive(a, b);
      ASSERT_EQ(LevenshteinWithin(Cps(a), Cps(b), d), d) << t;
      ASSERT_GT(LevenshteinWithin(Cps(a), Cps(b), d - 1), d - 1) << t;
    }
  }
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
