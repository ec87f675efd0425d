// Runs an external command (sbatch, squeue, scontrol, sacct) without a shell and collects
// what it printed. Arguments are passed as they are, so nothing needs quoting.
#pragma once

#include <string>
#include <vector>

#include "refinery/core/status.h"

namespace refinery::scaleout {

struct CommandResult {
  int exit_code = 0;  // the command's exit status; 128+N when killed by signal N
  std::string out;    // standard output
  std::string err;    // standard error
};

// Runs argv[0] (looked up in PATH) with the given arguments and waits for it. An error only
// when it cannot be started at all (NotFound when the program does not exist).
StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv);

// A command line for messages: arguments joined by spaces, quoted when they need it.
std::string ShellQuote(const std::string& arg);
std::string FormatCommand(const std::vector<std::string>& argv);

}  // namespace refinery::scaleout
