// Offline batch rounds (`refinery rewrite ... --batch-dir DIR`): GDR over files instead of
// live requests, for the OpenAI Batch API and `vllm run-batch`.
//
// A round is a pair of files in DIR: requests-NNN.jsonl, written here in the Batch API input
// format ({"custom_id","method":"POST","url":"/v1/chat/completions","body":{...}} per line),
// and results-NNN.jsonl, written by the batch runner ({"id","custom_id","response":
// {"status_code","request_id","body"},"error"} per line, in any order).
//
// Each invocation replays the whole rewrite over the input with every result of the rounds
// so far (BatchRounds is the step's ReplySource): a request whose reply is in a results file
// gets it, exactly as from the live client, and verification decides as in live mode; a
// request with no reply yet is deferred (llm::DeferredError) and written to the next
// requests file. The custom_id is a hash of the request body, so the same state asks the
// same request: a rerun (after a kill, or twice) writes the same next round, and a run whose
// requests all have replies is the final one and writes the run directory as a live run
// given the same replies would.
//
// Results that cannot be used are counted, never fatal: malformed lines, custom_ids that the
// round did not ask for, duplicates (the first usable line wins). Failed lines (`error` set,
// a status other than 200, 5xx included) are asked again in the next round, up to
// `max_failed_rounds` times; then the request is an error (the chunk falls back). After
// `max_rounds` rounds, whatever still has no reply falls back the same way.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/llm/fanout.h"

namespace refinery::gdr {

struct BatchRoundsOptions {
  std::string dir;
  std::string model;          // the body's "model"
  int max_failed_rounds = 3;  // failed lines for one request before it is an error
  // Rounds at most: after this many results files, a request still without a reply is an
  // error (its chunk falls back) instead of a further round, so a job ends in bounded time.
  int max_rounds = 4;
};

// DIR/requests-NNN.jsonl and DIR/results-NNN.jsonl (NNN from 001).
std::string BatchRequestsPath(const std::string& dir, int round);
std::string BatchResultsPath(const std::string& dir, int round);
// Rounds with results: results-001 .. results-K present without a gap; K.
int BatchRoundsWithResults(const std::string& dir);

// The custom_id of a request body: a hash of its text (BuildRequestBody writes fields in a
// fixed order, so the same request always gives the same text).
std::string BatchCustomId(std::string_view body_text);

// What ingesting the results files found.
struct BatchIngestCounts {
  int rounds = 0;          // results files read
  int64_t lines = 0;       // non-empty lines
  int64_t usable = 0;      // 200 answers kept
  int64_t failed = 0;      // error lines and non-200 answers
  int64_t malformed = 0;   // not JSON, no custom_id, a 200 without a usable body
  int64_t unknown = 0;     // custom_ids the round's requests file did not hold
  int64_t duplicates = 0;  // a custom_id already answered
  int64_t bytes = 0;       // read from results files
  Json ToJson() const;
};

class BatchRounds : public llm::ReplySource {
 public:
  // Reads every results file of DIR (and each round's request ids, to spot unknown ones).
  static StatusOr<std::shared_ptr<BatchRounds>> Open(BatchRoundsOptions options);

  void Submit(ChatRequest request, LlmClient::Callback done) override;
  // Writes DIR/requests-(K+1).jsonl (sorted by custom_id, atomically) when any request was
  // deferred, and puts the round's figures under extra["batch"].
  void Finish(Json& extra) override;

  const BatchIngestCounts& counts() const { return counts_; }
  int next_round() const { return counts_.rounds + 1; }

  // Parses one results file's text into the table (exposed for the unit test and bench).
  void Ingest(std::string_view text, const std::unordered_map<std::string, bool>* asked);

 private:
  explicit BatchRounds(BatchRoundsOptions options) : opt_(std::move(options)) {}

  struct Answer {
    bool ok = false;
    ChatResponse response;  // the 200 answer
    int status_code = 0;    // last failure
    std::string error;      // last failure's message
    int failures = 0;
  };

  BatchRoundsOptions opt_;
  BatchIngestCounts counts_;
  std::unordered_map<std::string, Answer> answers_;
  std::mutex mu_;                               // guards pending_
  std::map<std::string, std::string> pending_;  // custom_id -> request line
};

}  // namespace refinery::gdr
