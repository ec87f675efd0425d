#include "refinery/score/toxicity_word_clusters.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "refinery/core/hash.h"

namespace refinery::toxicity_internal {

long WordClusters::Find(uint64_t word_hash) const {
  auto it = std::lower_bound(words.begin(), words.end(), word_hash);
  if (it == words.end() || *it != word_hash) return -1;
  return static_cast<long>(it - words.begin());
}

namespace {

// Spherical k-means over unit rows of `vec` (n × dims): returns each row's cluster. Centroids
// start at rows spread evenly over the frequency order, so frequent and rare words both seed.
std::vector<uint16_t> SphericalKMeans(const std::vector<float>& vec, size_t n, uint32_t dims,
                                      uint32_t k, uint32_t iterations) {
  k = static_cast<uint32_t>(std::min<size_t>(k, n));
  std::vector<float> cent(size_t{k} * dims);
  for (uint32_t c = 0; c < k; ++c) {
    size_t row = (size_t{c} * n) / k;
    std::copy_n(&vec[row * dims], dims, &cent[size_t{c} * dims]);
  }
  std::vector<uint16_t> assign(n, 0);
  std::vector<double> sum(size_t{k} * dims);
  for (uint32_t it = 0; it < iterations; ++it) {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      const float* v = &vec[i * dims];
      float best = -2;
      uint16_t arg = 0;
      for (uint32_t c = 0; c < k; ++c) {
        const float* m = &cent[size_t{c} * dims];
        float dot = 0;
        for (uint32_t d = 0; d < dims; ++d) dot += v[d] * m[d];
        if (dot > best) {
          best = dot;
          arg = static_cast<uint16_t>(c);
        }
      }
      if (it == 0 || assign[i] != arg) changed = true;
      assign[i] = arg;
    }
    if (!changed) break;
    std::fill(sum.begin(), sum.end(), 0.0);
    for (size_t i = 0; i < n; ++i) {
      for (uint32_t d = 0; d < dims; ++d) sum[size_t{assign[i]} * dims + d] += vec[i * dims + d];
    }
    for (uint32_t c = 0; c < k; ++c) {
      double norm = 0;
      for (uint32_t d = 0; d < dims; ++d) norm += sum[size_t{c} * dims + d] * sum[size_t{c} * dims + d];
      if (norm <= 0) continue;  // empty cluster: keep its centroid
      norm = std::sqrt(norm);
      for (uint32_t d = 0; d < dims; ++d) {
        cent[size_t{c} * dims + d] = static_cast<float>(sum[size_t{c} * dims + d] / norm);
      }
    }
  }
  return assign;
}

}  // namespace

WordClusters LearnWordClusters(const std::vector<uint64_t>& tokens,
                               const WordClusterOptions& opt) {
  WordClusters out;
  // Vocabulary: the most frequent words (ties by hash, for determinism).
  std::unordered_map<uint64_t, uint32_t> count;
  for (uint64_t t : tokens) {
    if (t != 0) ++count[t];
  }
  std::vector<std::pair<uint32_t, uint64_t>> by_count;
  for (const auto& [h, c] : count) {
    if (c >= opt.min_count) by_count.emplace_back(c, h);
  }
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (by_count.size() > opt.max_words) by_count.resize(opt.max_words);
  const size_t n = by_count.size();
  const size_t nctx = std::min(opt.contexts, n);
  if (n == 0 || nctx == 0 || opt.clusters.empty()) return out;
  std::unordered_map<uint64_t, uint32_t> index;
  index.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) index.emplace(by_count[i].second, static_cast<uint32_t>(i));

  // Co-occurrence pairs (word, context) within the window, counted by sorting their keys.
  std::vector<int64_t> idx(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto it = tokens[i] == 0 ? index.end() : index.find(tokens[i]);
    idx[i] = tokens[i] == 0 ? -2 : it == index.end() ? -1 : static_cast<int64_t>(it->second);
  }
  std::vector<uint64_t> keys;
  for (size_t i = 0; i < idx.size(); ++i) {
    if (idx[i] < 0) continue;
    for (uint32_t side = 0; side < 2; ++side) {
      for (uint32_t d = 1; d <= opt.window; ++d) {
        if (side == 0 && d > i) break;
        size_t j = side == 0 ? i - d : i + d;
        if (j >= idx.size() || idx[j] == -2) break;  // a text boundary ends the window
        if (idx[j] >= 0 && static_cast<size_t>(idx[j]) < nctx) {
          keys.push_back(static_cast<uint64_t>(idx[i]) * nctx + static_cast<uint64_t>(idx[j]));
        }
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  // Marginals, with the context distribution smoothed (counts^0.75), as word2vec does.
  std::vector<double> word_total(n, 0), ctx_total(nctx, 0);
  for (uint64_t k : keys) {
    word_total[k / nctx] += 1;
    ctx_total[k % nctx] += 1;
  }
  double ctx_norm = 0;
  for (double& c : ctx_total) {
    c = std::pow(c, 0.75);
    ctx_norm += c;
  }
  const double total = static_cast<double>(keys.size());
  // Random ±1 projection of each word's positive-PMI row.
  const uint32_t dims = opt.dims;
  const uint32_t words_per_draw = 64;
  std::vector<float> proj(nctx * dims);
  for (size_t c = 0; c < nctx; ++c) {
    SplitMix64Rng rng(opt.seed ^ Murmur3Mix64(by_count[c].second));
    uint64_t bits = 0;
    for (uint32_t d = 0; d < dims; ++d) {
      if (d % words_per_draw == 0) bits = rng.Next();
      proj[c * dims + d] = (bits >> (d % words_per_draw)) & 1 ? 1.0f : -1.0f;
    }
  }
  std::vector<float> vec(n * dims, 0.0f);
  for (size_t a = 0; a < keys.size();) {
    size_t b = a;
    while (b < keys.size() && keys[b] == keys[a]) ++b;
    const size_t w = keys[a] / nctx, c = keys[a] % nctx;
    const double pmi =
        std::log((static_cast<double>(b - a) / total) /
                 ((word_total[w] / total) * (ctx_total[c] / ctx_norm)));
    if (pmi > 0) {
      for (uint32_t d = 0; d < dims; ++d) vec[w * dims + d] += static_cast<float>(pmi) * proj[c * dims + d];
    }
    a = b;
  }
  // Unit rows; words with no positive context are left out.
  std::vector<size_t> kept;
  for (size_t w = 0; w < n; ++w) {
    double norm = 0;
    for (uint32_t d = 0; d < dims; ++d) norm += double(vec[w * dims + d]) * vec[w * dims + d];
    if (norm <= 0) continue;
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (uint32_t d = 0; d < dims; ++d) vec[kept.size() * dims + d] = vec[w * dims + d] * inv;
    kept.push_back(w);
  }
  vec.resize(kept.size() * dims);
  out.levels = opt.clusters.size();
  std::vector<std::vector<uint16_t>> assign;
  for (uint32_t k : opt.clusters) {
    assign.push_back(SphericalKMeans(vec, kept.size(), dims, k, opt.iterations));
  }
  std::vector<size_t> order(kept.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return by_count[kept[a]].second < by_count[kept[b]].second;
  });
  for (size_t r : order) {
    out.words.push_back(by_count[kept[r]].second);
    for (size_t l = 0; l < out.levels; ++l) out.ids.push_back(assign[l][r]);
  }
  return out;
}

}  // namespace refinery::toxicity_internal
