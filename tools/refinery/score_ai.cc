// `refinery score ai IN -o OUT --model MODEL`: refinery.scores.ai_human = P(human), the
// one-step pipeline [{ai_score: {model, threshold}}].
#include "cli_common.h"

namespace refinery::cli {

Verb AddScoreAiVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "ai";
  spec.step_type = "ai_score";
  spec.description = "refinery.scores.ai_human: probability that a record is human-written";
  spec.examples =
      "  refinery score ai data.jsonl -o scored.jsonl --model detector.bin\n"
      "  refinery score ai 'synth/*.jsonl.zst' -o out/scored --model detector.bin --threshold 0.3\n"
      "Train the model with `refinery train detector`.\n";
  spec.add_flags = [](CLI::App* cmd) {
    auto model = std::make_shared<std::string>();
    auto threshold = std::make_shared<double>(0.5);
    cmd->add_option("--model", *model, "Detector model from `refinery train detector`")->required();
    auto* t = cmd->add_option("--threshold", *threshold,
                              "Below this P(human) a record counts as machine-like in the summary");
    return std::function<void(YAML::Node&)>([model, threshold, t](YAML::Node& params) {
      params["model"] = *model;
      if (t->count() > 0) params["threshold"] = *threshold;
    });
  };
  return AddTransformVerb(app, spec);
}

}  // namespace refinery::cli
