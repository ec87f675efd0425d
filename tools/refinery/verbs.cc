// The verb table: every command of `refinery`, in the order `refinery --help` lists them.
#include <vector>

#include "cli_common.h"
#include "cli_params.h"

namespace refinery::cli {

Verb AddRunVerb(CLI::App& app);
Verb AddStepsVerb(CLI::App& app);
Verb AddEvalVerb(CLI::App& app);
Verb AddScoreVerb(CLI::App& app);
Verb AddTrainVerb(CLI::App& app);
Verb AddMetricsVerb(CLI::App& app);
Verb AddCompareVerb(CLI::App& app);
Verb AddOrderVerb(CLI::App& app);
Verb AddMixVerb(CLI::App& app);
Verb AddEditVerb(CLI::App& app);
Verb AddDistillVerb(CLI::App& app);
Verb AddSlurmVerb(CLI::App& app);
Verb AddMergeVerb(CLI::App& app);
Verb AddRewriteVerb(CLI::App& app);
Verb AddDetectVerb(CLI::App& app);
Verb AddAnonymizeVerb(CLI::App& app);

namespace {
// One row per verb, in the order `refinery --help` lists them.
constexpr AddVerbFn kVerbs[] = {
    AddRunVerb,     AddStepsVerb,   AddDetectVerb,  AddAnonymizeVerb, AddScoreVerb, AddEvalVerb,
    AddTrainVerb,   AddMetricsVerb, AddCompareVerb, AddOrderVerb,     AddMixVerb,   AddEditVerb,
    AddDistillVerb, AddSlurmVerb,   AddMergeVerb,   AddRewriteVerb,
};

}  // namespace

std::vector<Verb> AddVerbs(CLI::App& app) {
  std::vector<Verb> verbs;
  for (AddVerbFn add : kVerbs) verbs.push_back(add(app));
  // Options outside a table (a transform verb's extra flags) get REFINERY_<VERB>_<OPTION> too.
  AssignEnvironmentVariables(app);
  return verbs;
}

}  // namespace refinery::cli
