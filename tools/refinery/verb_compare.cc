// `refinery compare RAW REFINED [SYNTHETIC] --report DIR`: the side-by-side report.
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "refinery/report/compare_report.h"

namespace refinery::cli {

Verb AddCompareVerb(CLI::App& app) {
  struct Flags {
    std::vector<std::string> corpora;
    std::string report_dir;
    bool json = false, no_toxicity = false, strict = false;
    report::CompareOptions options;  // the library's defaults are the flags' defaults
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("corpora", f->corpora, "RAW REFINED [SYNTHETIC]: files, directories or globs")
      .Required()
      .Values(2, 3);
  t.Add("--report", f->report_dir, "Directory for report.json and report.html").Required();
  report::CompareOptions& o = f->options;
  t.Add("--gold", o.gold, "PII gold JSONL ({id, text, spans}) to measure the leak rate of REFINED");
  t.Add("--pii", o.pii_source,
        "How PII is counted: auto (built-in detector), detector, spans (records' refinery.pii), "
        "none")
      .Choices({"auto", "detector", "spans", "none"});
  t.Add("--no-toxicity", f->no_toxicity,
        "Do not score toxicity with the shipped model (records' scores are still shown)");
  t.Add("--models-dir", o.models_dir, "Where the shipped models live");
  t.Add("--seed", o.metrics.seed, "Seed of every sample");
  t.Add("--samples", o.sample_records, "Changed records shown with their diff");
  t.Add("--sample-docs", o.metrics.sample_docs,
        "Documents sampled per corpus for pairwise metrics and the PCA");
  AddRecordFieldRows(t, o.text_field, &o.id_field);
  t.Add("--json", f->json, "Print report.json on stdout");
  t.Add("--strict", f->strict,
        "Exit 1 when REFINED still has PII (detector/spans) or leaks gold PII");
  CLI::App* cmd = AddCommand(app, "compare", t);
  return Verb{
      cmd, [f]() {
        report::CompareOptions o = f->options;
        o.raw = f->corpora[0];
        o.refined = f->corpora[1];
        if (f->corpora.size() > 2) o.synthetic = f->corpora[2];
        o.score_toxicity = !f->no_toxicity;
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
