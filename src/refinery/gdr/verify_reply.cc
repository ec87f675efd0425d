#include "refinery/gdr/verify_reply.h"

#include "refinery/gdr/edit_distance.h"
#include "refinery/gdr/repair.h"
#include "refinery/gdr/task.h"
#include "refinery/llm/protocol.h"

namespace refinery::gdr {

void RunCriteria(const ChunkUnderTest& chunk, const std::string& candidate, Json& checks,
                 std::vector<std::string>& failed, std::string& feedback) {
  const auto& criteria = *chunk.criteria;
  for (size_t i = 0; i < criteria.size(); ++i) {
    Verdict v = criteria[i]->Check(chunk.core, candidate, *(*chunk.states)[i]);
    checks[criteria[i]->name()] = v.detail;
    if (!v.pass) {
      failed.push_back(criteria[i]->name());
      feedback += (feedback.empty() ? "" : "; ") + v.feedback;
    }
  }
}

namespace {

// An answer without tags is taken as the document only when the task checks that the text
// outside the replaced values was kept (keep_text): that check, not the tags, then proves
// that the answer is the document and not a reply to it.
std::optional<std::string> UntaggedCandidate(const ChunkUnderTest& chunk,
                                             const std::string& content, bool& untagged) {
  bool keeps_text = false;
  for (const auto& c : *chunk.criteria) keeps_text |= c->name() == "lost_text";
  if (!keeps_text) return std::nullopt;
  std::optional<std::string> out = CandidateFromUntaggedReply(content, chunk.core);
  untagged = out.has_value();
  return out;
}

}  // namespace

ReplyVerdict VerifyReply(const ChunkUnderTest& chunk, const ChatResponse& reply) {
  ReplyVerdict out;
  Json& entry = out.entry;
  std::string content = reply.choices.empty() ? std::string() : reply.choices[0];
  std::string finish = reply.finish_reasons.empty() ? "" : reply.finish_reasons[0];
  if (!finish.empty()) entry["finish_reason"] = finish;
  std::vector<std::string>& failed = out.failed;
  std::string& feedback = out.feedback;
  Json checks = Json::object();
  std::optional<std::string> candidate;
  bool untagged = false;
  // Ollama keeps the end of a prompt that exceeds its context and says nothing: the token
  // count it reports is the only trace (real tokenizers give far more than 1 per 6 bytes).
  bool truncated_prompt = !reply.from_cache && reply.prompt_tokens > 0 &&
                          chunk.prompt_bytes > 2000 &&
                          static_cast<size_t>(reply.prompt_tokens) * 6 < chunk.prompt_bytes;
  if (truncated_prompt) {
    failed.push_back("prompt_truncated");
  } else if (finish == "output_cap") {
    // A streamed answer that ran past 1.5x the chunk without closing its tag: no candidate,
    // and no more room helps.
    failed.push_back("runaway");
    feedback =
        "your answer ran on far past the document's length without closing </refined>; "
        "return the rewritten document once, then </refined>";
  } else if (finish == "length") {
    // A cut reply is never a candidate, whatever it holds.
    failed.push_back("cut");
    feedback = "your answer was cut off before </refined>; return the whole document";
  } else if (llm::StripThinking(content).find_first_not_of(" \t\r\n") == std::string::npos) {
    failed.push_back("empty");
    feedback =
        "your answer was empty (reasoning does not count); answer with the rewritten "
        "document between <refined> and </refined>";
  } else if (!(candidate = CandidateFromReply(content, chunk.core)) &&
             !(candidate = UntaggedCandidate(chunk, content, untagged))) {
    failed.push_back("no_tags");
    feedback =
        "your answer had no complete <refined>...</refined> block; put the whole rewritten "
        "document between <refined> and </refined>";
  } else {
    if (untagged) entry["untagged"] = true;
    // Before any check: where the model replaced a value in one place, its replacement goes
    // to the places it missed (other cases, @handles, e-mail local parts).
    size_t propagated = PropagateModelReplacements(chunk.core, *candidate);
    if (propagated > 0) entry["propagated"] = propagated;
    RunCriteria(chunk, *candidate, checks, failed, feedback);
    // Only surviving original values: repair them rather than pay for another attempt.
    if (failed.size() == 1 && failed[0] == "pii" && chunk.surrogates && chunk.pii) {
      RepairResult fix = RepairLeaks(chunk.core, *candidate, *chunk.pii, *chunk.surrogates);
      // The surrogates put in now spread like the model's own replacements (a detected name
      // also hidden in an @handle).
      PropagateModelReplacements(chunk.core, fix.text);
      std::vector<std::string> failed2;
      std::string feedback2;
      Json checks2 = Json::object();
      RunCriteria(chunk, fix.text, checks2, failed2, feedback2);
      if (failed2.empty()) {
        entry["repaired"] =
            Json{{"values", fix.values_replaced}, {"with_model_replacement", fix.from_model}};
        candidate = std::move(fix.text);
        checks = std::move(checks2);
        failed.clear();
        feedback.clear();
        out.repaired = true;
      }
    }
    // The distance criterion has measured this very pair (core, candidate) already: the
    // exact edit distance is the costliest check, so it is computed once.
    const auto distance = checks.find("distance");
    if (distance != checks.end() && distance->contains("delta")) {
      entry["delta"] = (*distance)["delta"];
    } else {
      entry["delta"] = NormalizedEditDistance(chunk.core, *candidate);
    }
  }
  // An untagged answer that fails a check may be a reply to the document rather than the
  // document: the missing tags are named first.
  if (untagged && !failed.empty()) {
    failed.insert(failed.begin(), "no_tags");
    feedback =
        "your answer had no <refined>...</refined> block; put the whole rewritten document, "
        "and nothing else, between <refined> and </refined>; " +
        feedback;
  }
  entry["verdict"] = failed.empty() ? (out.repaired ? "repaired" : "pass") : "fail";
  if (!failed.empty()) entry["failed"] = failed;
  entry["checks"] = std::move(checks);
  if (failed.empty()) {
    out.next = NextStep::kAccept;
    out.candidate = std::move(*candidate);
    return out;
  }
  if (failed[0] == "prompt_truncated") {
    out.next = NextStep::kRechunk;
    out.reason = "prompt_truncated";
    return out;
  }
  if (failed[0] == "cut") {
    // Room to grow: the same chunk with twice the max_tokens; else a smaller chunk.
    bool can_grow = chunk.context_tokens <= 0 ||
                    chunk.max_tokens * 2 <= chunk.context_tokens - chunk.prompt_tokens;
    if (!can_grow) {
      out.next = NextStep::kRechunk;
      out.reason = "cut";
      return out;
    }
    out.grow = true;
  }
  if (chunk.attempt + 1 < chunk.max_attempts) {
    out.next = NextStep::kRetry;
    return out;
  }
  out.next = NextStep::kFallBack;
  for (size_t i = 0; i < failed.size(); ++i) out.reason += (i ? "+" : "") + failed[i];
  return out;
}

}  // namespace refinery::gdr
