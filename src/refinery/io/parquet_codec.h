// Page compression codecs of Parquet, over Debian's snappy, zlib, brotli, lz4 and zstd.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "refinery/core/byte_buffer.h"
#include "refinery/core/status.h"

namespace refinery::parquet {

// The codec's name as parquet.thrift spells it ("SNAPPY"), for messages.
std::string CodecName(int32_t codec);

// Decompresses one page into `out` (resized to exactly `uncompressed_size`). A page that does
// not decompress to exactly that size is an error: sizes come from the file and are not trusted
// (the buffer is not zeroed first, so a lying size costs address space, not time).
Status Decompress(int32_t codec, std::string_view in, size_t uncompressed_size, ByteBuffer& out);

// Compresses one page (snappy or zstd; uncompressed copies). Appends to `out`.
Status Compress(int32_t codec, std::string_view in, int level, ByteBuffer& out);

}  // namespace refinery::parquet
