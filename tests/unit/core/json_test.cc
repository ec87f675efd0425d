#include "refinery/core/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <limits>
#include <random>
#include <utility>

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

// Scores are written with six significant digits, laid out as nlohmann lays out a double.
// AppendJson writes a double nearest to a decimal of at most six significant digits as that
// decimal (nlohmann: 0.7885490000000001); other doubles as nlohmann does.
TEST(AppendJson, ShortDecimalsShortestOtherwiseAsNlohmann) {
  const double short_one = RoundScore(0.78854864222438037);
  std::string a;
  AppendJson(a, Json(short_one));
  EXPECT_EQ(a, "0.788549");
  EXPECT_EQ(Json(short_one).dump(), "0.7885490000000001");
  for (double x : {0.9333333333333333, 1.0 / 3, 0.1 + 0.2, 123456789.125, 1e21, 5e-324}) {
    std::string b;
    AppendJson(b, Json(x));
    EXPECT_EQ(b, Json(x).dump()) << x;
  }
}

TEST(AppendJsonScore, SixSignificantDigits) {
  const std::pair<double, const char*> cases[] = {
      {0.9662327329523283, "0.966233"},
      {0.5249999999999999, "0.525"},
      {0.00014536777908109717, "0.000145368"},
      {1e-5, "1e-05"},
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {1.0, "1.0"},
      {0.7333333333333334, "0.733333"},
      {999999.7, "1000000.0"},
      {0.99999951, "1.0"},
      {2.2, "2.2"},
      {-0.1234565e-8, "-1.23457e-09"},
      {std::nan(""), "null"},
      {1e300, "1e+300"},
  };
  for (const auto& [x, text] : cases) {
    std::string out;
    AppendJsonScore(out, x);
    EXPECT_EQ(out, text) << x;
  }
}

// The text writer and the tree writer (a Json holding RoundScore's double) write the same bytes
// (nlohmann's Grisu2 alone writes RoundScore(0.78854864222438037) as 0.7885490000000001), and the
// value is within half a unit of the sixth digit.
TEST(AppendJsonScore, WritesTheValueOfRoundScore) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1), exponent(-17, 17);
  for (int i = 0; i < 400000; ++i) {
    double x = i % 2 == 0 ? unit(rng) : std::pow(10.0, exponent(rng));
    if (i % 7 == 0) x = -x;
    std::string text, tree;
    AppendJsonScore(text, x);
    AppendJson(tree, Json(RoundScore(x)));
    const double back = std::strtod(text.c_str(), nullptr);
    ASSERT_EQ(text, tree);
    if (std::fabs(x) >= 1e-15 && std::fabs(x) < 1e15) {
      ASSERT_LE(std::fabs(back - x), 0.5e-5 * std::fabs(x) * (1 + 1e-9)) << text;
      ASSERT_EQ(back, RoundScore(x)) << text;
      if (std::fabs(x) < 1e5) {
        ASSERT_LE(text.size(), 12u) << text;  // "-1.23457e-09"
      }
    } else {
      ASSERT_EQ(text, tree);  // outside the range: written as it is
    }
  }
}

}  // namespace
}  // namespace refinery
