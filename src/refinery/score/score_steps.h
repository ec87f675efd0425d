// Pipeline steps of the score concern:
//   toxicity_score  refinery.scores.toxicity (document), .toxicity_max_sentence,
//                   .toxicity_lexicon and refinery.toxic_spans (lexicon hits, code points)
//   toxicity_mask   masks lexicon hits in the text
//   quality_filter  Gopher / C4 / FineWeb rules: refinery.quality + refinery.scores.quality,
//                   or drops failing records (mode: filter)
//   lang_id         refinery.lang {code, confidence, reliable}; optional language filter
#pragma once

#include "refinery/pipeline/step_registry.h"

namespace refinery {

void RegisterScoreSteps(StepRegistry& registry);

}  // namespace refinery
