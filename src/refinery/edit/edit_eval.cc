#include "refinery/edit/edit_eval.h"

#include "refinery/edit/refine_model.h"

namespace refinery::edit {

namespace {

double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

}  // namespace

uint64_t EstimateTokens(std::string_view text) {
  uint64_t tokens = 0;
  size_t run = 0;
  for (unsigned char c : text) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (word) {
      ++run;
      continue;
    }
    tokens += (run + 3) / 4;
    run = 0;
    if (c == '\n' || (c != ' ' && c != '\t' && c != '\r')) ++tokens;
  }
  tokens += (run + 3) / 4;
  return tokens;
}

Json EvaluateEdits(const std::vector<EditEvalDoc>& docs, const EditEvalOptions& options) {
  uint64_t tp = 0, fp = 0, fn = 0, lines = 0, agree = 0;
  uint64_t words_in = 0, words_pred = 0, words_gold = 0;
  uint64_t pred_dropped = 0, gold_dropped = 0, pred_errors = 0, gold_errors = 0;
  uint64_t program_tokens = 0, rewrite_tokens = 0, input_tokens = 0;
  EditScratch scratch;
  for (const EditEvalDoc& doc : docs) {
    RefineExample gold = MakeRefineExample(doc.text, doc.gold_program);
    RefineExample pred = MakeRefineExample(doc.text, doc.pred_program);
    for (size_t i = 0; i < gold.removed.size(); ++i) {
      tp += gold.removed[i] & pred.removed[i];
      fp += (gold.removed[i] ^ 1) & pred.removed[i];
      fn += gold.removed[i] & (pred.removed[i] ^ 1);
    }
    lines += gold.removed.size();
    Program gp = ParseProgram(doc.gold_program);
    Program pp = ParseProgram(doc.pred_program);
    EditResult gr = ExecuteProgram(doc.text, gp, options.policy, &scratch);
    EditResult pr = ExecuteProgram(doc.text, pp, options.policy, &scratch);
    gold_errors += gr.error_count;
    pred_errors += pr.error_count;
    auto output = [&](const EditResult& r) -> std::string_view {
      return r.status == EditStatus::kChanged ? std::string_view(r.text) : doc.text;
    };
    bool gd = gr.status == EditStatus::kDropped, pd = pr.status == EditStatus::kDropped;
    gold_dropped += gd;
    pred_dropped += pd;
    if (gd == pd && (gd || output(gr) == output(pr))) ++agree;
    uint64_t w = CountWords(doc.text);
    words_in += w;
    words_gold += gd ? 0 : CountWords(output(gr));
    words_pred += pd ? 0 : CountWords(output(pr));
    if (options.tokens) {
      program_tokens += EstimateTokens(doc.pred_program);
      rewrite_tokens += pd ? 0 : EstimateTokens(output(pr));
      input_tokens += EstimateTokens(doc.text);
    }
  }
  double precision = Ratio(static_cast<double>(tp), static_cast<double>(tp + fp));
  double recall = Ratio(static_cast<double>(tp), static_cast<double>(tp + fn));
  double f1 = Ratio(2 * precision * recall, precision + recall);
  Json j = Json::object();
  j["documents"] = docs.size();
  j["lines"] =
      Json{{"total", lines},         {"gold_removed", tp + fn}, {"predicted_removed", tp + fp},
           {"true_positives", tp},   {"false_positives", fp},   {"false_negatives", fn},
           {"precision", precision}, {"recall", recall},        {"f1", f1}};
  j["exact_doc_agreement"] = Ratio(static_cast<double>(agree), static_cast<double>(docs.size()));
  j["kept_word_ratio"] =
      Json{{"predicted", Ratio(static_cast<double>(words_pred), static_cast<double>(words_in))},
           {"gold", Ratio(static_cast<double>(words_gold), static_cast<double>(words_in))}};
  j["dropped"] = Json{{"predicted", pred_dropped}, {"gold", gold_dropped}};
  j["program_errors"] = Json{{"predicted", pred_errors}, {"gold", gold_errors}};
  if (options.tokens) {
    j["tokens"] = Json{{"input", input_tokens},
                       {"program_output", program_tokens},
                       {"rewrite_output", rewrite_tokens},
                       {"program_to_rewrite_ratio", Ratio(static_cast<double>(program_tokens),
                                                          static_cast<double>(rewrite_tokens))},
                       {"estimator", "bpe_estimate_v1"}};
  }
  return j;
}

}  // namespace refinery::edit
