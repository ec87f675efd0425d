// One container for every model file Refinery ships or trains.
//
// Layout (little-endian):
//   8 bytes  magic "RFNMODEL"
//   u32      container version (1)
//   u32      length of the kind name, then the kind name ("ner", "toxicity", ...)
//   u32      the kind's own format version
//   u64      payload length, then the payload
//   u32      CRC-32 (zlib) of everything before it
// Loading checks each part and names the file and what is wrong: not a model file, another
// kind, a version this build cannot read, truncated, or corrupt. The payload is written and
// read with ModelWriter / ModelReader, whose reads are bounds-checked (a short payload is an
// error value, never an out-of-bounds read).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/mapped_file.h"
#include "refinery/core/status.h"

namespace refinery {

// Builds a payload: fixed-width little-endian numbers, length-prefixed strings and arrays.
class ModelWriter {
 public:
  void U8(uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void I32(int32_t v) { U32(static_cast<uint32_t>(v)); }
  void F32(float v);
  void F64(double v);
  void String(std::string_view s);  // u64 length + bytes
  void F32Array(const float* data, size_t n);
  void F32Array(const std::vector<float>& v) { F32Array(v.data(), v.size()); }
  void F64Array(const std::vector<double>& v);
  void StringArray(const std::vector<std::string>& v);

  const std::string& bytes() const { return bytes_; }
  std::string Take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

// Reads a payload written by ModelWriter. After the first short or malformed read every
// getter returns zero/empty and status() holds the error, so a loader reads everything and
// checks status() once.
class ModelReader {
 public:
  explicit ModelReader(std::string_view payload) : data_(payload) {}

  uint8_t U8();
  uint32_t U32();
  uint64_t U64();
  int32_t I32() { return static_cast<int32_t>(U32()); }
  float F32();
  double F64();
  std::string String();
  // The same string as a view into the payload (no copy; valid while the payload is).
  std::string_view StringView();
  std::vector<float> F32Array();
  std::vector<double> F64Array();
  std::vector<std::string> StringArray();

  // Fails the reader (e.g. a value out of range) unless it has failed already.
  void Fail(std::string message);
  bool ok() const { return error_.empty(); }
  size_t remaining() const { return data_.size() - pos_; }
  // The bytes not read yet (a view into the payload).
  std::string_view Rest() const { return data_.substr(pos_); }
  // OK when every read succeeded and the whole payload was consumed.
  Status Finish() const;

 private:
  bool Need(uint64_t n, const char* what);
  // u64 count, then the numbers' bytes (little-endian, as ModelWriter writes them).
  template <typename T>
  std::vector<T> NumberArray(const char* what);

  std::string_view data_;
  size_t pos_ = 0;
  std::string error_;
};

// Writes `payload` as a model file of `kind` and `version` (atomically: tmp, fsync, rename).
Status WriteModelFile(const std::string& path, std::string_view kind, uint32_t version,
                      std::string_view payload);

// The container's bytes for `payload` (what WriteModelFile writes).
std::string EncodeModelFile(std::string_view kind, uint32_t version, std::string_view payload);

// Reads a model file and returns its payload, or an error naming `path` and the problem.
// `version` is the kind's format version this build reads.
StatusOr<std::string> ReadModelFile(const std::string& path, std::string_view kind,
                                    uint32_t version);

// The same checks on bytes already in memory; `name` is used in messages.
StatusOr<std::string> DecodeModelFile(std::string_view bytes, std::string_view name,
                                      std::string_view kind, uint32_t version);
// The same, returning the payload as a view into `bytes` (no copy of a large model).
StatusOr<std::string_view> DecodeModelFileView(std::string_view bytes, std::string_view name,
                                               std::string_view kind, uint32_t version);

// A model file mapped into memory (no copy: reading a large model into strings touched a fresh
// page per 4 KiB at every start) and its payload, a view into `file` that lives as long as it.
struct MappedModelFile {
  std::shared_ptr<const MappedFile> file;
  std::string_view payload;
};
// Maps a model file and checks it as ReadModelFile does.
StatusOr<MappedModelFile> MapModelFile(const std::string& path, std::string_view kind,
                                       uint32_t version);

// Where built-in models are looked up, first match wins:
//   1. $REFINERY_MODELS_DIR,
//   2. `configured` (a pipeline's or verb's models_dir), when not empty,
//   3. a `models/` or `share/refinery/models/` folder beside or above the running binary,
//   4. the source tree's `models/` (BuildSourceDir()).
// Returns the first directory that exists; the source tree's when none does.
std::string FindModelsDir(const std::string& configured = "");

// FindModelsDir(configured) + "/" + file_name.
std::string ModelPath(const std::string& file_name, const std::string& configured = "");

}  // namespace refinery
