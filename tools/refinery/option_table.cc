#include "option_table.h"

#include "cli_params.h"

namespace refinery::cli {
namespace {

// "--output,-o" → "output"; "input" (a positional) → "input".
std::string LongName(const std::string& names) {
  size_t start = names.find("--");
  if (start == std::string::npos) return names.substr(0, names.find(','));
  start += 2;
  return names.substr(start, names.find(',', start) - start);
}

}  // namespace

OptionRow& OptionRow::Required() {
  spec.Required();
  return *this;
}

OptionRow& OptionRow::Range(std::optional<double> lo, std::optional<double> hi) {
  spec.Range(lo, hi);
  return *this;
}

OptionRow& OptionRow::Choices(std::vector<std::string> values) {
  spec.Choices(std::move(values));
  return *this;
}

OptionRow& OptionRow::Env(std::string name) {
  spec.Env(std::move(name));
  return *this;
}

OptionRow& OptionRow::DefaultNote(std::string note) {
  default_note = std::move(note);
  return *this;
}

OptionRow& OptionRow::Values(int lo, int hi) {
  min_values = lo;
  max_values = hi;
  return *this;
}

OptionRow& OptionRow::SplitCommas() {
  spec.split_commas = true;
  return *this;
}

OptionRow& OptionRow::OneValuePerFlag() {
  one_value_per_flag = true;
  return *this;
}

OptionRow& OptionTable::NewRow(std::string names, ParamType type, Json fallback, std::string help) {
  OptionRow row;
  row.names = std::move(names);
  row.spec.flag = LongName(row.names);
  row.spec.name = row.spec.flag;
  for (char& c : row.spec.name) {
    if (c == '-') c = '_';
  }
  row.spec.type = type;
  row.spec.default_value = std::move(fallback);
  row.spec.help = std::move(help);
  row.spec.cli_switch = type == ParamType::kBool;
  // A list flag keeps its commas unless the row says otherwise (NAME=A,B=C values).
  row.spec.split_commas = false;
  rows_.push_back(std::move(row));
  return rows_.back();
}

void OptionTable::Excludes(std::string a, std::string b) {
  excludes_.emplace_back(std::move(a), std::move(b));
}

void OptionTable::AddTo(CLI::App* cmd) const {
  const std::string prefix = EnvPrefix(cmd);
  for (const OptionRow& row : rows_) {
    const ParamSpec& spec = row.spec;
    // A positional list shows "TEXT ..." already; a flag's list help says how to repeat it.
    ParamSpec shown = spec;
    if (row.names.front() != '-' && shown.type == ParamType::kStringList) {
      shown.type = ParamType::kString;
    }
    CLI::Option* option = row.declare(cmd, spec, FlagHelp(shown, row.default_note));
    // A switch's default is off; a note replaces the value (it is in the help text); a required
    // option has none.
    if (!spec.cli_switch && !spec.required && row.default_note.empty() &&
        !spec.DefaultText().empty()) {
      option->default_str(spec.DefaultText());
    }
    if (spec.required) option->required();
    // The help text already names the choices (as for step flags).
    if (!spec.choices.empty()) option->check(CLI::IsMember(spec.choices).description(""));
    if (spec.type == ParamType::kStringList && spec.split_commas) option->delimiter(',');
    if (row.max_values > 0) option->expected(row.min_values, row.max_values);
    if (row.one_value_per_flag) option->allow_extra_args(false);
    option->envname(spec.env.empty() ? EnvName(prefix, spec.flag) : spec.env);
  }
  for (const auto& [a, b] : excludes_) {
    cmd->get_option(a)->excludes(cmd->get_option(b));
  }
}

void AddRecordFieldRows(OptionTable& t, std::string& text_field, std::string* id_field) {
  t.Add("--text-field", text_field, "Field holding the text");
  if (id_field != nullptr) t.Add("--id-field", *id_field, "Field holding the record id");
}

}  // namespace refinery::cli
