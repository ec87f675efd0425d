// Anonymization of detected PII spans: placeholder, mask, keyed hash, redact, surrogate.
//
// An Anonymizer is immutable and thread-safe; a Scratch (per thread) holds the per-document
// consistency map (the same original value gets the same surrogate within a document). With a
// key (from an environment variable) surrogates and hashes are deterministic keyed functions
// of the value, so the mapping is also consistent across the corpus.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/status.h"
#include "refinery/detect/pii_detector.h"

namespace refinery {

enum class AnonymizeOperator { kPlaceholder, kMask, kHash, kRedact, kSurrogate };

// Parses "placeholder" | "mask" | "hash" | "redact" | "surrogate".
StatusOr<AnonymizeOperator> ParseAnonymizeOperator(std::string_view name);
std::string_view AnonymizeOperatorName(AnonymizeOperator op);

struct AnonymizerOptions {
  AnonymizeOperator default_operator = AnonymizeOperator::kPlaceholder;
  std::map<std::string, AnonymizeOperator> operators;  // per entity type, overrides default
  // Name of the environment variable holding the key for `hash` and keyed surrogates. Empty =
  // no key: `hash` is then an error at Create, surrogates are consistent per document only.
  std::string key_env;
  size_t mask_tail = 4;  // `mask` keeps this many trailing characters (code points)
  char32_t mask_char = '*';
  bool keep_originals = false;  // record originals in the replacement log
};

// One replacement made. Offsets are code points, half-open: start/end into the ORIGINAL text,
// out_start/out_end (the surrogate) into the text Apply returns.
struct Replacement {
  std::string type;
  size_t start = 0, end = 0;
  std::string surrogate;  // the text written in place of the original ("" for redact)
  std::string original;   // only filled when keep_originals
  size_t out_start = 0, out_end = 0;
};

class Anonymizer {  // immutable, thread-safe
 public:
  static StatusOr<std::shared_ptr<const Anonymizer>> Create(const AnonymizerOptions& options);
  ~Anonymizer();

  class Scratch;  // per-thread; Apply() resets its per-document map
  std::unique_ptr<Scratch> NewScratch() const;

  // Replaces `spans` (code point offsets, as Detect returns; overlapping spans are merged,
  // the first wins) in `text` and returns the new text. Appends one entry per replacement to
  // `log` when non-null.
  std::string Apply(std::string_view text, const std::vector<PiiSpan>& spans, Scratch& scratch,
                    std::vector<Replacement>* log) const;

  const AnonymizerOptions& options() const;

  struct Impl;

 private:
  explicit Anonymizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Anonymizer::Scratch {
 public:
  ~Scratch();
  struct State;
  State& state() { return *state_; }

 private:
  friend class Anonymizer;
  explicit Scratch(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace refinery
