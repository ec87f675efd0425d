#include "cli_params.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace refinery::cli {
namespace {

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c == '-' || c == ' ') c = '_';
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// "--min-score,--min_score": the table's flag name, and the YAML name as an alias so that
// both spellings work.
std::string FlagNames(const ParamSpec& spec) {
  std::string dashed = spec.name;
  for (char& c : dashed) {
    if (c == '_') c = '-';
  }
  std::vector<std::string> names = {spec.FlagName()};
  for (const std::string& alias : {dashed, spec.name}) {
    if (std::find(names.begin(), names.end(), alias) == names.end()) names.push_back(alias);
  }
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "--" : ",--") + n;
  return out;
}

// One flag's storage and how it becomes a step parameter.
struct FlagValue {
  const ParamSpec* spec = nullptr;
  CLI::Option* option = nullptr;
  std::string text;                // scalar parameters
  std::vector<std::string> items;  // lists and maps
  bool on = false;                 // switches

  void WriteTo(YAML::Node& params) const {
    // Neither given nor set through the environment (CLI11 adds the variable as a result).
    if (option->empty()) return;
    const std::string& key = spec->name;
    switch (spec->type) {
      case ParamType::kStringList: {
        YAML::Node list(YAML::NodeType::Sequence);
        for (const std::string& item : items) list.push_back(item);
        params[key] = list;
        return;
      }
      case ParamType::kMap: {
        YAML::Node map(YAML::NodeType::Map);
        for (const std::string& item : items) {
          size_t eq = item.find('=');
          // A malformed entry is passed through so the step reports it with its name.
          if (eq == std::string::npos)
            map[item] = "";
          else
            map[item.substr(0, eq)] = item.substr(eq + 1);
        }
        params[key] = map;
        return;
      }
      case ParamType::kBool:
        if (spec->cli_switch) {
          params[key] = on;
          return;
        }
        params[key] = text;
        return;
      default:
        params[key] = text;
        return;
    }
  }
};

}  // namespace

std::string FlagHelp(const ParamSpec& spec, const std::string& default_note) {
  std::string help = spec.help;
  if (spec.min || spec.max) help += " (" + spec.RangeShort() + ")";
  if (!spec.choices.empty() && spec.choices.size() <= 8) {
    std::string list;
    for (const std::string& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
    help += " (one of: " + list + ")";
  }
  if (spec.type == ParamType::kStringList)
    help += spec.split_commas ? "; a,b or repeated" : "; repeatable";
  if (spec.type == ParamType::kMap) help += "; KEY=VALUE, repeatable";
  // A required option has no default; CLI11 marks it REQUIRED.
  if (spec.required) return help;
  if (!default_note.empty()) {
    help += " (default: " + default_note + ")";
  } else if (spec.DefaultText().empty() && !spec.cli_switch) {
    help += " (default: none)";
  }
  return help;
}

std::string EnvPrefix(const CLI::App* cmd) {
  std::string path;
  for (const CLI::App* app = cmd; app != nullptr && app->get_parent() != nullptr;
       app = app->get_parent()) {
    path = Upper(app->get_name()) + (path.empty() ? "" : "_" + path);
  }
  return "REFINERY" + (path.empty() ? "" : "_" + path);
}

std::string EnvName(const std::string& prefix, const std::string& option_name) {
  std::string name = option_name;
  name.erase(0, name.find_first_not_of('-'));
  return prefix + "_" + Upper(name);
}

std::function<void(YAML::Node& params)> AddParamFlags(CLI::App* cmd, const ParamTable& table) {
  const std::string prefix = EnvPrefix(cmd);
  auto values = std::make_shared<std::vector<FlagValue>>();
  values->reserve(table.params().size());  // options keep pointers into the elements
  for (const ParamSpec& spec : table.params()) {
    if (spec.yaml_only) continue;
    values->push_back(FlagValue{});
    FlagValue& v = values->back();
    v.spec = &spec;
    const std::string names = FlagNames(spec);
    const std::string help = FlagHelp(spec);
    if (spec.type == ParamType::kStringList || spec.type == ParamType::kMap) {
      v.option = cmd->add_option(names, v.items, help);
      if (spec.type == ParamType::kStringList && spec.split_commas) v.option->delimiter(',');
    } else if (spec.cli_switch) {
      v.option = cmd->add_flag(names, v.on, help);
    } else {
      v.option = cmd->add_option(names, v.text, help);
      if (spec.type == ParamType::kInt || spec.type == ParamType::kDouble) {
        v.option->type_name(spec.type == ParamType::kInt ? "INT" : "NUMBER");
      } else if (spec.type == ParamType::kBool) {
        v.option->type_name("BOOL");
      }
    }
    // A switch's default is off; CLI11 would read a flag's default_str as its value.
    if (!spec.cli_switch && !spec.DefaultText().empty()) v.option->default_str(spec.DefaultText());
    if (spec.required) v.option->required();
    v.option->envname(spec.env.empty() ? EnvName(prefix, spec.name) : spec.env);
  }
  return [values](YAML::Node& params) {
    for (const FlagValue& v : *values) v.WriteTo(params);
  };
}

void AssignEnvironmentVariables(CLI::App& app) {
  const std::string prefix = EnvPrefix(&app);
  for (CLI::Option* opt : app.get_options()) {
    if (!opt->get_envname().empty()) continue;
    if (opt == app.get_help_ptr() || opt == app.get_help_all_ptr() ||
        opt == app.get_version_ptr()) {
      continue;
    }
    opt->envname(EnvName(prefix, opt->get_single_name()));
    // --help shows a default for every option that takes a value: the variable's initial
    // value, or "none" when it starts empty (a default written in the help text counts too).
    bool takes_value = opt->get_expected_max() > 0 && opt->get_type_size_max() > 0;
    std::string description = opt->get_description();
    if (!takes_value || opt->get_required() || !opt->get_default_str().empty() ||
        description.find("default") != std::string::npos) {
      continue;
    }
    opt->capture_default_str();
    if (opt->get_default_str().empty()) opt->description(description + " (default: none)");
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    AssignEnvironmentVariables(*sub);
  }
}

}  // namespace refinery::cli
