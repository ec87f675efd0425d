#include "refinery/pipeline/step_params.h"

#include <algorithm>
#include <limits>

namespace refinery {

Json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      Json j = Json::array();
      for (const auto& item : node) j.push_back(YamlToJson(item));
      return j;
    }
    case YAML::NodeType::Map: {
      Json j = Json::object();
      for (const auto& kv : node) j[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return j;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted: always a string
      if (s == "true" || s == "True") return true;
      if (s == "false" || s == "False") return false;
      if (s == "null" || s == "~") return nullptr;
      try {
        size_t pos = 0;
        long long i = std::stoll(s, &pos);
        if (pos == s.size()) return i;
        double d = std::stod(s, &pos);
        if (pos == s.size()) return d;
      } catch (...) {
      }
      return s;
    }
    default:
      return nullptr;
  }
}

StepParams::StepParams(std::string step_type, YAML::Node params, std::string where)
    : step_type_(std::move(step_type)), params_(std::move(params)), where_(std::move(where)) {}

std::string StepParams::Location(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (where_.empty()) return "";
  if (mark.line >= 0 && where_.find(':') == std::string::npos) {
    return where_ + ":" + std::to_string(mark.line + 1) + ": ";
  }
  return where_ + ": ";
}

bool StepParams::Has(const std::string& key) const {
  return params_.IsMap() && params_[key].IsDefined() && !params_[key].IsNull();
}

YAML::Node StepParams::Take(const std::string& key) {
  used_.push_back(key);
  // An absent or null parameter reads as undefined (a default YAML::Node() is a *defined* null).
  if (!params_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  YAML::Node node = params_[key];
  if (!node.IsDefined() || node.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  return node;
}

void StepParams::Fail(const std::string& key, const std::string& message) {
  if (error_) return;
  YAML::Node node = params_.IsMap() && params_[key].IsDefined() ? params_[key] : params_;
  error_ = absl::InvalidArgumentError(Location(node) + "step '" + step_type_ + "': parameter '" +
                                      key + "': " + message);
}

std::string StepParams::GetString(const std::string& key, const std::string& fallback) {
  YAML::Node node = Take(key);
  if (!node) return fallback;
  if (!node.IsScalar()) {
    Fail(key, "expected a string");
    return fallback;
  }
  return node.Scalar();
}

namespace {

// A scalar of type T, or `fallback` after reporting what was expected ("a number").
template <typename T>
T ConvertScalar(StepParams& params, const std::string& key, const YAML::Node& node, T fallback,
                const char* expected) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    params.Fail(key, std::string("expected ") + expected + ", got '" +
                         (node.IsScalar() ? node.Scalar() : "a collection") + "'");
    return fallback;
  }
}

}  // namespace

double StepParams::GetDouble(const std::string& key, double fallback) {
  YAML::Node node = Take(key);
  return node ? ConvertScalar(*this, key, node, fallback, "a number") : fallback;
}

int64_t StepParams::GetInt(const std::string& key, int64_t fallback) {
  YAML::Node node = Take(key);
  return node ? ConvertScalar(*this, key, node, fallback, "an integer") : fallback;
}

bool StepParams::GetBool(const std::string& key, bool fallback) {
  YAML::Node node = Take(key);
  if (!node) return fallback;
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    Fail(key, "expected true or false");
    return fallback;
  }
}

std::vector<std::string> StepParams::GetStringList(const std::string& key,
                                                   const std::vector<std::string>& fallback) {
  YAML::Node node = Take(key);
  if (!node) return fallback;
  std::vector<std::string> out;
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        Fail(key, "expected a list of strings");
        return fallback;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }
  if (!node.IsScalar()) {
    Fail(key, "expected a list of strings");
    return fallback;
  }
  const std::string& s = node.Scalar();
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

std::optional<Json> StepParams::GetJson(const std::string& key) {
  YAML::Node node = Take(key);
  if (!node) return std::nullopt;
  return YamlToJson(node);
}

YAML::Node StepParams::GetNode(const std::string& key) { return Take(key); }

const ParamSpec* StepParams::Spec(const std::string& key, ParamType type) {
  const ParamSpec* spec = table_ ? table_->Find(key) : nullptr;
  if (spec == nullptr || spec->type != type) {
    Fail(key, std::string("not declared as a ") + ParamTypeName(type) +
                  " in the step's parameter table (a bug in the step)");
    return nullptr;
  }
  if (spec->required && !Has(key)) {
    Fail(key, "required" + (spec->required_hint.empty() ? "" : ", " + spec->required_hint));
  }
  return spec;
}

void StepParams::CheckRange(const ParamSpec& spec, double value) {
  if ((spec.min && value < *spec.min) || (spec.max && value > *spec.max)) {
    Fail(spec.name, spec.RangeText());
  }
}

void StepParams::CheckChoice(const ParamSpec& spec, const std::string& value) {
  if (spec.choices.empty()) return;
  if (std::find(spec.choices.begin(), spec.choices.end(), value) != spec.choices.end()) return;
  std::string known;
  for (const std::string& c : spec.choices) known += (known.empty() ? "" : ", ") + c;
  Fail(spec.name, "unknown value '" + value + "' (one of: " + known + ")");
}

std::string StepParams::GetString(const std::string& key) {
  const ParamSpec* spec = Spec(key, ParamType::kString);
  if (!spec) return GetString(key, "");
  std::string fallback =
      spec->default_value.is_string() ? spec->default_value.get<std::string>() : "";
  bool given = Has(key);
  std::string value = GetString(key, fallback);
  if (given) CheckChoice(*spec, value);
  return value;
}

double StepParams::GetDouble(const std::string& key) {
  const ParamSpec* spec = Spec(key, ParamType::kDouble);
  if (!spec) return GetDouble(key, 0.0);
  // No default: NaN, which no range admits (the factory sees "required" first).
  double fallback = spec->default_value.is_number() ? spec->default_value.get<double>()
                                                    : std::numeric_limits<double>::quiet_NaN();
  bool given = Has(key);
  double value = GetDouble(key, fallback);
  if (given) CheckRange(*spec, value);
  return value;
}

int64_t StepParams::GetInt(const std::string& key) {
  const ParamSpec* spec = Spec(key, ParamType::kInt);
  if (!spec) return GetInt(key, 0);
  int64_t fallback =
      spec->default_value.is_number() ? spec->default_value.get<int64_t>() : int64_t{0};
  bool given = Has(key);
  int64_t value = GetInt(key, fallback);
  if (given) CheckRange(*spec, static_cast<double>(value));
  return value;
}

bool StepParams::GetBool(const std::string& key) {
  const ParamSpec* spec = Spec(key, ParamType::kBool);
  if (!spec) return GetBool(key, false);
  return GetBool(key, spec->default_value.is_boolean() && spec->default_value.get<bool>());
}

std::vector<std::string> StepParams::GetStringList(const std::string& key) {
  const ParamSpec* spec = Spec(key, ParamType::kStringList);
  if (!spec) return GetStringList(key, {});
  std::vector<std::string> fallback;
  if (spec->default_value.is_array()) {
    for (const Json& item : spec->default_value) {
      if (item.is_string()) fallback.push_back(item.get<std::string>());
    }
  }
  bool given = Has(key);
  std::vector<std::string> value = GetStringList(key, fallback);
  if (given) {
    for (const std::string& item : value) CheckChoice(*spec, item);
  }
  return value;
}

std::vector<std::pair<std::string, std::string>> StepParams::GetStringMap(const std::string& key) {
  Spec(key, ParamType::kMap);
  YAML::Node node = Take(key);
  std::vector<std::pair<std::string, std::string>> out;
  if (!node) return out;
  if (!node.IsMap()) {
    Fail(key, "expected a map, e.g. {a: b}");
    return out;
  }
  for (const auto& kv : node) {
    if (!kv.second.IsScalar()) {
      Fail(key, "'" + kv.first.as<std::string>() + "': expected a string");
      return {};
    }
    out.emplace_back(kv.first.as<std::string>(), kv.second.Scalar());
  }
  return out;
}

Status StepParams::Finish() {
  if (error_) return *error_;
  if (params_.IsDefined() && !params_.IsNull() && !params_.IsMap()) {
    return absl::InvalidArgumentError(Location(params_) + "step '" + step_type_ +
                                      "': parameters must be a map, e.g. {" +
                                      (step_type_ == "filter" ? "where: ...}" : "}"));
  }
  if (params_.IsMap()) {
    for (const auto& kv : params_) {
      std::string key = kv.first.as<std::string>();
      if (std::find(used_.begin(), used_.end(), key) == used_.end()) {
        std::string known;
        if (table_ != nullptr) {
          for (const ParamSpec& spec : table_->params())
            known += (known.empty() ? "" : ", ") + spec.name;
        } else {
          for (const std::string& u : used_) known += (known.empty() ? "" : ", ") + u;
        }
        return absl::InvalidArgumentError(
            Location(kv.first) + "step '" + step_type_ + "': unknown parameter '" + key + "'" +
            (known.empty() ? " (this step takes none)" : " (known: " + known + ")"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace refinery
