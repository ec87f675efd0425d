// Absolute fluency judge of `refinery eval detox` (the FL of the ParaDetox protocol).
//
// The published protocol judges each output with a CoLA acceptability classifier; Refinery has
// no such model, so it uses what a small corpus of fluent text supports:
//
//  - `WordNgramLM`: a word-level n-gram language model (order 1..4) with interpolated modified
//    Kneser-Ney smoothing (Chen & Goodman 1998: three discounts per order from the
//    count-of-counts, continuation counts for the lower orders). Text is lower-cased and split
//    into runs of letters/digits and runs of punctuation (quality::TokenizeFast); tokens with a
//    digit become <num>; words seen fewer than `min_count` times, or beyond the `max_words`
//    most frequent, become <unk>, so the model learns where a rare word is expected ("the <unk>
//    of") instead of punishing every rare word. The vocabulary can come from one set of
//    sentences while the counts come from more.
//  - `FluencyJudge`: a 4-gram LM over a skeleton of the text (the 300 most frequent words of
//    the vocabulary text, i.e. function words, punctuation and the commonest content words;
//    everything else <unk>). Per token, the log-odds of the token in its context against its
//    unigram frequency, log2 p(w | h) - log2 p(w) (the per-token term of SLOR, Lau, Clark &
//    Lappin 2017, which tracks human acceptability judgements better than raw probability
//    because a rare but well-placed word is not penalised). The text's score is the worst mean
//    of this term over any `window` consecutive tokens (default 1: the worst token; sentence
//    end included), so one broken junction ("what the is this", "you are a") counts however
//    long the sentence is. A text is fluent when its score is at least a threshold calibrated
//    at training time: the `reject_rate` quantile of the scores of held-apart fluent sentences
//    (a calibration split the LM never saw; never the test split).
//
// Nothing here knows about toxic words or deletions: the judge only knows which sequences of
// frequent words and <unk> slots fluent text is made of. Both classes are immutable after
// Train/Load and thread-safe to query.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "refinery/core/status.h"

namespace refinery {

class ModelReader;
class ModelWriter;

class WordNgramLM {
 public:
  struct Options {
    int order = 4;           // 1..4
    int min_count = 2;       // words seen fewer times are <unk>
    uint32_t max_words = 0;  // keep only the most frequent words (0: up to 65,531)
  };
  // Token ids 0..3 are <s>, </s>, <unk> and <num>.
  static constexpr uint32_t kBos = 0, kEos = 1, kUnk = 2, kNum = 3;

  // Counts n-grams of `sentences` and of `more_sentences`; the vocabulary comes from
  // `sentences` only (so words seen only in `more_sentences` are <unk>).
  static std::shared_ptr<const WordNgramLM> Train(
      const std::vector<std::string>& sentences, const Options& options,
      const std::vector<std::string>& more_sentences = {});

  // The lower-cased tokens of `text` mapped to ids, followed by </s> (no <s>).
  std::vector<uint32_t> Encode(std::string_view text) const;

  struct TokenProb {
    float logp = 0;          // log2 p(token | up to order-1 previous tokens)
    float logp_unigram = 0;  // log2 of the token's relative training frequency
  };
  // One entry per id of Encode(text) (so the last is </s>).
  std::vector<TokenProb> Score(std::string_view text) const;
  // log2 p(w | context), context = the previous ids, oldest first (at most order-1 used).
  double LogProb(const uint32_t* context, size_t context_len, uint32_t w) const;

  int order() const { return order_; }
  size_t vocabulary_size() const { return vocab_.size(); }
  size_t ngram_count() const;

  void Write(ModelWriter& w) const;
  static StatusOr<std::shared_ptr<const WordNgramLM>> Read(ModelReader& r);

 private:
  int order_ = 3;
  std::vector<std::string> vocab_;  // id -> token
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<float> log_unigram_;  // id -> log2 relative frequency
  // Per order n (index n-1): sorted packed n-gram keys with log2 p, and sorted packed
  // contexts (n-grams of order n that precede something) with log2 backoff weight.
  std::vector<std::vector<uint64_t>> keys_, context_keys_;
  std::vector<std::vector<float>> logp_, log_backoff_;
};

class FluencyJudge {
 public:
  static constexpr uint32_t kFormatVersion = 1;
  struct Options {
    // The skeleton LM: the 300 most frequent training words, everything else <unk>.
    WordNgramLM::Options lm = {4, 2, 300};
    int window = 1;            // tokens per window of the worst-window score
    double reject_rate = 0.1;  // share of calibration sentences judged not fluent
  };

  // Trains the LM on `train` and calibrates the threshold on `calibration` (fluent text the
  // LM has not seen).
  // `more_train` adds counts but no vocabulary (see WordNgramLM::Train).
  static std::shared_ptr<const FluencyJudge> Train(const std::vector<std::string>& train,
                                                   const std::vector<std::string>& calibration,
                                                   const Options& options,
                                                   const std::vector<std::string>& more_train = {});
  // The model container (model_file.h, kind "fluency", version kFormatVersion).
  static StatusOr<std::shared_ptr<const FluencyJudge>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // The worst `window`-token mean of log2 p(w|h) - log2 p(w); higher = more fluent.
  double Score(std::string_view text) const;
  // Score(text) >= threshold(); an empty or blank text is not fluent.
  bool Fluent(std::string_view text) const;

  double threshold() const { return threshold_; }
  int window() const { return window_; }
  const WordNgramLM& lm() const { return *lm_; }

 private:
  std::shared_ptr<const WordNgramLM> lm_;
  int window_ = 2;
  double threshold_ = 0;
};

}  // namespace refinery
