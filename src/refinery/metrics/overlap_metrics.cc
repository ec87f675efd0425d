#include "refinery/metrics/overlap_metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <utility>

#include <absl/container/flat_hash_map.h>

#include "refinery/metrics/tokenize.h"

namespace refinery::metrics {

namespace {

constexpr int kMaxN = 4;

using Counts = absl::flat_hash_map<uint64_t, uint32_t>;

void CountNgrams(const std::vector<uint64_t>& doc, int n, Counts& out) {
  out.clear();
  if (doc.size() < static_cast<size_t>(n)) return;
  for (size_t i = 0; i + n <= doc.size(); ++i) out[NgramHash(doc.data() + i, n)]++;
}

struct TopTwo {
  uint32_t c1 = 0;
  uint32_t d1 = UINT32_MAX;
  uint32_t c2 = 0;
};

double BleuFromCounts(const uint64_t clipped[kMaxN], const uint64_t totals[kMaxN], size_t hyp_len,
                      size_t ref_len) {
  if (hyp_len == 0 || clipped[0] == 0) return 0;
  double log_sum = 0;
  for (int n = 0; n < kMaxN; ++n) {
    double p;
    if (n == 0) {
      p = static_cast<double>(clipped[0]) / static_cast<double>(totals[0]);
    } else {
      p = (static_cast<double>(clipped[n]) + 1.0) /
          (static_cast<double>(std::max<uint64_t>(totals[n], 1)) + 1.0);
    }
    log_sum += 0.25 * std::log(p);
  }
  double bp = hyp_len > ref_len
                  ? 1.0
                  : std::exp(1.0 - static_cast<double>(ref_len) / static_cast<double>(hyp_len));
  return bp * std::exp(log_sum);
}

// Closest length to `c` in `lengths` (sorted unique -> multiplicity), leaving out one
// instance of `c` itself; ties go to the shorter length.
size_t ClosestOther(const std::map<size_t, uint64_t>& lengths, size_t c) {
  auto it = lengths.find(c);
  if (it != lengths.end() && it->second >= 2) return c;
  size_t best = 0;
  bool have = false;
  auto consider = [&](size_t r) {
    if (!have) {
      best = r;
      have = true;
      return;
    }
    size_t dr = r > c ? r - c : c - r, db = best > c ? best - c : c - best;
    if (dr < db || (dr == db && r < best)) best = r;
  };
  auto hi = lengths.upper_bound(c);
  if (hi != lengths.end()) consider(hi->first);
  auto lo = lengths.lower_bound(c);
  if (lo != lengths.begin()) consider(std::prev(lo)->first);
  return have ? best : c;
}

}  // namespace

double SentenceBleu(const std::vector<uint64_t>& hypothesis, const TokenDocs& references) {
  uint64_t clipped[kMaxN] = {0}, totals[kMaxN] = {0};
  Counts hyp, ref;
  for (int n = 1; n <= kMaxN; ++n) {
    CountNgrams(hypothesis, n, hyp);
    absl::flat_hash_map<uint64_t, uint32_t> max_ref;
    for (const auto& r : references) {
      CountNgrams(r, n, ref);
      for (const auto& [g, c] : ref) max_ref[g] = std::max(max_ref[g], c);
    }
    totals[n - 1] = hypothesis.size() >= static_cast<size_t>(n) ? hypothesis.size() - n + 1 : 0;
    for (const auto& [g, c] : hyp) {
      auto it = max_ref.find(g);
      if (it != max_ref.end()) clipped[n - 1] += std::min(c, it->second);
    }
  }
  std::map<size_t, uint64_t> lengths;
  for (const auto& r : references) lengths[r.size()]++;
  size_t c = hypothesis.size();
  // Closest among the references themselves (the hypothesis is not one of them).
  size_t best = c;
  bool have = false;
  for (const auto& [r, k] : lengths) {
    (void)k;
    size_t dr = r > c ? r - c : c - r, db = best > c ? best - c : c - best;
    if (!have || dr < db || (dr == db && r < best)) {
      best = r;
      have = true;
    }
  }
  return BleuFromCounts(clipped, totals, c, best);
}

SelfBleuResult SelfBleu(const TokenDocs& all_docs) {
  SelfBleuResult result;
  std::vector<const std::vector<uint64_t>*> docs;
  for (const auto& d : all_docs) {
    if (!d.empty()) docs.push_back(&d);
  }
  if (docs.size() < 2) return result;
  std::map<size_t, uint64_t> lengths;
  for (const auto* d : docs) lengths[d->size()]++;

  absl::flat_hash_map<uint64_t, TopTwo> top;
  Counts counts;
  for (uint32_t di = 0; di < docs.size(); ++di) {
    for (int n = 1; n <= kMaxN; ++n) {
      CountNgrams(*docs[di], n, counts);
      for (const auto& [g, c] : counts) {
        TopTwo& t = top[g];
        if (c > t.c1) {
          t.c2 = t.c1;
          t.c1 = c;
          t.d1 = di;
        } else if (c > t.c2) {
          t.c2 = c;
        }
      }
    }
  }
  double sum = 0;
  for (uint32_t di = 0; di < docs.size(); ++di) {
    uint64_t clipped[kMaxN] = {0}, totals[kMaxN] = {0};
    const auto& doc = *docs[di];
    for (int n = 1; n <= kMaxN; ++n) {
      CountNgrams(doc, n, counts);
      totals[n - 1] = doc.size() >= static_cast<size_t>(n) ? doc.size() - n + 1 : 0;
      for (const auto& [g, c] : counts) {
        const TopTwo& t = top.find(g)->second;
        uint32_t other = t.d1 == di ? t.c2 : t.c1;
        clipped[n - 1] += std::min(c, other);
      }
    }
    sum += BleuFromCounts(clipped, totals, doc.size(), ClosestOther(lengths, doc.size()));
  }
  result.docs = docs.size();
  result.mean = sum / static_cast<double>(docs.size());
  return result;
}

namespace {

using BigramVec = std::vector<std::pair<uint64_t, uint32_t>>;

BigramVec SortedBigrams(const std::vector<uint64_t>& doc) {
  BigramVec v;
  if (doc.size() < 2) return v;
  std::vector<uint64_t> h;
  h.reserve(doc.size() - 1);
  for (size_t i = 0; i + 2 <= doc.size(); ++i) h.push_back(NgramHash(doc.data() + i, 2));
  std::sort(h.begin(), h.end());
  for (uint64_t x : h) {
    if (!v.empty() && v.back().first == x) {
      v.back().second++;
    } else {
      v.emplace_back(x, 1);
    }
  }
  return v;
}

double F1(const BigramVec& a, size_t na, const BigramVec& b, size_t nb) {
  if (na + nb == 0) return 0;
  uint64_t overlap = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      overlap += std::min(a[i].second, b[j].second);
      ++i;
      ++j;
    }
  }
  return 2.0 * static_cast<double>(overlap) / static_cast<double>(na + nb);
}

size_t BigramTotal(const std::vector<uint64_t>& d) { return d.size() >= 2 ? d.size() - 1 : 0; }

}  // namespace

double Rouge2F1(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  return F1(SortedBigrams(a), BigramTotal(a), SortedBigrams(b), BigramTotal(b));
}

Rouge2Result Rouge2Pairwise(const TokenDocs& all_docs, size_t exact_limit, size_t sample_pairs,
                            uint64_t seed) {
  Rouge2Result r;
  std::vector<BigramVec> bigrams;
  std::vector<size_t> totals;
  for (const auto& d : all_docs) {
    if (d.empty()) continue;
    bigrams.push_back(SortedBigrams(d));
    totals.push_back(BigramTotal(d));
  }
  const size_t n = bigrams.size();
  if (n < 2) return r;
  if (n <= exact_limit) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) sum += F1(bigrams[i], totals[i], bigrams[j], totals[j]);
    }
    r.pairs = n * (n - 1) / 2;
    r.mean = sum / static_cast<double>(r.pairs);
    r.exact = true;
    return r;
  }
  std::mt19937_64 rng(seed ^ 0x5eed2);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  double sum = 0, sum2 = 0;
  for (size_t k = 0; k < sample_pairs; ++k) {
    size_t i = pick(rng), j = pick(rng);
    while (j == i) j = pick(rng);
    double f = F1(bigrams[i], totals[i], bigrams[j], totals[j]);
    sum += f;
    sum2 += f * f;
  }
  double m = static_cast<double>(sample_pairs);
  r.pairs = sample_pairs;
  r.exact = false;
  r.mean = sum / m;
  double var = sample_pairs > 1 ? std::max(0.0, (sum2 - m * r.mean * r.mean) / (m - 1)) : 0;
  r.ci95 = 1.96 * std::sqrt(var / m);
  return r;
}

}  // namespace refinery::metrics
