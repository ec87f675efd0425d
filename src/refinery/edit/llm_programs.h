// LLM mode of the edit step (ProX style): a document is split into chunks of numbered lines
// (`[NNN]line`, numbered across the whole document, inside `[doc]` ... `[/doc]`) under a token
// budget; a versioned prompt asks for an edit program per chunk; the chunk programs are
// checked (ops must stay inside their chunk) and joined into one program that the interpreter
// executes. Malformed answers are counted per cause, never silently lost.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/edit/program.h"
#include "refinery/llm/client.h"

namespace refinery::edit {

inline constexpr const char* kEditPromptVersion = "edit-prox-v1";

struct ProxChunk {
  size_t first_line = 0;  // inclusive
  size_t last_line = 0;   // inclusive
  std::string text;       // "[doc]\n[000]...\n[/doc]"
};

// Splits `text` into chunks of whole lines whose estimated tokens stay within `chunk_tokens`
// (a longer single line is a chunk of its own). Line numbers have at least 3 digits.
std::vector<ProxChunk> MakeProxChunks(std::string_view text, size_t chunk_tokens);

struct LlmEditOptions {
  bool deletion_only = false;
  int64_t max_tokens = 256;  // per chunk answer (ProX)
  double temperature = 0;
};

// The chat request for one chunk (system prompt of version kEditPromptVersion).
ChatRequest BuildChunkRequest(const ProxChunk& chunk, const LlmEditOptions& options);

// Adds one chunk's answer to `joined`: valid ops inside the chunk are appended; parse errors
// and ops that reach outside the chunk (cause "line_outside_chunk") become errors of `joined`;
// drop_doc() in a document of several chunks removes that chunk's lines. Returns the causes
// seen ("ok", "empty_answer", parse causes, "line_outside_chunk").
std::vector<std::string> AddChunkAnswer(std::string_view answer, const ProxChunk& chunk,
                                        bool single_chunk, Program& joined);

}  // namespace refinery::edit
