// Reply verification as one pure function: the state of one chunk of a record plus the
// model's reply give what to do next (accept, retry with feedback, re-chunk, fall back) and the
// audit entry of the attempt. Live mode (rewrite_step.cc, on the reply workers) and offline
// batch rounds (batch_rounds.h) call the same function, so a reply is judged the same way
// wherever it came from. It does no I/O and touches no shared state.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/core/json.h"
#include "refinery/gdr/criteria.h"
#include "refinery/llm/client.h"

namespace refinery::gdr {

// What the verifier knows about the chunk being rewritten.
struct ChunkUnderTest {
  std::string_view core;  // the chunk's original text
  const std::vector<std::shared_ptr<const Criterion>>* criteria = nullptr;
  const std::vector<std::unique_ptr<CriterionState>>* states = nullptr;  // one per criterion
  const PiiLeakState* pii = nullptr;       // the PII criterion's state, if any
  const Anonymizer* surrogates = nullptr;  // repairs surviving values; nullptr: no repair
  int attempt = 0;                         // 0-based, within the chunk
  int max_attempts = 3;
  size_t prompt_bytes = 0;     // of the request that got the reply
  int64_t max_tokens = 0;      // of the request
  int64_t prompt_tokens = 0;   // estimated, of the request
  int64_t context_tokens = 0;  // the server's context; 0 = unknown
};

enum class NextStep {
  kAccept,    // `candidate` is the chunk's rewrite
  kRetry,     // the same chunk again, with `feedback` (and twice the max_tokens when `grow`)
  kRechunk,   // split the chunk (`reason`: cut, prompt_truncated) and start over
  kFallBack,  // attempts exhausted: the chunk falls back (`reason`)
};

struct ReplyVerdict {
  NextStep next = NextStep::kFallBack;
  std::string candidate;            // kAccept
  bool repaired = false;            // kAccept after replacing surviving original values
  std::vector<std::string> failed;  // names of what failed (empty on kAccept)
  std::string feedback;             // kRetry: what to tell the model
  bool grow = false;                // kRetry: double max_tokens
  std::string reason;               // kRechunk / kFallBack
  Json entry = Json::object();      // the attempt's audit fields (verdict, checks, ...)
};

// Runs the criteria over `candidate`; appends failures and their feedback.
void RunCriteria(const ChunkUnderTest& chunk, const std::string& candidate, Json& checks,
                 std::vector<std::string>& failed, std::string& feedback);

// Judges `reply` (a 2xx answer) for `chunk`.
ReplyVerdict VerifyReply(const ChunkUnderTest& chunk, const ChatResponse& reply);

}  // namespace refinery::gdr
