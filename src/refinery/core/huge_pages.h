// Memory for large tables read at random (model weights, hash tables): blocks of 1 MiB and more
// are aligned to 2 MiB and advised as transparent huge pages, so that a lookup anywhere in a
// table of a few MiB needs one TLB entry per 2 MiB instead of one per 4 KiB page, and the
// table is faulted in a few times instead of once per page. Advice only: where the kernel gives
// no huge page, the memory is ordinary pages. Smaller blocks come from operator new.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

namespace refinery {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  static constexpr size_t kMinBytes = size_t{1} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding, as allocators do

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMinBytes) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kMinBytes)
      ::operator delete(p);
    else
      std::free(p);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

// A vector whose large buffers are huge-page backed (see above).
template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

// Uninitialised bytes from HugePageAllocator, released with it.
struct HugePageBytesDeleter {
  size_t size = 0;
  void operator()(char* p) const { HugePageAllocator<char>().deallocate(p, size); }
};
using HugePageBytes = std::unique_ptr<char[], HugePageBytesDeleter>;
inline HugePageBytes AllocateHugePageBytes(size_t n) {
  return HugePageBytes(HugePageAllocator<char>().allocate(n), HugePageBytesDeleter{n});
}

}  // namespace refinery
