// A pipeline: where records come from, which steps they go through, where they go.
// Loaded from YAML (see docs/pipelines.md) or assembled by a CLI verb.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "refinery/core/status.h"

namespace refinery {

struct StepSpec {
  std::string type;
  YAML::Node params;  // a map (possibly empty)
  std::string where;  // the file it came from ("" for a verb's flags)
  int line = 0;       // 1-based line in that file (0: unknown)

  StepSpec() = default;
  StepSpec(const StepSpec&) = default;
  // YAML::Node's assignment writes through to the node it refers to; rebind instead, so that
  // copying specs around (e.g. erasing from a vector) never changes another spec's params.
  StepSpec& operator=(const StepSpec& other) {
    type = other.type;
    params.reset(other.params);
    where = other.where;
    line = other.line;
    return *this;
  }
};

struct PipelineConfig {
  std::vector<std::string> inputs;  // files, directories, globs, or "-"
  // A directory (parts, markers, rejects.jsonl, summary.json), or a single file
  // (`*.jsonl`, `*.jsonl.gz`, `*.jsonl.zst`) or "-" for stdout.
  std::string output;
  std::string text_field = "text";
  std::string id_field = "id";
  int threads = 0;                           // 0: all cores
  std::string compression = "none";          // parts in a directory: none | gzip | zstd
  int compression_level = 0;                 // 0: the codec's default
  uint64_t part_bytes = 256ull << 20;        // input bytes per part (plain files)
  uint64_t max_record_bytes = 64ull << 20;   // longer lines are rejected
  uint64_t batch_bytes = 1ull << 20;         // input bytes per batch
  uint64_t batch_records = 4096;             // records per batch, at most
  std::string models_dir;                    // default: <source>/models or next to binary
  std::string output_format = "jsonl";       // parts in a directory: jsonl | parquet
  std::string parquet_compression = "zstd";  // Parquet pages: zstd | snappy | none
  uint64_t row_group_bytes = 64ull << 20;    // Parquet: uncompressed values per row group
  std::vector<StepSpec> steps;
  std::string source;  // the YAML file, for messages ("" when built by a verb)
};

// Reads a pipeline file. Errors name the file and line.
StatusOr<PipelineConfig> LoadPipelineFile(const std::string& path);
StatusOr<PipelineConfig> ParsePipelineYaml(const std::string& yaml_text, const std::string& source);

// Parses "64MiB", "1GB", "512k", "1000" into bytes.
StatusOr<uint64_t> ParseByteSize(const std::string& text);

// Canonical text of everything that determines a run's output (steps, fields, part size,
// compression; not threads), hashed into the run's config hash.
std::string CanonicalConfig(const PipelineConfig& config);

}  // namespace refinery
