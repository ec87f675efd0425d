// Parquet's Thrift-defined metadata (parquet.thrift): the parts Refinery reads and writes.
// Field numbers and enum values are those of the format specification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "refinery/core/status.h"

namespace refinery::parquet {

// The enumerations of parquet.thrift, with its values, several to a line as they are tables.
// clang-format off
enum class PhysicalType : int32_t {
  kBoolean = 0, kInt32 = 1, kInt64 = 2, kInt96 = 3, kFloat = 4, kDouble = 5, kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum Encoding : int32_t {
  kPlain = 0, kPlainDictionary = 2, kRle = 3, kBitPacked = 4, kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6, kDeltaByteArray = 7, kRleDictionary = 8, kByteStreamSplit = 9,
};

// kLz4Hadoop ("LZ4") is Hadoop-framed, or raw blocks from some old writers.
enum Codec : int32_t {
  kUncompressed = 0, kSnappy = 1, kGzip = 2, kLzo = 3, kBrotli = 4, kLz4Hadoop = 5, kZstd = 6,
  kLz4Raw = 7,
};

enum ConvertedType : int32_t {
  kUtf8 = 0, kMap = 1, kMapKeyValue = 2, kList = 3, kEnum = 4, kDecimal = 5, kDate = 6,
  kTimeMillis = 7, kTimeMicros = 8, kTimestampMillis = 9, kTimestampMicros = 10,
  kUint8 = 11, kUint16 = 12, kUint32 = 13, kUint64 = 14,
  kInt8 = 15, kInt16 = 16, kInt32 = 17, kInt64 = 18, kJson = 19, kBson = 20, kInterval = 21,
};
// clang-format on

// The LogicalType union, flattened: which member is set, and its parameters.
struct LogicalType {
  // The union's field ids (9 is unused); kOther for members Refinery does not know.
  // clang-format off
  enum Kind {
    kNone = 0, kString = 1, kMap = 2, kList = 3, kEnum = 4, kDecimal = 5, kDate = 6, kTime = 7,
    kTimestamp = 8, kInteger = 10, kUnknown = 11, kJson = 12, kBson = 13, kUuid = 14,
    kFloat16 = 15, kOther = 99,
  };
  // clang-format on
  Kind kind = kNone;
  int32_t scale = 0, precision = 0;  // decimal
  bool utc = false;                  // time, timestamp
  int unit = 0;                      // time, timestamp: 1 millis, 2 micros, 3 nanos
  int bit_width = 0;                 // integer
  bool is_signed = true;             // integer
};

struct SchemaElement {
  std::optional<PhysicalType> type;  // absent for groups
  int32_t type_length = 0;
  std::optional<Repetition> repetition;
  std::string name;
  int32_t num_children = 0;
  std::optional<int32_t> converted_type;
  int32_t scale = 0, precision = 0;
  LogicalType logical;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<std::string> path;
  int32_t codec = kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> dictionary_page_offset;
};

// Where a column chunk's first page is: the dictionary page when there is one. Some writers
// store 0 for "no dictionary page", others 0 for the data page offset of an empty chunk.
int64_t ChunkStart(const ColumnMetaData& m);

struct ColumnChunk {
  std::string file_path;  // non-empty: data in another file (not supported)
  ColumnMetaData meta;
  bool has_meta = false;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t num_rows = 0;
  // Where the row group's bytes start: its first page (a dictionary page when it has one).
  // The owner of this offset owns the row group when a file is split into byte ranges.
  int64_t start_offset = 0;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::string created_by;
};

enum class PageType : int32_t { kData = 0, kIndex = 1, kDictionary = 2, kDataV2 = 3 };

struct PageHeader {
  int32_t type = -1;
  int32_t uncompressed_size = 0;
  int32_t compressed_size = 0;
  std::optional<uint32_t> crc;
  int32_t num_values = 0;
  int32_t encoding = 0;
  int32_t def_level_encoding = kRle;
  // v2 only:
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  int32_t def_levels_bytes = 0;
  int32_t rep_levels_bytes = 0;
  bool is_compressed = true;
  bool has_data_header = false;
  bool has_dict_header = false;
};

// Parse errors say what is wrong; callers add the file name.
StatusOr<FileMetaData> ParseFileMetaData(const uint8_t* data, size_t size);
// Parses a page header at `data`; sets `header_size` to the bytes it took.
StatusOr<PageHeader> ParsePageHeader(const uint8_t* data, size_t size, size_t& header_size);

// Writers' side.
void WriteFileMetaData(const FileMetaData& meta, std::string& out);
void WritePageHeader(const PageHeader& header, std::string& out);

}  // namespace refinery::parquet
