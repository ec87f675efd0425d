// An asynchronous client for OpenAI-compatible LLM servers (vLLM, SGLang, llama.cpp
// llama-server, Ollama, TGI, hosted APIs): `/v1/chat/completions` and `/v1/completions`.
//
// One event-loop thread drives libcurl's multi interface, so hundreds of requests can be in
// flight over reused keep-alive connections. The client is created once from an immutable
// config and shared (std::shared_ptr) by every thread of a run: Submit() and Call() are
// thread-safe.
//
// - Several base URLs, balanced by least outstanding requests; an endpoint that keeps failing
//   is rested for a while and then tried again. At most `max_in_flight_per_endpoint` requests
//   per endpoint; the rest wait in a queue.
// - Retries on 429, 5xx, connection errors, timeouts and malformed replies, with exponential
//   backoff and jitter, honouring `Retry-After`. Other 4xx answers are not retried: the error
//   names the HTTP status and the server's own message.
// - The API key is read from the environment variable named in the config, sent as
//   `Authorization: Bearer ...`, and never logged, cached or written anywhere.
// - A content-addressed SQLite cache (see llm/cache.h) answers repeated requests without
//   sending anything: the key is a hash of the canonical request body (which holds no key).
// - Streaming (`stream = true`): replies come as server-sent events, so the first-byte timeout
//   is the time to the first token (and the longest silence between events), not the whole
//   generation; a reply stops as soon as the caller's stop marker is in the answer or the
//   answer passes the caller's byte cap (the transfer is cancelled and its connection
//   closed); `stop: [marker]` is sent so the server itself stops there; usage comes from the
//   stream's last chunk (`stream_options.include_usage`). See StreamReader in protocol.h.
// - `n > 1` falls back to n separate requests (seeds seed, seed+1, ...) when a server
//   refuses it or returns fewer choices.
//
// Errors given to callbacks: kInvalidArgument for a request the server refused with a 4xx
// other than 429 ("HTTP 400 from http://...: <server message>"), kUnavailable when retries are
// exhausted (naming the last cause), kCancelled when the client shuts down first.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery {

struct LlmEndpointConfig {
  // Base URLs such as "http://127.0.0.1:8000/v1" or "http://127.0.0.1:8000" ("/v1" is added
  // when the URL has no path). Requests go to BASE/chat/completions or BASE/completions.
  std::vector<std::string> base_urls;
  std::string model;
  // Name of the environment variable that holds the API key ("" = send no key).
  std::string api_key_env;
  int max_in_flight_per_endpoint = 64;
  double connect_timeout_s = 10;
  double first_byte_timeout_s = 300;  // from sending the request to the first response byte
  double total_timeout_s = 600;       // whole transfer
  int max_retries = 6;                // further attempts after the first one
  double backoff_initial_s = 0.5;     // delay before the first retry (before jitter)
  double backoff_max_s = 30;          // cap of the backoff and of an honoured Retry-After
  // Endpoint health: after this many consecutive failures an endpoint rests for
  // `endpoint_rest_s` (doubling while it keeps failing, up to backoff_max_s).
  int endpoint_failure_threshold = 8;
  double endpoint_rest_s = 2;
  // Ask for streamed replies (server-sent events). Servers that answer with plain JSON anyway
  // are read as before.
  bool stream = false;
  // With `stream`: send a request's stop marker as `stop` (dropped for the rest of the run if
  // the server refuses the parameter, as OpenAI reasoning models do, or stops on it inside an
  // open <think> block: that request is sent again without it).
  bool send_stop = true;
  // Extra HTTP headers ("Name: value"), e.g. for a gateway. Never put secrets here; use
  // api_key_env.
  std::vector<std::string> extra_headers;
};

struct CacheOptions {
  bool enabled = true;
  std::string path;  // "" = DefaultCachePath()
};

// $XDG_CACHE_HOME/refinery/llm-cache.sqlite, or ~/.cache/refinery/llm-cache.sqlite.
std::string DefaultCachePath();

struct ChatMessage {
  std::string role;  // "system" | "user" | "assistant"
  std::string content;
};

struct ChatRequest {
  std::vector<ChatMessage> messages;  // chat endpoint
  bool use_completions_endpoint = false;
  std::string prompt;  // completions endpoint
  // OpenAI sampling fields copied into the body as given: max_tokens, temperature, top_p,
  // seed, stop, n, logprobs, top_logprobs, response_format, ...
  Json sampling = Json::object();
  // Merged into the top level of the body last (llama.cpp `grammar`, `cache_prompt`; vLLM
  // `structured_outputs`; ...).
  Json extra_body = Json::object();
  // Streaming only (config.stream): the answer ends at the first `stop_marker` (kept in the
  // text; also sent as `stop`, and put back when the server stopped on it and, as servers do,
  // left it out), and a choice whose answer passes `max_output_bytes` is cut there with
  // finish_reason "output_cap" (a runaway generation). The answer is what follows
  // "</think>" when the reply opens with "<think>"; reasoning is never searched or counted.
  // Neither is part of the cache key.
  std::string stop_marker;
  size_t max_output_bytes = 0;  // 0 = no cap
  bool skip_cache = false;      // neither read nor write the cache for this request
  // Read the cache but do not write the reply: the caller calls Remember() once it has
  // verified it, so that replies that failed verification are never replayed.
  bool defer_cache_write = false;
};

struct ChatResponse {
  std::vector<std::string> choices;  // message content (chat) or text (completions)
  // One per choice ("" when absent): the server's ("stop", "length", ...) or "output_cap"
  // when the client cut a streamed choice at ChatRequest::max_output_bytes.
  std::vector<std::string> finish_reasons;
  int64_t prompt_tokens = 0;  // from `usage` (summed over n-fallback requests)
  int64_t completion_tokens = 0;
  bool from_cache = false;
  // The stream was cut before its usage chunk: the token counts are estimates (4 bytes per
  // token of the request body and of the text received).
  bool usage_estimated = false;
  int attempts = 0;       // HTTP attempts this response took (0 when from the cache)
  std::string model;      // as reported by the server
  std::string cache_key;  // set for a deferred cache write (see ChatRequest)
};

// What the server says about itself before a run (LlmClient::Probe).
struct ServerInfo {
  std::vector<std::string> models;  // ids listed by /v1/models
  int64_t context_tokens = 0;       // vLLM max_model_len or llama-server n_ctx; 0 = unknown
  std::string kind;                 // "vllm", "llama-server", "openai-compatible"
};

// Counters since the client was created (a snapshot).
struct LlmStats {
  uint64_t submitted = 0;      // Submit() calls
  uint64_t completed_ok = 0;   // callbacks with a response
  uint64_t failed = 0;         // callbacks with an error
  uint64_t http_requests = 0;  // HTTP requests sent (attempts)
  uint64_t cache_hits = 0;
  uint64_t cache_misses = 0;
  uint64_t retries = 0;  // all causes
  uint64_t retries_429 = 0;
  uint64_t retries_5xx = 0;
  uint64_t retries_connect = 0;    // connection refused/reset, dropped mid-body
  uint64_t retries_timeout = 0;    // connect, first-byte or total timeout
  uint64_t retries_malformed = 0;  // 2xx with an unusable body or content type
  uint64_t n_fallbacks = 0;        // n>1 requests split into n requests
  uint64_t streamed = 0;           // attempts answered with an event stream
  uint64_t stopped_early = 0;      // streams the client cut at the stop marker or the byte cap
  uint64_t output_capped = 0;      // choices cut at max_output_bytes
  uint64_t stream_errors = 0;      // error events inside a 200 stream (retried)
  uint64_t usage_estimated = 0;    // answers whose token counts are estimates
  uint64_t prompt_tokens = 0;      // from `usage` of answers received over HTTP
  uint64_t completion_tokens = 0;
  uint64_t in_flight = 0;  // now
  uint64_t queued = 0;     // now: waiting for an endpoint slot or a retry timer
  Json ToJson() const;
};

class LlmClient {
 public:
  using Callback = std::function<void(StatusOr<ChatResponse>)>;

  // Validates the config (URLs, model, API key variable set when named), opens the cache and
  // starts the event-loop thread.
  static StatusOr<std::shared_ptr<LlmClient>> Create(LlmEndpointConfig config,
                                                     CacheOptions cache = {});
  ~LlmClient();  // fails what is still pending (kCancelled), then joins the loop thread
  LlmClient(const LlmClient&) = delete;
  LlmClient& operator=(const LlmClient&) = delete;

  // Queues a request; `done` is called exactly once, on the client's event-loop thread (or on
  // the caller's thread for a cache hit or an invalid request). Keep `done` short: it runs on
  // the thread that drives every transfer. It may call Submit() again.
  void Submit(ChatRequest request, Callback done);

  // Blocking convenience: Submit and wait. Never call it from inside a callback.
  StatusOr<ChatResponse> Call(ChatRequest request);

  // Checks every endpoint before a run: GET BASE/models answers, the model is listed (or the
  // server is a llama-server, which serves whatever it loaded under any name), and reads the
  // context size where the server says it (vLLM `max_model_len` in /v1/models, llama-server
  // `n_ctx` in /props; the smallest over endpoints). Errors are one line naming the URL and
  // the fix: a URL given with /chat/completions, a dead endpoint, 401/403, 404, a model the
  // server does not serve.
  StatusOr<ServerInfo> Probe(double timeout_s = 10) const;

  // Writes a reply taken with `defer_cache_write` to the cache (no-op without a cache, for a
  // cut or empty reply, or one from the cache). Thread-safe; written before it returns.
  void Remember(const ChatResponse& response);

  LlmStats stats() const;
  const LlmEndpointConfig& config() const;

  // The canonical JSON body of a request (what is hashed for the cache and sent).
  std::string RequestBody(const ChatRequest& request) const;

  class Impl;

 private:
  explicit LlmClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace refinery
