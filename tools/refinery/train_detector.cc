// `refinery train detector --human H --machine M -o MODEL`: human- vs machine-text classifier.
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "refinery/io/record_reader.h"
#include "refinery/metrics/ai_detector.h"

namespace refinery::cli {

namespace {

Status ReadTexts(const std::vector<std::string>& inputs, const std::string& text_field,
                 std::vector<std::string>& out) {
  RecordReaderOptions ro;
  ro.text_field = text_field;
  ASSIGN_OR_RETURN(auto reader, RecordReader::Open(inputs, ro));
  Record rec;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(rec));
    if (!more) break;
    out.emplace_back(rec.text());
  }
  return absl::OkStatus();
}

}  // namespace

Verb AddTrainDetectorVerb(CLI::App& app) {
  struct Flags {
    std::vector<std::string> human, machine;
    std::string output, text_field = "text";
    metrics::AiDetectorOptions options;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--human", f->human, "Human-written records (files, directories, globs)").Required();
  t.Add("--machine", f->machine, "Machine-written records").Required();
  t.Add("--output,-o", f->output, "Model file to write").Required();
  t.Add("--epochs", f->options.epochs, "Training epochs").Range(1, 1000);
  t.Add("--hash-bits", f->options.hash_bits, "log2 of the hashed feature space").Range(8, 26);
  t.Add("--holdout", f->options.holdout, "Share held out to report accuracy and AUC").Range(0, 0.5);
  t.Add("--seed", f->options.seed, "Seed of the split and the shuffles");
  AddRecordFieldRows(t, f->text_field, nullptr);
  t.Add("--json", f->json, "Print the training figures as JSON");
  CLI::App* cmd = AddCommand(app, "detector", t);
  return Verb{cmd, [f]() {
                std::vector<std::string> human, machine;
                Status s = PrepareOutputFile("--output", f->output);
                if (s.ok()) s = ReadTexts(f->human, f->text_field, human);
                if (s.ok()) s = ReadTexts(f->machine, f->text_field, machine);
                if (!s.ok()) return Fail(std::string(s.message()));
                auto trained = metrics::TrainAiDetector(human, machine, f->options);
                if (!trained.ok()) return Fail(std::string(trained.status().message()));
                Status saved = trained->model->Save(f->output);
                if (!saved.ok()) return Fail(std::string(saved.message()));
                Json stats = trained->stats;
                stats["model"] = f->output;
                if (f->json) {
                  std::cout << stats.dump(2) << std::endl;
                } else {
                  std::fprintf(
                      stderr,
                      "refinery train detector: %s written (holdout accuracy %.3f, AUC %.3f)\n",
                      f->output.c_str(), stats.value("holdout_accuracy", 0.0),
                      stats.value("holdout_auc", 0.0));
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
