// PII and secret detection.
//
// A PiiDetector is compiled once from options (Hyperscan prefilter database + validators +
// context scoring) and is immutable and thread-safe; each thread brings its own Scratch.
// Detect() returns non-overlapping spans in code point offsets, half-open, sorted by start.
// Scanning is linear in the input: a multi-pattern Hyperscan pass finds candidate anchors,
// hand-written scanners recover exact spans in a bounded window, validators (Luhn, mod-97,
// Base58Check, bech32, ...) and nearby context keywords decide the score.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/status.h"

namespace refinery {

// One detected PII entity. Offsets are Unicode code points into the text, half-open.
struct PiiSpan {
  size_t start = 0, end = 0;
  std::string type;  // EMAIL_ADDRESS, PHONE_NUMBER, PERSON, API_KEY, ...
  double score = 0;
  std::string detector;  // which detector produced it ("email", "luhn", "gazetteer", ...)
};

struct PiiDetectorOptions {
  std::vector<std::string> types;  // entity types to report; empty = all
  double min_score = 0.5;          // spans scoring below this are dropped
  // Exact strings never reported as PII (allow_list) / always reported (deny_list, as type
  // "DENY_LIST" unless the entry is written "TYPE:value").
  std::vector<std::string> allow_list, deny_list;
  // The learned named-entity tagger (PERSON, LOCATION, ORGANIZATION; docs/pii.md). It runs only
  // when one of those types is wanted. Off: PERSON comes from the rule cues alone and LOCATION /
  // ORGANIZATION are not found. `ner_model` empty = ner.bin in the models directory.
  bool ner = true;
  std::string ner_model;
  // Compiled trigger databases (SavePatternDatabases); empty = pii.triggers.hsdb in the models
  // directory. Used when it holds the database of this options' trigger set for this Hyperscan
  // version and CPU; otherwise the triggers are compiled (about 0.07 s of CPU), with the same
  // matches.
  std::string pattern_database;
};

// The types reported when none are named, for anonymization: every type but ORGANIZATION and
// URL (an organisation's name or a URL is not personal data by itself; name it in `types` to
// replace it too).
const std::vector<std::string>& DefaultAnonymizeTypes();

// The types the named-entity tagger reports: PERSON, LOCATION, ORGANIZATION (`--types` of the
// evaluations on the NER sets; pii.triggers.hsdb holds their trigger set too).
const std::vector<std::string>& TaggerTypes();

// All entity types the detector knows, in a stable order.
const std::vector<std::string>& AllPiiTypes();

class PiiDetector {  // immutable, thread-safe
 public:
  static StatusOr<std::shared_ptr<const PiiDetector>> Create(const PiiDetectorOptions& options);
  ~PiiDetector();

  class Scratch;  // per-thread working memory
  std::unique_ptr<Scratch> NewScratch() const;

  // Spans in code point offsets, sorted, non-overlapping. `utf8_text` must be valid UTF-8
  // (invalid bytes are tolerated but offsets then count them as single code points).
  std::vector<PiiSpan> Detect(std::string_view utf8_text, Scratch& scratch) const;

  // Same, but offsets in bytes (what the anonymizer works with internally).
  std::vector<PiiSpan> DetectBytes(std::string_view utf8_text, Scratch& scratch) const;

  const PiiDetectorOptions& options() const;

  // Whether the trigger database was read from options().pattern_database (not compiled).
  bool loaded_pattern_database() const;

  // Writes to `path` the trigger database of each of `type_sets` (options().types of a
  // detector; empty = every type), compiled for any x86-64 CPU (io/hyperscan_db.h).
  static Status SavePatternDatabases(const std::string& path,
                                     const std::vector<std::vector<std::string>>& type_sets);

  struct Impl;

 private:
  explicit PiiDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class PiiDetector::Scratch {
 public:
  ~Scratch();
  struct State;
  State& state() { return *state_; }

 private:
  friend class PiiDetector;
  explicit Scratch(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace refinery
