#include "refinery/pipeline/param_table.h"

#include <cstdio>

#include "refinery/core/enum_names.h"

namespace refinery {
namespace {

// Shortest text that reads back as the same number: 0.5, 16, 1e-06.
std::string NumberText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  return buf;
}

}  // namespace

const char* ParamTypeName(ParamType type) {
  static constexpr const char* kNames[] = {"bool", "int", "double", "string",
                                           "list", "map", "json"};
  static_assert(std::size(kNames) == static_cast<size_t>(ParamType::kJson) + 1);
  return EnumName(type, kNames);
}

ParamSpec& ParamSpec::Range(std::optional<double> lo, std::optional<double> hi) {
  min = lo;
  max = hi;
  return *this;
}

ParamSpec& ParamSpec::Choices(std::vector<std::string> values) {
  choices = std::move(values);
  return *this;
}

ParamSpec& ParamSpec::Required(std::string hint) {
  required = true;
  required_hint = std::move(hint);
  return *this;
}

ParamSpec& ParamSpec::YamlOnly() {
  yaml_only = true;
  return *this;
}

ParamSpec& ParamSpec::Switch() {
  cli_switch = true;
  return *this;
}

ParamSpec& ParamSpec::KeepCommas() {
  split_commas = false;
  return *this;
}

ParamSpec& ParamSpec::Flag(std::string flag_name) {
  flag = std::move(flag_name);
  return *this;
}

ParamSpec& ParamSpec::Env(std::string name) {
  env = std::move(name);
  return *this;
}

std::string ParamSpec::FlagName() const {
  if (!flag.empty()) return flag;
  std::string out = name;
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

std::string ParamSpec::DefaultText() const {
  if (default_value.is_null()) return "";
  if (default_value.is_string()) return default_value.get<std::string>();
  if (default_value.is_boolean()) return default_value.get<bool>() ? "true" : "false";
  if (default_value.is_number_integer()) return default_value.dump();
  if (default_value.is_number()) return NumberText(default_value.get<double>());
  if (default_value.is_array() && type == ParamType::kStringList) {
    std::string out;
    for (const Json& item : default_value) {
      out += (out.empty() ? "" : ",") + (item.is_string() ? item.get<std::string>() : item.dump());
    }
    return out;
  }
  return default_value.dump();
}

std::string ParamSpec::RangeShort() const {
  if (min && max) return "[" + NumberText(*min) + ", " + NumberText(*max) + "]";
  if (min) return ">= " + NumberText(*min);
  if (max) return "<= " + NumberText(*max);
  return "";
}

std::string ParamSpec::RangeText() const {
  if (!min && !max) return "";
  return std::string("must be ") + (min && max ? "in " : "") + RangeShort();
}

Json ParamSpec::ToJson() const {
  Json j = Json::object();
  j["name"] = name;
  j["type"] = ParamTypeName(type);
  j["default"] = default_value;
  j["help"] = help;
  if (min) j["min"] = *min;
  if (max) j["max"] = *max;
  if (!choices.empty()) j["choices"] = choices;
  if (required) j["required"] = true;
  if (!yaml_only) j["flag"] = "--" + FlagName();
  return j;
}

ParamSpec& ParamTable::Add(std::string name, ParamType type, Json fallback, std::string help) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.default_value = std::move(fallback);
  spec.help = std::move(help);
  // A JSON parameter has no one flag syntax: YAML only.
  spec.yaml_only = type == ParamType::kJson;
  params_.push_back(std::move(spec));
  return params_.back();
}

ParamSpec& ParamTable::Bool(std::string name, bool fallback, std::string help) {
  return Add(std::move(name), ParamType::kBool, fallback, std::move(help));
}
ParamSpec& ParamTable::Int(std::string name, int64_t fallback, std::string help) {
  return Add(std::move(name), ParamType::kInt, fallback, std::move(help));
}
ParamSpec& ParamTable::Double(std::string name, double fallback, std::string help) {
  return Add(std::move(name), ParamType::kDouble, fallback, std::move(help));
}
ParamSpec& ParamTable::Double(std::string name, std::string help) {
  return Add(std::move(name), ParamType::kDouble, nullptr, std::move(help));
}
ParamSpec& ParamTable::String(std::string name, std::string fallback, std::string help) {
  return Add(std::move(name), ParamType::kString, std::move(fallback), std::move(help));
}
ParamSpec& ParamTable::StringList(std::string name, std::vector<std::string> fallback,
                                  std::string help) {
  return Add(std::move(name), ParamType::kStringList, Json(std::move(fallback)), std::move(help));
}
ParamSpec& ParamTable::Map(std::string name, std::string help) {
  return Add(std::move(name), ParamType::kMap, nullptr, std::move(help));
}
ParamSpec& ParamTable::AnyJson(std::string name, Json fallback, std::string help) {
  return Add(std::move(name), ParamType::kJson, std::move(fallback), std::move(help));
}

const ParamSpec* ParamTable::Find(const std::string& name) const {
  for (const ParamSpec& spec : params_) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Json ParamTable::ToJson() const {
  Json out = Json::array();
  for (const ParamSpec& spec : params_) out.push_back(spec.ToJson());
  return out;
}

}  // namespace refinery
