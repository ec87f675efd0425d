#include "refinery/core/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace refinery {
namespace {

TEST(Utf8, ValidatesWellFormedAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Zürich — 東京 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(Utf8, CountsCodePointsLikePython) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("Zürich"), 6u);
  EXPECT_EQ(CodePointCount("😀x"), 2u);
}

TEST(Utf8, OffsetMapRoundTripsEveryBoundary) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += (i % 3 == 0) ? "é" : (i % 7 == 0 ? "😀" : "a");
  OffsetMap map(text);
  size_t cp = 0;
  for (size_t byte = 0; byte <= text.size(); ++byte) {
    if (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) continue;
    EXPECT_EQ(map.ToCodePoint(byte), cp) << "byte " << byte;
    EXPECT_EQ(map.ToByte(cp), byte) << "cp " << cp;
    ++cp;
  }
  EXPECT_EQ(map.ToByte(cp + 10), text.size());
}

TEST(Utf8, OffsetMapAsciiFastPath) {
  OffsetMap map("hello");
  EXPECT_EQ(map.ToCodePoint(3), 3u);
  EXPECT_EQ(map.ToByte(5), 5u);
}

TEST(Utf8, AppendAndDecodeAgree) {
  for (char32_t cp : {U'a', U'é', U'€', U'😀'}) {
    std::string s;
    AppendUtf8(cp, s);
    size_t i = 0;
    EXPECT_EQ(DecodeUtf8(s, i), cp);
    EXPECT_EQ(i, s.size());
  }
}

TEST(Utf8, TolerantDecoderAdvancesOverMalformedBytes) {
  size_t len = 0;
  const std::string euro = "\xE2\x82\xAC";
  EXPECT_EQ(DecodeUtf8At(euro, 0, len), U'€');
  EXPECT_EQ(len, 3u);
  // A lone continuation byte, a truncated sequence, a bad continuation, and 0xF8..0xFF: each
  // decodes as U+FFFD of one byte.
  for (const std::string bad : {"\x80", "\xE2\x82", "\xE2x\xAC", "\xF8\x80\x80\x80"}) {
    EXPECT_EQ(DecodeUtf8At(bad, 0, len), char32_t{0xFFFD}) << bad;
    EXPECT_EQ(len, 1u);
  }
  EXPECT_EQ(DecodeUtf8At("a", 0, len), U'a');
  EXPECT_EQ(len, 1u);
  // Overlong forms of 'A' and '/', a surrogate and a code point past U+10FFFF: U+FFFD of one
  // byte, never the ASCII character (found by ner_fuzz: the tokenizer read a 128-entry table
  // with the first byte of "\xE0\x81\x81").
  for (const std::string bad :
       {"\xC1\x81", "\xE0\x81\x81", "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    EXPECT_EQ(DecodeUtf8At(bad, 0, len), char32_t{0xFFFD}) << bad;
    EXPECT_EQ(len, 1u);
  }
  // The smallest and largest valid forms of each length still decode.
  for (const auto& [bytes, cp] :
       std::vector<std::pair<std::string, char32_t>>{{"\xC2\x80", 0x80},
                                                     {"\xDF\xBF", 0x7FF},
                                                     {"\xE0\xA0\x80", 0x800},
                                                     {"\xEF\xBF\xBF", 0xFFFF},
                                                     {"\xF0\x90\x80\x80", 0x10000},
                                                     {"\xF4\x8F\xBF\xBF", 0x10FFFF}}) {
    EXPECT_EQ(DecodeUtf8At(bytes, 0, len), cp) << bytes;
    EXPECT_EQ(len, bytes.size());
  }
}

}  // namespace
}  // namespace refinery
