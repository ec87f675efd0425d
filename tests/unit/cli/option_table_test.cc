// OptionTable: flags, environment variables and help text generated from one row per option.
#include "option_table.h"

#include <cstdlib>
#include <iterator>
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

// What each row of Demo generates: its type, --help default and text, and variable.
struct Expected {
  const char* option;
  ParamType type;
  const char* default_str;  // shown after '=' in --help
  const char* help;
  const char* env;
};
const Expected kExpected[] = {
    {"input", ParamType::kStringList, "", "Inputs", "REFINERY_DEMO_INPUT"},
    {"--output", ParamType::kString, "", "Output", "REFINERY_DEMO_OUTPUT"},
    {"--seed", ParamType::kInt, "7", "Seed", "REFINERY_DEMO_SEED"},
    {"--threads", ParamType::kInt, "", "Threads (default: all cores)", "REFINERY_THREADS"},
    {"--ratio", ParamType::kDouble, "0.25", "Ratio ([0, 1])", "REFINERY_DEMO_RATIO"},
    {"--mode", ParamType::kString, "fast", "Mode (one of: fast, slow)", "REFINERY_DEMO_MODE"},
    {"--empty", ParamType::kString, "", "Starts empty (default: none)", "REFINERY_DEMO_EMPTY"},
    {"--item", ParamType::kStringList, "", "Items; a,b or repeated (default: none)",
     "REFINERY_DEMO_ITEM"},
    {"--named", ParamType::kStringList, "", "NAME=A,B values; repeatable (default: none)",
     "REFINERY_DEMO_NAMED"},
    {"--json", ParamType::kBool, "", "JSON", "REFINERY_DEMO_JSON"},
};

TEST(OptionTableTest, RowsGenerateTypeDefaultHelpAndVariable) {
  Demo d;
  ASSERT_EQ(d.t.rows().size(), std::size(kExpected));
  for (size_t i = 0; i < std::size(kExpected); ++i) {
    const Expected& want = kExpected[i];
    const CLI::Option* opt = d.Opt(want.option);
    ASSERT_NE(opt, nullptr) << want.option;
    EXPECT_EQ(d.t.rows()[i].spec.type, want.type) << want.option;
    EXPECT_EQ(opt->get_default_str(), want.default_str) << want.option;
    EXPECT_EQ(opt->get_description(), want.help) << want.option;
    EXPECT_EQ(opt->get_envname(), want.env) << want.option;
  }
  EXPECT_TRUE(d.Opt("--output")->get_required());
  EXPECT_EQ(d.t.rows()[2].spec.name, "seed");
  EXPECT_TRUE(d.t.rows()[9].spec.cli_switch);
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
