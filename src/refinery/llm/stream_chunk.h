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
  // The string token `content` was read from (quotes included), and how many such tokens the
  // choice had (ChunkShape only trusts a choice with exactly one).
  size_t content_begin = 0, content_end = 0;
  int content_tokens = 0;
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

// The shape of a token event: a chunk that carries only a piece of one choice's answer. A
// server writes every token event of a stream as the same bytes around another piece (same
// id, created, model, index and nulls), so the next one is read by comparing the bytes before
// and after its content string with the shape's and reading that string alone: a few
// hundred instructions instead of a scan of the whole chunk. Any other byte difference (a
// finish_reason, usage, another field) is not a match, and the chunk is scanned.
struct ChunkShape {
  std::string json;
  size_t begin = 0, end = 0;  // the content string token in `json`, quotes included
  int64_t index = 0;
  bool valid = false;

  // Makes `json` (just read into `chunk` by ScanStreamChunk) the shape when it is a token
  // event; otherwise keeps the current one.
  void Remember(std::string_view json, const ScannedChunk& chunk);
  // True when `json` is the shape with another string in place of the content: `out` then
  // holds that chunk (one choice, `index`, its content) as ScanStreamChunk would read it.
  bool Match(std::string_view json, ScannedChunk& out) const;
};

}  // namespace refinery::llm
