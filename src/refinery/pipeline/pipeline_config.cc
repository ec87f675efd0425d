#include "refinery/pipeline/pipeline_config.h"

#include <cctype>
#include <set>
#include <string_view>
#include <utility>

#include "refinery/core/json.h"
#include "refinery/io/files.h"
#include "refinery/io/parquet_writer.h"
#include "refinery/pipeline/step_params.h"

namespace refinery {
namespace {

std::string At(const std::string& source, const YAML::Node& node) {
  return source + ":" + std::to_string(node.Mark().line + 1) + ": ";
}

Status ConfigError(const std::string& source, const YAML::Node& node, const std::string& msg) {
  return absl::InvalidArgumentError(At(source, node) + msg);
}

// Top-level keys that take one string, and those that take a byte size ("64MiB"), with the
// field each fills.
template <typename T>
using KeyTable = std::pair<std::string_view, T PipelineConfig::*>;
constexpr KeyTable<std::string> kTextKeys[] = {
    {"output", &PipelineConfig::output},
    {"text_field", &PipelineConfig::text_field},
    {"id_field", &PipelineConfig::id_field},
    {"compression", &PipelineConfig::compression},
    {"output_format", &PipelineConfig::output_format},
    {"parquet_compression", &PipelineConfig::parquet_compression},
    {"models_dir", &PipelineConfig::models_dir}};
constexpr KeyTable<uint64_t> kSizeKeys[] = {{"part_size", &PipelineConfig::part_bytes},
                                            {"max_record_bytes", &PipelineConfig::max_record_bytes},
                                            {"batch_size", &PipelineConfig::batch_bytes},
                                            {"row_group_size", &PipelineConfig::row_group_bytes}};

template <typename T, size_t N>
T PipelineConfig::*FindKey(const KeyTable<T> (&table)[N], std::string_view key) {
  for (const auto& [name, field] : table) {
    if (name == key) return field;
  }
  return nullptr;
}

}  // namespace

StatusOr<uint64_t> ParseByteSize(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
    ++i;
  if (i == 0)
    return absl::InvalidArgumentError("invalid size '" + text + "' (e.g. 64MiB, 1GB, 4096)");
  double value = std::stod(text.substr(0, i));
  std::string unit = text.substr(i);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double scale = 1;
  if (unit.empty() || unit == "b")
    scale = 1;
  else if (unit == "k" || unit == "kb")
    scale = 1e3;
  else if (unit == "kib")
    scale = 1024;
  else if (unit == "m" || unit == "mb")
    scale = 1e6;
  else if (unit == "mib")
    scale = 1024.0 * 1024;
  else if (unit == "g" || unit == "gb")
    scale = 1e9;
  else if (unit == "gib")
    scale = 1024.0 * 1024 * 1024;
  else
    return absl::InvalidArgumentError("invalid size unit in '" + text +
                                      "' (use B, KB, KiB, MB, MiB, GB, GiB)");
  return static_cast<uint64_t>(value * scale);
}

StatusOr<PipelineConfig> ParsePipelineYaml(const std::string& yaml_text,
                                           const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    return absl::InvalidArgumentError(source + ":" + std::to_string(e.mark.line + 1) + ":" +
                                      std::to_string(e.mark.column + 1) + ": YAML error: " + e.msg);
  }
  if (!root.IsMap()) {
    return absl::InvalidArgumentError(
        source + ": a pipeline is a YAML map with 'input', 'output' and 'steps'");
  }
  PipelineConfig config;
  config.source = source;
  static const std::set<std::string> kKeys = {"input",
                                              "output",
                                              "text_field",
                                              "id_field",
                                              "threads",
                                              "compression",
                                              "compression_level",
                                              "part_size",
                                              "max_record_bytes",
                                              "batch_size",
                                              "batch_records",
                                              "models_dir",
                                              "output_format",
                                              "parquet_compression",
                                              "row_group_size",
                                              "steps"};
  try {
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& value = kv.second;
      if (!kKeys.count(key)) {
        return ConfigError(source, kv.first,
                           "unknown key '" + key +
                               "' (known: input, output, text_field, id_field, "
                               "threads, compression, compression_level, "
                               "part_size, max_record_bytes, batch_size, "
                               "batch_records, models_dir, output_format, "
                               "parquet_compression, row_group_size, steps)");
      }
      auto scalar = [&]() -> StatusOr<std::string> {
        if (!value.IsScalar())
          return ConfigError(source, value, "'" + key + "' must be a single value");
        return value.Scalar();
      };
      auto size = [&]() -> StatusOr<uint64_t> {
        ASSIGN_OR_RETURN(std::string s, scalar());
        StatusOr<uint64_t> n = ParseByteSize(s);
        if (!n.ok())
          return ConfigError(source, value, "'" + key + "': " + std::string(n.status().message()));
        return n;
      };
      if (key == "input") {
        if (value.IsSequence()) {
          for (const auto& item : value) config.inputs.push_back(item.as<std::string>());
        } else {
          ASSIGN_OR_RETURN(std::string s, scalar());
          config.inputs.push_back(s);
        }
      } else if (auto text = FindKey(kTextKeys, key)) {
        ASSIGN_OR_RETURN(config.*text, scalar());
        if (key == "compression" && !CompressionFromName(config.compression).ok()) {
          return ConfigError(source, value, "'compression' must be none, gzip or zstd");
        }
        if (key == "output_format" && config.output_format != "jsonl" &&
            config.output_format != "parquet")
          return ConfigError(source, value, "'output_format' must be jsonl or parquet");
        if (key == "parquet_compression" && !ParquetCodecFromName(config.parquet_compression).ok())
          return ConfigError(source, value, "'parquet_compression' must be zstd, snappy or none");
      } else if (auto bytes = FindKey(kSizeKeys, key)) {
        ASSIGN_OR_RETURN(config.*bytes, size());
      } else if (key == "threads") {
        config.threads = value.as<int>();
        if (config.threads < 0) return ConfigError(source, value, "'threads' must be >= 0");
      } else if (key == "compression_level") {
        config.compression_level = value.as<int>();
      } else if (key == "batch_records") {
        config.batch_records = value.as<uint64_t>();
      } else if (key == "steps") {
        if (value.IsNull()) continue;
        if (!value.IsSequence()) {
          return ConfigError(source, value,
                             "'steps' must be a list of one-key maps, e.g. - filter: {where: ...}");
        }
        for (const auto& item : value) {
          if (!item.IsMap() || item.size() != 1) {
            return ConfigError(
                source, item,
                "each step is a one-key map {step_type: {params}}, e.g. - dedup_exact: {}");
          }
          auto it = item.begin();
          StepSpec spec;
          spec.type = it->first.as<std::string>();
          spec.params = it->second;
          spec.where = source;
          spec.line = item.Mark().line + 1;
          config.steps.push_back(std::move(spec));
        }
      }
    }
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(source + ":" + std::to_string(e.mark.line + 1) + ": " +
                                      e.msg);
  }
  if (config.part_bytes == 0)
    return absl::InvalidArgumentError(source + ": 'part_size' must be > 0");
  if (config.max_record_bytes == 0) {
    return absl::InvalidArgumentError(source + ": 'max_record_bytes' must be > 0");
  }
  return config;
}

StatusOr<PipelineConfig> LoadPipelineFile(const std::string& path) {
  StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return absl::NotFoundError(path + ": cannot read pipeline file");
  return ParsePipelineYaml(*text, path);
}

std::string CanonicalConfig(const PipelineConfig& config) {
  Json steps = Json::array();
  for (const StepSpec& s : config.steps) {
    steps.push_back(Json{{"type", s.type}, {"params", YamlToJson(s.params)}});
  }
  Json j{{"text_field", config.text_field},
         {"id_field", config.id_field},
         {"compression", config.compression},
         {"compression_level", config.compression_level},
         {"part_bytes", config.part_bytes},
         {"max_record_bytes", config.max_record_bytes},
         {"steps", steps}};
  // Only Parquet runs carry these, so JSON Lines runs keep the config hash they had.
  if (config.output_format != "jsonl") {
    j["output_format"] = config.output_format;
    j["parquet_compression"] = config.parquet_compression;
    j["row_group_bytes"] = config.row_group_bytes;
  }
  return j.dump();
}

}  // namespace refinery
