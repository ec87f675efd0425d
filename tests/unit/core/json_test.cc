#include "refinery/core/json.h"

#include <gtest/gtest.h>

namespace refinery {
namespace {

TEST(MergeCounters, SumsNumbersAndKeepsMinMax) {
  Json total = Json::parse(R"({"n": 1, "x": 0.5, "len_min": 4, "len_max": 9, "hist": [1, 2]})");
  MergeCounters(
      total,
      Json::parse(
          R"({"n": 2, "x": 0.25, "len_min": 2, "len_max": 3, "hist": [1, 0, 5], "new": 7})"));
  EXPECT_EQ(total["n"], 3);
  EXPECT_DOUBLE_EQ(total["x"].get<double>(), 0.75);
  EXPECT_EQ(total["len_min"], 2);
  EXPECT_EQ(total["len_max"], 9);
  EXPECT_EQ(total["hist"], Json::parse("[2, 2, 5]"));
  EXPECT_EQ(total["new"], 7);
}

TEST(MergeCounters, MergesNestedObjectsAndArraysOfObjects) {
  Json total = Json::parse(R"({"steps": [{"type": "filter", "in": 3}], "by": {"a": 1}})");
  MergeCounters(total,
                Json::parse(R"({"steps": [{"type": "filter", "in": 4}], "by": {"a": 1, "b": 2}})"));
  EXPECT_EQ(total["steps"][0]["in"], 7);
  EXPECT_EQ(total["steps"][0]["type"], "filter");
  EXPECT_EQ(total["by"]["a"], 2);
  EXPECT_EQ(total["by"]["b"], 2);
}

TEST(AppendJsonString, EscapesOnlyWhatJsonRequires) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\nd\x01 é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 é\"");
  EXPECT_EQ(Json::parse(out).get<std::string>(), "a\"b\\c\nd\x01 é");
}

}  // namespace
}  // namespace refinery
