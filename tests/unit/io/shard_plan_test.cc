#include "refinery/io/shard_plan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

namespace refinery {
namespace {

namespace fs = std::filesystem;

// Every line of every file must be read exactly once, with its true line number, for any
// shard count and part size.
class ShardPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("refinery-shard-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::mt19937 rng(7);
    for (int f = 0; f < 3; ++f) {
      std::string path = (dir_ / ("f" + std::to_string(f) + ".jsonl")).string();
      std::ofstream out(path, std::ios::binary);
      // Each line is labelled with its physical line number; blank lines are skipped but
      // still counted.
      int lines = 50 + f * 40;
      int physical = 0;
      for (int i = 0; i < lines; ++i) {
        out << "line-" << f << "-" << ++physical << "|" << std::string(rng() % 90, 'x');
        out << (i % 17 == 3 ? "\r\n" : "\n");
        if (i % 23 == 5) {
          out << "\n";
          ++physical;
        }
      }
      expected_[path] = lines;
    }
    files_ = *ResolveInputs({dir_.string()});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::map<std::string, std::vector<uint64_t>> ReadAll(uint32_t shards, uint64_t part_bytes) {
    std::map<std::string, std::vector<uint64_t>> seen;
    for (uint32_t s = 0; s < shards; ++s) {
      std::vector<PartPlan> parts = PlanShard(files_, shards, s, part_bytes);
      std::optional<LineStart> carry;
      size_t carry_file = SIZE_MAX;
      for (const PartPlan& part : parts) {
        LineStart start;
        if (part.begin > 0)
          start = carry && carry_file == part.file ? *carry
                                                   : *FindLineStart(files_[part.file], part.begin);
        auto reader = PartReader::Open(files_[part.file], part, start, 1 << 20);
        EXPECT_TRUE(reader.ok());
        InputLine line;
        while (*(*reader)->Next(line)) {
          std::string text(line.bytes);
          std::string path = files_[part.file].path;
          std::string want =
              "line-" + path.substr(path.size() - 7, 1) + "-" + std::to_string(line.line) + "|";
          EXPECT_EQ(text.substr(0, want.size()), want) << "shard " << s << " part " << part.index;
          EXPECT_NE(text.back(), '\r');
          seen[path].push_back(line.line);
        }
        carry = (*reader)->next_line_start();
        carry_file = part.file;
      }
    }
    return seen;
  }

  fs::path dir_;
  std::vector<InputFile> files_;
  std::map<std::string, int> expected_;
};

TEST_F(ShardPlanTest, EveryLineExactlyOnceForAnyShardingAndPartSize) {
  for (uint32_t shards : {1u, 2u, 3u, 7u}) {
    for (uint64_t part : {uint64_t{64}, uint64_t{1000}, uint64_t{1} << 30}) {
      auto seen = ReadAll(shards, part);
      for (const auto& [path, lines] : expected_) {
        std::vector<uint64_t> got = seen[path];
        std::sort(got.begin(), got.end());
        ASSERT_EQ(got.size(), static_cast<size_t>(lines))
            << path << " shards=" << shards << " part=" << part;
        // Line numbers skip blank lines but every non-blank line appears once.
        EXPECT_TRUE(std::adjacent_find(got.begin(), got.end()) == got.end());
      }
    }
  }
}

TEST_F(ShardPlanTest, PlanIsDeterministic) {
  auto a = PlanShard(files_, 4, 2, 100);
  auto b = PlanShard(files_, 4, 2, 100);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].begin, b[i].begin);
    EXPECT_EQ(a[i].index, i);
  }
}

TEST(PartReaderTest, StripsBomAndRejectsOversizeLinesWithBoundedMemory) {
  fs::path path =
      fs::temp_directory_path() / ("refinery-bom-" + std::to_string(::getpid()) + ".jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF{\"text\":\"a\"}\n" << std::string(5000, 'z') << "\n{\"text\":\"c\"}";
  }
  auto files = *ResolveInputs({path.string()});
  auto parts = PlanShard(files, 1, 0, 1 << 30);
  auto reader = *PartReader::Open(files[0], parts[0], {}, 1000);
  InputLine line;
  ASSERT_TRUE(*reader->Next(line));
  EXPECT_EQ(line.bytes, "{\"text\":\"a\"}");
  ASSERT_TRUE(*reader->Next(line));
  EXPECT_EQ(line.oversize, 5001u);
  EXPECT_EQ(line.line, 2u);
  ASSERT_TRUE(*reader->Next(line));
  EXPECT_EQ(line.bytes, "{\"text\":\"c\"}");  // no trailing newline at end of file
  EXPECT_FALSE(*reader->Next(line));
  fs::remove(path);
}

// Lines come in blocks that never split a line, whatever the limits; every line once, in order.
TEST(PartReaderTest, ReadLinesFillsBlocksOfWholeLinesUpToTheLimits) {
  fs::path path =
      fs::temp_directory_path() / ("refinery-blocks-" + std::to_string(::getpid()) + ".jsonl");
  std::vector<std::string> lines;
  std::string content;
  std::mt19937 rng(11);
  for (int i = 0; i < 3000; ++i) {
    std::string line =
        "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(rng() % 300, 'p') + "\"}";
    lines.push_back(line);
    content += line + (i % 97 == 5 ? "\r\n" : "\n");
    if (i % 211 == 7) content += "  \n";  // blank: skipped, still counted as a line
  }
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  auto files = *ResolveInputs({path.string()});
  auto parts = PlanShard(files, 1, 0, 1ull << 40);
  for (auto [max_bytes, max_lines] :
       {std::pair<uint64_t, size_t>{100, 1000}, {5000, 3}, {1 << 20, 4096}, {64 << 10, 1}}) {
    auto reader = *PartReader::Open(files[0], parts[0], {}, 1 << 20);
    std::vector<std::string> got;
    uint64_t previous_number = 0;
    bool more = true;
    while (more) {
      LineBlock block;
      more = *reader->ReadLines(block, max_bytes, max_lines);
      ASSERT_TRUE(!block.lines.empty() || !more);
      ASSERT_LE(block.lines.size(), max_lines);
      uint64_t without_last = block.input_bytes;
      if (!block.lines.empty()) without_last -= block.lines.back().length + 1;
      EXPECT_LT(without_last, max_bytes + 2);  // the limit is reached by the last line at most
      for (const LineBlock::Line& line : block.lines) {
        EXPECT_GT(line.number, previous_number);
        previous_number = line.number;
        got.emplace_back(block.line_bytes(line));
      }
    }
    EXPECT_EQ(got, lines) << "max_bytes " << max_bytes << " max_lines " << max_lines;
    EXPECT_EQ(reader->next_line_start().offset, content.size());
  }
  fs::remove(path);
}

// An over-long line is skipped while it is read, across reads, and memory stays bounded.
TEST(PartReaderTest, OversizeLineSpanningReadsIsSkippedWithBoundedMemory) {
  fs::path path =
      fs::temp_directory_path() / ("refinery-long-" + std::to_string(::getpid()) + ".jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"text\":\"a\"}\n"
        << std::string(5 << 20, 'z') << "\n{\"text\":\"c\"}\n"
        << std::string(3 << 20, 'y');  // a last over-long line without terminator
  }
  auto files = *ResolveInputs({path.string()});
  auto parts = PlanShard(files, 1, 0, 1ull << 40);
  auto reader = *PartReader::Open(files[0], parts[0], {}, 4096);
  LineBlock block;
  EXPECT_FALSE(*reader->ReadLines(block, 64 << 20, 100));
  ASSERT_EQ(block.lines.size(), 4u);
  EXPECT_EQ(block.line_bytes(block.lines[0]), "{\"text\":\"a\"}");
  EXPECT_EQ(block.lines[1].oversize, (5u << 20) + 1);
  EXPECT_EQ(block.lines[1].number, 2u);
  EXPECT_EQ(block.line_bytes(block.lines[2]), "{\"text\":\"c\"}");
  EXPECT_EQ(block.lines[3].oversize, 3u << 20);
  EXPECT_LT(block.bytes.capacity(), 3u << 20);  // never held a whole long line
  fs::remove(path);
}

}  // namespace
}  // namespace refinery
