// `refinery score lang IN -o OUT`: the one-step pipeline [{lang_id: {...}}] (CLD2).
#include "cli_common.h"

namespace refinery::cli {

Verb AddScoreLangVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "lang";
  spec.step_type = "lang_id";
  spec.description =
      "Language identification (CLD2): refinery.lang {code, confidence, reliable}; optionally "
      "keep only some languages";
  spec.examples =
      "  refinery score lang data.jsonl -o tagged.jsonl\n"
      "  refinery score lang 'crawl/*.jsonl.zst' -o out/en --languages en --min_confidence 0.8\n";
  spec.add_flags = [](CLI::App* cmd) {
    auto languages = std::make_shared<std::vector<std::string>>();
    auto min_conf = std::make_shared<double>(0);
    auto max_bytes = std::make_shared<int64_t>(65536);
    auto* l = cmd->add_option("--languages", *languages,
                              "Keep only these language codes (e.g. en,de); others are dropped")
                  ->delimiter(',');
    auto* c = cmd->add_option("--min_confidence", *min_conf,
                              "Drop records whose language share is below this (0..1)");
    auto* b = cmd->add_option("--max_bytes", *max_bytes, "Bytes of each text to look at (65536)");
    return std::function<void(YAML::Node&)>(
        [languages, min_conf, max_bytes, l, c, b](YAML::Node& params) {
          if (l->count() > 0) {
            for (const auto& code : *languages) params["languages"].push_back(code);
          }
          if (c->count() > 0) params["min_confidence"] = *min_conf;
          if (b->count() > 0) params["max_bytes"] = *max_bytes;
        });
  };
  return AddTransformVerb(app, spec);
}

}  // namespace refinery::cli
