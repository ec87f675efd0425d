// `refinery order IN... -o OUT --by FIELD`: curriculum ordering by any numeric score.
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "refinery/metrics/curriculum_order.h"

namespace refinery::cli {

Verb AddOrderVerb(CLI::App& app) {
  auto o = std::make_shared<metrics::OrderOptions>();
  auto json = std::make_shared<bool>(false);
  OptionTable t;
  t.Add("input", o->inputs, "Input files, directories or globs; - for stdin").Required();
  t.Add("--output,-o", o->output,
        "Output .jsonl[.gz|.zst] or - (records, or the manifest with --manifest)")
      .Required();
  t.Add("--by", o->by, "Numeric field to sort by, e.g. refinery.scores.quality").Required();
  t.Add("--descending", o->descending, "Highest score first (default: lowest first)");
  t.Add("--manifest", o->manifest,
        "Write {rank, id, score, file, line} lines instead of the records");
  t.Add("--missing", o->missing, "Records without the field").Choices({"last", "first", "drop"});
  AddRecordFieldRows(t, o->text_field, &o->id_field);
  t.Add("--json", *json, "Print the summary as JSON on stdout");
  CLI::App* cmd = AddCommand(app, "order", t);
  return Verb{cmd, [o, json]() {
                auto summary = metrics::OrderRecords(*o);
                if (!summary.ok()) return Fail(std::string(summary.status().message()));
                if (*json) {
                  std::cout << summary->dump(2) << std::endl;
                } else {
                  std::fprintf(
                      stderr, "refinery order: %lld records written to %s (%lld without %s)\n",
                      static_cast<long long>((*summary)["written"].get<int64_t>()),
                      o->output.c_str(),
                      static_cast<long long>((*summary)["missing"].get<int64_t>()), o->by.c_str());
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
