#include "refinery/io/shard_plan.h"

#include <algorithm>
#include <cstring>

namespace refinery {
namespace {

constexpr size_t kBlock = 1 << 20;
constexpr size_t kMinRead = 64 << 10;

uint64_t Boundary(uint64_t total, uint32_t num_shards, uint32_t s) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(total) * s / num_shards);
}

}  // namespace

std::vector<PartPlan> PlanShard(const std::vector<InputFile>& files, uint32_t num_shards,
                                uint32_t shard_index, uint64_t part_bytes) {
  std::vector<PartPlan> parts;
  if (files.size() == 1 && files[0].path == "-") {
    if (shard_index == 0) parts.push_back({0, 0, 0, UINT64_MAX, true});
    return parts;
  }
  uint64_t total = 0;
  for (const InputFile& f : files) total += f.size;
  const uint64_t lo = Boundary(total, num_shards, shard_index);
  const uint64_t hi =
      shard_index + 1 == num_shards ? total : Boundary(total, num_shards, shard_index + 1);
  part_bytes = std::max<uint64_t>(part_bytes, 1);
  uint64_t global = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const InputFile& f = files[i];
    const uint64_t start = global;
    global += f.size;
    if (f.size == 0) continue;
    if (f.compression != Compression::kNone) {
      bool owned = (start >= lo && start < hi);
      if (owned) parts.push_back({static_cast<uint32_t>(parts.size()), i, 0, UINT64_MAX, true});
      continue;
    }
    uint64_t a = std::max(start, lo), b = std::min(global, hi);
    for (uint64_t p = a; p < b;) {
      uint64_t q = b - p > part_bytes ? p + part_bytes : b;  // no overflow for huge part_bytes
      parts.push_back({static_cast<uint32_t>(parts.size()), i, p - start, q - start, false});
      p = q;
    }
  }
  return parts;
}

StatusOr<std::unique_ptr<PartReader>> PartReader::Open(const InputFile& file, const PartPlan& part,
                                                       LineStart start, uint64_t max_line_bytes) {
  std::unique_ptr<PartReader> r(new PartReader());
  r->end_ = part.end;
  r->max_line_bytes_ = max_line_bytes;
  if (part.whole_file) start = LineStart{};
  r->line_number_ = start.lines_before + 1;
  r->at_file_start_ = start.offset == 0;
  r->pending_offset_ = start.offset;
  r->next_line_start_ = start;
  if (start.offset >= r->end_) {
    r->ended_ = r->eof_ = true;
    return r;
  }
  if (file.compression == Compression::kNone && file.path != "-") {
    // Plain files are read in place; a file that cannot be mapped is read as a stream.
    StatusOr<std::shared_ptr<const MappedFile>> mapped = MappedFile::Open(file.path);
    if (mapped.ok()) {
      r->mapped_ = *std::move(mapped);
      r->released_ = start.offset;
      return r;
    }
  }
  ASSIGN_OR_RETURN(r->source_, OpenByteSource(file.path, file.compression, start.offset));
  return r;
}

uint64_t PartReader::raw_offset() const {
  if (mapped_) return pending_offset_;
  return source_ ? source_->raw_offset() : 0;
}

StatusOr<bool> PartReader::ReadMore(ByteBuffer& bytes, size_t want) {
  if (eof_) return false;
  size_t at = bytes.size();
  bytes.Reserve(at + want);
  ASSIGN_OR_RETURN(size_t got, source_->Read(bytes.data() + at, want));
  bytes.Resize(at + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

void PartReader::EndPart(uint64_t offset) {
  ended_ = true;
  next_line_start_ = {offset, line_number_ - 1};
  pending_.Clear();
}

void PartReader::AddLine(LineBlock& block, size_t pos, size_t length, uint64_t raw_bytes) {
  uint64_t number = line_number_++;
  const char* p = block.data() + pos;
  if (length > max_line_bytes_) {
    block.lines.push_back({pos, 0, number, raw_bytes});
    block.input_bytes += raw_bytes;
    at_file_start_ = false;
    return;
  }
  if (at_file_start_) {
    at_file_start_ = false;
    if (length >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
      p += 3;
      pos += 3;
      length -= 3;
    }
  }
  if (length > 0 && p[length - 1] == '\r') --length;
  bool blank = true;
  for (size_t i = 0; i < length && blank; ++i) blank = p[i] == ' ' || p[i] == '\t' || p[i] == '\r';
  if (blank) return;
  block.lines.push_back({pos, length, number, 0});
  block.input_bytes += raw_bytes;
}

Status PartReader::SkipOversizeLine(LineBlock& block, size_t pos) {
  ByteBuffer& bytes = block.bytes;
  uint64_t skipped = bytes.size() - pos;
  bytes.Resize(pos);
  while (true) {
    ASSIGN_OR_RETURN(bool more, ReadMore(bytes, kBlock));
    if (!more) break;  // the line ends the file
    char* begin = bytes.data() + pos;
    size_t got = bytes.size() - pos;
    const char* nl = static_cast<const char*>(std::memchr(begin, '\n', got));
    if (!nl) {
      skipped += got;
      bytes.Resize(pos);
      continue;
    }
    size_t take = static_cast<size_t>(nl - begin) + 1;
    skipped += take;
    std::memmove(begin, begin + take, got - take);  // what follows the line stays
    bytes.Resize(pos + got - take);
    break;
  }
  block.lines.push_back({pos, 0, line_number_++, skipped});
  block.input_bytes += skipped;
  at_file_start_ = false;
  pending_offset_ += skipped;
  return absl::OkStatus();
}

bool PartReader::ReadMappedLines(LineBlock& block, uint64_t max_bytes, size_t max_lines) {
  block.mapped = mapped_;
  const char* data = mapped_->data();
  const uint64_t size = mapped_->size();
  uint64_t pos = pending_offset_;
  bool more = true;
  while (true) {
    if (pos >= end_ || pos >= size) {
      EndPart(std::min(pos, size));
      more = false;
      break;
    }
    // Look for the terminator no further than an acceptable line; past that, the line is
    // skipped (it stays in the page cache, not in memory of ours).
    uint64_t window = std::min<uint64_t>(size - pos, max_line_bytes_ + 1);
    const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', window));
    if (!nl && window < size - pos) {
      nl = static_cast<const char*>(std::memchr(data + pos + window, '\n', size - pos - window));
    }
    uint64_t length = nl ? static_cast<uint64_t>(nl - (data + pos)) : size - pos;
    uint64_t raw = nl ? length + 1 : length;
    AddLine(block, pos, length, raw);
    pos += raw;
    if (block.input_bytes >= max_bytes || block.lines.size() >= max_lines) break;
  }
  pending_offset_ = pos;
  // Batches still in flight may point behind this; released pages are refaulted if read.
  constexpr uint64_t kReleaseLag = 16 << 20;
  if (pos > released_ + 2 * kReleaseLag) {
    mapped_->Release(released_, pos - kReleaseLag);
    released_ = pos - kReleaseLag;
  }
  return more;
}

StatusOr<bool> PartReader::ReadLines(LineBlock& block, uint64_t max_bytes, size_t max_lines) {
  if (ended_) return false;
  if (mapped_) return ReadMappedLines(block, max_bytes, max_lines);
  size_t pos = block.bytes.size();  // the next line starts here, at file offset pending_offset_
  block.bytes.Append(pending_.view());
  pending_.Clear();
  auto full = [&] { return block.input_bytes >= max_bytes || block.lines.size() >= max_lines; };
  // The batch is full: what was read past `pos` waits for the next one.
  auto keep_rest = [&] {
    pending_.Append(std::string_view(block.bytes.data() + pos, block.bytes.size() - pos));
    block.bytes.Resize(pos);
    return true;
  };
  while (true) {
    size_t size = block.bytes.size();
    while (true) {
      if (pending_offset_ >= end_) {  // a line starting here belongs to the next part
        block.bytes.Resize(pos);
        EndPart(pending_offset_);
        return false;
      }
      const char* begin = block.bytes.data() + pos;
      const char* nl =
          pos < size ? static_cast<const char*>(std::memchr(begin, '\n', size - pos)) : nullptr;
      if (!nl) break;
      size_t length = static_cast<size_t>(nl - begin);
      AddLine(block, pos, length, length + 1);
      pos += length + 1;
      pending_offset_ += length + 1;
      if (full()) return keep_rest();
    }
    if (size - pos > max_line_bytes_) {
      RETURN_IF_ERROR(SkipOversizeLine(block, pos));
      if (full()) return keep_rest();
      continue;
    }
    // Read about what the batch still wants, so little is left over to carry to the next one.
    uint64_t have = block.input_bytes + (size - pos);
    size_t want = static_cast<size_t>(
        std::clamp<uint64_t>(max_bytes > have ? max_bytes - have : 0, kMinRead, kBlock));
    ASSIGN_OR_RETURN(bool more, ReadMore(block.bytes, want));
    if (!more) {
      if (pos < size) {  // the last line has no terminator
        AddLine(block, pos, size - pos, size - pos);
        pending_offset_ += size - pos;
      }
      EndPart(pending_offset_);
      return false;
    }
  }
}

StatusOr<bool> PartReader::Next(InputLine& line) {
  while (cursor_ >= block_.lines.size()) {
    if (!more_) return false;
    block_.Clear();
    cursor_ = 0;
    ASSIGN_OR_RETURN(more_, ReadLines(block_, kBlock, SIZE_MAX));
  }
  const LineBlock::Line& l = block_.lines[cursor_++];
  line.bytes = block_.line_bytes(l);
  line.line = l.number;
  line.oversize = l.oversize;
  return true;
}

StatusOr<LineStart> FindLineStart(const InputFile& file, uint64_t offset) {
  LineStart result;
  if (offset == 0) return result;
  ASSIGN_OR_RETURN(auto source, OpenByteSource(file.path, Compression::kNone, 0));
  std::string block(kBlock, '\0');
  uint64_t pos = 0;
  // Count newlines in [0, offset - 1); then the line starting at or after `offset` begins right
  // after the first newline at or past offset - 1.
  while (true) {
    ASSIGN_OR_RETURN(size_t got, source->Read(block.data(), block.size()));
    if (got == 0) {
      result.offset = file.size;
      return result;
    }
    const char* p = block.data();
    const char* end = p + got;
    while (const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p))) {
      uint64_t at = pos + static_cast<uint64_t>(nl - block.data());
      if (at + 1 >= offset) {
        result.offset = at + 1;
        ++result.lines_before;  // the line this newline ends precedes the result too
        return result;
      }
      ++result.lines_before;
      p = nl + 1;
    }
    pos += got;
  }
}

}  // namespace refinery
