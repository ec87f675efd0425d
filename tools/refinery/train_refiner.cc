// `refinery train refiner`: trains the refine model (per-line keep/remove + in-line phrases)
// from documents and their (gold or distilled) edit programs.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/edit/jsonl_input.h"
#include "refinery/edit/refine_model.h"
#include "refinery/edit/sample_pages.h"

namespace refinery::cli {

Verb AddTrainRefinerVerb(CLI::App& app) {
  struct Flags {
    std::vector<std::string> inputs, programs;
    std::string output, text_field = "text", id_field = "id", unlabelled = "skip";
    uint64_t synthetic = 0, synthetic_seed = 1;
    edit::RefineTrainOptions options;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("--input", f->inputs, "Documents: JSONL with id and text");
  t.Add("--programs", f->programs,
        "Programs: JSONL of {\"id\", \"program\"} (gold or from `refinery distill`)");
  t.Add("--unlabelled", f->unlabelled,
        "Documents without a program: skip, or keep (train them as all-keep)")
      .Choices({"skip", "keep"});
  t.Add("--synthetic", f->synthetic,
        "Also train on N generated web pages with gold boilerplate programs");
  t.Add("--seed", f->synthetic_seed, "Seed of the generated pages");
  t.Add("--output,-o", f->output, "Model file to write").Required();
  t.Add("--text-field", f->text_field, "Text field");
  t.Add("--id-field", f->id_field, "Id field");
  t.Add("--bits", f->options.bits, "log2 of the number of weights");
  t.Add("--epochs", f->options.epochs, "SGD epochs");
  t.Add("--threshold", f->options.threshold, "Remove a line at p >= this");
  t.Add("--min-phrase-count", f->options.min_phrase_count,
        "In-line removals seen this often become phrases");
  t.Add("--json", f->json, "Print the training report as JSON on stdout");
  CLI::App* cmd = AddCommand(app, "refiner", t);
  return Verb{
      cmd, [f]() {
        if (f->inputs.empty() != f->programs.empty()) {
          return Fail("--input and --programs go together");
        }
        if (Status s = PrepareOutputFile("--output", f->output); !s.ok()) {
          return Fail(std::string(s.message()));
        }
        if (f->inputs.empty() && f->synthetic == 0) {
          return Fail("no training data: give --input with --programs, or --synthetic N");
        }
        std::vector<edit::RefineExample> examples;
        for (edit::SamplePage& p : edit::GenerateSamplePages(f->synthetic_seed, f->synthetic)) {
          examples.push_back(edit::MakeRefineExample(std::move(p.text), p.program));
        }
        edit::ProgramTable table;
        for (const std::string& path : f->programs) {
          auto t = edit::LoadProgramTable(path);
          if (!t.ok()) return Fail(std::string(t.status().message()));
          for (auto& [id, program] : *t) table.emplace(id, std::move(program));
        }
        uint64_t skipped = 0;
        for (const std::string& path : f->inputs) {
          Status s = edit::ForEachJsonLine(path, [&](const Json& o, uint64_t line) -> Status {
            ASSIGN_OR_RETURN(std::string id, edit::IdOf(o, f->id_field, path, line));
            ASSIGN_OR_RETURN(std::string text, edit::StringField(o, f->text_field, path, line));
            auto it = table.find(id);
            if (it == table.end() && f->unlabelled == "skip") {
              ++skipped;
              return absl::OkStatus();
            }
            examples.push_back(edit::MakeRefineExample(
                std::move(text), it == table.end() ? std::string() : it->second));
            return absl::OkStatus();
          });
          if (!s.ok()) return Fail(std::string(s.message()));
        }
        Json report = Json::object();
        auto model = edit::RefineModel::Train(examples, f->options, &report);
        if (!model.ok()) return Fail(std::string(model.status().message()));
        Status saved = model->Save(f->output);
        if (!saved.ok()) return Fail(std::string(saved.message()));
        report["skipped_unlabelled"] = skipped;
        report["output"] = f->output;
        if (f->json) {
          std::printf("%s\n", report.dump(2).c_str());
        } else {
          std::fprintf(stderr,
                       "train refiner: %llu documents, %llu lines (%llu removed), %zu "
                       "phrases -> %s\n",
                       static_cast<unsigned long long>(report["documents"].get<uint64_t>()),
                       static_cast<unsigned long long>(report["lines"].get<uint64_t>()),
                       static_cast<unsigned long long>(report["removed_lines"].get<uint64_t>()),
                       model->phrases().size(), f->output.c_str());
        }
        return kExitOk;
      }};
}

}  // namespace refinery::cli
