// The step interface: what every record transformation implements.
//
// The operator model is source → steps → sink (as in DuckDB). A Step object is built once from
// its YAML parameters and is then immutable and shared by all worker threads: it holds no run
// state. What a step learns across batches during one run (e.g. the texts dedup_exact has
// seen) lives in a StepGlobalState the runner creates once per run (global state); per-thread
// scratch (parsers, buffers, scanner scratch) lives in a StepState that the executor creates
// once per worker thread (local state). Steps see whole batches, so a step that waits
// on asynchronous work (HTTP) can have all of a batch's requests in flight at once, and the
// executor keeps other batches moving meanwhile.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "refinery/core/record.h"
#include "refinery/core/status.h"

namespace refinery {

// Per-thread scratch of one step. Subclass it; the executor owns it.
class StepState {
 public:
  virtual ~StepState() = default;
};

// Run-wide state of one step in one run. Subclass it; the runner owns it, one per run.
class StepGlobalState {
 public:
  virtual ~StepGlobalState() = default;
};

class Step {
 public:
  virtual ~Step() = default;

  // This run's state; nullptr when the step keeps none across batches.
  virtual std::unique_ptr<StepGlobalState> NewGlobalState() const { return nullptr; }

  // Scratch for one worker thread; nullptr when the step needs none.
  virtual std::unique_ptr<StepState> NewThreadState() const { return nullptr; }

  // The same for a step with run state: `global` is this run's NewGlobalState(), which the
  // returned scratch may keep a pointer to. The executor calls this one.
  virtual std::unique_ptr<StepState> NewLocalState(StepGlobalState* global) const {
    (void)global;
    return NewThreadState();
  }

  // Processes one batch and calls `done()` exactly once, possibly later and from another
  // thread (asynchronous steps). The executor does not touch the batch until then.
  // Synchronous steps derive from SyncStep instead.
  virtual void ProcessAsync(Batch& batch, StepState* state, std::function<void()> done) const = 0;

  // False for a step that does not need records' text (metadata filters, field selection).
  // When no step of a run needs it, records are validated but their text is not copied out
  // of the line; a record still gives its text if asked (by re-reading the line).
  virtual bool reads_text() const { return true; }

  // True for a step whose records get `refinery.status` from the engine once it has run:
  // the outcome the step reported for the record (Record::set_outcome), else "changed" where
  // this step changed the text, else "kept" unless an earlier step already set a status.
  // Steps never write the status themselves.
  virtual bool reports_status() const { return false; }

  // The outcomes this step may report with Record::set_outcome ("kept", "fallback", ...); a
  // record reporting another fails the run (a step bug, not bad input).
  virtual std::span<const std::string_view> outcomes() const { return {}; }

  // Ordered steps see batches one at a time and in input order, so their global state may
  // change across batches without a lock (e.g. exact dedup). Others run on any thread in any
  // order.
  virtual bool ordered() const { return false; }

  // Ordered steps with state across batches: the state added by part `part` (a binary blob,
  // written beside the part's completion marker), and how to take it back on --resume so a
  // resumed run behaves exactly like an uninterrupted one.
  virtual std::string TakeCheckpoint(StepGlobalState* global, uint32_t part) const {
    (void)global;
    (void)part;
    return {};
  }
  virtual Status RestoreCheckpoint(StepGlobalState* global, std::string_view blob) const {
    (void)global;
    (void)blob;
    return absl::OkStatus();
  }

  // Called once after the last batch, before the summary is written: a step can add final
  // figures (e.g. means) to its merged counters, and read what its run state (`global`, this
  // run's NewGlobalState()) learned, e.g. why it stopped.
  virtual void FinishSummary(Json& extra, StepGlobalState* global) const {
    (void)extra;
    (void)global;
  }
};

// A step that finishes each batch before returning.
class SyncStep : public Step {
 public:
  virtual void Process(Batch& batch, StepState* state) const = 0;

  void ProcessAsync(Batch& batch, StepState* state, std::function<void()> done) const final {
    Process(batch, state);
    done();
  }
};

// A step that looks at one record at a time, with no scratch.
class RecordStep : public SyncStep {
 public:
  virtual void ProcessRecord(Record& record, StepStats& stats) const = 0;

  void Process(Batch& batch, StepState*) const final {
    for (Record& record : batch.records()) {
      if (!record.dropped() && !record.rejected()) ProcessRecord(record, batch.stats());
    }
  }
};

}  // namespace refinery
