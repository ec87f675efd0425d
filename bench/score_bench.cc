// Throughput of the score concern (single thread = per core): quality rule families, the toxicity
// classifier, the lexicon and language id, against a baseline linear pass (code point count)
// over the same synthetic English web-like documents.
//
//   build/bin/score_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "refinery/core/utf8.h"
#include "refinery/score/language_id.h"
#include "refinery/score/quality_rules.h"
#include "refinery/score/text_skeleton.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery {
namespace {

// ~2 MB of documents (1-6 KB each): sentences of common words, some lines without punctuation
// (menus), a few repeated lines and occasional profanity, so every rule does real work.
const std::vector<std::string>& Docs() {
  static const std::vector<std::string> docs = [] {
    const char* words[] = {"the",
                           "of",
                           "and",
                           "to",
                           "in",
                           "a",
                           "is",
                           "that",
                           "for",
                           "it",
                           "was",
                           "on",
                           "with",
                           "as",
                           "be",
                           "at",
                           "by",
                           "this",
                           "have",
                           "from",
                           "or",
                           "one",
                           "had",
                           "not",
                           "but",
                           "what",
                           "all",
                           "were",
                           "when",
                           "we",
                           "there",
                           "can",
                           "city",
                           "council",
                           "budget",
                           "school",
                           "weather",
                           "market",
                           "people",
                           "report",
                           "company",
                           "season",
                           "player",
                           "team",
                           "research",
                           "results",
                           "water",
                           "energy",
                           "policy",
                           "children",
                           "music",
                           "history",
                           "science",
                           "garden",
                           "kitchen",
                           "recipe",
                           "minutes",
                           "approximately",
                           "international",
                           "development",
                           "information",
                           "government",
                           "damn",
                           "stupid",
                           "idiot",
                           "crap"};
    const size_t nw = sizeof(words) / sizeof(words[0]);
    std::mt19937 rng(42);
    std::vector<std::string> out;
    size_t total = 0;
    while (total < (2u << 20)) {
      std::string doc;
      size_t target = 1000 + rng() % 5000;
      std::string last_line;
      while (doc.size() < target) {
        std::string line;
        int kind = rng() % 10;
        if (kind == 0 && !last_line.empty()) {
          line = last_line;  // a repeated line
        } else {
          int sentences = kind == 1 ? 0 : 1 + rng() % 3;
          if (sentences == 0) {  // a menu-like line
            for (int i = 0; i < 3; ++i) line += std::string(words[rng() % nw]) + " ";
            line.pop_back();
          }
          for (int s = 0; s < sentences; ++s) {
            int n = 6 + rng() % 18;
            for (int i = 0; i < n; ++i) {
              std::string w = words[rng() % nw];
              if (i == 0) w[0] = static_cast<char>(w[0] - 32);
              line += w;
              line += (i + 1 < n) ? (rng() % 12 == 0 ? ", " : " ") : ". ";
            }
          }
          if (!line.empty() && line.back() == ' ') line.pop_back();
        }
        doc += line;
        doc += rng() % 5 == 0 ? "\n\n" : "\n";
        last_line = line;
      }
      total += doc.size();
      out.push_back(std::move(doc));
    }
    return out;
  }();
  return docs;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& d : Docs()) n += d.size();
  return n;
}

void BM_Baseline_CodePointCount(benchmark::State& state) {
  const auto& docs = Docs();
  for (auto _ : state) {
    size_t n = 0;
    for (const auto& d : docs) n += CodePointCount(d);
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Baseline_CodePointCount);

void RunQuality(benchmark::State& state, QualityOptions o) {
  QualityRules rules(std::move(o));
  QualityScratch scratch;
  const auto& docs = Docs();
  size_t failed = 0;
  for (auto _ : state) {
    for (const auto& d : docs) failed += rules.Evaluate(d, scratch).failed.size();
  }
  benchmark::DoNotOptimize(failed);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}

QualityOptions Only(int family) {
  QualityOptions o;
  o.gopher_quality = family == 0;
  o.gopher_repetition = family == 1;
  o.c4 = family == 2;
  o.fineweb = family == 3;
  return o;
}

void BM_Quality_AllFamilies(benchmark::State& state) { RunQuality(state, QualityOptions()); }
// The same with the fast word splitter instead of the reference-style tokenizer.
void BM_Quality_AllFamilies_FastTokenizer(benchmark::State& state) {
  QualityOptions o;
  o.tokenizer = "fast";
  RunQuality(state, o);
}
// Each family judging the original text (FineWeb not on C4's kept lines), as before the recipe
// order was followed.
void BM_Quality_AllFamilies_RawFineWeb(benchmark::State& state) {
  QualityOptions o;
  o.fineweb_after_c4 = false;
  RunQuality(state, o);
}
void BM_Quality_GopherQuality(benchmark::State& state) { RunQuality(state, Only(0)); }
void BM_Quality_GopherRepetition(benchmark::State& state) { RunQuality(state, Only(1)); }
void BM_Quality_C4(benchmark::State& state) { RunQuality(state, Only(2)); }
void BM_Quality_FineWeb(benchmark::State& state) { RunQuality(state, Only(3)); }
BENCHMARK(BM_Quality_AllFamilies);
BENCHMARK(BM_Quality_AllFamilies_FastTokenizer);
BENCHMARK(BM_Quality_AllFamilies_RawFineWeb);
BENCHMARK(BM_Quality_GopherQuality);
BENCHMARK(BM_Quality_GopherRepetition);
BENCHMARK(BM_Quality_C4);
BENCHMARK(BM_Quality_FineWeb);

std::shared_ptr<const ToxicityScorer> Scorer() {
  static auto s = ToxicityScorer::LoadDefault().value();
  return s;
}

void BM_Toxicity_Classifier(benchmark::State& state) {
  auto s = Scorer();
  const auto& docs = Docs();
  double sum = 0;
  for (auto _ : state) {
    for (const auto& d : docs) sum += s->Score(d);
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Toxicity_Classifier);

void BM_Toxicity_ClassifierWithSentences(benchmark::State& state) {
  auto s = Scorer();
  const auto& docs = Docs();
  SentenceScores sent;
  double sum = 0;
  for (auto _ : state) {
    for (const auto& d : docs) sum += s->ScoreWithSentences(d, &sent) + sent.max;
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Toxicity_ClassifierWithSentences);

void BM_Toxicity_Lexicon(benchmark::State& state) {
  auto s = Scorer();
  const auto& docs = Docs();
  size_t hits = 0;
  for (auto _ : state) {
    for (const auto& d : docs) hits += s->lexicon().FindSpans(d).size();
  }
  benchmark::DoNotOptimize(hits);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Toxicity_Lexicon);

// What the toxicity_score step computes per record: every head and the sentences in one
// feature pass, plus the lexicon spans.
void BM_Toxicity_AllScoresWithSpans(benchmark::State& state) {
  auto s = Scorer();
  const auto& docs = Docs();
  SentenceScores sent;
  double sum = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      sum += s->ScoreAll(d, &sent).toxicity + static_cast<double>(s->lexicon().FindSpans(d).size());
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Toxicity_AllScoresWithSpans);

// Short real records, as `refinery score toxicity` sees them: the text column of the shared
// neutral-sentence and ParaDetox files (../shared/data/toxicity, run from the repository root).
// Their vocabulary is far larger than the synthetic documents', so the classifier's weight rows
// come from memory rather than the L1 cache. Skipped when the files are missing.
const std::vector<std::string>& RealRecords() {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> out;
    for (const char* name : {"neutral_sentences_gum_ewt_wikigold.tsv", "paradetox_dev.tsv"}) {
      std::ifstream in(std::string("../shared/data/toxicity/") + name);
      std::string line;
      bool header = true;
      while (std::getline(in, line)) {
        if (header) {
          header = false;
          continue;
        }
        std::string text = line.substr(0, line.find('\t'));
        if (!text.empty()) out.push_back(std::move(text));
      }
    }
    return out;
  }();
  return records;
}

enum class RealPart { kClassifier, kClassifierAndSpans, kSkeleton, kSpans };

void RunReal(benchmark::State& state, RealPart part) {
  const auto& records = RealRecords();
  if (records.empty()) {
    state.SkipWithError("../shared/data/toxicity not found");
    return;
  }
  auto s = Scorer();
  size_t bytes = 0;
  for (const auto& r : records) bytes += r.size();
  SentenceScores sent;
  TextSkeleton sk;
  double sum = 0;
  for (auto _ : state) {
    for (const auto& r : records) {
      if (part == RealPart::kSkeleton) {
        BuildSkeleton(r, sk);
        sum += static_cast<double>(sk.chars.size());
        continue;
      }
      if (part != RealPart::kSpans) sum += s->ScoreAll(r, &sent).toxicity;
      if (part != RealPart::kClassifier) {
        sum += static_cast<double>(s->lexicon().FindSpans(r).size());
      }
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
void BM_Toxicity_RealRecords_Classifier(benchmark::State& state) {
  RunReal(state, RealPart::kClassifier);
}
void BM_Toxicity_RealRecords_AllScoresWithSpans(benchmark::State& state) {
  RunReal(state, RealPart::kClassifierAndSpans);
}
void BM_Toxicity_RealRecords_Skeleton(benchmark::State& state) {
  RunReal(state, RealPart::kSkeleton);
}
// The lexicon alone: the skeleton, the Hyperscan scan and the whole-word checks.
void BM_Toxicity_RealRecords_Spans(benchmark::State& state) { RunReal(state, RealPart::kSpans); }
BENCHMARK(BM_Toxicity_RealRecords_Classifier);
BENCHMARK(BM_Toxicity_RealRecords_AllScoresWithSpans);
BENCHMARK(BM_Toxicity_RealRecords_Skeleton);
BENCHMARK(BM_Toxicity_RealRecords_Spans);

void BM_LangId(benchmark::State& state) {
  const auto& docs = Docs();
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& d : docs) n += DetectLanguage(d).code.size();
  }
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_LangId);

}  // namespace
}  // namespace refinery
