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

TEST(Counters, MalformedTypedJsonIsSkipped) {
  Json j = Json::parse(R"([["ok","sum",1],["bad","nosuchkind",2],"junk",["short","sum"]])");
  EXPECT_EQ(Counters::FromTypedJson(j).ToJson().dump(), R"({"ok":1})");
}

}  // namespace
}  // namespace refinery
