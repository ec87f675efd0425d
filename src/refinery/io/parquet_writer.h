// Writes records (JSON objects) as a Parquet file: one column per top-level field, in the
// order fields first appear, plus a `refinery` column (JSON text) last.
//
// Column types come from the first row group: booleans → BOOLEAN, integers → INT64, numbers
// → DOUBLE, strings → STRING, anything else (objects, arrays, mixed types) → JSON text. A
// later record whose field does not fit its column (or that has a field the schema lacks) is
// refused with a message saying so; the caller sends it to rejects. Pages are PLAIN with RLE
// definition levels (data page v1), compressed with zstd or snappy. The bytes depend only on
// the records and the options, never on timing or threads.
//
// Each record is parsed once: the first row group keeps every value in each form its column
// may end up with (decoded string, JSON text, number) until the types are chosen.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/byte_buffer.h"
#include "refinery/core/status.h"
#include "refinery/io/compression.h"

namespace refinery {

struct ParquetWriterOptions {
  int32_t codec = 6;                       // parquet::kZstd; parquet::kSnappy or kUncompressed
  int level = 1;                           // zstd level (1 keeps writing near the speed of reading)
  uint64_t row_group_bytes = 64ull << 20;  // uncompressed values per row group, about
  uint64_t page_bytes = 1ull << 20;        // uncompressed values per page, about
  std::string created_by = "refinery";
};

// "zstd" | "snappy" | "none" → codec.
StatusOr<int32_t> ParquetCodecFromName(std::string_view name);

class ParquetWriter {
 public:
  ParquetWriter(std::unique_ptr<ByteSink> out, ParquetWriterOptions options);
  ~ParquetWriter();

  // Adds one record (a valid JSON object). InvalidArgument: it does not fit the file's schema
  // and was not added.
  Status Add(std::string_view json_object);
  // As Add, for a record followed by kJsonPadding readable bytes (a line of a LineBlock, a
  // Record's raw line): it is parsed where it lies instead of being copied first.
  Status AddPadded(std::string_view json_object);
  // Writes what is buffered and the footer, then finishes the sink.
  Status Finish();
  uint64_t bytes_written() const { return offset_; }
  uint64_t rows() const { return rows_total_; }

 private:
  struct Column;
  struct Value;
  Status Parse(std::string_view padded_json, std::vector<Value>& values);
  size_t FindColumn(size_t position, std::string_view key);
  void Stage(const std::vector<Value>& values);
  void Unstage(Column& column);
  Status Append(const std::vector<Value>& values);
  void FixSchema();
  Status FlushRowGroup();
  Status WriteColumnChunk(Column& column, uint64_t rows);
  Status Write(std::string_view bytes);

  std::unique_ptr<ByteSink> out_;
  ParquetWriterOptions options_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t offset_ = 0;
  uint64_t rows_ = 0;  // in the buffered row group
  uint64_t rows_total_ = 0;
  bool schema_fixed_ = false;
};

}  // namespace refinery
