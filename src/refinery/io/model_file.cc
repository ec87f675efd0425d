#include "refinery/io/model_file.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "refinery/core/build_info.h"
#include "refinery/io/files.h"

namespace refinery {

namespace {

constexpr char kMagic[8] = {'R', 'F', 'N', 'M', 'O', 'D', 'E', 'L'};
constexpr uint32_t kContainerVersion = 1;
// A kind name is a short identifier; a longer one means the header is garbage.
constexpr uint32_t kMaxKindLength = 64;

template <typename T>
void PutLittle(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));  // x86-64 and aarch64 are little-endian
  out.append(buf, sizeof(T));
}

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  size_t pos = 0;
  while (pos < bytes.size()) {  // zlib takes uInt lengths
    uInt n = static_cast<uInt>(std::min<size_t>(bytes.size() - pos, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + pos), n);
    pos += n;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

void ModelWriter::U32(uint32_t v) { PutLittle(bytes_, v); }
void ModelWriter::U64(uint64_t v) { PutLittle(bytes_, v); }
void ModelWriter::F32(float v) { PutLittle(bytes_, v); }
void ModelWriter::F64(double v) { PutLittle(bytes_, v); }

void ModelWriter::String(std::string_view s) {
  U64(s.size());
  bytes_.append(s);
}

void ModelWriter::F32Array(const float* data, size_t n) {
  U64(n);
  bytes_.append(reinterpret_cast<const char*>(data), n * sizeof(float));
}

void ModelWriter::F64Array(const std::vector<double>& v) {
  U64(v.size());
  bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

void ModelWriter::StringArray(const std::vector<std::string>& v) {
  U64(v.size());
  for (const std::string& s : v) String(s);
}

bool ModelReader::Need(uint64_t n, const char* what) {
  if (!error_.empty()) return false;
  if (n > data_.size() - pos_) {
    error_ = std::string("payload ends inside ") + what;
    return false;
  }
  return true;
}

void ModelReader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

uint8_t ModelReader::U8() {
  if (!Need(1, "a byte")) return 0;
  return static_cast<uint8_t>(data_[pos_++]);
}

#define REFINERY_MODEL_READ(T, what)               \
  T v{};                                           \
  if (!Need(sizeof(T), what)) return v;            \
  std::memcpy(&v, data_.data() + pos_, sizeof(T)); \
  pos_ += sizeof(T);                               \
  return v

uint32_t ModelReader::U32() { REFINERY_MODEL_READ(uint32_t, "a 32-bit number"); }
uint64_t ModelReader::U64() { REFINERY_MODEL_READ(uint64_t, "a 64-bit number"); }
float ModelReader::F32() { REFINERY_MODEL_READ(float, "a float"); }
double ModelReader::F64() { REFINERY_MODEL_READ(double, "a double"); }
#undef REFINERY_MODEL_READ

std::string ModelReader::String() { return std::string(StringView()); }

std::string_view ModelReader::StringView() {
  uint64_t n = U64();
  if (!Need(n, "a string")) return {};
  std::string_view s = data_.substr(pos_, n);
  pos_ += n;
  return s;
}

template <typename T>
std::vector<T> ModelReader::NumberArray(const char* what) {
  uint64_t n = U64();
  if (n > remaining() / sizeof(T) || !Need(n * sizeof(T), what)) {
    Fail(std::string("payload ends inside ") + what);
    return {};
  }
  std::vector<T> v(n);
  std::memcpy(v.data(), data_.data() + pos_, n * sizeof(T));
  pos_ += n * sizeof(T);
  return v;
}

std::vector<float> ModelReader::F32Array() { return NumberArray<float>("a float array"); }
std::vector<double> ModelReader::F64Array() { return NumberArray<double>("a double array"); }

std::vector<std::string> ModelReader::StringArray() {
  uint64_t n = U64();
  // Each string takes at least its 8-byte length: a count beyond that is corrupt.
  if (n > remaining() / 8) {
    Fail("payload ends inside a string array");
    return {};
  }
  std::vector<std::string> v;
  v.reserve(n);
  for (uint64_t i = 0; i < n && ok(); ++i) v.push_back(String());
  return v;
}

Status ModelReader::Finish() const {
  if (!error_.empty()) return absl::DataLossError(error_);
  if (pos_ != data_.size()) {
    return absl::DataLossError(std::to_string(data_.size() - pos_) +
                               " unread bytes at the end of the payload");
  }
  return absl::OkStatus();
}

std::string EncodeModelFile(std::string_view kind, uint32_t version, std::string_view payload) {
  std::string out(kMagic, sizeof(kMagic));
  PutLittle(out, kContainerVersion);
  PutLittle(out, static_cast<uint32_t>(kind.size()));
  out.append(kind);
  PutLittle(out, version);
  PutLittle(out, static_cast<uint64_t>(payload.size()));
  out.append(payload);
  PutLittle(out, Crc32(out));
  return out;
}

Status WriteModelFile(const std::string& path, std::string_view kind, uint32_t version,
                      std::string_view payload) {
  return WriteFileAtomic(path, EncodeModelFile(kind, version, payload));
}

StatusOr<std::string> DecodeModelFile(std::string_view bytes, std::string_view name,
                                      std::string_view kind, uint32_t version) {
  ASSIGN_OR_RETURN(std::string_view payload, DecodeModelFileView(bytes, name, kind, version));
  return std::string(payload);
}

StatusOr<std::string_view> DecodeModelFileView(std::string_view bytes, std::string_view name,
                                               std::string_view kind, uint32_t version) {
  auto fail = [&](const std::string& what) {
    return absl::DataLossError(std::string(name) + ": " + what);
  };
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return fail("not a Refinery model file (no RFNMODEL header)");
  }
  ModelReader header(bytes.substr(sizeof(kMagic)));
  uint32_t container = header.U32();
  if (!header.ok()) return fail("truncated model file (header cut short)");
  if (container != kContainerVersion) {
    return fail("model container version " + std::to_string(container) +
                ", this build reads version " + std::to_string(kContainerVersion));
  }
  uint32_t kind_length = header.U32();
  if (!header.ok() || kind_length > kMaxKindLength || kind_length > header.remaining()) {
    return fail("truncated or corrupt model file (bad kind name)");
  }
  size_t pos = sizeof(kMagic) + 8;
  std::string_view file_kind = bytes.substr(pos, kind_length);
  pos += kind_length;
  ModelReader rest(bytes.substr(pos));
  uint32_t file_version = rest.U32();
  uint64_t payload_size = rest.U64();
  if (!rest.ok()) return fail("truncated model file (header cut short)");
  pos += 12;
  if (file_kind != kind) {
    return fail("a '" + std::string(file_kind) + "' model, expected a '" + std::string(kind) +
                "' model");
  }
  if (payload_size > bytes.size() - pos || bytes.size() - pos - payload_size < 4) {
    return fail("truncated model file (" + std::to_string(bytes.size()) +
                " bytes, the header announces a payload of " + std::to_string(payload_size) + ")");
  }
  if (bytes.size() - pos - payload_size != 4) {
    return fail("corrupt model file (" + std::to_string(bytes.size() - pos - payload_size - 4) +
                " stray bytes after the checksum)");
  }
  uint32_t stored_crc = 0;
  std::memcpy(&stored_crc, bytes.data() + pos + payload_size, 4);
  if (Crc32(bytes.substr(0, pos + payload_size)) != stored_crc) {
    return fail("corrupt model file (checksum mismatch)");
  }
  if (file_version != version) {
    return fail("'" + std::string(kind) + "' model format version " + std::to_string(file_version) +
                ", this build reads version " + std::to_string(version) +
                " (rebuild it: see models/README.md)");
  }
  return bytes.substr(pos, payload_size);
}

StatusOr<std::string> ReadModelFile(const std::string& path, std::string_view kind,
                                    uint32_t version) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  return DecodeModelFile(bytes, path, kind, version);
}

StatusOr<MappedModelFile> MapModelFile(const std::string& path, std::string_view kind,
                                       uint32_t version) {
  MappedModelFile out;
  ASSIGN_OR_RETURN(out.file, MappedFile::Open(path));
  ASSIGN_OR_RETURN(out.payload,
                   DecodeModelFileView(std::string_view(out.file->data(), out.file->size()), path,
                                       kind, version));
  return out;
}

std::string FindModelsDir(const std::string& configured) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("REFINERY_MODELS_DIR"); env != nullptr && *env != 0) {
    return env;
  }
  std::error_code ec;
  if (!configured.empty() && fs::is_directory(configured, ec)) return configured;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::is_directory(p / "models", ec)) return (p / "models").string();
      if (fs::is_directory(p / "share/refinery/models", ec)) {
        return (p / "share/refinery/models").string();
      }
    }
  }
  return BuildSourceDir() + "/models";
}

std::string ModelPath(const std::string& file_name, const std::string& configured) {
  return FindModelsDir(configured) + "/" + file_name;
}

}  // namespace refinery
