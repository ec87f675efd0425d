// The executor on its own: a source of generated batches, a sink that records what it is
// handed, and steps that are ordered, asynchronous (completing on another thread) or that
// reject records. Whatever the thread count, the sink must see every batch once, in input
// order, with the same records and counters.
#include "refinery/pipeline/executor.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "refinery/core/batch_storage.h"
#include "refinery/pipeline/run_counters.h"

namespace refinery {
namespace {

constexpr int kBatches = 40;
constexpr int kLinesPerBatch = 25;
const std::string kFile = "gen.jsonl";

// kBatches batches of kLinesPerBatch lines; line 2 of batch 5 is not JSON.
class GeneratedSource : public BatchSource {
 public:
  StatusOr<bool> Fill(Batch& batch) override {
    if (next_ == kBatches) return false;
    Batch::Storage& storage = batch.storage();
    storage.file = &kFile;
    batch.set_part(0);
    for (int k = 0; k < kLinesPerBatch; ++k) {
      int id = next_ * kLinesPerBatch + k;
      std::string line =
          next_ == 5 && k == 2
              ? "{not json"
              : "{\"id\":" + std::to_string(id) + ",\"text\":\"text " + std::to_string(id) + "\"}";
      LineBlock::Line l;
      l.offset = storage.bytes.size();
      l.length = line.size();
      l.number = static_cast<uint64_t>(id) + 1;
      storage.bytes.Append(line + "\n");
      storage.lines.push_back(l);
      storage.input_bytes += line.size() + 1;
    }
    storage.last_in_part = ++next_ == kBatches;
    return true;
  }

 private:
  int next_ = 0;
};

// Remembers the batches it is handed and the live records' ids and texts.
class RecordingSink : public BatchSink {
 public:
  Status Consume(Batch& batch) override {
    sequences.push_back(batch.sequence());
    for (const Record& r : batch.records()) {
      if (r.dropped() || r.rejected()) continue;
      out.push_back(r.id() + "=" + std::string(r.text()));
      FieldValue status = r.Get("refinery.status");
      statuses.push_back(status.type == FieldValue::Type::kString ? status.string : "-");
      r.Serialize(lines.emplace_back());
    }
    auto it = batch.side_outputs().find("rejects");
    if (it != batch.side_outputs().end()) rejects += it->second;
    counters.AddBatch(batch, 0);
    return absl::OkStatus();
  }
  std::vector<uint64_t> sequences;
  std::vector<std::string> out;
  std::vector<std::string> statuses;  // refinery.status of each, "-" when none
  std::vector<std::string> lines;     // the output lines
  std::string rejects;
  RunCounters counters{3};
};

// Ordered: sees batches one at a time in input order; drops every 7th id.
class OrderedDropStep : public SyncStep {
 public:
  bool ordered() const override { return true; }
  void Process(Batch& batch, StepState*) const override {
    seen_in_order = seen_in_order && batch.sequence() == next_sequence;
    next_sequence = batch.sequence() + 1;
    for (Record& r : batch.records()) {
      if (!r.dropped() && !r.rejected() && std::stoi(r.id()) % 7 == 0) r.Drop();
    }
  }
  // Test bookkeeping, touched only under the executor's ordering guarantee.
  mutable uint64_t next_sequence = 0;
  mutable bool seen_in_order = true;
};

// Asynchronous: finishes each batch on a thread of its own, upper-casing the texts.
class AsyncUpperStep : public Step {
 public:
  ~AsyncUpperStep() override {
    for (std::thread& t : threads_) t.join();
  }
  void ProcessAsync(Batch& batch, StepState*, std::function<void()> done) const override {
    std::lock_guard<std::mutex> lock(mu_);
    threads_.emplace_back([&batch, done = std::move(done)] {
      for (Record& r : batch.records()) {
        if (r.dropped() || r.rejected()) continue;
        std::string text(r.text());
        for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        r.set_text(std::move(text));
      }
      done();
    });
  }

 private:
  mutable std::mutex mu_;
  mutable std::vector<std::thread> threads_;
};

// Rejects every 11th id with a reason.
class RejectStep : public RecordStep {
 public:
  void ProcessRecord(Record& record, StepStats&) const override {
    if (std::stoi(record.id()) % 11 == 0) record.Reject("eleven: id " + record.id());
  }
};

struct Outcome {
  RecordingSink sink;
  bool ordered_ok = false;
};

// Runs the generated input through `steps` into `sink`.
Status ExecuteGenerated(const std::vector<ExecutedStep>& steps, int threads, BatchSink& sink,
                        size_t batches_in_flight = 0) {
  GeneratedSource source;
  ExecutorOptions options;
  options.threads = threads;
  options.batches_in_flight = batches_in_flight;
  return Execute(source, steps, sink, options);
}

void RunWith(int threads, Outcome& outcome) {
  OrderedDropStep ordered;
  AsyncUpperStep upper;
  RejectStep reject;
  // Fewer batches in flight than the input has: the pool is reused.
  Status status = ExecuteGenerated({{&ordered, "ordered_drop", nullptr},
                                    {&upper, "upper", nullptr},
                                    {&reject, "reject", nullptr}},
                                   threads, outcome.sink, /*batches_in_flight=*/6);
  ASSERT_TRUE(status.ok()) << status;
  outcome.ordered_ok = ordered.seen_in_order;
}

// Remembers which pool batches it was handed.
class PoolSink : public BatchSink {
 public:
  Status Consume(Batch& batch) override {
    batches.insert(&batch);
    return absl::OkStatus();
  }
  std::set<const Batch*> batches;
};

TEST(ExecutorTest, DefaultPoolIsTwoBatchesPerThreadPlusTwo) {
  EXPECT_EQ(DefaultBatchesInFlight(1), 4u);
  EXPECT_EQ(DefaultBatchesInFlight(8), 18u);
  EXPECT_EQ(DefaultBatchesInFlight(0), 4u);
  // The input (kBatches) is longer than the pool, so every batch of the pool is used, and no
  // other: the reader takes free batches first in, first out.
  RejectStep reject;
  PoolSink sink;
  Status status = ExecuteGenerated({{&reject, "reject", nullptr}}, 1, sink);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(sink.batches.size(), DefaultBatchesInFlight(1));
}

TEST(ExecutorTest, SinkSeesEveryBatchInInputOrderWithTheSameRecords) {
  Outcome one;
  RunWith(1, one);
  ASSERT_EQ(one.sink.sequences.size(), static_cast<size_t>(kBatches));
  for (size_t i = 0; i < one.sink.sequences.size(); ++i) EXPECT_EQ(one.sink.sequences[i], i);
  EXPECT_TRUE(one.ordered_ok);

  // The expected records: not the bad line, not every 7th (dropped), not every 11th
  // (rejected); texts upper-cased.
  std::vector<std::string> expected;
  int dropped = 0, rejected = 0;
  for (int id = 0; id < kBatches * kLinesPerBatch; ++id) {
    if (id == 5 * kLinesPerBatch + 2) continue;
    if (id % 7 == 0) {
      ++dropped;
      continue;
    }
    if (id % 11 == 0) {
      ++rejected;
      continue;
    }
    expected.push_back(std::to_string(id) + "=TEXT " + std::to_string(id));
  }
  EXPECT_EQ(one.sink.out, expected);

  const RunCounters& c = one.sink.counters;
  EXPECT_EQ(c.records.in, static_cast<uint64_t>(kBatches * kLinesPerBatch));
  EXPECT_EQ(c.records.out, expected.size());
  EXPECT_EQ(c.records.dropped, static_cast<uint64_t>(dropped));
  EXPECT_EQ(c.records.rejected, static_cast<uint64_t>(rejected + 1));  // + the bad line
  EXPECT_EQ(c.records.changed, expected.size());
  ASSERT_EQ(c.steps.size(), 3u);
  EXPECT_EQ(c.steps[0].dropped, static_cast<uint64_t>(dropped));
  EXPECT_EQ(c.steps[1].changed, c.steps[1].in);
  EXPECT_EQ(c.steps[2].rejected, static_cast<uint64_t>(rejected));
  ASSERT_EQ(c.rejects_by_reason.size(), 2u);
  // In the order first seen: id 0 (batch 0) is rejected before the bad line of batch 5.
  EXPECT_EQ(c.rejects_by_reason[0].first, "eleven");
  EXPECT_EQ(c.rejects_by_reason[0].second, static_cast<uint64_t>(rejected));
  EXPECT_EQ(c.rejects_by_reason[1].first, "malformed JSON");
  EXPECT_EQ(c.rejects_by_reason[1].second, 1u);
  EXPECT_NE(one.sink.rejects.find("\"step\":\"reject\""), std::string::npos);

  for (int threads : {2, 4, 8}) {
    Outcome many;
    RunWith(threads, many);
    EXPECT_TRUE(many.ordered_ok) << threads << " threads";
    EXPECT_EQ(many.sink.sequences, one.sink.sequences) << threads << " threads";
    EXPECT_EQ(many.sink.out, one.sink.out) << threads << " threads";
    EXPECT_EQ(many.sink.rejects, one.sink.rejects) << threads << " threads";
    EXPECT_EQ(many.sink.counters.ToJson()["records"], c.ToJson()["records"]);
  }
}

// A source that fails midway: the error comes back, and the sink has seen only whole batches
// that came before it, in order.
class FailingSource : public GeneratedSource {
 public:
  StatusOr<bool> Fill(Batch& batch) override {
    if (++calls_ == 4) return absl::DataLossError("gen.jsonl: truncated");
    return GeneratedSource::Fill(batch);
  }

 private:
  int calls_ = 0;
};

TEST(ExecutorTest, SourceErrorStopsTheRunWithThatError) {
  FailingSource source;
  RejectStep reject;
  std::vector<ExecutedStep> steps{{&reject, "reject", nullptr}};
  RecordingSink sink;
  ExecutorOptions options;
  options.threads = 2;
  Status status = Execute(source, steps, sink, options);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_NE(std::string(status.message()).find("gen.jsonl: truncated"), std::string::npos);
  EXPECT_LE(sink.sequences.size(), 3u);
  for (size_t i = 0; i < sink.sequences.size(); ++i) EXPECT_EQ(sink.sequences[i], i);
}

// A sink that fails on its fourth batch (a full disk): the run ends with that error after
// the batches before it, with asynchronous work in flight and every thread count.
class FailingSink : public RecordingSink {
 public:
  Status Consume(Batch& batch) override {
    if (sequences.size() == 3) return absl::ResourceExhaustedError("out.jsonl: disk full");
    return RecordingSink::Consume(batch);
  }
};

TEST(ExecutorTest, SinkErrorStopsTheRunWithThatError) {
  for (int threads : {1, 4}) {
    AsyncUpperStep upper;
    RejectStep reject;
    FailingSink sink;
    Status status =
        ExecuteGenerated({{&upper, "upper", nullptr}, {&reject, "reject", nullptr}}, threads, sink);
    EXPECT_TRUE(absl::IsResourceExhausted(status)) << status;
    EXPECT_EQ(sink.sequences, (std::vector<uint64_t>{0, 1, 2})) << threads << " threads";
  }
}

// Reports status: changes the text of ids divisible by 3, drops those divisible by 5, and
// counts typed figures.
class StatusStep : public RecordStep {
 public:
  bool reports_status() const override { return true; }
  void ProcessRecord(Record& record, StepStats& stats) const override {
    int id = std::stoi(record.id());
    if (id % 5 == 0) {
      record.Drop();
      return;
    }
    if (id % 3 == 0) record.set_text("three");
    stats.counters.Count("docs");
    stats.counters.Max("id_max", static_cast<uint64_t>(id));
    stats.counters.Min("id_min", static_cast<uint64_t>(id));
    stats.counters.CountBy("by_last_digit", std::to_string(id % 10));
  }
};

TEST(ExecutorTest, EngineWritesStatusAfterAStepThatReportsIt) {
  for (int threads : {1, 3}) {
    OrderedDropStep ordered;
    StatusStep status_step;
    RejectStep reject;
    RecordingSink sink;
    ASSERT_TRUE(ExecuteGenerated({{&ordered, "ordered_drop", nullptr},
                                  {&status_step, "status", nullptr},
                                  {&reject, "reject", nullptr}},
                                 threads, sink)
                    .ok());
    ASSERT_EQ(sink.out.size(), sink.statuses.size());
    size_t changed = 0;
    for (size_t i = 0; i < sink.out.size(); ++i) {
      int id = std::stoi(sink.out[i].substr(0, sink.out[i].find('=')));
      EXPECT_EQ(sink.statuses[i], id % 3 == 0 ? "changed" : "kept") << sink.out[i];
      changed += id % 3 == 0;
    }
    EXPECT_EQ(sink.counters.records.changed, changed);
    // Typed figures combine by kind over all batches, whatever the thread count.
    Json figures = sink.counters.steps[1].ToJson()["extra"];
    EXPECT_EQ(figures["docs"], sink.counters.steps[1].out);
    EXPECT_EQ(figures["id_min"], 1);
    EXPECT_EQ(figures["id_max"], kBatches * kLinesPerBatch - 1);
    EXPECT_FALSE(figures["by_last_digit"].contains("0"));  // every id ending in 0 was dropped
    EXPECT_TRUE(figures["by_last_digit"]["1"].is_number_unsigned());
  }
}

// Reports outcomes of its own: "flagged" for ids divisible by 4 (after writing one field and
// before another: the status goes between them), "bogus" (not declared) for id `bogus_id`.
class OutcomeStep : public RecordStep {
 public:
  explicit OutcomeStep(int bogus_id = -1) : bogus_id_(bogus_id) {}
  bool reports_status() const override { return true; }
  std::span<const std::string_view> outcomes() const override { return kNames; }
  void ProcessRecord(Record& record, StepStats&) const override {
    int id = std::stoi(record.id());
    record.refinery()["before"] = 1;
    if (id % 4 == 0) record.set_outcome(kNames[0]);
    if (id == bogus_id_) record.set_outcome("bogus");
    record.refinery()["after"] = 2;
  }

 private:
  static constexpr std::string_view kNames[] = {"flagged"};
  int bogus_id_;
};

TEST(ExecutorTest, EngineWritesAReportedOutcomeWhereTheStepReportedIt) {
  OutcomeStep outcome_step;
  StatusStep status_step;
  RecordingSink sink;
  ASSERT_TRUE(ExecuteGenerated(
                  {{&status_step, "status", nullptr}, {&outcome_step, "outcome", nullptr}}, 2, sink)
                  .ok());
  ASSERT_EQ(sink.out.size(), sink.lines.size());
  for (size_t i = 0; i < sink.out.size(); ++i) {
    int id = std::stoi(sink.out[i].substr(0, sink.out[i].find('=')));
    // The status step gave every record a status first: an outcome replaces it in place.
    std::string status = id % 4 == 0 ? "flagged" : id % 3 == 0 ? "changed" : "kept";
    EXPECT_NE(
        sink.lines[i].find("\"refinery\":{\"status\":\"" + status + "\",\"before\":1,\"after\":2}"),
        std::string::npos)
        << sink.lines[i];
  }
  // Alone, the outcome goes between the field written before it and the one after; a record
  // without one gets "kept".
  RecordingSink alone;
  ASSERT_TRUE(ExecuteGenerated({{&outcome_step, "outcome", nullptr}}, 1, alone).ok());
  EXPECT_NE(alone.lines[0].find(R"("refinery":{"before":1,"status":"flagged","after":2})"),
            std::string::npos)
      << alone.lines[0];
  EXPECT_NE(alone.lines[1].find(R"("refinery":{"before":1,"after":2,"status":"kept"})"),
            std::string::npos)
      << alone.lines[1];
}

TEST(ExecutorTest, AnUndeclaredOutcomeFailsTheRun) {
  OutcomeStep outcome_step(/*bogus_id=*/30);
  RecordingSink sink;
  Status status = ExecuteGenerated({{&outcome_step, "outcome", nullptr}}, 2, sink);
  EXPECT_TRUE(absl::IsInternal(status)) << status;
  EXPECT_NE(std::string(status.message()).find("step 'outcome' reported outcome 'bogus'"),
            std::string::npos)
      << status;
}

// A step that reports no status leaves records without one.
TEST(ExecutorTest, NoStatusWithoutAStepThatReportsIt) {
  Outcome one;
  RunWith(1, one);
  for (const std::string& status : one.sink.statuses) EXPECT_EQ(status, "-");
}

TEST(RunCountersTest, TypedCountersSurviveTheMarkerRoundTrip) {
  // Two parts' counters written to markers and read back (--resume) combine as if counted in
  // one process: a maximum stays a maximum, reals stay reals.
  RunCounters a(1), b(1);
  a.steps[0].counters.Count("docs", 3);
  a.steps[0].counters.Sum("score_sum", 1.5);
  a.steps[0].counters.Max("longest", uint64_t{40});
  a.steps[0].counters.Min("shortest", uint64_t{4});
  a.steps[0].counters.CountAt("histogram", 2);
  b.steps[0].counters.Count("docs", 2);
  b.steps[0].counters.Sum("score_sum", 1.0);
  b.steps[0].counters.Max("longest", uint64_t{30});
  b.steps[0].counters.Min("shortest", uint64_t{2});
  b.steps[0].counters.CountAt("histogram", 0);
  b.steps[0].counters.CountAt("histogram", 3, 2);
  b.steps[0].counters.SumBy("by_lang", "de", 1);
  RunCounters restored = RunCounters::FromJson(a.ToJson());
  restored.Add(RunCounters::FromJson(b.ToJson()));
  RunCounters direct = a;
  direct.Add(b);
  Json want{{"docs", 5},     {"score_sum", 2.5},          {"longest", 40},
            {"shortest", 2}, {"histogram", {1, 0, 1, 2}}, {"by_lang", {{"de", 1.0}}}};
  EXPECT_EQ(restored.steps[0].ToJson()["extra"].dump(), want.dump());
  EXPECT_EQ(direct.steps[0].ToJson()["extra"].dump(), want.dump());
}

TEST(RunCountersTest, JsonRoundTripAndAddAreConsistent) {
  RunCounters a(2), b(2);
  a.records = {10, 7, 2, 1, 3};
  a.bytes_in = 100;
  a.steps[1].counters.Count("docs", 5);
  a.AddRejects("malformed JSON", 1);
  b.records = {5, 5, 0, 0, 1};
  b.bytes_out = 40;
  b.steps[1].counters.Count("docs", 2);
  b.AddRejects("field \"text\": missing", 2);
  b.AddRejects("malformed JSON", 3);
  RunCounters sum = RunCounters::FromJson(a.ToJson());
  sum.Add(RunCounters::FromJson(b.ToJson()));
  Json j = sum.ToJson();
  EXPECT_EQ(j["records"],
            (Json{{"in", 15}, {"out", 12}, {"dropped", 2}, {"rejected", 1}, {"changed", 4}}));
  EXPECT_EQ(j["bytes"], (Json{{"in", 100}, {"out", 40}}));
  EXPECT_EQ(sum.steps[1].ToJson()["extra"]["docs"], 7);
  EXPECT_EQ(j["rejects_by_reason"].dump(), R"({"malformed JSON":4,"field \"text\": missing":2})");
  EXPECT_EQ(RejectReasonCategory("malformed JSON: at byte 3"), "malformed JSON");
  EXPECT_EQ(RejectReasonCategory("field \"text\": missing"), "field \"text\": missing");
}

}  // namespace
}  // namespace refinery
