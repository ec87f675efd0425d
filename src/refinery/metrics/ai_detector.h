// A human- vs machine-written text classifier (`refinery train detector`, `refinery score ai`,
// step `ai_score`): logistic regression over hashed word uni/bigrams and character 3-4-grams
// (log counts, L2-normalised) plus standardised stylometric features (sentence length mean,
// spread and coefficient of variation, type-token ratio, word length, punctuation profile,
// digit / upper-case / newline rates, length). Output: P(human).
//
// A trained detector is immutable and thread-safe. No model ships with Refinery: train one
// from two labelled corpora you may use.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery::metrics {

struct AiDetectorOptions {
  uint32_t hash_bits = 18;
  int epochs = 10;
  double learning_rate = 0.5;  // Adagrad
  double l2 = 1e-6;
  uint64_t seed = 1;
  double holdout = 0.1;  // share of each class held out to report accuracy / AUC
};

// The stylometric feature vector of a text (names in StylometricFeatureNames()).
std::vector<double> StylometricFeatures(std::string_view text);
const std::vector<std::string>& StylometricFeatureNames();

class AiTextDetector {
 public:
  static StatusOr<std::shared_ptr<const AiTextDetector>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // P(human-written) of the text, in (0, 1).
  double HumanProbability(std::string_view text) const;
  // The linear score (logit of P(human)).
  double Logit(std::string_view text) const;

  uint32_t hash_bits() const { return hash_bits_; }

 private:
  friend class AiDetectorTrainer;
  uint32_t hash_bits_ = 18;
  std::vector<float> weights_;  // 2^hash_bits sparse-feature weights
  std::vector<double> dense_mean_, dense_std_, dense_weights_;
  double bias_ = 0;
};

struct AiTrainResult {
  std::shared_ptr<const AiTextDetector> model;
  Json stats;  // train / holdout sizes, holdout accuracy and ROC AUC
};

// Trains on human (label 1) and machine (label 0) texts; deterministic for a seed.
StatusOr<AiTrainResult> TrainAiDetector(const std::vector<std::string>& human,
                                        const std::vector<std::string>& machine,
                                        const AiDetectorOptions& options);

// ROC AUC of scores for positives vs negatives (ties count one half).
double RocAuc(const std::vector<double>& positive, const std::vector<double>& negative);

}  // namespace refinery::metrics
