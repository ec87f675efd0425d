// A plain input file mapped into memory, so records can be validated and written straight
// from the page cache instead of being copied into a buffer first.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "refinery/core/status.h"

namespace refinery {

// A read-only, shared mapping of a whole file followed by at least one readable zero page
// (simdjson's padding after the last line). Immutable once made and safe to share between
// threads; batches hold it by shared_ptr until their records are written.
//
// The file must not shrink while it is mapped: reading a page past a new end raises SIGBUS.
// Inputs must not change during a run anyway (resume refuses changed inputs).
class MappedFile {
 public:
  static StatusOr<std::shared_ptr<const MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }
  uint64_t size() const { return size_; }

  // Unmaps nothing, but lets the process drop its page-table entries for [begin, end): a long
  // sequential read then keeps a bounded resident set. The bytes stay readable (a later read
  // refaults them from the page cache).
  void Release(uint64_t begin, uint64_t end) const;

 private:
  MappedFile() = default;
  char* data_ = nullptr;
  uint64_t size_ = 0;
  size_t mapped_ = 0;  // bytes reserved, padding page included
};

}  // namespace refinery
