// Microbenchmarks of the engine's per-record primitives: validation/parse, serialization of a
// changed record, reading lines from a file, and Parquet writing and reading. Compare with
// bench/e2e_copy.sh for whole runs.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "refinery/io/compression.h"
#include "refinery/io/parquet_reader.h"
#include "refinery/io/parquet_writer.h"
#include "refinery/io/record_parser.h"
#include "refinery/io/shard_plan.h"

namespace refinery {
namespace {

std::string MakeLines(size_t count) {
  std::string s;
  for (size_t i = 0; i < count; ++i) {
    s += "{\"id\":\"doc-" + std::to_string(i) +
         "\",\"source\":\"web\",\"text\":\"The city council approved a plan to extend opening "
         "hours. "
         "Residents were invited to share their views at a public meeting on line " +
         std::to_string(i) + ".\",\"meta\":{\"lang\":\"en\",\"seed\":1}}\n";
  }
  return s + std::string(64, '\0');
}

// Validates and makes a Record of each line; with `defer_text` the text stays in the line
// (what a run does when no step reads it).
void ParseLines(benchmark::State& state, bool defer_text) {
  std::string data = MakeLines(1000);
  std::string text_field = "text";
  RecordParser parser(&text_field, "id", defer_text);
  size_t bytes = 0;
  for (auto _ : state) {
    size_t start = 0;
    while (start < data.size() - 64) {
      size_t nl = data.find('\n', start);
      auto r = parser.Parse(std::string_view(data.data() + start, nl - start), {"bench", 1});
      benchmark::DoNotOptimize(r);
      bytes += nl + 1 - start;
      start = nl + 1;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
void BM_ParseRecord(benchmark::State& state) { ParseLines(state, false); }
void BM_ParseRecordDeferredText(benchmark::State& state) { ParseLines(state, true); }
BENCHMARK(BM_ParseRecord);
BENCHMARK(BM_ParseRecordDeferredText);

// PartReader::ReadLines over a 64 MB file (page cache warm): in place for a plain file,
// through a read buffer for zstd. Arg 0: plain, 1: zstd.
void BM_ReadLines(benchmark::State& state) {
  const bool zstd = state.range(0) == 1;
  std::string path =
      "/tmp/refinery-io-bench-" + std::to_string(::getpid()) + (zstd ? ".jsonl.zst" : ".jsonl");
  std::string lines = MakeLines(1000);
  lines.resize(lines.size() - 64);
  {
    auto sink = *OpenByteSink(path, zstd ? Compression::kZstd : Compression::kNone);
    for (size_t written = 0; written < (64u << 20); written += lines.size()) {
      (void)sink->Write(lines);
    }
    (void)sink->Finish();
  }
  auto files = *ResolveInputs({path});
  auto parts = PlanShard(files, 1, 0, UINT64_MAX);
  size_t bytes = 0;
  LineBlock block;
  for (auto _ : state) {
    auto reader = *PartReader::Open(files[0], parts[0], {}, 64u << 20);
    bool more = true;
    while (more) {
      block.Clear();
      more = *reader->ReadLines(block, 1 << 20, 4096);
      bytes += block.input_bytes;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  std::remove(path.c_str());
}
BENCHMARK(BM_ReadLines)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_SerializeChangedRecord(benchmark::State& state) {
  std::string data = MakeLines(1000);
  std::string text_field = "text";
  RecordParser parser(&text_field, "id");
  std::vector<Record> records;
  size_t start = 0;
  while (start < data.size() - 64) {
    size_t nl = data.find('\n', start);
    records.push_back(
        *parser.Parse(std::string_view(data.data() + start, nl - start), {"bench", 1}));
    records.back().set_text("The city council approved a plan. Residents were invited.");
    records.back().refinery()["status"] = "changed";
    start = nl + 1;
  }
  std::string out;
  size_t bytes = 0;
  for (auto _ : state) {
    out.clear();
    for (const Record& r : records) r.Serialize(out);
    bytes += data.size() - 64;
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_SerializeChangedRecord);

// Writes `copies` times the 1000 records of MakeLines as one Parquet file (zstd, level 1, as
// `output_format: parquet` writes): the bytes of JSON written.
size_t WriteParquet(const std::string& path, const std::string& lines, int copies) {
  auto sink = *OpenByteSink(path, Compression::kNone);
  ParquetWriter writer(std::move(sink), ParquetWriterOptions{});
  size_t bytes = 0;
  for (int c = 0; c < copies; ++c) {
    for (size_t start = 0; start < lines.size() - 64;) {
      const size_t nl = lines.find('\n', start);
      (void)writer.AddPadded(std::string_view(lines.data() + start, nl - start));
      bytes += nl + 1 - start;
      start = nl + 1;
    }
  }
  (void)writer.Finish();
  return bytes;
}

// JSON Lines → Parquet: ParquetWriter::AddPadded of each line, then Finish (64 MB of records,
// two row groups). MB/s of JSON.
void BM_ParquetWrite(benchmark::State& state) {
  const std::string path = "/tmp/refinery-io-bench-" + std::to_string(::getpid()) + ".parquet";
  const std::string lines = MakeLines(1000);
  size_t bytes = 0;
  for (auto _ : state) bytes += WriteParquet(path, lines, 256);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  std::remove(path.c_str());
}
BENCHMARK(BM_ParquetWrite)->Unit(benchmark::kMillisecond);

// Parquet → JSON Lines: each row group decoded (zstd pages), then every row rendered as a
// JSON object (what a run hands its steps). MB/s of JSON.
void BM_ParquetReadRows(benchmark::State& state) {
  const std::string path = "/tmp/refinery-io-bench-" + std::to_string(::getpid()) + ".parquet";
  WriteParquet(path, MakeLines(1000), 256);
  auto file = *parquet::ParquetFile::Open(path);
  const std::vector<std::string> keys = parquet::ColumnKeys(file->columns());
  std::vector<parquet::ColumnData> data;
  std::vector<size_t> cursors;
  std::string json;
  size_t bytes = 0;
  for (auto _ : state) {
    for (size_t g = 0; g < file->num_row_groups(); ++g) {
      (void)file->ReadRowGroup(g, data);
      cursors.assign(data.size(), 0);
      for (uint64_t r = 0; r < file->num_rows(g); ++r) {
        json.clear();
        parquet::AppendRowJson(file->columns(), data, keys, r, cursors, json);
        bytes += json.size() + 1;
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  std::remove(path.c_str());
}
BENCHMARK(BM_ParquetReadRows)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace refinery
