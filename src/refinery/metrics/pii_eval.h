// PII evaluation: span matching (strict or overlap IoU >= 0.5), precision / recall / F1 / F2
// per type, micro and macro averages, a type-agnostic "any PII" score, and leakage of gold
// values into refined text (plus how much non-PII text a refinement changed).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery {

// A labelled span: code point offsets, half-open.
struct PiiGoldSpan {
  size_t start = 0, end = 0;
  std::string type;
};

// One document of a PII gold (or prediction) file: {"id", "text", "spans": [...]}.
struct PiiDoc {
  std::string id;
  std::string text;
  std::vector<PiiGoldSpan> spans;
};

enum class SpanMatch { kStrict, kOverlap };
StatusOr<SpanMatch> ParseSpanMatch(std::string_view name);

struct PrfCounts {
  uint64_t tp = 0, fp = 0, fn = 0;
  double Precision() const;
  double Recall() const;
  double F(double beta) const;
  // {"precision","recall","f1","f2","support","tp","fp","fn"}
  Json ToJson() const;
};

struct PiiEvalResult {
  SpanMatch match = SpanMatch::kStrict;
  PrfCounts micro;
  std::map<std::string, PrfCounts> per_type;
  PrfCounts any_pii;
  uint64_t docs = 0;
  // {"micro", "macro", "per_type", "any_pii", "match", "docs"}; macro averages the per-type
  // precision/recall/F over types with support or predictions.
  Json ToJson() const;
};

// Accumulates documents; thread-compatible (one per thread, then Merge).
class PiiEvaluator {
 public:
  explicit PiiEvaluator(SpanMatch match) { result_.match = match; }
  void Add(const std::vector<PiiGoldSpan>& gold, const std::vector<PiiGoldSpan>& pred);
  const PiiEvalResult& result() const { return result_; }

 private:
  PiiEvalResult result_;
};

// True when two spans match under `match` (types are compared by the caller).
bool SpansMatch(const PiiGoldSpan& a, const PiiGoldSpan& b, SpanMatch match);

// Parses one JSONL line of a gold/prediction file. Spans come from "spans" or, for the output
// of `refinery detect`, from "refinery.pii"; when both are present, `predictions` picks
// "refinery.pii" (a detect run over a gold file keeps the gold "spans" field).
StatusOr<PiiDoc> ParsePiiDocLine(std::string_view line, bool predictions = false);
// Reads a whole JSONL file (plain text); errors name the file and line.
StatusOr<std::vector<PiiDoc>> ReadPiiDocs(const std::string& path, bool predictions = false);

// Leakage of gold PII values into refined text.
struct LeakResult {
  struct TypeCounts {
    uint64_t gold = 0, leaked = 0;
  };
  std::map<std::string, TypeCounts> per_type;
  uint64_t gold = 0, leaked = 0, skipped_short = 0;
  uint64_t non_pii_words = 0, non_pii_words_changed = 0;
  uint64_t docs = 0, missing_docs = 0;
  double LeakRate() const { return gold ? static_cast<double>(leaked) / gold : 0.0; }
  double OverEditRate() const {
    return non_pii_words ? static_cast<double>(non_pii_words_changed) / non_pii_words : 0.0;
  }
  // {"leak_rate", "over_edit_rate", "per_type": {T: {"gold","leaked","leak_rate"}}, ...}
  Json ToJson() const;
};

// Normalises a value for leak matching: lower case, letters and digits only (spacing,
// separators and punctuation dropped). Non-ASCII bytes are kept as they are.
std::string NormalizeForLeak(std::string_view text);

// Adds one document: gold spans over `original`, and the refined text of the same document.
// Values whose normalised form is shorter than `min_chars` are not counted (skipped_short).
void AddLeakDoc(const PiiDoc& original, std::string_view refined, LeakResult& result,
                size_t min_chars = 4);

}  // namespace refinery
