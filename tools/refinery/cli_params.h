// CLI flags and environment variables generated from tables: a step's ParamTable becomes the
// flags of the verb that runs the step, and every option of every verb gets an environment
// variable named after the verb and the option (REFINERY_<VERB>_<OPTION>), so neither is
// written by hand. A flag on the command line wins over its variable (CLI11 reads the variable
// only when the flag is absent).
#pragma once

#include <functional>
#include <string>

#include <yaml-cpp/yaml.h>
#include <CLI/CLI.hpp>

#include "refinery/pipeline/param_table.h"

namespace refinery::cli {

// "REFINERY_SCORE_TOXICITY" for `refinery score toxicity` (the path below the root command).
std::string EnvPrefix(const CLI::App* cmd);

// "REFINERY_DETECT_MIN_SCORE" for prefix "REFINERY_DETECT" and option "--min-score".
std::string EnvName(const std::string& prefix, const std::string& option_name);

// The help text of a flag: `spec.help`, then the range or choices, "; repeatable" for lists,
// and "(default: NOTE)" or "(default: none)" where --help would show no value (none for a
// required option: CLI11 marks it REQUIRED).
std::string FlagHelp(const ParamSpec& spec, const std::string& default_note = "");

// Declares one flag per parameter of `table` (except YAML-only ones) on `cmd`, with the
// default and the range or choices in its help and the environment variable
// `spec.env` or EnvName(EnvPrefix(cmd), name). Returns the function that, after parsing, writes
// the parameters given (on the command line or through the environment) into a step's params.
std::function<void(YAML::Node& params)> AddParamFlags(CLI::App* cmd, const ParamTable& table);

// Gives every option of `app` and its subcommands that has no environment variable yet the
// variable EnvName(EnvPrefix(command), option). --help and --version are left alone.
void AssignEnvironmentVariables(CLI::App& app);

}  // namespace refinery::cli
