// Thrift compact protocol: just enough to read and write Parquet's metadata structs.
//
// The reader never trusts a length or count read from the input: every read is bounds-checked,
// nesting is capped, and a list claims no more elements than bytes remain. A malformed struct
// leaves the reader in a failed state (ok() false, error() says what) instead of throwing, and
// every later read returns zero values, so callers check once at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace refinery {

namespace thrift {
// The compact protocol's type codes.
// clang-format off
enum Type : uint8_t {
  kStop = 0, kTrue = 1, kFalse = 2, kByte = 3, kI16 = 4, kI32 = 5, kI64 = 6, kDouble = 7,
  kBinary = 8, kList = 9, kSet = 10, kMap = 11, kStruct = 12,
};
// clang-format on
// A struct member and its field id, for ThriftReader::Fields.
template <typename T>
struct Member {
  int16_t id;
  T* into;
};
template <typename T>
Member<T> At(int16_t id, T& into) {
  return {id, &into};
}
}  // namespace thrift

class ThriftReader {
 public:
  ThriftReader(const uint8_t* data, size_t size) : p_(data), end_(data + size), begin_(data) {}

  // Reads the fields of one struct: `on_field(id, type)` reads the value of each field it
  // knows and returns false for the rest, which are skipped. Stops at the struct's end.
  template <typename OnField>
  void ReadStruct(OnField&& on_field) {
    if (!Enter()) return;
    int16_t last_id = 0;
    while (ok()) {
      uint8_t header = ReadByte();
      if (!ok() || (header & 0x0f) == thrift::kStop) break;
      uint8_t type = header & 0x0f;
      int16_t id = (header >> 4) ? static_cast<int16_t>(last_id + (header >> 4)) : ReadI16();
      last_id = id;
      bool_field_ = type == thrift::kTrue ? 1 : type == thrift::kFalse ? 0 : -1;
      if (!on_field(id, type)) Skip(type);
    }
    --depth_;
  }

  // Reads a list header; returns its element count (0 on error) and sets `elem_type`.
  uint32_t ReadListHeader(uint8_t& elem_type);

  // For on_field: reads the field into `into` when its type is the one `into` takes (i32 for
  // int32_t and enums, i64 for int64_t, binary for strings, a boolean for bool) and returns
  // true; returns false otherwise, so ReadStruct skips it.
  bool Field(uint8_t type, int32_t& into) {
    return type == thrift::kI32 && (into = ReadI32(), true);
  }
  bool Field(uint8_t type, int64_t& into) {
    return type == thrift::kI64 && (into = ReadI64(), true);
  }
  bool Field(uint8_t type, std::string& into) {
    return type == thrift::kBinary && (into = std::string(ReadBinary()), true);
  }
  bool Field(uint8_t type, bool& into) {
    return (type == thrift::kTrue || type == thrift::kFalse) && (into = ReadBool(type), true);
  }
  template <typename Enum>
  requires std::is_enum_v<Enum>
  bool Field(uint8_t type, Enum& into) {
    int32_t v = 0;
    return Field(type, v) && (into = static_cast<Enum>(v), true);
  }
  template <typename T>
  bool Field(uint8_t type, std::optional<T>& into) {
    T v{};
    return Field(type, v) && (into = v, true);
  }

  // For on_field: reads field `id` into the member listed for it (made by thrift::At), as
  // Field does; false for an id not listed.
  template <typename... T>
  bool Fields(int16_t id, uint8_t type, thrift::Member<T>... members) {
    bool read = false;
    ((id == members.id && (read = Field(type, *members.into))), ...);
    return read;
  }

  // For on_field: reads a list field, calling `on_element()` to read each element of type
  // `elem_type`. Elements of another type fail the reader with `wrong_type` when it is set,
  // else are skipped. Returns false (skip the field) when `type` is not a list.
  template <typename OnElement>
  bool List(uint8_t type, uint8_t elem_type, const char* wrong_type, OnElement&& on_element) {
    if (type != thrift::kList) return false;
    uint8_t elem;
    const uint32_t n = ReadListHeader(elem);
    for (uint32_t i = 0; i < n && ok(); ++i) {
      if (elem == elem_type) {
        on_element();
      } else if (wrong_type) {
        Fail(wrong_type);
      } else {
        Skip(elem);
      }
    }
    return true;
  }

  int8_t ReadI8() { return static_cast<int8_t>(ReadByte()); }
  int32_t ReadI32() { return static_cast<int32_t>(ZigZag(ReadVarint())); }
  int64_t ReadI64() { return ZigZag(ReadVarint()); }
  int16_t ReadI16() { return static_cast<int16_t>(ZigZag(ReadVarint())); }
  double ReadDouble();
  // A boolean field's value is in its header: call from on_field with the field's type.
  bool ReadBool(uint8_t type);
  // A view into the input (valid as long as the input is).
  std::string_view ReadBinary();
  void Skip(uint8_t type);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  size_t consumed() const { return static_cast<size_t>(p_ - begin_); }
  void Fail(const std::string& what);

 private:
  bool Enter();
  uint8_t ReadByte();
  uint64_t ReadVarint();
  static int64_t ZigZag(uint64_t v) {
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }

  const uint8_t* p_;
  const uint8_t* end_;
  const uint8_t* begin_;
  int depth_ = 0;
  int bool_field_ = -1;
  std::string error_;
};

// Writes compact-protocol structs into a string. Field ids must increase within a struct.
class ThriftWriter {
 public:
  explicit ThriftWriter(std::string& out) : out_(out) {}

  void BeginStruct() { last_ids_.push_back(last_id_), last_id_ = 0; }
  void EndStruct() {
    out_.push_back(0);
    last_id_ = last_ids_.back();
    last_ids_.pop_back();
  }
  void FieldI32(int16_t id, int32_t v) { Header(id, thrift::kI32), Varint(Zig(v)); }
  void FieldI64(int16_t id, int64_t v) { Header(id, thrift::kI64), Varint(Zig(v)); }
  void FieldBool(int16_t id, bool v) { Header(id, v ? thrift::kTrue : thrift::kFalse); }
  void FieldBinary(int16_t id, std::string_view v) {
    Header(id, thrift::kBinary);
    Binary(v);
  }
  // A struct-valued field: call BeginStruct after, EndStruct when done.
  void FieldStruct(int16_t id) { Header(id, thrift::kStruct); }
  void FieldList(int16_t id, uint8_t elem_type, uint32_t count) {
    Header(id, thrift::kList);
    ListHeader(elem_type, count);
  }
  void ListHeader(uint8_t elem_type, uint32_t count);
  void I32(int32_t v) { Varint(Zig(v)); }
  void Binary(std::string_view v) {
    Varint(v.size());
    out_.append(v);
  }

 private:
  static uint64_t Zig(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }
  void Header(int16_t id, uint8_t type);
  void Varint(uint64_t v);

  std::string& out_;
  int16_t last_id_ = 0;
  std::basic_string<int16_t> last_ids_;
};

}  // namespace refinery
