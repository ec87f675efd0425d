// The whole `refinery` command tree: every option of every verb has an environment variable
// named after the verb (or one shared by every verb) and its help says the default, that it is
// required, or that it is a switch. Options come from tables, so this holds by construction;
// the test keeps it so when a verb is added.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cli_common.h"
#include "cli_params.h"

namespace refinery::cli {
namespace {

// The whole command tree and its leaves (commands without subcommands).
struct Tree {
  CLI::App app{"refinery", "refinery"};
  std::vector<Verb> verbs = AddVerbs(app);
  std::vector<CLI::App*> leaves;

  Tree() {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) Collect(sub);
  }
  void Collect(CLI::App* cmd) {
    auto subs = cmd->get_subcommands([](CLI::App*) { return true; });
    if (subs.empty()) leaves.push_back(cmd);
    for (CLI::App* sub : subs) Collect(sub);
  }
};

// Variables that every record-processing verb shares (cli_common.cc RunFlags).
const std::set<std::string> kShared = {"REFINERY_THREADS",       "REFINERY_TEXT_FIELD",
                                       "REFINERY_ID_FIELD",      "REFINERY_MAX_RECORD_BYTES",
                                       "REFINERY_PART_SIZE",     "REFINERY_COMPRESSION",
                                       "REFINERY_OUTPUT_FORMAT", "REFINERY_PARQUET_COMPRESSION",
                                       "REFINERY_QUIET",         "REFINERY_RESUME",
                                       "REFINERY_NUM_SHARDS",    "REFINERY_SHARD_INDEX",
                                       "REFINERY_INPUT",         "REFINERY_OUTPUT"};

TEST(VerbOptionsTest, EveryOptionOfEveryVerbHasAVariableAndADefault) {
  const Tree tree;
  ASSERT_GE(tree.leaves.size(), 25u);
  size_t options = 0;
  for (CLI::App* cmd : tree.leaves) {
    const std::string prefix = EnvPrefix(cmd);
    for (const CLI::Option* opt : cmd->get_options()) {
      if (opt == cmd->get_help_ptr() || opt == cmd->get_help_all_ptr()) continue;
      ++options;
      const std::string where = prefix + " " + opt->get_name();
      const std::string env = opt->get_envname();
      EXPECT_TRUE(env.rfind(prefix + "_", 0) == 0 || kShared.count(env)) << where << ": " << env;
      // A value option says its default: a value after '=' in --help, or a word in the help.
      const bool takes_value = opt->get_expected_max() > 0 && opt->get_type_size_max() > 0;
      const std::string& help = opt->get_description();
      const bool said = !opt->get_default_str().empty() || opt->get_required() ||
                        help.find("default") != std::string::npos ||
                        help.find("(required)") != std::string::npos;
      if (takes_value) {
        EXPECT_TRUE(said) << where << ": " << help;
      }
    }
  }
  EXPECT_GE(options, 250u);
}

TEST(VerbOptionsTest, EveryVerbHasADescriptionAndExamples) {
  const Tree tree;
  for (CLI::App* cmd : tree.leaves) {
    EXPECT_FALSE(cmd->get_description().empty()) << EnvPrefix(cmd);
    EXPECT_GT(cmd->get_footer().size(), std::string("Examples:\n").size()) << EnvPrefix(cmd);
  }
}

TEST(VerbOptionsTest, VariablesAreUniqueWithinAVerb) {
  const Tree tree;
  for (CLI::App* cmd : tree.leaves) {
    std::set<std::string> seen;
    for (const CLI::Option* opt : cmd->get_options()) {
      if (opt->get_envname().empty()) continue;
      EXPECT_TRUE(seen.insert(opt->get_envname()).second)
          << EnvPrefix(cmd) << ": " << opt->get_envname() << " twice";
    }
  }
}

// `refinery train toxicity --hate-templates` is on by default, so the flag takes a value:
// `--hate-templates false` trains on the mix without the identity-hate templates.
TEST(VerbOptionsTest, TrainToxicityHateTemplatesTakesAValue) {
  const std::vector<std::pair<std::string, bool>> cases = {{"--hate-templates false", false},
                                                           {"--hate-templates=false", false},
                                                           {"--hate-templates true", true},
                                                           {"--hate-templates", true}};
  for (const auto& [flag, want] : cases) {
    Tree tree;
    // Parsing only: the verb runs when main() finds it parsed.
    ASSERT_NO_THROW(tree.app.parse("train toxicity -o /nonexistent/t.bin " + flag, false)) << flag;
    const CLI::Option* opt = tree.app.get_subcommand("train")
                                 ->get_subcommand("toxicity")
                                 ->get_option("--hate-templates");
    EXPECT_EQ(opt->as<bool>(), want) << flag;
  }
}

}  // namespace
}  // namespace refinery::cli
