// `refinery score toxicity IN -o OUT`: the one-step pipeline [{toxicity_score: {...}}].
#include "cli_common.h"

namespace refinery::cli {

Verb AddScoreToxicityVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "toxicity";
  spec.step_type = "toxicity_score";
  spec.description =
      "refinery.scores.toxicity (document P(toxic)), .toxicity_max_sentence, .toxicity_lexicon "
      "and refinery.toxic_spans (lexicon hits, code points)";
  spec.examples =
      "  refinery score toxicity data.jsonl -o scored.jsonl\n"
      "  refinery score toxicity 'raw/*.jsonl.zst' -o out/scored --sentences true\n"
      "  refinery score toxicity data.jsonl -o - --model models/toxicity.bin --spans false\n"
      "Then filter: refinery run with `- filter: {where: \"refinery.scores.toxicity < 0.5\"}`.\n";
  spec.add_flags = [](CLI::App* cmd) {
    auto model = std::make_shared<std::string>();
    auto spans = std::make_shared<bool>(true);
    auto sentences = std::make_shared<bool>(false);
    auto threshold = std::make_shared<double>(0.5);
    auto* m = cmd->add_option("--model", *model,
                              "Model from `refinery train toxicity` (default: the shipped "
                              "models/toxicity.bin; env REFINERY_MODELS_DIR)");
    auto* s = cmd->add_option("--spans", *spans, "Write lexicon spans (true/false, default true)");
    auto* se = cmd->add_option("--sentences", *sentences,
                               "Write per-sentence scores to refinery.toxicity_sentences");
    auto* t = cmd->add_option("--threshold", *threshold,
                              "P(toxic) at which a record counts as toxic in the summary (0.5)");
    return std::function<void(YAML::Node&)>(
        [model, spans, sentences, threshold, m, s, se, t](YAML::Node& params) {
          if (m->count() > 0) params["model"] = *model;
          if (s->count() > 0) params["spans"] = *spans;
          if (se->count() > 0) params["sentences"] = *sentences;
          if (t->count() > 0) params["threshold"] = *threshold;
        });
  };
  return AddTransformVerb(app, spec);
}

}  // namespace refinery::cli
