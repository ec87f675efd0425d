// Lexical diversity over the concatenated token stream of a corpus (documents in input
// order): MATTR (moving-average type-token ratio) and MTLD (McCarthy & Jarvis 2010).
// Streaming: MATTR keeps only the current window; MTLD keeps a block of tokens (default 2^22)
// and combines blocks as total tokens / total factors, which equals MTLD of the whole stream
// when the corpus fits in one block (see docs/metrics.md).
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include <absl/container/flat_hash_map.h>

namespace refinery::metrics {

// MTLD factor count of one pass over `tokens` (forward order), partial factor included.
double MtldFactors(std::span<const uint64_t> tokens, double threshold);
// MTLD of a token sequence: mean of the forward and backward values; 0 when no factor.
double Mtld(std::span<const uint64_t> tokens, double threshold = 0.72);

class StreamDiversity {
 public:
  explicit StreamDiversity(size_t mattr_window = 50, double mtld_threshold = 0.72,
                           size_t mtld_block_tokens = size_t{1} << 22);

  void AddDocument(std::span<const uint64_t> tokens);

  // Mean over every window of `mattr_window` consecutive tokens of types/window; the plain
  // TTR of the stream when it is shorter than one window; 0 for no tokens.
  double Mattr() const;
  // Mean of forward and backward MTLD (0 when there are no tokens). Not const: flushes.
  double Mtld();

 private:
  void FlushBlock();

  size_t window_;
  double threshold_;
  size_t block_tokens_;
  // MATTR
  std::deque<uint64_t> win_;
  absl::flat_hash_map<uint64_t, uint32_t> win_counts_;
  double window_type_sum_ = 0;
  uint64_t windows_ = 0;
  uint64_t stream_tokens_ = 0;
  absl::flat_hash_map<uint64_t, uint32_t> short_types_;  // until the first window fills
  // MTLD
  std::vector<uint64_t> block_;
  double forward_factors_ = 0;
  double backward_factors_ = 0;
  uint64_t mtld_tokens_ = 0;
};

}  // namespace refinery::metrics
