#include "refinery/pipeline/sinks.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "refinery/core/batch_storage.h"
#include "refinery/io/files.h"
#include "refinery/pipeline/parquet_sink.h"

namespace refinery {
namespace {

bool Live(const Record& r) { return !r.dropped() && !r.rejected(); }

// Writes the live records of `batch` to `out` and returns the bytes written. Runs of unchanged
// records go out straight from the input bytes; changed ones are re-serialized into `scratch`.
StatusOr<uint64_t> WriteLive(const Batch& batch, ByteSink& out, std::string& scratch) {
  uint64_t written = 0;
  const char* run = nullptr;
  size_t run_size = 0;
  auto write = [&](std::string_view bytes) {
    written += bytes.size();
    return out.Write(bytes);
  };
  auto flush_run = [&]() -> Status {
    if (run_size == 0) return absl::OkStatus();
    RETURN_IF_ERROR(write(std::string_view(run, run_size)));
    run_size = 0;
    return absl::OkStatus();
  };
  auto flush_scratch = [&]() -> Status {
    if (scratch.empty()) return absl::OkStatus();
    RETURN_IF_ERROR(write(scratch));
    scratch.clear();
    return absl::OkStatus();
  };
  // Changed records gather here up to kFlushAt and the record that crosses it: reserved once
  // for that, so the buffer is not copied at every doubling while it grows (on a VM each page's
  // first touch, a page fault, costs more than copying the page).
  constexpr size_t kFlushAt = 1 << 20, kReserve = kFlushAt + (64 << 10);
  if (scratch.capacity() < kReserve) scratch.reserve(kReserve);
  scratch.clear();
  for (const Record& record : batch.records()) {
    if (!Live(record)) continue;
    std::string_view raw = record.raw_line();
    // An unchanged line followed by its LF in the input is written as it was read (a CR
    // before the LF is dropped, so such a line is written from the record).
    if (!record.modified() && raw.data() != nullptr && raw.data()[raw.size()] == '\n') {
      RETURN_IF_ERROR(flush_scratch());
      if (run_size > 0 && run + run_size == raw.data()) {
        run_size += raw.size() + 1;
      } else {
        RETURN_IF_ERROR(flush_run());
        run = raw.data();
        run_size = raw.size() + 1;
      }
      continue;
    }
    RETURN_IF_ERROR(flush_run());
    record.Serialize(scratch);
    scratch.push_back('\n');
    if (scratch.size() >= kFlushAt) RETURN_IF_ERROR(flush_scratch());
  }
  RETURN_IF_ERROR(flush_run());
  RETURN_IF_ERROR(flush_scratch());
  return written;
}

Status RenameInto(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    return absl::UnavailableError(to + ": rename failed");
  }
  return absl::OkStatus();
}

}  // namespace

// What both sinks do with every batch they consumed: the same counters and progress.
void CountConsumed(Batch& batch, uint64_t bytes_out, RunCounters& counters,
                   ProgressCounters& progress) {
  counters.AddBatch(batch, bytes_out);
  progress.records_in += batch.storage().lines.size();
  progress.bytes_in += batch.storage().input_bytes;
  uint64_t live = 0;
  for (const Record& r : batch.records()) live += Live(r);
  progress.records_out += live;
}

std::string SideFilePath(const std::string& output, const std::string& channel) {
  std::string base = output;
  for (const char* ext : {".gz", ".zst", ".zstd"}) {
    std::string e(ext);
    if (base.size() > e.size() && base.compare(base.size() - e.size(), e.size(), e) == 0) {
      base.resize(base.size() - e.size());
    }
  }
  if (base.size() > 6 && base.compare(base.size() - 6, 6, ".jsonl") == 0)
    base.resize(base.size() - 6);
  return base + "." + channel + ".jsonl";
}

// --- DirectorySink -----------------------------------------------------------------------------

DirectorySink::DirectorySink(const RunDirectory& dir, Compression compression, int level,
                             const std::vector<ExecutedStep>& steps, std::string config_hash,
                             ProgressCounters& progress)
    : dir_(dir),
      compression_(compression),
      level_(level),
      steps_(steps),
      config_hash_(std::move(config_hash)),
      counters_(steps.size()),
      progress_(progress) {}

std::vector<std::string> DirectorySink::channels() const { return all_channels_; }

void DirectorySink::AddChannels(const Json& names) {
  for (const auto& name : names) {
    std::string n = name.get<std::string>();
    if (std::find(all_channels_.begin(), all_channels_.end(), n) == all_channels_.end()) {
      all_channels_.push_back(n);
    }
  }
}

std::string DirectorySink::PartPath() const {
  return parquet_options_ ? ParquetPartPath(dir_, part_) : dir_.PartPath(part_, compression_);
}

Status DirectorySink::Open(uint32_t part) {
  part_ = part;
  if (parquet_options_) {
    ASSIGN_OR_RETURN(auto file, OpenByteSink(PartPath() + ".tmp", Compression::kNone, 0,
                                             /*direct_io=*/true));
    parquet_ = std::make_unique<ParquetWriter>(std::move(file), *parquet_options_);
  } else {
    ASSIGN_OR_RETURN(out_, OpenByteSink(PartPath() + ".tmp", compression_, level_,
                                        /*direct_io=*/true));
  }
  side_.clear();
  part_counters_ = RunCounters(steps_.size());
  open_ = true;
  return absl::OkStatus();
}

Status DirectorySink::Consume(Batch& batch) {
  if (!open_) RETURN_IF_ERROR(Open(batch.part()));
  if (batch.part() != part_) return absl::InternalError("part changed before its last batch");
  ASSIGN_OR_RETURN(uint64_t bytes_out, parquet_ ? WriteLiveParquet(batch, *parquet_, buffer_)
                                                : WriteLive(batch, *out_, buffer_));
  for (const auto& [channel, lines] : batch.side_outputs()) {
    auto it = side_.find(channel);
    if (it == side_.end()) {
      ASSIGN_OR_RETURN(auto sink, OpenByteSink(dir_.PartChannelPath(channel, part_) + ".tmp",
                                               Compression::kNone));
      it = side_.emplace(channel, std::move(sink)).first;
    }
    RETURN_IF_ERROR(it->second->Write(lines));
  }
  CountConsumed(batch, bytes_out, part_counters_, progress_);
  if (batch.storage().last_in_part) return Commit(batch);
  return absl::OkStatus();
}

Status DirectorySink::Commit(Batch& last) {
  RETURN_IF_ERROR(parquet_ ? parquet_->Finish() : out_->Finish());
  out_.reset();
  parquet_.reset();
  std::string part_path = PartPath();
  RETURN_IF_ERROR(RenameInto(part_path + ".tmp", part_path));
  Json channels = Json::array();
  for (auto& [channel, sink] : side_) {
    RETURN_IF_ERROR(sink->Finish());
    std::string path = dir_.PartChannelPath(channel, part_);
    RETURN_IF_ERROR(RenameInto(path + ".tmp", path));
    channels.push_back(channel);
  }
  side_.clear();
  // Ordered steps' state added by this part, framed as [u32 step][u64 size][bytes].
  std::string state;
  for (size_t i = 0; i < steps_.size(); ++i) {
    if (!steps_[i].step->ordered()) continue;
    std::string blob = steps_[i].step->TakeCheckpoint(steps_[i].global, part_);
    if (blob.empty()) continue;
    uint32_t index = static_cast<uint32_t>(i);
    uint64_t size = blob.size();
    state.append(reinterpret_cast<const char*>(&index), sizeof(index));
    state.append(reinterpret_cast<const char*>(&size), sizeof(size));
    state += blob;
  }
  if (!state.empty()) RETURN_IF_ERROR(WriteFileAtomic(dir_.PartStatePath(part_), state));
  const Batch::Storage& storage = last.storage();
  Json marker{
      {"config_hash", config_hash_},
      {"shard", dir_.shard()},
      {"part", part_},
      {"next_line",
       {{"offset", storage.next_line_offset}, {"lines_before", storage.next_line_lines_before}}},
      {"channels", channels},
      {"has_state", !state.empty()},
      {"counters", part_counters_.ToJson()}};
  RETURN_IF_ERROR(WriteFileAtomic(dir_.PartMarkerPath(part_), marker.dump() + "\n"));
  RETURN_IF_ERROR(SyncDirectory(dir_.dir()));
  counters_.Add(part_counters_);
  AddChannels(channels);
  open_ = false;
  ++committed_;
  return absl::OkStatus();
}

// --- FileSink ----------------------------------------------------------------------------------

FileSink::FileSink(std::string path, size_t step_count, ProgressCounters& progress)
    : path_(std::move(path)), counters_(step_count), progress_(progress) {}

Status FileSink::Open() {
  tmp_path_ = path_ == "-" ? "-" : path_ + ".tmp";
  ASSIGN_OR_RETURN(out_,
                   OpenByteSink(tmp_path_, CompressionFromPath(path_), 0, /*direct_io=*/true));
  return absl::OkStatus();
}

Status FileSink::Consume(Batch& batch) {
  ASSIGN_OR_RETURN(uint64_t bytes_out, WriteLive(batch, *out_, buffer_));
  for (const auto& [channel, lines] : batch.side_outputs()) {
    if (path_ == "-") {
      if (channel == "rejects") std::fwrite(lines.data(), 1, lines.size(), stderr);
      continue;
    }
    auto it = side_.find(channel);
    if (it == side_.end()) {
      ASSIGN_OR_RETURN(auto sink, OpenByteSink(SideFilePath(path_, channel), Compression::kNone));
      it = side_.emplace(channel, std::move(sink)).first;
    }
    RETURN_IF_ERROR(it->second->Write(lines));
  }
  CountConsumed(batch, bytes_out, counters_, progress_);
  return absl::OkStatus();
}

Status FileSink::Finish() {
  RETURN_IF_ERROR(out_->Finish());
  for (auto& [channel, sink] : side_) RETURN_IF_ERROR(sink->Finish());
  if (path_ != "-") RETURN_IF_ERROR(RenameInto(tmp_path_, path_));
  return absl::OkStatus();
}

}  // namespace refinery
