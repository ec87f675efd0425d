// Offline batch rounds (gdr/batch_rounds.h): writing a round's requests file and ingesting a
// results file, for 2,000 requests over ~2 KB documents with the anonymize task's prompt.
// Baseline in the same run: serializing the same request bodies without the round (the floor
// any writer pays), and parsing the results file as JSON lines.
//   build/bin/gdr_batch_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <filesystem>

#include "refinery/core/build_info.h"
#include "refinery/gdr/batch_rounds.h"
#include "refinery/gdr/task.h"
#include "refinery/io/files.h"
#include "refinery/llm/protocol.h"

namespace {

using namespace refinery;
using namespace refinery::gdr;
namespace fs = std::filesystem;

constexpr int kRequests = 2000;

std::string Document(int i) {
  std::string doc;
  while (doc.size() < 2000) {
    doc += "Dear customer " + std::to_string(i) + ", your order " + std::to_string(i * 7919) +
           " ships to 12 Harbour Road. Write to client" + std::to_string(i) +
           "@mailhost.com or call +1 415 555 " + std::to_string(1000 + i % 9000) + ".\n";
  }
  return doc;
}

const std::vector<ChatRequest>& Requests() {
  static const std::vector<ChatRequest> reqs = [] {
    RewriteTask task = *LoadRewriteTask("anonymize");
    std::vector<ChatRequest> out;
    for (int i = 0; i < kRequests; ++i) {
      ChatRequest r;
      r.messages = BuildMessages(task, Document(i), "");
      r.sampling["temperature"] = 0.2;
      r.sampling["max_tokens"] = 1200;
      r.sampling["seed"] = 0;
      out.push_back(std::move(r));
    }
    return out;
  }();
  return reqs;
}

std::string Dir(const char* name) {
  std::string d =
      (fs::temp_directory_path() / ("refinery-gdr-batch-bench-" + std::string(name))).string();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// The results file a batch runner would write for every request (answers ~ the document).
std::string ResultsText() {
  std::string out;
  int n = 0;
  for (const ChatRequest& r : Requests()) {
    Json body = llm::BuildRequestBody(r, "m");
    std::string doc = r.messages.back().content;
    Json answer = {
        {"id", "cmpl"},
        {"object", "chat.completion"},
        {"choices",
         {{{"index", 0},
           {"message", {{"role", "assistant"}, {"content", "<refined>\n" + doc + "\n</refined>"}}},
           {"finish_reason", "stop"}}}},
        {"usage", {{"prompt_tokens", 900}, {"completion_tokens", 500}}}};
    Json line = {{"id", "batch_req_" + std::to_string(++n)},
                 {"custom_id", BatchCustomId(body.dump())},
                 {"response", {{"status_code", 200}, {"request_id", "r"}, {"body", answer}}},
                 {"error", nullptr}};
    out += line.dump();
    out += '\n';
  }
  return out;
}

void BM_BaselineSerializeBodies(benchmark::State& state) {
  int64_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const ChatRequest& r : Requests()) {
      std::string s = llm::BuildRequestBody(r, "m").dump();
      bytes += static_cast<int64_t>(s.size());
      benchmark::DoNotOptimize(s.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_BaselineSerializeBodies)->Unit(benchmark::kMillisecond);

// Submit every request (no reply yet: deferred) and write requests-001.jsonl.
void BM_WriteRound(benchmark::State& state) {
  std::string dir = Dir("write");
  int64_t bytes = 0;
  for (auto _ : state) {
    fs::remove(BatchRequestsPath(dir, 1));
    auto rounds = *BatchRounds::Open({dir, "m", 3, 4});
    for (const ChatRequest& r : Requests()) {
      rounds->Submit(r, [](StatusOr<ChatResponse> s) { benchmark::DoNotOptimize(s.ok()); });
    }
    Json extra = Json::object();
    rounds->Finish(extra);
    bytes = extra["batch"].value("requests_bytes", int64_t{0});
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  fs::remove_all(dir);
}
BENCHMARK(BM_WriteRound)->Unit(benchmark::kMillisecond);

void BM_BaselineParseResults(benchmark::State& state) {
  std::string text = ResultsText();
  for (auto _ : state) {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      Json j = Json::parse(std::string_view(text).substr(pos, end - pos));
      benchmark::DoNotOptimize(j.size());
      pos = end + 1;
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_BaselineParseResults)->Unit(benchmark::kMillisecond);

// Read results-001.jsonl (with its requests file, for unknown ids) and answer every request.
void BM_IngestRound(benchmark::State& state) {
  std::string dir = Dir("ingest");
  std::string text = ResultsText();
  (void)WriteFileAtomic(BatchResultsPath(dir, 1), text);
  for (auto _ : state) {
    auto rounds = *BatchRounds::Open({dir, "m", 3, 4});
    int ok = 0;
    for (const ChatRequest& r : Requests()) {
      rounds->Submit(r, [&ok](StatusOr<ChatResponse> s) { ok += s.ok(); });
    }
    if (ok != kRequests) state.SkipWithError("a request had no reply");
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  fs::remove_all(dir);
}
BENCHMARK(BM_IngestRound)->Unit(benchmark::kMillisecond);

}  // namespace
