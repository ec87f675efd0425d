#include "refinery/io/parquet_writer.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "refinery/core/json.h"
#include "refinery/io/parquet_codec.h"
#include "refinery/io/parquet_metadata.h"

namespace refinery {
namespace {

using parquet::PhysicalType;

enum class ColumnType { kBool, kInt64, kDouble, kString, kJson };

const char* TypeName(ColumnType t) {
  static const char* kNames[] = {"boolean", "int64", "double", "string", "JSON"};
  return kNames[static_cast<int>(t)];
}

PhysicalType Physical(ColumnType t) {
  switch (t) {
    case ColumnType::kBool:
      return PhysicalType::kBoolean;
    case ColumnType::kInt64:
      return PhysicalType::kInt64;
    case ColumnType::kDouble:
      return PhysicalType::kDouble;
    default:
      return PhysicalType::kByteArray;
  }
}

void AppendVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Definition levels (bit width 1) as RLE runs, with the 4-byte length of data page v1.
void AppendLevels(const uint8_t* levels, size_t n, std::string& out) {
  size_t at = out.size();
  out.append(4, '\0');
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && levels[j] == levels[i]) ++j;
    AppendVarint(out, static_cast<uint64_t>(j - i) << 1);
    out.push_back(static_cast<char>(levels[i]));
    i = j;
  }
  uint32_t len = static_cast<uint32_t>(out.size() - at - 4);
  std::memcpy(out.data() + at, &len, 4);
}

// One PLAIN BYTE_ARRAY value: its length, then its bytes. With `row_group_bytes`, a column's
// values that reach a sixteenth of a row group get room for a whole one at once: growing by
// doubling copies them each time and touches twice the memory, while room not yet written
// costs no memory.
void AppendByteArray(std::string& out, std::string_view bytes, uint64_t row_group_bytes = 0) {
  const size_t need = out.size() + 4 + bytes.size();
  if (need > out.capacity() && out.size() >= row_group_bytes / 16 && row_group_bytes > 0)
    out.reserve(std::max<size_t>(need, row_group_bytes + row_group_bytes / 16));
  const uint32_t len = static_cast<uint32_t>(bytes.size());
  out.append(reinterpret_cast<const char*>(&len), 4);
  out.append(bytes);
}

template <typename T>
void AppendFixed(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

// True when `token` (a JSON string, quotes included) is spelled the way AppendJsonString
// writes `decoded`, its value, so the token can be made again from the value instead of kept.
bool IsCanonicalJsonString(std::string_view token, std::string_view decoded) {
  if (token.size() == decoded.size() + 2) return true;  // no escapes at all
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = token.find('\\'); i != std::string_view::npos; i = token.find('\\', i)) {
    switch (token[i + 1]) {
      case '"':
      case '\\':
      case 'n':
      case 'r':
      case 't':
      case 'b':
      case 'f':
        i += 2;
        continue;
      case 'u': {
        // Only control characters without a short escape are written \u00xx (lowercase).
        if (token.size() < i + 6 || token.compare(i + 2, 2, "00") != 0) return false;
        const char* hi = std::strchr(kHex, token[i + 4]);
        const char* lo = std::strchr(kHex, token[i + 5]);
        if (!hi || !lo || !*hi || !*lo || hi - kHex > 1) return false;
        const int c = static_cast<int>((hi - kHex) * 16 + (lo - kHex));
        if (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') return false;
        i += 6;
        continue;
      }
      default:
        return false;  // "\/"
    }
  }
  return true;
}

// Where a column chunk's pages end: a page ends after the row whose value brings it to
// page_bytes or more.
struct PageCuts {
  uint64_t bytes = 0, page_start = 0;
  std::vector<std::pair<uint64_t, uint64_t>> ends;  // (rows, value bytes) per full page

  void Add(uint64_t rows, uint64_t value_bytes, uint64_t page_bytes) {
    bytes += value_bytes;
    if (bytes - page_start < page_bytes) return;
    ends.emplace_back(rows, bytes);
    page_start = bytes;
  }
};

// The JSON text of an object or array value (`Nested` is ondemand::object or ::array).
template <typename Nested>
bool RawNested(simdjson::ondemand::value& value, std::string_view& raw) {
  Nested nested;
  return !value.get<Nested>().get(nested) && !nested.raw_json().get(raw);
}

}  // namespace

// One field's value in a record, as parsed.
struct ParquetWriter::Value {
  enum Kind : uint8_t { kNull = 1, kBool = 2, kInt = 4, kDouble = 8, kString = 16, kNested = 32 };
  std::string_view key;
  Kind kind = kNull;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string_view string;  // unescaped (strings)
  std::string_view raw;     // the value's JSON text
};

struct ParquetWriter::Column {
  std::string name;
  ColumnType type = ColumnType::kString;
  std::vector<uint8_t> defined;
  std::string values;  // PLAIN-encoded (booleans one byte each, packed when written)
  PageCuts cuts;
  parquet::ColumnChunk chunk;

  // The first row group, until its type is chosen, holds each value in the forms the column
  // may need: decoded strings in `values`; booleans and numbers in `scalars`; in `json`, the
  // JSON text of every value except strings spelled as AppendJsonString writes them (made
  // again from `values` if the column becomes JSON). `forms` says, per value, where it is.
  // `staged_cuts` are the page ends of each type (indexed by ColumnType).
  enum Form : uint8_t { kJsonOnly, kStringOnly, kStringAndJson };
  struct Scalar {
    uint8_t kind;
    bool boolean;
    int64_t integer;
    double number;
  };
  uint8_t kinds = 0;
  std::string json;
  std::vector<Form> forms;
  std::vector<Scalar> scalars;
  PageCuts staged_cuts[5];
};

struct ParquetWriter::Impl {
  simdjson::ondemand::parser parser;
  ByteBuffer padded;
  std::vector<Column> columns;
  std::map<std::string, size_t, std::less<>> index;
  // Per field position, the column the previous record had there: records of a corpus mostly
  // list their fields in the same order, so this finds a column without a map lookup.
  std::vector<size_t> hint;
  std::vector<int> slot;  // per column: the value of the current record, or -1
  uint64_t buffered_bytes = 0;
  std::vector<Value> values;
  parquet::FileMetaData meta;
  std::string body, header;
  ByteBuffer compressed;
};

StatusOr<int32_t> ParquetCodecFromName(std::string_view name) {
  if (name == "zstd") return parquet::kZstd;
  if (name == "snappy") return parquet::kSnappy;
  if (name == "none") return parquet::kUncompressed;
  return absl::InvalidArgumentError("Parquet compression must be zstd, snappy or none, not '" +
                                    std::string(name) + "'");
}

ParquetWriter::ParquetWriter(std::unique_ptr<ByteSink> out, ParquetWriterOptions options)
    : out_(std::move(out)), options_(std::move(options)), impl_(std::make_unique<Impl>()) {}

ParquetWriter::~ParquetWriter() = default;

Status ParquetWriter::Write(std::string_view bytes) {
  offset_ += bytes.size();
  return out_->Write(bytes);
}

Status ParquetWriter::Parse(std::string_view json, std::vector<Value>& values) {
  values.clear();
  Impl& m = *impl_;
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  auto error = m.parser.iterate(json.data(), json.size(), json.size() + kJsonPadding).get(doc);
  if (!error) error = doc.get_object().get(object);
  if (error) return absl::InvalidArgumentError("record is not a JSON object");
  for (auto field : object) {
    Value v;
    if (field.unescaped_key().get(v.key)) return absl::InvalidArgumentError("malformed key");
    simdjson::ondemand::value value = field.value();
    simdjson::ondemand::json_type type;
    if (value.type().get(type)) return absl::InvalidArgumentError("malformed value");
    switch (type) {
      case simdjson::ondemand::json_type::object:
      case simdjson::ondemand::json_type::array: {
        const bool ok = type == simdjson::ondemand::json_type::object
                            ? RawNested<simdjson::ondemand::object>(value, v.raw)
                            : RawNested<simdjson::ondemand::array>(value, v.raw);
        if (!ok) return absl::InvalidArgumentError("malformed object or array");
        v.kind = Value::kNested;
        break;
      }
      case simdjson::ondemand::json_type::string:
        v.raw = value.raw_json_token();
        if (value.get_string().get(v.string)) return absl::InvalidArgumentError("malformed string");
        v.kind = Value::kString;
        break;
      case simdjson::ondemand::json_type::boolean:
        v.raw = value.raw_json_token();
        if (value.get_bool().get(v.boolean)) return absl::InvalidArgumentError("malformed value");
        v.kind = Value::kBool;
        break;
      case simdjson::ondemand::json_type::null:
        v.raw = "null";
        v.kind = Value::kNull;
        break;
      case simdjson::ondemand::json_type::number: {
        v.raw = value.raw_json_token();
        simdjson::ondemand::number_type nt;
        if (value.get_number_type().get(nt)) return absl::InvalidArgumentError("malformed number");
        if (nt == simdjson::ondemand::number_type::signed_integer) {
          if (value.get_int64().get(v.integer)) return absl::InvalidArgumentError("bad number");
          v.kind = Value::kInt;
        } else {
          if (value.get_double().get(v.number)) return absl::InvalidArgumentError("bad number");
          v.kind = Value::kDouble;
        }
        break;
      }
    }
    while (!v.raw.empty() && (v.raw.back() == ' ' || v.raw.back() == '\t' || v.raw.back() == '\n' ||
                              v.raw.back() == '\r'))
      v.raw.remove_suffix(1);
    values.push_back(v);
  }
  return absl::OkStatus();
}

size_t ParquetWriter::FindColumn(size_t position, std::string_view key) {
  Impl& m = *impl_;
  if (position < m.hint.size() && m.hint[position] < m.columns.size() &&
      m.columns[m.hint[position]].name == key)
    return m.hint[position];
  auto it = m.index.find(key);
  if (it == m.index.end()) return SIZE_MAX;
  if (position >= m.hint.size()) m.hint.resize(position + 1, SIZE_MAX);
  m.hint[position] = it->second;
  return it->second;
}

// First row group: every value goes to its column in the forms the column's type may need
// once it is chosen; columns are made as fields first appear.
void ParquetWriter::Stage(const std::vector<Value>& values) {
  Impl& m = *impl_;
  const uint64_t page = options_.page_bytes;
  for (size_t i = 0; i < values.size(); ++i) {
    const Value& v = values[i];
    size_t c = FindColumn(i, v.key);
    if (c == SIZE_MAX) {
      c = m.columns.size();
      m.index.emplace(std::string(v.key), c);
      m.columns.emplace_back();
      m.columns.back().name = std::string(v.key);
      m.columns.back().defined.assign(rows_, 0);
    }
    Column& col = m.columns[c];
    col.kinds |= v.kind;  // a repeated key's kinds count too (it is a field of the record)
    if (col.defined.size() > rows_) continue;  // a repeated key: the first value counts
    col.defined.push_back(v.kind != Value::kNull);
    if (v.kind == Value::kNull) continue;
    PageCuts* cuts = col.staged_cuts;
    const uint64_t rows = rows_ + 1;
    cuts[static_cast<int>(ColumnType::kJson)].Add(rows, 4 + v.raw.size(), page);
    const Column::Form form = v.kind != Value::kString                 ? Column::kJsonOnly
                              : IsCanonicalJsonString(v.raw, v.string) ? Column::kStringOnly
                                                                       : Column::kStringAndJson;
    col.forms.push_back(form);
    if (form != Column::kStringOnly) AppendByteArray(col.json, v.raw, options_.row_group_bytes);
    if (v.kind == Value::kString) {
      AppendByteArray(col.values, v.string, options_.row_group_bytes);
      cuts[static_cast<int>(ColumnType::kString)].Add(rows, 4 + v.string.size(), page);
    } else if (v.kind != Value::kNested) {
      col.scalars.push_back({v.kind, v.boolean, v.integer, v.number});
      cuts[static_cast<int>(ColumnType::kBool)].Add(rows, 1, page);
      cuts[static_cast<int>(ColumnType::kInt64)].Add(rows, 8, page);
      cuts[static_cast<int>(ColumnType::kDouble)].Add(rows, 8, page);
    }
  }
  for (Column& col : m.columns) {
    if (col.defined.size() == rows_) col.defined.push_back(0);
  }
  ++rows_;
}

// Puts a staged column's values in the form of its type.
void ParquetWriter::Unstage(Column& col) {
  if (col.type == ColumnType::kJson) {
    std::string json;
    size_t json_at = 0, string_at = 0;
    // The next PLAIN value of `source` from `at` on.
    auto next = [](const std::string& source, size_t& at) {
      uint32_t len;
      std::memcpy(&len, source.data() + at, 4);
      at += 4 + uint64_t{len};
      return std::string_view(source.data() + at - len, len);
    };
    for (Column::Form form : col.forms) {
      const std::string_view string = form != Column::kJsonOnly ? next(col.values, string_at) : "";
      if (form != Column::kStringOnly) {
        AppendByteArray(json, next(col.json, json_at));
        continue;
      }
      const size_t len_at = json.size();
      json.append(4, '\0');
      AppendJsonString(json, string);
      const uint32_t token_len = static_cast<uint32_t>(json.size() - len_at - 4);
      std::memcpy(json.data() + len_at, &token_len, 4);
    }
    col.values.swap(json);
  } else if (col.type != ColumnType::kString) {
    col.values.clear();
    for (const Column::Scalar& v : col.scalars) {
      if (col.type == ColumnType::kBool) {
        col.values.push_back(static_cast<char>(v.boolean));
      } else if (col.type == ColumnType::kInt64) {
        AppendFixed(col.values, v.integer);
      } else {
        AppendFixed(col.values, v.kind == Value::kInt ? static_cast<double>(v.integer) : v.number);
      }
    }
  }
  col.cuts = std::move(col.staged_cuts[static_cast<int>(col.type)]);
  // The other forms are not needed again.
  std::string().swap(col.json);
  std::vector<Column::Form>().swap(col.forms);
  std::vector<Column::Scalar>().swap(col.scalars);
  for (PageCuts& cuts : col.staged_cuts) cuts = PageCuts{};
}

// Chooses each column's type from the kinds its first row group held; the `refinery` column
// (JSON) goes last.
void ParquetWriter::FixSchema() {
  Impl& m = *impl_;
  auto refinery = m.index.find("refinery");
  Column last;
  last.defined.assign(rows_, 0);
  if (refinery != m.index.end()) {
    last = std::move(m.columns[refinery->second]);
    m.columns.erase(m.columns.begin() + static_cast<ptrdiff_t>(refinery->second));
  }
  last.name = "refinery";
  last.kinds = Value::kNested;
  m.columns.push_back(std::move(last));
  m.index.clear();
  m.hint.clear();
  for (size_t c = 0; c < m.columns.size(); ++c) {
    Column& col = m.columns[c];
    m.index.emplace(col.name, c);
    const uint8_t k = col.kinds & ~Value::kNull;
    col.type = ColumnType::kJson;
    if (k == 0 || k == Value::kString)
      col.type = ColumnType::kString;
    else if (k == Value::kBool)
      col.type = ColumnType::kBool;
    else if (k == Value::kInt)
      col.type = ColumnType::kInt64;
    else if ((k & ~(Value::kInt | Value::kDouble)) == 0)
      col.type = ColumnType::kDouble;
    Unstage(col);
  }
  m.slot.assign(m.columns.size(), -1);
  schema_fixed_ = true;
}

Status ParquetWriter::Append(const std::vector<Value>& values) {
  Impl& m = *impl_;
  // Check every field first, so a record that does not fit leaves no trace.
  for (size_t i = 0; i < values.size(); ++i) {
    const Value& v = values[i];
    const size_t c = FindColumn(i, v.key);
    if (c == SIZE_MAX) {
      for (int& s : m.slot) s = -1;
      return absl::InvalidArgumentError("parquet output: field '" + std::string(v.key) +
                                        "' is not a column of this part (columns come from "
                                        "the part's first row group)");
    }
    Column& col = m.columns[c];
    if (m.slot[c] >= 0) continue;  // a repeated key: the first one counts
    const bool fits =
        v.kind == Value::kNull || col.type == ColumnType::kJson ||
        (col.type == ColumnType::kString && v.kind == Value::kString) ||
        (col.type == ColumnType::kBool && v.kind == Value::kBool) ||
        (col.type == ColumnType::kInt64 && v.kind == Value::kInt) ||
        (col.type == ColumnType::kDouble && (v.kind == Value::kInt || v.kind == Value::kDouble));
    if (!fits) {
      for (int& s : m.slot) s = -1;
      return absl::InvalidArgumentError(
          "parquet output: field '" + col.name + "' holds " + std::string(v.raw.substr(0, 40)) +
          ", which does not fit the part's " + TypeName(col.type) + " column");
    }
    m.slot[c] = static_cast<int>(i);
  }
  for (size_t c = 0; c < m.columns.size(); ++c) {
    Column& col = m.columns[c];
    const int s = m.slot[c];
    m.slot[c] = -1;
    if (s < 0 || values[s].kind == Value::kNull) {
      col.defined.push_back(0);
      continue;
    }
    const Value& v = values[s];
    col.defined.push_back(1);
    const size_t before = col.values.size();
    switch (col.type) {
      case ColumnType::kBool:
        col.values.push_back(static_cast<char>(v.boolean));
        break;
      case ColumnType::kInt64:
        AppendFixed(col.values, v.integer);
        break;
      case ColumnType::kDouble:
        AppendFixed(col.values, v.kind == Value::kInt ? static_cast<double>(v.integer) : v.number);
        break;
      case ColumnType::kString:
        AppendByteArray(col.values, v.string, options_.row_group_bytes);
        break;
      case ColumnType::kJson:
        AppendByteArray(col.values, v.raw, options_.row_group_bytes);
        break;
    }
    const uint64_t added = col.values.size() - before;
    col.cuts.Add(rows_ + 1, added, options_.page_bytes);
    m.buffered_bytes += added;
  }
  ++rows_;
  return absl::OkStatus();
}

Status ParquetWriter::Add(std::string_view json_object) {
  Impl& m = *impl_;
  m.padded.Clear();
  m.padded.Append(json_object);
  return AddPadded(m.padded.view());
}

Status ParquetWriter::AddPadded(std::string_view json_object) {
  Impl& m = *impl_;
  RETURN_IF_ERROR(Parse(json_object, m.values));
  if (!schema_fixed_) {
    Stage(m.values);
    // The first row group is cut by the records' JSON size (their types are not known yet).
    m.buffered_bytes += json_object.size();
  } else {
    RETURN_IF_ERROR(Append(m.values));
  }
  if (m.buffered_bytes >= options_.row_group_bytes) return FlushRowGroup();
  return absl::OkStatus();
}

Status ParquetWriter::WriteColumnChunk(Column& col, uint64_t rows) {
  Impl& m = *impl_;
  std::vector<std::pair<uint64_t, uint64_t>>& ends = col.cuts.ends;
  if (ends.empty() || ends.back().first != rows) ends.emplace_back(rows, col.values.size());

  parquet::ColumnMetaData& meta = col.chunk.meta;
  meta = parquet::ColumnMetaData{};
  col.chunk.has_meta = true;
  meta.type = Physical(col.type);
  meta.path = {col.name};
  meta.codec = options_.codec;
  meta.num_values = static_cast<int64_t>(rows);
  meta.data_page_offset = static_cast<int64_t>(offset_);
  uint64_t row_begin = 0, byte_begin = 0;
  for (const auto& [row_end, byte_end] : ends) {
    const size_t n = row_end - row_begin;
    m.body.clear();
    AppendLevels(col.defined.data() + row_begin, n, m.body);
    if (col.type == ColumnType::kBool) {
      const size_t count = byte_end - byte_begin;
      const size_t at = m.body.size();
      m.body.append((count + 7) / 8, '\0');
      for (size_t i = 0; i < count; ++i)
        if (col.values[byte_begin + i]) m.body[at + (i >> 3)] |= static_cast<char>(1 << (i & 7));
    } else {
      m.body.append(col.values, byte_begin, byte_end - byte_begin);
    }
    m.compressed.Clear();
    RETURN_IF_ERROR(parquet::Compress(options_.codec, m.body, options_.level, m.compressed));
    parquet::PageHeader h;
    h.type = static_cast<int32_t>(parquet::PageType::kData);
    h.uncompressed_size = static_cast<int32_t>(m.body.size());
    h.compressed_size = static_cast<int32_t>(m.compressed.size());
    h.num_values = static_cast<int32_t>(n);
    h.encoding = parquet::kPlain;
    m.header.clear();
    parquet::WritePageHeader(h, m.header);
    RETURN_IF_ERROR(Write(m.header));
    RETURN_IF_ERROR(Write(m.compressed.view()));
    meta.total_uncompressed_size += static_cast<int64_t>(m.header.size() + m.body.size());
    meta.total_compressed_size += static_cast<int64_t>(m.header.size() + m.compressed.size());
    row_begin = row_end;
    byte_begin = byte_end;
  }
  col.defined.clear();
  col.values.clear();
  col.cuts = PageCuts{};
  return absl::OkStatus();
}

Status ParquetWriter::FlushRowGroup() {
  Impl& m = *impl_;
  if (!schema_fixed_) FixSchema();
  if (rows_ == 0) return absl::OkStatus();
  if (offset_ == 0) RETURN_IF_ERROR(Write("PAR1"));
  parquet::RowGroup group;
  group.num_rows = static_cast<int64_t>(rows_);
  group.start_offset = static_cast<int64_t>(offset_);
  for (Column& col : m.columns) {
    RETURN_IF_ERROR(WriteColumnChunk(col, rows_));
    group.columns.push_back(col.chunk);
  }
  m.meta.row_groups.push_back(std::move(group));
  rows_total_ += rows_;
  rows_ = 0;
  m.buffered_bytes = 0;
  return absl::OkStatus();
}

Status ParquetWriter::Finish() {
  Impl& m = *impl_;
  RETURN_IF_ERROR(FlushRowGroup());
  if (offset_ == 0) RETURN_IF_ERROR(Write("PAR1"));
  parquet::FileMetaData& meta = m.meta;
  meta.version = 1;
  meta.num_rows = static_cast<int64_t>(rows_total_);
  meta.created_by = options_.created_by;
  parquet::SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(m.columns.size());
  meta.schema.push_back(root);
  for (const Column& col : m.columns) {
    parquet::SchemaElement e;
    e.name = col.name;
    e.repetition = parquet::Repetition::kOptional;
    e.type = Physical(col.type);
    if (col.type == ColumnType::kString) {
      e.converted_type = parquet::kUtf8;
      e.logical.kind = parquet::LogicalType::kString;
    } else if (col.type == ColumnType::kJson) {
      e.converted_type = parquet::kJson;
      e.logical.kind = parquet::LogicalType::kJson;
    }
    meta.schema.push_back(e);
  }
  std::string footer;
  parquet::WriteFileMetaData(meta, footer);
  uint32_t len = static_cast<uint32_t>(footer.size());
  footer.append(reinterpret_cast<const char*>(&len), 4);
  footer += "PAR1";
  RETURN_IF_ERROR(Write(footer));
  return out_->Finish();
}

}  // namespace refinery
