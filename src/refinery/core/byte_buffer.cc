#include "refinery/core/byte_buffer.h"

#include <algorithm>
#include <cstring>

namespace refinery {

void ByteBuffer::Reserve(size_t n) {
  if (n <= capacity_) return;
  size_t capacity = std::max(n, capacity_ + capacity_ / 2);
  auto grown = std::make_unique_for_overwrite<char[]>(capacity + kJsonPadding);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
  std::memset(grown.get() + size_, 0, kJsonPadding);
  data_ = std::move(grown);
  capacity_ = capacity;
}

void ByteBuffer::Resize(size_t n) {
  Reserve(n);
  if (!data_) Reserve(1);
  size_ = n;
  std::memset(data_.get() + size_, 0, kJsonPadding);
}

void ByteBuffer::Append(std::string_view bytes) {
  size_t at = size_;
  Reserve(at + bytes.size());
  if (!bytes.empty()) std::memcpy(data_.get() + at, bytes.data(), bytes.size());
  Resize(at + bytes.size());
}

void ByteBuffer::Trim(size_t max_capacity) {
  if (capacity_ <= max_capacity) return;
  data_.reset();
  size_ = capacity_ = 0;
}

std::string_view StringArena::Copy(std::string_view s) {
  if (s.empty()) return {};
  while (current_ < blocks_.size() && blocks_[current_].size - blocks_[current_].used < s.size()) {
    ++current_;
  }
  if (current_ == blocks_.size()) {
    size_t size = std::max(kBlock, s.size());
    blocks_.push_back({AllocateHugePageBytes(size), size, 0});
  }
  Block& block = blocks_[current_];
  char* at = block.data.get() + block.used;
  std::memcpy(at, s.data(), s.size());
  block.used += s.size();
  return {at, s.size()};
}

void StringArena::Clear() {
  // Blocks made for one huge string are released; the regular ones are kept for reuse.
  std::erase_if(blocks_, [](const Block& b) { return b.size > kBlock; });
  for (Block& b : blocks_) b.used = 0;
  current_ = 0;
}

}  // namespace refinery
