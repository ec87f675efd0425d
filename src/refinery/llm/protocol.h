// The wire format of OpenAI-compatible servers, as pure functions (no I/O) so they can be
// unit-tested and fuzzed: request bodies, cache keys, response parsing, error messages and
// retry timing.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/llm/client.h"

namespace refinery::llm {

// The JSON body sent for `request` to a server serving `model`: model, messages|prompt, the
// sampling fields, then extra_body merged at the top level (extra_body wins).
Json BuildRequestBody(const ChatRequest& request, const std::string& model);

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

// Serialisation of a response for the cache.
std::string ResponseToCacheValue(const ChatResponse& response);
StatusOr<ChatResponse> ResponseFromCacheValue(std::string_view value);

}  // namespace refinery::llm
