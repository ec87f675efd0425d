// Pipeline steps of the PII concern: `pii_detect` and `pii_anonymize`.
#pragma once

#include "refinery/pipeline/step_registry.h"

namespace refinery {

void RegisterPiiSteps(StepRegistry& registry);

}  // namespace refinery
