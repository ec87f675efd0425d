// The GDR loop as a pipeline step (`rewrite`): the model is the detector, the detector tier
// the safety net. For each record: split long documents into chunks sized to the server's
// context; send every chunk to the model (the values the detectors found go along as "replace
// at least these" hints; `skip_passing` skips chunks that already pass every criterion, a
// recall-for-cost trade); take the last <refined> block of the reply's answer part (never a
// cut reply, never reasoning text); verify it (no original value survives; text outside the
// replaced values kept, in order; toxicity and user criteria). When the only failure is a few
// surviving original values, they are replaced by surrogates (the model's own replacement for
// the same value where it made one) and the chunk is accepted as `repaired`. Otherwise retry
// with feedback; a cut reply gets a larger max_tokens, a context-length error or a truncated
// prompt a smaller chunk. A chunk that never passes falls back alone (`surrogate`: the
// detector + surrogate anonymizer; `placeholder`; `drop` or `keep_flagged` for the record).
// Each record ends with exactly one refinery.status (kept, changed, fallback, dropped) and one
// audit.jsonl line. Errors no request can get past (key, route, model, quota, a run of
// identical failures) stop the step: remaining records are rejected and the summary carries
// `run_failed`, as it does when the share of fallbacks exceeds `max_fallback_share`.
// The client's callback only queues a reply; VerifyReply (verify_reply.h) and everything after
// it run on the step's reply workers (llm/fanout.h). Replies come from a ReplySource: the live
// client, or the result files of offline batch rounds (batch_rounds.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/gdr/criteria.h"
#include "refinery/gdr/task.h"
#include "refinery/llm/client.h"
#include "refinery/llm/fanout.h"
#include "refinery/pipeline/step.h"
#include "refinery/pipeline/step_registry.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery::gdr {

enum class Fallback { kSurrogate, kPlaceholder, kDrop, kKeepFlagged };

struct RewriteOptions {
  RewriteTask task;
  int max_attempts = 3;  // rewrites tried per chunk: 1 + retries with feedback
  Fallback fallback = Fallback::kSurrogate;
  bool skip_passing = false;
  bool hints = true;                // tell the model the values the detectors found
  bool repair = true;               // replace surviving original values instead of retrying
  size_t chunk_tokens = 1500;       // chunk budget (≈ 4 bytes per token)
  int64_t context_tokens = 0;       // the server's context (LlmClient::Probe); 0 = unknown
  double max_fallback_share = 0.2;  // more records falling back fails the run
  int max_identical_failures = 10;  // this many records failing with one error stop the run
  double temperature = 0.2;
  double retry_temperature = 0.7;
  int64_t seed = 0;    // attempt k uses seed + k
  int max_tokens = 0;  // 0 = about twice the chunk's tokens + 256
  Json extra_body = Json::object();
  // Accepted (input, output) pairs as chat JSONL on the "sft" channel (sft.jsonl in the run
  // directory, committed with each part).
  bool export_sft = false;
  int reply_threads = 0;  // threads verifying replies (llm::ReplyWorkers); 0 = one per core
  // Requests sent and not yet verified, at most (0 = no limit): the client's in-flight window.
  size_t max_outstanding = 0;
  // USD per million prompt / completion tokens: the summary's cost report estimates the cost
  // per million records when both are given.
  std::optional<double> price_in, price_out;
};

// What the step checks and calls. Tests pass fakes; RegisterGdrSteps builds the real ones.
struct RewriteComponents {
  std::shared_ptr<LlmClient> client;
  // Where replies come from instead of `client` (an offline batch round, tests); `model` then
  // names the model in the audit.
  std::shared_ptr<llm::ReplySource> replies;
  std::string model;
  std::vector<std::shared_ptr<const Criterion>> criteria;
  // Optional: the detector whose spans feed the hints and the fallbacks, and what anonymizes
  // (the toxicity lexicon masks toxic spans in a fallback).
  std::shared_ptr<const PiiDetector> detector;
  std::shared_ptr<const Anonymizer> anonymizer;  // the placeholder fallback
  std::shared_ptr<const Anonymizer> surrogates;  // repairs and the surrogate fallback
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
