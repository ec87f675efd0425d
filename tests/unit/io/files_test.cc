#include "refinery/io/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace refinery {
namespace {

namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("refinery-files-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
    for (const char* name : {"b.jsonl", "a.jsonl.gz", "sub/c.jsonl.zst", "notes.txt"}) {
      std::ofstream(dir_ / name) << "x";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FilesTest, DirectoryExpandsToSortedJsonlFilesRecursively) {
  auto files = ResolveInputs({dir_.string()});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].path, (dir_ / "a.jsonl.gz").string());
  EXPECT_EQ((*files)[0].compression, Compression::kGzip);
  EXPECT_EQ((*files)[1].path, (dir_ / "b.jsonl").string());
  EXPECT_EQ((*files)[2].compression, Compression::kZstd);
}

TEST_F(FilesTest, RunDirectoryContributesOnlyItsParts) {
  fs::create_directories(dir_ / "run");
  for (const char* name : {"run.json", "part-00000-00000.jsonl", "part-00000-00001.jsonl.zst",
                           "rejects.jsonl", "audit.jsonl", "rejects-00000-00000.jsonl"}) {
    std::ofstream(dir_ / "run" / name) << "x";
  }
  auto files = ResolveInputs({(dir_ / "run").string()});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, (dir_ / "run/part-00000-00000.jsonl").string());
}

TEST_F(FilesTest, GlobsAreSortedAndDeduplicated) {
  auto files = ResolveInputs({(dir_ / "*.jsonl*").string(), (dir_ / "b.jsonl").string()});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 2u);
}

TEST_F(FilesTest, MissingInputsAreErrorsNamingThem) {
  auto missing = ResolveInputs({(dir_ / "nope.jsonl").string()});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(std::string(missing.status().message()).find("nope.jsonl"), std::string::npos);
  auto empty_glob = ResolveInputs({(dir_ / "*.parquet").string()});
  ASSERT_FALSE(empty_glob.ok());
  EXPECT_NE(std::string(empty_glob.status().message()).find("no file matches"), std::string::npos);
}

TEST_F(FilesTest, AtomicWriteReplacesContent) {
  std::string path = (dir_ / "marker.json").string();
  ASSERT_TRUE(WriteFileAtomic(path, "one").ok());
  ASSERT_TRUE(WriteFileAtomic(path, "two").ok());
  EXPECT_EQ(*ReadFile(path), "two");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

}  // namespace
}  // namespace refinery
