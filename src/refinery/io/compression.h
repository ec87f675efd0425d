// Streaming byte sources and sinks for plain, gzip and zstd data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "refinery/core/status.h"

namespace refinery {

enum class Compression { kNone, kGzip, kZstd };

// From the file name: `.gz` → gzip, `.zst`/`.zstd` → zstd, anything else → none.
Compression CompressionFromPath(std::string_view path);
// From the first bytes of a stream (magic numbers), for stdin.
Compression CompressionFromMagic(std::string_view head);
StatusOr<Compression> CompressionFromName(std::string_view name);  // none|gzip|zstd
std::string_view CompressionExtension(Compression c);              // "", ".gz", ".zst"

// Reads decompressed bytes. Errors name the path: a truncated or corrupt stream is an error,
// not a silent end of file.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes; 0 at the end of the stream.
  virtual StatusOr<size_t> Read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for compressed input).
  virtual uint64_t raw_offset() const = 0;
};

// Opens `path` ("-" is stdin, compression sniffed). For plain files, reading starts at byte
// `offset`; compressed streams must start at 0.
StatusOr<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path,
                                                     Compression compression, uint64_t offset = 0);

// Writes bytes, compressing as asked. Finish() flushes, fsyncs and closes; a sink destroyed
// without Finish() leaves whatever it wrote (callers write to a temporary name).
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Write(std::string_view bytes) = 0;
  virtual Status Finish() = 0;
  // Uncompressed bytes written so far.
  virtual uint64_t bytes_written() const = 0;
};

// "-" is stdout. `level` 0 means the codec's default. With `direct_io`, a file on a local file
// system (ext4, xfs, btrfs) is written with O_DIRECT: for large outputs that are not read back
// soon, e.g. a run's parts; anything else is written through the page cache as usual.
StatusOr<std::unique_ptr<ByteSink>> OpenByteSink(const std::string& path, Compression compression,
                                                 int level = 0, bool direct_io = false);

}  // namespace refinery
