// N-gram overlap between the documents of a corpus (or of a seeded sample of it): self-BLEU
// and pairwise ROUGE-2. Documents are token-hash sequences (see tokenize.h); documents with
// no tokens are left out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace refinery::metrics {

using TokenDocs = std::vector<std::vector<uint64_t>>;

struct SelfBleuResult {
  double mean = 0;    // mean BLEU-4 over the scored documents
  uint64_t docs = 0;  // documents scored
};

// Self-BLEU: mean over documents of BLEU-4 of the document against all the other documents
// as references. Modified precision clips each n-gram's count by its maximum count in any
// other document, found in O(1) from per-n-gram top-two counts; p1 unsmoothed, p2..p4
// add-one smoothed ((m+1)/(max(total,1)+1), NLTK's method2); brevity penalty from the
// closest other document length (ties to the shorter); 0 when no unigram matches.
// Linear time and memory in the total token count. Fewer than two documents: 0.
SelfBleuResult SelfBleu(const TokenDocs& docs);

// BLEU-4 of one hypothesis against explicit references, same definition (for tests).
double SentenceBleu(const std::vector<uint64_t>& hypothesis, const TokenDocs& references);

struct Rouge2Result {
  double mean = 0;     // mean ROUGE-2 F1 over unordered document pairs
  uint64_t pairs = 0;  // pairs evaluated
  bool exact = true;   // all pairs (true) or a sample of pairs
  double ci95 = 0;     // half-width of the 95% CI when sampled
};

// ROUGE-2 F1 of one pair: 2 * overlap / (bigrams(a) + bigrams(b)), overlap = clipped bigram
// multiset intersection; 0 when neither has a bigram.
double Rouge2F1(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Mean ROUGE-2 F1 over all unordered pairs when docs <= exact_limit, otherwise over
// `sample_pairs` pairs drawn uniformly (seeded) with a normal 95% CI.
Rouge2Result Rouge2Pairwise(const TokenDocs& docs, size_t exact_limit, size_t sample_pairs,
                            uint64_t seed);

}  // namespace refinery::metrics
