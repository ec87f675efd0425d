#include "refinery/metrics/tokenize.h"

#include <gtest/gtest.h>

namespace refinery::metrics {
namespace {

std::vector<std::string> Tok(std::string_view text) {
  WordTokenizer t;
  std::vector<std::string> out;
  t.Tokens(text, out);
  return out;
}

using V = std::vector<std::string>;

TEST(WordTokenizerTest, AsciiMatchesPythonWordRegex) {
  EXPECT_EQ(Tok("Hello, World! foo_bar 42"), (V{"hello", "world", "foo_bar", "42"}));
  EXPECT_EQ(Tok("don't stop-me_now"), (V{"don", "t", "stop", "me_now"}));
  EXPECT_EQ(Tok(""), V{});
  EXPECT_EQ(Tok("  ...  "), V{});
}

TEST(WordTokenizerTest, UnicodeLettersDigitsAndLowerCasing) {
  // Final sigma is context-sensitive in str.lower(): "ΣΑΣ" -> "σας".
  EXPECT_EQ(Tok("Ünïcode ΣΑΣ Café"), (V{"ünïcode", "σας", "café"}));
  // Combining marks (Mn) are not \w in Python's re: "e\u0301x" -> ["e", "x"].
  EXPECT_EQ(Tok("e\xcc\x81x"), (V{"e", "x"}));
  // "İ".lower() == "i\u0307": the dot is a combining mark, so the token is "i".
  EXPECT_EQ(Tok("\xc4\xb0stanbul"), (V{"i", "stanbul"}));
  // Nd, No and Lo are word characters: Arabic-Indic digits, vulgar fraction, CJK.
  EXPECT_EQ(Tok("\xd9\xa3\xd9\xa4 \xc2\xbd \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x80\x82"),
            (V{"\xd9\xa3\xd9\xa4", "\xc2\xbd", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"}));
  // Emoji (So) separate tokens.
  EXPECT_EQ(Tok("ok\xf0\x9f\x98\x80go"), (V{"ok", "go"}));
}

TEST(WordTokenizerTest, HashesAreStableAndMatchTokens) {
  WordTokenizer t;
  std::vector<uint64_t> h;
  t.TokenHashes("Cat cat CAT dog", h);
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_EQ(h[1], h[2]);
  EXPECT_NE(h[0], h[3]);
  EXPECT_EQ(h[0], TokenHash("cat"));
  EXPECT_NE(NgramHash(h.data(), 2), NgramHash(h.data() + 2, 2));  // (cat,cat) vs (cat,dog)
  EXPECT_NE(NgramHash(h.data(), 1), h[0] ^ 1);
}

}  // namespace
}  // namespace refinery::metrics
