// `refinery train toxicity -o models/toxicity.bin`: trains the built-in toxicity classifier on
// the shared toxicity sources (see toxicity_trainer.h), compiles the lexicon (Surge + LDNOOBW) and
// the fluency LM used by `refinery eval detox`, and reports held-out AUC / accuracy / F1.
#include <filesystem>
#include <fstream>
#include <iostream>
#include "refinery/core/build_info.h"

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/io/files.h"
#include "refinery/score/fluency_lm.h"
#include "refinery/score/toxicity_trainer.h"

namespace refinery::cli {

namespace {

std::string DefaultDataDir() {
  if (std::filesystem::exists("../shared/data/toxicity")) return "../shared/data/toxicity";
  return refinery::BuildSourceDir() + "/../shared/data/toxicity";
}

std::string BasePath(const std::string& model) {
  std::string base = model;
  if (base.size() > 4 && base.substr(base.size() - 4) == ".bin") base.resize(base.size() - 4);
  return base;
}

}  // namespace

Verb AddTrainToxicityVerb(CLI::App& app) {
  struct Flags {
    std::string data;
    std::string output;
    ToxicityTrainOptions train;  // the library's defaults are the flags' defaults
    ToxicityDataOptions data_options;
    FluencyJudge::Options fluency;
    bool fluency_only = false;
    bool fluency_neutral_only = false;
    std::vector<std::string> leave_out;
    std::string functional;
    bool json = false;
    bool strict = false;
    double min_auc_paradetox = 0.97;
    double min_functional = 0.65;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--data", f->data,
        "Directory with the toxicity sources of ../shared/data/toxicity (ParaDetox, Davidson, "
        "Stormfront, Civil Comments spans, implicit hate, HateXplain, Wiki madlibs, neutral "
        "sentences, Surge and LDNOOBW word lists)")
      .DefaultNote("../shared/data/toxicity, else <source>/../shared/data/toxicity");
  t.Add("--output,-o", f->output, "Model file to write, e.g. models/toxicity.bin").Required();
  t.Add("--epochs", f->train.epochs, "Passes over the training data");
  t.Add("--learning-rate", f->train.learning_rate, "AdaGrad learning rate");
  t.Add("--hash-bits", f->train.model.hash_bits, "log2 of the number of weight buckets");
  t.Add("--seed", f->train.seed, "Shuffle seed");
  t.Add("--max-label-flip", f->train.max_label_flip,
        "Upper bound of the per-source label-flip rates learned for the overall head (0: plain "
        "logistic loss)");
  t.Add("--madlibs-sample", f->data_options.madlibs_sample, "Templated identity sentences kept");
  // On by default, so a switch would have no use: it takes a value, `--hate-templates false`
  // trains on the mix of the models before version 3.
  t.Add("--hate-templates", f->data_options.hate_templates,
        "Also train on the identity-hate template sentences (toxicity_templates.cc); "
        "`--hate-templates false` leaves them out")
      .Values(0, 1)
      .DefaultNote("true");
  t.Add("--sexual-templates", f->data_options.sexual_templates,
        "Also train on the sexually explicit template sentences and their controls "
        "(toxicity_templates.cc); `--sexual-templates false` leaves them out")
      .Values(0, 1)
      .DefaultNote("true");
  t.Add("--fluency-order", f->fluency.lm.order, "Fluency LM: n-gram order (1-4)");
  t.Add("--fluency-words", f->fluency.lm.max_words,
        "Fluency LM: words kept (the most frequent), the rest are one <unk> token");
  t.Add("--fluency-neutral-only", f->fluency_neutral_only,
        "Fluency LM: count only neutral text, not the toxic side of the ParaDetox training split");
  t.Add("--fluency-window", f->fluency.window, "Fluency judge: tokens per scoring window");
  t.Add("--fluency-only", f->fluency_only,
        "Write only MODEL.fluency.bin (the fluency judge of `eval detox`), skip the classifier");
  t.Add("--fluency-reject-rate", f->fluency.reject_rate,
        "Fluency judge: share of the held-apart fluent calibration sentences it may reject");
  t.Add("--leave-out", f->leave_out,
        "Sources kept out of training and calibration and evaluated on all their rows "
        "(paradetox, davidson, stormfront, civil_comments, implicit_hate, hatexplain, madlibs, "
        "neutral, threat_templates, hate_templates, sexual_templates, social_neutral)")
      .SplitCommas();
  t.Add("--functional", f->functional,
        "Hand-written functional checks (label<TAB>functionality<TAB>text)")
      .DefaultNote("tests/unit/score/toxicity_functional.tsv of the source tree");
  t.Add("--json", f->json, "Print the held-out figures as JSON");
  t.Add("--strict", f->strict,
        "Exit 1 when the ParaDetox AUC or the functional accuracy is below its goal");
  t.Add("--min-auc-paradetox", f->min_auc_paradetox, "Goal for --strict");
  t.Add("--min-functional", f->min_functional, "Goal for --strict");
  CLI::App* cmd = AddCommand(app, "toxicity", t);
  return Verb{
      cmd, [f]() {
        if (Status s = PrepareOutputFile("--output", f->output); !s.ok()) {
          return Fail(std::string(s.message()));
        }
        std::string dir = f->data.empty() ? DefaultDataDir() : f->data;
        ToxicityDataOptions dopt = f->data_options;
        for (const std::string& name : f->leave_out) {
          int src = ToxicitySourceFromName(name);
          if (src < 0) return Fail("--leave-out: unknown source '" + name + "'");
          dopt.leave_out.push_back(src);
        }
        auto data = ReadToxicityDataset(dir, dopt);
        if (!data.ok()) return Fail(std::string(data.status().message()));
        std::string base = BasePath(f->output);
        auto fluency = FluencyJudge::Train(
            data->fluency_train, data->fluency_calibration, f->fluency,
            f->fluency_neutral_only ? std::vector<std::string>{} : data->fluency_train_toxic);
        if (Status s = fluency->Save(base + ".fluency.bin"); !s.ok()) {
          return Fail(std::string(s.message()));
        }
        std::cerr << fmt::format(
            "fluency LM: {} training sentences, {} words, {} n-grams; threshold {:.3f} "
            "(calibrated on {} sentences)\n",
            data->fluency_train.size(), fluency->lm().vocabulary_size(),
            fluency->lm().ngram_count(), fluency->threshold(), data->fluency_calibration.size());
        if (f->fluency_only) return kExitOk;
        auto entries =
            ToxicLexicon::ReadSources(dir + "/surge_profanity_en.csv", dir + "/ldnoobw_en.txt");
        if (!entries.ok()) return Fail(std::string(entries.status().message()));
        auto lexicon = ToxicLexicon::Build(std::move(*entries));
        if (!lexicon.ok()) return Fail(std::string(lexicon.status().message()));
        const ToxicityTrainOptions& opt = f->train;
        auto result = TrainToxicity(*data, opt, *lexicon);
        if (!result.ok()) return Fail(std::string(result.status().message()));
        if (Status s = result->scorer->Save(f->output); !s.ok()) {
          return Fail(std::string(s.message()));
        }
        Json report = result->ToJson();
        std::string functional =
            f->functional.empty()
                ? refinery::BuildSourceDir() + "/tests/unit/score/toxicity_functional.tsv"
                : f->functional;
        double functional_accuracy = -1;
        if (std::filesystem::exists(functional)) {
          auto fj = EvaluateFunctional(*result->scorer, functional);
          if (!fj.ok()) return Fail(std::string(fj.status().message()));
          functional_accuracy = (*fj)["accuracy"].get<double>();
          report["functional"] = *fj;
        }
        report["lexicon_entries"] = (*lexicon)->entries().size();
        report["options"] = Json{{"epochs", opt.epochs},
                                 {"learning_rate", opt.learning_rate},
                                 {"hash_bits", opt.model.hash_bits},
                                 {"madlibs_sample", dopt.madlibs_sample},
                                 {"hate_templates", dopt.hate_templates},
                                 {"sexual_templates", dopt.sexual_templates},
                                 {"seed", opt.seed},
                                 {"max_label_flip", opt.max_label_flip}};
        Json saved = report;
        saved.erase("seconds");
        if (saved.contains("functional")) saved["functional"].erase("errors");
        if (Status s = WriteFileAtomic(base + ".metrics.json", saved.dump(2) + "\n"); !s.ok()) {
          return Fail(std::string(s.message()));
        }
        if (f->json) {
          std::cout << report.dump(2) << "\n";
        } else {
          std::cerr << fmt::format("trained on {} examples in {:.1f}s -> {}\n",
                                   result->train_examples, result->seconds, f->output);
          for (const char* part : {"held_out", "left_out"}) {
            if (!report.contains(part)) continue;
            for (const auto& [src, m] : report[part]["per_source"].items()) {
              std::cerr << fmt::format(
                  "{:<9} {:<15} n={:<6} AUC={:<7} acc={:.4f}\n", part, src, m["n"].get<size_t>(),
                  m.contains("auc") ? fmt::format("{:.4f}", m["auc"].get<double>()) : "-",
                  m["accuracy"].get<double>());
            }
          }
          if (functional_accuracy >= 0) {
            std::cerr << fmt::format("functional accuracy {:.3f}\n", functional_accuracy);
          }
        }
        if (f->strict && (result->paradetox_test.auc < f->min_auc_paradetox ||
                          (functional_accuracy >= 0 && functional_accuracy < f->min_functional))) {
          std::cerr << "refinery: check failed: held-out figures below the goals\n";
          return kExitCheckFailed;
        }
        return kExitOk;
      }};
}

}  // namespace refinery::cli
