// `refinery compare RAW REFINED [SYNTHETIC] --report DIR`: the side-by-side report.
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "refinery/report/compare_report.h"

namespace refinery::cli {

Verb AddCompareVerb(CLI::App& app) {
  struct Flags {
    std::vector<std::string> corpora;
    std::string report_dir, gold, pii = "auto", text_field = "text", id_field = "id", models_dir;
    bool json = false, no_toxicity = false, strict = false;
    uint64_t seed = 1;
    size_t samples = 12, sample_docs = 2000;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Side-by-side HTML + JSON report: RAW vs REFINED [vs SYNTHETIC]");
  cmd->add_option("corpora", f->corpora, "RAW REFINED [SYNTHETIC]: files, directories or globs")
      ->required()
      ->expected(2, 3);
  cmd->add_option("--report", f->report_dir, "Directory for report.json and report.html")
      ->required();
  cmd->add_option("--gold", f->gold,
                  "PII gold JSONL ({id, text, spans}) to measure the leak rate of REFINED");
  cmd->add_option("--pii", f->pii,
                  "How PII is counted: auto (built-in detector), detector, spans (records' "
                  "refinery.pii), none")
      ->check(CLI::IsMember({"auto", "detector", "spans", "none"}));
  cmd->add_flag("--no-toxicity", f->no_toxicity,
                "Do not score toxicity with the shipped model (records' scores are still shown)");
  cmd->add_option("--models-dir", f->models_dir, "Where the shipped models live");
  cmd->add_option("--seed", f->seed, "Seed of every sample (default 1)");
  cmd->add_option("--samples", f->samples, "Changed records shown with their diff (default 12)");
  cmd->add_option("--sample-docs", f->sample_docs,
                  "Documents sampled per corpus for pairwise metrics and the PCA (default 2000)");
  cmd->add_option("--text-field", f->text_field, "Field holding the text (default: text)");
  cmd->add_option("--id-field", f->id_field, "Field holding the record id (default: id)");
  cmd->add_flag("--json", f->json, "Print report.json on stdout");
  cmd->add_flag("--strict", f->strict,
                "Exit 1 when REFINED still has PII (detector/spans) or leaks gold PII");
  cmd->footer(
      "Examples:\n"
      "  refinery compare data/raw.jsonl out/run1 --report out/report\n"
      "  refinery compare raw.jsonl refined.jsonl synthetic.jsonl --report rep --gold gold.jsonl\n"
      "  refinery compare raw.jsonl.zst refined/ --report rep --pii spans --no-toxicity --json\n"
      "Records of RAW and REFINED are joined by id for the per-record Δ and the samples.\n");
  return Verb{
      cmd, [f]() {
        report::CompareOptions o;
        o.raw = f->corpora[0];
        o.refined = f->corpora[1];
        if (f->corpora.size() > 2) o.synthetic = f->corpora[2];
        o.gold = f->gold;
        o.pii_source = f->pii;
        o.score_toxicity = !f->no_toxicity;
        o.models_dir = f->models_dir;
        o.text_field = f->text_field;
        o.id_field = f->id_field;
        o.sample_records = f->samples;
        o.metrics.seed = f->seed;
        o.metrics.sample_docs = f->sample_docs;
        auto report = report::BuildComparison(o);
        if (!report.ok()) return Fail(std::string(report.status().message()));
        Status written = report::WriteReport(*report, f->report_dir);
        if (!written.ok()) return Fail(std::string(written.message()));
        const Json& r = *report;
        if (f->json) {
          std::cout << r.dump(2) << std::endl;
        } else {
          std::fprintf(stderr,
                       "refinery compare: %s/report.html written (raw %lld records, refined %lld, "
                       "%lld changed, %lld dropped, mean delta %.3f)\n",
                       f->report_dir.c_str(),
                       static_cast<long long>(r["sizes"]["raw"]["records"].get<int64_t>()),
                       static_cast<long long>(r["sizes"]["refined"]["records"].get<int64_t>()),
                       static_cast<long long>(r["delta"]["changed"].get<int64_t>()),
                       static_cast<long long>(r["delta"]["dropped"].get<int64_t>()),
                       r["delta"]["mean"].get<double>());
        }
        if (f->strict) {
          bool pii_left =
              r["pii"]["source"] != "none" && r["pii"]["refined"]["spans"].get<int64_t>() > 0;
          bool leaked = !r["leak"].is_null() && r["leak"]["leak_rate"].get<double>() > 0;
          if (pii_left || leaked) {
            std::fprintf(stderr, "refinery compare: check failed:%s%s\n",
                         pii_left ? " PII found in REFINED" : "", leaked ? " gold PII leaked" : "");
            return kExitCheckFailed;
          }
        }
        return kExitOk;
      }};
}

}  // namespace refinery::cli
