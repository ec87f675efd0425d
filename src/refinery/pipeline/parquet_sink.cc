#include "refinery/pipeline/parquet_sink.h"

#include "refinery/core/build_info.h"
#include "refinery/io/record_parser.h"

namespace refinery {

Status UseParquetParts(const PipelineConfig& config, DirectorySink& sink) {
  ParquetWriterOptions options;
  ASSIGN_OR_RETURN(options.codec, ParquetCodecFromName(config.parquet_compression));
  if (config.compression_level > 0) options.level = config.compression_level;
  options.row_group_bytes = config.row_group_bytes;
  options.created_by = "refinery version " + std::string(BuildVersion());
  sink.set_parquet(std::move(options));
  return absl::OkStatus();
}

std::string ParquetPartPath(const RunDirectory& dir, uint32_t part) {
  std::string path = dir.PartPath(part, Compression::kNone);
  return path.substr(0, path.size() - std::string_view(".jsonl").size()) + ".parquet";
}

StatusOr<uint64_t> WriteLiveParquet(Batch& batch, ParquetWriter& writer, std::string& scratch) {
  const uint64_t before = writer.bytes_written();
  for (Record& record : batch.records()) {
    if (record.dropped() || record.rejected()) continue;
    Status added;
    if (!record.modified()) {
      added = writer.AddPadded(record.raw_line());  // followed by simdjson's padding
    } else {
      scratch.clear();
      record.Serialize(scratch);
      added = writer.Add(scratch);
    }
    if (absl::IsInvalidArgument(added)) {
      std::string reason(added.message());
      record.Reject(reason);
      Json line = RejectLine(record.source(), reason, record.raw_line());
      line["id"] = record.id();
      batch.Emit("rejects", line);
      continue;
    }
    RETURN_IF_ERROR(added);
  }
  return writer.bytes_written() - before;
}

}  // namespace refinery
