// The wire format of OpenAI-compatible servers, as pure functions (no I/O) so they can be
// unit-tested and fuzzed: request bodies, cache keys, response parsing, error messages and
// retry timing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/llm/client.h"

namespace refinery::llm {

// The JSON body sent for `request` to a server serving `model`: model, messages|prompt, the
// sampling fields, then extra_body merged at the top level (extra_body wins).
Json BuildRequestBody(const ChatRequest& request, const std::string& model);

// The text of a request body: exactly `body.dump(-1, ' ', false, replace)`, but strings (the
// prompt: most of the bytes) that are valid UTF-8 are written by AppendJsonString, several
// times faster than nlohmann's character-by-character escaping.
std::string RequestText(const Json& body);

// Hex SHA-256 of the endpoint kind and the body with object keys sorted, so that the same
// request written with fields in another order hits the same cache entry. The body holds no
// API key (it is only ever in a header).
std::string CacheKey(const Json& body, bool completions_endpoint);

// Parses a 2xx reply body. Chat replies take choices[i].message.content, completion replies
// choices[i].text; `usage` gives the token counts. An unusable body (not JSON, no choices, a
// choice without text) is an error (kDataLoss) the client retries.
StatusOr<ChatResponse> ParseResponseBody(std::string_view body, bool completions_endpoint);
// The same for a body already parsed (a Batch API result line holds it as an object).
StatusOr<ChatResponse> ParseResponseJson(const Json& body, bool completions_endpoint);

// The server's own message from an error reply (error.message, error, message, detail, or the
// body's start), shortened to at most `max_chars` bytes on a UTF-8 boundary.
std::string ServerErrorMessage(std::string_view body, size_t max_chars = 300);

// Whether an error reply says the prompt (plus max_tokens) does not fit the model's context,
// in any of the servers' own wordings (OpenAI, vLLM, SGLang, llama-server).
bool IsContextLengthError(std::string_view body);

// Whether a 400 asks for `max_completion_tokens` in place of `max_tokens` (OpenAI reasoning
// models answer `unsupported_parameter`).
bool AsksForMaxCompletionTokens(std::string_view body);

// Whether a 400 refuses the request field `param` (OpenAI: error.code
// "unsupported_parameter" with error.param naming it; others name it in the message).
bool RefusesParameter(std::string_view body, std::string_view param);

// The status for a non-retried error reply: kUnauthenticated (401), kPermissionDenied (403),
// kNotFound (404: wrong URL or model), kFailedPrecondition (`insufficient_quota`), kOutOfRange
// (context length exceeded), else kInvalidArgument. The message names the status, the URL
// and the server's own message.
Status ClassifyHttpError(long status, std::string_view body, const std::string& url);

// Errors after which no further request can succeed (key, route, model, quota): a run stops.
bool IsFatalLlmError(const Status& s);

// The answer part of a reply: what follows the last "</think>", cut before an unterminated
// "<think>" (reasoning never counts as an answer).
std::string_view StripThinking(std::string_view content);

// Seconds to wait from a `Retry-After` value: delta-seconds ("2", "0.5") or an HTTP-date
// relative to `now_unix`. nullopt when absent or unreadable.
std::optional<double> ParseRetryAfter(std::string_view value, int64_t now_unix);

// Exponential backoff with "equal jitter": base * 2^(retry-1), capped at max, times a uniform
// factor in [0.5, 1]. `retry` counts from 1.
double BackoffDelay(int retry, double base_s, double max_s, std::mt19937_64& rng);

// Reads a streamed reply (`stream: true`): server-sent events as the servers write them.
// Every event is `data: {chunk}` and a blank line; `data: [DONE]` ends the stream (vLLM,
// llama-server, Ollama and OpenAI all send it). A chunk carries choices[i].delta.content (chat)
// or choices[i].text (completions), delta.reasoning_content / delta.reasoning (a reasoning
// parser's output: counted, never part of the answer), finish_reason (and vLLM's stop_reason)
// in the last chunk of a choice, and `usage` either in that chunk (llama-server) or in a last
// chunk with no choices (vLLM, Ollama, OpenAI with stream_options.include_usage). A failure
// after the 200 arrives as `data: {"error": {...}}` (vLLM, llama-server; older llama-server
// builds wrote an `error: {...}` line). Lines starting with ':' are keep-alive comments.
// Bytes may arrive split anywhere. Chunks are read in one pass (llm/stream_chunk.h), with
// simdjson and then nlohmann::json for what that pass does not take (error events): a reply
// of N tokens is N chunks, and the client's CPU budget per request is tens of microseconds.
struct ScannedChunk;  // llm/stream_chunk.h

class StreamReader {
 public:
  struct Choice {
    std::string content;                     // the answer so far (delta.content or text)
    size_t reasoning_bytes = 0;              // delta.reasoning_content / delta.reasoning
    std::string finish_reason;               // "" until the server sends it
    std::optional<std::string> stop_reason;  // vLLM: the stop string matched (null = EOS)
  };

  explicit StreamReader(bool completions_endpoint);
  ~StreamReader();
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;

  // Forgets everything read, keeping the buffers: the client reuses readers.
  void Reset(bool completions_endpoint);

  void Feed(std::string_view bytes);
  // Ends the stream: an event without its blank line is still read.
  void Close();

  bool done() const { return done_; }  // `[DONE]` seen
  // A mid-stream error event (the server's own message) or an unreadable chunk.
  const std::optional<std::string>& error() const { return error_; }
  std::vector<Choice>& choices() { return choices_; }
  const std::vector<Choice>& choices() const { return choices_; }
  bool has_usage() const { return has_usage_; }
  int64_t prompt_tokens() const { return prompt_tokens_; }
  int64_t completion_tokens() const { return completion_tokens_; }
  const std::string& model() const { return model_; }
  uint64_t events() const { return events_; }

 private:
  void Line(std::string_view line);
  void Dispatch();
  void Apply(const ScannedChunk& chunk);               // a chunk read by ScanStreamChunk
  void FastChunk(std::string_view json, bool padded);  // simdjson
  void SlowChunk(std::string_view json);  // an error event (nlohmann::json reads every shape)

  struct Parser;
  std::unique_ptr<Parser> parser_;
  bool completions_;
  std::string partial_;  // an incomplete line
  std::string data_;     // data lines of the current event
  bool error_line_ = false;
  bool done_ = false;
  std::optional<std::string> error_;
  std::vector<Choice> choices_;
  bool has_usage_ = false;
  int64_t prompt_tokens_ = 0, completion_tokens_ = 0;
  std::string model_;
  uint64_t events_ = 0;
};

// Serialisation of a response for the cache.
std::string ResponseToCacheValue(const ChatResponse& response);
StatusOr<ChatResponse> ResponseFromCacheValue(std::string_view value);

}  // namespace refinery::llm
