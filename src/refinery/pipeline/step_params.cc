#include "refinery/pipeline/step_params.h"

#include <algorithm>

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

double StepParams::GetDouble(const std::string& key, double fallback) {
  YAML::Node node = Take(key);
  if (!node) return fallback;
  try {
    return node.as<double>();
  } catch (const YAML::Exception&) {
    Fail(key,
         "expected a number, got '" + (node.IsScalar() ? node.Scalar() : "a collection") + "'");
    return fallback;
  }
}

int64_t StepParams::GetInt(const std::string& key, int64_t fallback) {
  YAML::Node node = Take(key);
  if (!node) return fallback;
  try {
    return node.as<int64_t>();
  } catch (const YAML::Exception&) {
    Fail(key,
         "expected an integer, got '" + (node.IsScalar() ? node.Scalar() : "a collection") + "'");
    return fallback;
  }
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
        for (const std::string& u : used_) known += (known.empty() ? "" : ", ") + u;
        return absl::InvalidArgumentError(
            Location(kv.first) + "step '" + step_type_ + "': unknown parameter '" + key + "'" +
            (known.empty() ? " (this step takes none)" : " (known: " + known + ")"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace refinery
