#include "refinery/io/tsv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "refinery/io/compression.h"

namespace refinery {
namespace {

namespace fs = std::filesystem;

class TsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("refinery-tsv-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    auto sink = OpenByteSink(path, CompressionFromPath(path));
    EXPECT_TRUE(sink.ok());
    EXPECT_TRUE((*sink)->Write(content).ok());
    EXPECT_TRUE((*sink)->Finish().ok());
    return path;
  }
  // Reads `columns` of every row as "line:field|field" strings, or the error message.
  std::vector<std::string> Rows(const std::string& path, const std::vector<std::string>& columns) {
    std::vector<std::string> rows;
    Status s = ForEachTsvRow(path, columns, [&](const auto& f, size_t line) -> Status {
      std::string r = std::to_string(line) + ":";
      for (size_t i = 0; i < f.size(); ++i) r += (i ? "|" : "") + std::string(f[i]);
      rows.push_back(r);
      return absl::OkStatus();
    });
    if (!s.ok()) rows.push_back("error: " + std::string(s.message()));
    return rows;
  }
  fs::path dir_;
};

TEST(SplitTsvLine, KeepsEmptyFields) {
  EXPECT_EQ(SplitTsvLine("a\t\tb\t"), (std::vector<std::string_view>{"a", "", "b", ""}));
  EXPECT_EQ(SplitTsvLine(""), (std::vector<std::string_view>{""}));
}

TEST(UnescapeTsvField, UndoesOnlyNewlineAndBackslash) {
  EXPECT_EQ(UnescapeTsvField(R"(one\ntwo \\n \t end\)"), "one\ntwo \\n \\t end\\");
}

TEST_F(TsvTest, ColumnsAreFoundByNameInTheHeader) {
  const std::string path = Write("a.tsv", "id\tname\tcount\r\n1\tAda\t7\r\n\n2\tBo\t\n");
  EXPECT_EQ(Rows(path, {"count", "name"}), (std::vector<std::string>{"2:7|Ada", "4:|Bo"}));
}

TEST_F(TsvTest, CompressedFilesAreReadByTheirName) {
  const std::string path = Write("a.tsv.gz", "name\tcount\nAda\t7\n");
  EXPECT_EQ(Rows(path, {"name"}), (std::vector<std::string>{"2:Ada"}));
}

TEST_F(TsvTest, ErrorsNameTheFileLineAndField) {
  const std::string path = Write("b.tsv", "name\tcount\nAda\t7\nBo\n");
  std::vector<std::string> rows = Rows(path, {"count"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], "error: " + path + ":3: no field 'count' (column 2; the row has 1)");
  EXPECT_EQ(Rows(path, {"population"}),
            (std::vector<std::string>{"error: " + path + ":1: no column 'population'"}));
  const std::string header_only = Write("c.tsv", "name\tcount\n\n");
  EXPECT_EQ(Rows(header_only, {"name"}),
            (std::vector<std::string>{"error: " + header_only + ": no data rows"}));
  EXPECT_EQ(Rows((dir_ / "missing.tsv").string(), {"name"}).size(), 1u);
}

TEST_F(TsvTest, AnErrorFromTheRowStopsTheReading) {
  const std::string path = Write("d.tsv", "name\nA\nB\nC\n");
  int calls = 0;
  Status s = ForEachTsvRow(path, {"name"}, [&](const auto&, size_t line) -> Status {
    ++calls;
    return line == 3 ? absl::InvalidArgumentError("bad row") : absl::OkStatus();
  });
  EXPECT_EQ(s.message(), "bad row");
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace refinery
