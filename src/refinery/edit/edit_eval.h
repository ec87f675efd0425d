// `refinery eval edit`: compares predicted edit programs with reference (gold) programs on the
// same documents.
//
// - Line level: a line counts as removed by a program when remove_lines / remove_lines(all) /
//   drop_doc covers it; precision, recall and F1 of predicted removals against gold removals.
// - Exact-document agreement: share of documents whose executed outputs are identical (both
//   dropped, or the same text), under the given document policy.
// - Kept-word ratio: words kept / words in, over the corpus, for predictions and for gold.
// - Token economics (--tokens): estimated output tokens of program mode (the program text)
//   against the tokens an end-to-end rewrite would have to generate (the refined text).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/edit/executor.h"

namespace refinery::edit {

struct EditEvalDoc {
  std::string id;
  std::string text;
  std::string gold_program;
  std::string pred_program;
};

struct EditEvalOptions {
  EditPolicy policy;
  bool tokens = false;
};

Json EvaluateEdits(const std::vector<EditEvalDoc>& docs, const EditEvalOptions& options);

// A rough count of BPE tokens (GPT-style vocabularies on English/code): each run of letters or
// digits costs ceil(length / 4) tokens, each other non-space character one token, and each
// newline one token. Good to ~20% on English prose; used for cost ratios, not billing.
uint64_t EstimateTokens(std::string_view text);

}  // namespace refinery::edit
