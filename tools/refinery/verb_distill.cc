// `refinery distill`: expert refinements ({"id", "raw", "refined"}) -> minimal deletion
// programs ({"id", "program"}), with a report of untouched / emptied / rejected shares.
#include <cstdio>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cli_common.h"
#include "refinery/edit/distill.h"
#include "refinery/edit/jsonl_input.h"
#include "refinery/io/compression.h"

namespace refinery::cli {

Verb AddDistillVerb(CLI::App& app) {
  struct Flags {
    std::string input, output, id_field = "id", raw_field = "raw", refined_field = "refined";
    std::string raw_file, refined_file, text_field = "text";
    edit::DistillOptions options;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "distill", "Distil expert end-to-end refinements into minimal deletion programs");
  cmd->add_option("pairs", f->input, "JSONL of {\"id\", \"raw\", \"refined\"}");
  cmd->add_option("--raw", f->raw_file,
                  "Instead of pairs: raw records (JSONL with id and text) ...");
  cmd->add_option("--refined", f->refined_file,
                  "... and their refinements (JSONL with id and text, e.g. `refinery rewrite` "
                  "output), joined by id");
  cmd->add_option("--text-field", f->text_field, "Text field of --raw/--refined (default text)");
  cmd->add_option("--output,-o", f->output, "Programs: JSONL of {\"id\", \"program\"}")->required();
  cmd->add_option("--id-field", f->id_field, "Id field (default id)");
  cmd->add_option("--raw-field", f->raw_field, "Raw text field (default raw)");
  cmd->add_option("--refined-field", f->refined_field, "Refined text field (default refined)");
  cmd->add_option("--max-inserted-ratio", f->options.max_inserted_ratio,
                  "Reject pairs where the expert inserted more than this share of the refined "
                  "text (default 0.05)");
  cmd->add_option("--max-distance", f->options.max_distance,
                  "Reject approximate programs whose result differs from the expert's by more "
                  "than this share (default 0.05)");
  cmd->add_flag("--json", f->json, "Print the report as JSON on stdout");
  cmd->footer(
      "Examples:\n"
      "  refinery distill pairs.jsonl -o programs.jsonl\n"
      "  refinery distill pairs.jsonl.zst -o programs.jsonl --json\n"
      "  refinery distill --raw raw.jsonl --refined rewritten.jsonl -o programs.jsonl\n"
      "Outcomes: untouched (refined == raw: keep_doc()), emptied (refined is blank: drop_doc()),\n"
      "exact (the program reproduces refined), approximate (the expert also inserted a little;\n"
      "the result is within --max-distance), rejected (with a reason). Rejected pairs get no\n"
      "program. See docs/edit-programs.md.");
  return Verb{
      cmd, [f]() {
        auto sink = OpenByteSink(
            f->output, f->output == "-" ? Compression::kNone : CompressionFromPath(f->output));
        if (!sink.ok()) return Fail(std::string(sink.status().message()));
        std::map<std::string, uint64_t> outcomes, reasons;
        uint64_t pairs = 0, raw_chars = 0, deleted_chars = 0, inserted_chars = 0;
        uint64_t missing_refined = 0;
        auto distill = [&](const std::string& id, const std::string& raw,
                           const std::string& refined) -> Status {
          edit::DistillResult r = edit::DistillProgram(raw, refined, f->options);
          ++pairs;
          outcomes[edit::DistillOutcomeName(r.outcome)]++;
          raw_chars += r.raw_chars;
          deleted_chars += r.deleted_chars;
          inserted_chars += r.inserted_chars;
          if (r.outcome == edit::DistillOutcome::kRejected) {
            reasons[r.reject_reason]++;
            return absl::OkStatus();
          }
          Json out = Json::object();
          out["id"] = id;
          out["program"] = r.program;
          return (*sink)->Write(out.dump() + "\n");
        };
        Status status;
        if (!f->input.empty()) {
          if (!f->raw_file.empty() || !f->refined_file.empty()) {
            return Fail("give PAIRS or --raw with --refined, not both");
          }
          status =
              edit::ForEachJsonLine(f->input, [&](const Json& object, uint64_t line) -> Status {
                ASSIGN_OR_RETURN(std::string id, edit::IdOf(object, f->id_field, f->input, line));
                ASSIGN_OR_RETURN(std::string raw,
                                 edit::StringField(object, f->raw_field, f->input, line));
                ASSIGN_OR_RETURN(std::string refined,
                                 edit::StringField(object, f->refined_field, f->input, line));
                return distill(id, raw, refined);
              });
        } else {
          if (f->raw_file.empty() || f->refined_file.empty()) {
            return Fail("give PAIRS, or --raw with --refined");
          }
          auto refined = edit::LoadProgramTable(f->refined_file, f->id_field, f->text_field);
          if (!refined.ok()) return Fail(std::string(refined.status().message()));
          status =
              edit::ForEachJsonLine(f->raw_file, [&](const Json& object, uint64_t line) -> Status {
                ASSIGN_OR_RETURN(std::string id,
                                 edit::IdOf(object, f->id_field, f->raw_file, line));
                ASSIGN_OR_RETURN(std::string raw,
                                 edit::StringField(object, f->text_field, f->raw_file, line));
                auto it = refined->find(id);
                if (it == refined->end()) {
                  ++missing_refined;
                  return absl::OkStatus();
                }
                return distill(id, raw, it->second);
              });
        }
        if (!status.ok()) return Fail(std::string(status.message()));
        Status finished = (*sink)->Finish();
        if (!finished.ok()) return Fail(std::string(finished.message()));
        auto share = [&](uint64_t n) {
          return pairs ? static_cast<double>(n) / static_cast<double>(pairs) : 0.0;
        };
        Json report = Json::object();
        report["pairs"] = pairs;
        Json shares = Json::object();
        for (const char* k : {"untouched", "emptied", "exact", "approximate", "rejected"}) {
          report["counts"][k] = outcomes[k];
          shares[k] = share(outcomes[k]);
        }
        report["shares"] = shares;
        report["reject_reasons"] = Json::object();
        for (const auto& [k, v] : reasons) report["reject_reasons"][k] = v;
        report["deleted_char_ratio"] =
            raw_chars ? static_cast<double>(deleted_chars) / static_cast<double>(raw_chars) : 0.0;
        report["inserted_chars"] = inserted_chars;
        if (!f->raw_file.empty()) report["raw_without_refined"] = missing_refined;
        if (f->json) {
          std::printf("%s\n", report.dump(2).c_str());
        } else {
          std::string line = fmt::format(
              "distill: {} pairs: {:.1f}% untouched, {:.1f}% emptied, {:.1f}% exact, "
              "{:.1f}% approximate, {:.1f}% rejected",
              pairs, 100 * share(outcomes["untouched"]), 100 * share(outcomes["emptied"]),
              100 * share(outcomes["exact"]), 100 * share(outcomes["approximate"]),
              100 * share(outcomes["rejected"]));
          for (const auto& [k, v] : reasons) line += fmt::format("; {} {}", k, v);
          std::fprintf(stderr, "%s\n", line.c_str());
        }
        return kExitOk;
      }};
}

}  // namespace refinery::cli
