// The `edit` pipeline step (and `refinery edit`): executes an edit program per record.
// Programs come from a table (`programs: P.jsonl`, {"id", "program"}), from the refine model
// (`model: models/refiner.bin`), or from an LLM (`llm: URL`, `model: NAME`; see llm_programs.h).
// Writes the refined text and refinery.edits (the op log) and reports each record's outcome
// (kept|changed|dropped), which the engine writes as refinery.status; dropped documents are
// removed from the output and counted.
#pragma once

namespace refinery {

class StepRegistry;

void RegisterEditSteps(StepRegistry& registry);

}  // namespace refinery
