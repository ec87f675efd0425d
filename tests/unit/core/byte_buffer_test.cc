#include "refinery/core/byte_buffer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace refinery {
namespace {

TEST(ByteBufferTest, GrowsKeepingContentAndZeroPaddingPastTheEnd) {
  ByteBuffer b;
  std::string expected;
  for (int i = 0; i < 2000; ++i) {
    std::string piece = std::to_string(i) + ",";
    b.Append(piece);
    expected += piece;
    ASSERT_EQ(b.view(), expected);
    for (size_t k = 0; k < kJsonPadding; ++k) ASSERT_EQ(b.data()[b.size() + k], '\0');
  }
  b.Resize(3);
  EXPECT_EQ(b.view(), expected.substr(0, 3));
  EXPECT_EQ(b.data()[3], '\0');
}

TEST(ByteBufferTest, TrimReleasesOnlyOversizedStorage) {
  ByteBuffer b;
  b.Reserve(1000);
  b.Trim(4096);
  EXPECT_GE(b.capacity(), 1000u);
  b.Reserve(10000);
  b.Trim(4096);
  EXPECT_EQ(b.capacity(), 0u);
  b.Append("x");
  EXPECT_EQ(b.view(), "x");
}

TEST(StringArenaTest, ViewsStayValidUntilClearAndBlocksAreReused) {
  StringArena arena;
  std::vector<std::pair<std::string_view, std::string>> copies;
  for (int i = 0; i < 5000; ++i) {
    std::string s(static_cast<size_t>(i % 700), static_cast<char>('a' + i % 26));
    copies.emplace_back(arena.Copy(s), s);
  }
  std::string huge(3 << 20, 'h');  // larger than a block
  copies.emplace_back(arena.Copy(huge), huge);
  for (const auto& [view, original] : copies) ASSERT_EQ(view, original);
  std::string_view first_before = copies[1].first;
  arena.Clear();
  EXPECT_EQ(arena.Copy("b").data(), first_before.data());  // the first block is reused
  EXPECT_TRUE(arena.Copy("").empty());
}

}  // namespace
}  // namespace refinery
