// `refinery merge DIR`: combine a finished sharded run's per-shard files (summary, rejects,
// audit, ...) into the files a single-process run writes; optionally concatenate the parts.
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli_common.h"
#include "refinery/scaleout/run_merge.h"

namespace refinery::cli {

Verb AddMergeVerb(CLI::App& app) {
  struct Flags {
    std::string dir;
    std::string concat;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("DIR", f->dir, "The run's output directory").Required();
  t.Add("--concat", f->concat,
        "Also concatenate all parts in shard, part order into this file ('-': stdout;\n"
        "its extension must match the parts': .jsonl, .jsonl.gz or .jsonl.zst)");
  t.Add("--json", f->json, "Print the merged summary as JSON on stdout");
  CLI::App* cmd = AddCommand(app, "merge", t);
  return Verb{cmd, [f]() {
                scaleout::MergeOptions options;
                options.concat_output = f->concat;
                if (f->json && f->concat == "-") {
                  return Fail("--json and --concat -: both write to stdout; pick one");
                }
                StatusOr<scaleout::MergeResult> result = scaleout::MergeRun(f->dir, options);
                if (!result.ok()) return Fail(std::string(result.status().message()));
                const Json& s = result->summary;
                auto count = [&](const char* group, const char* key) -> std::string {
                  if (!s.is_object() || !s.contains(group) || !s[group].contains(key)) return "-";
                  return s[group][key].dump();
                };
                fmt::print(stderr,
                           "refinery: merged {} shards: records in {} out {} dropped {} rejected "
                           "{}; wrote {}",
                           result->num_shards, count("records", "in"), count("records", "out"),
                           count("records", "dropped"), count("records", "rejected"),
                           result->files_written.empty()
                               ? std::string("nothing (single shard)")
                               : fmt::format("{}", fmt::join(result->files_written, ", ")));
                if (!f->concat.empty()) {
                  fmt::print(stderr, " ({} parts, {} bytes concatenated)",
                             result->parts_concatenated, result->bytes_concatenated);
                }
                fmt::print(stderr, "\n");
                if (f->json) fmt::print("{}\n", s.dump(2));
                return kExitOk;
              }};
}

}  // namespace refinery::cli
