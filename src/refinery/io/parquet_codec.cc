#include "refinery/io/parquet_codec.h"

#include <brotli/decode.h>
#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>

#include "refinery/io/parquet_metadata.h"

namespace refinery::parquet {
namespace {

Status SizeMismatch(int32_t codec, size_t got, size_t want) {
  return absl::DataLossError(CodecName(codec) + " page decompressed to " + std::to_string(got) +
                             " bytes, header says " + std::to_string(want));
}

// gzip pages may hold several concatenated members (some writers emit one per block).
Status Gunzip(std::string_view in, ByteBuffer& out) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return absl::InternalError("zlib init failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = Z_OK;
  while (true) {
    rc = inflate(&z, Z_FINISH);
    if (rc == Z_STREAM_END && z.avail_in > 0 && z.avail_out > 0) {
      inflateReset(&z);
      continue;
    }
    break;
  }
  size_t produced = out.size() - z.avail_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return absl::DataLossError("corrupt GZIP page");
  if (produced != out.size()) return SizeMismatch(kGzip, produced, out.size());
  return absl::OkStatus();
}

uint32_t BigEndian32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

// Hadoop's LZ4 framing: blocks of [u32 BE uncompressed][u32 BE compressed][lz4 block].
bool HadoopLz4(std::string_view in, ByteBuffer& out) {
  size_t pos = 0, produced = 0;
  while (pos < in.size()) {
    if (in.size() - pos < 8) return false;
    uint32_t raw = BigEndian32(in.data() + pos), packed = BigEndian32(in.data() + pos + 4);
    pos += 8;
    if (packed > in.size() - pos || raw > out.size() - produced) return false;
    int n = LZ4_decompress_safe(in.data() + pos, out.data() + produced, static_cast<int>(packed),
                                static_cast<int>(raw));
    if (n < 0 || static_cast<uint32_t>(n) != raw) return false;
    pos += packed;
    produced += raw;
  }
  return produced == out.size();
}

}  // namespace

std::string CodecName(int32_t codec) {
  static const char* kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                 "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
  if (codec >= 0 && codec < 8) return kNames[codec];
  return "codec " + std::to_string(codec);
}

Status Decompress(int32_t codec, std::string_view in, size_t uncompressed_size, ByteBuffer& out) {
  out.Clear();  // a pooled buffer's old bytes are not copied when it grows
  out.Resize(uncompressed_size);
  switch (codec) {
    case kUncompressed:
      if (in.size() != uncompressed_size) return SizeMismatch(codec, in.size(), uncompressed_size);
      if (!in.empty()) std::memcpy(out.data(), in.data(), in.size());
      return absl::OkStatus();
    case kSnappy: {
      size_t n = 0;
      if (!snappy::GetUncompressedLength(in.data(), in.size(), &n))
        return absl::DataLossError("corrupt SNAPPY page");
      if (n != uncompressed_size) return SizeMismatch(codec, n, uncompressed_size);
      if (!snappy::RawUncompress(in.data(), in.size(), out.data()))
        return absl::DataLossError("corrupt SNAPPY page");
      return absl::OkStatus();
    }
    case kGzip:
      return Gunzip(in, out);
    case kBrotli: {
      size_t n = uncompressed_size;
      if (BrotliDecoderDecompress(in.size(), reinterpret_cast<const uint8_t*>(in.data()), &n,
                                  reinterpret_cast<uint8_t*>(out.data())) !=
          BROTLI_DECODER_RESULT_SUCCESS)
        return absl::DataLossError("corrupt BROTLI page");
      if (n != uncompressed_size) return SizeMismatch(codec, n, uncompressed_size);
      return absl::OkStatus();
    }
    case kLz4Hadoop:
      if (HadoopLz4(in, out)) return absl::OkStatus();
      [[fallthrough]];  // older writers put raw LZ4 blocks under this codec
    case kLz4Raw: {
      int n = LZ4_decompress_safe(in.data(), out.data(), static_cast<int>(in.size()),
                                  static_cast<int>(uncompressed_size));
      if (n < 0) return absl::DataLossError("corrupt " + CodecName(codec) + " page");
      if (static_cast<size_t>(n) != uncompressed_size)
        return SizeMismatch(codec, static_cast<size_t>(n), uncompressed_size);
      return absl::OkStatus();
    }
    case kZstd: {
      thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(),
                                                                          ZSTD_freeDCtx);
      size_t n = ZSTD_decompressDCtx(ctx.get(), out.data(), out.size(), in.data(), in.size());
      if (ZSTD_isError(n))
        return absl::DataLossError(std::string("corrupt ZSTD page: ") + ZSTD_getErrorName(n));
      if (n != uncompressed_size) return SizeMismatch(codec, n, uncompressed_size);
      return absl::OkStatus();
    }
    default:
      return absl::UnimplementedError("pages compressed with " + CodecName(codec) +
                                      " are not supported");
  }
}

Status Compress(int32_t codec, std::string_view in, int level, ByteBuffer& out) {
  size_t at = out.size();
  switch (codec) {
    case kUncompressed:
      out.Append(in);
      return absl::OkStatus();
    case kSnappy: {
      out.Resize(at + snappy::MaxCompressedLength(in.size()));
      size_t n = 0;
      snappy::RawCompress(in.data(), in.size(), out.data() + at, &n);
      out.Resize(at + n);
      return absl::OkStatus();
    }
    case kZstd: {
      thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> ctx(ZSTD_createCCtx(),
                                                                          ZSTD_freeCCtx);
      out.Resize(at + ZSTD_compressBound(in.size()));
      size_t n = ZSTD_compressCCtx(ctx.get(), out.data() + at, out.size() - at, in.data(),
                                   in.size(), level == 0 ? 3 : level);
      if (ZSTD_isError(n)) return absl::InternalError(ZSTD_getErrorName(n));
      out.Resize(at + n);
      return absl::OkStatus();
    }
    default:
      return absl::UnimplementedError("writing " + CodecName(codec) + " pages is not supported");
  }
}

}  // namespace refinery::parquet
