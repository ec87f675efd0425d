#include "refinery/io/parquet_reader.h"

#include <zlib.h>

#include <cstring>

#include "refinery/io/parquet_codec.h"
#include "refinery/io/parquet_encoding.h"

namespace refinery::parquet {
namespace {

constexpr char kMagic[] = "PAR1";
constexpr uint64_t kMaxPageBytes = 1ull << 30;

std::string EncodingName(int32_t e) {
  static const char* kNames[] = {
      "PLAIN",          "GROUP_VAR_INT",       "PLAIN_DICTIONARY",        "RLE",
      "BIT_PACKED",     "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
      "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
  if (e >= 0 && e < 10) return kNames[e];
  return "encoding " + std::to_string(e);
}

size_t FixedWidth(PhysicalType t, int32_t type_length) {
  switch (t) {
    case PhysicalType::kBoolean:
      return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt96:
      return 12;
    case PhysicalType::kFixedLenByteArray:
      return static_cast<size_t>(type_length);
    case PhysicalType::kByteArray:
      return 0;
  }
  return 0;
}

// The rendering of an INT32 or INT64 leaf that is not a decimal.
ValueKind IntegerKind(const SchemaElement& e, ColumnSchema& c) {
  const LogicalType& l = e.logical;
  const int32_t ct = e.converted_type.value_or(-1);
  const bool is_unsigned = l.kind == LogicalType::kInteger && !l.is_signed;
  if (c.type == PhysicalType::kInt32) {
    if (l.kind == LogicalType::kDate || ct == kDate) return ValueKind::kDate;
    if (l.kind == LogicalType::kTime || ct == kTimeMillis) {
      c.unit = 1;
      return ValueKind::kTime;
    }
    return is_unsigned || ct == kUint8 || ct == kUint16 || ct == kUint32 ? ValueKind::kUint32
                                                                         : ValueKind::kInt32;
  }
  ValueKind kind = is_unsigned || ct == kUint64 ? ValueKind::kUint64 : ValueKind::kInt64;
  if (l.kind == LogicalType::kTimestamp) {
    kind = ValueKind::kTimestamp;
    c.unit = l.unit;
    c.utc = l.utc;
  } else if (ct == kTimestampMillis || ct == kTimestampMicros) {
    kind = ValueKind::kTimestamp;
    c.unit = ct == kTimestampMillis ? 1 : 2;
    c.utc = true;
  } else if (l.kind == LogicalType::kTime || ct == kTimeMicros) {
    kind = ValueKind::kTime;
    c.unit = l.kind == LogicalType::kTime ? l.unit : 2;
  }
  // A unit we cannot name leaves the raw number.
  const bool dated = kind == ValueKind::kTimestamp || kind == ValueKind::kTime;
  return dated && (c.unit < 1 || c.unit > 3) ? ValueKind::kInt64 : kind;
}

// The JSON rendering of a leaf, from its logical type (or the older converted type).
void ClassifyColumn(const SchemaElement& e, ColumnSchema& c) {
  const LogicalType& l = e.logical;
  const int32_t ct = e.converted_type.value_or(-1);
  c.scale = l.kind == LogicalType::kDecimal ? l.scale : e.scale;
  // A scale outside what 128 bits hold is not a decimal we can render: keep the raw value.
  const bool decimal =
      (l.kind == LogicalType::kDecimal || ct == kDecimal) && c.scale >= 0 && c.scale <= 38;
  switch (c.type) {
    case PhysicalType::kBoolean:
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:  // no logical type changes these
      c.kind = c.type == PhysicalType::kBoolean ? ValueKind::kBool
               : c.type == PhysicalType::kFloat ? ValueKind::kFloat
                                                : ValueKind::kDouble;
      return;
    case PhysicalType::kInt96:
      c.kind = ValueKind::kInt96;
      c.unit = 3;
      c.utc = true;
      return;
    default:
      break;
  }
  if (decimal) {
    c.kind = ValueKind::kDecimal;
  } else if (c.type == PhysicalType::kInt32 || c.type == PhysicalType::kInt64) {
    c.kind = IntegerKind(e, c);
  } else if (c.type == PhysicalType::kByteArray) {
    const bool text = l.kind == LogicalType::kString || l.kind == LogicalType::kEnum ||
                      ct == kUtf8 || ct == kEnum;
    c.kind = l.kind == LogicalType::kJson || ct == kJson ? ValueKind::kJson
             : text                                      ? ValueKind::kString
                                                         : ValueKind::kBinary;
  } else if (l.kind == LogicalType::kUuid && c.width == 16) {
    c.kind = ValueKind::kUuid;
  } else if (l.kind == LogicalType::kFloat16 && c.width == 2) {
    c.kind = ValueKind::kFloat16;
  } else {
    c.kind = ValueKind::kBinary;
  }
}

uint32_t ReadLe32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

bool IsParquetPath(std::string_view path) {
  for (std::string_view ext : {".parquet", ".parq"}) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return true;
  }
  return false;
}

size_t ColumnData::size(const ColumnSchema& column) const {
  return column.width ? fixed.size() / column.width : strings.size();
}

void ColumnData::Clear() {
  defined.clear();
  fixed.clear();
  strings.clear();
  buffers_used = rebuilt_used = 0;
  dict_fixed.clear();
  dict_strings.clear();
  dict_size = 0;
  has_dict = false;
}

ByteBuffer& ColumnData::NextBuffer() {
  if (buffers_used == buffers.size()) buffers.push_back(std::make_unique<ByteBuffer>());
  // A pooled buffer that once held a huge page is not kept around.
  buffers[buffers_used]->Trim(256 << 20);
  return *buffers[buffers_used++];
}

std::string& ColumnData::NextRebuilt() {
  if (rebuilt_used == rebuilt.size()) rebuilt.push_back(std::make_unique<std::string>());
  return *rebuilt[rebuilt_used++];
}

Status ParquetFile::Error(std::string_view what) const {
  return absl::DataLossError(path_ + ": " + std::string(what));
}

StatusOr<std::unique_ptr<ParquetFile>> ParquetFile::Open(const std::string& path,
                                                         ReaderOptions options) {
  std::unique_ptr<ParquetFile> f(new ParquetFile());
  f->path_ = path;
  f->options_ = options;
  ASSIGN_OR_RETURN(f->mapped_, MappedFile::Open(path));
  f->data_ = reinterpret_cast<const uint8_t*>(f->mapped_->data());
  f->size_ = f->mapped_->size();
  RETURN_IF_ERROR(f->Init());
  return f;
}

StatusOr<std::unique_ptr<ParquetFile>> ParquetFile::OpenBytes(std::string_view data,
                                                              std::string name,
                                                              ReaderOptions options) {
  std::unique_ptr<ParquetFile> f(new ParquetFile());
  f->path_ = std::move(name);
  f->options_ = options;
  f->data_ = reinterpret_cast<const uint8_t*>(data.data());
  f->size_ = data.size();
  RETURN_IF_ERROR(f->Init());
  return f;
}

uint64_t ParquetFile::num_rows(size_t row_group) const {
  return static_cast<uint64_t>(meta_.row_groups[row_group].num_rows);
}

uint64_t ParquetFile::start_offset(size_t row_group) const {
  return static_cast<uint64_t>(meta_.row_groups[row_group].start_offset);
}

Status ParquetFile::Init() {
  if (size_ < 12 || std::memcmp(data_, kMagic, 4) != 0 ||
      std::memcmp(data_ + size_ - 4, kMagic, 4) != 0) {
    return Error("not a Parquet file (no PAR1 magic at its start and end)");
  }
  const uint64_t footer_len = ReadLe32(data_ + size_ - 8);
  if (footer_len > size_ - 12) {
    return Error("footer length " + std::to_string(footer_len) + " exceeds the file size " +
                 std::to_string(size_));
  }
  footer_start_ = size_ - 8 - footer_len;
  StatusOr<FileMetaData> meta = ParseFileMetaData(data_ + footer_start_, footer_len);
  if (!meta.ok()) return Error(std::string(meta.status().message()));
  meta_ = *std::move(meta);

  // Schema: a root group whose children are all primitive leaves.
  const std::vector<SchemaElement>& schema = meta_.schema;
  if (schema.empty()) return Error("schema is empty");
  if (schema[0].num_children < 0 ||
      static_cast<size_t>(schema[0].num_children) != schema.size() - 1) {
    for (size_t i = 1; i < schema.size(); ++i) {
      if (schema[i].num_children > 0 || !schema[i].type) {
        return Error("column '" + schema[i].name +
                     "' is nested (a group, list or map); Refinery reads flat schemas only");
      }
    }
    return Error("schema is inconsistent: the root claims " +
                 std::to_string(schema[0].num_children) + " columns, the file lists " +
                 std::to_string(schema.size() - 1));
  }
  for (size_t i = 1; i < schema.size(); ++i) {
    const SchemaElement& e = schema[i];
    if (e.num_children > 0 || !e.type) {
      return Error("column '" + e.name +
                   "' is nested (a group, list or map); Refinery reads flat schemas only");
    }
    if (e.repetition == Repetition::kRepeated) {
      return Error("column '" + e.name +
                   "' is repeated (a list); Refinery reads flat schemas only");
    }
    ColumnSchema c;
    c.name = e.name;
    c.type = *e.type;
    if (static_cast<int32_t>(c.type) < 0 || static_cast<int32_t>(c.type) > 7)
      return Error("column '" + e.name + "' has unknown physical type " +
                   std::to_string(static_cast<int32_t>(c.type)));
    if (c.type == PhysicalType::kFixedLenByteArray &&
        (e.type_length <= 0 || e.type_length > (1 << 20)))
      return Error("column '" + e.name + "' has invalid FIXED_LEN_BYTE_ARRAY length " +
                   std::to_string(e.type_length));
    c.width = FixedWidth(c.type, e.type_length);
    c.optional = e.repetition.value_or(Repetition::kOptional) == Repetition::kOptional;
    ClassifyColumn(e, c);
    columns_.push_back(std::move(c));
  }

  uint64_t rows = 0;
  for (size_t g = 0; g < meta_.row_groups.size(); ++g) {
    const RowGroup& rg = meta_.row_groups[g];
    const std::string where = "row group " + std::to_string(g);
    if (rg.num_rows < 0 || static_cast<uint64_t>(rg.num_rows) > options_.max_row_group_rows) {
      return Error(where + " claims " + std::to_string(rg.num_rows) + " rows (at most " +
                   std::to_string(options_.max_row_group_rows) + " are read)");
    }
    if (rg.columns.size() != columns_.size()) {
      return Error(where + " has " + std::to_string(rg.columns.size()) +
                   " column chunks, the schema " + std::to_string(columns_.size()));
    }
    for (size_t c = 0; c < columns_.size(); ++c) {
      const ColumnChunk& cc = rg.columns[c];
      const std::string at = where + ", column '" + columns_[c].name + "'";
      if (!cc.file_path.empty()) return Error(at + ": data in another file is not supported");
      if (!cc.has_meta) return Error(at + ": column chunk has no metadata");
      if (cc.meta.type != columns_[c].type) return Error(at + ": type differs from the schema");
      const ColumnMetaData& m = cc.meta;
      const int64_t start = ChunkStart(m);
      if (rg.num_rows > 0 &&
          (start < 4 || static_cast<uint64_t>(start) >= footer_start_ ||
           m.total_compressed_size <= 0 ||
           static_cast<uint64_t>(m.total_compressed_size) > footer_start_ - start))
        return Error(at + ": column chunk (bytes " + std::to_string(start) + " to " +
                     std::to_string(static_cast<uint64_t>(start) +
                                    static_cast<uint64_t>(m.total_compressed_size)) +
                     ") lies outside the file's data");
    }
    rows_before_.push_back(rows);
    rows += static_cast<uint64_t>(rg.num_rows);
  }
  return absl::OkStatus();
}

Status ParquetFile::ReadRowGroup(size_t row_group, std::vector<ColumnData>& out) const {
  out.resize(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    Status s = ReadColumn(row_group, c, out[c]);
    if (!s.ok()) {
      return Error("row group " + std::to_string(row_group) + ", column '" + columns_[c].name +
                   "': " + std::string(s.message()));
    }
  }
  return absl::OkStatus();
}

namespace {

// Decodes `n` values of one page in `encoding` onto `out`.
Status DecodeValues(const ColumnSchema& col, int32_t encoding, const uint8_t* p, size_t size,
                    size_t n, ColumnData& out) {
  const size_t w = col.width;
  switch (encoding) {
    case kPlain:
      if (col.type == PhysicalType::kByteArray)
        return DecodePlainByteArrays(p, size, n, out.strings);
      if (col.type == PhysicalType::kBoolean) {
        if ((n + 7) / 8 > size) return absl::DataLossError("PLAIN booleans run past the page");
        size_t base = out.fixed.size();
        out.fixed.resize(base + n);
        for (size_t i = 0; i < n; ++i) out.fixed[base + i] = (p[i >> 3] >> (i & 7)) & 1;
        return absl::OkStatus();
      }
      if (n > size / w) return absl::DataLossError("PLAIN values run past the page");
      out.fixed.append(reinterpret_cast<const char*>(p), n * w);
      return absl::OkStatus();
    case kPlainDictionary:
    case kRleDictionary: {
      if (!out.has_dict) return absl::DataLossError("dictionary-encoded page without a dictionary");
      if (size < 1) return absl::DataLossError("dictionary-encoded page is empty");
      std::vector<uint32_t>& idx = out.indices;
      idx.resize(n);
      RETURN_IF_ERROR(DecodeRleHybrid(p + 1, size - 1, p[0], n, idx.data()));
      for (size_t i = 0; i < n; ++i) {
        if (idx[i] >= out.dict_size)
          return absl::DataLossError("dictionary index " + std::to_string(idx[i]) +
                                     " out of range (the dictionary has " +
                                     std::to_string(out.dict_size) + " values)");
      }
      if (col.type == PhysicalType::kByteArray) {
        const size_t base = out.strings.size();
        out.strings.resize(base + n);
        for (size_t i = 0; i < n; ++i) out.strings[base + i] = out.dict_strings[idx[i]];
      } else {
        size_t base = out.fixed.size();
        out.fixed.resize(base + n * w);
        for (size_t i = 0; i < n; ++i)
          std::memcpy(out.fixed.data() + base + i * w, out.dict_fixed.data() + idx[i] * w, w);
      }
      return absl::OkStatus();
    }
    case kRle: {
      if (col.type != PhysicalType::kBoolean) break;
      if (size < 4) return absl::DataLossError("RLE booleans lack their length");
      uint32_t len = ReadLe32(p);
      if (len > size - 4) return absl::DataLossError("RLE booleans run past the page");
      std::vector<uint32_t>& bits = out.indices;
      bits.resize(n);
      RETURN_IF_ERROR(DecodeRleHybrid(p + 4, len, 1, n, bits.data()));
      for (uint32_t b : bits) out.fixed.push_back(static_cast<char>(b != 0));
      return absl::OkStatus();
    }
    case kDeltaBinaryPacked: {
      if (col.type != PhysicalType::kInt32 && col.type != PhysicalType::kInt64) break;
      std::vector<int64_t> v;
      size_t used = 0;
      const bool i32 = col.type == PhysicalType::kInt32;
      RETURN_IF_ERROR(DecodeDeltaBinaryPacked(p, size, n, i32, v, used));
      for (int64_t x : v) {
        if (i32) {
          int32_t y = static_cast<int32_t>(x);
          out.fixed.append(reinterpret_cast<const char*>(&y), 4);
        } else {
          out.fixed.append(reinterpret_cast<const char*>(&x), 8);
        }
      }
      return absl::OkStatus();
    }
    case kDeltaLengthByteArray:
      if (col.type != PhysicalType::kByteArray) break;
      return DecodeDeltaLengthByteArrays(p, size, n, out.strings);
    case kDeltaByteArray: {
      if (col.type != PhysicalType::kByteArray && col.type != PhysicalType::kFixedLenByteArray)
        break;
      std::string& storage = out.NextRebuilt();
      if (col.type == PhysicalType::kByteArray)
        return DecodeDeltaByteArrays(p, size, n, storage, out.strings);
      std::vector<std::string_view> values;
      RETURN_IF_ERROR(DecodeDeltaByteArrays(p, size, n, storage, values));
      for (std::string_view v : values) {
        if (v.size() != w) return absl::DataLossError("DELTA_BYTE_ARRAY value of the wrong length");
        out.fixed.append(v);
      }
      return absl::OkStatus();
    }
    case kByteStreamSplit:
      if (col.type == PhysicalType::kBoolean || col.type == PhysicalType::kByteArray ||
          col.type == PhysicalType::kInt96)
        break;
      return DecodeByteStreamSplit(p, size, n, w, out.fixed);
    default:
      break;
  }
  return absl::UnimplementedError(EncodingName(encoding) +
                                  " encoding is not supported for this column type");
}

}  // namespace

Status ParquetFile::ReadColumn(size_t row_group, size_t column, ColumnData& out) const {
  const RowGroup& rg = meta_.row_groups[row_group];
  const ColumnMetaData& m = rg.columns[column].meta;
  const ColumnSchema& col = columns_[column];
  const uint64_t rows = static_cast<uint64_t>(rg.num_rows);
  out.Clear();
  if (rows == 0) return absl::OkStatus();
  uint64_t pos = static_cast<uint64_t>(ChunkStart(m));
  const uint64_t end = pos + static_cast<uint64_t>(m.total_compressed_size);
  if (end > footer_start_) return absl::DataLossError("column chunk runs past the file's data");
  if (col.optional) out.defined.reserve(rows);

  uint64_t levels_done = 0;
  while (levels_done < rows) {
    if (pos >= end) {
      return absl::DataLossError("column chunk ends after " + std::to_string(levels_done) + " of " +
                                 std::to_string(rows) + " rows");
    }
    size_t header_size = 0;
    ASSIGN_OR_RETURN(PageHeader h, ParsePageHeader(data_ + pos, end - pos, header_size));
    const uint64_t page_at = pos;
    pos += header_size;
    if (h.compressed_size < 0 || static_cast<uint64_t>(h.compressed_size) > end - pos)
      return absl::DataLossError("page at byte " + std::to_string(page_at) + " of " +
                                 std::to_string(h.compressed_size) +
                                 " bytes runs past the column chunk");
    if (h.uncompressed_size < 0 || static_cast<uint64_t>(h.uncompressed_size) > kMaxPageBytes)
      return absl::DataLossError("page at byte " + std::to_string(page_at) +
                                 " has an invalid uncompressed size");
    const uint8_t* page = data_ + pos;
    const size_t page_size = static_cast<size_t>(h.compressed_size);
    pos += page_size;
    if (h.crc && options_.verify_checksums) {
      uint32_t crc = static_cast<uint32_t>(::crc32(0L, page, static_cast<uInt>(page_size)));
      if (crc != *h.crc)
        return absl::DataLossError("page at byte " + std::to_string(page_at) +
                                   " fails its CRC check (corrupt data)");
    }
    // Decompressed bytes of the page, in `buf` unless the page is stored uncompressed.
    auto inflate = [&](const uint8_t* in, size_t in_size, size_t raw_size,
                       bool compressed) -> StatusOr<const uint8_t*> {
      // Writers store an empty page as zero bytes whatever the codec.
      if (!compressed || m.codec == kUncompressed || (raw_size == 0 && in_size == 0)) {
        if (in_size != raw_size)
          return absl::DataLossError("uncompressed page at byte " + std::to_string(page_at) +
                                     " has " + std::to_string(in_size) + " bytes, header says " +
                                     std::to_string(raw_size));
        return in;
      }
      ByteBuffer& buf = out.NextBuffer();
      RETURN_IF_ERROR(Decompress(
          m.codec, std::string_view(reinterpret_cast<const char*>(in), in_size), raw_size, buf));
      return reinterpret_cast<const uint8_t*>(buf.data());
    };

    if (h.type == static_cast<int32_t>(PageType::kDictionary)) {
      if (!h.has_dict_header) return absl::DataLossError("dictionary page without its header");
      if (out.has_dict) return absl::DataLossError("second dictionary page in a column chunk");
      if (h.num_values < 0)
        return absl::DataLossError("dictionary page claims " + std::to_string(h.num_values) +
                                   " values");
      if (h.encoding != kPlain && h.encoding != kPlainDictionary)
        return absl::UnimplementedError("dictionary page in " + EncodingName(h.encoding));
      ASSIGN_OR_RETURN(const uint8_t* raw, inflate(page, page_size, h.uncompressed_size, true));
      // Decode the dictionary as if it were a page of values, then move them aside.
      ColumnData& d = out;
      size_t n = static_cast<size_t>(h.num_values);
      if (col.type == PhysicalType::kByteArray) {
        RETURN_IF_ERROR(DecodePlainByteArrays(raw, h.uncompressed_size, n, d.dict_strings));
      } else {
        RETURN_IF_ERROR(DecodeValues(col, kPlain, raw, h.uncompressed_size, n, d));
        d.dict_fixed.swap(d.fixed);
        d.fixed.clear();
      }
      d.dict_size = n;
      d.has_dict = true;
      continue;
    }
    const bool v2 = h.type == static_cast<int32_t>(PageType::kDataV2);
    if (!v2 && h.type != static_cast<int32_t>(PageType::kData)) continue;  // index pages
    if (!h.has_data_header) return absl::DataLossError("data page without its header");
    if (h.num_values < 0 || static_cast<uint64_t>(h.num_values) > rows - levels_done)
      return absl::DataLossError("page at byte " + std::to_string(page_at) + " claims " +
                                 std::to_string(h.num_values) + " values; the row group has " +
                                 std::to_string(rows - levels_done) + " rows left");
    const size_t n = static_cast<size_t>(h.num_values);
    const uint8_t* values = nullptr;
    size_t values_size = 0;
    const uint8_t* def = nullptr;
    size_t def_size = 0;
    if (v2) {
      if (h.rep_levels_bytes < 0 || h.def_levels_bytes < 0 ||
          static_cast<uint64_t>(h.rep_levels_bytes) + h.def_levels_bytes > page_size ||
          h.rep_levels_bytes + h.def_levels_bytes > h.uncompressed_size)
        return absl::DataLossError("v2 page at byte " + std::to_string(page_at) +
                                   " has level lengths beyond the page");
      const size_t levels_size = static_cast<size_t>(h.rep_levels_bytes + h.def_levels_bytes);
      def = page + h.rep_levels_bytes;
      def_size = static_cast<size_t>(h.def_levels_bytes);
      ASSIGN_OR_RETURN(values, inflate(page + levels_size, page_size - levels_size,
                                       h.uncompressed_size - levels_size, h.is_compressed));
      values_size = h.uncompressed_size - levels_size;
    } else {
      ASSIGN_OR_RETURN(const uint8_t* raw, inflate(page, page_size, h.uncompressed_size, true));
      values = raw;
      values_size = static_cast<size_t>(h.uncompressed_size);
      if (col.optional) {
        if (h.def_level_encoding != kRle)
          return absl::UnimplementedError("definition levels in " +
                                          EncodingName(h.def_level_encoding));
        if (values_size < 4) return absl::DataLossError("definition levels lack their length");
        def_size = ReadLe32(values);
        if (def_size > values_size - 4)
          return absl::DataLossError("definition levels run past the page");
        def = values + 4;
        values += 4 + def_size;
        values_size -= 4 + def_size;
      }
    }
    size_t present = n;
    if (col.optional) {
      const size_t base = out.defined.size();
      out.defined.resize(base + n);
      uint8_t* levels = out.defined.data() + base;
      RETURN_IF_ERROR(DecodeRleHybrid(def, def_size, 1, n, levels));
      present = 0;
      uint8_t above = 0;  // levels are 0 or 1: any higher bit is a corrupt level
      for (size_t i = 0; i < n; ++i) {
        above |= levels[i] & 0xfe;
        present += levels[i];
      }
      if (above) return absl::DataLossError("definition level above the column's maximum");
    }
    RETURN_IF_ERROR(DecodeValues(col, h.encoding, values, values_size, present, out));
    levels_done += n;
  }
  return absl::OkStatus();
}

}  // namespace refinery::parquet
