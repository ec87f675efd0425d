#include "refinery/io/files.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

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

// ReadFile sizes a regular file up front; files whose size says nothing (a /proc file reports
// 0, a FIFO has none) are still read to their end, and empty or missing files are as before.
TEST_F(FilesTest, ReadFileReadsRegularSpecialAndEmptyFiles) {
  std::string big(3 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131 + (i >> 12));
  const std::string path = (dir_ / "big.bin").string();
  std::ofstream(path, std::ios::binary) << big;
  EXPECT_EQ(*ReadFile(path), big);
  std::ofstream((dir_ / "empty").string());
  EXPECT_EQ(*ReadFile((dir_ / "empty").string()), "");
  EXPECT_FALSE(ReadFile((dir_ / "missing").string()).ok());

  auto status = ReadFile("/proc/self/status");
  ASSERT_TRUE(status.ok());
  EXPECT_NE(status->find("Pid:"), std::string::npos);

  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << "through a pipe"; });
  auto piped = ReadFile(fifo);
  writer.join();
  ASSERT_TRUE(piped.ok());
  EXPECT_EQ(*piped, "through a pipe");
}

}  // namespace
}  // namespace refinery
