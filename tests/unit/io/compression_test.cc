#include "refinery/io/compression.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "refinery/io/files.h"

namespace refinery {
namespace {

// One directory per test process, removed when the process ends (the round trips write ~2 MB
// each; left behind, every run of the suite would add them to /tmp).
class ProcessTempDir {
 public:
  ProcessTempDir()
      : dir_(std::filesystem::temp_directory_path() /
             ("refinery-io-" + std::to_string(::getpid()))) {}
  ~ProcessTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const std::filesystem::path& path() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

std::string TempPath(const std::string& name) {
  static const ProcessTempDir dir;
  std::filesystem::create_directories(dir.path());
  return (dir.path() / name).string();
}

std::string ReadAll(ByteSource& source) {
  std::string out, buf(4096, '\0');
  while (true) {
    auto got = source.Read(buf.data(), buf.size());
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok() || *got == 0) return out;
    out.append(buf.data(), *got);
  }
}

std::string Sample() {
  std::string s;
  for (int i = 0; i < 50000; ++i)
    s +=
        "{\"id\": " + std::to_string(i) + ", \"text\": \"line é " + std::to_string(i * 7) + "\"}\n";
  return s;
}

class RoundTrip : public ::testing::TestWithParam<Compression> {};

TEST_P(RoundTrip, WriteThenReadGivesTheSameBytes) {
  std::string path = TempPath("rt.jsonl" + std::string(CompressionExtension(GetParam())));
  std::string data = Sample();
  {
    auto sink = OpenByteSink(path, GetParam());
    ASSERT_TRUE(sink.ok());
    ASSERT_TRUE((*sink)->Write(data.substr(0, 1000)).ok());
    ASSERT_TRUE((*sink)->Write(data.substr(1000)).ok());
    ASSERT_TRUE((*sink)->Finish().ok());
    EXPECT_EQ((*sink)->bytes_written(), data.size());
  }
  EXPECT_EQ(CompressionFromPath(path), GetParam());
  auto source = OpenByteSource(path, GetParam());
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(ReadAll(**source), data);
}

TEST_P(RoundTrip, TruncatedCompressedStreamIsAnErrorNotAShortFile) {
  if (GetParam() == Compression::kNone) GTEST_SKIP() << "plain files have no framing";
  std::string path = TempPath("trunc.jsonl" + std::string(CompressionExtension(GetParam())));
  {
    auto sink = OpenByteSink(path, GetParam());
    ASSERT_TRUE((*sink)->Write(Sample()).ok());
    ASSERT_TRUE((*sink)->Finish().ok());
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  auto source = OpenByteSource(path, GetParam());
  ASSERT_TRUE(source.ok());
  std::string buf(1 << 16, '\0');
  Status last;
  while (true) {
    auto got = (*source)->Read(buf.data(), buf.size());
    if (!got.ok()) {
      last = got.status();
      break;
    }
    if (*got == 0) break;
  }
  EXPECT_FALSE(last.ok());
  EXPECT_NE(std::string(last.message()).find("truncated"), std::string::npos) << last;
  EXPECT_NE(std::string(last.message()).find(path), std::string::npos) << last;
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, RoundTrip,
                         ::testing::Values(Compression::kNone, Compression::kGzip,
                                           Compression::kZstd));

TEST(Compression, ConcatenatedGzipMembersReadAsOneStream) {
  std::string a = TempPath("a.gz"), b = TempPath("b.gz"), both = TempPath("ab.jsonl.gz");
  for (auto [path, text] : {std::pair{a, std::string("{\"text\":\"a\"}\n")},
                            std::pair{b, std::string("{\"text\":\"b\"}\n")}}) {
    auto sink = OpenByteSink(path, Compression::kGzip);
    ASSERT_TRUE((*sink)->Write(text).ok());
    ASSERT_TRUE((*sink)->Finish().ok());
  }
  {
    std::ofstream out(both, std::ios::binary);
    std::ifstream ia(a, std::ios::binary), ib(b, std::ios::binary);
    out << ia.rdbuf() << ib.rdbuf();
  }
  auto source = OpenByteSource(both, Compression::kGzip);
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(ReadAll(**source), "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
}

TEST(Compression, MagicBytesAndNames) {
  EXPECT_EQ(CompressionFromMagic("\x1f\x8b\x08"), Compression::kGzip);
  EXPECT_EQ(CompressionFromMagic(std::string("\x28\xb5\x2f\xfd", 4)), Compression::kZstd);
  EXPECT_EQ(CompressionFromMagic("{\"te"), Compression::kNone);
  EXPECT_FALSE(CompressionFromName("lz4").ok());
  EXPECT_EQ(*CompressionFromName("zstd"), Compression::kZstd);
}

TEST(Compression, MissingFileNamesThePath) {
  auto source = OpenByteSource("/nonexistent/x.jsonl", Compression::kNone);
  ASSERT_FALSE(source.ok());
  EXPECT_NE(std::string(source.status().message()).find("/nonexistent/x.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace refinery

namespace refinery {
namespace {

// Direct I/O (when the file system takes it) writes whole aligned blocks and the tail through
// the page cache: any size must read back byte for byte, for every codec.
TEST(Compression, DirectWritesOfAnySizeReadBack) {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("refinery-direct-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  for (Compression codec : {Compression::kNone, Compression::kZstd, Compression::kGzip}) {
    for (size_t size :
         {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, (size_t{3} << 20) + 123}) {
      std::string content(size, '\0');
      for (size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + (i * 7919) % 26);
      std::string path = dir + "/out" + std::string(CompressionExtension(codec));
      auto sink = OpenByteSink(path, codec, 0, /*direct_io=*/true);
      ASSERT_TRUE(sink.ok()) << sink.status();
      // Pieces of assorted sizes, small ones gathered and large ones passed straight on.
      for (size_t at = 0; at < size;) {
        size_t n = std::min(size - at, at % 3 == 0 ? size_t{70000} : size_t{333});
        ASSERT_TRUE((*sink)->Write(std::string_view(content).substr(at, n)).ok());
        at += n;
      }
      ASSERT_TRUE((*sink)->Finish().ok());
      auto source = OpenByteSource(path, codec);
      ASSERT_TRUE(source.ok());
      std::string back;
      char buf[65536];
      while (true) {
        auto got = (*source)->Read(buf, sizeof(buf));
        ASSERT_TRUE(got.ok()) << got.status();
        if (*got == 0) break;
        back.append(buf, *got);
      }
      EXPECT_EQ(back.size(), size);
      EXPECT_TRUE(back == content) << "codec " << static_cast<int>(codec) << " size " << size;
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace refinery
