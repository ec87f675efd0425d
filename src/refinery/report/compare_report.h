// The side-by-side report of `refinery compare RAW REFINED [SYNTHETIC] --report DIR`:
// sizes, PII per type before / after, leak rate against a gold file, toxicity histograms,
// every dataset metric, a PCA projection of the document embeddings, the per-record Δ
// (normalised character edit distance between a raw record and its refined version, joined
// by id) and sample records with their changes. BuildComparison gathers it as JSON;
// WriteReport writes report.json and a self-contained report.html.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/metrics/corpus_metrics.h"

namespace refinery::report {

struct CompareOptions {
  std::string raw, refined, synthetic;  // synthetic optional ("")
  std::string gold;                     // PII gold JSONL (optional): leak rate of REFINED
  std::string text_field = "text";
  std::string id_field = "id";
  metrics::CorpusMetricsOptions metrics;
  std::string pii_source = "auto";  // auto (detector when available) | detector | spans | none
  bool score_toxicity = true;       // use the shipped toxicity model when records lack scores
  std::string models_dir;
  size_t sample_records = 12;      // changed records shown with their diff
  size_t pca_points = 400;         // points per corpus in the scatter
  size_t max_sample_chars = 4000;  // a sample record's texts are cut to this length
};

StatusOr<Json> BuildComparison(const CompareOptions& options);

// Writes DIR/report.json and DIR/report.html (creating DIR).
Status WriteReport(const Json& report, const std::string& dir);

}  // namespace refinery::report
