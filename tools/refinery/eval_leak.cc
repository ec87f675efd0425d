// `refinery eval leak --gold G --refined R`: which gold PII values survive in the refined text
// (normalised for case, spacing and separators), per type, and the share of non-PII words the
// refinement changed (over-editing).
#include <iostream>
#include <unordered_map>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/io/record_reader.h"
#include "refinery/metrics/pii_eval.h"

namespace refinery::cli {

Verb AddEvalLeakVerb(CLI::App& app) {
  struct Flags {
    std::string gold, refined;
    double max_leak_rate = -1;
    bool json = false;
    bool strict = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--gold", f->gold, "Gold JSONL: {\"id\",\"text\",\"spans\"} (original text)").Required();
  t.Add("--refined", f->refined,
        "Refined records (file, directory of a run, glob), matched to gold by id")
      .Required();
  t.Add("--max-leak-rate", f->max_leak_rate,
        "With --strict: exit 1 when the leak rate is above this")
      .DefaultNote("off");
  t.Add("--strict", f->strict, "Exit 1 when --max-leak-rate is exceeded");
  t.Add("--json", f->json, "Print the result as JSON");
  CLI::App* cmd = AddCommand(app, "leak", t);
  return Verb{cmd, [f]() {
                auto gold = ReadPiiDocs(f->gold);
                if (!gold.ok()) return Fail(std::string(gold.status().message()));
                auto reader = RecordReader::Open({f->refined});
                if (!reader.ok()) return Fail(std::string(reader.status().message()));
                std::unordered_map<std::string, std::string> refined;
                Record rec;
                while (true) {
                  auto more = (*reader)->Next(rec);
                  if (!more.ok()) return Fail(std::string(more.status().message()));
                  if (!*more) break;
                  refined[rec.id()] = std::string(rec.text());
                }
                LeakResult leak;
                for (const PiiDoc& g : *gold) {
                  auto it = refined.find(g.id);
                  if (it == refined.end()) {
                    ++leak.missing_docs;
                    continue;
                  }
                  AddLeakDoc(g, it->second, leak);
                }
                Json j = leak.ToJson();
                if (f->json) {
                  std::cout << j.dump(2) << "\n";
                } else {
                  std::cout << fmt::format("{:<20} {:>8} {:>8} {:>10}\n", "type", "gold", "leaked",
                                           "leak_rate");
                  for (const auto& [type, c] : leak.per_type)
                    std::cout << fmt::format("{:<20} {:>8} {:>8} {:>10.4f}\n", type, c.gold,
                                             c.leaked,
                                             c.gold ? static_cast<double>(c.leaked) / c.gold : 0.0);
                  std::cout << fmt::format(
                      "leak_rate {:.4f}, over_edit_rate {:.4f}, docs {}, "
                      "missing {}\n",
                      leak.LeakRate(), leak.OverEditRate(), leak.docs, leak.missing_docs);
                }
                if (f->strict && f->max_leak_rate >= 0 && leak.LeakRate() > f->max_leak_rate)
                  return kExitCheckFailed;
                return kExitOk;
              }};
}

}  // namespace refinery::cli
