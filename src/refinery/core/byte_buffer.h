// Growable byte storage for input lines and copied strings.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "refinery/core/huge_pages.h"

namespace refinery {

inline constexpr size_t kJsonPadding = 64;  // simdjson::SIMDJSON_PADDING

// A byte buffer that does not zero what it allocates (input is read straight into it) and
// always keeps kJsonPadding bytes readable, and zeroed, past its end, so any line in it can be
// parsed in place by simdjson.
class ByteBuffer {
 public:
  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data_.get(), size_}; }

  // Makes room for `n` bytes in all, keeping the content.
  void Reserve(size_t n);
  // Sets the size; bytes beyond the old size are whatever was there (callers fill them).
  void Resize(size_t n);
  void Append(std::string_view bytes);
  void Clear() { Resize(0); }
  // Frees the storage when it grew past `max_capacity` (after a huge line), so a pool of
  // buffers does not keep the largest line ever seen once per buffer.
  void Trim(size_t max_capacity);

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Copies strings into large blocks that are reused after Clear(): one allocation per block
// instead of one per string. Views stay valid until Clear().
class StringArena {
 public:
  std::string_view Copy(std::string_view s);
  void Clear();

 private:
  // One huge page: a block is written once per batch, and on a VM each 4 KiB page's first
  // touch (a page fault) cost more than copying its bytes. A batch's texts (1 MiB of input by
  // default) fit one block; the engine's pool of 2 x threads + 2 batches keeps one each, so 64
  // threads hold ~260 MiB of them.
  static constexpr size_t kBlock = 2 << 20;
  struct Block {
    HugePageBytes data;
    size_t size = 0;
    size_t used = 0;
  };
  std::vector<Block> blocks_;
  size_t current_ = 0;  // index of the block being filled
};

}  // namespace refinery
