#include "refinery/pipeline/run_counters.h"

#include "refinery/core/batch_storage.h"

namespace refinery {

void RunCounters::Add(const RunCounters& other) {
  records.Add(other.records);
  bytes_in += other.bytes_in;
  bytes_out += other.bytes_out;
  if (steps.size() < other.steps.size()) steps.resize(other.steps.size());
  for (size_t i = 0; i < other.steps.size(); ++i) steps[i].Add(other.steps[i]);
  for (const auto& [category, n] : other.rejects_by_reason) AddRejects(category, n);
}

void RunCounters::AddRejects(std::string_view category, uint64_t n) {
  for (auto& [name, count] : rejects_by_reason) {
    if (name == category) {
      count += n;
      return;
    }
  }
  rejects_by_reason.emplace_back(std::string(category), n);
}

void RunCounters::AddBatch(Batch& batch, uint64_t written) {
  const Batch::Storage& storage = batch.storage();
  RecordCounts delta;
  for (const Record& r : batch.records()) {
    if (r.rejected()) {
      ++delta.rejected;
    } else if (r.dropped()) {
      ++delta.dropped;
    } else {
      ++delta.out;
      delta.changed += r.text_changed();
    }
  }
  delta.in = storage.lines.size();
  delta.rejected += storage.lines.size() - batch.records().size();  // failed to parse
  records.Add(delta);
  bytes_in += storage.input_bytes;
  bytes_out += written;
  const std::vector<StepStats>& batch_steps = batch.all_step_stats();
  if (steps.size() < batch_steps.size()) steps.resize(batch_steps.size());
  for (size_t i = 0; i < batch_steps.size(); ++i) steps[i].Add(batch_steps[i]);
  for (const std::string& reason : batch.reject_reasons())
    AddRejects(RejectReasonCategory(reason), 1);
}

Json RunCounters::ToJson() const {
  Json step_list = Json::array();
  for (const StepStats& s : steps) step_list.push_back(s.ToTypedJson());
  Json reasons = Json::object();
  for (const auto& [category, n] : rejects_by_reason) reasons[category] = n;
  return Json{{"records",
               {{"in", records.in},
                {"out", records.out},
                {"dropped", records.dropped},
                {"rejected", records.rejected},
                {"changed", records.changed}}},
              {"bytes", {{"in", bytes_in}, {"out", bytes_out}}},
              {"steps", step_list},
              {"rejects_by_reason", reasons}};
}

RunCounters RunCounters::FromJson(const Json& j) {
  RunCounters c;
  if (j.contains("records")) {
    const Json& r = j["records"];
    c.records.in = r.value("in", uint64_t{0});
    c.records.out = r.value("out", uint64_t{0});
    c.records.dropped = r.value("dropped", uint64_t{0});
    c.records.rejected = r.value("rejected", uint64_t{0});
    c.records.changed = r.value("changed", uint64_t{0});
  }
  if (j.contains("bytes")) {
    c.bytes_in = j["bytes"].value("in", uint64_t{0});
    c.bytes_out = j["bytes"].value("out", uint64_t{0});
  }
  if (j.contains("steps") && j["steps"].is_array()) {
    for (const Json& s : j["steps"]) c.steps.push_back(StepStats::FromJson(s));
  }
  if (j.contains("rejects_by_reason") && j["rejects_by_reason"].is_object()) {
    for (auto it = j["rejects_by_reason"].begin(); it != j["rejects_by_reason"].end(); ++it)
      c.AddRejects(it.key(), it.value().get<uint64_t>());
  }
  return c;
}

std::string RejectReasonCategory(std::string_view reason) {
  if (reason.rfind("field ", 0) == 0) return std::string(reason);
  size_t colon = reason.find(':');
  return std::string(colon == std::string_view::npos ? reason : reason.substr(0, colon));
}

}  // namespace refinery
