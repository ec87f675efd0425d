// `refinery train ner -o models/ner.bin`: trains the named-entity tagger (PERSON, LOCATION,
// ORGANIZATION) on ../shared/data/ner with the gazetteers of ../shared/data/gazetteers compiled
// into the model file, and prints held-out precision / recall / F1 per source (genre).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/core/build_info.h"
#include "refinery/core/utf8.h"
#include "refinery/detect/ner_trainer.h"

namespace refinery::cli {

namespace {

Json PrfJson(const ner::Prf& p) {
  return Json{{"precision", p.Precision()},
              {"recall", p.Recall()},
              {"f1", p.F1()},
              {"tp", p.tp},
              {"fp", p.fp},
              {"fn", p.fn}};
}

void PrintScores(const std::string& name, const ner::NerScores& s) {
  std::cerr << fmt::format("{:<22}", name);
  for (int l : {1, 2, 3, 0}) {
    const ner::Prf& p = s.label[l];
    std::cerr << fmt::format("  {} {:.2f}/{:.2f}/{:.2f}",
                             l ? ner::NerLabelName(ner::NerLabel(l)) : "ALL", p.Precision(),
                             p.Recall(), p.F1());
  }
  std::cerr << "\n";
}

// Writes a split's held-out sentences as gold JSONL for `refinery eval pii` (code point offsets).
// Twitter-like sources: one record per post; the others: 8 consecutive sentences per record, so
// the detector sees a name again later in the same text as it would in a document.
Status WriteGold(const ner::NerSplit& split, const std::string& path) {
  const size_t per_record = (split.source == "btc" || split.source == "wnut17") ? 1 : 8;
  std::ofstream out(path, std::ios::trunc);
  if (!out) return absl::InternalError(path + ": cannot write");
  static const char* kTypes[] = {"", "PERSON", "LOCATION", "ORGANIZATION"};
  std::vector<ner::NerEntity> gold;
  for (size_t b = 0; b < split.test.size(); b += per_record) {
    std::string text;
    Json spans = Json::array();
    for (size_t i = b; i < std::min(split.test.size(), b + per_record); ++i) {
      if (!text.empty()) text += '\n';
      const size_t base = CodePointCount(text);
      const std::string sentence = ner::SentenceText(split.test[i], &gold);
      for (const ner::NerEntity& e : gold) {
        const size_t s = base + CodePointCount(std::string_view(sentence).substr(0, e.start));
        const size_t len =
            CodePointCount(std::string_view(sentence).substr(e.start, e.end - e.start));
        spans.push_back(Json{{"start", s}, {"end", s + len}, {"type", kTypes[e.label]}});
      }
      text += sentence;
    }
    out << Json{{"id", split.source + ":" + std::to_string(b)}, {"text", text}, {"spans", spans}}
               .dump()
        << "\n";
  }
  if (!out) return absl::InternalError(path + ": write failed");
  return absl::OkStatus();
}

}  // namespace

Verb AddTrainNerVerb(CLI::App& app) {
  struct Flags {
    std::string data;
    std::string output;
    ner::NerTrainOptions options;
    bool json = false;
    std::string gold_out;
    bool dev = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--data", f->data, "Shared data directory with ner/ and gazetteers/")
      .DefaultNote("<source>/../shared/data");
  t.Add("--output,-o", f->output, "Model file to write, e.g. models/ner.bin").Required();
  t.Add("--epochs", f->options.epochs, "Perceptron passes over the training data");
  t.Add("--hash-bits", f->options.hash_bits, "log2 of the number of weight rows");
  t.Add("--seed", f->options.seed, "Shuffle seed");
  t.Add("--json", f->json, "Print the held-out figures as JSON on stdout");
  t.Add("--gold-out", f->gold_out,
        "Also write each held-out split as gold JSONL (DIR/<source>.jsonl) for "
        "`refinery eval pii`");
  t.Add("--dev", f->dev,
        "Development mode: leave the hold-outs out entirely and report on (and --gold-out) a "
        "development part of the training data instead, for choosing decoding rules");
  CLI::App* cmd = AddCommand(app, "ner", t);
  return Verb{cmd, [f]() {
                if (Status s = PrepareOutputFile("--output", f->output); !s.ok()) {
                  return Fail(std::string(s.message()));
                }
                const auto t0 = std::chrono::steady_clock::now();
                const std::string dir =
                    f->data.empty() ? refinery::BuildSourceDir() + "/../shared/data" : f->data;
                auto gaz = ner::NerGazetteer::Build(dir + "/gazetteers", dir + "/toxicity");
                if (!gaz.ok()) return Fail(std::string(gaz.status().message()));
                auto splits = ner::LoadNerSplits(dir + "/ner", f->dev);
                if (!splits.ok()) return Fail(std::string(splits.status().message()));
                auto model =
                    ner::TrainNer(*splits, std::move(*gaz), f->options,
                                  [](const std::string& line) { std::cerr << line << "\n"; });
                if (!model.ok()) return Fail(std::string(model.status().message()));
                if (Status s = (*model)->Save(f->output); !s.ok())
                  return Fail(std::string(s.message()));
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                if (!f->gold_out.empty()) {
                  std::filesystem::create_directories(f->gold_out);
                  for (const ner::NerSplit& split : *splits) {
                    Status st = WriteGold(split, f->gold_out + "/" + split.source + ".jsonl");
                    if (!st.ok()) return Fail(std::string(st.message()));
                  }
                }
                Json report = Json::object();
                ner::NerScores upper_all, lower_all;
                for (const ner::NerSplit& split : *splits) {
                  const ner::NerScores s = ner::EvaluateTagger(**model, split.test);
                  const ner::NerScores su = ner::EvaluateTagger(**model, split.test, 'U');
                  const ner::NerScores sl = ner::EvaluateTagger(**model, split.test, 'L');
                  for (int l = 0; l < 4; ++l) upper_all.label[l].Add(su.label[l]);
                  for (int l = 0; l < 4; ++l) lower_all.label[l].Add(sl.label[l]);
                  Json j = Json::object();
                  j["genre"] = split.genre;
                  j["sentences"] = split.test.size();
                  for (int l : {1, 2, 3, 0})
                    j[l ? ner::NerLabelName(ner::NerLabel(l)) : "ALL"] = PrfJson(s.label[l]);
                  report[split.source] = j;
                  if (!f->json)
                    PrintScores(split.source + " (" + std::to_string(split.test.size()) + ")", s);
                }
                if (!f->json) {
                  PrintScores("all, ALL CAPS", upper_all);
                  PrintScores("all, lower case", lower_all);
                  std::cerr << fmt::format("trained in {:.1f}s -> {}\n", seconds, f->output);
                } else {
                  report["all_caps"] = PrfJson(upper_all.label[0]);
                  report["lower_case"] = PrfJson(lower_all.label[0]);
                  std::cout << report.dump(2) << "\n";
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
