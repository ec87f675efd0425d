// Pipeline steps of the PII concern: `pii_detect`, and what the steps built on detection
// (`pii_anonymize` in anonymize/) share with it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/pipeline/param_table.h"
#include "refinery/pipeline/step_params.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery {

void RegisterPiiSteps(StepRegistry& registry);

// `spans` as the refinery.pii array: [{start, end, type, score, detector}, ...].
Json PiiSpansJson(const std::vector<PiiSpan>& spans);
// The same array as JSON text, byte for byte as AppendJson writes PiiSpansJson's.
void AppendPiiSpansJson(std::string& out, const std::vector<PiiSpan>& spans);

// A batch's span counts, added to the step's counters once per batch rather than per record.
struct PiiSpanCounts {
  double docs = 0, docs_with_pii = 0, pii_spans = 0, replacements = 0;
  std::map<std::string, double> by_type;

  void Add(const std::vector<PiiSpan>& spans);
  // Adds a batch's figures to the step's counters (nothing for a batch with no record).
  void AddTo(Counters& counters, bool with_replacements) const;
};

// The detector parameters every PII step takes: types, min_score, allow_list, deny_list;
// AddPiiDetectorParams declares them in a step's table, ReadPiiDetectorParams reads them.
void AddPiiDetectorParams(ParamTable& table);
StatusOr<PiiDetectorOptions> ReadPiiDetectorParams(StepParams& params);

}  // namespace refinery
