#include "refinery/pipeline/executor.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "refinery/core/batch_storage.h"
#include "refinery/io/record_parser.h"

namespace refinery {
namespace {

using Clock = std::chrono::steady_clock;

// The engine owns refinery.status. After a step that reports it: the outcome the step
// reported, else "changed" for a record the step changed, else "kept" for one no step has
// given a status yet.
void WriteStatus(Record& r, bool changed) {
  // Most records of a step that writes its members as text (pii_anonymize) have no Json
  // object: the status goes in as text too, instead of parsing those members into one.
  if (r.outcome().empty() && r.AppendPendingStatus(changed ? "changed" : "kept", changed)) return;
  Json& ref = r.refinery();
  if (!r.outcome().empty()) {
    auto it = ref.find("status");
    if (it != ref.end()) {
      *it = r.outcome();
    } else if (r.outcome_slot() >= ref.size()) {
      ref["status"] = r.outcome();
    } else {
      // Before the fields the step wrote after reporting (an object's fields cannot be
      // inserted in place).
      Json::object_t& fields = ref.get_ref<Json::object_t&>();
      Json::object_t with;
      with.reserve(fields.size() + 1);
      for (auto& [key, value] : fields) {
        if (with.size() == r.outcome_slot()) with.emplace("status", Json(r.outcome()));
        with.emplace(key, std::move(value));
      }
      fields = std::move(with);
    }
  } else if (changed) {
    ref["status"] = "changed";
  } else if (!ref.contains("status")) {
    ref["status"] = "kept";
  }
}

// True when `outcome` is one the step declared (Step::outcomes).
bool Declared(const Step& step, std::string_view outcome) {
  for (std::string_view name : step.outcomes()) {
    if (name == outcome) return true;
  }
  return false;
}

struct Task {
  Batch* batch = nullptr;
  size_t next_step = 0;  // index into steps; steps.size() = finished
  bool parsed = false;
};

class Engine {
 public:
  Engine(BatchSource& source, const std::vector<ExecutedStep>& steps, BatchSink& sink,
         const ExecutorOptions& options)
      : source_(source), steps_(steps), sink_(sink), options_(options), gates_(steps.size()) {
    threads_ = std::max(1, options.threads);
    size_t pool =
        options.batches_in_flight ? options.batches_in_flight : DefaultBatchesInFlight(threads_);
    for (size_t i = 0; i < pool; ++i) {
      batches_.push_back(std::make_unique<Batch>());
      free_.push_back(batches_.back().get());
    }
  }

  Status Run() {
    std::thread reader([this] { ReadLoop(); });
    std::thread writer([this] { WriteLoop(); });
    std::vector<std::thread> workers;
    for (int i = 0; i < threads_; ++i) workers.emplace_back([this] { WorkLoop(); });
    reader.join();
    writer.join();
    {
      std::lock_guard<std::mutex> lock(mu_);
      shutdown_ = true;
    }
    work_cv_.notify_all();
    for (auto& w : workers) w.join();
    // Callbacks of asynchronous steps may still be unwinding (or, after a failure, in flight).
    std::unique_lock<std::mutex> lock(mu_);
    async_cv_.wait(lock, [&] { return async_in_flight_ == 0; });
    return error_;
  }

 private:
  void SetError(Status status) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (error_.ok()) error_ = std::move(status);
      failed_ = true;
    }
    work_cv_.notify_all();
    free_cv_.notify_all();
    done_cv_.notify_all();
  }

  void ReadLoop() {
    uint64_t seq = 0;
    while (true) {
      Batch* batch = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        free_cv_.wait(lock, [&] { return !free_.empty() || failed_; });
        if (failed_) break;
        batch = free_.front();
        free_.pop_front();
      }
      // The previous records are released by the worker that parses this batch next, which
      // is usually the thread that allocated them (cross-thread frees cost arena locks).
      batch->set_sequence(seq);
      batch->storage().Clear();
      StatusOr<bool> more = source_.Fill(*batch);
      if (!more.ok()) {
        SetError(more.status());
        break;
      }
      if (!*more) {
        std::lock_guard<std::mutex> lock(mu_);
        free_.push_back(batch);
        break;
      }
      ++seq;
      {
        std::lock_guard<std::mutex> lock(mu_);
        queue_.push_back(Task{batch, 0, false});
      }
      work_cv_.notify_one();
    }
    std::lock_guard<std::mutex> lock(mu_);
    total_batches_ = seq;
    reader_done_ = true;
    done_cv_.notify_all();
  }

  void WorkLoop() {
    std::vector<std::unique_ptr<StepState>> states;
    for (const ExecutedStep& s : steps_) states.push_back(s.step->NewLocalState(s.global));
    bool texts_read = std::any_of(steps_.begin(), steps_.end(),
                                  [](const ExecutedStep& s) { return s.step->reads_text(); });
    RecordParser parser(&options_.text_field, options_.id_field, /*defer_text=*/!texts_read);
    while (true) {
      Task task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return !queue_.empty() || shutdown_; });
        if (queue_.empty()) return;
        task = queue_.front();
        queue_.pop_front();
        if (failed_) continue;  // drain: the run is failing
      }
      if (!task.parsed) {
        Parse(*task.batch, parser);
        task.parsed = true;
      }
      Advance(task, states);
    }
  }

  // Runs the batch through as many steps as finish synchronously.
  void Advance(Task task, std::vector<std::unique_ptr<StepState>>& states) {
    while (task.next_step < steps_.size()) {
      size_t i = task.next_step;
      const Step& step = *steps_[i].step;
      if (step.ordered()) {
        if (!EnterGate(i, task)) return;  // parked; resumed by the batch before it
        RunOrdered(task, states);
        continue;
      }
      auto pending = std::make_shared<std::atomic<int>>(2);
      auto snapshot = std::make_shared<Snapshot>(TakeSnapshot(*task.batch));
      auto start = Clock::now();
      Batch* batch = task.batch;
      batch->set_current_step(i);
      Task next{batch, i + 1, true};
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++async_in_flight_;
      }
      step.ProcessAsync(*batch, states[i].get(), [this, pending, snapshot, start, next]() {
        Finish(*next.batch, next.next_step - 1, *snapshot, start);
        if (pending->fetch_sub(1) == 1) Requeue(next);  // completed after ProcessAsync returned
        std::lock_guard<std::mutex> lock(mu_);
        if (--async_in_flight_ == 0) async_cv_.notify_all();
      });
      if (pending->fetch_sub(1) != 1) return;  // still in flight: the callback requeues it
      task = next;
    }
    Complete(task.batch);
  }

  // An ordered step runs under its gate, then lets the next parked batch (if any) through.
  void RunOrdered(Task& task, std::vector<std::unique_ptr<StepState>>& states) {
    size_t i = task.next_step;
    Snapshot snapshot = TakeSnapshot(*task.batch);
    auto start = Clock::now();
    task.batch->set_current_step(i);
    bool finished = false;
    steps_[i].step->ProcessAsync(*task.batch, states[i].get(), [&finished] { finished = true; });
    if (!finished) {
      SetError(absl::InternalError("step '" + steps_[i].type + "' is ordered but not synchronous"));
    }
    Finish(*task.batch, i, snapshot, start);
    Task released{};
    {
      std::lock_guard<std::mutex> lock(gate_mu_);
      Gate& gate = gates_[i];
      ++gate.next_sequence;
      auto it = gate.parked.find(gate.next_sequence);
      if (it != gate.parked.end()) {
        released = it->second;
        gate.parked.erase(it);
      }
    }
    if (released.batch) Requeue(released);
    ++task.next_step;
  }

  bool EnterGate(size_t i, const Task& task) {
    std::lock_guard<std::mutex> lock(gate_mu_);
    Gate& gate = gates_[i];
    if (task.batch->sequence() == gate.next_sequence) return true;
    gate.parked.emplace(task.batch->sequence(), task);
    return false;
  }

  void Requeue(const Task& task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_front(task);  // continuing batches go before new ones
    }
    work_cv_.notify_one();
  }

  struct Snapshot {
    std::vector<uint8_t> live;
    std::vector<uint32_t> versions;
  };

  static bool Live(const Record& r) { return !r.dropped() && !r.rejected(); }

  Snapshot TakeSnapshot(Batch& batch) {
    Snapshot s;
    for (const Record& r : batch.records()) {
      s.live.push_back(Live(r));
      s.versions.push_back(r.text_version());
    }
    return s;
  }

  void Finish(Batch& batch, size_t i, const Snapshot& before, Clock::time_point start) {
    StepStats& stats = batch.all_step_stats()[i];
    const bool status = steps_[i].step->reports_status();
    stats.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    auto& records = batch.records();
    for (size_t k = 0; k < records.size() && k < before.live.size(); ++k) {
      if (!before.live[k]) continue;
      Record& r = records[k];
      ++stats.in;
      if (r.rejected()) {
        ++stats.rejected;
        Json line = RejectLine(r.source(), r.reject_reason(), r.raw_line());
        line["id"] = r.id();
        line["step"] = steps_[i].type;
        batch.EmitReject(line, r.reject_reason());
      } else if (r.dropped()) {
        ++stats.dropped;
      } else {
        ++stats.out;
        bool changed = r.text_version() != before.versions[k];
        stats.changed += changed;
        if (!r.outcome().empty() && (!status || !Declared(*steps_[i].step, r.outcome()))) {
          SetError(absl::InternalError("step '" + steps_[i].type + "' reported outcome '" +
                                       std::string(r.outcome()) + "', which it does not declare"));
        } else if (status) {
          WriteStatus(r, changed);
        }
      }
      r.ClearOutcome();
    }
  }

  void Parse(Batch& batch, RecordParser& parser) {
    batch.Reset(batch.sequence(), batch.part(), steps_.size());
    Batch::Storage& storage = batch.storage();
    storage.texts.Clear();
    batch.records().reserve(storage.lines.size());
    for (const LineBlock::Line& line : storage.lines) ParseLine(batch, parser, line);
  }

  void ParseLine(Batch& batch, RecordParser& parser, const LineBlock::Line& line) {
    Batch::Storage& storage = batch.storage();
    SourceLocation source{*storage.file, line.number};
    if (line.oversize) {
      batch.EmitReject(RejectLine(source, "line exceeds max_record_bytes", {}, line.oversize),
                       "line exceeds max_record_bytes");
      return;
    }
    std::string_view bytes = storage.line_bytes(line);
    Record& record = batch.records().emplace_back();
    Status status = parser.ParseInto(bytes, source, &storage.texts, record);
    if (!status.ok()) {
      batch.records().pop_back();
      batch.EmitReject(RejectLine(source, std::string(status.message()), bytes),
                       std::string(status.message()));
    }
  }

  void Complete(Batch* batch) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_.emplace(batch->sequence(), batch);
    }
    done_cv_.notify_all();
  }

  void WriteLoop() {
    uint64_t next = 0;
    while (true) {
      Batch* batch = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        done_cv_.wait(lock, [&] {
          return failed_ || done_.count(next) || (reader_done_ && next == total_batches_);
        });
        if (failed_) return;
        if (reader_done_ && next == total_batches_) return;
        auto it = done_.find(next);
        batch = it->second;
        done_.erase(it);
      }
      Status status = sink_.Consume(*batch);
      if (!status.ok()) {
        SetError(status);
        return;
      }
      ++next;
      {
        std::lock_guard<std::mutex> lock(mu_);
        free_.push_back(batch);
      }
      free_cv_.notify_one();
    }
  }

  struct Gate {
    uint64_t next_sequence = 0;
    std::map<uint64_t, Task> parked;
  };

  BatchSource& source_;
  const std::vector<ExecutedStep>& steps_;
  BatchSink& sink_;
  ExecutorOptions options_;
  int threads_ = 1;

  std::vector<std::unique_ptr<Batch>> batches_;
  std::mutex mu_;
  std::condition_variable free_cv_, work_cv_, done_cv_, async_cv_;
  int async_in_flight_ = 0;
  std::deque<Batch*> free_;
  std::deque<Task> queue_;
  std::map<uint64_t, Batch*> done_;
  bool reader_done_ = false;
  uint64_t total_batches_ = 0;
  bool shutdown_ = false;
  bool failed_ = false;
  Status error_;

  std::mutex gate_mu_;
  std::vector<Gate> gates_;
};

}  // namespace

size_t DefaultBatchesInFlight(int threads) {
  return 2 * static_cast<size_t>(std::max(1, threads)) + 2;
}

Status Execute(BatchSource& source, const std::vector<ExecutedStep>& steps, BatchSink& sink,
               const ExecutorOptions& options) {
  Engine engine(source, steps, sink, options);
  return engine.Run();
}

}  // namespace refinery
