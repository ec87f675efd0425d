// Typed counters: each combines by the kind it was counted with, whatever its name, and
// survives the typed JSON round trip that part markers use.
#include "refinery/core/counters.h"

#include <gtest/gtest.h>

namespace refinery {
namespace {

TEST(Counters, CombineByKindNotByName) {
  Counters a, b;
  a.Count("docs", 2);
  a.Max("shortest_max", uint64_t{9});  // a max, though its name ends in neither _max rule
  a.Min("best", uint64_t{5});
  a.Sum("total", 0.5);
  b.Count("docs", 3);
  b.Max("shortest_max", uint64_t{4});
  b.Min("best", uint64_t{1});
  b.Sum("total", 0.25);
  a.Combine(b);
  EXPECT_EQ(a.ToJson().dump(), R"({"docs":5,"shortest_max":9,"best":1,"total":0.75})");
}

TEST(Counters, IntegersAndRealsStayApart) {
  Counters c;
  c.Count("n");
  c.Sum("r", 1);
  c.Count("n");
  c.Sum("r", 1);
  // JSON writes 2 and 2.0 differently: a summary keeps each figure as it was counted.
  EXPECT_EQ(c.ToJson().dump(), R"({"n":2,"r":2.0})");
}

TEST(Counters, FirstCountedFirstWrittenAndAbsentUntilCounted) {
  Counters a, b;
  a.Count("x");
  b.Count("y");
  b.Count("x");
  a.Combine(b);
  EXPECT_EQ(a.ToJson().dump(), R"({"x":2,"y":1})");
  EXPECT_TRUE(Counters{}.empty());
  EXPECT_EQ(Counters{}.ToJson().dump(), "{}");
}

TEST(Counters, PerKeySumsAndElementWiseSums) {
  Counters a, b;
  a.SumBy("by_lang", "en", 2);
  a.CountAt("hist", 1);
  b.SumBy("by_lang", "de", 1);
  b.SumBy("by_lang", "en", 1);
  b.CountAt("hist", 3, 4);
  a.Combine(b);
  EXPECT_EQ(a.ToJson().dump(), R"({"by_lang":{"en":3.0,"de":1.0},"hist":[0,1,0,4]})");
}

TEST(Counters, TypedJsonRoundTripKeepsKinds) {
  Counters a;
  a.Max("m", 2.5);
  a.Min("lo", uint64_t{3});
  a.Count("n", 4);
  a.CountBy("k", "a", 2);
  a.CountAt("h", 2);
  Counters back = Counters::FromTypedJson(a.ToTypedJson());
  EXPECT_EQ(back.ToJson(), a.ToJson());
  Counters more;
  more.Max("m", 1.0);
  more.Min("lo", uint64_t{7});
  back.Combine(more);
  back.Combine(Counters::FromTypedJson(more.ToTypedJson()));
  EXPECT_EQ(back.ToJson().dump(), R"({"m":2.5,"lo":3,"n":4,"k":{"a":2},"h":[0,0,1]})");
}

TEST(Counters, RealElementWiseSumsAndIntegerZerosWhereNothingWasCounted) {
  Counters a, b;
  a.SumAt("accepted", 0, 2.0);
  a.CountAt("accepted", 2, 0);  // listed, never counted: an integer 0
  b.SumAt("accepted", 0, 0.5);
  b.SumAt("accepted", 1, 1.0);
  a.Combine(b);
  EXPECT_EQ(a.ToJson().dump(), R"({"accepted":[2.5,1.0,0]})");
  a.SumAt("accepted", 4, 0.25);  // past the end: the gap is integer zeros
  EXPECT_EQ(a.ToJson().dump(), R"({"accepted":[2.5,1.0,0,0,0.25]})");
}

TEST(Counters, DottedNamesAreWrittenAsNestedObjects) {
  Counters a, b;
  a.CountBy("llm.answers", "no_tags");
  a.Count("changed");
  a.Count("llm.chunks", 3);
  b.Count("llm.chunks", 2);
  b.Count("kept");
  b.CountBy("llm.answers", "no_tags", 2);
  b.Count("llm.tokens.in", 7);  // a group within a group
  a.Combine(b);
  // Each group sits where its first figure was counted; figures new to a group join it.
  EXPECT_EQ(
      a.ToJson().dump(),
      R"({"llm":{"answers":{"no_tags":3},"chunks":5,"tokens":{"in":7}},"changed":1,"kept":1})");
}

TEST(Counters, DeclaredPerKeyCountersAreListedEmpty) {
  Counters a, b;
  a.Count("n");
  a.DeclareBy("fallbacks");
  b.CountBy("fallbacks", "drop");
  EXPECT_EQ(a.ToJson().dump(), R"({"n":1,"fallbacks":{}})");
  a.DeclareBy("fallbacks");  // already there: unchanged
  a.Combine(b);
  EXPECT_EQ(a.ToJson().dump(), R"({"n":1,"fallbacks":{"drop":1}})");
  Counters c;
  c.DeclareBy("empty");
  c.Combine(Counters::FromTypedJson(c.ToTypedJson()));
  EXPECT_EQ(c.ToJson().dump(), R"({"empty":{}})");
}

TEST(Counters, NewKindsSurviveTheTypedRoundTrip) {
  Counters a;
  a.SumAt("tried", 1, 1.5);
  a.CountAt("tried", 2, 0);
  a.CountBy("llm.answers", "cut");
  a.Count("llm.chunks", 4);
  a.DeclareBy("reasons");
  a.Max("delta_max", 0.25);
  Json typed = a.ToTypedJson();
  // The typed form keeps names as counted; only the summary groups them.
  EXPECT_EQ(typed[1][0], "llm.answers");
  Counters back = Counters::FromTypedJson(typed);
  EXPECT_EQ(back.ToJson().dump(), a.ToJson().dump());
  // Combining restored parts equals combining the originals, kinds included.
  Counters more;
  more.SumAt("tried", 0, 1.0);
  more.CountAt("tried", 2, 0);
  more.CountBy("llm.answers", "cut", 2);
  more.Count("llm.chunks", 1);
  more.Max("delta_max", 0.5);
  more.CountBy("reasons", "pii");
  Counters direct = a;
  direct.Combine(more);
  back.Combine(Counters::FromTypedJson(more.ToTypedJson()));
  EXPECT_EQ(back.ToJson().dump(), direct.ToJson().dump());
  EXPECT_EQ(
      direct.ToJson().dump(),
      R"({"tried":[1.0,1.5,0],"llm":{"answers":{"cut":3},"chunks":5},"reasons":{"pii":1},"delta_max":0.5})");
}

TEST(Counters, MalformedTypedJsonIsSkipped) {
  Json j = Json::parse(R"([["ok","sum",1],["bad","nosuchkind",2],"junk",["short","sum"]])");
  EXPECT_EQ(Counters::FromTypedJson(j).ToJson().dump(), R"({"ok":1})");
}

}  // namespace
}  // namespace refinery
