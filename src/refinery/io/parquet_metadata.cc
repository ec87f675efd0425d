#include "refinery/io/parquet_metadata.h"

#include <algorithm>

#include "refinery/io/thrift_compact.h"

namespace refinery::parquet {
namespace {

using thrift::At;
using thrift::kBinary;
using thrift::kStruct;

// TimeUnit is a union of empty structs: the field id names the unit.
int ReadTimeUnit(ThriftReader& r) {
  int unit = 0;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (type != kStruct) return false;
    unit = id;
    r.Skip(type);
    return true;
  });
  return unit;
}

LogicalType ReadLogicalType(ThriftReader& r) {
  LogicalType t;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (type != kStruct) return false;
    t.kind =
        id >= 1 && id <= 15 && id != 9 ? static_cast<LogicalType::Kind>(id) : LogicalType::kOther;
    switch (id) {
      case LogicalType::kDecimal:
        r.ReadStruct(
            [&](int16_t f, uint8_t ft) { return r.Field(ft, f == 1 ? t.scale : t.precision); });
        return true;
      case LogicalType::kTime:
      case LogicalType::kTimestamp:
        r.ReadStruct([&](int16_t f, uint8_t ft) {
          if (f == 1) return r.Field(ft, t.utc);
          if (f != 2 || ft != kStruct) return false;
          t.unit = ReadTimeUnit(r);
          return true;
        });
        return true;
      case LogicalType::kInteger:
        r.ReadStruct([&](int16_t f, uint8_t ft) {
          if (f == 2) return r.Field(ft, t.is_signed);
          if (f != 1 || ft != thrift::kByte) return false;
          t.bit_width = r.ReadI8();
          return true;
        });
        return true;
      default:
        return false;
    }
  });
  return t;
}

SchemaElement ReadSchemaElement(ThriftReader& r) {
  SchemaElement e;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (id == 10 && type == kStruct) {
      e.logical = ReadLogicalType(r);
      return true;
    }
    return r.Fields(id, type, At(1, e.type), At(2, e.type_length), At(3, e.repetition),
                    At(4, e.name), At(5, e.num_children), At(6, e.converted_type), At(7, e.scale),
                    At(8, e.precision));
  });
  return e;
}

ColumnMetaData ReadColumnMetaData(ThriftReader& r) {
  ColumnMetaData m;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (id == 3)
      return r.List(type, kBinary, nullptr, [&] { m.path.emplace_back(r.ReadBinary()); });
    return r.Fields(id, type, At(1, m.type), At(4, m.codec), At(5, m.num_values),
                    At(6, m.total_uncompressed_size), At(7, m.total_compressed_size),
                    At(9, m.data_page_offset), At(11, m.dictionary_page_offset));
  });
  return m;
}

ColumnChunk ReadColumnChunk(ThriftReader& r) {
  ColumnChunk c;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (id == 1) return r.Field(type, c.file_path);
    if (id != 3 || type != kStruct) return false;
    c.meta = ReadColumnMetaData(r);
    c.has_meta = true;
    return true;
  });
  return c;
}

RowGroup ReadRowGroup(ThriftReader& r) {
  RowGroup g;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (id == 3) return r.Field(type, g.num_rows);
    if (id != 1) return false;
    return r.List(type, kStruct, nullptr, [&] { g.columns.push_back(ReadColumnChunk(r)); });
  });
  int64_t start = INT64_MAX;
  for (const ColumnChunk& c : g.columns) start = std::min(start, ChunkStart(c.meta));
  g.start_offset = g.columns.empty() ? 0 : start;
  return g;
}

}  // namespace

int64_t ChunkStart(const ColumnMetaData& m) {
  int64_t start = m.data_page_offset;
  if (m.dictionary_page_offset && *m.dictionary_page_offset > 0 &&
      (*m.dictionary_page_offset < start || start <= 0))
    start = *m.dictionary_page_offset;
  return start;
}

StatusOr<FileMetaData> ParseFileMetaData(const uint8_t* data, size_t size) {
  ThriftReader r(data, size);
  FileMetaData meta;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    if (id == 2)
      return r.List(type, kStruct, "schema list of non-structs",
                    [&] { meta.schema.push_back(ReadSchemaElement(r)); });
    if (id == 4)
      return r.List(type, kStruct, "row group list of non-structs",
                    [&] { meta.row_groups.push_back(ReadRowGroup(r)); });
    return r.Fields(id, type, At(1, meta.version), At(3, meta.num_rows), At(6, meta.created_by));
  });
  if (!r.ok()) return absl::DataLossError("corrupt file metadata: " + r.error());
  return meta;
}

StatusOr<PageHeader> ParsePageHeader(const uint8_t* data, size_t size, size_t& header_size) {
  ThriftReader r(data, size);
  PageHeader h;
  std::optional<int32_t> crc;
  r.ReadStruct([&](int16_t id, uint8_t type) {
    // DataPageHeader (v1), DictionaryPageHeader, DataPageHeaderV2: the headers of each kind.
    if ((id == 5 || id == 7 || id == 8) && type == kStruct) {
      (id == 7 ? h.has_dict_header : h.has_data_header) = true;
      r.ReadStruct([&](int16_t f, uint8_t ft) {
        if (id == 5)
          return r.Fields(f, ft, At(1, h.num_values), At(2, h.encoding),
                          At(3, h.def_level_encoding));
        if (id == 7) return r.Fields(f, ft, At(1, h.num_values), At(2, h.encoding));
        return r.Fields(f, ft, At(1, h.num_values), At(2, h.num_nulls), At(3, h.num_rows),
                        At(4, h.encoding), At(5, h.def_levels_bytes), At(6, h.rep_levels_bytes),
                        At(7, h.is_compressed));
      });
      return true;
    }
    return r.Fields(id, type, At(1, h.type), At(2, h.uncompressed_size), At(3, h.compressed_size),
                    At(4, crc));
  });
  if (crc) h.crc = static_cast<uint32_t>(*crc);
  if (!r.ok()) return absl::DataLossError("corrupt page header: " + r.error());
  header_size = r.consumed();
  return h;
}

void WriteFileMetaData(const FileMetaData& meta, std::string& out) {
  ThriftWriter w(out);
  w.BeginStruct();
  w.FieldI32(1, meta.version);
  w.FieldList(2, thrift::kStruct, static_cast<uint32_t>(meta.schema.size()));
  for (const SchemaElement& e : meta.schema) {
    w.BeginStruct();
    if (e.type) w.FieldI32(1, static_cast<int32_t>(*e.type));
    if (e.repetition) w.FieldI32(3, static_cast<int32_t>(*e.repetition));
    w.FieldBinary(4, e.name);
    if (e.num_children > 0) w.FieldI32(5, e.num_children);
    if (e.converted_type) w.FieldI32(6, *e.converted_type);
    if (e.logical.kind == LogicalType::kString || e.logical.kind == LogicalType::kJson) {
      w.FieldStruct(10);
      w.BeginStruct();
      w.FieldStruct(static_cast<int16_t>(e.logical.kind));
      w.BeginStruct();
      w.EndStruct();
      w.EndStruct();
    }
    w.EndStruct();
  }
  w.FieldI64(3, meta.num_rows);
  w.FieldList(4, thrift::kStruct, static_cast<uint32_t>(meta.row_groups.size()));
  for (const RowGroup& g : meta.row_groups) {
    w.BeginStruct();
    w.FieldList(1, thrift::kStruct, static_cast<uint32_t>(g.columns.size()));
    int64_t total_uncompressed = 0, total_compressed = 0;
    for (const ColumnChunk& c : g.columns) {
      const ColumnMetaData& m = c.meta;
      total_uncompressed += m.total_uncompressed_size;
      total_compressed += m.total_compressed_size;
      w.BeginStruct();
      w.FieldI64(2, m.dictionary_page_offset.value_or(m.data_page_offset));
      w.FieldStruct(3);
      w.BeginStruct();
      w.FieldI32(1, static_cast<int32_t>(m.type));
      w.FieldList(2, thrift::kI32, 2);
      w.I32(kPlain);
      w.I32(kRle);
      w.FieldList(3, thrift::kBinary, static_cast<uint32_t>(m.path.size()));
      for (const std::string& p : m.path) w.Binary(p);
      w.FieldI32(4, m.codec);
      w.FieldI64(5, m.num_values);
      w.FieldI64(6, m.total_uncompressed_size);
      w.FieldI64(7, m.total_compressed_size);
      w.FieldI64(9, m.data_page_offset);
      if (m.dictionary_page_offset) w.FieldI64(11, *m.dictionary_page_offset);
      w.EndStruct();
      w.EndStruct();
    }
    w.FieldI64(2, total_uncompressed);
    w.FieldI64(3, g.num_rows);
    w.FieldI64(5, g.start_offset);
    w.FieldI64(6, total_compressed);
    w.EndStruct();
  }
  if (!meta.created_by.empty()) w.FieldBinary(6, meta.created_by);
  w.EndStruct();
}

void WritePageHeader(const PageHeader& h, std::string& out) {
  ThriftWriter w(out);
  w.BeginStruct();
  w.FieldI32(1, h.type);
  w.FieldI32(2, h.uncompressed_size);
  w.FieldI32(3, h.compressed_size);
  if (h.crc) w.FieldI32(4, static_cast<int32_t>(*h.crc));
  if (h.type == static_cast<int32_t>(PageType::kDataV2)) {
    w.FieldStruct(8);
    w.BeginStruct();
    w.FieldI32(1, h.num_values);
    w.FieldI32(2, h.num_nulls);
    w.FieldI32(3, h.num_rows);
    w.FieldI32(4, h.encoding);
    w.FieldI32(5, h.def_levels_bytes);
    w.FieldI32(6, h.rep_levels_bytes);
    w.EndStruct();
  } else {
    w.FieldStruct(5);
    w.BeginStruct();
    w.FieldI32(1, h.num_values);
    w.FieldI32(2, h.encoding);
    w.FieldI32(3, kRle);
    w.FieldI32(4, kRle);
    w.EndStruct();
  }
  w.EndStruct();
}

}  // namespace refinery::parquet
