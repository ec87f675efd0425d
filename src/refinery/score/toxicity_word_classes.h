// Small closed word classes that give the toxicity classifier features with meaning beyond
// single words: negators ("not", "never"), identity groups ("muslims", "women", "disabled"),
// violent verbs ("kill", "stab"), person targets ("you", "them", "people"), intent markers
// ("will", "gonna", "want") and dehumanising nouns ("vermin", "animals"). Hand-listed so that
// a threat or a dehumanising statement against a group the training data rarely mentions still
// fires the same feature as one against a frequent target.
#pragma once

#include <cstdint>

namespace refinery::toxicity_internal {

enum WordClass : uint8_t {
  kNegator = 1,
  kGroup = 2,
  kViolent = 4,
  kTarget = 8,
  kIntent = 16,
  kDehuman = 32,
};

// Classes of a lower-cased, apostrophe-free word given by its FNV-1a hash (0 = none).
uint8_t WordClassOf(uint64_t fnv_hash);

}  // namespace refinery::toxicity_internal
