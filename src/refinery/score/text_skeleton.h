// The "skeleton" of a text for obfuscation-robust word matching: one ASCII unit per run of
// letters, with the code point range it came from. Built in one linear pass:
//   - case folding; Unicode confusables (Cyrillic/Greek look-alikes, fullwidth forms, accented
//     Latin letters) to their ASCII letter; zero-width characters and soft hyphens ignored;
//   - leetspeak inside words that have a letter ("sh1t", "@ss", "b!tch", "a$$");
//   - chains of single letters joined across one separator ("f.u.c.k", "f u c k", "f-u-c-k");
//   - runs of one letter collapsed to one unit that remembers the run length ("fuuuuck");
//   - everything else (spaces, punctuation, symbols) becomes one ' ' boundary unit.
// Lexicon terms go through the same function, so patterns and text always agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refinery {

// An allocator whose resize() leaves new trivial elements uninitialised: the skeleton's arrays
// are sized for the worst case (a unit per byte) and every unit is then written, so zeroing
// them first was 2% of `score toxicity`.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  using std::allocator<T>::allocator;
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

struct TextSkeleton {
  template <typename T>
  using Array = std::vector<T, UninitializedAllocator<T>>;

  std::string chars;         // one byte per unit: [a-z0-9*] or ' '
  Array<uint16_t> run;       // run length of each unit (letters; 1 for others)
  Array<uint32_t> cp_start;  // code point range [cp_start, cp_end) of each unit
  Array<uint32_t> cp_end;
  std::vector<uint8_t> joined;  // 1 when a separator was dropped before this unit ("f.u")

  void Clear() { Resize(0); }
  // Every array to `n` units; new units of `chars` and `joined` are zero, those of the others
  // unspecified until written.
  void Resize(size_t n) {
    chars.resize(n);
    joined.resize(n);
    run.resize(n);
    cp_start.resize(n);
    cp_end.resize(n);
  }
};

// Builds the skeleton of valid UTF-8 `text` into `out` (cleared first). Invalid bytes are
// treated as boundaries.
void BuildSkeleton(std::string_view text, TextSkeleton& out);

namespace text_skeleton_internal {
// The general path of BuildSkeleton, without its one-pass ASCII path: tests check that both
// give the same skeleton.
void BuildSkeletonGeneral(std::string_view text, TextSkeleton& out);
}  // namespace text_skeleton_internal

// Leetspeak digit -> letter inside a word that has letters ('\0' = keep the digit): 0 o, 1 i,
// 3 e, 4 a, 5 s, 7 t, 8 b. The skeleton also reads 9 as g and some symbols as letters; the
// toxicity classifier's word features use this table alone.
inline char LeetDigitLetter(char d) {
  switch (d) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '8':
      return 'b';
    default:
      return 0;
  }
}

}  // namespace refinery
