#include "refinery/pipeline/step_registry.h"

namespace refinery {

void StepRegistry::Register(StepInfo info) {
  std::string name = info.name;
  steps_[name] = std::move(info);
}

const StepInfo* StepRegistry::Find(const std::string& name) const {
  auto it = steps_.find(name);
  return it == steps_.end() ? nullptr : &it->second;
}

std::vector<std::string> StepRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, info] : steps_) names.push_back(name);
  return names;
}

}  // namespace refinery
