#include "refinery/metrics/lexical_diversity.h"

#include <absl/container/flat_hash_set.h>

namespace refinery::metrics {

namespace {

template <typename It>
double FactorsOf(It begin, It end, double threshold) {
  double factors = 0;
  absl::flat_hash_set<uint64_t> types;
  uint64_t count = 0;
  double ttr = 1.0;
  for (It it = begin; it != end; ++it) {
    ++count;
    types.insert(*it);
    ttr = static_cast<double>(types.size()) / static_cast<double>(count);
    if (ttr <= threshold) {
      factors += 1;
      types.clear();
      count = 0;
      ttr = 1.0;
    }
  }
  if (count > 0) factors += (1.0 - ttr) / (1.0 - threshold);
  return factors;
}

}  // namespace

double MtldFactors(std::span<const uint64_t> tokens, double threshold) {
  return FactorsOf(tokens.begin(), tokens.end(), threshold);
}

double Mtld(std::span<const uint64_t> tokens, double threshold) {
  if (tokens.empty()) return 0;
  double n = static_cast<double>(tokens.size());
  double f = FactorsOf(tokens.begin(), tokens.end(), threshold);
  double b = FactorsOf(tokens.rbegin(), tokens.rend(), threshold);
  double fwd = f > 0 ? n / f : 0;
  double bwd = b > 0 ? n / b : 0;
  return (fwd + bwd) / 2;
}

StreamDiversity::StreamDiversity(size_t mattr_window, double mtld_threshold,
                                 size_t mtld_block_tokens)
    : window_(mattr_window), threshold_(mtld_threshold), block_tokens_(mtld_block_tokens) {}

void StreamDiversity::AddDocument(std::span<const uint64_t> tokens) {
  for (uint64_t t : tokens) {
    ++stream_tokens_;
    if (stream_tokens_ <= window_) short_types_[t]++;
    win_.push_back(t);
    win_counts_[t]++;
    if (win_.size() > window_) {
      uint64_t old = win_.front();
      win_.pop_front();
      auto it = win_counts_.find(old);
      if (--it->second == 0) win_counts_.erase(it);
    }
    if (win_.size() == window_) {
      window_type_sum_ += static_cast<double>(win_counts_.size());
      ++windows_;
    }
  }
  block_.insert(block_.end(), tokens.begin(), tokens.end());
  if (block_.size() >= block_tokens_) FlushBlock();
}

void StreamDiversity::FlushBlock() {
  if (block_.empty()) return;
  forward_factors_ += FactorsOf(block_.begin(), block_.end(), threshold_);
  backward_factors_ += FactorsOf(block_.rbegin(), block_.rend(), threshold_);
  mtld_tokens_ += block_.size();
  block_.clear();
}

double StreamDiversity::Mattr() const {
  if (stream_tokens_ == 0) return 0;
  if (windows_ == 0) {
    return static_cast<double>(short_types_.size()) / static_cast<double>(stream_tokens_);
  }
  return window_type_sum_ / (static_cast<double>(windows_) * static_cast<double>(window_));
}

double StreamDiversity::Mtld() {
  FlushBlock();
  if (mtld_tokens_ == 0) return 0;
  double n = static_cast<double>(mtld_tokens_);
  double fwd = forward_factors_ > 0 ? n / forward_factors_ : 0;
  double bwd = backward_factors_ > 0 ? n / backward_factors_ : 0;
  return (fwd + bwd) / 2;
}

}  // namespace refinery::metrics
