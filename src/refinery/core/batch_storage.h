// The bytes behind a batch's records. Internal to the executor and the record parser.
#pragma once

#include <string>
#include <vector>

#include "refinery/core/record.h"

namespace refinery {

inline constexpr size_t kJsonPadding = 64;  // simdjson::SIMDJSON_PADDING

struct Batch::Storage {
  // Input lines, each followed by '\n'; the tail always keeps simdjson's padding so any
  // record can be parsed in place.
  std::string bytes;
  struct Line {
    size_t offset = 0;
    size_t length = 0;
    uint64_t number = 0;    // 1-based line number in the file
    uint64_t oversize = 0;  // > 0: the line was too long and is not in `bytes`
  };
  std::vector<Line> lines;
  const std::string* file = nullptr;  // every line of a batch comes from one file
  bool last_in_part = false;
  uint64_t input_bytes = 0;  // raw bytes of the lines, terminators included
  // With last_in_part: where the next part of the same file starts (for resume markers).
  uint64_t next_line_offset = 0;
  uint64_t next_line_lines_before = 0;

  void Clear() {
    lines.clear();
    bytes.clear();
    file = nullptr;
    last_in_part = false;
    input_bytes = 0;
  }
  void AddLine(std::string_view line, uint64_t number) {
    lines.push_back({bytes.size(), line.size(), number, 0});
    bytes.append(line);
    bytes.push_back('\n');
  }
  // Adds the padding simdjson needs after the last line.
  void Seal() { bytes.append(kJsonPadding, '\0'); }
};

}  // namespace refinery
