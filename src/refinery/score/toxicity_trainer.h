// Training of the built-in toxicity classifier (`refinery train toxicity`).
//
// Data (../shared/data/toxicity): ParaDetox (a toxic sentence and its neutral paraphrases) and
// Davidson (tweets: hate/offensive = toxic, neither = not). Deterministic splits by a hash of the
// text: ParaDetox by its *toxic source sentence* (a pair and all its paraphrases fall on the same
// side), Davidson by tweet. 10% test, 10% calibration (Platt scaling), 80% training.
// Logistic regression with AdaGrad, a fixed example order per epoch (seeded shuffle), then int8
// quantization; calibration and evaluation use the quantized model, i.e. what ships.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery {

struct ToxicityExample {
  std::string text;
  int label = 0;  // 1 toxic, 0 not
};

enum class SplitPart { kTrain, kCalibration, kTest };

struct ToxicityDataset {
  std::vector<ToxicityExample> train, calibration;
  std::vector<ToxicityExample> paradetox_test, davidson_test;
  std::vector<std::string> neutral_train;  // ParaDetox neutral paraphrases of the training split
  // ParaDetox test pairs (toxic sentence, first neutral paraphrase) for `eval detox`.
  std::vector<std::pair<std::string, std::string>> paradetox_test_pairs;
};

// Reads both sources and splits them. Missing or malformed files are errors naming file:line.
StatusOr<ToxicityDataset> ReadToxicityDataset(const std::string& paradetox_tsv,
                                              const std::string& davidson_csv);

struct ToxicityTrainOptions {
  ToxicityModelOptions model;
  int epochs = 6;
  double learning_rate = 2.0;
  double l2 = 1e-7;
  uint64_t seed = 1;
};

// Binary classification figures at threshold 0.5.
struct BinaryMetrics {
  size_t n = 0;
  double auc = 0;
  double accuracy = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  Json ToJson() const;
};

BinaryMetrics EvaluateScores(const std::vector<double>& scores, const std::vector<int>& labels);
BinaryMetrics EvaluateScorer(const ToxicityScorer& scorer,
                             const std::vector<ToxicityExample>& examples);

struct ToxicityTrainResult {
  std::shared_ptr<const ToxicityScorer> scorer;
  BinaryMetrics paradetox_test, davidson_test, calibration;
  size_t train_examples = 0;
  double seconds = 0;
  Json ToJson() const;
};

// Trains, quantizes, calibrates and evaluates. `lexicon` is shipped with the model (may be null).
StatusOr<ToxicityTrainResult> TrainToxicity(const ToxicityDataset& data,
                                            const ToxicityTrainOptions& options,
                                            std::shared_ptr<const ToxicLexicon> lexicon);

}  // namespace refinery
