// `refinery eval pii --gold G [--pred P]`: span-level precision / recall / F1 / F2 per type,
// micro and macro, and type-agnostic "any PII", strict or overlap (IoU >= 0.5) matching.
// Without --pred the built-in detector runs on the gold texts.
#include <iostream>
#include <unordered_map>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/metrics/pii_eval.h"

namespace refinery::cli {

Verb AddEvalPiiVerb(CLI::App& app) {
  struct Flags {
    std::string gold, pred, match = "strict", types;
    double min_score = 0.5;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--gold", f->gold, "Gold JSONL: {\"id\",\"text\",\"spans\":[{start,end,type}]}").Required();
  t.Add("--pred", f->pred,
        "Predictions JSONL (same shape, or the output of `refinery detect` with refinery.pii)")
      .DefaultNote("run the built-in detector");
  t.Add("--match", f->match, "strict, or overlap (IoU >= 0.5)").Choices({"strict", "overlap"});
  t.Add("--types", f->types, "Detector types when running it").DefaultNote("all");
  t.Add("--min-score", f->min_score, "Detector threshold when running it");
  t.Add("--json", f->json, "Print the result as JSON");
  CLI::App* cmd = AddCommand(app, "pii", t);
  return Verb{cmd, [f]() {
                auto match = ParseSpanMatch(f->match);
                if (!match.ok()) return Fail("--match: " + std::string(match.status().message()));
                auto gold = ReadPiiDocs(f->gold);
                if (!gold.ok()) return Fail(std::string(gold.status().message()));
                PiiEvaluator ev(*match);
                if (!f->pred.empty()) {
                  auto pred = ReadPiiDocs(f->pred, /*predictions=*/true);
                  if (!pred.ok()) return Fail(std::string(pred.status().message()));
                  std::unordered_map<std::string, const PiiDoc*> by_id;
                  for (const PiiDoc& d : *pred) by_id[d.id] = &d;
                  for (const PiiDoc& g : *gold) {
                    auto it = by_id.find(g.id);
                    static const std::vector<PiiGoldSpan> kNone;
                    ev.Add(g.spans, it == by_id.end() ? kNone : it->second->spans);
                  }
                } else {
                  PiiDetectorOptions o;
                  o.min_score = f->min_score;
                  if (!f->types.empty()) {
                    size_t pos = 0;
                    while (pos <= f->types.size()) {
                      size_t c = f->types.find(',', pos);
                      if (c == std::string::npos) c = f->types.size();
                      if (c > pos) o.types.push_back(f->types.substr(pos, c - pos));
                      pos = c + 1;
                    }
                  }
                  auto det = PiiDetector::Create(o);
                  if (!det.ok()) return Fail(std::string(det.status().message()));
                  auto scratch = (*det)->NewScratch();
                  for (const PiiDoc& g : *gold) {
                    std::vector<PiiGoldSpan> pred;
                    for (const PiiSpan& s : (*det)->Detect(g.text, *scratch))
                      pred.push_back(PiiGoldSpan{s.start, s.end, s.type});
                    ev.Add(g.spans, pred);
                  }
                }
                Json j = ev.result().ToJson();
                if (f->json) {
                  std::cout << j.dump(2) << "\n";
                  return kExitOk;
                }
                std::cout << fmt::format("{:<20} {:>9} {:>9} {:>9} {:>9} {:>8}\n", "type",
                                         "precision", "recall", "f1", "f2", "support");
                auto row = [](const std::string& name, const Json& r) {
                  std::cout << fmt::format("{:<20} {:>9.4f} {:>9.4f} {:>9.4f} {:>9.4f} {:>8}\n",
                                           name, r["precision"].get<double>(),
                                           r["recall"].get<double>(), r["f1"].get<double>(),
                                           r["f2"].get<double>(),
                                           r.contains("support") ? r["support"].dump() : "");
                };
                for (auto it = j["per_type"].begin(); it != j["per_type"].end(); ++it)
                  row(it.key(), it.value());
                row("micro", j["micro"]);
                row("macro", j["macro"]);
                row("any_pii", j["any_pii"]);
                std::cout << "match: " << f->match << ", docs: " << ev.result().docs << "\n";
                return kExitOk;
              }};
}

}  // namespace refinery::cli
