// A verb's option table: one row per flag or positional argument, declared once and bound to
// the field that receives its value (as llama.cpp declares its options). Everything else is
// generated from the rows:
//   - the CLI11 option, with the row's range or choices checked;
//   - its environment variable, REFINERY_<VERB>_<OPTION> (a row may name a variable shared by
//     several verbs, e.g. REFINERY_THREADS); a flag on the command line wins over it;
//   - the --help text: the default is the bound field's value when the row is added (the
//     library's own default, never typed again) or, for a default that is not a value, a short
//     note ("all cores"); ranges, choices and "(required)" are printed from the row.
// Rows describe themselves with the step parameters' ParamSpec (refinery/pipeline/param_table.h)
// and share their help text with the step flags (cli_params.h).
//
//   auto f = std::make_shared<Flags>();
//   OptionTable t;
//   t.Add("input", f->inputs, "Input files, directories or globs").Required();
//   t.Add("--seed", f->seed, "Seed of every sample");                    // help: UINT=1
//   t.Add("--threads,-t", f->threads, "Worker threads").DefaultNote("all cores");
//   t.Add("--missing", f->missing, "Records without the field").Choices({"last", "drop"});
//   t.AddTo(cmd);
#pragma once

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "refinery/pipeline/param_table.h"

namespace refinery::cli {

// One row: what the option is (`spec`) and how CLI11 stores its value into the bound field.
struct OptionRow {
  ParamSpec spec;
  std::string names;         // CLI11 names: "--output,-o", or "input" for a positional
  std::string default_note;  // a default that is not a value of the field, e.g. "all cores"
  int min_values = 0;        // positionals taking e.g. 2 or 3 values (0: CLI11's default)
  int max_values = 0;
  bool one_value_per_flag = false;  // `--x a --x b`, never `--x a b`
  // Declares the CLI11 option bound to the field, with the range check in the field's type.
  std::function<CLI::Option*(CLI::App* cmd, const ParamSpec& spec, const std::string& help)>
      declare;

  // Chainable modifiers, used right after OptionTable::Add in the same statement.
  OptionRow& Required();
  OptionRow& Range(std::optional<double> lo, std::optional<double> hi);
  OptionRow& Choices(std::vector<std::string> values);
  OptionRow& Env(std::string name);
  OptionRow& DefaultNote(std::string note);
  OptionRow& Values(int lo, int hi);
  OptionRow& SplitCommas();
  OptionRow& OneValuePerFlag();
};

class OptionTable {
 public:
  // Adds a row bound to `field` (which must outlive the parsed command): its type comes from
  // the field's type, its default from the field's value now. A bool is a switch.
  template <class T>
  OptionRow& Add(std::string names, T& field, std::string help) {
    OptionRow& row = NewRow(std::move(names), TypeOf<T>(), DefaultOf(field), std::move(help));
    row.declare = [&field, names = row.names](CLI::App* cmd, const ParamSpec& spec,
                                              const std::string& text) {
      if constexpr (std::is_same_v<T, bool>) {
        return cmd->add_flag(names, field, text);
      } else {
        CLI::Option* option = cmd->add_option(names, field, text);
        // Checked in the field's type, so that an error says "16 to 8192", not "16.000000".
        if constexpr (std::is_arithmetic_v<T>) {
          if (spec.min || spec.max) {
            option->check(
                CLI::Range(spec.min ? static_cast<T>(*spec.min) : std::numeric_limits<T>::lowest(),
                           spec.max ? static_cast<T>(*spec.max) : std::numeric_limits<T>::max())
                    .description(""));  // the help text names the range
          }
        }
        return option;
      }
    };
    return row;
  }

  // The two rows (by CLI11 name: "--proportions", or "pairs" for a positional) may not be
  // given together.
  void Excludes(std::string a, std::string b);

  // Declares every row on `cmd`, with its environment variable and generated help.
  void AddTo(CLI::App* cmd) const;

  const std::vector<OptionRow>& rows() const { return rows_; }

 private:
  template <class T>
  static ParamType TypeOf() {
    if constexpr (std::is_same_v<T, bool>) return ParamType::kBool;
    if constexpr (std::is_integral_v<T>) return ParamType::kInt;
    if constexpr (std::is_floating_point_v<T>) return ParamType::kDouble;
    if constexpr (std::is_same_v<T, std::vector<std::string>>) return ParamType::kStringList;
    return ParamType::kString;
  }
  // null where the field starts empty: "(default: none)".
  template <class T>
  static Json DefaultOf(const T& value) {
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::vector<std::string>>) {
      return value.empty() ? Json() : Json(value);
    } else {
      return Json(value);
    }
  }

  OptionRow& NewRow(std::string names, ParamType type, Json fallback, std::string help);

  std::vector<OptionRow> rows_;
  std::vector<std::pair<std::string, std::string>> excludes_;
};

// The rows --text-field and --id-field (id_field may be null) of verbs that read records.
void AddRecordFieldRows(OptionTable& t, std::string& text_field, std::string* id_field);

}  // namespace refinery::cli
