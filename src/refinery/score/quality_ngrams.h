// The n-gram statistics of Gopher's repetition rules over one document's words, computed with
// 64-bit hashes of the n-grams (polynomial over per-word hashes):
//   - find_top_duplicate: the most frequent n-gram (the first seen on ties) and its count;
//   - find_all_duplicate: left to right, an n-gram equal to one met before adds its length and
//     skips its n words; otherwise it is remembered and the scan moves one word on.
// Both only ever find a match among n-grams that occur at least twice, and an n-gram can occur
// twice only where its (n-1)-word prefix does. So the positions of repeated n-grams are found
// once per n, each from those of n-1 (ordinary text repeats few 3-grams and fewer 5-grams),
// and every other position is passed over without a hash-table probe. The results are those
// of the plain algorithms over every position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "refinery/score/quality_tokenizer.h"

namespace refinery::quality {

// Open-addressing table of 64-bit keys with per-key counters. A slot is live when its
// generation stamp equals the current one, so Reset is O(1) (no clearing between passes).
struct FlatMap {
  // One slot holds a key and its counters together: a probe touches one cache line.
  struct Slot {
    uint64_t key;
    uint32_t gen, count, first;
  };
  std::vector<Slot> slots;
  size_t mask = 0;
  uint32_t cur = 0;

  void Reset(size_t expected);
  // Slot of `key`; `inserted` tells whether it is new (count 0, `first` unset).
  size_t Find(uint64_t key, bool& inserted) {
    size_t i = (key >> 7) & mask;
    while (slots[i].gen == cur) {
      if (slots[i].key == key) {
        inserted = false;
        return i;
      }
      i = (i + 1) & mask;
    }
    inserted = true;
    Slot& slot = slots[i];
    slot.gen = cur;
    slot.key = key;
    slot.count = 0;
    return i;
  }
};

class NGramIndex {
 public:
  // Indexes `tokens` (kept by reference until the next Reset).
  void Reset(const std::vector<Token>& tokens);

  // find_top_duplicate over n-grams joined by " ": {count, length in code points} of the most
  // frequent n-gram; {0, 0} when there are fewer than n words.
  std::pair<size_t, size_t> TopGram(size_t n);
  // find_all_duplicate over n-grams joined by "": the code points of the repeated n-grams.
  size_t DuplicateChars(size_t n);

 private:
  uint64_t Hash(size_t i, size_t n) const;
  size_t Chars(size_t i, size_t n) const { return word_lens_[i + n] - word_lens_[i]; }
  // Makes repeated_ the positions (ascending) whose n-gram occurs at least twice, and best_*
  // the most frequent n-gram's count and first position.
  void Advance(size_t n);

  size_t words_ = 0;
  std::vector<uint64_t> prefix_, powers_;  // polynomial prefix hashes over word hashes
  std::vector<uint32_t> word_lens_;        // prefix sums of word lengths (code points)
  size_t level_ = 0;                       // n of repeated_ (0: none computed)
  std::vector<uint32_t> repeated_, next_, slot_of_;
  uint32_t best_count_ = 0, best_first_ = 0;
  FlatMap map_;
};

}  // namespace refinery::quality
