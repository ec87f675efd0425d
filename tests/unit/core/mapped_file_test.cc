#include "refinery/core/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace refinery {
namespace {

// A file of exactly one page: its bytes, then readable zeros (simdjson's padding) past its end.
TEST(MappedFileTest, PageSizedFileIsFollowedByReadableZeros) {
  std::string path =
      (std::filesystem::temp_directory_path() / ("refinery-map-" + std::to_string(::getpid())))
          .string();
  size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::string content(page, 'x');
  content.back() = '\n';
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  auto file = MappedFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ((*file)->size(), page);
  EXPECT_EQ(std::string_view((*file)->data(), page), content);
  for (size_t i = 0; i < 64; ++i) EXPECT_EQ((*file)->data()[page + i], '\0');
  // Released pages read the same again.
  (*file)->Release(0, page);
  EXPECT_EQ(std::string_view((*file)->data(), page), content);
  std::filesystem::remove(path);
  EXPECT_FALSE(MappedFile::Open(path).ok());
}

}  // namespace
}  // namespace refinery
