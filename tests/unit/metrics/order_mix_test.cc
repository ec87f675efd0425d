#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "refinery/metrics/curriculum_order.h"
#include "refinery/metrics/data_mix.h"

namespace refinery::metrics {
namespace {

class OrderMixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("order_mix_test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::vector<std::string>& lines) {
    std::string path = (dir_ / name).string();
    std::ofstream f(path);
    for (const auto& l : lines) f << l << '\n';
    return path;
  }
  std::vector<Json> Read(const std::string& path) {
    std::ifstream f(path);
    std::vector<Json> out;
    for (std::string line; std::getline(f, line);) out.push_back(Json::parse(line));
    return out;
  }
  std::filesystem::path dir_;
};

TEST_F(OrderMixTest, OrdersByScoreStableWithMissingLast) {
  std::string in =
      Write("in.jsonl", {
                            R"({"id":"a","text":"x","refinery":{"scores":{"quality":0.2}}})",
                            R"({"id":"b","text":"y"})",
                            R"({"id":"c","text":"z","refinery":{"scores":{"quality":0.9}}})",
                            R"({"id":"d","text":"w","refinery":{"scores":{"quality":0.2}}})",
                        });
  OrderOptions o;
  o.inputs = {in};
  o.output = (dir_ / "out.jsonl").string();
  o.by = "refinery.scores.quality";
  o.descending = true;
  auto s = OrderRecords(o);
  ASSERT_TRUE(s.ok()) << s.status();
  auto out = Read(o.output);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0]["id"], "c");
  EXPECT_EQ(out[1]["id"], "a");  // tie with d: input order kept
  EXPECT_EQ(out[2]["id"], "d");
  EXPECT_EQ(out[3]["id"], "b");  // no score: last
  EXPECT_EQ((*s)["missing"], 1);

  o.manifest = true;
  o.descending = false;
  o.missing = "drop";
  o.output = (dir_ / "manifest.jsonl").string();
  ASSERT_TRUE(OrderRecords(o).ok());
  auto m = Read(o.output);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0]["id"], "a");
  EXPECT_EQ(m[0]["rank"], 0);
  EXPECT_EQ(m[2]["id"], "c");
  EXPECT_DOUBLE_EQ(m[2]["score"].get<double>(), 0.9);
  EXPECT_EQ(m[2]["line"], 3);
}

TEST_F(OrderMixTest, MixMeetsProportionsDeterministicallyWithProvenance) {
  std::vector<std::string> real, gpt;
  for (int i = 0; i < 100; ++i)
    real.push_back(R"({"id":"r)" + std::to_string(i) + R"(","text":"real text number )" +
                   std::to_string(i) + R"("})");
  for (int i = 0; i < 40; ++i)
    gpt.push_back(R"({"id":"g)" + std::to_string(i) + R"(","text":"synthetic"})");
  MixOptions o;
  o.sources = {{"real", Write("real.jsonl", real), 0.75, 0},
               {"gpt", Write("gpt.jsonl", gpt), 0.25, 0}};
  o.total_records = 40;
  o.seed = 3;
  o.output = (dir_ / "mix.jsonl").string();
  auto m = MixSources(o);
  ASSERT_TRUE(m.ok()) << m.status();
  auto out = Read(o.output);
  ASSERT_EQ(out.size(), 40u);
  int n_real = 0;
  for (const Json& r : out) {
    ASSERT_TRUE(r["refinery"]["mix"].contains("line"));
    n_real += r["refinery"]["mix"]["source"] == "real";
  }
  EXPECT_EQ(n_real, 30);
  EXPECT_TRUE(std::filesystem::exists(o.output + ".manifest.json"));
  // Same seed, same bytes; another seed, another sample.
  std::ifstream a(o.output);
  std::stringstream first;
  first << a.rdbuf();
  ASSERT_TRUE(MixSources(o).ok());
  std::ifstream b(o.output);
  std::stringstream second;
  second << b.rdbuf();
  EXPECT_EQ(first.str(), second.str());
  o.seed = 4;
  ASSERT_TRUE(MixSources(o).ok());
  std::ifstream c(o.output);
  std::stringstream third;
  third << c.rdbuf();
  EXPECT_NE(first.str(), third.str());

  // Largest mix that fits 50/50: gpt has 40 -> 80 records.
  o.sources[0].proportion = 0.5;
  o.sources[1].proportion = 0.5;
  o.total_records = 0;
  auto fit = MixSources(o);
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ((*fit)["records"], 80);
}

TEST_F(OrderMixTest, MixTokenQuotas) {
  std::vector<std::string> a;
  for (int i = 0; i < 50; ++i)
    a.push_back(R"({"id":")" + std::to_string(i) + R"(","text":"one two three four"})");
  MixOptions o;
  o.mode = "tokens";
  o.sources = {{"a", Write("a.jsonl", a), 0, 30}};
  o.output = (dir_ / "mix.jsonl").string();
  auto m = MixSources(o);
  ASSERT_TRUE(m.ok()) << m.status();
  // 4 tokens per record: 8 records reach 32 >= 30.
  EXPECT_EQ((*m)["records"], 8);
  EXPECT_EQ((*m)["sources"][0]["tokens_selected"], 32);
  EXPECT_FALSE((*m)["sources"][0]["short"].get<bool>());
}

TEST(ParseNamedValuesTest, AcceptsListsAndRejectsJunk) {
  auto v = ParseNamedValues({"a=0.5,b=1e3", "c=2"}, "--p");
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 3u);
  EXPECT_EQ((*v)[1].first, "b");
  EXPECT_DOUBLE_EQ((*v)[1].second, 1000);
  EXPECT_FALSE(ParseNamedValues({"a"}, "--p").ok());
  EXPECT_FALSE(ParseNamedValues({"a=x"}, "--p").ok());
  EXPECT_FALSE(ParseNamedValues({"a=-1"}, "--p").ok());
}

}  // namespace
}  // namespace refinery::metrics

namespace refinery::metrics {
namespace {

TEST_F(OrderMixTest, DirectoryOfSeveralFilesIsReadOnce) {
  // Regression: a directory input with several small files must yield each record once.
  std::filesystem::create_directories(dir_ / "in");
  Write("in/a.jsonl", {R"({"id":"a","text":"x","s":2})"});
  Write("in/b.jsonl", {R"({"id":"b","text":"y","s":1})", R"({"id":"c","text":"z","s":3})"});
  OrderOptions o;
  o.inputs = {(dir_ / "in").string()};
  o.output = (dir_ / "out.jsonl").string();
  o.by = "s";
  auto s = OrderRecords(o);
  ASSERT_TRUE(s.ok()) << s.status();
  auto out = Read(o.output);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0]["id"], "b");
  EXPECT_EQ(out[2]["id"], "c");
}

}  // namespace
}  // namespace refinery::metrics
