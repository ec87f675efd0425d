// Small closed word classes that give the toxicity classifier features with meaning beyond
// single words: negators ("not", "never"), identity groups ("muslims", "women", "disabled"),
// violent verbs ("kill", "stab"), person targets ("you", "them", "people"), intent markers
// ("will", "gonna", "want") and dehumanising nouns ("vermin", "animals"). Hand-listed so that
// a threat or a dehumanising statement against a group the training data rarely mentions still
// fires the same feature as one against a frequent target.
#pragma once

#include <cstddef>
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

// The table behind WordClassOf, for a caller that looks up many words: open addressing over
// the listed words' hashes, probed from Murmur3Mix64(fnv_hash), which the feature pass
// computes anyway for the word's own feature.
struct WordClassTable {
  static constexpr size_t kSlots = 1024;  // a few hundred words
  uint64_t keys[kSlots] = {};
  uint8_t classes[kSlots] = {};

  uint8_t Lookup(uint64_t fnv_hash, uint64_t mixed) const {
    for (size_t s = mixed & (kSlots - 1); keys[s] != 0; s = (s + 1) & (kSlots - 1)) {
      if (keys[s] == fnv_hash) return classes[s];
    }
    return 0;
  }
};
const WordClassTable& WordClasses();

}  // namespace refinery::toxicity_internal
