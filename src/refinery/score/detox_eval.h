// Detoxification evaluation (`refinery eval detox`), after the ParaDetox protocol:
//   STA  style accuracy: 1 when our classifier calls the output non-toxic (P(toxic) < 0.5);
//   SIM  content similarity to the input: chrF (char n-grams 1..6, β = 2, whitespace removed,
//        as sacrebleu's sentence chrF, scaled to [0, 1]) and a character trigram cosine;
//   FL   fluency proxy: 1 when the output is not less fluent than its input under a byte-level
//        4-gram language model (Witten-Bell) trained on the neutral side of ParaDetox;
//   J    mean over pairs of STA·SIM(chrF)·FL.
// Always computed next to two trivial baselines on the same inputs: Duplicate (output = input)
// and Delete (input with the lexicon's words removed).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery {

// chrF of `hypothesis` against `reference` in [0, 1] (both empty: 1).
double ChrF(std::string_view hypothesis, std::string_view reference, int max_n = 6,
            double beta = 2.0);
// Cosine similarity of the character n-gram count vectors (default trigrams) in [0, 1].
double CharNgramCosine(std::string_view a, std::string_view b, int n = 3);

// A small hashed byte-level n-gram LM. Immutable after Train/Load; thread-safe to query.
class CharNgramLM {
 public:
  static constexpr int kOrder = 4;
  static std::shared_ptr<const CharNgramLM> Train(const std::vector<std::string>& texts,
                                                  uint32_t ngram_bits = 18,
                                                  uint32_t context_bits = 16);
  static StatusOr<std::shared_ptr<const CharNgramLM>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Mean log2 probability per byte (end of text included). Higher = more fluent.
  double MeanLogProb(std::string_view text) const;

 private:
  uint32_t ngram_bits_ = 18, context_bits_ = 16;
  std::vector<uint16_t> ngram_counts_;    // c(h, w), saturating
  std::vector<uint32_t> context_counts_;  // c(h)
  std::vector<uint16_t> context_types_;   // N1+(h ·), saturating
};

struct DetoxPair {
  std::string source;  // the original (toxic) text
  std::string output;  // the detoxified text
};

struct DetoxScores {
  size_t n = 0;
  double sta = 0, sim_chrf = 0, sim_cosine = 0, fl = 0, j = 0;
  double output_toxicity_mean = 0;
  Json ToJson() const;
};

struct DetoxReport {
  DetoxScores system, duplicate, delete_baseline;
  double input_toxicity_mean = 0;
  Json ToJson() const;
};

struct DetoxEvalOptions {
  double toxic_threshold = 0.5;  // STA: output counts as non-toxic below this
  double fl_tolerance = 0.0;     // FL: output fluent if logp(out) >= logp(in) - tolerance
};

// Path of the shipped fluency LM next to a toxicity model ("models/toxicity.fluency.bin").
std::string FluencyModelPathFor(const std::string& toxicity_model_path);

// Removes every lexicon hit from `text` (the Delete baseline), tidying the spaces left behind.
std::string DeleteLexiconWords(const ToxicLexicon& lexicon, std::string_view text);

DetoxReport EvaluateDetox(const std::vector<DetoxPair>& pairs, const ToxicityScorer& scorer,
                          const CharNgramLM& lm, const DetoxEvalOptions& options = {});

}  // namespace refinery
