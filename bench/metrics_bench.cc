// Throughput of the dataset metrics (docs/metrics.md). Baseline in the same binary: the
// tokenizer alone (every metric starts from its tokens), and zlib level 9 over the same bytes.
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "refinery/metrics/compression_ratio.h"
#include "refinery/metrics/corpus_metrics.h"
#include "refinery/metrics/overlap_metrics.h"
#include "refinery/metrics/tokenize.h"
#include "refinery/report/text_diff.h"

namespace {

// A deterministic corpus of short web-like documents (Zipf-ish vocabulary, ~90 tokens each).
const std::vector<std::string>& Docs() {
  static const std::vector<std::string> docs = [] {
    std::mt19937_64 rng(1);
    std::vector<std::string> vocab;
    for (int i = 0; i < 20000; ++i) {
      std::string w;
      int len = 2 + static_cast<int>(rng() % 9);
      for (int k = 0; k < len; ++k) w += static_cast<char>('a' + rng() % 26);
      vocab.push_back(w);
    }
    std::vector<std::string> out;
    for (int d = 0; d < 20000; ++d) {
      std::string doc;
      int n = 20 + static_cast<int>(rng() % 140);
      for (int i = 0; i < n; ++i) {
        double u = std::uniform_real_distribution<double>(0, 1)(rng);
        size_t idx = static_cast<size_t>(std::pow(u, 3.0) * vocab.size());
        doc += vocab[idx];
        doc += (i % 13 == 12) ? ". " : " ";
      }
      out.push_back(doc);
    }
    return out;
  }();
  return docs;
}

int64_t TotalBytes() {
  int64_t b = 0;
  for (const auto& d : Docs()) b += static_cast<int64_t>(d.size());
  return b;
}

void BM_Baseline_Tokenize(benchmark::State& state) {
  refinery::metrics::WordTokenizer tok;
  std::vector<uint64_t> out;
  for (auto _ : state) {
    for (const auto& d : Docs()) {
      tok.TokenHashes(d, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Baseline_Tokenize)->Unit(benchmark::kMillisecond);

void BM_Baseline_Gzip9(benchmark::State& state) {
  std::string joined;
  for (const auto& d : Docs()) {
    joined += d;
    joined += '\n';
  }
  for (auto _ : state) benchmark::DoNotOptimize(refinery::metrics::GzipSize(joined));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(joined.size()));
}
BENCHMARK(BM_Baseline_Gzip9)->Unit(benchmark::kMillisecond);

// The streaming part of `refinery metrics` (everything but Finish()).
void BM_CorpusMetrics_Add(benchmark::State& state) {
  for (auto _ : state) {
    refinery::metrics::CorpusMetrics m;
    for (const auto& d : Docs()) m.AddDocument(d);
    benchmark::DoNotOptimize(m.docs());
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_CorpusMetrics_Add)->Unit(benchmark::kMillisecond);

// Finish(): compression of the (sampled) joined text, self-BLEU, ROUGE-2, Vendi, histograms.
void BM_CorpusMetrics_AddAndFinish(benchmark::State& state) {
  for (auto _ : state) {
    refinery::metrics::CorpusMetrics m;
    for (const auto& d : Docs()) m.AddDocument(d);
    benchmark::DoNotOptimize(m.Finish());
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_CorpusMetrics_AddAndFinish)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SelfBleu_2000Docs(benchmark::State& state) {
  refinery::metrics::WordTokenizer tok;
  refinery::metrics::TokenDocs docs;
  for (size_t i = 0; i < 2000; ++i) {
    docs.emplace_back();
    tok.TokenHashes(Docs()[i], docs.back());
  }
  for (auto _ : state) benchmark::DoNotOptimize(refinery::metrics::SelfBleu(docs).mean);
}
BENCHMARK(BM_SelfBleu_2000Docs)->Unit(benchmark::kMillisecond);

void BM_EditDistance_1k(benchmark::State& state) {
  const std::string& a = Docs()[0];
  std::string b = a;
  for (size_t i = 0; i < b.size(); i += 17) b[i] = 'X';
  for (auto _ : state) benchmark::DoNotOptimize(refinery::report::EditDistance(a, b));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(a.size()));
}
BENCHMARK(BM_EditDistance_1k);

}  // namespace
