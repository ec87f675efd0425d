// `refinery distill`: expert refinements ({"id", "raw", "refined"}) -> minimal deletion
// programs ({"id", "program"}), with a report of untouched / emptied / rejected shares.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/edit/distill_corpus.h"

namespace refinery::cli {

Verb AddDistillVerb(CLI::App& app) {
  struct Flags {
    edit::DistillCorpusOptions options;  // the library's defaults are the flags' defaults
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  edit::DistillCorpusOptions& o = f->options;
  OptionTable t;
  t.Add("pairs", o.pairs, "JSONL of {\"id\", \"raw\", \"refined\"}");
  t.Add("--raw", o.raw_file, "Instead of pairs: raw records (JSONL with id and text) ...");
  t.Add("--refined", o.refined_file,
        "... and their refinements (JSONL with id and text, e.g. `refinery rewrite` output), "
        "joined by id");
  t.Add("--text-field", o.text_field, "Text field of --raw/--refined");
  t.Add("--output,-o", o.output, "Programs: JSONL of {\"id\", \"program\"}").Required();
  t.Add("--id-field", o.id_field, "Id field");
  t.Add("--raw-field", o.raw_field, "Raw text field");
  t.Add("--refined-field", o.refined_field, "Refined text field");
  t.Add("--max-inserted-ratio", o.distill.max_inserted_ratio,
        "Reject pairs where the expert inserted more than this share of the refined text");
  t.Add("--max-distance", o.distill.max_distance,
        "Reject approximate programs whose result differs from the expert's by more than this "
        "share");
  t.Add("--json", f->json, "Print the report as JSON on stdout");
  CLI::App* cmd = AddCommand(app, "distill", t);
  return Verb{cmd, [f]() {
                StatusOr<Json> distilled = edit::DistillCorpus(f->options);
                if (!distilled.ok()) return Fail(std::string(distilled.status().message()));
                const Json& report = *distilled;
                if (f->json) {
                  std::printf("%s\n", report.dump(2).c_str());
                } else {
                  const Json& shares = report["shares"];
                  std::string line = fmt::format(
                      "distill: {} pairs: {:.1f}% untouched, {:.1f}% emptied, {:.1f}% exact, "
                      "{:.1f}% approximate, {:.1f}% rejected",
                      report["pairs"].get<uint64_t>(), 100 * shares["untouched"].get<double>(),
                      100 * shares["emptied"].get<double>(), 100 * shares["exact"].get<double>(),
                      100 * shares["approximate"].get<double>(),
                      100 * shares["rejected"].get<double>());
                  for (const auto& [k, v] : report["reject_reasons"].items())
                    line += fmt::format("; {} {}", k, v.get<uint64_t>());
                  std::fprintf(stderr, "%s\n", line.c_str());
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
