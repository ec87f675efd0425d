#include "refinery/core/json.h"

#include <gtest/gtest.h>

namespace refinery {
namespace {

TEST(AppendJsonString, EscapesOnlyWhatJsonRequires) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\nd\x01 é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 é\"");
  EXPECT_EQ(Json::parse(out).get<std::string>(), "a\"b\\c\nd\x01 é");
}

// Long strings take the 16-byte scan: every byte JSON escapes, at every position of a block
// and next to block edges, must come out as nlohmann's encoder writes it.
TEST(AppendJsonString, LongTextMatchesNlohmann) {
  const std::string specials = std::string("\"\\\n\r\t\b\f\x01\x1f", 9) + "\x7f";
  for (size_t length : {15, 16, 17, 31, 32, 33, 100}) {
    for (size_t at = 0; at < length; ++at) {
      for (char special : specials) {
        std::string text(length, 'x');
        text[at] = special;
        if (at + 2 < length) text.replace(at + 1, 2, "\xc3\xa9");  // é stays as it is
        std::string out;
        AppendJsonString(out, text);
        ASSERT_EQ(out, Json(text).dump()) << "length " << length << ", byte " << at;
      }
    }
  }
}

}  // namespace
}  // namespace refinery
