// Counts distinct 64-bit keys: exactly (a hash set) up to a cap, then with a HyperLogLog
// sketch (precision 14: 16 KiB, relative standard error 0.81%). Memory is bounded by the cap.
#pragma once

#include <cstdint>
#include <vector>

#include <absl/container/flat_hash_set.h>

namespace refinery::metrics {

class DistinctCounter {
 public:
  explicit DistinctCounter(size_t exact_cap = size_t{1} << 21);

  void Add(uint64_t key);
  // Distinct keys seen (exact, or the HyperLogLog estimate once past the cap).
  double Count() const;
  bool exact() const { return exact_; }
  // Relative standard error of Count() (0 while exact).
  double RelativeError() const;

 private:
  void AddToSketch(uint64_t key);

  size_t exact_cap_;
  bool exact_ = true;
  absl::flat_hash_set<uint64_t> set_;
  std::vector<uint8_t> registers_;  // HyperLogLog, 2^14 registers
};

}  // namespace refinery::metrics
