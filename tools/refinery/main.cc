// refinery: the command-line interface. Thin by design: each verb parses its flags and calls
// the library (src/refinery). The verb table is in verbs.cc.
#include <malloc.h>
#include "refinery/core/build_info.h"

#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_common.h"

int main(int argc, char** argv) {
  // Records are allocated by worker threads and freed when their batch is recycled; with
  // glibc's default dynamic trimming each batch then hands arena memory back to the kernel and
  // faults it in again (measured: half of a plain copy's CPU time in mprotect/page faults).
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  CLI::App app{
      "Refinery turns raw, risky text corpora into data that is safe and good to train\n"
      "language models on: PII and secret removal, LLM rewriting (GDR), edit programs,\n"
      "toxicity and quality scoring, dataset metrics and reports.\n",
      "refinery"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("refinery ") + refinery::BuildVersion());
  app.footer(
      "Examples:\n"
      "  refinery run examples/quickstart.yaml\n"
      "  refinery run pipeline.yaml --input 'data/*.jsonl.zst' --output out/run1 --threads 8\n"
      "  refinery <verb> --help\n");

  const std::vector<refinery::cli::Verb> verbs = refinery::cli::AddVerbs(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : refinery::cli::kExitUsage;
  }
  for (const auto& verb : verbs) {
    if (verb.command->parsed()) return verb.run();
  }
  return refinery::cli::kExitUsage;
}
