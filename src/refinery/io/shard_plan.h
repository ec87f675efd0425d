// Which records a process reads: shards (across processes) and parts (output units).
//
// The sorted input files are laid end to end; shard s of N owns the global byte range
// [s*T/N, (s+1)*T/N). A plain file's bytes in that range are cut into parts of `part_bytes`;
// a part owns every line whose first byte lies in its range, so every line belongs to exactly
// one part of one shard whatever the cut points. Compressed files cannot be entered mid-stream:
// each is one part, owned by the shard in which the file starts. Empty files own nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "refinery/core/status.h"
#include "refinery/io/files.h"

namespace refinery {

struct PartPlan {
  uint32_t index = 0;  // part number within the shard (NNNNN in part-SSSSS-NNNNN)
  size_t file = 0;     // index into the input list
  uint64_t begin = 0;  // owned byte range of line starts; the whole stream for compressed input
  uint64_t end = 0;
  bool whole_file = false;
};

std::vector<PartPlan> PlanShard(const std::vector<InputFile>& files, uint32_t num_shards,
                                uint32_t shard_index, uint64_t part_bytes);

// One input line: its bytes (without the terminator, CR or BOM), 1-based line number and the
// input bytes it took (terminator included). An oversized line has empty bytes and
// `oversize` set to its length.
struct InputLine {
  std::string_view bytes;
  uint64_t line = 0;
  uint64_t raw_bytes = 0;
  uint64_t oversize = 0;
};

// The file offset of a line start, and how many lines precede it.
struct LineStart {
  uint64_t offset = 0;
  uint64_t lines_before = 0;
};

// The first line starting at or after `offset` (plain files only). Reads the file up to there:
// needed once per shard that starts mid-file, since line numbers are counted from the top.
StatusOr<LineStart> FindLineStart(const InputFile& file, uint64_t offset);

// Reads the lines owned by one part. Memory is bounded by `max_line_bytes` plus a block.
class PartReader {
 public:
  // `start` is the first line start at or after the part's begin (FindLineStart, or the
  // previous part's next_line_start()); ignored for whole-file parts.
  static StatusOr<std::unique_ptr<PartReader>> Open(const InputFile& file, const PartPlan& part,
                                                    LineStart start, uint64_t max_line_bytes);
  // Fills `line` and returns true, or returns false at the part's end. Blank lines are skipped.
  // `line.bytes` stays valid until the next call.
  StatusOr<bool> Next(InputLine& line);
  // Where the following part of the same file starts reading (valid after Next returned false).
  LineStart next_line_start() const { return {offset_ + pos_, line_number_ - 1}; }
  // Raw (possibly compressed) bytes of the file consumed so far, for progress.
  uint64_t raw_offset() const;

 private:
  PartReader() = default;
  StatusOr<bool> Fill();

  std::unique_ptr<ByteSource> source_;
  std::string path_;
  uint64_t end_ = 0;     // stop before a line starting at or after this offset
  uint64_t offset_ = 0;  // file offset of block_[pos_]
  std::string block_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  bool at_file_start_ = false;
  uint64_t line_number_ = 1;
  uint64_t max_line_bytes_ = 0;
  std::string carry_;  // a line that spans blocks
};

}  // namespace refinery
