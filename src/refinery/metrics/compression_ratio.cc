#include "refinery/metrics/compression_ratio.h"

#include <cmath>
#include <thread>

#include <zlib.h>
#include <zstd.h>

namespace refinery::metrics {

uint64_t GzipSize(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
  std::string out(1 << 16, '\0');
  uint64_t total = 0;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = 0;
  size_t offset = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0 && offset < data.size()) {
      size_t chunk = std::min<size_t>(data.size() - offset, 1u << 30);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + offset));
      zs.avail_in = static_cast<uInt>(chunk);
      offset += chunk;
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    rc = deflate(&zs, offset >= data.size() ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_STREAM_ERROR) break;
    total += out.size() - zs.avail_out;
  }
  deflateEnd(&zs);
  return total;
}

uint64_t ZstdSize(std::string_view data, int level, bool long_distance) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  if (cctx == nullptr) return 0;
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  if (long_distance) ZSTD_CCtx_setParameter(cctx, ZSTD_c_enableLongDistanceMatching, 1);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress2(cctx, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCCtx(cctx);
  return ZSTD_isError(n) ? 0 : n;
}

CompressionSampler::CompressionSampler(uint64_t seed, size_t block_bytes, size_t max_blocks)
    : block_bytes_(block_bytes), max_blocks_(max_blocks), rng_(seed ^ 0xc0ffee) {}

void CompressionSampler::AddDocument(std::string_view text) {
  if (!first_doc_) {
    current_.push_back('\n');
    if (current_.size() >= block_bytes_) CloseBlock();
  }
  first_doc_ = false;
  while (!text.empty()) {
    size_t take = std::min(text.size(), block_bytes_ - current_.size());
    current_.append(text.substr(0, take));
    text.remove_prefix(take);
    if (current_.size() >= block_bytes_) CloseBlock();
  }
}

void CompressionSampler::CloseBlock() {
  if (current_.empty()) return;
  if (reservoir_.size() < max_blocks_) {
    reservoir_.push_back(std::move(current_));
  } else {
    std::uniform_int_distribution<uint64_t> pick(0, blocks_seen_);
    uint64_t j = pick(rng_);
    if (j < max_blocks_) reservoir_[j] = std::move(current_);
  }
  ++blocks_seen_;
  current_.clear();
}

CompressionResult CompressionSampler::Finish() {
  CompressionResult r;
  bool exact = blocks_seen_ + (current_.empty() ? 0 : 1) <= max_blocks_;
  CloseBlock();
  r.exact = exact;
  if (reservoir_.empty()) return r;
  if (exact) {
    std::string all;
    for (const std::string& b : reservoir_) all += b;
    uint64_t gz = 0, zs = 0;
    std::thread t([&] { zs = ZstdSize(all); });
    gz = GzipSize(all);
    t.join();
    r.sampled_bytes = all.size();
    r.gzip_ratio = gz ? static_cast<double>(all.size()) / static_cast<double>(gz) : 0;
    r.zstd_ratio = zs ? static_cast<double>(all.size()) / static_cast<double>(zs) : 0;
    return r;
  }
  const size_t n = reservoir_.size();
  std::vector<double> raw(n), gz(n), zs(n);
  std::thread t([&] {
    for (size_t i = 0; i < n; ++i) zs[i] = static_cast<double>(ZstdSize(reservoir_[i]));
  });
  for (size_t i = 0; i < n; ++i) {
    raw[i] = static_cast<double>(reservoir_[i].size());
    gz[i] = static_cast<double>(GzipSize(reservoir_[i]));
  }
  t.join();
  auto ratio_ci = [&](const std::vector<double>& comp, double& ratio, double& ci) {
    double sx = 0, sy = 0;
    for (size_t i = 0; i < n; ++i) {
      sx += raw[i];
      sy += comp[i];
    }
    ratio = sy > 0 ? sx / sy : 0;
    if (n < 2 || sy <= 0) return;
    double ybar = sy / static_cast<double>(n), ss = 0;
    for (size_t i = 0; i < n; ++i) ss += (raw[i] - ratio * comp[i]) * (raw[i] - ratio * comp[i]);
    double var = ss / static_cast<double>(n - 1) / (static_cast<double>(n) * ybar * ybar);
    ci = 1.96 * std::sqrt(var);
  };
  ratio_ci(gz, r.gzip_ratio, r.gzip_ci95);
  ratio_ci(zs, r.zstd_ratio, r.zstd_ci95);
  for (double b : raw) r.sampled_bytes += static_cast<uint64_t>(b);
  return r;
}

}  // namespace refinery::metrics
