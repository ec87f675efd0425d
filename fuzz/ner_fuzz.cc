// libFuzzer target: the named-entity tagger on arbitrary bytes, and its model-file loader on
// the same bytes. Entities must be sorted, disjoint, inside the text and on token boundaries;
// the work counter must stay proportional to the input (no quadratic path); a scratch whose
// caches are warm with earlier inputs must tag as a fresh one; a malformed model file must be an
// error value, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "refinery/detect/ner_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto model = refinery::ner::NerModel::Default().value();
  static refinery::ner::NerScratch scratch;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<refinery::ner::NerEntity> entities;
  scratch.work = 0;
  model->Tag(text, scratch, entities);
  uint32_t last = 0;
  for (const auto& e : entities) {
    if (e.start < last || e.end <= e.start || e.end > size) std::abort();
    if (e.label == refinery::ner::kNoEntity) std::abort();
    last = e.end;
  }
  // Features per token are bounded (~40), and a token has at least one byte.
  if (scratch.work > 64 * (size + 1)) std::abort();
  // The scratch above is warm with earlier inputs' words (its per-thread caches of feature
  // sums and word lookups): a cold one must find the same entities, margins included.
  refinery::ner::NerScratch cold;
  std::vector<refinery::ner::NerEntity> cold_entities;
  model->Tag(text, cold, cold_entities);
  if (cold_entities.size() != entities.size()) std::abort();
  for (size_t i = 0; i < entities.size(); ++i) {
    const auto &a = entities[i], &b = cold_entities[i];
    if (a.start != b.start || a.end != b.end || a.label != b.label || a.margin != b.margin ||
        a.propagated != b.propagated)
      std::abort();
  }
  // The same bytes as a model file: must be rejected cleanly (or, by chance, load).
  auto loaded = refinery::ner::NerModel::Decode(text, "fuzz");
  (void)loaded;
  return 0;
}
