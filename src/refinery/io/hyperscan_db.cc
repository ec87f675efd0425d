#include "refinery/io/hyperscan_db.h"

#include <cstdlib>
#include <filesystem>

#include "refinery/core/hash.h"
#include "refinery/io/model_file.h"

namespace refinery {

HyperscanFingerprint::HyperscanFingerprint(unsigned mode, size_t pattern_count)
    : h_(Fnv1a64Step(Fnv1a64Step(kFnv64Offset, mode), pattern_count)) {}

void HyperscanFingerprint::Add(std::string_view expression, unsigned flags) {
  h_ = Fnv1a64(expression, h_);
  // A separator no pattern byte can equal, carrying the flags: with flags 0 it is the 0x100 the
  // toxicity lexicon's shipped database was fingerprinted with.
  h_ = Fnv1a64Step(h_, 0x100 | (uint64_t{flags} << 9));
}

LoadedHyperscanDatabase LoadHyperscanDatabase(const std::string& path, std::string_view kind,
                                              uint32_t version, uint64_t fingerprint) {
  LoadedHyperscanDatabase out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  // Read from the mapped file: reading it into a string and copying the payload out of that
  // cost two zeroed copies (~250 fresh pages) at every start.
  StatusOr<MappedModelFile> mapped = MapModelFile(path, kind, version);
  if (!mapped.ok()) return out;
  ModelReader r(mapped->payload);
  const std::string_view this_version = hs_version();
  while (r.ok() && r.remaining() > 0) {
    const std::string_view entry_version = r.StringView();
    const uint64_t entry_fingerprint = r.U64();
    const std::string_view bytes = r.StringView();
    if (!r.ok() || entry_version != this_version || entry_fingerprint != fingerprint) continue;
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) continue;
    hs_scratch_t* scratch = nullptr;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {  // compiled for another CPU
      hs_free_database(db);
      continue;
    }
    out.db = db;
    out.scratch = scratch;
    return out;
  }
  return out;
}

Status SaveHyperscanDatabases(const std::string& path, std::string_view kind, uint32_t version,
                              const std::vector<HyperscanDatabaseEntry>& entries) {
  ModelWriter w;
  for (const HyperscanDatabaseEntry& e : entries) {
    char* bytes = nullptr;
    size_t length = 0;
    if (hs_serialize_database(e.db, &bytes, &length) != HS_SUCCESS) {
      return absl::InternalError("Hyperscan could not serialize a database for " + path);
    }
    w.String(hs_version());
    w.U64(e.fingerprint);
    w.String(std::string_view(bytes, length));
    std::free(bytes);  // hs_serialize_database allocates with the default (malloc) allocator
  }
  return WriteModelFile(path, kind, version, w.bytes());
}

const hs_platform_info_t* PortableHyperscanPlatform() {
  static const hs_platform_info_t platform = {HS_TUNE_FAMILY_GENERIC, 0, 0, 0};
  return &platform;
}

}  // namespace refinery
