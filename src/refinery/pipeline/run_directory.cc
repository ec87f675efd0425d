#include "refinery/pipeline/run_directory.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "refinery/io/files.h"
#include "refinery/io/run_layout.h"

namespace refinery {
namespace {

namespace fs = std::filesystem;

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string DescribeInputChange(const Json& before, const Json& now) {
  const Json& a = before["inputs"];
  const Json& b = now["inputs"];
  if (a.size() != b.size()) {
    return "the input list changed (" + std::to_string(a.size()) + " files then, " +
           std::to_string(b.size()) + " now)";
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i]["path"] != b[i]["path"]) {
      return "input file " + a[i]["path"].get<std::string>() + " was replaced by " +
             b[i]["path"].get<std::string>();
    }
    if (a[i]["size"] != b[i]["size"] || a[i]["mtime_ns"] != b[i]["mtime_ns"]) {
      return "input file " + a[i]["path"].get<std::string>() + " changed (size " +
             a[i]["size"].dump() + " then, " + b[i]["size"].dump() + " now, or a new mtime)";
    }
  }
  return "the inputs changed";
}

}  // namespace

RunDirectory::RunDirectory(std::string dir, uint32_t num_shards, uint32_t shard_index)
    : dir_(std::move(dir)), num_shards_(num_shards), shard_(shard_index) {}

std::string RunDirectory::PartPath(uint32_t part, Compression compression) const {
  return dir_ + "/" + PartStem(shard_, part) + std::string(kChannelExtension) +
         std::string(CompressionExtension(compression));
}
std::string RunDirectory::PartMarkerPath(uint32_t part) const {
  return dir_ + "/" + PartMarkerFileName(shard_, part);
}
std::string RunDirectory::PartStatePath(uint32_t part) const {
  return dir_ + "/" + PartStateFileName(shard_, part);
}
std::string RunDirectory::PartChannelPath(const std::string& channel, uint32_t part) const {
  return dir_ + "/" + PartChannelFileName(channel, shard_, part);
}
std::string RunDirectory::ShardMarkerPath() const {
  return dir_ + "/" + ShardMarkerFileName(shard_);
}
std::string RunDirectory::ChannelPath(const std::string& channel) const {
  if (num_shards_ == 1) return dir_ + "/" + RunChannelFileName(channel);
  return dir_ + "/" + ShardChannelFileName(channel, shard_);
}
std::string RunDirectory::SummaryPath() const {
  if (num_shards_ == 1) return dir_ + "/" + std::string(kSummaryFileName);
  return dir_ + "/" + ShardSummaryFileName(shard_);
}
std::string RunDirectory::RunInfoPath() const { return dir_ + "/" + std::string(kRunInfoFileName); }

bool RunDirectory::ShardDone() const { return fs::exists(ShardMarkerPath()); }

Status RunDirectory::RemoveShardFiles() const {
  std::error_code ec;
  const std::string shard = ShardTag(shard_);
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    bool mine = StartsWith(name, std::string(kPartPrefix) + shard + "-") ||
                name == ShardMarkerFileName(shard_) ||
                name.find("-" + shard + "-") != std::string::npos ||
                name.find("-" + shard + std::string(kChannelExtension)) != std::string::npos ||
                name == ShardSummaryFileName(shard_);
    if (num_shards_ == 1) {
      mine = mine || name == kSummaryFileName || name == kRunInfoFileName ||
             (name.size() > kChannelExtension.size() &&
              name.compare(name.size() - kChannelExtension.size(), kChannelExtension.size(),
                           kChannelExtension) == 0 &&
              !StartsWith(name, std::string(kPartPrefix)));
    }
    if (mine) fs::remove(entry.path(), ec);
  }
  return absl::OkStatus();
}

StatusOr<std::vector<Json>> RunDirectory::Prepare(const Json& run_info, bool resume,
                                                  bool overwrite) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return absl::UnavailableError(dir_ + ": cannot create output directory: " + ec.message());
  if (::access(dir_.c_str(), W_OK) != 0) {
    return absl::PermissionDeniedError(dir_ + ": output directory is not writable");
  }
  if (overwrite) RETURN_IF_ERROR(RemoveShardFiles());

  const std::string info_path = RunInfoPath();
  if (fs::exists(info_path)) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(info_path));
    Json before = Json::parse(text, nullptr, false);
    if (before.is_discarded()) return absl::DataLossError(info_path + ": not valid JSON");
    if (before.value("config_hash", "") != run_info["config_hash"].get<std::string>()) {
      return absl::FailedPreconditionError(
          dir_ + ": the pipeline config changed since this run started (run.json has config hash " +
          before.value("config_hash", "?").substr(0, 12) + ", now " +
          run_info["config_hash"].get<std::string>().substr(0, 12) +
          "); use a new output directory or --overwrite");
    }
    if (before.value("inputs_hash", "") != run_info["inputs_hash"].get<std::string>()) {
      return absl::FailedPreconditionError(
          dir_ + ": " + DescribeInputChange(before, run_info) +
          " since this run started; use a new output directory or --overwrite");
    }
    if (before.value("num_shards", 0u) != num_shards_) {
      return absl::FailedPreconditionError(
          dir_ + ": this run was started with " + before["num_shards"].dump() + " shards, now " +
          std::to_string(num_shards_) + "; use the same --num-shards");
    }
  } else {
    RETURN_IF_ERROR(WriteFileAtomic(info_path, run_info.dump(2) + "\n"));
  }

  // Completed parts form a prefix: the writer commits parts in order.
  std::vector<Json> done;
  for (uint32_t part = 0;; ++part) {
    std::string marker = PartMarkerPath(part);
    if (!fs::exists(marker)) break;
    ASSIGN_OR_RETURN(std::string text, ReadFile(marker));
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded()) break;  // a torn marker cannot exist (atomic rename), but be safe
    done.push_back(std::move(j));
  }
  if ((!done.empty() || ShardDone()) && !resume) {
    return absl::AlreadyExistsError(dir_ + ": shard " + std::to_string(shard_) +
                                    " already has output from an earlier run; pass --resume to "
                                    "finish it or --overwrite to start over");
  }
  // Leftovers of an interrupted part: temporary files, and anything of parts without a marker.
  const std::string shard = ShardTag(shard_);
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    bool tmp = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
    size_t at = name.find("-" + shard + "-");
    bool part_file = at != std::string::npos && name.find(kMarkerExtension) == std::string::npos;
    if (part_file) {
      uint32_t part = static_cast<uint32_t>(std::strtoul(name.c_str() + at + 7, nullptr, 10));
      part_file = part >= done.size();
    }
    // A temporary file is this shard's when its first "-NNNNN" is the shard (other shards of
    // the run write theirs at the same time: "part-00000-00001.jsonl.tmp" is shard 0's).
    bool mine = name.find('-') != std::string::npos && name.find("-" + shard) == name.find('-');
    if ((tmp && mine) || part_file) fs::remove(entry.path(), ec);
  }
  return done;
}

Status RunDirectory::FinishShard(const std::vector<std::string>& channels, uint32_t part_count,
                                 const Json& summary, const Json& counters) {
  for (const std::string& channel : channels) {
    std::string target = ChannelPath(channel);
    std::string tmp = target + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) return absl::UnavailableError(tmp + ": cannot create");
      for (uint32_t part = 0; part < part_count; ++part) {
        std::string path = PartChannelPath(channel, part);
        std::ifstream in(path, std::ios::binary);
        if (in) out << in.rdbuf();
      }
      out.flush();
      if (!out) return absl::UnavailableError(tmp + ": write failed");
    }
    // fsync through a plain descriptor before the rename makes it visible.
    if (FILE* f = std::fopen(tmp.c_str(), "rb")) {
      ::fsync(fileno(f));
      std::fclose(f);
    }
    if (std::rename(tmp.c_str(), target.c_str()) != 0) {
      return absl::UnavailableError(target + ": rename failed");
    }
  }
  RETURN_IF_ERROR(WriteFileAtomic(SummaryPath(), summary.dump(2) + "\n"));
  Json marker{{"config_hash", summary.value("config_hash", "")},
              {"num_shards", num_shards_},
              {"shard_index", shard_},
              {"parts", part_count},
              {"summary", summary},
              {"counters", counters}};
  RETURN_IF_ERROR(WriteFileAtomic(ShardMarkerPath(), marker.dump(2) + "\n"));
  // The per-part side files stay: they are the source of truth the shard files are built from.
  return SyncDirectory(dir_);
}

}  // namespace refinery
