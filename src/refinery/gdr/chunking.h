// Long documents are rewritten chunk by chunk: split at paragraph, then line, then sentence or
// space boundaries under a byte budget (≈ 4 bytes per token), so that the chunks concatenated
// give back the document exactly.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/detect/pii_detector.h"

namespace refinery::gdr {

struct Chunk {                // views into the document given to SplitIntoChunks
  size_t begin = 0, end = 0;  // byte range in the document
  std::string_view lead;      // whitespace before the core (kept as is, not sent)
  std::string_view core;      // what is sent to the model
  std::string_view trail;     // whitespace after the core (kept as is, not sent)
};

// Splits `text` into chunks of at most `max_bytes` (a single word longer than that is cut at a
// UTF-8 boundary). One chunk when the text fits.
std::vector<Chunk> SplitIntoChunks(std::string_view text, size_t max_bytes);

// Which surrogate replaced each PII value of `original` in `rewrite`, found by anchoring on the
// text around each span (byte offsets into `original`). Values whose replacement cannot be
// located are skipped. Used to tell later chunks the surrogates chosen in earlier ones.
std::vector<std::pair<std::string, std::string>> InferReplacements(
    std::string_view original, std::string_view rewrite, const std::vector<PiiSpan>& byte_spans);

}  // namespace refinery::gdr
