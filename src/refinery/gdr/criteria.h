// The verifiers of the GDR loop: what a rewrite must satisfy (h(y)) before it is accepted.
//
// A Criterion is immutable and thread-safe. For each document it first Prepare()s a state from
// the original (e.g. the PII values the original holds), which says whether the original
// already passes, and then Check()s candidates against it. Feedback strings are meant for the
// retry prompt and the audit log, so they name what failed (types, counts, scores) and never
// the PII values themselves.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery::gdr {

struct Verdict {
  bool pass = true;
  std::string feedback;          // why it failed, for the retry prompt ("" when it passed)
  Json detail = Json::object();  // figures for the audit log (no PII values)
};

// What a criterion learnt from one original document.
class CriterionState {
 public:
  virtual ~CriterionState() = default;
  bool original_passes = true;
};

class OriginalFacts;

class Criterion {
 public:
  virtual ~Criterion() = default;
  virtual std::string name() const = 0;
  virtual std::unique_ptr<CriterionState> Prepare(std::string_view original) const;
  // The same, sharing what several criteria compute from the original (`facts`, one per
  // original) instead of computing it once each.
  virtual std::unique_ptr<CriterionState> Prepare(std::string_view original,
                                                  OriginalFacts& facts) const;
  virtual Verdict Check(std::string_view original, std::string_view candidate,
                        const CriterionState& state) const = 0;
};

// A small pool of per-thread scratch objects for criteria called from any thread.
template <typename T>
class ScratchPool {
 public:
  explicit ScratchPool(std::function<std::unique_ptr<T>()> make) : make_(std::move(make)) {}
  std::unique_ptr<T> Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        auto s = std::move(free_.back());
        free_.pop_back();
        return s;
      }
    }
    return make_();
  }
  void Give(std::unique_ptr<T> s) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }

 private:
  std::function<std::unique_ptr<T>()> make_;
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> free_;
};

// What the criteria of one original share: the detector's spans (the PII and keep_text
// criteria both need them, and the detector pass is the costliest part of preparing a chunk).
class OriginalFacts {
 public:
  // The spans `detector` finds in `original`, detected on the first call for that pair.
  const std::vector<PiiSpan>& Spans(const PiiDetector& detector, std::string_view original,
                                    ScratchPool<PiiDetector::Scratch>& pool);

 private:
  const PiiDetector* detector_ = nullptr;
  std::string_view original_;
  std::vector<PiiSpan> spans_;
};

// PII: no value the detector finds in the original (every type it reports, names and places
// from the tagger included) survives in the candidate, matched as a whole word. A fresh value
// that is not in the original is fine: a realistic fake card or IBAN with a valid checksum is
// what a good surrogate looks like. `forbid_new_types` (empty by default) rejects any value of
// those types in the candidate; `exempt` values (e.g. public figures the task keeps, from
// must_keep) may stay.
struct PiiCriterionOptions {
  std::vector<std::string> forbid_new_types;
  std::vector<std::string> exempt;
};
class PiiLeakState : public CriterionState {
 public:
  std::vector<PiiSpan> spans;       // byte offsets into the original
  std::vector<std::string> values;  // distinct values
  std::vector<std::string> types;   // type of each value
};
std::shared_ptr<const Criterion> MakePiiCriterion(std::shared_ptr<const PiiDetector> detector,
                                                  PiiCriterionOptions options = {});

// Toxicity below `max_score` (any ToxicityCriterion: the built-in classifier or external).
std::shared_ptr<const Criterion> MakeToxicityCriterion(
    std::shared_ptr<const ToxicityCriterion> scorer, double max_score);

// Code point length of the candidate within [min_ratio, max_ratio] x the original's (not
// checked for originals shorter than `min_chars`).
std::shared_ptr<const Criterion> MakeLengthRatioCriterion(double min_ratio, double max_ratio,
                                                          size_t min_chars = 20);

// Normalised edit distance Δ(original, candidate) at most `max_distance`.
std::shared_ptr<const Criterion> MakeDistanceCriterion(double max_distance);

// Every listed string that occurs in the original occurs in the candidate.
std::shared_ptr<const Criterion> MakeMustKeepCriterion(std::vector<std::string> strings);

// Whether `value` occurs in `text` with no letter or digit right before or after it.
bool ContainsWord(std::string_view text, std::string_view value);

}  // namespace refinery::gdr
