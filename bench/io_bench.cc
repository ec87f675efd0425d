// Microbenchmarks of the engine's per-record primitives: validation/parse, serialization of a
// changed record, and line splitting. Compare with bench/e2e_copy.sh for whole runs.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "refinery/io/record_parser.h"

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

void BM_ParseRecord(benchmark::State& state) {
  std::string data = MakeLines(1000);
  std::string text_field = "text";
  RecordParser parser(&text_field, "id");
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
BENCHMARK(BM_ParseRecord);

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

}  // namespace
}  // namespace refinery
