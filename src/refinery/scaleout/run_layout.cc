#include "refinery/scaleout/run_layout.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace refinery::scaleout {

namespace fs = std::filesystem;

namespace {

// Parses a run of ASCII digits at `pos`; advances `pos`. False when there is none.
bool ParseDigits(const std::string& s, size_t& pos, uint32_t& value) {
  size_t start = pos;
  uint64_t v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 10) {
    v = v * 10 + static_cast<uint64_t>(s[pos] - '0');
    ++pos;
  }
  if (pos == start || v > UINT32_MAX) return false;
  value = static_cast<uint32_t>(v);
  return true;
}

bool IsRecordExtension(const std::string& ext) {
  return ext == ".jsonl" || ext == ".jsonl.gz" || ext == ".jsonl.zst";
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).string();
}

}  // namespace

StatusOr<RunInfo> ReadRunInfo(const std::string& dir) {
  std::string path = JoinPath(dir, std::string(kRunInfoFileName));
  ASSIGN_OR_RETURN(Json run, ReadJsonFile(path));
  RunInfo info;
  if (!run.is_object() || !run.contains("num_shards") || !run["num_shards"].is_number_unsigned()) {
    return absl::DataLossError(path + ": field 'num_shards' missing or not a count");
  }
  info.num_shards = run["num_shards"].get<uint32_t>();
  if (run.contains("config_hash") && run["config_hash"].is_string()) {
    info.config_hash = run["config_hash"].get<std::string>();
  } else {
    return absl::DataLossError(path + ": field 'config_hash' missing");
  }
  return info;
}

StatusOr<std::optional<ShardMarker>> ReadShardMarker(const std::string& dir, uint32_t shard) {
  std::string path = JoinPath(dir, ShardMarkerFileName(shard));
  StatusOr<Json> read = ReadJsonFile(path);
  if (absl::IsNotFound(read.status())) return std::optional<ShardMarker>();
  if (!read.ok()) return read.status();
  const Json& json = *read;
  if (!json.is_object()) return absl::DataLossError(path + ": not a JSON object");
  ShardMarker marker;
  if (json.contains("config_hash") && json["config_hash"].is_string()) {
    marker.config_hash = json["config_hash"].get<std::string>();
  }
  if (json.contains("num_shards") && json["num_shards"].is_number_unsigned()) {
    marker.num_shards = json["num_shards"].get<uint32_t>();
  }
  marker.shard_index = shard;
  if (json.contains("shard_index") && json["shard_index"].is_number_unsigned()) {
    marker.shard_index = json["shard_index"].get<uint32_t>();
  }
  if (json.contains("summary")) marker.summary = json["summary"];
  if (json.contains("counters")) marker.counters = json["counters"];
  return std::optional<ShardMarker>(std::move(marker));
}

StatusOr<std::vector<PartFile>> ListParts(const std::string& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return absl::NotFoundError(dir + ": " + ec.message());
  std::vector<PartFile> parts;
  std::set<std::pair<uint32_t, uint32_t>> markers;
  for (const fs::directory_entry& entry : it) {
    std::string name = entry.path().filename().string();
    if (name.rfind(kPartPrefix, 0) != 0) continue;
    size_t pos = kPartPrefix.size();
    uint32_t shard = 0;
    uint32_t part = 0;
    if (!ParseDigits(name, pos, shard) || pos >= name.size() || name[pos] != '-') continue;
    ++pos;
    if (!ParseDigits(name, pos, part)) continue;
    std::string ext = name.substr(pos);
    if (ext == kMarkerExtension) {
      markers.insert({shard, part});
    } else if (IsRecordExtension(ext)) {
      parts.push_back(PartFile{shard, part, entry.path().string(), ""});
    }
  }
  std::sort(parts.begin(), parts.end(), [](const PartFile& a, const PartFile& b) {
    return std::tie(a.shard, a.part) < std::tie(b.shard, b.part);
  });
  for (PartFile& p : parts) {
    if (markers.count({p.shard, p.part})) {
      p.marker_path = JoinPath(dir, PartMarkerFileName(p.shard, p.part));
    }
  }
  return parts;
}

StatusOr<std::vector<std::string>> ListShardChannels(const std::string& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return absl::NotFoundError(dir + ": " + ec.message());
  std::set<std::string> names;
  for (const fs::directory_entry& entry : it) {
    std::string name = entry.path().filename().string();
    const std::string_view ext = kChannelExtension;
    if (name.size() <= ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext) != 0) {
      continue;
    }
    std::string stem = name.substr(0, name.size() - ext.size());
    size_t dash = stem.rfind('-');
    if (dash == std::string::npos || dash == 0) continue;
    std::string channel = stem.substr(0, dash);
    std::string tag = stem.substr(dash + 1);
    // Parts ("part-SSSSS-NNNNN") and names with more dashes are not channels.
    if (channel.find('-') != std::string::npos || channel + "-" == kPartPrefix) continue;
    if (tag.size() < 5 || tag.find_first_not_of("0123456789") != std::string::npos) continue;
    names.insert(channel);
  }
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace refinery::scaleout
