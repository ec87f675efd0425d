// Dataset metrics of one corpus, computed in one streaming pass (see docs/metrics.md for the
// exact definition of every key). Memory is bounded by the options, not by the input:
// distinct n-gram counts switch from exact sets to HyperLogLog past `distinct_exact_cap`,
// compression and the pairwise / embedding metrics use seeded uniform samples past their
// limits, and every sampled figure says so (with a 95% CI where one is defined).
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/metrics/compression_ratio.h"
#include "refinery/metrics/distinct_counter.h"
#include "refinery/metrics/embedding.h"
#include "refinery/metrics/lexical_diversity.h"
#include "refinery/metrics/tokenize.h"

namespace refinery::metrics {

struct CorpusMetricsOptions {
  uint64_t seed = 1;
  size_t sample_docs = 2000;                    // reservoir for self-BLEU, ROUGE-2, embeddings
  size_t max_sample_doc_tokens = 10000;         // a sampled document keeps at most this many tokens
  size_t rouge_exact_limit = 1000;              // all pairs up to this many documents
  size_t rouge_sample_pairs = 20000;            // pairs drawn past it
  size_t distinct_exact_cap = size_t{1} << 21;  // per n
  int embed_dim = 512;
  size_t compression_block_bytes = size_t{1} << 20;
  size_t compression_blocks = 16;  // exact while the joined text fits in these blocks
  size_t mattr_window = 50;
  double mtld_threshold = 0.72;
};

// Histogram with power-of-two bins: bin 0 holds 0, bin k >= 1 holds [2^(k-1), 2^k).
struct Log2Histogram {
  std::vector<uint64_t> counts = std::vector<uint64_t>(33, 0);
  void Add(uint64_t value);
  Json ToJson() const;  // {"lower": [...], "counts": [...]} trimmed after the last non-empty bin
};

class CorpusMetrics {
 public:
  explicit CorpusMetrics(CorpusMetricsOptions options = {});
  ~CorpusMetrics();

  // Adds one document (valid UTF-8).
  void AddDocument(std::string_view text);
  // Adds one document already tokenised (token hashes) with its code point count.
  void AddTokens(std::span<const uint64_t> tokens, uint64_t chars, std::string_view text);
  // Adds documents in order, using a second thread for the distinct n-gram counts (the
  // result is the same as adding them one by one).
  void AddDocuments(std::span<const std::string> texts);

  const BucketDocumentFrequency& document_frequency() const { return df_; }
  uint64_t docs() const { return docs_; }

  // The metrics as JSON. `idf`: the IDF to embed with (shared across the corpora being
  // compared); empty = this corpus's own. Call once.
  Json Finish(const std::vector<double>& idf = {});

  // Unit embeddings of the sampled documents (valid after Finish), for PCA plots.
  const Eigen::MatrixXd& sample_embeddings() const { return embeddings_; }

 private:
  CorpusMetricsOptions options_;
  WordTokenizer tokenizer_;
  std::vector<uint64_t> scratch_;
  uint64_t docs_ = 0;
  uint64_t tokens_ = 0;
  uint64_t ngrams_[4] = {0, 0, 0, 0};
  std::vector<std::unique_ptr<DistinctCounter>> distinct_;
  double ttr_sum_ = 0;
  uint64_t ttr_docs_ = 0;
  StreamDiversity diversity_;
  CompressionSampler compression_;
  BucketDocumentFrequency df_;
  std::vector<std::vector<uint64_t>> sample_;
  std::mt19937_64 rng_;
  Log2Histogram token_hist_;
  Log2Histogram char_hist_;
  Eigen::MatrixXd embeddings_;
  std::vector<std::vector<uint64_t>> batch_tokens_;

  void AddDistinct(std::span<const uint64_t> tokens);
  void AddRest(std::span<const uint64_t> tokens, uint64_t chars, std::string_view text);
};

}  // namespace refinery::metrics
