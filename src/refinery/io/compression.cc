#include "refinery/io/compression.h"

#include <fcntl.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <zlib.h>
#include <zstd.h>

#include "refinery/core/enum_names.h"
#include "refinery/core/huge_pages.h"

namespace refinery {
namespace {

constexpr size_t kIoBuffer = 1 << 20;
constexpr size_t kDirectWrite = 64 << 10;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status IoError(const std::string& path, const std::string& what) {
  return absl::DataLossError(path + ": " + what);
}

std::string Errno() { return std::strerror(errno); }

// A file descriptor read with an optional initial stash (bytes sniffed from stdin).
class FdReader {
 public:
  FdReader(int fd, bool owned, std::string path) : fd_(fd), owned_(owned), path_(std::move(path)) {}
  ~FdReader() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  void Unread(std::string bytes) { stash_ = std::move(bytes); }
  StatusOr<size_t> Read(char* buf, size_t n) {
    if (!stash_.empty()) {
      size_t k = std::min(n, stash_.size() - stash_pos_);
      std::memcpy(buf, stash_.data() + stash_pos_, k);
      stash_pos_ += k;
      if (stash_pos_ == stash_.size()) stash_.clear(), stash_pos_ = 0;
      offset_ += k;
      return k;
    }
    while (true) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        offset_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno != EINTR) return IoError(path_, "read failed: " + Errno());
    }
  }
  uint64_t offset() const { return offset_; }
  void set_offset(uint64_t offset) { offset_ = offset; }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  bool owned_;
  std::string path_;
  std::string stash_;
  size_t stash_pos_ = 0;
  uint64_t offset_ = 0;
};

class PlainSource : public ByteSource {
 public:
  explicit PlainSource(std::unique_ptr<FdReader> in) : in_(std::move(in)) {}
  StatusOr<size_t> Read(char* buf, size_t n) override { return in_->Read(buf, n); }
  uint64_t raw_offset() const override { return in_->offset(); }

 private:
  std::unique_ptr<FdReader> in_;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<FdReader> in) : in_(std::move(in)), buf_(kIoBuffer) {
    std::memset(&z_, 0, sizeof(z_));
    inflateInit2(&z_, 15 + 32);  // gzip or zlib header, detected
  }
  ~GzipSource() override { inflateEnd(&z_); }

  StatusOr<size_t> Read(char* out, size_t n) override {
    if (done_) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        ASSIGN_OR_RETURN(size_t got, in_->Read(buf_.data(), buf_.size()));
        if (got == 0) {
          if (!member_started_) {  // clean end between members
            done_ = true;
            break;
          }
          return IoError(in_->path(), "truncated gzip stream (unexpected end of file)");
        }
        z_.next_in = reinterpret_cast<Bytef*>(buf_.data());
        z_.avail_in = static_cast<uInt>(got);
      }
      member_started_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_started_ = false;
        inflateReset(&z_);  // concatenated members (gzip -c a b) continue
        if (z_.avail_in == 0) {
          size_t produced = n - z_.avail_out;
          if (produced > 0) return produced;
        }
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return IoError(in_->path(),
                       std::string("corrupt gzip stream: ") + (z_.msg ? z_.msg : "inflate error"));
      }
    }
    return n - z_.avail_out;
  }
  uint64_t raw_offset() const override { return in_->offset() - z_.avail_in; }

 private:
  std::unique_ptr<FdReader> in_;
  std::vector<char> buf_;
  z_stream z_;
  bool member_started_ = false;
  bool done_ = false;
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<FdReader> in)
      : in_(std::move(in)), dctx_(ZSTD_createDCtx()), buf_(ZSTD_DStreamInSize()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }

  StatusOr<size_t> Read(char* out, size_t n) override {
    ZSTD_outBuffer output{out, n, 0};
    while (output.pos < output.size) {
      if (input_.pos == input_.size) {
        ASSIGN_OR_RETURN(size_t got, in_->Read(buf_.data(), buf_.size()));
        if (got == 0) {
          if (frame_open_)
            return IoError(in_->path(), "truncated zstd stream (unexpected end of file)");
          break;
        }
        input_ = ZSTD_inBuffer{buf_.data(), got, 0};
      }
      size_t rc = ZSTD_decompressStream(dctx_, &output, &input_);
      if (ZSTD_isError(rc)) {
        return IoError(in_->path(), std::string("corrupt zstd stream: ") + ZSTD_getErrorName(rc));
      }
      frame_open_ = rc != 0;
      if (output.pos > 0 && input_.pos == input_.size) break;
    }
    return output.pos;
  }
  uint64_t raw_offset() const override { return in_->offset() - (input_.size - input_.pos); }

 private:
  std::unique_ptr<FdReader> in_;
  ZSTD_DCtx* dctx_;
  std::vector<char> buf_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool frame_open_ = false;
};

class FdWriter {
 public:
  FdWriter(int fd, bool owned, std::string path) : fd_(fd), owned_(owned), path_(std::move(path)) {}
  ~FdWriter() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }

  // Writes with O_DIRECT from here on, through an aligned staging buffer: the bytes go from
  // that buffer to the device instead of being copied into the page cache first, which costs
  // more CPU than validating them (bench/RESULTS.md) and evicts the input being read. Only on
  // local file systems known to handle it; false (and nothing changes) elsewhere.
  bool EnableDirect() {
    struct statfs fs;
    if (::fstatfs(fd_, &fs) != 0) return false;
    constexpr unsigned long kExt4 = 0xEF53, kXfs = 0x58465342, kBtrfs = 0x9123683E;
    unsigned long type = static_cast<unsigned long>(fs.f_type);
    if (type != kExt4 && type != kXfs && type != kBtrfs) return false;
    int flags = ::fcntl(fd_, F_GETFL);
    if (flags < 0 || ::fcntl(fd_, F_SETFL, flags | O_DIRECT) != 0) return false;
    // One huge page (aligned to 2 MiB, far more than O_DIRECT needs): its first fill faulted
    // 256 times in 4 KiB pages, ~15 us each on a VM.
    stage_ = AllocateHugePageBytes(kStage);
    static_assert(HugePageAllocator<char>::kHugePage % kDirectAlign == 0);
    direct_ = true;
    return direct_;
  }

  Status Write(std::string_view bytes) {
    if (!stage_) return WriteAll(bytes);
    while (!bytes.empty()) {
      size_t k = std::min(kStage - staged_, bytes.size());
      std::memcpy(stage_.get() + staged_, bytes.data(), k);
      staged_ += k;
      bytes.remove_prefix(k);
      if (staged_ == kStage) {
        RETURN_IF_ERROR(WriteAll(std::string_view(stage_.get(), kStage)));
        staged_ = 0;
      }
    }
    return absl::OkStatus();
  }

  Status Close() {
    if (stage_) {
      // Whole blocks still go direct; the unaligned tail is written through the page cache.
      size_t aligned = staged_ / kDirectAlign * kDirectAlign;
      RETURN_IF_ERROR(WriteAll(std::string_view(stage_.get(), aligned)));
      DisableDirect();
      RETURN_IF_ERROR(WriteAll(std::string_view(stage_.get() + aligned, staged_ - aligned)));
      staged_ = 0;
    }
    if (owned_) {
      if (::fsync(fd_) != 0) return absl::UnavailableError(path_ + ": fsync failed: " + Errno());
      int fd = fd_;
      fd_ = -1;
      if (::close(fd) != 0) return absl::UnavailableError(path_ + ": close failed: " + Errno());
    }
    return absl::OkStatus();
  }

 private:
  static constexpr size_t kStage = 2 << 20;
  static constexpr size_t kDirectAlign = 4096;

  Status WriteAll(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t w = ::write(fd_, bytes.data(), bytes.size());
      if (w < 0) {
        if (errno == EINTR) continue;
        if (errno == EINVAL && direct_) {  // alignment the device does not accept
          DisableDirect();
          continue;
        }
        return absl::UnavailableError(path_ + ": write failed: " + Errno());
      }
      bytes.remove_prefix(static_cast<size_t>(w));
    }
    return absl::OkStatus();
  }

  void DisableDirect() {
    int flags = ::fcntl(fd_, F_GETFL);
    if (flags >= 0) ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT);
    direct_ = false;
  }

  int fd_;
  bool owned_;
  std::string path_;
  bool direct_ = false;
  HugePageBytes stage_;
  size_t staged_ = 0;
};

// Collects output in a buffer and hands it to the codec in large pieces.
class BufferedSink : public ByteSink {
 public:
  explicit BufferedSink(std::unique_ptr<FdWriter> out) : out_(std::move(out)) {
    pending_.reserve(kIoBuffer);
  }
  // Large pieces go to the codec as they are, small ones are gathered first: writing a run of
  // unchanged input lines costs no copy.
  Status Write(std::string_view bytes) override {
    written_ += bytes.size();
    if (bytes.size() < kDirectWrite && pending_.size() + bytes.size() < kIoBuffer) {
      pending_.append(bytes);
      return absl::OkStatus();
    }
    if (!pending_.empty()) {
      RETURN_IF_ERROR(Flush(pending_, false));
      pending_.clear();
    }
    if (bytes.size() >= kDirectWrite) return Flush(bytes, false);
    pending_.append(bytes);
    return absl::OkStatus();
  }
  Status Finish() override {
    RETURN_IF_ERROR(Flush(pending_, true));
    pending_.clear();
    return out_->Close();
  }
  uint64_t bytes_written() const override { return written_; }

 protected:
  virtual Status Flush(std::string_view bytes, bool last) = 0;
  std::unique_ptr<FdWriter> out_;

 private:
  std::string pending_;
  uint64_t written_ = 0;
};

class PlainSink : public BufferedSink {
 public:
  using BufferedSink::BufferedSink;

 protected:
  Status Flush(std::string_view bytes, bool) override { return out_->Write(bytes); }
};

class GzipSink : public BufferedSink {
 public:
  GzipSink(std::unique_ptr<FdWriter> out, int level) : BufferedSink(std::move(out)) {
    std::memset(&z_, 0, sizeof(z_));
    // windowBits 31: gzip wrapper with a zero timestamp, so output bytes are reproducible.
    deflateInit2(&z_, level == 0 ? 6 : level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    chunk_.resize(kIoBuffer);
  }
  ~GzipSink() override { deflateEnd(&z_); }

 protected:
  Status Flush(std::string_view bytes, bool last) override {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z_.avail_in = static_cast<uInt>(bytes.size());
    int flush = last ? Z_FINISH : Z_NO_FLUSH;
    while (true) {
      z_.next_out = reinterpret_cast<Bytef*>(chunk_.data());
      z_.avail_out = static_cast<uInt>(chunk_.size());
      int rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) return absl::InternalError("gzip: deflate failed");
      RETURN_IF_ERROR(out_->Write(std::string_view(chunk_.data(), chunk_.size() - z_.avail_out)));
      if (last ? rc == Z_STREAM_END : z_.avail_in == 0 && z_.avail_out != 0) break;
    }
    return absl::OkStatus();
  }

 private:
  z_stream z_;
  std::string chunk_;
};

class ZstdSink : public BufferedSink {
 public:
  ZstdSink(std::unique_ptr<FdWriter> out, int level)
      : BufferedSink(std::move(out)), cctx_(ZSTD_createCCtx()) {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level == 0 ? 3 : level);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
    chunk_.resize(ZSTD_CStreamOutSize());
  }
  ~ZstdSink() override { ZSTD_freeCCtx(cctx_); }

 protected:
  Status Flush(std::string_view bytes, bool last) override {
    ZSTD_inBuffer input{bytes.data(), bytes.size(), 0};
    ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    while (true) {
      ZSTD_outBuffer output{chunk_.data(), chunk_.size(), 0};
      size_t remaining = ZSTD_compressStream2(cctx_, &output, &input, mode);
      if (ZSTD_isError(remaining)) {
        return absl::InternalError(std::string("zstd: ") + ZSTD_getErrorName(remaining));
      }
      RETURN_IF_ERROR(out_->Write(std::string_view(chunk_.data(), output.pos)));
      if (last ? remaining == 0 : input.pos == input.size) break;
    }
    return absl::OkStatus();
  }

 private:
  ZSTD_CCtx* cctx_;
  std::string chunk_;
};

}  // namespace

Compression CompressionFromPath(std::string_view path) {
  if (EndsWith(path, ".gz")) return Compression::kGzip;
  if (EndsWith(path, ".zst") || EndsWith(path, ".zstd")) return Compression::kZstd;
  return Compression::kNone;
}

Compression CompressionFromMagic(std::string_view head) {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b) {
    return Compression::kGzip;
  }
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

StatusOr<Compression> CompressionFromName(std::string_view name) {
  if (name == "none" || name.empty()) return Compression::kNone;
  if (name == "gzip" || name == "gz") return Compression::kGzip;
  if (name == "zstd" || name == "zst") return Compression::kZstd;
  return absl::InvalidArgumentError("unknown compression '" + std::string(name) +
                                    "' (expected none, gzip or zstd)");
}

std::string_view CompressionExtension(Compression c) {
  static constexpr const char* kExtensions[] = {"", ".gz", ".zst"};  // kNone, kGzip, kZstd
  static_assert(std::size(kExtensions) == static_cast<size_t>(Compression::kZstd) + 1);
  return EnumName(c, kExtensions);
}

StatusOr<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path,
                                                     Compression compression, uint64_t offset) {
  std::unique_ptr<FdReader> reader;
  if (path == "-") {
    reader = std::make_unique<FdReader>(STDIN_FILENO, false, "<stdin>");
    std::string head(4, '\0');
    size_t got = 0;
    while (got < head.size()) {
      ASSIGN_OR_RETURN(size_t k, reader->Read(head.data() + got, head.size() - got));
      if (k == 0) break;
      got += k;
    }
    head.resize(got);
    compression = CompressionFromMagic(head);
    reader->set_offset(0);
    reader->Unread(std::move(head));
  } else {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return absl::NotFoundError(path + ": cannot open: " + Errno());
    if (offset > 0) {
      if (compression != Compression::kNone) {
        ::close(fd);
        return absl::InvalidArgumentError(path + ": compressed input cannot start mid-file");
      }
      if (::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
        ::close(fd);
        return absl::DataLossError(path + ": seek failed: " + Errno());
      }
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    reader = std::make_unique<FdReader>(fd, true, path);
    reader->set_offset(offset);
  }
  switch (compression) {
    case Compression::kGzip:
      return std::unique_ptr<ByteSource>(new GzipSource(std::move(reader)));
    case Compression::kZstd:
      return std::unique_ptr<ByteSource>(new ZstdSource(std::move(reader)));
    case Compression::kNone:
      break;
  }
  return std::unique_ptr<ByteSource>(new PlainSource(std::move(reader)));
}

StatusOr<std::unique_ptr<ByteSink>> OpenByteSink(const std::string& path, Compression compression,
                                                 int level, bool direct_io) {
  std::unique_ptr<FdWriter> writer;
  if (path == "-") {
    writer = std::make_unique<FdWriter>(STDOUT_FILENO, false, "<stdout>");
  } else {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return absl::UnavailableError(path + ": cannot create: " + Errno());
    writer = std::make_unique<FdWriter>(fd, true, path);
    if (direct_io) writer->EnableDirect();
  }
  switch (compression) {
    case Compression::kGzip:
      return std::unique_ptr<ByteSink>(new GzipSink(std::move(writer), level));
    case Compression::kZstd:
      return std::unique_ptr<ByteSink>(new ZstdSink(std::move(writer), level));
    case Compression::kNone:
      break;
  }
  return std::unique_ptr<ByteSink>(new PlainSink(std::move(writer)));
}

}  // namespace refinery
