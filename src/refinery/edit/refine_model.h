// The refine model: a small linear classifier that predicts, for each line of a document,
// keep or remove, plus a list of common in-line removals (phrases such as " Read more »" that
// gold programs delete with remove_str), learned from distilled or gold programs. Its output
// is an edit program that the interpreter executes (refinery edit --model).
//
// Features of line i (hashed into 2^bits weights): the line's lower-cased tokens, first-token
// bigrams, first/last token, shape (length, word count, punctuation / digit / capital ratios,
// separators such as '|' and '»', '©', sentence-final punctuation, blank), position (from the
// start and from the end, relative decile), and the shapes and first tokens of lines i-2..i+2.
// Training: logistic regression, SGD with a fixed seed and order, so the same data gives the
// same model bytes. The model is immutable after loading and shared across threads; feature
// buffers live in RefineScratch (one per thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/edit/program.h"

namespace refinery::edit {

// One training document: its text and what its (gold or distilled) program removes.
struct RefineExample {
  std::string text;
  std::vector<uint8_t> removed;              // per line ('\n'-split), 1 = removed
  std::vector<std::string> inline_removals;  // remove_str literals of the program
};

// Derives the example's labels from a program: remove_lines / drop_doc mark lines,
// remove_str literals are collected. Programs with parse errors still give their valid ops.
RefineExample MakeRefineExample(std::string text, std::string_view program);

struct RefineTrainOptions {
  uint32_t bits = 18;  // 2^bits weights
  uint32_t epochs = 6;
  double learning_rate = 0.2;
  double l2 = 1e-7;
  uint64_t seed = 1;
  double threshold = 0.5;
  uint32_t min_phrase_count = 3;  // in-line removals seen at least this often become phrases
  uint32_t max_phrases = 64;
};

struct RefineScratch {
  std::vector<std::pair<uint32_t, uint32_t>> lines;
  std::vector<uint32_t> features;       // flattened feature ids
  std::vector<uint32_t> offsets;        // per line: start in `features`
  std::vector<uint64_t> shape_hashes;   // per line: a few shape feature hashes
  std::vector<uint64_t> token_hashes;   // per line: first tokens
  std::vector<uint64_t> tokens;         // all token hashes, flattened
  std::vector<uint32_t> token_offsets;  // per line: start in `tokens` (+ end)
  std::vector<float> scores;
};

class RefineModel {
 public:
  static StatusOr<RefineModel> Train(const std::vector<RefineExample>& examples,
                                     const RefineTrainOptions& options, Json* report = nullptr);
  static StatusOr<RefineModel> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Per line: probability of "remove".
  void Score(std::string_view text, RefineScratch& scratch, std::vector<float>& probs) const;
  // Per line: 1 = remove.
  void PredictLines(std::string_view text, RefineScratch& scratch,
                    std::vector<uint8_t>& removed) const;
  // The program: remove_lines(a, b) for runs of removed lines, remove_str(i, phrase) for known
  // phrases on kept lines. Empty when nothing is to be removed.
  std::string PredictProgram(std::string_view text, RefineScratch& scratch) const;

  const std::vector<std::string>& phrases() const { return phrases_; }
  uint32_t bits() const { return bits_; }
  double threshold() const { return threshold_; }

 private:
  void Featurize(std::string_view text, RefineScratch& scratch) const;

  uint32_t bits_ = 18;
  float threshold_ = 0.5f;
  std::vector<float> weights_;
  std::vector<std::string> phrases_;
};

}  // namespace refinery::edit
