// `refinery score quality IN -o OUT`: the one-step pipeline [{quality_filter: {...}}]. Every rule
// threshold is a flag of the same name as the step parameter (negative = rule off).
#include <map>

#include "cli_common.h"
#include "refinery/score/quality_rules.h"

namespace refinery::cli {

Verb AddScoreQualityVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "quality";
  spec.step_type = "quality_filter";
  spec.description =
      "Gopher quality/repetition, C4 and FineWeb rules: refinery.quality {passed, failed} and "
      "refinery.scores.quality, or drop failing records (--mode filter)";
  spec.examples =
      "  refinery score quality web.jsonl -o annotated.jsonl\n"
      "  refinery score quality 'crawl/*.jsonl.zst' -o out/clean --mode filter\n"
      "  refinery score quality web.jsonl -o - --metrics true --min_doc_words 20 --c4 false\n"
      "Rule names and defaults: docs/scoring.md.\n";
  spec.add_flags = [](CLI::App* cmd) {
    auto mode = std::make_shared<std::string>("annotate");
    auto metrics = std::make_shared<bool>(false);
    auto c4_remove = std::make_shared<bool>(false);
    auto* mo = cmd->add_option("--mode", *mode,
                               "annotate (default), filter (drop failing records) or both");
    auto* me = cmd->add_option("--metrics", *metrics, "Write measured values (true/false)");
    auto* cr = cmd->add_option("--c4_remove_lines", *c4_remove,
                               "Replace the text by the lines C4 keeps (true/false)");
    struct Opt {
      CLI::Option* flag;
      std::shared_ptr<std::string> value;
    };
    auto opts = std::make_shared<std::map<std::string, Opt>>();
    const Json defaults = QualityOptions().ToJson();  // items() must not outlive its JSON
    for (const auto& [key, def] : defaults.items()) {
      if (def.is_object()) continue;  // n-gram lists: YAML only
      auto value = std::make_shared<std::string>();
      std::string help = "Default " + def.dump();
      (*opts)[key] = Opt{cmd->add_option("--" + key, *value, help)->group("Rules"), value};
    }
    return std::function<void(YAML::Node&)>(
        [mode, metrics, c4_remove, mo, me, cr, opts](YAML::Node& params) {
          if (mo->count() > 0) params["mode"] = *mode;
          if (me->count() > 0) params["metrics"] = *metrics;
          if (cr->count() > 0) params["c4_remove_lines"] = *c4_remove;
          for (const auto& [key, opt] : *opts) {
            if (opt.flag->count() > 0) params[key] = YAML::Load(*opt.value);
          }
        });
  };
  return AddTransformVerb(app, spec);
}

}  // namespace refinery::cli
