// `refinery eval edit`: predicted vs reference edit programs on the same documents: line-level
// P/R/F1 of removals, exact-document agreement, kept-word ratio, and (--tokens) the output
// tokens of program mode vs an end-to-end rewrite.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/edit/edit_eval.h"
#include "refinery/edit/jsonl_input.h"
#include "refinery/edit/refine_model.h"
#include "refinery/edit/sample_pages.h"

namespace refinery::cli {

Verb AddEvalEditVerb(CLI::App& app) {
  struct Flags {
    std::string docs, gold, pred, model, text_field = "text", id_field = "id",
                                         missing_gold = "skip";
    uint64_t synthetic = 0, synthetic_seed = 1001;
    bool tokens = false, json = false, deletion_only = false;
    double min_f1 = -1;
    edit::EditPolicy policy;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--docs", f->docs, "Documents: JSONL with id and text");
  t.Add("--gold", f->gold, "Gold programs: JSONL of {\"id\", \"program\"}");
  t.Add("--pred", f->pred, "Predicted programs: JSONL of {\"id\", \"program\"}");
  t.Add("--model", f->model, "Predict with this refine model instead of --pred");
  t.Add("--synthetic", f->synthetic,
        "Evaluate on N generated web pages (instead of --docs/--gold)");
  t.Add("--seed", f->synthetic_seed, "Seed of the generated pages");
  t.Add("--missing-gold", f->missing_gold,
        "Documents without a gold program: skip, or keep (gold = keep_doc())")
      .Choices({"skip", "keep"});
  t.Add("--text-field", f->text_field, "Text field");
  t.Add("--id-field", f->id_field, "Id field");
  t.Add("--tokens", f->tokens,
        "Report output tokens of program mode vs an end-to-end rewrite (estimated)");
  t.Add("--deletion-only", f->policy.deletion_only, "Execute in deletion-only mode");
  t.Add("--min-words", f->policy.min_words, "Document policy");
  t.Add("--min-kept-word-ratio", f->policy.min_kept_word_ratio, "Document policy");
  t.Add("--max-errors", f->policy.max_errors, "Document policy");
  t.Add("--min-f1", f->min_f1, "With --strict semantics: exit 1 when line F1 is lower")
      .DefaultNote("off");
  t.Add("--json", f->json, "Print the metrics as JSON on stdout");
  CLI::App* cmd = AddCommand(app, "edit", t);
  return Verb{
      cmd, [f]() {
        if (f->pred.empty() == f->model.empty()) return Fail("give one of --pred or --model");
        if (f->synthetic == 0 && (f->docs.empty() || f->gold.empty())) {
          return Fail("give --docs and --gold, or --synthetic N");
        }
        std::vector<edit::EditEvalDoc> docs;
        for (edit::SamplePage& p : edit::GenerateSamplePages(f->synthetic_seed, f->synthetic)) {
          docs.push_back({p.id, std::move(p.text), std::move(p.program), ""});
        }
        if (!f->docs.empty()) {
          auto gold = edit::LoadProgramTable(f->gold);
          if (!gold.ok()) return Fail(std::string(gold.status().message()));
          Status s = edit::ForEachJsonLine(f->docs, [&](const Json& o, uint64_t line) -> Status {
            ASSIGN_OR_RETURN(std::string id, edit::IdOf(o, f->id_field, f->docs, line));
            ASSIGN_OR_RETURN(std::string text, edit::StringField(o, f->text_field, f->docs, line));
            auto it = gold->find(id);
            if (it == gold->end() && f->missing_gold == "skip") return absl::OkStatus();
            docs.push_back({id, std::move(text),
                            it == gold->end() ? std::string("keep_doc()\n") : it->second, ""});
            return absl::OkStatus();
          });
          if (!s.ok()) return Fail(std::string(s.message()));
        }
        if (!f->model.empty()) {
          auto model = edit::RefineModel::Load(f->model);
          if (!model.ok()) return Fail(std::string(model.status().message()));
          edit::RefineScratch scratch;
          for (auto& d : docs) d.pred_program = model->PredictProgram(d.text, scratch);
        } else {
          auto pred = edit::LoadProgramTable(f->pred);
          if (!pred.ok()) return Fail(std::string(pred.status().message()));
          for (auto& d : docs) {
            auto it = pred->find(d.id);
            if (it != pred->end()) d.pred_program = it->second;
          }
        }
        edit::EditEvalOptions options;
        options.policy = f->policy;
        options.tokens = f->tokens;
        Json metrics = edit::EvaluateEdits(docs, options);
        double f1 = metrics["lines"]["f1"].get<double>();
        if (f->json) {
          std::printf("%s\n", metrics.dump(2).c_str());
        } else {
          const Json& l = metrics["lines"];
          std::printf(
              "documents %zu  lines %llu  removal precision %.4f recall %.4f f1 %.4f\n"
              "exact-doc agreement %.4f  kept-word ratio predicted %.4f gold %.4f\n",
              docs.size(), static_cast<unsigned long long>(l["total"].get<uint64_t>()),
              l["precision"].get<double>(), l["recall"].get<double>(), f1,
              metrics["exact_doc_agreement"].get<double>(),
              metrics["kept_word_ratio"]["predicted"].get<double>(),
              metrics["kept_word_ratio"]["gold"].get<double>());
          if (f->tokens) {
            const Json& t = metrics["tokens"];
            std::printf("tokens: program output %llu vs rewrite output %llu (ratio %.4f)\n",
                        static_cast<unsigned long long>(t["program_output"].get<uint64_t>()),
                        static_cast<unsigned long long>(t["rewrite_output"].get<uint64_t>()),
                        t["program_to_rewrite_ratio"].get<double>());
          }
        }
        if (f->min_f1 >= 0 && f1 < f->min_f1) {
          std::fprintf(stderr, "refinery: eval edit: line F1 %.4f is below --min-f1 %.4f\n", f1,
                       f->min_f1);
          return kExitCheckFailed;
        }
        return kExitOk;
      }};
}

}  // namespace refinery::cli
