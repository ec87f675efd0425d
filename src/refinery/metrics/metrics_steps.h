// Pipeline steps of the metrics concern: `ai_score` (refinery.scores.ai_human = P(human) from a
// detector trained with `refinery train detector`).
#pragma once

#include "refinery/pipeline/step_registry.h"

namespace refinery {

void RegisterMetricsSteps(StepRegistry& registry);

}  // namespace refinery
