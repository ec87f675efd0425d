// Everything the report shows about one corpus, gathered in one pass over its records:
// the dataset metrics, sizes, PII found per type, and score histograms (toxicity, ai_human).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/record.h"
#include "refinery/metrics/corpus_metrics.h"

namespace refinery {
class PiiDetector;
class ToxicityScorer;
}  // namespace refinery

namespace refinery::report {

// Fixed-width histogram of scores in [0, 1].
struct ScoreHistogram {
  std::vector<uint64_t> counts = std::vector<uint64_t>(10, 0);
  uint64_t n = 0;
  double sum = 0;
  uint64_t above_half = 0;
  void Add(double score);
  Json ToJson() const;  // {"bins", "counts", "n", "mean", "share_above_0.5"}
};

struct ProfileOptions {
  metrics::CorpusMetricsOptions metrics;
  // PII: "detector" (run the built-in detector on the text), "spans" (count the record's
  // refinery.pii spans), "none".
  std::string pii_source = "detector";
  std::shared_ptr<const PiiDetector> detector;  // needed for "detector"
  // Toxicity: the record's refinery.scores.toxicity when present, else this scorer (if set).
  std::shared_ptr<const ToxicityScorer> toxicity;
};

class CorpusProfile {
 public:
  CorpusProfile(std::string name, std::string path, const ProfileOptions& options);
  ~CorpusProfile();

  void Add(Record& record);

  const std::string& name() const { return name_; }
  metrics::CorpusMetrics& metrics() { return metrics_; }
  uint64_t records() const { return records_; }

  Json SizesJson() const;     // records, text_bytes, chars, tokens
  Json PiiJson() const;       // {"source", "records_with_pii", "spans", "per_type": {...}}
  Json ToxicityJson() const;  // null when no record had or got a score
  Json AiHumanJson() const;   // null when no record had refinery.scores.ai_human

 private:
  std::string name_, path_;
  const ProfileOptions& options_;
  metrics::CorpusMetrics metrics_;
  struct DetectorScratch;
  std::unique_ptr<DetectorScratch> scratch_;
  uint64_t records_ = 0, text_bytes_ = 0, chars_ = 0;
  uint64_t pii_records_ = 0, pii_spans_ = 0, placeholders_ = 0, surrogates_ = 0;
  std::map<std::string, uint64_t> pii_per_type_;
  ScoreHistogram toxicity_, ai_human_;
};

}  // namespace refinery::report
