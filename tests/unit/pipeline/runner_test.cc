#include "refinery/pipeline/runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "refinery/io/files.h"
#include "refinery/pipeline/step.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// All part files of a run directory, concatenated in name order.
std::string Parts(const fs::path& dir) {
  std::vector<fs::path> parts;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.rfind("part-", 0) == 0 && name.find(".jsonl") != std::string::npos)
      parts.push_back(e.path());
  }
  std::sort(parts.begin(), parts.end());
  std::string all;
  for (const auto& p : parts) all += Slurp(p);
  return all;
}

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("refinery-runner-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    std::ofstream out(dir_ / "in/a.jsonl", std::ios::binary);
    for (int i = 0; i < 3000; ++i) {
      // Every 10th text repeats an earlier one, across part boundaries.
      int t = i % 10 == 9 ? i / 3 : i;
      out << "{\"id\":" << i << ",\"text\":\"document number " << t
          << " with some words\",\"n\":" << i % 97 << "}\n";
      if (i == 1500) out << "{\"id\": \"bad\", \"text\": 17}\n{not json\n";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  PipelineConfig Config(const std::string& out, int threads) {
    auto config = ParsePipelineYaml(
        "steps:\n  - dedup_exact: {}\n  - filter: {where: \"n < 90\"}\n  - sample: {fraction: 0.9, "
        "seed: 3}\n"
        "  - stats: {}\n",
        "test.yaml");
    EXPECT_TRUE(config.ok());
    config->inputs = {(dir_ / "in").string()};
    config->output = (dir_ / out).string();
    config->threads = threads;
    config->part_bytes = 16 * 1024;
    config->batch_records = 37;  // many small batches exercise ordering
    return *config;
  }

  RunResult Run(const PipelineConfig& config, RunOptions options = {}) {
    options.progress = ProgressMode::kQuiet;
    auto result = RunPipeline(config, options);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : RunResult{};
  }

  fs::path dir_;
};

TEST_F(RunnerTest, OutputIsIdenticalForAnyThreadCount) {
  RunResult one = Run(Config("t1", 1));
  Run(Config("t2", 2));
  Run(Config("t8", 8));
  std::string a = Parts(dir_ / "t1");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, Parts(dir_ / "t2"));
  EXPECT_EQ(a, Parts(dir_ / "t8"));
  EXPECT_EQ(Slurp(dir_ / "t1/rejects.jsonl"), Slurp(dir_ / "t8/rejects.jsonl"));
  const Json& records = one.summary["records"];
  EXPECT_EQ(records["in"], 3002);
  EXPECT_EQ(records["rejected"], 2);
  EXPECT_EQ(records["in"].get<int>(),
            records["out"].get<int>() + records["dropped"].get<int>() + 2);
  // Texts of i % 10 == 9 repeat text i / 3, which is a duplicate unless that one is itself a
  // repeat.
  int duplicates = 0;
  for (int i = 9; i < 3000; i += 10) duplicates += (i / 3) % 10 != 9;
  EXPECT_EQ(one.summary["steps"][0]["dropped"].get<int>(), duplicates);
  EXPECT_EQ(one.summary["steps"][3]["extra"]["docs"], records["out"]);
}

TEST_F(RunnerTest, RejectsNameFileLineAndReason) {
  Run(Config("rej", 2));
  std::ifstream in(dir_ / "rej/rejects.jsonl");
  std::string l1, l2;
  std::getline(in, l1);
  std::getline(in, l2);
  Json a = Json::parse(l1), b = Json::parse(l2);
  EXPECT_EQ(a["line"], 1502);
  EXPECT_EQ(a["reason"], "field \"text\": expected a string, found number");
  EXPECT_EQ(a["raw"], "{\"id\": \"bad\", \"text\": 17}");
  EXPECT_EQ(b["line"], 1503);
  EXPECT_EQ(b["reason"].get<std::string>().rfind("malformed JSON", 0), 0u);
  EXPECT_NE(a["file"].get<std::string>().find("a.jsonl"), std::string::npos);
}

TEST_F(RunnerTest, ResumeAfterStopGivesIdenticalOutput) {
  RunResult full = Run(Config("full", 2));
  PipelineConfig config = Config("crash", 2);
  // Stop the run before its fourth part (as SIGTERM does, but decided by the part count, not
  // by time), leave a torn temporary file behind as a crash would, then resume: the output
  // must equal the uninterrupted run.
  RunOptions first;
  first.progress = ProgressMode::kQuiet;
  std::vector<uint32_t> asked;
  first.stop_before_part = [&asked](uint32_t started) {
    asked.push_back(started);
    return started == 3;
  };
  auto partial = RunPipeline(config, first);
  ASSERT_FALSE(partial.ok());
  EXPECT_TRUE(absl::IsAborted(partial.status())) << partial.status().ToString();
  EXPECT_NE(std::string(partial.status().message()).find("with 3 of "), std::string::npos)
      << partial.status().message();
  EXPECT_EQ(asked, (std::vector<uint32_t>{0, 1, 2, 3}));
  EXPECT_TRUE(fs::exists(dir_ / "crash/part-00000-00002.done"));
  EXPECT_FALSE(fs::exists(dir_ / "crash/part-00000-00003.done"));
  EXPECT_FALSE(fs::exists(dir_ / "crash/summary.json"));
  std::ofstream(dir_ / "crash/part-00000-99999.jsonl.tmp") << "torn";
  RunOptions resume;
  resume.resume = true;
  RunResult resumed = Run(config, resume);
  EXPECT_EQ(Parts(dir_ / "crash"), Parts(dir_ / "full"));
  EXPECT_EQ(Slurp(dir_ / "crash/rejects.jsonl"), Slurp(dir_ / "full/rejects.jsonl"));
  EXPECT_EQ(resumed.summary["records"], full.summary["records"]);
  EXPECT_EQ(resumed.summary["rejects"], full.summary["rejects"]);
  // The steps' own figures (stats: sums, minimums, maximums, a histogram) come back from the
  // part markers with their kinds, so they combine as in one uninterrupted process.
  ASSERT_EQ(resumed.summary["steps"].size(), full.summary["steps"].size());
  for (size_t i = 0; i < full.summary["steps"].size(); ++i) {
    EXPECT_EQ(resumed.summary["steps"][i]["extra"], full.summary["steps"][i]["extra"]) << i;
  }
  EXPECT_TRUE(full.summary["steps"][3]["extra"].contains("chars_min"));
  EXPECT_FALSE(fs::exists(dir_ / "crash/part-00000-99999.jsonl.tmp"));
}

TEST_F(RunnerTest, StopRequestedBeforeTheRunLeavesAResumableDirectory) {
  RunResult full = Run(Config("full", 2));
  PipelineConfig config = Config("stopped", 2);
  std::atomic<bool> stop{true};
  RunOptions first;
  first.progress = ProgressMode::kQuiet;
  first.stop = &stop;
  auto partial = RunPipeline(config, first);
  ASSERT_FALSE(partial.ok());
  EXPECT_TRUE(absl::IsAborted(partial.status())) << partial.status().ToString();
  EXPECT_NE(std::string(partial.status().message()).find("with 0 of "), std::string::npos)
      << partial.status().message();
  EXPECT_TRUE(Parts(dir_ / "stopped").empty());
  RunOptions resume;
  resume.resume = true;
  RunResult resumed = Run(config, resume);
  EXPECT_EQ(Parts(dir_ / "stopped"), Parts(dir_ / "full"));
  EXPECT_EQ(resumed.summary["records"], full.summary["records"]);
}

TEST_F(RunnerTest, RunsWithAUserRegistry) {
  // A user adds a step of their own to a copy of the built-in registry.
  class TagStep : public RecordStep {
   public:
    void ProcessRecord(Record& record, StepStats& stats) const override {
      record.refinery()["tag"] = "mine";
      stats.counters.Count("tagged");
    }
  };
  StepRegistry registry = StepRegistry::Builtin();
  registry.Register(
      {"tag", "tags every record",
       [](StepParams& params, const StepEnvironment&) -> StatusOr<std::unique_ptr<Step>> {
         RETURN_IF_ERROR(params.Finish());
         return std::unique_ptr<Step>(new TagStep());
       }});
  auto config =
      ParsePipelineYaml("steps:\n  - filter: {where: \"n < 5\"}\n  - tag: {}\n", "t.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  config->inputs = {(dir_ / "in").string()};
  config->output = (dir_ / "tagged.jsonl").string();
  RunOptions options;
  options.progress = ProgressMode::kQuiet;
  auto result = RunPipeline(*config, registry, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->summary["steps"][1]["extra"]["tagged"], result->summary["records"]["out"]);
  std::string out = Slurp(dir_ / "tagged.jsonl");
  EXPECT_NE(out.find("\"refinery\":{\"tag\":\"mine\"}"), std::string::npos) << out.substr(0, 200);
  // The built-in registry alone does not know the step, and says which line asks for it.
  auto builtin = RunPipeline(*config, options);
  ASSERT_FALSE(builtin.ok());
  EXPECT_NE(std::string(builtin.status().message()).find("t.yaml:3: unknown step type 'tag'"),
            std::string::npos)
      << builtin.status().message();
}

TEST_F(RunnerTest, ResumeRestoresDedupStateFromCheckpoints) {
  // Cut a completed run back to its first parts (as if it had crashed there); the resumed
  // dedup must still drop repeats of texts first seen in the kept parts.
  PipelineConfig config = Config("cut", 1);
  config.steps.resize(1);  // dedup only
  Run(config);
  const std::string reference = Parts(dir_ / "cut");
  const std::string reference_rejects = Slurp(dir_ / "cut/rejects.jsonl");
  int removed = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "cut")) {
    std::string name = e.path().filename().string();
    bool late_part = name.rfind("part-00000-", 0) == 0 && std::stoi(name.substr(11, 5)) >= 3;
    bool late_side = name.rfind("rejects-00000-", 0) == 0 && std::stoi(name.substr(14, 5)) >= 3;
    if (late_part || late_side || name == "shard-00000.done" || name == "summary.json" ||
        name == "rejects.jsonl") {
      fs::remove(e.path());
      ++removed;
    }
  }
  ASSERT_GT(removed, 10);
  ASSERT_TRUE(fs::exists(dir_ / "cut/part-00000-00001.state"));  // dedup checkpoint of a kept part
  RunOptions resume;
  resume.resume = true;
  RunResult resumed = Run(config, resume);
  EXPECT_EQ(Parts(dir_ / "cut"), reference);
  EXPECT_EQ(Slurp(dir_ / "cut/rejects.jsonl"), reference_rejects);
  EXPECT_GT(resumed.summary["steps"][0]["dropped"].get<int>(), 100);
}

TEST_F(RunnerTest, RefusesToReuseOrResumeWithChangedConfigOrInput) {
  PipelineConfig config = Config("guard", 1);
  Run(config);
  RunOptions plain;
  plain.progress = ProgressMode::kQuiet;
  auto again = RunPipeline(config, plain);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(std::string(again.status().message()).find("--resume"), std::string::npos);

  RunOptions resume = plain;
  resume.resume = true;
  PipelineConfig changed = config;
  changed.steps.pop_back();
  auto bad_config = RunPipeline(changed, resume);
  ASSERT_FALSE(bad_config.ok());
  EXPECT_NE(std::string(bad_config.status().message()).find("config changed"), std::string::npos);

  std::ofstream(dir_ / "in/a.jsonl", std::ios::app) << "{\"text\": \"late\"}\n";
  auto bad_input = RunPipeline(config, resume);
  ASSERT_FALSE(bad_input.ok());
  EXPECT_NE(std::string(bad_input.status().message()).find("a.jsonl changed"), std::string::npos);
}

TEST_F(RunnerTest, ShardsPartitionTheInputExactly) {
  PipelineConfig config = Config("sharded", 2);
  config.steps.erase(config.steps.begin());  // dedup is per shard; compare without it
  PipelineConfig single = Config("single", 2);
  single.steps.erase(single.steps.begin());
  Run(single);
  for (uint32_t s = 0; s < 3; ++s) {
    RunOptions options;
    options.num_shards = 3;
    options.shard_index = s;
    Run(config, options);
  }
  EXPECT_EQ(Parts(dir_ / "sharded"), Parts(dir_ / "single"));
  EXPECT_TRUE(fs::exists(dir_ / "sharded/summary-00002.json"));
  EXPECT_TRUE(fs::exists(dir_ / "sharded/shard-00001.done"));
}

TEST_F(RunnerTest, SingleFileOutputAndCompressedParts) {
  PipelineConfig file = Config("unused", 2);
  file.output = (dir_ / "out.jsonl.zst").string();
  Run(file);
  EXPECT_TRUE(fs::exists(dir_ / "out.jsonl.zst"));
  EXPECT_TRUE(fs::exists(dir_ / "out.rejects.jsonl"));
  PipelineConfig zst = Config("zst", 2);
  zst.compression = "zstd";
  Run(zst);
  EXPECT_TRUE(fs::exists(dir_ / "zst/part-00000-00000.jsonl.zst"));
}

}  // namespace
}  // namespace refinery
