// Compiled Hyperscan databases kept in a file, so that a run loads a pattern set's database
// instead of compiling it (tens of milliseconds of CPU per run for the PII triggers or the
// toxicity lexicon, paid again by every `refinery` process).
//
// The file is a model file (model_file.h) of the caller's kind and version; its payload is one
// or more entries, each: string hs_version() | u64 pattern fingerprint | string
// hs_serialize_database bytes. An entry is used only when this Hyperscan version wrote it for
// the same patterns (HyperscanFingerprint) and it runs on this CPU (allocating a scratch space is
// where Hyperscan checks the platform a database was compiled for); when no entry fits, or the
// file is missing or garbled, the caller compiles the patterns, which match the same.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/status.h"

namespace refinery {

// Identifies a pattern set: the compile mode, the number of patterns and each pattern's bytes
// and flags, pattern i having id i. Add the patterns in id order.
class HyperscanFingerprint {
 public:
  HyperscanFingerprint(unsigned mode, size_t pattern_count);
  void Add(std::string_view expression, unsigned flags);
  uint64_t value() const { return h_; }

 private:
  uint64_t h_;
};

// A database read from a file and a scratch space for it (both owned by the caller).
struct LoadedHyperscanDatabase {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
};

// The first entry of `path` that fits `fingerprint`, this Hyperscan version and this CPU; both
// members null when none does or the file cannot be read as a model file of `kind` / `version`.
LoadedHyperscanDatabase LoadHyperscanDatabase(const std::string& path, std::string_view kind,
                                              uint32_t version, uint64_t fingerprint);

struct HyperscanDatabaseEntry {
  uint64_t fingerprint = 0;
  const hs_database_t* db = nullptr;
};

// Writes the entries, in order, as one file (atomically, model_file.h's WriteModelFile).
Status SaveHyperscanDatabases(const std::string& path, std::string_view kind, uint32_t version,
                              const std::vector<HyperscanDatabaseEntry>& entries);

// The platform to compile a database for that is written once and loaded on any x86-64 CPU
// Hyperscan supports (no AVX2 or AVX-512 code in it, generic tuning); a database compiled for
// the host (platform null) is refused by CPUs without the host's features.
const hs_platform_info_t* PortableHyperscanPlatform();

}  // namespace refinery
