#include "refinery/core/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace refinery {
namespace {

// Tables of 1 MiB and more start on a 2 MiB boundary (what a transparent huge page needs);
// small ones are ordinary allocations; both hold and copy their values like any vector.
TEST(HugePageVector, LargeTablesAreHugePageAlignedSmallOnesOrdinary) {
  HugePageVector<uint64_t> large(300000, 7);  // 2.4 MB
  EXPECT_EQ(reinterpret_cast<uintptr_t>(large.data()) % (size_t{2} << 20), 0u);
  large[299999] = 9;
  HugePageVector<uint64_t> copy = large;
  EXPECT_EQ(copy[0], 7u);
  EXPECT_EQ(copy[299999], 9u);
  HugePageVector<uint16_t> small(100, 3);
  EXPECT_EQ(small[99], 3);
  small.assign(600000, 1);  // grows past the threshold: reallocated from the large path
  EXPECT_EQ(reinterpret_cast<uintptr_t>(small.data()) % (size_t{2} << 20), 0u);
  small.clear();
  small.shrink_to_fit();
  EXPECT_TRUE(small.empty());
}

}  // namespace
}  // namespace refinery
