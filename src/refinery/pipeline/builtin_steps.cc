// The registry of every built-in step type. Each concern registers its own steps here.
#include "refinery/detect/pii_steps.h"
#include "refinery/edit/edit_step.h"
#include "refinery/gdr/rewrite_step.h"
#include "refinery/metrics/metrics_steps.h"
#include "refinery/pipeline/step_registry.h"
#include "refinery/score/score_steps.h"

namespace refinery {

const StepRegistry& StepRegistry::Builtin() {
  static const StepRegistry registry = [] {
    StepRegistry r;
    RegisterCoreSteps(r);
    RegisterPiiSteps(r);
    RegisterEditSteps(r);
    RegisterGdrSteps(r);
    RegisterScoreSteps(r);
    RegisterMetricsSteps(r);
    return r;
  }();
  return registry;
}

}  // namespace refinery
