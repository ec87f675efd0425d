#include "refinery/core/raw_fields.h"

#include <gtest/gtest.h>

#include <random>

#include "refinery/core/json.h"

namespace refinery {
namespace {

std::vector<std::pair<std::string, std::string>> Split(std::string_view json) {
  std::vector<RawField> fields;
  EXPECT_TRUE(SplitObjectFields(json, fields)) << json;
  std::vector<std::pair<std::string, std::string>> out;
  for (const RawField& f : fields) out.emplace_back(f.key, f.value);
  return out;
}

TEST(SplitObjectFields, FindsEachValueWithoutParsingIt) {
  using Fields = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(Split("{}"), Fields{});
  EXPECT_EQ(Split(" { } "), Fields{});
  EXPECT_EQ(Split(R"({"a":1,"b":"x"})"), (Fields{{"a", "1"}, {"b", "\"x\""}}));
  EXPECT_EQ(Split(R"( { "a" : -1.5e3 , "t" : "say \"hi\" \\" , "n" : null } )"),
            (Fields{{"a", "-1.5e3"}, {"t", R"("say \"hi\" \\")"}, {"n", "null"}}));
  EXPECT_EQ(Split(R"({"m": {"s": "}]{[", "a": [1, {"x": "\""}]}, "z": [ ]})"),
            (Fields{{"m", R"({"s": "}]{[", "a": [1, {"x": "\""}]})"}, {"z", "[ ]"}}));
  EXPECT_EQ(Split(R"({"k\"ey": true, "caf\u00e9": false})"),
            (Fields{{R"(k\"ey)", "true"}, {R"(caf\u00e9)", "false"}}));
  std::vector<RawField> fields;
  EXPECT_FALSE(SplitObjectFields("[1]", fields));
  EXPECT_FALSE(SplitObjectFields(R"({"a":1)", fields));
}

TEST(SplitObjectFields, DecodesEscapedKeys) {
  std::string scratch;
  EXPECT_EQ(DecodeKey("plain", scratch), "plain");
  EXPECT_EQ(DecodeKey(R"(caf\u00e9 \"q\")", scratch), "caf\xC3\xA9 \"q\"");
}

// The escaping fast path (eight bytes at a time) must agree with a reference everywhere.
TEST(AppendJsonString, AgreesWithTheReferenceAtEveryPosition) {
  std::mt19937 rng(5);
  const std::vector<std::string> units = {"\"",   "\\",       "\n", "\t", "\x01",
                                          "\x1f", "\xC3\xA9", "~",  " "};
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (size_t k = rng() % 40; k > 0; --k) s += rng() % 6 == 0 ? units[rng() % units.size()] : "a";
    std::string out;
    AppendJsonString(out, s);
    Json parsed = Json::parse(out, nullptr, false);
    ASSERT_TRUE(parsed.is_string()) << out;
    EXPECT_EQ(parsed.get<std::string>(), s);
    EXPECT_EQ(out.find_first_of(std::string("\n\t\x01\x1f", 4)), std::string::npos);
  }
}

}  // namespace
}  // namespace refinery
