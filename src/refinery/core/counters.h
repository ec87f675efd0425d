// Typed counters: the figures a step adds to the run summary (StepStats::counters), each with
// the rule that combines two of them declared where it is counted (sum, minimum, maximum,
// sums per key, element-wise sums), not guessed from its name.
//
// A dotted name groups figures: "llm.chunks" and "llm.answers" are written as one object
// {"llm": {"chunks": .., "answers": {..}}} in the summary (ToJson); the typed form keeps the
// names as counted. A name must not also be the group of another ("llm" and "llm.chunks").
//
// Batches, parts, shards of one run are combined with Combine in input order, so sums of
// reals add up in the same order whatever the thread count. A counter exists once it is first
// counted and is written in that order, so a summary lists only what happened.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/core/json.h"

namespace refinery {

// What every stage of a run counts of records: the run's totals and each step's.
struct RecordCounts {
  uint64_t in = 0;
  uint64_t out = 0;
  uint64_t dropped = 0;
  uint64_t rejected = 0;
  uint64_t changed = 0;

  void Add(const RecordCounts& other);
};

class Counters {
 public:
  enum class Kind : uint8_t { kSum, kMin, kMax, kSumByKey, kSumEach };

  // One number: integers and reals are kept apart because JSON writes 3 and 3.0 differently
  // and a summary keeps each figure as the step counted it.
  struct Number {
    bool real = false;
    uint64_t integer = 0;
    double value = 0;

    static Number Of(uint64_t n) { return {false, n, 0}; }
    static Number Of(double v) { return {true, 0, v}; }
    double AsDouble() const { return real ? value : static_cast<double>(integer); }
    void Add(const Number& other);
    bool Less(const Number& other) const { return AsDouble() < other.AsDouble(); }
    Json ToJson() const { return real ? Json(value) : Json(integer); }
  };

  // Sums: an integer count (`Count("docs")`) or a real total (`Sum("toxicity_sum", p)`).
  void Count(std::string_view name, uint64_t n = 1) { Update(name, Kind::kSum, Number::Of(n)); }
  void Sum(std::string_view name, double v) { Update(name, Kind::kSum, Number::Of(v)); }
  // The smallest / largest value seen.
  void Min(std::string_view name, uint64_t v) { Update(name, Kind::kMin, Number::Of(v)); }
  void Max(std::string_view name, uint64_t v) { Update(name, Kind::kMax, Number::Of(v)); }
  void Max(std::string_view name, double v) { Update(name, Kind::kMax, Number::Of(v)); }
  // Sums per key, written as an object ("pii_by_type": {"EMAIL_ADDRESS": 3}).
  void CountBy(std::string_view name, std::string_view key, uint64_t n = 1);
  void SumBy(std::string_view name, std::string_view key, double v);
  // Creates the per-key counter, empty, when it does not exist yet: an object the summary
  // always lists ({} when nothing was counted), at the place it is declared.
  void DeclareBy(std::string_view name) { Find(name, Kind::kSumByKey); }
  // Element-wise sums, written as an array (histograms, figures per attempt number).
  void CountAt(std::string_view name, size_t index, uint64_t n = 1);
  void SumAt(std::string_view name, size_t index, double v);

  bool empty() const { return entries_.empty(); }

  // Adds `other` in: each counter by its own kind; counters new to this set are appended.
  void Combine(const Counters& other);

  // {name: value, ...} in the order first counted, dotted names grouped into objects: what
  // the summary shows.
  Json ToJson() const;
  // The same with each counter's kind, so counters saved with a part can be combined again
  // after --resume: [[name, kind, value], ...].
  Json ToTypedJson() const;
  static Counters FromTypedJson(const Json& j);

 private:
  struct Entry {
    std::string name;
    Kind kind = Kind::kSum;
    Number number;                                       // kSum, kMin, kMax
    std::vector<std::pair<std::string, Number>> by_key;  // kSumByKey
    std::vector<Number> each;                            // kSumEach
  };
  // The counter named `name`, appended (empty, of `kind`) when new.
  Entry& Find(std::string_view name, Kind kind);
  static void AddByKey(Entry& e, std::string_view key, const Number& n);
  static void AddAt(Entry& e, size_t index, const Number& n);
  void Update(std::string_view name, Kind kind, Number n);
  static void CombineEntry(Entry& into, const Entry& from);

  std::vector<Entry> entries_;
};

}  // namespace refinery
