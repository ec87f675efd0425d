// Records and batches: the unit of data every pipeline step works on.
//
// A Record is one JSON object read from one input line. The input bytes are validated and
// parsed once (simdjson); a record that no step touches is written back as its original bytes.
// Nested fields are read by re-parsing those bytes on demand with a per-thread parser, which
// is cheaper than keeping a parsed tree per record.
// Steps change a record through this interface only: the text, Refinery's own `refinery`
// object, the top-level field selection, or its fate (drop / reject). Everything else in the
// input object is carried through unchanged and in order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/counters.h"
#include "refinery/core/json.h"

namespace refinery {

// Where a record came from: the input path as given and its 1-based line number. The path is
// a view of the run's (or reader's) input list, which outlives every record made from it.
struct SourceLocation {
  std::string_view file;
  uint64_t line = 0;
};

// A read-only copy of one field's value (from the input or from Refinery's additions).
struct FieldValue {
  enum class Type { kMissing, kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kMissing;
  bool boolean = false;
  double number = 0;
  std::string string;
  size_t size = 0;  // element count of an array or object
};

class Record {
 public:
  Record() = default;
  Record(Record&&) noexcept = default;
  Record& operator=(Record&&) noexcept = default;

  // The record's identity: the id field (a string as-is, a number as its JSON text), or
  // "<file>:<line>" when the record has none.
  const std::string& id() const;
  const SourceLocation& source() const { return source_; }

  // The current text (UTF-8). set_text marks the record changed.
  std::string_view text() const {
    if (text_deferred_) LoadDeferredText();
    return text_owned_ ? std::string_view(owned_text_) : text_;
  }
  void set_text(std::string text);
  bool text_changed() const { return text_changed_; }
  // How many times the text was changed (the executor counts changes per step with it).
  uint32_t text_version() const { return text_version_; }

  // The record's `refinery` object: what Refinery adds (spans, scores, status, edits...).
  // Holds the input's own `refinery` object, if it had one, on first access.
  Json& refinery();
  // Whether the record has a `refinery` object: from the input, made by refinery(), or
  // pending members. False means refinery() would return an empty object.
  bool has_refinery() const;
  // Appends members to the `refinery` object as JSON text (`"key":value,...`, written as
  // AppendJson would write them), for a step that adds many small values per record (spans):
  // they reach the output line without a Json tree (and, when the record has no object yet,
  // without making one). The caller checks that refinery() holds none of the keys.
  // refinery() and Get() parse pending members into the object first, so later steps see the
  // object they would see had the step built it as Json.
  void AppendRefineryMembers(std::string_view members);
  // The engine's refinery.status without a Json object, for a record whose `refinery` is
  // pending members only (none in the input, no object made): appends "status":"<status>"
  // when no status was appended so before; with one there, does nothing unless `replace`.
  // False (nothing done) when the caller must write it through refinery(): an object exists,
  // or a status there is to be replaced. `status` is plain ASCII without quotes or escapes.
  bool AppendPendingStatus(std::string_view status, bool replace);

  // Looks up a field by dotted path ("meta.lang", "refinery.scores.toxicity", "tags.0").
  // `text` (the configured text field) reads the current text.
  FieldValue Get(std::string_view path) const;

  // Keeps only the named top-level fields, in the given order (absent names are skipped).
  void SelectFields(const std::vector<std::string>& names);
  // Removes the named top-level fields.
  void RemoveFields(const std::vector<std::string>& names);
  // Renames a top-level field; false when `from` is absent.
  bool RenameField(std::string_view from, std::string_view to);

  // Removes the record from the output (a filter said no). Counted as dropped.
  void Drop() { dropped_ = true; }
  bool dropped() const { return dropped_; }

  // What the current step made of the record, when it says more than "changed" or "kept"
  // ("fallback", "dropped", ...): one of the names the step declares (Step::outcomes), which
  // must outlive the record. The engine writes it as refinery.status once the step has run,
  // at the place among the `refinery` fields the record had when it was reported; a step
  // never writes the status itself.
  void set_outcome(std::string_view outcome);
  std::string_view outcome() const { return outcome_; }
  // Where the status goes when the `refinery` object has none yet: its field count when the
  // outcome was reported.
  size_t outcome_slot() const { return outcome_slot_; }
  void ClearOutcome() { outcome_ = {}; }  // for the engine, once it wrote the status

  // Sends the record to rejects.jsonl with `reason` (a step could not process it).
  void Reject(std::string reason);
  bool rejected() const { return reject_reason_.has_value(); }
  const std::string& reject_reason() const { return *reject_reason_; }

  // True when the record must be re-serialized rather than copied byte for byte.
  bool modified() const { return text_changed_ || refinery_touched_ || field_plan_.has_value(); }

  // The validated input bytes (without the line terminator).
  std::string_view raw_line() const { return raw_line_; }

  // Appends the record's JSON line (without newline) to `out`.
  void Serialize(std::string& out) const;

  // --- for the record parser ---
  struct OutputField {
    std::string name;        // name written
    std::string source_key;  // key in the input object it comes from
  };
  // `raw_line` must stay valid (and be followed by simdjson's padding) for the record's life,
  // and so must `text` when `text_is_stable` (else it is copied); an empty `id` means the
  // record has none. `text_field` is owned by the pipeline config.
  void InitValidated(std::string_view raw_line, SourceLocation source, std::string_view id,
                     std::string_view text, bool text_is_stable, bool has_refinery,
                     const std::string* text_field);
  // As InitValidated, for a record whose text no step is expected to read: it is taken from
  // the line only if asked for.
  void InitValidatedDeferText(std::string_view raw_line, SourceLocation source, std::string_view id,
                              bool has_refinery, const std::string* text_field);

 private:
  std::vector<OutputField> CurrentFieldPlan() const;
  void LoadDeferredText() const;
  void ParsePendingMembers() const;
  void AppendRefineryJson(std::string& out) const;

  std::string_view raw_line_;
  const std::string* text_field_ = nullptr;
  bool input_has_refinery_ = false;
  SourceLocation source_;
  mutable std::string id_;  // made from source_ on first use when the record has no id
  std::string_view text_;
  mutable std::string owned_text_;  // the text once set, copied or loaded, when text_owned_
  mutable bool text_owned_ = false;
  mutable bool text_deferred_ = false;  // not read from the line yet
  bool text_changed_ = false;
  uint32_t text_version_ = 0;
  mutable std::unique_ptr<Json> refinery_;
  mutable std::string pending_members_;  // AppendRefineryMembers' text, not parsed yet
  mutable bool pending_status_ = false;  // pending_members_ holds AppendPendingStatus' status
  bool refinery_touched_ = false;
  std::optional<std::vector<OutputField>> field_plan_;
  bool dropped_ = false;
  std::optional<std::string> reject_reason_;
  std::string_view outcome_;
  uint32_t outcome_slot_ = 0;
};

// Counters of one step over some records: the executor fills the record counts and seconds;
// the step counts its own figures into `counters` (typed: each declares how it combines).
struct StepStats : RecordCounts {
  double seconds = 0;
  Counters counters;

  void Add(const StepStats& other);
  // {in, out, dropped, changed, rejected, seconds, extra}: the summary's form, where `extra`
  // holds the step's figures by name (Counters::ToJson).
  Json ToJson() const;
  // The same with `counters` kept typed (["name", kind, value]...), for part markers: what
  // FromJson reads back on --resume.
  Json ToTypedJson() const;
  static StepStats FromJson(const Json& j);
};

// A run of consecutive records of one part of the input, processed together.
class Batch {
 public:
  Batch();
  ~Batch();
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  std::vector<Record>& records() { return records_; }
  const std::vector<Record>& records() const { return records_; }

  // Position in the run: batches are numbered in input order; each belongs to one part.
  uint64_t sequence() const { return sequence_; }
  uint32_t part() const { return part_; }

  // Counters of the step currently processing this batch.
  StepStats& stats() { return step_stats_[current_step_]; }

  // Appends one JSON line to a side output of the run (e.g. "audit" → audit.jsonl), kept in
  // input order and committed with the part like the records themselves.
  void Emit(std::string_view channel, const Json& line);

  // --- for the executor ---
  // Emits `line` on the "rejects" channel and keeps its reason, so that sinks count reasons
  // without parsing the lines back.
  void EmitReject(const Json& line, std::string reason);
  const std::vector<std::string>& reject_reasons() const { return reject_reasons_; }
  struct Storage;
  Storage& storage() { return *storage_; }
  void Reset(uint64_t sequence, uint32_t part, size_t step_count);
  void set_part(uint32_t part) { part_ = part; }
  void set_sequence(uint64_t sequence) { sequence_ = sequence; }
  void set_current_step(size_t i) { current_step_ = i; }
  std::vector<StepStats>& all_step_stats() { return step_stats_; }
  std::map<std::string, std::string, std::less<>>& side_outputs() { return side_outputs_; }

 private:
  std::vector<Record> records_;
  uint64_t sequence_ = 0;
  uint32_t part_ = 0;
  size_t current_step_ = 0;
  std::vector<StepStats> step_stats_;
  std::map<std::string, std::string, std::less<>> side_outputs_;
  std::vector<std::string> reject_reasons_;
  std::unique_ptr<Storage> storage_;
};

}  // namespace refinery
