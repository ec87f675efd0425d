#include "refinery/io/parquet_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "refinery/core/build_info.h"
#include "refinery/io/compression.h"
#include "refinery/io/parquet_encoding.h"
#include "refinery/io/parquet_writer.h"
#include "refinery/io/thrift_compact.h"

namespace refinery {
namespace {

using parquet::ColumnData;
using parquet::ParquetFile;

std::string TestingData() { return BuildSourceDir() + "/../shared/data/parquet-testing"; }

std::vector<std::string> Rows(const ParquetFile& f) {
  std::vector<std::string> rows;
  std::vector<ColumnData> data;
  std::vector<std::string> keys = parquet::ColumnKeys(f.columns());
  std::vector<size_t> cursors;
  for (size_t g = 0; g < f.num_row_groups(); ++g) {
    Status s = f.ReadRowGroup(g, data);
    EXPECT_TRUE(s.ok()) << s;
    if (!s.ok()) return rows;
    cursors.assign(data.size(), 0);
    for (uint64_t r = 0; r < f.num_rows(g); ++r) {
      std::string line;
      parquet::AppendRowJson(f.columns(), data, keys, r, cursors, line);
      rows.push_back(line);
    }
  }
  return rows;
}

TEST(ThriftCompact, RefusesListsLongerThanTheInput) {
  // Struct field 1 (list of i32) claiming 1000 elements in 3 bytes.
  const uint8_t bytes[] = {0x19, 0xf5, 0xe8, 0x07, 0x00};
  ThriftReader r(bytes, sizeof(bytes));
  r.ReadStruct([](int16_t, uint8_t) { return false; });
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error().find("list of 1000 elements"), std::string::npos) << r.error();
}

TEST(ThriftCompact, RefusesDeepNesting) {
  std::string bytes(200, '\x1c');  // field 1, type struct, nested 200 deep
  ThriftReader r(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  r.ReadStruct([](int16_t, uint8_t) { return false; });
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error().find("nested too deeply"), std::string::npos) << r.error();
}

TEST(ThriftCompact, WriterAndReaderAgree) {
  std::string out;
  ThriftWriter w(out);
  w.BeginStruct();
  w.FieldI32(1, -7);
  w.FieldI64(20, 1ll << 40);  // a field id jump beyond 15 takes the long header
  w.FieldBinary(21, "name");
  w.EndStruct();
  ThriftReader r(reinterpret_cast<const uint8_t*>(out.data()), out.size());
  int32_t a = 0;
  int64_t b = 0;
  std::string c;
  r.ReadStruct([&](int16_t id, uint8_t) {
    if (id == 1)
      a = r.ReadI32();
    else if (id == 20)
      b = r.ReadI64();
    else if (id == 21)
      c = std::string(r.ReadBinary());
    else
      return false;
    return true;
  });
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(a, -7);
  EXPECT_EQ(b, 1ll << 40);
  EXPECT_EQ(c, "name");
  EXPECT_EQ(r.consumed(), out.size());
}

TEST(ParquetEncoding, RleHybridRunsAndBitPacking) {
  // RLE run of 3 × 5 (bit width 3), then one bit-packed group of 8 values 0..7.
  const uint8_t bytes[] = {0x06, 0x05, 0x03, 0x88, 0xc6, 0xfa};
  std::vector<uint32_t> out(11);
  ASSERT_TRUE(parquet::DecodeRleHybrid(bytes, sizeof(bytes), 3, out.size(), out.data()).ok());
  EXPECT_EQ(out, (std::vector<uint32_t>{5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7}));
  Status short_input = parquet::DecodeRleHybrid(bytes, 2, 3, out.size(), out.data());
  EXPECT_FALSE(short_input.ok());
  EXPECT_NE(short_input.message().find("ends after 3 of 11"), std::string::npos) << short_input;
}

TEST(ParquetEncoding, DeltaBinaryPacked) {
  // Block 128, 4 miniblocks, 5 values, first 1; min delta 1 and bit width 0: 1, 2, 3, 4, 5.
  const uint8_t bytes[] = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00};
  std::vector<int64_t> out;
  size_t used = 0;
  ASSERT_TRUE(parquet::DecodeDeltaBinaryPacked(bytes, sizeof(bytes), 5, false, out, used).ok());
  EXPECT_EQ(out, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(used, sizeof(bytes));
  EXPECT_FALSE(parquet::DecodeDeltaBinaryPacked(bytes, sizeof(bytes), 6, false, out, used).ok());
}

TEST(ParquetReader, RefusesWhatIsNotParquet) {
  std::string bytes = "PAR1 not really PAR1";
  auto f = ParquetFile::OpenBytes(bytes, "x.parquet");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("x.parquet: footer length"), std::string::npos) << f.status();
  auto g = ParquetFile::OpenBytes("hello", "y.parquet");
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("y.parquet: not a Parquet file"), std::string::npos);
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("refinery-parquet-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

using ParquetWriterTest = TempDir;

TEST_F(ParquetWriterTest, RecordsReadBackTheSame) {
  const std::string path = (dir_ / "a.parquet").string();
  ParquetWriterOptions options;
  options.row_group_bytes = 64;  // several row groups
  auto sink = OpenByteSink(path, Compression::kNone);
  ASSERT_TRUE(sink.ok());
  ParquetWriter w(std::move(*sink), options);
  const std::vector<std::string> records = {
      R"({"id":1,"text":"caf\u00e9 \"quoted\"\nline","score":0.5,"ok":true,"tags":["a","b"]})",
      R"({"id":2,"text":"second","score":2,"ok":false,"tags":null,"refinery":{"lang":"en"}})",
      R"({"id":3,"text":"third","score":-1.25,"ok":null,"tags":{"k":1}})",
  };
  for (const std::string& r : records) {
    Status added = w.Add(r);
    ASSERT_TRUE(added.ok()) << added;
  }
  // After the first row group the schema is fixed: a string where `id` is int64 is refused.
  Status refused = w.Add(R"({"id":"four","text":"x"})");
  EXPECT_TRUE(absl::IsInvalidArgument(refused)) << refused;
  EXPECT_NE(refused.message().find("field 'id'"), std::string::npos) << refused;
  EXPECT_TRUE(absl::IsInvalidArgument(w.Add(R"({"id":5,"new_field":1})")));
  ASSERT_TRUE(w.Finish().ok());

  auto f = ParquetFile::Open(path);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_GT((*f)->num_row_groups(), 1u);
  std::vector<std::string> rows = Rows(**f);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            R"({"id":1,"text":"café \"quoted\"\nline","score":0.5,"ok":true,"tags":["a","b"]})");
  EXPECT_EQ(
      rows[1],
      R"({"id":2,"text":"second","score":2,"ok":false,"tags":null,"refinery":{"lang":"en"}})");
  EXPECT_EQ(rows[2], R"({"id":3,"text":"third","score":-1.25,"ok":null,"tags":{"k":1}})");
}

// A JSON column's value is embedded when it is one JSON value, else written as a string; the
// verdicts on repeated short values are remembered, and must come out the same every time.
TEST(ParquetRows, JsonColumnEmbedsOnlyValidJson) {
  parquet::ColumnSchema column;
  column.name = "j";
  column.type = parquet::PhysicalType::kByteArray;
  column.kind = parquet::ValueKind::kJson;
  const std::vector<parquet::ColumnSchema> columns = {column};
  std::vector<ColumnData> data(1);
  const std::string long_value = "[" + std::string(300, ' ') + "1]";
  data[0].strings = {R"({"a":1})", "nope", R"({"a":1})", "nope", "[1,", long_value, "[1,"};
  const std::vector<std::string> keys = parquet::ColumnKeys(columns);
  std::vector<size_t> cursors = {0};
  std::vector<std::string> rows;
  for (size_t r = 0; r < data[0].strings.size(); ++r) {
    std::string line;
    parquet::AppendRowJson(columns, data, keys, r, cursors, line);
    rows.push_back(line);
  }
  const std::vector<std::string> want = {R"({"j":{"a":1}})", R"({"j":"nope"})",
                                         R"({"j":{"a":1}})", R"({"j":"nope"})",
                                         R"({"j":"[1,"})",   R"({"j":)" + long_value + "}",
                                         R"({"j":"[1,"})"};
  EXPECT_EQ(rows, want);
}

// Writes `records` (row groups of `row_group_bytes`, pages of `page_bytes`) and reads the
// file back as JSON rows; records the writer refuses are left out.
std::vector<std::string> WriteAndRead(const std::string& path,
                                      const std::vector<std::string>& records,
                                      uint64_t row_group_bytes, uint64_t page_bytes,
                                      size_t* refused = nullptr, size_t* pages = nullptr) {
  ParquetWriterOptions options;
  options.row_group_bytes = row_group_bytes;
  options.page_bytes = page_bytes;
  auto sink = OpenByteSink(path, Compression::kNone);
  EXPECT_TRUE(sink.ok());
  ParquetWriter w(std::move(*sink), options);
  for (const std::string& r : records) {
    Status added = w.Add(r);
    EXPECT_TRUE(added.ok() || absl::IsInvalidArgument(added)) << added;
    if (!added.ok() && refused) ++*refused;
  }
  EXPECT_TRUE(w.Finish().ok());
  auto f = ParquetFile::Open(path);
  EXPECT_TRUE(f.ok()) << f.status();
  if (!f.ok()) return {};
  if (pages) {
    // Data pages of the file: each starts with a page header; count them column by column.
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    *pages = 0;
    for (const parquet::RowGroup& g : (*f)->metadata().row_groups) {
      for (const parquet::ColumnChunk& c : g.columns) {
        uint64_t at = static_cast<uint64_t>(c.meta.data_page_offset);
        const uint64_t end = at + static_cast<uint64_t>(c.meta.total_compressed_size);
        while (at < end) {
          size_t header = 0;
          auto h = parquet::ParsePageHeader(data + at, end - at, header);
          EXPECT_TRUE(h.ok()) << h.status();
          if (!h.ok()) break;
          at += header + static_cast<uint64_t>(h->compressed_size);
          ++*pages;
        }
      }
    }
  }
  return Rows(**f);
}

// The first row group chooses the types: a column that holds strings and other values is
// JSON, and its strings keep the spelling they had (escapes included) unless it is the one
// the writer would use itself.
TEST_F(ParquetWriterTest, MixedColumnKeepsEachValuesJsonText) {
  const std::vector<std::string> records = {
      R"({"a":"plain \"q\" \n \u0001"})",  // spelled as AppendJsonString would
      R"({"a":"\u00e9 \/ \u000A"})",       // spelled otherwise: kept as written
      R"({"a":1})",
      R"({"a":[1, "x"]})",
      R"({"a":"é","a":2})",  // a repeated key: the first value counts, its kinds too
      R"({"a":null})",
  };
  std::vector<std::string> rows =
      WriteAndRead((dir_ / "m.parquet").string(), records, 1 << 20, 1 << 20);
  ASSERT_EQ(rows.size(), records.size());
  EXPECT_EQ(rows[0], R"({"a":"plain \"q\" \n \u0001"})");
  EXPECT_EQ(rows[1], R"({"a":"\u00e9 \/ \u000A"})");
  EXPECT_EQ(rows[2], R"({"a":1})");
  EXPECT_EQ(rows[3], R"({"a":[1, "x"]})");
  EXPECT_EQ(rows[4], R"({"a":"é"})");
  EXPECT_EQ(rows[5], R"({"a":null})");
}

// A record refused after the schema is fixed leaves nothing behind, not even in the record
// that follows it.
TEST_F(ParquetWriterTest, RefusedRecordLeavesNoTrace) {
  const std::vector<std::string> records = {
      R"({"id":1,"text":"a","score":0.5})",
      R"({"id":2,"score":2.5,"late":"not a column"})",
      R"({"id":3,"text":"c"})",
      R"({"text":"d","id":"not an int"})",
      R"({"text":"e","id":5})",
  };
  size_t refused = 0;
  // Row groups of one record: the schema comes from the first record alone.
  std::vector<std::string> rows =
      WriteAndRead((dir_ / "r.parquet").string(), records, 1, 1 << 20, &refused);
  EXPECT_EQ(refused, 2u);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], R"({"id":1,"text":"a","score":0.5})");
  EXPECT_EQ(rows[1], R"({"id":3,"text":"c","score":null})");
  EXPECT_EQ(rows[2], R"({"id":5,"text":"e","score":null})");
}

// Pages end after the value that fills them, in the first row group (types not yet known
// while its values arrive) as in later ones.
TEST_F(ParquetWriterTest, PagesEndWhereTheyFill) {
  std::vector<std::string> records;
  for (int i = 0; i < 40; ++i)
    records.push_back(R"({"n":)" + std::to_string(i) + R"(,"s":")" + std::string(10, 'x') +
                      R"("})");
  size_t pages = 0;
  // Records are 24 bytes of JSON (n < 10) or 25: the first row group closes at 640 bytes of
  // JSON, after 26 records; the other 14 (22 value bytes each) make the second. Pages of 32
  // bytes hold 4 int64 values (8 bytes each) or 3 strings (14 bytes with their length).
  std::vector<std::string> rows =
      WriteAndRead((dir_ / "p.parquet").string(), records, 640, 32, nullptr, &pages);
  ASSERT_EQ(rows.size(), records.size());
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], records[i]);
  // Row group 1 (26 rows): n 7 pages, s 9, refinery 1. Row group 2 (14 rows): 4, 5, 1.
  EXPECT_EQ(pages, 7u + 9u + 1u + 4u + 5u + 1u);
}

TEST(ParquetReferenceFiles, ReadsAllTypesAndRefusesCorruptPages) {
  const std::string data = TestingData() + "/data";
  if (!std::filesystem::exists(data)) GTEST_SKIP() << data << " not found (shared data sets)";
  auto f = ParquetFile::Open(data + "/alltypes_plain.parquet");
  ASSERT_TRUE(f.ok()) << f.status();
  std::vector<std::string> rows = Rows(**f);
  ASSERT_EQ(rows.size(), 8u);
  // Values as parquet-testing's README and every reader give them; INT96 as UTC text.
  EXPECT_EQ(rows[1],
            R"({"id":5,"bool_col":false,"tinyint_col":1,"smallint_col":1,"int_col":1,)"
            R"("bigint_col":10,"float_col":1.1,"double_col":10.1,"date_string_col":"03/01/09",)"
            R"("string_col":"1","timestamp_col":"2009-03-01T00:01:00.000000000Z"})");

  const std::string corrupt = data + "/datapage_v1-corrupt-checksum.parquet";
  auto c = ParquetFile::Open(corrupt);
  ASSERT_TRUE(c.ok()) << c.status();
  std::vector<ColumnData> columns;
  Status s = (*c)->ReadRowGroup(0, columns);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(corrupt + ": row group 0, column 'a': page at byte 4 fails its CRC"),
            std::string::npos)
      << s;

  auto nested = ParquetFile::Open(data + "/nested_lists.snappy.parquet");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("column 'a' is nested"), std::string::npos)
      << nested.status();
}

}  // namespace
}  // namespace refinery
