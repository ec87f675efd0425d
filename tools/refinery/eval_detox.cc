// `refinery eval detox PAIRS`: STA / SIM / FL / J of a detoxifier's outputs next to the
// Duplicate and Delete baselines (src/refinery/score/detox_eval.h).
#include <fstream>
#include <iostream>
#include <limits>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/io/files.h"
#include "refinery/score/detox_eval.h"
#include "refinery/score/toxicity_trainer.h"

namespace refinery::cli {

namespace {

StatusOr<std::vector<DetoxPair>> ReadPairs(const std::string& path, const std::string& src_field,
                                           const std::string& out_field, size_t limit) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(path + ": cannot open");
  std::vector<DetoxPair> pairs;
  std::string line;
  size_t lineno = 0;
  bool tsv = path.size() > 4 && path.substr(path.size() - 4) == ".tsv";
  while (std::getline(in, line) && pairs.size() < limit) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (tsv) {  // ParaDetox layout: toxic<TAB>neutral1[<TAB>...], header row first
      if (lineno == 1) continue;
      size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      size_t tab2 = line.find('\t', tab + 1);
      std::string out = line.substr(tab + 1, tab2 == std::string::npos ? tab2 : tab2 - tab - 1);
      if (out.empty()) continue;
      pairs.push_back({line.substr(0, tab), out});
      continue;
    }
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return absl::InvalidArgumentError(fmt::format("{}:{}: not a JSON object", path, lineno));
    }
    if (!j.contains(src_field) || !j[src_field].is_string()) {
      return absl::InvalidArgumentError(
          fmt::format("{}:{}: field '{}' missing or not a string", path, lineno, src_field));
    }
    if (!j.contains(out_field) || !j[out_field].is_string()) {
      return absl::InvalidArgumentError(
          fmt::format("{}:{}: field '{}' missing or not a string", path, lineno, out_field));
    }
    pairs.push_back({j[src_field].get<std::string>(), j[out_field].get<std::string>()});
  }
  return pairs;
}

}  // namespace

Verb AddEvalDetoxVerb(CLI::App& app) {
  struct Flags {
    std::string input;
    std::string heldout;
    std::string source_field = "source";
    std::string output_field = "output";
    std::string model;
    std::string fluency_model;
    double threshold = 0.5;
    double fl_threshold = std::numeric_limits<double>::quiet_NaN();
    std::string split = "test";
    std::string per_pair;
    size_t limit = SIZE_MAX;
    bool json = false;
    bool strict = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("pairs", f->input,
        "JSONL with the original and detoxified text per line, or a ParaDetox-style .tsv "
        "(toxic<TAB>neutral, header row)");
  t.Add("--paradetox-heldout", f->heldout,
        "Instead of PAIRS: the held-out ParaDetox split (never trained on) of "
        "DIR/paradetox_dev.tsv, with the first human paraphrase as the output (the human "
        "reference's figures)");
  t.Excludes("pairs", "--paradetox-heldout");
  t.Add("--paradetox-split", f->split,
        "With --paradetox-heldout: 'test' (reported figures) or 'calibration' (development)");
  t.Add("--source-field", f->source_field, "Field of the original text");
  t.Add("--output-field", f->output_field, "Field of the detoxified text");
  t.Add("--model", f->model, "Toxicity model").DefaultNote("shipped models/toxicity.bin");
  t.Add("--fluency-model", f->fluency_model, "Fluency LM").DefaultNote("MODEL with .fluency.bin");
  t.Add("--threshold", f->threshold, "STA: non-toxic below this P(toxic)");
  t.Add("--fl-threshold", f->fl_threshold,
        "FL: fluent when the judge's worst-window score is at least this")
      .DefaultNote("the threshold calibrated into the fluency model");
  t.Add("--per-pair", f->per_pair,
        "Also write one JSON line per pair (texts, toxicity, SIM, fluency scores) to this file");
  t.Add("--limit", f->limit, "Evaluate at most this many pairs").DefaultNote("all");
  t.Add("--json", f->json, "Print the figures as JSON");
  t.Add("--strict", f->strict, "Exit 1 unless the system's J beats both baselines");
  CLI::App* cmd = AddCommand(app, "detox", t);
  return Verb{cmd, [f]() {
                StatusOr<std::vector<DetoxPair>> pairs;
                if (!f->heldout.empty()) {
                  auto data = ReadToxicityDataset(f->heldout);
                  if (!data.ok()) return Fail(std::string(data.status().message()));
                  std::vector<DetoxPair> v;
                  if (f->split != "test" && f->split != "calibration") {
                    return Fail("--paradetox-split: expected 'test' or 'calibration', got '" +
                                f->split + "'");
                  }
                  const auto& split = f->split == "test" ? data->paradetox_test_pairs
                                                         : data->paradetox_calibration_pairs;
                  for (const auto& [src, out] : split) {
                    if (v.size() >= f->limit) break;
                    v.push_back({src, out});
                  }
                  pairs = std::move(v);
                } else if (!f->input.empty()) {
                  pairs = ReadPairs(f->input, f->source_field, f->output_field, f->limit);
                } else {
                  return Fail("eval detox: give PAIRS or --paradetox-heldout DIR");
                }
                if (!pairs.ok()) return Fail(std::string(pairs.status().message()));
                auto scorer = f->model.empty() ? ToxicityScorer::LoadDefault()
                                               : ToxicityScorer::Load(f->model);
                if (!scorer.ok()) return Fail(std::string(scorer.status().message()));
                std::string model_path =
                    f->model.empty() ? ToxicityScorer::DefaultModelPath() : f->model;
                std::string lm_path =
                    f->fluency_model.empty() ? FluencyModelPathFor(model_path) : f->fluency_model;
                auto fluency = FluencyJudge::Load(lm_path);
                if (!fluency.ok()) return Fail(std::string(fluency.status().message()));
                DetoxEvalOptions opt;
                opt.toxic_threshold = f->threshold;
                opt.fl_threshold = f->fl_threshold;
                std::vector<DetoxPairScores> per_pair;
                DetoxReport report = EvaluateDetox(*pairs, **scorer, **fluency, opt,
                                                   f->per_pair.empty() ? nullptr : &per_pair);
                if (!f->per_pair.empty()) {
                  std::string lines;
                  for (size_t i = 0; i < per_pair.size(); ++i) {
                    const DetoxPairScores& s = per_pair[i];
                    lines += Json{{"source", (*pairs)[i].source},
                                  {"output", (*pairs)[i].output},
                                  {"output_toxicity", s.output_toxicity},
                                  {"sim_chrf", s.sim_chrf},
                                  {"fl_score", s.fl_score},
                                  {"fl", s.fl},
                                  {"j", s.j},
                                  {"input_fl_score", s.input_fl_score},
                                  {"delete_output", s.delete_output},
                                  {"delete_fl_score", s.delete_fl_score}}
                                 .dump() +
                             "\n";
                  }
                  if (Status s = WriteFileAtomic(f->per_pair, lines); !s.ok()) {
                    return Fail(std::string(s.message()));
                  }
                }
                if (f->json) {
                  std::cout << report.ToJson().dump(2) << "\n";
                } else {
                  std::cout << fmt::format(
                      "{} pairs, input toxicity mean {:.3f}, inputs judged fluent {:.3f}\n",
                      report.system.n, report.input_toxicity_mean, report.input_fl);
                  std::cout << fmt::format("{:<10} {:>6} {:>8} {:>8} {:>6} {:>6} {:>8}\n", "",
                                           "STA", "SIM-chrF", "SIM-cos", "FL", "J", "out-tox");
                  auto row = [](const char* name, const DetoxScores& s) {
                    std::cout << fmt::format(
                        "{:<10} {:>6.3f} {:>8.3f} {:>8.3f} {:>6.3f} {:>6.3f} {:>8.3f}\n", name,
                        s.sta, s.sim_chrf, s.sim_cosine, s.fl, s.j, s.output_toxicity_mean);
                  };
                  row("system", report.system);
                  row("duplicate", report.duplicate);
                  row("delete", report.delete_baseline);
                }
                if (f->strict && (report.system.j <= report.duplicate.j ||
                                  report.system.j <= report.delete_baseline.j)) {
                  std::cerr << "refinery: check failed: J does not beat the baselines\n";
                  return kExitCheckFailed;
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
