#include "refinery/core/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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

// AppendJson writes what Record::Serialize wrote before it: nlohmann's dump with invalid UTF-8
// replaced, byte for byte, for every value type, escapes in keys and values, non-ASCII and
// invalid UTF-8, numbers of every kind (negative, huge, tiny, zero, NaN).
TEST(AppendJson, MatchesNlohmannDump) {
  Json j = Json::object();
  j["scores"] = {{"toxicity", 0.9311414266186833},
                 {"zero", 0.0},
                 {"neg", -1.5e-300},
                 {"big", 1.7976931348623157e308},
                 {"nan", std::nan("")},
                 {"inf", std::numeric_limits<double>::infinity()},
                 {"int", -42},
                 {"uint", uint64_t{18446744073709551615ull}},
                 {"one", 1.0}};
  j["spans"] = Json::array({Json{{"start", 3}, {"end", 9}, {"type", "TOXIC"}, {"ok", true}},
                            Json::object(), Json::array(), nullptr, false});
  j["k\"ey\n"] = "v\\al\u0001\x7f";
  j["caf\xC3\xA9"] = "na\xC3\xAFve \xE2\x80\x99 \xF0\x9F\x98\x80";
  j["bad"] = std::string("a\xC3(b\xE2\x80", 8);
  j[std::string("\xFF", 1)] = std::string("\xC0\xAF", 2);
  j["binary"] = Json::binary({1, 2, 3}, 7);
  j["long"] = std::string(300, 'x') + "\"" + std::string(20, 'y');
  std::string out = "prefix:";
  AppendJson(out, j);
  EXPECT_EQ(out, "prefix:" + j.dump(-1, ' ', false, Json::error_handler_t::replace));
  for (double x : {0.1, 1e-7, 123456789012345678.0, 5e-324, 0.5249999999999999, 1e21, 1e16}) {
    std::string one;
    AppendJson(one, Json(x));
    EXPECT_EQ(one, Json(x).dump(-1, ' ', false, Json::error_handler_t::replace)) << x;
  }
}

// The single values written without a Json tree (Record::AppendRefineryMembers' writers) come
// out as AppendJson writes the Json holding them.
TEST(AppendJsonNumber, MatchesAppendJsonOfTheSameValue) {
  for (double x : {0.0, -0.0, 0.1, 1.0 / 3, 2.0, 1e-7, 5e-324, 1e21, std::nan(""),
                   -std::numeric_limits<double>::infinity()}) {
    std::string a, b;
    AppendJsonNumber(a, x);
    AppendJson(b, Json(x));
    EXPECT_EQ(a, b) << x;
  }
  for (uint64_t x : {uint64_t{0}, uint64_t{134}, uint64_t{18446744073709551615ull}}) {
    std::string a, b;
    AppendJsonNumber(a, x);
    AppendJson(b, Json(x));
    EXPECT_EQ(a, b) << x;
  }
  for (std::string s :
       {std::string("insult"), std::string("sexual orientation / gender"), std::string("q\"b\\\n"),
        std::string("caf\xC3\xA9"), std::string("bad\xC3(", 5)}) {
    std::string a, b;
    AppendJsonStringValue(a, s);
    AppendJson(b, Json(s));
    EXPECT_EQ(a, b) << s;
  }
}

}  // namespace
}  // namespace refinery
