// Detoxification evaluation (`refinery eval detox`), after the ParaDetox protocol:
//   STA  style accuracy: 1 when our classifier calls the output non-toxic (P(toxic) < 0.5);
//   SIM  content similarity to the input: chrF (char n-grams 1..6, β = 2, whitespace removed,
//        as sacrebleu's sentence chrF, scaled to [0, 1]) and a character trigram cosine;
//   FL   absolute fluency: 1 when the FluencyJudge of fluency_lm.h (a 4-gram LM with modified
//        Kneser-Ney smoothing over a skeleton of frequent words, worst token's
//        log p(w|h) - log p(w), threshold calibrated on held-apart fluent sentences) calls the
//        output fluent, whatever its input;
//   J    mean over pairs of STA·SIM(chrF)·FL.
// Always computed next to two trivial baselines on the same inputs: Duplicate (output = input)
// and Delete (input with the lexicon's words removed).
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/score/fluency_lm.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery {

// chrF of `hypothesis` against `reference` in [0, 1] (both empty: 1).
double ChrF(std::string_view hypothesis, std::string_view reference, int max_n = 6,
            double beta = 2.0);
// Cosine similarity of the character n-gram count vectors (default trigrams) in [0, 1].
double CharNgramCosine(std::string_view a, std::string_view b, int n = 3);

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
  double input_fl = 0;  // share of the inputs the fluency judge calls fluent
  Json ToJson() const;
};

struct DetoxEvalOptions {
  double toxic_threshold = 0.5;  // STA: output counts as non-toxic below this
  // FL: fluent when FluencyJudge::Score >= this; NaN = the judge's calibrated threshold.
  double fl_threshold = std::numeric_limits<double>::quiet_NaN();
};

// The figures of one pair (the system's output), for --per-pair listings.
struct DetoxPairScores {
  double output_toxicity = 0, sta = 0, sim_chrf = 0, fl_score = 0, fl = 0, j = 0;
  double input_fl_score = 0;
  std::string delete_output;
  double delete_fl_score = 0;
};

// Path of the shipped fluency LM next to a toxicity model ("models/toxicity.fluency.bin").
std::string FluencyModelPathFor(const std::string& toxicity_model_path);

// Removes every lexicon hit from `text` (the Delete baseline), tidying the spaces left behind.
std::string DeleteLexiconWords(const ToxicLexicon& lexicon, std::string_view text);

// `per_pair`, when given, receives one entry per pair.
DetoxReport EvaluateDetox(const std::vector<DetoxPair>& pairs, const ToxicityScorer& scorer,
                          const FluencyJudge& fluency, const DetoxEvalOptions& options = {},
                          std::vector<DetoxPairScores>* per_pair = nullptr);

}  // namespace refinery
