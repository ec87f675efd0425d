// Compression ratios of a corpus: the documents joined with "\n", compressed with gzip
// (zlib, level 9, gzip framing) and zstd (level 19, long-distance matching); ratio = raw bytes /
// compressed bytes. Exact (one stream) while the joined text fits in the sample budget; past
// it, a seeded uniform reservoir of fixed-size blocks is compressed block by block and the
// ratio of sums is reported with a 95% confidence interval (delta method over blocks).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace refinery::metrics {

struct CompressionResult {
  double gzip_ratio = 0;
  double zstd_ratio = 0;
  bool exact = true;
  uint64_t sampled_bytes = 0;  // bytes compressed
  double gzip_ci95 = 0;        // half-width of the 95% CI (0 when exact)
  double zstd_ci95 = 0;
};

// Compressed sizes of one buffer.
uint64_t GzipSize(std::string_view data, int level = 9);
uint64_t ZstdSize(std::string_view data, int level = 19, bool long_distance = true);

class CompressionSampler {
 public:
  CompressionSampler(uint64_t seed, size_t block_bytes = size_t{1} << 20, size_t max_blocks = 16);

  void AddDocument(std::string_view text);
  CompressionResult Finish();

 private:
  void CloseBlock();

  size_t block_bytes_;
  size_t max_blocks_;
  std::mt19937_64 rng_;
  bool first_doc_ = true;
  std::string current_;
  std::vector<std::string> reservoir_;
  uint64_t blocks_seen_ = 0;
};

}  // namespace refinery::metrics
