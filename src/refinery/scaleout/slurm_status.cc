#include "refinery/scaleout/slurm_status.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <absl/strings/ascii.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>
#include <fmt/format.h>

#include "refinery/io/jsonl_file.h"
#include "refinery/scaleout/run_layout.h"
#include "refinery/scaleout/sbatch_script.h"
#include "refinery/scaleout/subprocess.h"

namespace refinery::scaleout {

namespace fs = std::filesystem;

namespace {

const std::set<std::string>& RunningStates() {
  static const std::set<std::string> states = {"RUNNING", "COMPLETING", "CONFIGURING", "STAGE_OUT",
                                               "SIGNALING"};
  return states;
}
const std::set<std::string>& PendingStates() {
  static const std::set<std::string> states = {"PENDING",      "REQUEUED",     "REQUEUE_FED",
                                               "REQUEUE_HOLD", "RESIZING",     "SUSPENDED",
                                               "STOPPED",      "RESV_DEL_HOLD"};
  return states;
}

// "CANCELLED by 0" -> "CANCELLED"; "CANCELLED+" -> "CANCELLED".
std::string BaseState(absl::string_view state) {
  std::string s(absl::StripAsciiWhitespace(state));
  s = s.substr(0, s.find(' '));
  while (!s.empty() && s.back() == '+') s.pop_back();
  return s;
}

// Adds the numbers of `delta` into `total` key by key (flat objects of counts; integers stay
// integers).
void AddCounts(Json& total, const Json& delta) {
  for (const auto& [key, value] : delta.items()) {
    if (!value.is_number()) continue;
    Json& sum = total[key];
    if (sum.is_null()) {
      sum = value;
    } else if (sum.is_number_integer() && value.is_number_integer()) {
      sum = sum.get<int64_t>() + value.get<int64_t>();
    } else if (sum.is_number()) {
      sum = sum.get<double>() + value.get<double>();
    }
  }
}

// Adds a part marker's counters ("counters" as the runner writes them, or "counts"):
// {"records": {...}, "bytes": {...}, ...} or a flat {"in", "out", ...}.
void AddPartCounts(const Json& marker, Json& records, Json& bytes) {
  if (!marker.is_object()) return;
  const char* key = marker.contains("counters") ? "counters" : "counts";
  if (!marker.contains(key)) return;
  const Json& counts = marker[key];
  if (!counts.is_object()) return;
  if (counts.contains("records") || counts.contains("bytes")) {
    if (counts.contains("records") && counts["records"].is_object()) {
      AddCounts(records, counts["records"]);
    }
    if (counts.contains("bytes") && counts["bytes"].is_object()) {
      AddCounts(bytes, counts["bytes"]);
    }
    return;
  }
  Json flat = Json::object();
  for (const auto& [key, value] : counts.items()) {
    if (value.is_number()) flat[key] = value;
  }
  AddCounts(records, flat);
}

std::string NowIso() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string Count(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return "-";
  return object[key].dump();
}

}  // namespace

Status AppendSubmission(const std::string& dir, const Submission& submission) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / kSlurmDirName, ec);
  if (ec) return absl::InternalError(dir + "/" + kSlurmDirName + ": " + ec.message());
  Json line = {
      {"job_id", submission.job_id},
      {"offset", submission.offset},
      {"indices", FormatArrayIndices(submission.indices)},
      {"num_shards", submission.num_shards},
      {"submitted_at", submission.submitted_at.empty() ? NowIso() : submission.submitted_at}};
  std::string path = (fs::path(dir) / kSubmissionsName).string();
  std::ofstream out(path, std::ios::app | std::ios::binary);
  if (!out) return absl::InternalError(path + ": " + strerror(errno));
  out << line.dump() << '\n';
  out.flush();
  if (!out) return absl::InternalError(path + ": write failed");
  return absl::OkStatus();
}

StatusOr<std::vector<Submission>> ReadSubmissions(const std::string& dir) {
  std::string path = (fs::path(dir) / kSubmissionsName).string();
  std::vector<Submission> out;
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;  // nothing submitted yet
  RETURN_IF_ERROR(ForEachJsonLine(path, [&](const Json& json, uint64_t line_number) -> Status {
    auto bad = [&](const char* field) {
      return absl::DataLossError(
          fmt::format("{}:{}: field '{}' missing or invalid", path, line_number, field));
    };
    Submission s;
    if (!json.contains("job_id") || !json["job_id"].is_string()) return bad("job_id");
    s.job_id = json["job_id"].get<std::string>();
    if (!json.contains("offset") || !json["offset"].is_number_unsigned()) return bad("offset");
    s.offset = json["offset"].get<uint32_t>();
    if (!json.contains("indices") || !json["indices"].is_string()) return bad("indices");
    StatusOr<std::vector<uint32_t>> indices = ParseArrayIndices(json["indices"].get<std::string>());
    if (!indices.ok()) return bad("indices");
    s.indices = *std::move(indices);
    if (json.contains("num_shards") && json["num_shards"].is_number_unsigned()) {
      s.num_shards = json["num_shards"].get<uint32_t>();
    }
    if (json.contains("submitted_at") && json["submitted_at"].is_string()) {
      s.submitted_at = json["submitted_at"].get<std::string>();
    }
    out.push_back(std::move(s));
    return absl::OkStatus();
  }));
  return out;
}

void ParseSqueueOutput(const std::string& text, SlurmView& view) {
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipWhitespace())) {
    std::vector<std::string> fields = absl::StrSplit(line, '|');
    if (fields.size() < 2) continue;
    std::string id(absl::StripAsciiWhitespace(fields[0]));
    if (id.find('[') != std::string::npos) continue;  // an unexpanded range
    SlurmTaskState state{
        BaseState(fields[1]),
        fields.size() > 2 ? std::string(absl::StripAsciiWhitespace(fields[2])) : ""};
    if (state.reason == "None") state.reason.clear();
    view.tasks[id] = std::move(state);
  }
}

void ParseSacctOutput(const std::string& text, SlurmView& view) {
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipWhitespace())) {
    std::vector<std::string> fields = absl::StrSplit(line, '|');
    if (fields.size() < 2) continue;
    std::string id(absl::StripAsciiWhitespace(fields[0]));
    if (id.find('[') != std::string::npos || id.find('.') != std::string::npos) continue;
    if (view.tasks.count(id)) continue;  // squeue is more current
    std::string exit_code =
        fields.size() > 2 ? std::string(absl::StripAsciiWhitespace(fields[2])) : "";
    view.tasks[id] =
        SlurmTaskState{BaseState(fields[1]), exit_code.empty() ? "" : "exit code " + exit_code};
  }
}

SlurmView QuerySlurm(const std::vector<std::string>& job_ids) {
  SlurmView view;
  if (job_ids.empty()) return view;
  const std::string ids = absl::StrJoin(job_ids, ",");
  const std::string format = "%i|%T|%r";
  StatusOr<CommandResult> squeue =
      RunCommand({"squeue", "-h", "-r", "-t", "all", "-o", format, "-j", ids});
  if (squeue.ok() && squeue->exit_code != 0) {
    // squeue rejects the whole list when one job has left the controller: ask for all of ours.
    squeue = RunCommand({"squeue", "-h", "-r", "-t", "all", "-o", format, "--me"});
  }
  std::vector<std::string> notes;
  if (!squeue.ok()) {
    notes.push_back("squeue unavailable (" + std::string(squeue.status().message()) + ")");
  } else if (squeue->exit_code != 0) {
    notes.push_back("squeue failed: " + std::string(absl::StripAsciiWhitespace(squeue->err)));
  } else {
    view.squeue_ok = true;
    ParseSqueueOutput(squeue->out, view);
  }
  StatusOr<CommandResult> sacct =
      RunCommand({"sacct", "-n", "-P", "-X", "-o", "JobID,State,ExitCode", "-j", ids});
  if (!sacct.ok()) {
    notes.push_back("sacct unavailable");
  } else if (sacct->exit_code != 0 || sacct->out.find("disabled") != std::string::npos ||
             sacct->err.find("disabled") != std::string::npos) {
    notes.push_back("sacct unavailable (no accounting): tasks that left squeue read as failed");
  } else {
    view.sacct_ok = true;
    ParseSacctOutput(sacct->out, view);
  }
  view.note = absl::StrJoin(notes, "; ");
  return view;
}

StatusOr<RunStatus> CollectRunStatus(const std::string& dir, const SlurmView& view) {
  RunStatus status;
  status.dir = dir;
  status.slurm_note = view.note;
  ASSIGN_OR_RETURN(std::vector<Submission> submissions, ReadSubmissions(dir));
  StatusOr<RunInfo> run = ReadRunInfo(dir);
  if (run.ok()) {
    status.num_shards = run->num_shards;
    status.config_hash = run->config_hash;
  } else if (!absl::IsNotFound(run.status())) {
    return run.status();
  } else if (!submissions.empty()) {
    status.num_shards = submissions.back().num_shards;
  } else {
    return absl::NotFoundError(dir + ": no run here (no run.json and no slurm/submissions.jsonl)");
  }
  if (status.num_shards == 0) return absl::DataLossError(dir + ": run has 0 shards");

  // The latest submission covering each shard.
  std::vector<std::string> task_of(status.num_shards);
  for (const Submission& s : submissions) {
    for (uint32_t index : s.indices) {
      uint64_t shard = uint64_t{s.offset} + index;
      if (shard < status.num_shards) task_of[shard] = s.job_id + "_" + std::to_string(index);
    }
  }

  std::vector<Json> part_records(status.num_shards, Json::object());
  std::vector<Json> part_bytes(status.num_shards, Json::object());
  std::vector<uint32_t> parts_done(status.num_shards, 0);
  ASSIGN_OR_RETURN(std::vector<PartFile> parts, ListParts(dir));
  for (const PartFile& part : parts) {
    if (part.shard >= status.num_shards || part.marker_path.empty()) continue;
    ++parts_done[part.shard];
    StatusOr<Json> marker = ReadJsonFile(part.marker_path);
    if (marker.ok()) AddPartCounts(*marker, part_records[part.shard], part_bytes[part.shard]);
  }

  for (uint32_t shard = 0; shard < status.num_shards; ++shard) {
    ShardStatus s;
    s.shard = shard;
    s.task = task_of[shard];
    s.parts_done = parts_done[shard];
    ASSIGN_OR_RETURN(std::optional<ShardMarker> marker, ReadShardMarker(dir, shard));
    if (marker) {
      s.state = "done";
      if (!status.config_hash.empty() && marker->config_hash != status.config_hash) {
        s.state = "failed";
        s.detail = "marker from another config (hash " + marker->config_hash + ")";
      }
      if (marker->summary.is_object()) {
        if (marker->summary.contains("records")) s.records = marker->summary["records"];
        if (marker->summary.contains("bytes")) s.bytes = marker->summary["bytes"];
      } else {
        s.records = part_records[shard];
        s.bytes = part_bytes[shard];
      }
    } else {
      s.records = part_records[shard];
      s.bytes = part_bytes[shard];
      auto it = s.task.empty() ? view.tasks.end() : view.tasks.find(s.task);
      if (s.task.empty()) {
        s.state = "unsubmitted";
      } else if (it != view.tasks.end()) {
        const SlurmTaskState& t = it->second;
        if (RunningStates().count(t.state)) {
          s.state = "running";
        } else if (PendingStates().count(t.state)) {
          s.state = "pending";
          s.detail = t.reason.empty() ? (t.state == "PENDING" ? "" : t.state) : t.reason;
        } else {
          s.state = "failed";
          s.detail = t.state == "COMPLETED" ? "task ended without writing its shard marker"
                                            : t.state + (t.reason.empty() ? "" : ", " + t.reason);
        }
      } else if (!view.squeue_ok && !view.sacct_ok) {
        s.state = "unknown";
        s.detail = "Slurm not reachable";
      } else {
        s.state = "failed";
        s.detail = "task gone from Slurm without a shard marker";
      }
    }
    AddCounts(status.records, s.records);
    AddCounts(status.bytes, s.bytes);
    ++status.counts[s.state];
    status.shards.push_back(std::move(s));
  }
  return status;
}

std::vector<uint32_t> ShardsToSubmit(const RunStatus& status) {
  std::vector<uint32_t> out;
  for (const ShardStatus& s : status.shards) {
    if (s.state != "done" && s.state != "running" && s.state != "pending") out.push_back(s.shard);
  }
  return out;
}

std::string FormatStatusLine(const RunStatus& status) {
  auto count = [&](const char* state) {
    auto it = status.counts.find(state);
    return it == status.counts.end() ? 0u : it->second;
  };
  std::string line =
      fmt::format("{}/{} shards done, {} running, {} pending, {} failed", count("done"),
                  status.num_shards, count("running"), count("pending"), count("failed"));
  if (count("unsubmitted")) line += fmt::format(", {} unsubmitted", count("unsubmitted"));
  if (count("unknown")) line += fmt::format(", {} unknown", count("unknown"));
  line += fmt::format("; records in {} out {}; bytes in {} out {}", Count(status.records, "in"),
                      Count(status.records, "out"), Count(status.bytes, "in"),
                      Count(status.bytes, "out"));
  return line;
}

std::string FormatStatusTable(const RunStatus& status) {
  std::string out =
      fmt::format("{:<7} {:<11} {:>6} {:>12} {:>12} {:>14}  {:<14} {}\n", "shard", "state", "parts",
                  "records_in", "records_out", "bytes_in", "task", "detail");
  for (const ShardStatus& s : status.shards) {
    out += fmt::format("{:<7} {:<11} {:>6} {:>12} {:>12} {:>14}  {:<14} {}\n", ShardTag(s.shard),
                       s.state, s.parts_done, Count(s.records, "in"), Count(s.records, "out"),
                       Count(s.bytes, "in"), s.task.empty() ? "-" : s.task, s.detail);
  }
  out += FormatStatusLine(status) + "\n";
  if (!status.slurm_note.empty()) out += "note: " + status.slurm_note + "\n";
  return out;
}

Json StatusToJson(const RunStatus& status) {
  Json shards = Json::array();
  for (const ShardStatus& s : status.shards) {
    shards.push_back({{"shard", s.shard},
                      {"state", s.state},
                      {"detail", s.detail},
                      {"task", s.task},
                      {"parts_done", s.parts_done},
                      {"records", s.records},
                      {"bytes", s.bytes}});
  }
  Json counts = Json::object();
  for (const char* state : {"done", "running", "pending", "failed", "unsubmitted", "unknown"}) {
    auto it = status.counts.find(state);
    counts[state] = it == status.counts.end() ? 0u : it->second;
  }
  return {{"dir", status.dir},
          {"num_shards", status.num_shards},
          {"config_hash", status.config_hash},
          {"counts", counts},
          {"records", status.records},
          {"bytes", status.bytes},
          {"complete", counts["done"].get<uint32_t>() == status.num_shards},
          {"slurm_note", status.slurm_note},
          {"shards", shards}};
}

}  // namespace refinery::scaleout
