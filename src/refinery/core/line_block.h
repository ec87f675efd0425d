// Input lines held in place in one buffer: what a reader fills and a batch is made of.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/core/byte_buffer.h"

namespace refinery {

// Whole input lines, read in place: `bytes` holds the input as read (terminators, CRs and blank
// lines included, so runs of unchanged records can be written back without copying them), and
// each Line locates one record's bytes in it.
struct LineBlock {
  struct Line {
    size_t offset = 0;      // into `bytes`
    size_t length = 0;      // without the terminator, a CR before it, or a BOM
    uint64_t number = 0;    // 1-based line number in the file
    uint64_t oversize = 0;  // > 0: the line was too long (its length, terminator included)
                            // and its bytes are not in `bytes`
  };
  ByteBuffer bytes;
  std::vector<Line> lines;
  uint64_t input_bytes = 0;  // input bytes of the lines, terminators included

  std::string_view line_bytes(const Line& line) const {
    return {bytes.data() + line.offset, line.length};
  }
  void Clear() {
    bytes.Clear();
    lines.clear();
    input_bytes = 0;
  }
};

}  // namespace refinery
