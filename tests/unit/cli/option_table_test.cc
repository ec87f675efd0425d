// OptionTable: flags, environment variables and help text generated from one row per option.
#include "option_table.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace refinery::cli {
namespace {

struct Flags {
  std::vector<std::string> inputs;
  std::string output;
  uint64_t seed = 7;
  int threads = 0;
  double ratio = 0.25;
  std::string mode = "fast";
  std::string empty;
  std::vector<std::string> items;
  std::vector<std::string> named;
  bool json = false;
};

// `demo` under a root app: the environment prefix is REFINERY_DEMO.
struct Demo {
  CLI::App app{"test", "refinery"};
  CLI::App* cmd = app.add_subcommand("demo", "a verb");
  Flags f;
  OptionTable t;

  Demo() {
    t.Add("input", f.inputs, "Inputs").Required();
    t.Add("--output,-o", f.output, "Output").Required();
    t.Add("--seed", f.seed, "Seed");
    t.Add("--threads,-t", f.threads, "Threads").DefaultNote("all cores").Env("REFINERY_THREADS");
    t.Add("--ratio", f.ratio, "Ratio").Range(0, 1);
    t.Add("--mode", f.mode, "Mode").Choices({"fast", "slow"});
    t.Add("--empty", f.empty, "Starts empty");
    t.Add("--item", f.items, "Items").SplitCommas();
    t.Add("--named", f.named, "NAME=A,B values").OneValuePerFlag();
    t.Add("--json", f.json, "JSON");
    t.AddTo(cmd);
  }
  void Parse(std::vector<std::string> args) {
    args.insert(args.begin(), "demo");
    std::vector<const char*> argv = {"refinery"};
    for (const std::string& a : args) argv.push_back(a.c_str());
    app.parse(static_cast<int>(argv.size()), argv.data());
  }
  const CLI::Option* Opt(const std::string& name) const { return cmd->get_option(name); }
};

TEST(OptionTableTest, RowsDescribeTypeDefaultAndFlag) {
  Demo d;
  const auto& rows = d.t.rows();
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows[2].spec.name, "seed");
  EXPECT_EQ(rows[2].spec.type, ParamType::kInt);
  EXPECT_EQ(rows[2].spec.DefaultText(), "7");
  EXPECT_EQ(rows[4].spec.type, ParamType::kDouble);
  EXPECT_EQ(rows[4].spec.DefaultText(), "0.25");
  EXPECT_EQ(rows[5].spec.DefaultText(), "fast");
  EXPECT_TRUE(rows[6].spec.default_value.is_null());
  EXPECT_EQ(rows[7].spec.type, ParamType::kStringList);
  EXPECT_TRUE(rows[9].spec.cli_switch);
  EXPECT_EQ(rows[1].spec.flag, "output");
  EXPECT_EQ(rows[0].spec.name, "input");
}

TEST(OptionTableTest, EveryOptionHasAnEnvironmentVariable) {
  Demo d;
  EXPECT_EQ(d.Opt("input")->get_envname(), "REFINERY_DEMO_INPUT");
  EXPECT_EQ(d.Opt("--output")->get_envname(), "REFINERY_DEMO_OUTPUT");
  EXPECT_EQ(d.Opt("--seed")->get_envname(), "REFINERY_DEMO_SEED");
  EXPECT_EQ(d.Opt("--threads")->get_envname(), "REFINERY_THREADS");
  EXPECT_EQ(d.Opt("--json")->get_envname(), "REFINERY_DEMO_JSON");
}

TEST(OptionTableTest, HelpShowsTheDefaultRangeAndChoices) {
  Demo d;
  EXPECT_EQ(d.Opt("--seed")->get_default_str(), "7");
  EXPECT_EQ(d.Opt("--ratio")->get_description(), "Ratio ([0, 1])");
  EXPECT_EQ(d.Opt("--mode")->get_description(), "Mode (one of: fast, slow)");
  EXPECT_EQ(d.Opt("--mode")->get_default_str(), "fast");
  EXPECT_EQ(d.Opt("--threads")->get_description(), "Threads (default: all cores)");
  EXPECT_EQ(d.Opt("--threads")->get_default_str(), "");
  EXPECT_EQ(d.Opt("--empty")->get_description(), "Starts empty (default: none)");
  EXPECT_EQ(d.Opt("--output")->get_description(), "Output");
  EXPECT_TRUE(d.Opt("--output")->get_required());
  EXPECT_EQ(d.Opt("--output")->get_default_str(), "");
  EXPECT_EQ(d.Opt("--item")->get_description(), "Items; a,b or repeated (default: none)");
  EXPECT_EQ(d.Opt("--json")->get_description(), "JSON");
}

TEST(OptionTableTest, FlagsFillTheBoundFields) {
  Demo d;
  d.Parse({"a.jsonl", "b.jsonl", "-o", "out", "--seed", "9", "-t", "3", "--ratio", "0.5", "--mode",
           "slow", "--item", "x,y", "--named", "a=1,b=2", "--json"});
  EXPECT_EQ(d.f.inputs, (std::vector<std::string>{"a.jsonl", "b.jsonl"}));
  EXPECT_EQ(d.f.output, "out");
  EXPECT_EQ(d.f.seed, 9u);
  EXPECT_EQ(d.f.threads, 3);
  EXPECT_DOUBLE_EQ(d.f.ratio, 0.5);
  EXPECT_EQ(d.f.mode, "slow");
  EXPECT_EQ(d.f.items, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(d.f.named, (std::vector<std::string>{"a=1,b=2"}));
  EXPECT_TRUE(d.f.json);
}

TEST(OptionTableTest, DefaultsStayWhenNothingIsGiven) {
  Demo d;
  d.Parse({"a.jsonl", "-o", "out"});
  EXPECT_EQ(d.f.seed, 7u);
  EXPECT_EQ(d.f.mode, "fast");
  EXPECT_DOUBLE_EQ(d.f.ratio, 0.25);
  EXPECT_FALSE(d.f.json);
}

TEST(OptionTableTest, VariableSetsAnOptionAndAFlagWins) {
  setenv("REFINERY_DEMO_SEED", "11", 1);
  setenv("REFINERY_DEMO_MODE", "slow", 1);
  {
    Demo d;
    d.Parse({"a.jsonl", "-o", "out"});
    EXPECT_EQ(d.f.seed, 11u);
    EXPECT_EQ(d.f.mode, "slow");
  }
  {
    Demo d;
    d.Parse({"a.jsonl", "-o", "out", "--seed", "12"});
    EXPECT_EQ(d.f.seed, 12u);
  }
  unsetenv("REFINERY_DEMO_SEED");
  unsetenv("REFINERY_DEMO_MODE");
}

TEST(OptionTableTest, RangeChoicesAndRequiredAreChecked) {
  {
    Demo d;
    EXPECT_THROW(d.Parse({"a.jsonl", "-o", "out", "--ratio", "1.5"}), CLI::ValidationError);
  }
  {
    Demo d;
    EXPECT_THROW(d.Parse({"a.jsonl", "-o", "out", "--mode", "medium"}), CLI::ValidationError);
  }
  {
    Demo d;
    EXPECT_THROW(d.Parse({"a.jsonl"}), CLI::RequiredError);
  }
  {
    setenv("REFINERY_DEMO_RATIO", "2", 1);
    Demo d;
    EXPECT_THROW(d.Parse({"a.jsonl", "-o", "out"}), CLI::ValidationError);
    unsetenv("REFINERY_DEMO_RATIO");
  }
}

TEST(OptionTableTest, PositionalCountAndExclusions) {
  struct Pair {
    std::vector<std::string> corpora;
    std::string a, b;
  };
  auto run = [](std::vector<std::string> args) {
    CLI::App app{"test", "refinery"};
    CLI::App* cmd = app.add_subcommand("pair", "");
    Pair p;
    OptionTable t;
    t.Add("corpora", p.corpora, "Two or three").Required().Values(2, 3);
    t.Add("--a", p.a, "A");
    t.Add("--b", p.b, "B");
    t.Excludes("--a", "--b");
    t.AddTo(cmd);
    args.insert(args.begin(), "pair");
    std::vector<const char*> argv = {"refinery"};
    for (const std::string& s : args) argv.push_back(s.c_str());
    app.parse(static_cast<int>(argv.size()), argv.data());
    return p.corpora.size();
  };
  EXPECT_EQ(run({"x", "y"}), 2u);
  EXPECT_EQ(run({"x", "y", "z"}), 3u);
  EXPECT_THROW(run({"x"}), CLI::ParseError);
  EXPECT_THROW(run({"x", "y", "z", "w"}), CLI::ParseError);
  EXPECT_THROW(run({"x", "y", "--a", "1", "--b", "2"}), CLI::ExcludesError);
}

}  // namespace
}  // namespace refinery::cli
