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

// TagSentence's two builds of its weight-row sums and decoder give the same emission scores and
// tags: random sentences with unscored tokens, weights over the whole int16 range.
TEST(NerViterbi, Avx2BuildOfTheSumsAndDecoderMatchesTheBaseline) {
  const SumRowsAndDecodeBuilds& builds = SumRowsAndDecodeBuildsHere();
  ASSERT_NE(builds.baseline, nullptr);
  if (builds.avx2 == nullptr) GTEST_SKIP() << "this CPU has no AVX2";
  std::mt19937 rng(7);
  constexpr size_t kRows = 4096;
  std::vector<int16_t> weights(kRows * kTagStride);
  for (int16_t& w : weights) w = static_cast<int16_t>(static_cast<int>(rng() % 65536) - 32768);
  std::vector<int32_t> trans(kTagStride * kTagStride), start(kTagStride);
  for (int32_t& v : trans) v = static_cast<int32_t>(rng() % 20001) - 10000;
  for (int32_t& v : start) v = static_cast<int32_t>(rng() % 20001) - 10000;
  for (int round = 0; round < 300; ++round) {
    const size_t n = 1 + rng() % 60;
    std::vector<uint8_t> score(n);
    std::vector<uint32_t> offsets(n + 1), features;
    for (size_t i = 0; i < n; ++i) {
      offsets[i] = static_cast<uint32_t>(features.size());
      score[i] = rng() % 4 != 0;
      if (!score[i]) continue;
      for (uint32_t k = rng() % 40; k > 0; --k) features.push_back(rng() % kRows);
    }
    offsets[n] = static_cast<uint32_t>(features.size());
    std::vector<int32_t> emit[2], delta[2];
    std::vector<uint8_t> back[2], tags[2];
    for (int b = 0; b < 2; ++b) {
      emit[b].assign(n * kTagStride, 0);
      delta[b].resize(n * kTagStride);
      back[b].resize(n * kTagStride);
      tags[b].resize(n);
      (b == 0 ? builds.baseline : builds.avx2)(
          n, score.data(), offsets.data(), features.data(), weights.data(), trans.data(),
          start.data(), emit[b].data(), delta[b].data(), back[b].data(), tags[b].data());
    }
    ASSERT_EQ(emit[0], emit[1]) << "round " << round;
    ASSERT_EQ(tags[0], tags[1]) << "round " << round;
  }
}

// The builds decode each run of scored tokens apart (with the unscored token on either side):
// the tags are those of one decode over the whole sentence, ties included. Narrow weight ranges
// make ties common; long and short runs, runs at either end and sentences with none.
TEST(NerViterbi, RunsOfScoredTokensDecodeAsTheWholeSentence) {
  const SumRowsAndDecodeBuilds& builds = SumRowsAndDecodeBuildsHere();
  std::mt19937 rng(11);
  for (int round = 0; round < 600; ++round) {
    const int range = round % 2 == 0 ? 2 : 3000;
    constexpr size_t kRows = 64;
    std::vector<int16_t> weights(kRows * kTagStride);
    for (int16_t& w : weights)
      w = static_cast<int16_t>(static_cast<int>(rng() % (2 * range + 1)) - range);
    std::vector<int32_t> trans(kTagStride * kTagStride), start(kTagStride);
    for (int32_t& v : trans) v = static_cast<int32_t>(rng() % (2 * range + 1)) - range;
    for (int32_t& v : start) v = static_cast<int32_t>(rng() % (2 * range + 1)) - range;
    const size_t n = 1 + rng() % 50;
    const unsigned unscored_in_8 = rng() % 8;  // from all scored to mostly unscored
    std::vector<uint8_t> score(n);
    std::vector<uint32_t> offsets(n + 1), features;
    for (size_t i = 0; i < n; ++i) {
      offsets[i] = static_cast<uint32_t>(features.size());
      score[i] = rng() % 8 >= unscored_in_8;
      if (!score[i]) continue;
      for (uint32_t k = 1 + rng() % 6; k > 0; --k) features.push_back(rng() % kRows);
    }
    offsets[n] = static_cast<uint32_t>(features.size());
    for (SumRowsAndDecodeFn build : {builds.baseline, builds.avx2}) {
      if (build == nullptr) continue;
      std::vector<int32_t> emit(n * kTagStride, 0), delta(n * kTagStride);
      std::vector<uint8_t> back(n * kTagStride), tags(n, 99);
      build(n, score.data(), offsets.data(), features.data(), weights.data(), trans.data(),
            start.data(), emit.data(), delta.data(), back.data(), tags.data());
      ASSERT_EQ(tags, ReferenceDecode<int32_t>(emit, n, trans, start)) << "round " << round;
      for (size_t i = 0; i < n; ++i) {
        if (score[i]) continue;
        ASSERT_EQ(tags[i], 0) << "round " << round << " token " << i;
      }
    }
  }
}

}  // namespace
}  // namespace refinery::ner
