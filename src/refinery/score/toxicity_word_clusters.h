// Distributional word clusters for the toxicity classifier, learned from the training text
// itself (no labels): words that occur in similar contexts ("muslims" / "moslems" / "muzzies",
// "idiot" / "moron" / "imbecile") fall into one cluster. The trainer gives every word of a
// cluster a shared feature, so a word rarely or never seen in one source's toxic posts still
// carries what its cluster learned from the others.
//
// Method: co-occurrence counts of the vocabulary (words seen at least `min_count` times) with
// the most frequent words as contexts (±`window` tokens), positive PMI, a random ±1 projection
// to `dims` dimensions, then spherical k-means for each requested number of clusters.
// Deterministic: the same token stream and options give the same clusters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace refinery::toxicity_internal {

struct WordClusterOptions {
  uint32_t min_count = 5;
  size_t max_words = 40000;  // the most frequent words of the vocabulary
  size_t contexts = 3000;    // context words: the most frequent words
  uint32_t window = 2;
  uint32_t dims = 96;
  std::vector<uint32_t> clusters = {64, 512};  // one clustering per entry
  uint32_t iterations = 12;
  uint64_t seed = 1;
};

struct WordClusters {
  // Sorted word hashes (FNV-1a of the token as toxicity_features.h reads it) and, for word i,
  // its cluster at level l in ids[i * levels + l].
  std::vector<uint64_t> words;
  std::vector<uint16_t> ids;
  size_t levels = 0;
  // Index of the word in `words`, or -1.
  long Find(uint64_t word_hash) const;
};

// `tokens`: word hashes of the training text, one text after another, 0 between texts (a
// context window never crosses a 0).
WordClusters LearnWordClusters(const std::vector<uint64_t>& tokens,
                               const WordClusterOptions& options);

}  // namespace refinery::toxicity_internal
