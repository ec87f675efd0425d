// Fuzzes what user text reaches in the metrics and the report: the tokenizer, the corpus
// metrics (one document split into several), stylometric features, the edit distance and
// the word diff (whose segments must rebuild both inputs).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "refinery/core/utf8.h"
#include "refinery/metrics/ai_detector.h"
#include "refinery/metrics/corpus_metrics.h"
#include "refinery/report/text_diff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (size > 4096 || !refinery::IsValidUtf8(input)) return 0;
  refinery::metrics::CorpusMetricsOptions o;
  o.embed_dim = 16;
  o.compression_blocks = 1;
  o.compression_block_bytes = 256;
  refinery::metrics::CorpusMetrics m(o);
  size_t start = 0;
  for (size_t i = 0; i <= size; ++i) {
    if (i == size || input[i] == '\x01') {
      m.AddDocument(input.substr(start, i - start));
      start = i + 1;
    }
  }
  m.Finish();
  refinery::metrics::StylometricFeatures(input);
  size_t mid = size / 2;
  while (mid < size && (static_cast<unsigned char>(input[mid]) & 0xC0) == 0x80) ++mid;
  std::string_view a = input.substr(0, mid), b = input.substr(mid);
  double d = refinery::report::NormalizedEditDistance(a, b);
  if (d < 0 || d > 1) std::abort();
  std::string ra, rb;
  for (const auto& s : refinery::report::WordDiff(a, b)) {
    if (s.op != refinery::report::DiffSegment::Op::kInsert) ra += s.text;
    if (s.op != refinery::report::DiffSegment::Op::kDelete) rb += s.text;
  }
  if (ra != a || rb != b) std::abort();
  return 0;
}
