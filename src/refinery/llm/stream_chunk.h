// One chunk of a streamed reply (`data: {...}` of a chat.completion.chunk or a streamed
// text_completion), read in one pass without building a document: a reply of N tokens is N
// chunks, and a general JSON parser's fixed cost per document (simdjson's tape, nlohmann's
// tree) was most of the client's CPU per streamed request. Only the fields the client uses are
// kept; every other value is skipped (and checked for syntax).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refinery::llm {

struct ChunkChoice {
  int64_t index = 0;
  std::string_view content;                       // delta.content (chat) or text (completions)
  std::string_view reasoning;                     // delta.reasoning_content or delta.reasoning
  std::optional<std::string_view> finish_reason;  // absent or null: nullopt
  bool has_stop_reason = false;                   // vLLM: present
  std::optional<std::string_view> stop_reason;    // the stop string (null or a token id: nullopt)
};

struct ScannedChunk {
  std::vector<ChunkChoice> choices;
  bool has_usage = false;
  int64_t prompt_tokens = 0, completion_tokens = 0;
  std::string_view model;
  std::deque<std::string> decoded;  // storage of strings that had escapes (stable addresses)
  void Clear();
};

// Reads `json` into `out` (views into `json` or out.decoded). False when it is not an object
// of the expected shape: a syntax error, an "error" member that is not null (an error event),
// an index out of range. The caller then reads it with a full parser.
bool ScanStreamChunk(std::string_view json, bool completions_endpoint, ScannedChunk& out);

}  // namespace refinery::llm
