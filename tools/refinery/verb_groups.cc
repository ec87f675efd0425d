// Verbs that group sub-verbs owned by different concerns: `refinery eval pii`,
// `refinery score toxicity`, `refinery train refiner`, ... Each concern adds its row here.
#include <vector>

#include "cli_common.h"

namespace refinery::cli {

Verb AddGroup(CLI::App& app, const char* name, const char* description,
              const std::vector<AddVerbFn>& subverbs) {
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  auto verbs = std::make_shared<std::vector<Verb>>();
  for (AddVerbFn add : subverbs) verbs->push_back(add(*group));
  return Verb{group, [verbs]() {
                for (const Verb& verb : *verbs) {
                  if (verb.command->parsed()) return verb.run();
                }
                return kExitUsage;
              }};
}

// Declarations of the sub-verbs (one line each, defined in eval_*.cc, score_*.cc, train_*.cc).
Verb AddEvalEditVerb(CLI::App& app);
Verb AddTrainRefinerVerb(CLI::App& app);
Verb AddScoreAiVerb(CLI::App& app);
Verb AddTrainDetectorVerb(CLI::App& app);
Verb AddScoreToxicityVerb(CLI::App& app);
Verb AddScoreQualityVerb(CLI::App& app);
Verb AddScoreLangVerb(CLI::App& app);
Verb AddTrainToxicityVerb(CLI::App& app);
Verb AddTrainNerVerb(CLI::App& app);
Verb AddEvalDetoxVerb(CLI::App& app);
Verb AddEvalPiiVerb(CLI::App& app);
Verb AddEvalLeakVerb(CLI::App& app);

// The groups' rows: the sub-verbs in the order --help lists them.
Verb AddEvalVerb(CLI::App& app) {
  return AddGroup(app, "eval", "Evaluate against gold data: pii, leak, detox, edit",
                  {AddEvalEditVerb, AddEvalDetoxVerb, AddEvalPiiVerb, AddEvalLeakVerb});
}
Verb AddScoreVerb(CLI::App& app) {
  return AddGroup(app, "score", "Score records: toxicity, quality, lang, ai",
                  {AddScoreToxicityVerb, AddScoreQualityVerb, AddScoreLangVerb, AddScoreAiVerb});
}
Verb AddTrainVerb(CLI::App& app) {
  return AddGroup(
      app, "train", "Train built-in models: toxicity, refiner, detector, ner",
      {AddTrainToxicityVerb, AddTrainRefinerVerb, AddTrainDetectorVerb, AddTrainNerVerb});
}

}  // namespace refinery::cli
