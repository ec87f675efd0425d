#include "refinery/scaleout/run_merge.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <absl/strings/str_join.h>
#include <fmt/format.h>

#include "refinery/pipeline/run_counters.h"
#include "refinery/scaleout/run_layout.h"

namespace refinery::scaleout {

namespace fs = std::filesystem;

namespace {

std::string ListShards(const std::vector<uint32_t>& shards) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < shards.size() && i < 20; ++i) parts.push_back(std::to_string(shards[i]));
  std::string text = absl::StrJoin(parts, ", ");
  if (shards.size() > 20) text += fmt::format(" and {} more", shards.size() - 20);
  return text;
}

std::string CompressionOf(const std::string& path) {
  auto ends_with = [&](const char* suffix) {
    size_t n = strlen(suffix);
    return path.size() >= n && path.compare(path.size() - n, n, suffix) == 0;
  };
  if (ends_with(".gz")) return "gzip";
  if (ends_with(".zst")) return "zstd";
  return "none";
}

// Appends the file at `path` to `fd`; returns bytes copied.
StatusOr<uint64_t> AppendFile(const std::string& path, int fd, const std::string& out_name) {
  int in = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return absl::InternalError(path + ": " + strerror(errno));
  char buffer[1 << 16];
  uint64_t total = 0;
  while (true) {
    ssize_t n = read(in, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string message = path + ": " + strerror(errno);
      close(in);
      return absl::InternalError(message);
    }
    if (n == 0) break;
    ssize_t done = 0;
    while (done < n) {
      ssize_t w = write(fd, buffer + done, static_cast<size_t>(n - done));
      if (w < 0) {
        if (errno == EINTR) continue;
        std::string message = out_name + ": " + strerror(errno);
        close(in);
        return absl::InternalError(message);
      }
      done += w;
    }
    total += static_cast<uint64_t>(n);
  }
  close(in);
  return total;
}

// Concatenates `inputs` (in order) into `output` via a temporary file and a rename
// ("-": stdout). Returns the bytes written.
StatusOr<uint64_t> ConcatenateFiles(const std::vector<std::string>& inputs,
                                    const std::string& output) {
  if (output == "-") {
    uint64_t total = 0;
    for (const std::string& path : inputs) {
      ASSIGN_OR_RETURN(uint64_t n, AppendFile(path, STDOUT_FILENO, "stdout"));
      total += n;
    }
    return total;
  }
  std::string tmp = output + ".tmp-" + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return absl::InternalError(output + ": " + strerror(errno));
  uint64_t total = 0;
  for (const std::string& path : inputs) {
    StatusOr<uint64_t> n = AppendFile(path, fd, output);
    if (!n.ok()) {
      close(fd);
      unlink(tmp.c_str());
      return n.status();
    }
    total += *n;
  }
  if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp.c_str(), output.c_str()) != 0) {
    std::string message = output + ": " + strerror(errno);
    unlink(tmp.c_str());
    return absl::InternalError(message);
  }
  return total;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Two shards' values of one number: summed (integers stay integers), except that a `_min` /
// `_max` key keeps the extreme. Step counters are combined by kind instead
// (UseTypedStepCounters); the name rule is for shards whose markers predate typed counters.
void MergeNumber(Json& total, const Json& delta, const std::string& key) {
  if (EndsWith(key, "_min")) {
    if (delta < total) total = delta;
  } else if (EndsWith(key, "_max")) {
    if (delta > total) total = delta;
  } else if (total.is_number_integer() && delta.is_number_integer()) {
    total = total.get<int64_t>() + delta.get<int64_t>();
  } else {
    total = total.get<double>() + delta.get<double>();
  }
}

Status MergeValue(Json& total, const Json& delta, const std::string& where) {
  if (total.is_null()) {
    total = delta;
    return absl::OkStatus();
  }
  if (delta.is_null()) return absl::OkStatus();
  if (total.is_object() && delta.is_object()) {
    for (const auto& [key, value] : delta.items()) {
      if (!total.contains(key)) {
        total[key] = value;
        continue;
      }
      Json& slot = total[key];
      if (slot.is_number() && value.is_number()) {
        MergeNumber(slot, value, key);
      } else {
        RETURN_IF_ERROR(MergeValue(slot, value, where + "." + key));
      }
    }
    return absl::OkStatus();
  }
  if (total.is_array() && delta.is_array()) {
    bool numbers = true;
    for (const Json& v : total) numbers = numbers && v.is_number();
    for (const Json& v : delta) numbers = numbers && v.is_number();
    if (numbers) {  // element-wise sums (histograms)
      for (size_t i = 0; i < delta.size(); ++i) {
        if (i < total.size()) {
          MergeNumber(total[i], delta[i], "");
        } else {
          total.push_back(delta[i]);
        }
      }
      return absl::OkStatus();
    }
    if (total.size() != delta.size()) {
      return absl::FailedPreconditionError(fmt::format("{}: {} entries in one shard, {} in another",
                                                       where, total.size(), delta.size()));
    }
    for (size_t i = 0; i < total.size(); ++i) {
      const Json& d = delta[i];
      Json& t = total[i];
      if (t.is_object() && d.is_object() && t.contains("type") && d.contains("type") &&
          t["type"] != d["type"]) {
        return absl::FailedPreconditionError(
            fmt::format("{}[{}]: step type {} in one shard, {} in another", where, i,
                        t["type"].dump(), d["type"].dump()));
      }
      RETURN_IF_ERROR(MergeValue(t, d, fmt::format("{}[{}]", where, i)));
    }
    return absl::OkStatus();
  }
  if (total.is_number() && delta.is_number()) {
    MergeNumber(total, delta, "");
    return absl::OkStatus();
  }
  // Strings, booleans and mismatched kinds: the first shard's value stays.
  return absl::OkStatus();
}

// The steps' own figures combined by the kind each was counted with (RunCounters::Add), in
// place of the JSON merge's key-suffix rules, when every shard's marker has typed counters
// (markers written before they did keep the JSON merge). Figures a step derives when it
// writes its summary (means, thresholds) are not counters and stay as merged.
void UseTypedStepCounters(Json& total, const std::vector<Json>& typed) {
  if (!total.is_object() || !total.contains("steps") || !total["steps"].is_array()) return;
  RunCounters combined;
  for (const Json& shard : typed) {
    if (!shard.is_object()) return;
    combined.Add(RunCounters::FromJson(shard));
  }
  Json& steps = total["steps"];
  for (size_t i = 0; i < steps.size() && i < combined.steps.size(); ++i) {
    if (!steps[i].is_object() || !steps[i].contains("extra") || !steps[i]["extra"].is_object())
      continue;
    const Json figures = combined.steps[i].ToJson()["extra"];
    for (auto it = figures.begin(); it != figures.end(); ++it)
      steps[i]["extra"][it.key()] = it.value();
  }
}

// Means cannot be summed. `X_mean` next to its sum `X` and a `docs` count is recomputed as
// X / docs (what the step itself computes, so the result is the single run's to the bit);
// otherwise it is the mean of the shards' means weighted by the step's records in.
void RecomputeMeans(Json& total, const std::vector<Json>& shards) {
  if (!total.is_object() || !total.contains("steps") || !total["steps"].is_array()) return;
  Json& steps = total["steps"];
  for (size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].is_object() || !steps[i].contains("extra")) continue;
    Json& extra = steps[i]["extra"];
    if (!extra.is_object()) continue;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      const std::string& key = it.key();
      if (!EndsWith(key, "_mean") || !it.value().is_number()) continue;
      const std::string base = key.substr(0, key.size() - 5);
      if (extra.contains(base) && extra[base].is_number() && extra.contains("docs") &&
          extra["docs"].is_number() && extra["docs"].get<double>() > 0) {
        it.value() = extra.value(base, 0.0) / extra.value("docs", 0.0);
        continue;
      }
      double weighted = 0;
      double weight = 0;
      for (const Json& shard : shards) {
        if (!shard.is_object() || !shard.contains("steps") || shard["steps"].size() <= i) continue;
        const Json& step = shard["steps"][i];
        if (!step.contains("extra") || !step["extra"].contains(key)) continue;
        double n = step.value("in", 0.0);
        weighted += step["extra"][key].get<double>() * n;
        weight += n;
      }
      if (weight > 0) it.value() = weighted / weight;
    }
  }
}

}  // namespace

Status MergeSummaryInto(Json& total, const Json& shard_summary) {
  return MergeValue(total, shard_summary, "summary");
}

StatusOr<MergeResult> MergeRun(const std::string& dir, const MergeOptions& options) {
  MergeResult result;
  StatusOr<RunInfo> run = ReadRunInfo(dir);
  if (absl::IsNotFound(run.status())) {
    return absl::NotFoundError(dir + ": no run.json (not a refinery run directory)");
  }
  if (!run.ok()) return run.status();
  result.num_shards = run->num_shards;

  std::vector<uint32_t> missing;
  std::vector<uint32_t> mismatched;
  std::vector<Json> summaries;
  std::vector<Json> typed;  // each shard's typed counters, when its marker has them
  for (uint32_t shard = 0; shard < run->num_shards; ++shard) {
    ASSIGN_OR_RETURN(std::optional<ShardMarker> marker, ReadShardMarker(dir, shard));
    if (!marker) {
      missing.push_back(shard);
      continue;
    }
    if (marker->config_hash != run->config_hash ||
        (marker->num_shards != 0 && marker->num_shards != run->num_shards)) {
      mismatched.push_back(shard);
      continue;
    }
    Json summary = marker->summary;
    std::string summary_path = (fs::path(dir) / ShardSummaryFileName(shard)).string();
    if (run->num_shards > 1 && fs::exists(summary_path)) {
      ASSIGN_OR_RETURN(summary, ReadJsonFile(summary_path));
    }
    summaries.push_back(std::move(summary));
    typed.push_back(marker->counters);
  }
  if (!missing.empty() || !mismatched.empty()) {
    std::vector<std::string> problems;
    if (!missing.empty()) {
      problems.push_back(fmt::format("{} of {} shards not finished (no shard-SSSSS.done): {}",
                                     missing.size(), run->num_shards, ListShards(missing)));
    }
    if (!mismatched.empty()) {
      problems.push_back(
          fmt::format("shards finished with another config (hash differs from "
                      "run.json {}): {}",
                      run->config_hash, ListShards(mismatched)));
    }
    return absl::FailedPreconditionError(dir + ": " + absl::StrJoin(problems, "; "));
  }

  // A single-shard run already wrote the merged files itself.
  if (run->num_shards > 1) {
    Json total;
    for (uint32_t shard = 0; shard < summaries.size(); ++shard) {
      Status merged = MergeSummaryInto(total, summaries[shard]);
      if (!merged.ok()) {
        return absl::FailedPreconditionError(
            fmt::format("{}: shard {}: {}", dir, shard, std::string(merged.message())));
      }
    }
    UseTypedStepCounters(total, typed);
    RecomputeMeans(total, summaries);
    // Fields that describe the run rather than count work: every shard has the same value
    // (inputs lists all input files, not the shard's), so the first shard's stands.
    for (const char* key : {"refinery_version", "config_hash", "inputs", "output", "threads"}) {
      if (summaries.front().is_object() && summaries.front().contains(key)) {
        total[key] = summaries.front()[key];
      }
    }
    if (total.is_object() && total.contains("shard")) {
      total["shard"] = Json{{"count", run->num_shards}, {"merged", true}};
    }
    result.summary = total;
    std::string summary_path = (fs::path(dir) / kSummaryFileName).string();
    RETURN_IF_ERROR(WriteFileAtomic(summary_path, total.dump(2) + "\n"));
    result.files_written.push_back(summary_path);

    ASSIGN_OR_RETURN(std::vector<std::string> channels, ListShardChannels(dir));
    for (const std::string& channel : channels) {
      std::vector<std::string> inputs;
      for (uint32_t shard = 0; shard < run->num_shards; ++shard) {
        std::string path = (fs::path(dir) / ShardChannelFileName(channel, shard)).string();
        if (fs::exists(path)) inputs.push_back(path);
      }
      std::string out = (fs::path(dir) / RunChannelFileName(channel)).string();
      RETURN_IF_ERROR(ConcatenateFiles(inputs, out).status());
      result.files_written.push_back(out);
    }
  } else {
    StatusOr<Json> summary = ReadJsonFile((fs::path(dir) / kSummaryFileName).string());
    result.summary = summary.ok() ? *summary : summaries.front();
  }

  if (!options.concat_output.empty()) {
    ASSIGN_OR_RETURN(std::vector<PartFile> parts, ListParts(dir));
    std::vector<std::string> inputs;
    std::string compression;
    for (const PartFile& part : parts) {
      if (part.shard >= run->num_shards) continue;
      std::string c = CompressionOf(part.path);
      if (!compression.empty() && c != compression) {
        return absl::FailedPreconditionError(
            dir + ": parts are compressed in different ways; cannot concatenate");
      }
      compression = c;
      inputs.push_back(part.path);
    }
    if (options.concat_output != "-" && !compression.empty() &&
        CompressionOf(options.concat_output) != compression) {
      return absl::InvalidArgumentError(fmt::format(
          "--concat {}: the parts are {} ({}); name the output to match (.jsonl, .jsonl.gz, "
          ".jsonl.zst)",
          options.concat_output, compression, fs::path(inputs.front()).filename().string()));
    }
    ASSIGN_OR_RETURN(result.bytes_concatenated, ConcatenateFiles(inputs, options.concat_output));
    result.parts_concatenated = inputs.size();
    if (options.concat_output != "-") result.files_written.push_back(options.concat_output);
  }
  return result;
}

}  // namespace refinery::scaleout
