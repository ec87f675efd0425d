// Parquet's value and level encodings (Encodings.md), decoded from untrusted bytes: every
// length and count is checked against the bytes that hold it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/status.h"

namespace refinery::parquet {

// The RLE / bit-packed hybrid (levels, dictionary indices, RLE booleans): decodes exactly
// `count` values of `bit_width` bits into `out`.
Status DecodeRleHybrid(const uint8_t* data, size_t size, int bit_width, size_t count,
                       uint32_t* out);
// The same into bytes (levels): bit widths up to 8.
Status DecodeRleHybrid(const uint8_t* data, size_t size, int bit_width, size_t count, uint8_t* out);

// DELTA_BINARY_PACKED: decodes exactly `count` values (INT32 columns wrap as int32) and sets
// `consumed` to the bytes the encoding took (the data of DELTA_LENGTH_BYTE_ARRAY follows).
Status DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t count, bool is_int32,
                               std::vector<int64_t>& out, size_t& consumed);

// PLAIN BYTE_ARRAY: `count` values of [u32 length][bytes], as views into `data`.
Status DecodePlainByteArrays(const uint8_t* data, size_t size, size_t count,
                             std::vector<std::string_view>& out);

// DELTA_LENGTH_BYTE_ARRAY: views into `data`.
Status DecodeDeltaLengthByteArrays(const uint8_t* data, size_t size, size_t count,
                                   std::vector<std::string_view>& out);

// DELTA_BYTE_ARRAY (front coding): values are rebuilt into `storage` (cleared first; the views
// appended to `out` point into it, so it must outlive them and not be touched meanwhile).
Status DecodeDeltaByteArrays(const uint8_t* data, size_t size, size_t count, std::string& storage,
                             std::vector<std::string_view>& out);

// BYTE_STREAM_SPLIT: `count` values of `width` bytes, appended back to back to `out`.
Status DecodeByteStreamSplit(const uint8_t* data, size_t size, size_t count, size_t width,
                             std::string& out);

}  // namespace refinery::parquet
