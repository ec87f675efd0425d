// The bytes behind a batch's records. Internal to the executor, its source and its sinks.
#pragma once

#include <string>

#include "refinery/core/byte_buffer.h"
#include "refinery/core/line_block.h"
#include "refinery/core/record.h"

namespace refinery {

struct Batch::Storage : LineBlock {
  const std::string* file = nullptr;  // every line of a batch comes from one file
  bool last_in_part = false;
  // With last_in_part: where the next part of the same file starts (for resume markers).
  uint64_t next_line_offset = 0;
  uint64_t next_line_lines_before = 0;
  // The records' texts (unescaped), copied once per batch rather than allocated per record.
  StringArena texts;

  void Clear() {
    LineBlock::Clear();
    file = nullptr;
    last_in_part = false;
  }
};

}  // namespace refinery
