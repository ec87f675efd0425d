#include "refinery/score/quality_ngrams.h"

#include "refinery/core/hash.h"

namespace refinery::quality {

void FlatMap::Reset(size_t expected) {
  size_t cap = 16;
  while (cap < expected * 2) cap <<= 1;
  if (slots.size() < cap) {
    slots.assign(cap, Slot{0, 0, 0, 0});
    cur = 0;
  }
  mask = cap - 1;  // a prefix of the allocated slots; stale stamps there are never current
  if (++cur == 0) {
    for (Slot& slot : slots) slot.gen = 0;
    cur = 1;
  }
}

void NGramIndex::Reset(const std::vector<Token>& tokens) {
  words_ = tokens.size();
  prefix_.resize(words_ + 1);
  powers_.resize(words_ + 1);
  word_lens_.resize(words_ + 1);
  prefix_[0] = 0;
  powers_[0] = 1;
  word_lens_[0] = 0;
  constexpr uint64_t kBase = 0x9E3779B97F4A7C15ULL;
  for (size_t i = 0; i < words_; ++i) {
    prefix_[i + 1] = prefix_[i] * kBase + tokens[i].hash;
    powers_[i + 1] = powers_[i] * kBase;
    word_lens_[i + 1] = word_lens_[i] + tokens[i].cp_len;
  }
  level_ = 0;
}

uint64_t NGramIndex::Hash(size_t i, size_t n) const {
  return Murmur3Mix64(prefix_[i + n] - prefix_[i] * powers_[n] + n);
}

void NGramIndex::Advance(size_t n) {
  if (level_ == n) return;
  size_t m = level_ + 1;
  if (level_ == 0 || n < level_) {
    // Start over from every position: the first pass is a plain count.
    repeated_.resize(words_ + 1 - n);
    for (size_t i = 0; i < repeated_.size(); ++i) repeated_[i] = static_cast<uint32_t>(i);
    m = n;
  }
  for (;; ++m) {
    // Candidates: positions whose (m-1)-gram repeats (all of them on the first pass) that
    // still have m words.
    while (!repeated_.empty() && repeated_.back() + m > words_) repeated_.pop_back();
    map_.Reset(repeated_.size());
    slot_of_.resize(repeated_.size());
    best_count_ = 0;
    best_first_ = 0;
    for (size_t k = 0; k < repeated_.size(); ++k) {
      const uint32_t i = repeated_[k];
      bool inserted;
      size_t slot = map_.Find(Hash(i, m), inserted);
      FlatMap::Slot& s = map_.slots[slot];
      if (inserted) s.first = i;
      const uint32_t c = ++s.count;
      // The first n-gram to reach the highest count is the most frequent, first seen on ties
      // (Counter.most_common keeps insertion order).
      if (c > best_count_ || (c == best_count_ && s.first < best_first_)) {
        best_count_ = c;
        best_first_ = s.first;
      }
      slot_of_[k] = static_cast<uint32_t>(slot);
    }
    // A position skipped as unique holds an n-gram seen once: if nothing repeats, the most
    // frequent n-gram is the first one.
    if (best_count_ <= 1) {
      best_count_ = 1;
      best_first_ = 0;
    }
    next_.clear();
    for (size_t k = 0; k < repeated_.size(); ++k) {
      if (map_.slots[slot_of_[k]].count >= 2) next_.push_back(repeated_[k]);
    }
    repeated_.swap(next_);
    level_ = m;
    if (m == n) return;
  }
}

std::pair<size_t, size_t> NGramIndex::TopGram(size_t n) {
  if (n == 0 || words_ < n) return {0, 0};
  Advance(n);
  return {best_count_, Chars(best_first_, n) + (n - 1)};  // " ".join
}

size_t NGramIndex::DuplicateChars(size_t n) {
  if (n == 0 || words_ < n) return 0;
  Advance(n);
  // Positions whose n-gram occurs once are never found and never looked up again: the scan
  // jumps from one repeating position to the next.
  map_.Reset(repeated_.size());
  size_t chars = 0;
  size_t i = 0;
  for (uint32_t at : repeated_) {
    if (at < i) continue;  // inside an n-gram already counted
    i = at;
    bool inserted;
    map_.Find(Hash(i, n), inserted);
    if (!inserted) {
      chars += Chars(i, n);  // "".join
      i += n;
    } else {
      ++i;
    }
  }
  return chars;
}

}  // namespace refinery::quality
