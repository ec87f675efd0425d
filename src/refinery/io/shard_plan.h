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

#include "refinery/core/line_block.h"
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

// One input line, for readers that go line by line.
struct InputLine {
  std::string_view bytes;
  uint64_t line = 0;
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

// Reads the lines owned by one part: a plain file in place (mapped), anything else through a
// read buffer. Blank lines are skipped (but counted in line numbers); a
// UTF-8 BOM at the start of the file and a CR before a line's terminator are not part of the
// line. Memory is bounded by `max_line_bytes` plus a read block: a longer line is skipped as
// it is read and reported with `oversize` set.
class PartReader {
 public:
  // `start` is the first line start at or after the part's begin (FindLineStart, or the
  // previous part's next_line_start()); ignored for whole-file parts.
  static StatusOr<std::unique_ptr<PartReader>> Open(const InputFile& file, const PartPlan& part,
                                                    LineStart start, uint64_t max_line_bytes);

  // Appends whole lines to `block` until it holds `max_bytes` of input or `max_lines` lines,
  // or the part ends. Returns false once the part has ended (the block may have got lines).
  StatusOr<bool> ReadLines(LineBlock& block, uint64_t max_bytes, size_t max_lines);

  // One line at a time: fills `line` (valid until the next call) and returns true, or returns
  // false at the part's end.
  StatusOr<bool> Next(InputLine& line);

  // Where the following part of the same file starts reading (valid once the part has ended).
  LineStart next_line_start() const { return next_line_start_; }
  // Raw (possibly compressed) bytes of the file consumed so far, for progress.
  uint64_t raw_offset() const;

 private:
  PartReader() = default;
  bool ReadMappedLines(LineBlock& block, uint64_t max_bytes, size_t max_lines);
  // Reads the next block of input onto the end of `bytes`; false at the end of the stream.
  StatusOr<bool> ReadMore(ByteBuffer& bytes, size_t want);
  // Adds the line at [pos, pos + length) of `block` (terminator excluded).
  void AddLine(LineBlock& block, size_t pos, size_t length, uint64_t raw_bytes);
  // The line at `pos` has no terminator within max_line_bytes: reads past it, keeping what
  // follows its end at `pos`.
  Status SkipOversizeLine(LineBlock& block, size_t pos);
  void EndPart(uint64_t offset);

  std::unique_ptr<ByteSource> source_;        // a stream (compressed input, stdin)
  std::shared_ptr<const MappedFile> mapped_;  // or the plain file, mapped
  uint64_t released_ = 0;                     // mapped_ pages before this were released
  uint64_t end_ = 0;  // a line starting at or after this offset belongs to the next part
  uint64_t max_line_bytes_ = 0;
  ByteBuffer pending_;           // input read but not yet handed out; starts at a line start
  uint64_t pending_offset_ = 0;  // file offset of pending_[0]
  bool eof_ = false;
  bool ended_ = false;
  bool at_file_start_ = false;
  uint64_t line_number_ = 1;
  LineStart next_line_start_;
  // For Next():
  LineBlock block_;
  size_t cursor_ = 0;
  bool more_ = true;
};

}  // namespace refinery
