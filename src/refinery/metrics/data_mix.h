// `refinery mix`: combines several sources (real data, outputs of different generator models)
// into one training mix with target proportions of records or token quotas. Deterministic and
// seeded: each record gets the key hash(seed, source name, record id); a source contributes its
// records with the smallest keys (a uniform sample without replacement that does not depend on
// file order or thread count) until its target is met. Every output record carries its
// provenance in refinery.mix {source, file, line}; a manifest JSON records the plan and counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"

namespace refinery::metrics {

struct MixSource {
  std::string name;
  std::string path;        // file, directory or glob
  double proportion = 0;   // share of the output records (proportion mode)
  double token_quota = 0;  // tokens wanted (quota mode; tokens as in docs/metrics.md)
};

struct MixOptions {
  std::vector<MixSource> sources;
  std::string mode = "proportions";  // proportions | tokens
  uint64_t total_records = 0;        // proportions: output size; 0 = largest that fits
  uint64_t seed = 1;
  std::string output;             // .jsonl[.gz|.zst] or "-"
  std::string manifest;           // default: <output>.manifest.json ("" for stdout)
  std::string order = "shuffle";  // shuffle (by key across sources) | source (source by source)
  std::string text_field = "text";
  std::string id_field = "id";
};

// Parses "a=0.5,b=0.5" (or repeated "a=0.5") into name -> value pairs.
StatusOr<std::vector<std::pair<std::string, double>>> ParseNamedValues(
    const std::vector<std::string>& specs, const std::string& flag);

// Runs the mix; returns the manifest (also written to options.manifest when set).
StatusOr<Json> MixSources(const MixOptions& options);

}  // namespace refinery::metrics
