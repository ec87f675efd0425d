#include "refinery/scaleout/sbatch_script.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "refinery/scaleout/subprocess.h"
#include "scaleout_test_util.h"

namespace refinery::scaleout {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

TEST(ArrayIndices, FormatsRunsAsRanges) {
  EXPECT_EQ(FormatArrayIndices({}), "");
  EXPECT_EQ(FormatArrayIndices({7}), "7");
  EXPECT_EQ(FormatArrayIndices({0, 1, 2, 3}), "0-3");
  EXPECT_EQ(FormatArrayIndices({0, 1, 3, 5, 6, 7, 9}), "0-1,3,5-7,9");
}

TEST(ArrayIndices, ParsesWhatSlurmAccepts) {
  EXPECT_THAT(*ParseArrayIndices("0-3"), ElementsAre(0, 1, 2, 3));
  EXPECT_THAT(*ParseArrayIndices("5,1-2%4"), ElementsAre(1, 2, 5));
  EXPECT_THAT(*ParseArrayIndices("0-6:3"), ElementsAre(0, 3, 6));
  EXPECT_FALSE(ParseArrayIndices("3-1").ok());
  EXPECT_FALSE(ParseArrayIndices("a").ok());
  EXPECT_FALSE(ParseArrayIndices("1-2:0").ok());
}

TEST(ArrayIndices, RoundTrips) {
  std::vector<uint32_t> indices = {0, 2, 3, 4, 10, 11, 999};
  EXPECT_EQ(*ParseArrayIndices(FormatArrayIndices(indices)), indices);
}

TEST(SplitIntoArrays, KeepsIndicesBelowMaxArraySize) {
  std::vector<uint32_t> shards;
  for (uint32_t i = 0; i < 2500; ++i) shards.push_back(i);
  std::vector<ArrayChunk> chunks = SplitIntoArrays(shards, 1000);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].offset, 0u);
  EXPECT_EQ(chunks[0].ArraySpec(0), "0-999");
  EXPECT_EQ(chunks[1].offset, 1000u);
  EXPECT_EQ(chunks[1].ArraySpec(8), "0-999%8");
  EXPECT_EQ(chunks[2].offset, 2000u);
  EXPECT_EQ(chunks[2].ArraySpec(0), "0-499");
  // Every shard appears once, as offset + index.
  std::vector<uint32_t> back;
  for (const ArrayChunk& c : chunks) {
    for (uint32_t i : c.indices) {
      EXPECT_LT(i, 1000u);
      back.push_back(c.offset + i);
    }
  }
  EXPECT_EQ(back, shards);
}

TEST(SplitIntoArrays, SparseResubmissionSkipsEmptyRanges) {
  std::vector<ArrayChunk> chunks = SplitIntoArrays({3, 1005, 1006, 4000}, 1001);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].offset, 0u);
  EXPECT_EQ(chunks[0].ArraySpec(0), "3");
  EXPECT_EQ(chunks[1].offset, 1001u);
  EXPECT_EQ(chunks[1].ArraySpec(0), "4-5");
  EXPECT_EQ(chunks[2].offset, 3003u);
  EXPECT_EQ(chunks[2].ArraySpec(0), "997");
}

TEST(SplitIntoArrays, BoundsTheLengthOfTheArraySpec) {
  std::vector<uint32_t> every_other;
  for (uint32_t i = 0; i < 1000; i += 2) every_other.push_back(i);
  std::vector<ArrayChunk> chunks = SplitIntoArrays(every_other, 1001, 220);
  ASSERT_GT(chunks.size(), 1u);
  size_t total = 0;
  for (const ArrayChunk& c : chunks) {
    EXPECT_EQ(c.offset, 0u);
    EXPECT_LE(c.ArraySpec(0).size(), 220u);
    total += c.indices.size();
  }
  EXPECT_EQ(total, every_other.size());
}

TEST(ParseMaxArraySize, ReadsScontrolShowConfig) {
  EXPECT_EQ(ParseMaxArraySize("MaxArraySize            = 1001\nMaxJobCount = 10000\n"), 1001u);
  EXPECT_EQ(ParseMaxArraySize("MaxJobCount = 10000\n"), std::nullopt);
  EXPECT_EQ(ParseMaxArraySize("MaxArraySize = lots\n"), std::nullopt);
}

TEST(ParseSbatchJobId, AcceptsParsableOutput) {
  EXPECT_EQ(*ParseSbatchJobId("1234\n"), "1234");
  EXPECT_EQ(*ParseSbatchJobId("1234;cluster\n"), "1234");
  EXPECT_EQ(*ParseSbatchJobId("sbatch: warning: x\n77\n"), "77");
  EXPECT_FALSE(ParseSbatchJobId("").ok());
  EXPECT_FALSE(ParseSbatchJobId("Submitted batch job\n").ok());
}

SbatchSpec ExampleSpec() {
  SbatchSpec spec;
  spec.refinery_binary = "/opt/refinery/bin/refinery";
  spec.pipeline = "/home/u/pipe line.yaml";
  spec.output = "/scratch/out/run1";
  spec.workdir = "/home/u";
  spec.num_shards = 8;
  spec.max_parallel = 3;
  spec.partition = "cpu";
  spec.time = "4:00:00";
  spec.cpus = 4;
  spec.mem = "16G";
  spec.extra_sbatch_args = {"--exclusive"};
  return spec;
}

TEST(GenerateSbatchScript, HasTheDirectivesAndTheRunCommand) {
  std::string script = GenerateSbatchScript(ExampleSpec());
  EXPECT_EQ(script.rfind("#!/bin/bash\n", 0), 0u);
  for (const char* line :
       {"#SBATCH --array=0-7%3\n", "#SBATCH --output=/scratch/out/run1/slurm/logs/%A_%a.log\n",
        "#SBATCH --requeue\n", "#SBATCH --signal=B:USR1@120\n", "#SBATCH --chdir=/home/u\n",
        "#SBATCH --cpus-per-task=4\n", "#SBATCH --mem=16G\n", "#SBATCH --partition=cpu\n",
        "#SBATCH --time=4:00:00\n", "#SBATCH --exclusive\n", "PIPELINE='/home/u/pipe line.yaml'\n",
        "NUM_SHARDS=8\n", "--resume"}) {
    EXPECT_THAT(script, HasSubstr(line));
  }
  SbatchSpec plain = ExampleSpec();
  plain.partition.clear();
  plain.time.clear();
  plain.max_parallel = 0;
  script = GenerateSbatchScript(plain);
  EXPECT_THAT(script, HasSubstr("#SBATCH --array=0-7\n"));
  EXPECT_THAT(script, ::testing::Not(HasSubstr("--partition")));
  EXPECT_THAT(script, ::testing::Not(HasSubstr("--time")));
}

TEST(ValidateSbatchSpec, RejectsValuesThatWouldBreakTheScript) {
  EXPECT_TRUE(ValidateSbatchSpec(ExampleSpec()).ok());
  SbatchSpec spec = ExampleSpec();
  spec.partition = "cpu\n#SBATCH --uid=0";
  EXPECT_FALSE(ValidateSbatchSpec(spec).ok());
  spec = ExampleSpec();
  spec.extra_sbatch_args = {"--array=0-3"};
  EXPECT_FALSE(ValidateSbatchSpec(spec).ok());
  spec = ExampleSpec();
  spec.num_shards = 0;
  EXPECT_FALSE(ValidateSbatchSpec(spec).ok());
  spec = ExampleSpec();
  spec.output.clear();
  EXPECT_FALSE(ValidateSbatchSpec(spec).ok());
}

// Runs the generated script with bash as Slurm would (array task environment), with a fake
// refinery that records its arguments, and a fake scontrol that records requeue requests.
class ScriptRun : public ::testing::Test {
 protected:
  void SetUp() override {
    bin_ = dir_ / "bin";
    std::filesystem::create_directories(bin_);
    // The fake refinery: records argv, then either exits at once or waits for a signal and
    // exits 3 after "finishing its part".
    WriteFile(bin_ + "/refinery",
              "#!/bin/bash\n"
              "printf '%s\\n' \"$@\" > \"$FAKE_DIR/args\"\n"
              "trap 'echo USR1 >> \"$FAKE_DIR/signals\"; exit 3' USR1\n"
              "trap 'echo TERM >> \"$FAKE_DIR/signals\"; exit 4' TERM\n"
              "[ \"${FAKE_MODE:-}\" = wait ] || exit 0\n"
              "touch \"$FAKE_DIR/started\"\n"
              "while :; do sleep 0.05; done\n");
    WriteFile(bin_ + "/scontrol", "#!/bin/bash\necho \"$@\" >> \"$FAKE_DIR/scontrol\"\n");
    chmod((bin_ + "/refinery").c_str(), 0755);
    chmod((bin_ + "/scontrol").c_str(), 0755);
    SbatchSpec spec = ExampleSpec();
    spec.refinery_binary = bin_ + "/refinery";
    spec.input = "data/*.jsonl";
    spec.extra_run_args = {"--cache=/local/my cache.sqlite"};
    script_ = dir_ / "job.sbatch";
    WriteFile(script_, GenerateSbatchScript(spec));
  }

  // Starts the script; returns its pid.
  pid_t Start(const std::string& mode) {
    pid_t pid = fork();
    if (pid == 0) {
      setenv("PATH", (bin_ + ":" + getenv("PATH")).c_str(), 1);
      setenv("FAKE_DIR", dir_.path().c_str(), 1);
      setenv("FAKE_MODE", mode.c_str(), 1);
      setenv("SLURM_ARRAY_TASK_ID", "2", 1);
      setenv("SLURM_ARRAY_JOB_ID", "77", 1);
      setenv("SLURM_CPUS_PER_TASK", "4", 1);
      setenv("REFINERY_SHARD_OFFSET", "1000", 1);
      unsetenv("REFINERY_BIN");
      int null_fd = open("/dev/null", O_WRONLY);
      dup2(null_fd, 1);
      dup2(null_fd, 2);
      execl("/bin/bash", "bash", script_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  }

  int Wait(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  bool WaitForFile(const std::string& path) {
    for (int i = 0; i < 400; ++i) {
      if (std::filesystem::exists(path)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }

  TempDir dir_;
  std::string bin_;
  std::string script_;
};

TEST_F(ScriptRun, RunsTheShardOfItsArrayTask) {
  EXPECT_EQ(Wait(Start("exit")), 0);
  std::string args = ReadFile(dir_ / "args");
  EXPECT_EQ(args,
            "run\n/home/u/pipe line.yaml\n--output\n/scratch/out/run1\n--num-shards\n8\n"
            "--shard-index\n1002\n--resume\n--quiet\n--input\ndata/*.jsonl\n"
            "--cache=/local/my cache.sqlite\n--threads\n4\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "scontrol"));
}

TEST_F(ScriptRun, ForwardsTheTimeLimitWarningAndRequeues) {
  pid_t pid = Start("wait");
  ASSERT_TRUE(WaitForFile(dir_ / "started"));
  kill(pid, SIGUSR1);
  EXPECT_EQ(Wait(pid), 3);  // refinery's own exit status
  EXPECT_EQ(ReadFile(dir_ / "signals"), "USR1\n");
  EXPECT_EQ(ReadFile(dir_ / "scontrol"), "requeue 77_2\n");
}

TEST_F(ScriptRun, ForwardsTermWithoutRequeueing) {
  pid_t pid = Start("wait");
  ASSERT_TRUE(WaitForFile(dir_ / "started"));
  kill(pid, SIGTERM);
  EXPECT_EQ(Wait(pid), 4);
  EXPECT_EQ(ReadFile(dir_ / "signals"), "TERM\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "scontrol"));
}

TEST(RunCommand, CapturesOutputAndExitCode) {
  StatusOr<CommandResult> r = RunCommand({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_TRUE(absl::IsNotFound(RunCommand({"refinery-no-such-program-xyz"}).status()));
}

TEST(ShellQuote, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(ShellQuote("--array=0-3%2"), "--array=0-3%2");
  EXPECT_EQ(ShellQuote("a b"), "'a b'");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote(""), "''");
}

}  // namespace
}  // namespace refinery::scaleout
