// Hashes, one implementation of each. Every output here is persisted somewhere (config hashes and
// cache keys, hashed model features, sampling decisions, surrogate choices, generated corpora),
// so changing a single bit changes shipped models and outputs: add a new function instead.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace refinery {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// 2^64 / golden ratio: splitmix64's increment, also used to spread small seeds.
inline constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

// FNV-1a, 64 bit. Seeds other than the offset basis are used (and persisted) in a few places.
inline constexpr uint64_t kFnv64Offset = 0xcbf29ce484222325ull;
inline constexpr uint64_t kFnv64Prime = 0x100000001b3ull;
// The offset basis with its last digit lost (1469598103934665603, not ...6037), as the refiner
// model's features were first hashed: models/refiner.bin depends on it, so it stays.
inline constexpr uint64_t kFnv64OffsetRefiner = 1469598103934665603ull;
// One step over a unit (a byte, or a code point where text is hashed as code points).
inline constexpr uint64_t Fnv1a64Step(uint64_t h, uint64_t unit) {
  return (h ^ unit) * kFnv64Prime;
}
inline constexpr uint64_t Fnv1a64(std::string_view bytes, uint64_t h = kFnv64Offset) {
  for (char c : bytes) h = Fnv1a64Step(h, static_cast<unsigned char>(c));
  return h;
}

// splitmix64's output function (Stafford's variant 13), without the increment.
inline constexpr uint64_t SplitMix64Finalize(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
// One splitmix64 step on `x` as a stateless mixer.
inline constexpr uint64_t SplitMix64(uint64_t x) { return SplitMix64Finalize(x + kGoldenGamma); }

// MurmurHash3's 64-bit finaliser (fmix64).
inline constexpr uint64_t Murmur3Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// The inverse of Murmur3Mix64 (fmix64 is a bijection): recovers the hash a finished hash was
// made from, e.g. to reuse a word's FNV-1a state kept only in its finished form.
inline constexpr uint64_t Murmur3Unmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0x9cb4b2f8129337dbull;  // 0xc4ceb9fe1a85ec53^-1 mod 2^64
  h ^= h >> 33;
  h *= 0x4f74430c22a54005ull;  // 0xff51afd7ed558ccd^-1 mod 2^64
  h ^= h >> 33;
  return h;
}
static_assert(Murmur3Unmix64(Murmur3Mix64(0x0123456789abcdefull)) == 0x0123456789abcdefull);

// The splitmix64 generator: small, fast and the same on every platform, so a seed means the same
// sequence everywhere.
class SplitMix64Rng {
 public:
  explicit constexpr SplitMix64Rng(uint64_t state = 0) : state_(state) {}
  constexpr uint64_t Next() { return SplitMix64Finalize(state_ += kGoldenGamma); }
  // Uniform-ish in [0, n) (modulo bias accepted); 0 when n is 0.
  constexpr uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  // True with probability p, from the top 53 bits.
  constexpr bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  // One element of a non-empty array or vector.
  template <typename Items>
  const auto& Pick(const Items& items) {
    return items[Below(std::size(items))];
  }
  uint64_t state() const { return state_; }
  void set_state(uint64_t state) { state_ = state; }

 private:
  uint64_t state_;
};

}  // namespace refinery
