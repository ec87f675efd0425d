#include "refinery/io/shard_plan.h"

#include <algorithm>
#include <cstring>

namespace refinery {
namespace {

constexpr size_t kBlock = 1 << 20;

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
  r->path_ = file.path;
  r->end_ = part.end;
  r->max_line_bytes_ = max_line_bytes;
  r->block_.resize(kBlock);
  if (part.whole_file) start = LineStart{};
  uint64_t begin = start.offset;
  r->line_number_ = start.lines_before + 1;
  r->at_file_start_ = begin == 0;
  r->offset_ = begin;
  if (begin >= r->end_) {
    r->eof_ = true;
    return r;
  }
  ASSIGN_OR_RETURN(r->source_, OpenByteSource(file.path, file.compression, begin));
  return r;
}

uint64_t PartReader::raw_offset() const { return source_ ? source_->raw_offset() : 0; }

StatusOr<bool> PartReader::Fill() {
  offset_ += len_;
  pos_ = len_ = 0;
  if (eof_) return false;
  ASSIGN_OR_RETURN(size_t got, source_->Read(block_.data(), block_.size()));
  if (got == 0) {
    eof_ = true;
    return false;
  }
  len_ = got;
  return true;
}

StatusOr<bool> PartReader::Next(InputLine& line) {
  carry_.clear();
  while (true) {
    // A line is owned when it starts before the part's end.
    if (offset_ + pos_ >= end_) return false;
    if (pos_ == len_) {
      ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) return false;
      continue;
    }
    uint64_t length = 0;
    bool oversize = false;
    std::string_view bytes;
    bool in_block = true;
    while (true) {
      const char* begin = block_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(begin, '\n', len_ - pos_));
      size_t take = nl ? static_cast<size_t>(nl - begin) : len_ - pos_;
      length += take;
      if (length > max_line_bytes_) oversize = true;
      if (nl && in_block && !oversize) {
        bytes = std::string_view(begin, take);
      } else if (!oversize) {
        carry_.append(begin, take);
        in_block = false;
      }
      pos_ += take;
      if (nl) {
        ++pos_;
        ++length;  // the terminator
        break;
      }
      ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) break;
    }
    if (!in_block) bytes = carry_;
    line.line = line_number_++;
    line.raw_bytes = length;
    line.oversize = oversize ? length : 0;
    if (oversize) {
      line.bytes = {};
      carry_.clear();
      at_file_start_ = false;
      return true;
    }
    if (at_file_start_) {
      at_file_start_ = false;
      if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    }
    if (!bytes.empty() && bytes.back() == '\r') bytes.remove_suffix(1);
    line.bytes = bytes;
    bool blank = bytes.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) {
      carry_.clear();
      continue;
    }
    return true;
  }
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
