// CLI plumbing shared by the verbs: the verb table entry type, global run options (each with
// an environment variable; a flag wins over its variable), and transform verbs, which are
// one-step pipelines with the same parameter names as the step type.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <CLI/CLI.hpp>

#include "option_table.h"
#include "refinery/pipeline/pipeline_config.h"
#include "refinery/pipeline/runner.h"

namespace refinery::cli {

// Exit codes of every verb.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // the work ran but a check failed (--strict)
inline constexpr int kExitUsage = 2;        // usage, config or I/O error
inline constexpr int kExitInterrupted =
    75;  // stopped by a signal after a clean part; --resume finishes

// A verb: its subcommand, and what to run when it was chosen.
struct Verb {
  CLI::App* command = nullptr;
  std::function<int()> run;
};
using AddVerbFn = Verb (*)(CLI::App& app);

// Adds every verb of `refinery` to `app` (verbs.cc); main runs the one that was parsed.
std::vector<Verb> AddVerbs(CLI::App& app);

// A verb that groups sub-verbs (`refinery score toxicity`, `refinery slurm submit`): requires
// one of them and runs the one that was parsed.
Verb AddGroup(CLI::App& app, const char* name, const char* description,
              const std::vector<AddVerbFn>& subverbs);

// The help text of one command (verb_help.cc): "eval pii", "PII detection quality ...",
// "  refinery eval pii --gold gold.jsonl --json\n...".
struct VerbHelp {
  const char* command;
  const char* description;
  const char* examples;
};
// The row of `command` (a blank row for an unknown command: tests check every verb has one).
const VerbHelp& HelpOf(const std::string& command);

// AddCommand with the description and examples of `name` (under a group: "group name") from
// verb_help.cc.
CLI::App* AddCommand(CLI::App& parent, const std::string& name, const OptionTable& t);

// A verb's command: `name` under `parent` with the options of `t` (flags, variables and help
// generated from its rows) and `examples` ("  refinery ...\n" lines) at the end of --help.
CLI::App* AddCommand(CLI::App& parent, const std::string& name, const std::string& description,
                     const OptionTable& t, const std::string& examples);

// Prints "refinery: error: MESSAGE" on stderr and returns kExitUsage.
int Fail(const std::string& message);

// Makes the directory a verb's output file goes into (as `-o DIR` of the record verbs does),
// before the work: a training run must not fail at its last step for want of a directory.
// An error names the option and the directory.
Status PrepareOutputFile(const std::string& option, const std::string& path);

// Options every record-processing verb takes (threads, fields, limits, progress, shards).
struct RunFlags {
  int threads = 0;
  std::string text_field;
  std::string id_field;
  std::string max_record_bytes;
  std::string part_size;
  std::string compression;
  std::string output_format;        // jsonl | parquet (parts in an output directory)
  std::string parquet_compression;  // zstd | snappy | none
  bool quiet = false;
  bool resume = false;
  bool overwrite = false;
  int num_shards = 0;
  int shard_index = -1;
  bool json = false;

  // Adds the rows (with REFINERY_* environment variables shared by every verb) to `t`.
  void AddTo(OptionTable& t, bool with_shards);
  // Applies the flags given (or set through the environment) over `config` and `options`.
  Status ApplyTo(PipelineConfig& config, RunOptions& options) const;
};

// Runs a pipeline and reports like every verb: the summary line on stderr (or the summary
// JSON on stdout with --json), exit code 0, or an error line and exit code 2.
int RunAndReport(const PipelineConfig& config, const RunOptions& options, bool json);

// A verb that transforms records: `refinery NAME IN... -o OUT [flags]` runs the pipeline
// [{step_type: params}]. The step's parameter table (StepInfo::params) gives the verb one flag
// per parameter (cli_params.h: `min_score` → --min-score, REFINERY_<VERB>_MIN_SCORE), so a
// converted step needs no add_flags.
struct TransformVerbSpec {
  std::string name;
  std::string step_type;
  std::string description;
  std::string examples;  // shown at the end of --help
  // Optional: flags beyond the table (for steps without one). Declares them on `cmd`; returns
  // the function that, after parsing, writes them as step parameters (only those given).
  std::function<std::function<void(YAML::Node& params)>(CLI::App* cmd)> add_flags;
  // Optional: runs the verb's pipeline instead of RunAndReport (e.g. rewrite's batch rounds).
  std::function<int(const PipelineConfig&, const RunOptions&, bool json)> run;
};
Verb AddTransformVerb(CLI::App& app, TransformVerbSpec spec);

}  // namespace refinery::cli
