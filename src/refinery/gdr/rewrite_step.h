// The GDR loop as a pipeline step (`rewrite`): for each record, generate a rewrite with an LLM,
// verify it against the task's criteria, retry with specific feedback, and fall back when no
// attempt passes. Asynchronous: all records of a batch are in flight at once.
//
// Per record: optionally skip when the original already passes every criterion (status
// `kept`); split long documents into chunks and rewrite them in order, telling later chunks the
// surrogates chosen in earlier ones; take the last <refined> block of each reply; check it; on
// failure retry up to `max_attempts` in all with feedback naming the failed check and another
// seed; then apply the fallback (`redact`: detector anonymization of the original; `drop`;
// `keep_flagged`). Each record ends with exactly one refinery.status (kept, changed, fallback,
// dropped) and one line in audit.jsonl (attempts, verdicts, Δ, tokens, model, template version).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/gdr/criteria.h"
#include "refinery/gdr/task.h"
#include "refinery/llm/client.h"
#include "refinery/pipeline/step.h"
#include "refinery/pipeline/step_registry.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery::gdr {

enum class Fallback { kRedact, kDrop, kKeepFlagged };

struct RewriteOptions {
  RewriteTask task;
  int max_attempts = 3;  // rewrites tried per chunk: 1 + retries with feedback
  Fallback fallback = Fallback::kRedact;
  bool skip_passing = true;
  size_t chunk_tokens = 1500;  // chunk budget (≈ 4 bytes per token)
  double temperature = 0.2;
  double retry_temperature = 0.7;
  int64_t seed = 0;    // attempt k uses seed + k
  int max_tokens = 0;  // 0 = about twice the chunk's tokens + 256
  Json extra_body = Json::object();
  std::string export_sft;  // append accepted (input, output) pairs here as chat JSONL
};

// What the step checks and calls. Tests pass fakes; RegisterGdrSteps builds the real ones.
struct RewriteComponents {
  std::shared_ptr<LlmClient> client;
  std::vector<std::shared_ptr<const Criterion>> criteria;
  // Optional: the detector whose spans feed surrogate hints and the redact fallback, and what
  // redacts (the anonymizer; the toxicity lexicon masks toxic spans).
  std::shared_ptr<const PiiDetector> detector;
  std::shared_ptr<const Anonymizer> anonymizer;
  std::shared_ptr<const ToxicityScorer> toxicity;
};

StatusOr<std::unique_ptr<Step>> MakeRewriteStep(RewriteOptions options,
                                                RewriteComponents components);

// Registers `rewrite`.
void RegisterGdrSteps(StepRegistry& registry);

}  // namespace refinery::gdr

namespace refinery {
using gdr::RegisterGdrSteps;
}  // namespace refinery
