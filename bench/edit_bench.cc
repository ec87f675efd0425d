// Edit programs: executor, parser, refine-model inference and distillation throughput on
// generated web pages (sample_pages.h). Baseline in the same run: copying the text (the floor
// any executor must pay to produce its output).
//   build/bin/edit_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include "refinery/core/build_info.h"

#include <cstring>

#include "refinery/edit/distill.h"
#include "refinery/edit/executor.h"
#include "refinery/edit/refine_model.h"
#include "refinery/edit/sample_pages.h"

namespace {

using namespace refinery::edit;

const std::vector<SamplePage>& Pages() {
  static const std::vector<SamplePage> pages = GenerateSamplePages(4242, 2000);
  return pages;
}

int64_t TotalBytes() {
  int64_t n = 0;
  for (const SamplePage& p : Pages()) n += static_cast<int64_t>(p.text.size());
  return n;
}

void BM_BaselineCopy(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    for (const SamplePage& p : Pages()) {
      out.assign(p.text);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_BaselineCopy);

// Parsed programs executed with the op log off (what a bulk run pays per document besides
// the log) and on (what the edit step pays).
void ExecuteAll(benchmark::State& state, bool log_ops) {
  std::vector<Program> programs;
  for (const SamplePage& p : Pages()) programs.push_back(ParseProgram(p.program));
  EditPolicy policy;
  policy.log_ops = log_ops;
  EditScratch scratch;
  for (auto _ : state) {
    for (size_t i = 0; i < programs.size(); ++i) {
      EditResult r = ExecuteProgram(Pages()[i].text, programs[i], policy, &scratch);
      benchmark::DoNotOptimize(r.text.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
void BM_Execute(benchmark::State& state) { ExecuteAll(state, false); }
void BM_ExecuteWithLog(benchmark::State& state) { ExecuteAll(state, true); }
BENCHMARK(BM_Execute);
BENCHMARK(BM_ExecuteWithLog);

void BM_ParseAndExecute(benchmark::State& state) {
  EditPolicy policy;
  policy.log_ops = false;
  EditScratch scratch;
  for (auto _ : state) {
    for (const SamplePage& p : Pages()) {
      EditResult r = ExecuteProgram(p.text, ParseProgram(p.program), policy, &scratch);
      benchmark::DoNotOptimize(r.text.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_ParseAndExecute);

void BM_RefineModelProgram(benchmark::State& state) {
  auto model = RefineModel::Load(refinery::BuildSourceDir() + "/models/refiner.bin");
  if (!model.ok()) {
    state.SkipWithError("models/refiner.bin missing");
    return;
  }
  RefineScratch scratch;
  for (auto _ : state) {
    for (const SamplePage& p : Pages()) {
      std::string program = model->PredictProgram(p.text, scratch);
      benchmark::DoNotOptimize(program.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_RefineModelProgram);

void BM_Distill(benchmark::State& state) {
  std::vector<std::string> refined;
  EditPolicy loose;
  loose.min_words = 0;
  loose.min_kept_word_ratio = 0;
  for (const SamplePage& p : Pages()) {
    EditResult r = ExecuteProgram(p.text, ParseProgram(p.program), loose);
    refined.push_back(r.status == EditStatus::kChanged ? r.text : p.text);
  }
  for (auto _ : state) {
    for (size_t i = 0; i < refined.size(); ++i) {
      DistillResult r = DistillProgram(Pages()[i].text, refined[i]);
      benchmark::DoNotOptimize(r.program.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Distill);

}  // namespace
