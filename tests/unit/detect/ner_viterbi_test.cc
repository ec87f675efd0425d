// The tagger's decoder against the tag-by-tag loop it replaced: the same tags, for integer
// (tagging) and float (training) scores, with ties, forbidden transitions and scores far apart.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "refinery/detect/ner_model.h"

namespace refinery::ner {
namespace {

// The decoder as it was written first: each tag, each allowed previous tag in ascending order,
// a strict comparison (ties keep the first).
template <typename S>
std::vector<uint8_t> ReferenceDecode(const std::vector<S>& emit, size_t n,
                                     const std::vector<S>& trans, const std::vector<S>& start) {
  constexpr S kNeg = static_cast<S>(-(1 << 28));
  std::vector<S> delta(n * kTagStride);
  std::vector<uint8_t> back(n * kTagStride), out(n);
  for (int t = 0; t < kNumTags; ++t)
    delta[t] = AllowedTransition(255, static_cast<uint8_t>(t)) ? emit[t] + start[t] : kNeg;
  for (size_t i = 1; i < n; ++i) {
    for (int t = 0; t < kNumTags; ++t) {
      S best = kNeg;
      uint8_t arg = 0;
      for (int p = 0; p < kNumTags; ++p) {
        if (!AllowedTransition(static_cast<uint8_t>(p), static_cast<uint8_t>(t))) continue;
        const S v = delta[(i - 1) * kTagStride + p] + trans[p * kTagStride + t];
        if (v > best) best = v, arg = static_cast<uint8_t>(p);
      }
      delta[i * kTagStride + t] = best + emit[i * kTagStride + t];
      back[i * kTagStride + t] = arg;
    }
  }
  uint8_t best = 0;
  for (int t = 1; t < kNumTags; ++t)
    if (delta[(n - 1) * kTagStride + t] > delta[(n - 1) * kTagStride + best])
      best = static_cast<uint8_t>(t);
  out[n - 1] = best;
  for (size_t i = n - 1; i > 0; --i) out[i - 1] = back[i * kTagStride + out[i]];
  return out;
}

template <typename S, int kLanes>
void CompareOnRandomInputs(uint32_t seed) {
  std::mt19937 rng(seed);
  for (int round = 0; round < 400; ++round) {
    const size_t n = 1 + rng() % 40;
    // Narrow ranges make ties common; wide ones and the tagger's -(1 << 24) for unscored tokens
    // cover the magnitudes of real scores.
    const int range = round % 3 == 0 ? 3 : round % 3 == 1 ? 40000 : 1 << 20;
    auto draw = [&] { return static_cast<S>(static_cast<int>(rng() % (2 * range + 1)) - range); };
    std::vector<S> emit(n * kTagStride), trans(kTagStride * kTagStride), start(kTagStride);
    for (size_t i = 0; i < n; ++i) {
      const bool unscored = rng() % 4 == 0;
      for (int t = 0; t < kTagStride; ++t)
        emit[i * kTagStride + t] = unscored ? (t == 0 ? S(0) : static_cast<S>(-(1 << 24))) : draw();
    }
    for (S& v : trans) v = draw();
    for (S& v : start) v = draw();
    std::vector<S> delta(n * kTagStride);
    std::vector<uint8_t> back(n * kTagStride), tags(n);
    ViterbiDecode<S, kLanes>(emit.data(), n, trans.data(), start.data(), delta.data(), back.data(),
                             tags.data());
    ASSERT_EQ(tags, ReferenceDecode<S>(emit, n, trans, start)) << "round " << round;
  }
}

// Two 4-lane halves per row (the baseline x86-64 build) and one 8-lane vector (the AVX2 build
// of the tagger's numeric loops; here built for the baseline, which splits the vectors).
TEST(NerViterbi, SameTagsAsTheTagByTagLoop) {
  CompareOnRandomInputs<int32_t, 4>(1);
  CompareOnRandomInputs<float, 4>(2);
  CompareOnRandomInputs<int32_t, 8>(1);
  CompareOnRandomInputs<float, 8>(2);
}

}  // namespace
}  // namespace refinery::ner
