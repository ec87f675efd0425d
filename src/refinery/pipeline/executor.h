// The executor: moves batches from a source through the steps to a sink.
//
//   reader thread ──► work queue ──► N workers (parse, then steps) ──► writer thread (in order)
//
// Memory is bounded by a fixed pool of batches: the reader blocks when all are in flight
// (back-pressure). Workers take any batch; an ordered step admits batches strictly in input
// order (a batch that arrives early is parked, never blocking its worker); an asynchronous step
// releases its worker while its requests are in flight, and the batch re-enters the queue when
// it completes. The writer consumes batches in input order, so output is deterministic whatever
// the thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "refinery/core/record.h"
#include "refinery/core/status.h"
#include "refinery/pipeline/step.h"

namespace refinery {

// Fills batches with input lines (Batch::Storage) in input order.
class BatchSource {
 public:
  virtual ~BatchSource() = default;
  // Fills `batch` (already Reset) and returns true, or returns false when the input is done.
  virtual StatusOr<bool> Fill(Batch& batch) = 0;
};

// Receives finished batches in input order.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  virtual Status Consume(Batch& batch) = 0;
};

struct ExecutorOptions {
  int threads = 1;
  size_t batches_in_flight = 0;  // 0: DefaultBatchesInFlight(threads)
  std::string text_field = "text";
  std::string id_field = "id";
};

// The pool of batches a run with `threads` workers keeps when not told: 2 per thread + 2, one
// being read, one being written and two per worker (one worked on, one waiting). A batch's
// pages (its input, records and output text, a few MiB for 1 MiB of input) are first touched
// when the pool fills, so a larger pool costs page faults without adding throughput: with
// 4 per thread + 4, `score toxicity --threads 1` on 33 MB took 11,900 page faults, not 8,360.
size_t DefaultBatchesInFlight(int threads);

struct ExecutedStep {
  const Step* step = nullptr;
  std::string type;                   // for reject lines
  StepGlobalState* global = nullptr;  // this run's state of the step (Step::NewGlobalState)
};

// Runs until the source is exhausted or an error occurs (the first error is returned; batches
// already consumed by the sink stay consumed).
Status Execute(BatchSource& source, const std::vector<ExecutedStep>& steps, BatchSink& sink,
               const ExecutorOptions& options);

}  // namespace refinery
