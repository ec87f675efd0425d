// Input lines held in place in one buffer: what a reader fills and a batch is made of.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "refinery/core/byte_buffer.h"
#include "refinery/core/mapped_file.h"

namespace refinery {

// Whole input lines, in place: the input as read into `bytes`, or the mapped file itself
// (terminators, CRs and blank lines included, so runs of unchanged records can be written
// back without copying them); each Line locates one record's bytes there.
struct LineBlock {
  struct Line {
    size_t offset = 0;      // from data()
    size_t length = 0;      // without the terminator, a CR before it, or a BOM
    uint64_t number = 0;    // 1-based line number in the file
    uint64_t oversize = 0;  // > 0: the line was too long (its length, terminator included)
                            // and its bytes are not in `bytes`
  };
  ByteBuffer bytes;                          // the lines' bytes, read from a stream
  std::shared_ptr<const MappedFile> mapped;  // or the file they are in (offsets = file offsets)
  std::vector<Line> lines;
  uint64_t input_bytes = 0;  // input bytes of the lines, terminators included

  // Every line is followed by at least kJsonPadding readable bytes.
  const char* data() const { return mapped ? mapped->data() : bytes.data(); }
  std::string_view line_bytes(const Line& line) const {
    return {data() + line.offset, line.length};
  }
  void Clear() {
    bytes.Clear();
    mapped.reset();
    lines.clear();
    input_bytes = 0;
  }
};

}  // namespace refinery
