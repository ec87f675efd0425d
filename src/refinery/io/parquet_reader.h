// Reads Parquet files written by any conforming writer (parquet-mr, Arrow, DuckDB, Spark...),
// from the format itself: the footer's Thrift metadata, then one row group's column chunks
// at a time. Flat schemas only (every column a primitive, at most optional); a nested column
// is refused with a message naming it. Every offset, length and count in the file is checked,
// and every error names the file (and the row group and column where it applies).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/byte_buffer.h"
#include "refinery/core/mapped_file.h"
#include "refinery/core/status.h"
#include "refinery/io/parquet_metadata.h"

namespace refinery::parquet {

// How a column's values become JSON: from its physical type and logical/converted type.
enum class ValueKind {
  kBool,
  kInt32,
  kUint32,
  kInt64,
  kUint64,
  kFloat,
  kDouble,
  kFloat16,
  kDecimal,    // number with `scale` decimals, from INT32, INT64 or big-endian bytes
  kDate,       // "YYYY-MM-DD"
  kTime,       // "HH:MM:SS.fff…" (unit: 1 millis, 2 micros, 3 nanos)
  kTimestamp,  // "YYYY-MM-DDTHH:MM:SS.fff…[Z]"
  kInt96,      // legacy timestamp (nanoseconds), rendered as kTimestamp
  kString,     // UTF-8 text, as a JSON string
  kJson,       // JSON text (logical type JSON), embedded as a value when it is valid JSON
  kBinary,     // a JSON string when the bytes are valid UTF-8, else base64
  kUuid,       // "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
};

struct ColumnSchema {
  std::string name;
  PhysicalType type = PhysicalType::kBoolean;
  size_t width = 0;  // bytes per value for fixed-width types (booleans: 1 after decoding)
  bool optional = false;
  ValueKind kind = ValueKind::kBinary;
  int scale = 0;
  int unit = 0;
  bool utc = false;
};

// One column chunk, decoded: values of the rows where it is not null.
struct ColumnData {
  std::vector<uint8_t> defined;                   // per row; empty when the column is required
  std::string fixed;                              // fixed-width values, `width` bytes each
  std::vector<std::string_view> strings;          // BYTE_ARRAY values
  size_t size(const ColumnSchema& column) const;  // values held

  // Storage behind `strings` (decompressed pages), reused from row group to row group.
  std::vector<std::unique_ptr<ByteBuffer>> buffers;
  std::vector<std::unique_ptr<std::string>> rebuilt;
  size_t buffers_used = 0, rebuilt_used = 0;
  // The chunk's dictionary, decoded.
  std::string dict_fixed;
  std::vector<std::string_view> dict_strings;
  size_t dict_size = 0;
  bool has_dict = false;
  std::vector<uint32_t> indices;  // scratch: a page's dictionary indices or RLE booleans

  void Clear();
  ByteBuffer& NextBuffer();
  std::string& NextRebuilt();
};

struct ReaderOptions {
  // A row group claiming more rows is refused (memory is bounded by one row group).
  uint64_t max_row_group_rows = 64ull << 20;
  // CRCs of pages that carry one are checked.
  bool verify_checksums = true;
};

class ParquetFile {
 public:
  static StatusOr<std::unique_ptr<ParquetFile>> Open(const std::string& path,
                                                     ReaderOptions options = {});
  // For fuzzing and tests: a file already in memory (`data` must outlive the reader).
  static StatusOr<std::unique_ptr<ParquetFile>> OpenBytes(std::string_view data, std::string name,
                                                          ReaderOptions options = {});

  const std::string& path() const { return path_; }
  const FileMetaData& metadata() const { return meta_; }
  const std::vector<ColumnSchema>& columns() const { return columns_; }
  size_t num_row_groups() const { return meta_.row_groups.size(); }
  uint64_t num_rows(size_t row_group) const;
  // Rows in the row groups before this one (for 1-based row numbers within the file).
  uint64_t rows_before(size_t row_group) const { return rows_before_[row_group]; }
  // Where the row group's bytes start in the file (its owner when a file is split in ranges).
  uint64_t start_offset(size_t row_group) const;
  uint64_t file_size() const { return size_; }

  // Decodes every column of one row group (`out` is resized to the column count and reused).
  Status ReadRowGroup(size_t row_group, std::vector<ColumnData>& out) const;

 private:
  ParquetFile() = default;
  Status Init();
  Status ReadColumn(size_t row_group, size_t column, ColumnData& out) const;
  Status Error(std::string_view what) const;

  std::string path_;
  ReaderOptions options_;
  std::shared_ptr<const MappedFile> mapped_;
  const uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  uint64_t footer_start_ = 0;  // data pages lie before this
  FileMetaData meta_;
  std::vector<ColumnSchema> columns_;
  std::vector<uint64_t> rows_before_;
};

// Appends row `row` of a decoded row group as one JSON object (columns as fields, in schema
// order; nulls as null, except a null `refinery` column, which Refinery writes for records
// that have no `refinery` object). `cursors` holds, per column, the index of its next value: start
// it at zeros for a row group and pass rows in order.
void AppendRowJson(const std::vector<ColumnSchema>& columns, const std::vector<ColumnData>& data,
                   const std::vector<std::string>& keys, size_t row, std::vector<size_t>& cursors,
                   std::string& out);

// The `"name":` prefix of each column, escaped once.
std::vector<std::string> ColumnKeys(const std::vector<ColumnSchema>& columns);

// True for names that look like Parquet files (`.parquet`, `.parq`).
bool IsParquetPath(std::string_view path);

}  // namespace refinery::parquet
