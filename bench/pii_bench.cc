// PII detection and anonymization throughput (MB/s of input per core), next to a baseline
// single-regex RE2 scan over the same text in the same run.
//
// Prose: the licence texts in /usr/share/common-licenses (real English prose with capitalised
// words, numbers and section references) repeated to 8 MB; dense: the PII benchmark's
// documents (many spans per KB).
#include <benchmark/benchmark.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_tokenizer.h"
#include "refinery/detect/pii_detector.h"

namespace {

std::string LoadProse() {
  std::string base;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/usr/share/common-licenses", ec)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    base += ss.str();
  }
  if (base.empty()) {
    base =
        "The committee met on Tuesday to review Section 4 of the agreement. Copies were sent to "
        "all members, and the revised draft (version 2) will be published in March. ";
  }
  std::string text;
  while (text.size() < (8u << 20)) text += base;
  return text;
}

const std::string& Prose() {
  static const std::string* t = new std::string(LoadProse());
  return *t;
}

// Records of ~2 KB each, like a corpus.
std::vector<std::string_view> Chunks(const std::string& text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t e = std::min(text.size(), i + 2048);
    while (e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
    out.push_back(std::string_view(text).substr(i, e - i));
    i = e;
  }
  return out;
}

const std::string& Dense() {
  static const std::string* t = [] {
    auto* s = new std::string();
    const char* lines[] = {
        "From: John Smith <john.smith@gmail.com>\nCall (415) 823-2671 or +44 20 7946 0958. ",
        "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, ip 10.1.2.3. ",
        "token = ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 password = \"hunter2!x\"\n",
        "Dear Maria, please meet Dr. Okafor at 221B Baker Street. DOB: 1984-03-12. ",
        "commit 3f786850e387550fdab836ed7e6dc881de23001b version 1.2.3 on 2023-10-05.\n"};
    while (s->size() < (4u << 20))
      for (const char* l : lines) *s += l;
    return s;
  }();
  return *t;
}

void Detect(benchmark::State& state, const std::string& text) {
  auto d = refinery::PiiDetector::Create({}).value();
  auto scratch = d->NewScratch();
  auto chunks = Chunks(text);
  size_t spans = 0;
  for (auto _ : state) {
    for (std::string_view c : chunks) spans += d->Detect(c, *scratch).size();
  }
  benchmark::DoNotOptimize(spans);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void Anonymize(benchmark::State& state, const std::string& text) {
  auto d = refinery::PiiDetector::Create({}).value();
  refinery::AnonymizerOptions o;
  o.default_operator = refinery::AnonymizeOperator::kSurrogate;
  auto a = refinery::Anonymizer::Create(o).value();
  auto ds = d->NewScratch();
  auto as = a->NewScratch();
  auto chunks = Chunks(text);
  size_t bytes = 0;
  for (auto _ : state) {
    for (std::string_view c : chunks) bytes += a->Apply(c, d->Detect(c, *ds), *as, nullptr).size();
  }
  benchmark::DoNotOptimize(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// Baseline: one e-mail regex with RE2 (what a single `grep -cE` does).
void Re2Baseline(benchmark::State& state, const std::string& text) {
  RE2 re("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  auto chunks = Chunks(text);
  size_t n = 0;
  for (auto _ : state) {
    for (std::string_view c : chunks) {
      re2::StringPiece in(c.data(), c.size());
      while (RE2::FindAndConsume(&in, re)) ++n;
    }
  }
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// The inputs of DetectorRobustness.PathologicalInputsStayBounded, 1 MiB each, detected whole
// (one record): a super-linear scanner shows here as a throughput far below BM_DetectProse.
const std::string& Pathological(int64_t which) {
  static const auto* inputs = [] {
    auto* v = new std::vector<std::string>;
    for (std::string_view unit :
         {"7", "@", "1-", "a1:", "John Smith ", "Harold \"Junior\" Theriault and ",
          "Jacob van den Corput and ", "(Gazio and Palmeri 1995; ", "Shojai al-Sadr said ",
          "Music therapist, Blair, Harmon and Bailey\n"}) {
      std::string t;
      while (t.size() < (1u << 20)) t += unit;
      v->push_back(std::move(t));
    }
    return v;
  }();
  return (*inputs)[static_cast<size_t>(which)];
}

void BM_DetectPathological(benchmark::State& state) {
  const std::string& text = Pathological(state.range(0));
  auto d = refinery::PiiDetector::Create({}).value();
  auto scratch = d->NewScratch();
  size_t spans = 0;
  for (auto _ : state) spans += d->Detect(text, *scratch).size();
  benchmark::DoNotOptimize(spans);
  state.SetLabel(text.substr(0, 11));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// The named-entity tagger alone (NerModel::Tag: tokenizer, features, Viterbi and the
// document-level rules) in tokens per second, on the prose records and on the same records in
// capitals, where no word can be skipped as lower case and every token is scored.
void NerTag(benchmark::State& state, const std::string& text) {
  auto model = refinery::ner::NerModel::Default().value();
  refinery::ner::NerScratch scratch;
  std::vector<refinery::ner::NerEntity> entities;
  std::vector<refinery::ner::Token> tokens;
  auto chunks = Chunks(text);
  size_t token_count = 0, found = 0;
  for (std::string_view c : chunks) {
    refinery::ner::Tokenize(c, tokens);
    token_count += tokens.size();
  }
  for (auto _ : state) {
    for (std::string_view c : chunks) {
      model->Tag(c, scratch, entities);
      found += entities.size();
    }
  }
  benchmark::DoNotOptimize(found);
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(token_count) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

const std::string& UpperProse() {
  static const std::string* t = [] {
    auto* s = new std::string(Prose());
    for (char& ch : *s) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    return s;
  }();
  return *t;
}

void BM_NerTagProse(benchmark::State& s) { NerTag(s, Prose()); }
void BM_NerTagAllCapsProse(benchmark::State& s) { NerTag(s, UpperProse()); }
void BM_DetectProse(benchmark::State& s) { Detect(s, Prose()); }
void BM_DetectDense(benchmark::State& s) { Detect(s, Dense()); }
void BM_AnonymizeSurrogateProse(benchmark::State& s) { Anonymize(s, Prose()); }
void BM_AnonymizeSurrogateDense(benchmark::State& s) { Anonymize(s, Dense()); }
void BM_Re2EmailRegexProse(benchmark::State& s) { Re2Baseline(s, Prose()); }
void BM_Re2EmailRegexDense(benchmark::State& s) { Re2Baseline(s, Dense()); }

BENCHMARK(BM_Re2EmailRegexProse)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_DetectProse)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_NerTagProse)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_NerTagAllCapsProse)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_AnonymizeSurrogateProse)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_Re2EmailRegexDense)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_DetectDense)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_AnonymizeSurrogateDense)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_DetectPathological)
    ->DenseRange(0, 9)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

}  // namespace
