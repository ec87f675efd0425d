#include "refinery/scaleout/run_merge.h"

#include <filesystem>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "refinery/pipeline/run_counters.h"
#include "refinery/scaleout/run_layout.h"
#include "scaleout_test_util.h"

namespace refinery::scaleout {
namespace {

using ::testing::HasSubstr;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

Json ShardSummary(int in, int out, double seconds, int len_min, int len_max) {
  return Json::parse(fmt::format(
      R"({{"refinery_version":"0.1.0","config_hash":"abc","inputs":{{"files":4,"bytes":900}},
         "output":"out","shard":{{"index":{0},"count":3}},"threads":2,
         "records":{{"in":{0},"out":{1},"dropped":{2},"rejected":0,"changed":1}},
         "bytes":{{"in":{3},"out":{4}}},"seconds":{5},
         "steps":[{{"type":"pii_detect","where":"p.yaml:3","in":{0},"out":{0},"seconds":{5},
                    "extra":{{"len_min":{6},"len_max":{7},"hist":[1,{0}],"docs":{0},"chars":{3},
                             "chars_mean":{8},"score_mean":{9}}}}},
                  {{"type":"filter","where":"p.yaml:4","in":{0},"out":{1},"dropped":{2}}}],
         "rejects":{{"by_reason":{{"invalid_json":{2}}}}}}})",
      in, out, in - out, in * 10, out * 10, seconds, len_min, len_max, in * 10.0 / in,
      0.5 * len_min));
}

TEST(MergeSummaryInto, SumsCountersAndStepsElementWise) {
  Json total;
  ASSERT_TRUE(MergeSummaryInto(total, ShardSummary(10, 8, 1.5, 3, 50)).ok());
  ASSERT_TRUE(MergeSummaryInto(total, ShardSummary(20, 15, 2.0, 1, 40)).ok());
  EXPECT_EQ(total["refinery_version"], "0.1.0");
  EXPECT_EQ(total["config_hash"], "abc");
  EXPECT_EQ(total["records"]["in"], 30);
  EXPECT_EQ(total["records"]["out"], 23);
  EXPECT_EQ(total["records"]["dropped"], 7);
  EXPECT_EQ(total["bytes"]["in"], 300);
  EXPECT_DOUBLE_EQ(total["seconds"].get<double>(), 3.5);
  ASSERT_EQ(total["steps"].size(), 2u);
  EXPECT_EQ(total["steps"][0]["type"], "pii_detect");
  EXPECT_EQ(total["steps"][0]["where"], "p.yaml:3");
  EXPECT_EQ(total["steps"][0]["in"], 30);
  EXPECT_EQ(total["steps"][0]["extra"]["len_min"], 1);
  EXPECT_EQ(total["steps"][0]["extra"]["len_max"], 50);
  EXPECT_EQ(total["steps"][0]["extra"]["hist"], Json::parse("[2, 30]"));
  EXPECT_EQ(total["steps"][1]["dropped"], 7);
  EXPECT_EQ(total["rejects"]["by_reason"]["invalid_json"], 7);
}

TEST(MergeSummaryInto, RefusesDifferentStepLists) {
  Json total = ShardSummary(10, 8, 1, 1, 1);
  Json other = ShardSummary(10, 8, 1, 1, 1);
  other["steps"][1]["type"] = "dedup";
  Status s = MergeSummaryInto(total, other);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), HasSubstr("steps[1]"));
  other["steps"].erase(1);
  EXPECT_FALSE(MergeSummaryInto(total, other).ok());
}

// A finished 3-shard run: markers, per-shard summaries and channels, two parts per shard.
class MergeRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_ / "run.json", R"({"config_hash":"abc","num_shards":3})");
    for (int shard = 0; shard < 3; ++shard) {
      Json summary = ShardSummary(10 * (shard + 1), 9 * (shard + 1), 1.0, shard, shard);
      WriteFile(dir_ / ShardSummaryFileName(shard), summary.dump(2));
      WriteFile(dir_ / ShardMarkerFileName(shard), Json({{"config_hash", "abc"},
                                                         {"num_shards", 3},
                                                         {"shard_index", shard},
                                                         {"summary", summary}})
                                                       .dump());
      WriteFile(dir_ / fmt::format("rejects-{:05d}.jsonl", shard),
                fmt::format("{{\"shard\":{}}}\n", shard));
      if (shard != 1) {
        WriteFile(dir_ / fmt::format("audit-{:05d}.jsonl", shard),
                  fmt::format("{{\"audit\":{}}}\n", shard));
      }
      for (int part = 0; part < 2; ++part) {
        WriteFile(dir_ / fmt::format("part-{:05d}-{:05d}.jsonl", shard, part),
                  fmt::format("{{\"id\":\"{}-{}\"}}\n", shard, part));
        WriteFile(dir_ / fmt::format("part-{:05d}-{:05d}.done", shard, part), "{}");
      }
    }
  }
  TempDir dir_;
};

TEST_F(MergeRunTest, WritesMergedFilesInShardOrder) {
  StatusOr<MergeResult> result = MergeRun(dir_.path(), MergeOptions{dir_ / "all.jsonl"});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->num_shards, 3u);
  Json summary = Json::parse(ReadFile(dir_ / "summary.json"));
  EXPECT_EQ(summary["records"]["in"], 60);
  EXPECT_EQ(summary["records"]["out"], 54);
  // Run-level fields are not summed.
  EXPECT_EQ(summary["inputs"]["files"], 4);
  EXPECT_EQ(summary["threads"], 2);
  EXPECT_EQ(summary["output"], "out");
  EXPECT_EQ(summary["shard"]["count"], 3);
  // Means: chars / docs where both are there, else weighted by the step's records in.
  EXPECT_DOUBLE_EQ(summary["steps"][0]["extra"]["chars_mean"].get<double>(), 10.0);
  // score_mean per shard: 0, 0.5, 1 with 10, 20, 30 records in.
  EXPECT_DOUBLE_EQ(summary["steps"][0]["extra"]["score_mean"].get<double>(),
                   (0 * 10 + 0.5 * 20 + 1.0 * 30) / 60.0);
  EXPECT_EQ(summary, result->summary);
  EXPECT_EQ(ReadFile(dir_ / "rejects.jsonl"), "{\"shard\":0}\n{\"shard\":1}\n{\"shard\":2}\n");
  EXPECT_EQ(ReadFile(dir_ / "audit.jsonl"), "{\"audit\":0}\n{\"audit\":2}\n");
  EXPECT_EQ(ReadFile(dir_ / "all.jsonl"),
            "{\"id\":\"0-0\"}\n{\"id\":\"0-1\"}\n{\"id\":\"1-0\"}\n{\"id\":\"1-1\"}\n"
            "{\"id\":\"2-0\"}\n{\"id\":\"2-1\"}\n");
  EXPECT_EQ(result->parts_concatenated, 6u);
  // Merging again gives the same files (per-shard inputs are left in place).
  ASSERT_TRUE(MergeRun(dir_.path(), MergeOptions{}).ok());
  EXPECT_EQ(Json::parse(ReadFile(dir_ / "summary.json")), summary);
  EXPECT_EQ(ReadFile(dir_ / "rejects.jsonl"), "{\"shard\":0}\n{\"shard\":1}\n{\"shard\":2}\n");
}

TEST_F(MergeRunTest, MissingShardsAreNamed) {
  std::filesystem::remove(dir_ / ShardMarkerFileName(1));
  std::filesystem::remove(dir_ / ShardMarkerFileName(2));
  StatusOr<MergeResult> result = MergeRun(dir_.path(), MergeOptions{});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()),
              HasSubstr("2 of 3 shards not finished (no shard-SSSSS.done): 1, 2"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "summary.json"));
}

TEST_F(MergeRunTest, MismatchedConfigHashIsNamed) {
  WriteFile(dir_ / ShardMarkerFileName(2),
            R"({"config_hash":"zzz","num_shards":3,"shard_index":2})");
  StatusOr<MergeResult> result = MergeRun(dir_.path(), MergeOptions{});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("another config"));
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("abc): 2"));
}

TEST_F(MergeRunTest, ConcatNameMustMatchTheParts) {
  StatusOr<MergeResult> result = MergeRun(dir_.path(), MergeOptions{dir_ / "all.jsonl.zst"});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("name the output to match"));
}

// Shard markers with typed counters: a figure combines by the kind it was counted with, even
// when its name follows no `_min`/`_max` convention; a marker without them (an older run)
// falls back to the JSON merge, which sums such a figure.
TEST(MergeRun, CombinesTypedStepCountersByKind) {
  for (bool with_typed : {true, false}) {
    TempDir dir;
    WriteFile(dir / "run.json", R"({"config_hash":"abc","num_shards":2})");
    for (int shard = 0; shard < 2; ++shard) {
      RunCounters counters(1);
      counters.steps[0].counters.Max("longest", uint64_t{10} + 30 * static_cast<uint64_t>(shard));
      counters.steps[0].counters.Count("docs", 5);
      Json summary{{"config_hash", "abc"},
                   {"steps", Json::array({Json{{"type", "stats"},
                                               {"in", 5},
                                               {"extra", counters.steps[0].ToJson()["extra"]}}})}};
      Json marker{
          {"config_hash", "abc"}, {"num_shards", 2}, {"shard_index", shard}, {"summary", summary}};
      if (with_typed) marker["counters"] = counters.ToJson();
      WriteFile(dir / ShardSummaryFileName(shard), summary.dump());
      WriteFile(dir / ShardMarkerFileName(shard), marker.dump());
    }
    StatusOr<MergeResult> result = MergeRun(dir.path(), MergeOptions{});
    ASSERT_TRUE(result.ok()) << result.status();
    const Json& extra = result->summary["steps"][0]["extra"];
    EXPECT_EQ(extra["docs"], 10);
    EXPECT_EQ(extra["longest"], with_typed ? 40 : 50) << with_typed;
  }
}

TEST(MergeRun, NotARunDirectory) {
  TempDir dir;
  StatusOr<MergeResult> result = MergeRun(dir.path(), MergeOptions{});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("no run.json"));
}

TEST(ListShardChannels, IgnoresPartsAndOtherFiles) {
  TempDir dir;
  for (const char* name : {"part-00000-00000.jsonl", "rejects-00000.jsonl", "audit-00001.jsonl",
                           "rejects.jsonl", "notes-x.jsonl", "summary-00000.json"}) {
    WriteFile(dir / name, "");
  }
  StatusOr<std::vector<std::string>> channels = ListShardChannels(dir.path());
  ASSERT_TRUE(channels.ok());
  EXPECT_EQ(*channels, (std::vector<std::string>{"audit", "rejects"}));
}

}  // namespace
}  // namespace refinery::scaleout
