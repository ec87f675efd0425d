// The engine's own steps: filter, select, rename, dedup_exact, sample, stats.
#include <openssl/evp.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include "refinery/core/hash.h"
#include "refinery/core/text_split.h"
#include "refinery/core/utf8.h"
#include "refinery/pipeline/predicate.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery {
namespace {

// --- filter: keep records for which `where` holds -------------------------------------------

class FilterStep : public RecordStep {
 public:
  FilterStep(std::shared_ptr<const Predicate> predicate, bool invert)
      : predicate_(std::move(predicate)), invert_(invert) {}
  void ProcessRecord(Record& record, StepStats&) const override {
    if (predicate_->Matches(record) == invert_) record.Drop();
  }
  bool reads_text() const override { return false; }  // a predicate on it reads it lazily

 private:
  std::shared_ptr<const Predicate> predicate_;
  bool invert_;
};

ParamTable FilterParams() {
  ParamTable t;
  t.String("where", "", "Predicate a record must satisfy (docs/pipelines.md), e.g. len(text) >= 40")
      .Required("e.g. where: \"refinery.scores.toxicity < 0.5\"");
  t.Bool("invert", false, "Keep the records for which the predicate does not hold");
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeFilter(StepParams& params, const StepEnvironment&) {
  std::string where = params.GetString("where");
  bool invert = params.GetBool("invert");
  if (where.empty())
    params.Fail("where", "required, e.g. where: \"refinery.scores.toxicity < 0.5\"");
  std::shared_ptr<const Predicate> predicate;
  if (!where.empty()) {
    auto compiled = Predicate::Compile(where);
    if (!compiled.ok()) {
      params.Fail("where", std::string(compiled.status().message()));
    } else {
      predicate = *compiled;
    }
  }
  RETURN_IF_ERROR(params.Finish());
  return std::unique_ptr<Step>(new FilterStep(std::move(predicate), invert));
}

// --- select / rename: top-level fields -------------------------------------------------------

class SelectStep : public RecordStep {
 public:
  SelectStep(std::vector<std::string> keep, std::vector<std::string> drop)
      : keep_(std::move(keep)), drop_(std::move(drop)) {}
  void ProcessRecord(Record& record, StepStats&) const override {
    if (!keep_.empty()) record.SelectFields(keep_);
    if (!drop_.empty()) record.RemoveFields(drop_);
  }
  bool reads_text() const override { return false; }

 private:
  std::vector<std::string> keep_, drop_;
};

ParamTable SelectParams() {
  ParamTable t;
  t.StringList("fields", {}, "Top-level fields to keep (all others are removed)");
  t.StringList("drop", {}, "Top-level fields to remove");
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeSelect(StepParams& params, const StepEnvironment&) {
  auto keep = params.GetStringList("fields");
  auto drop = params.GetStringList("drop");
  if (keep.empty() && drop.empty()) params.Fail("fields", "give 'fields' (to keep) or 'drop'");
  RETURN_IF_ERROR(params.Finish());
  return std::unique_ptr<Step>(new SelectStep(std::move(keep), std::move(drop)));
}

class RenameStep : public RecordStep {
 public:
  explicit RenameStep(std::vector<std::pair<std::string, std::string>> renames)
      : renames_(std::move(renames)) {}
  void ProcessRecord(Record& record, StepStats& stats) const override {
    for (const auto& [from, to] : renames_) {
      if (!record.RenameField(from, to)) stats.counters.Count("missing_" + from);
    }
  }
  bool reads_text() const override { return false; }

 private:
  std::vector<std::pair<std::string, std::string>> renames_;
};

ParamTable RenameParams() {
  ParamTable t;
  t.Map("fields", "Old name: new name, e.g. {content: text}");
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeRename(StepParams& params, const StepEnvironment&) {
  std::vector<std::pair<std::string, std::string>> renames = params.GetStringMap("fields");
  if (renames.empty()) {
    params.Fail("fields", "a map of old: new names, e.g. fields: {content: text}");
  }
  RETURN_IF_ERROR(params.Finish());
  return std::unique_ptr<Step>(new RenameStep(std::move(renames)));
}

// --- dedup_exact: drop records whose text was seen before in this run ------------------------

struct Digest {
  uint64_t hi = 0, lo = 0;
  bool operator==(const Digest& o) const { return hi == o.hi && lo == o.lo; }
};

Digest Sha256Prefix(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  Digest d;
  std::memcpy(&d.hi, md, 8);
  std::memcpy(&d.lo, md + 8, 8);
  return d;
}

// The digests seen, in one open-addressing table (linear probing, at most half full): no
// allocation per text and one cache miss per lookup. An all-zero slot is empty, so the
// all-zero digest is remembered aside.
class DigestSet {
 public:
  // True when `d` was not in the set (and is now).
  bool Insert(const Digest& d) {
    if (d == Digest{}) return !std::exchange(has_zero_, true);
    if (2 * (size_ + 1) > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = d.lo & mask;; i = (i + 1) & mask) {
      if (slots_[i] == d) return false;
      if (slots_[i] == Digest{}) {
        slots_[i] = d;
        ++size_;
        return true;
      }
    }
  }

 private:
  void Grow() {
    std::vector<Digest> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), Digest{});
    size_ = 0;
    for (const Digest& d : old) {
      if (!(d == Digest{})) Insert(d);
    }
  }

  std::vector<Digest> slots_;
  size_t size_ = 0;
  bool has_zero_ = false;
};

// Ordered: the first occurrence in input order wins, whatever the thread count. Memory grows
// with the number of distinct texts: 32 to 64 bytes each (16-byte digests in a table kept at
// most half full).
// The run state of dedup_exact: the digests seen so far, and what each part added (taken
// into the part's checkpoint when the part commits).
class DedupRunState : public StepGlobalState {
 public:
  // Safe without a lock: the executor runs an ordered step on one batch at a time.
  DigestSet seen;
  std::mutex mu;  // guards pending, read by the writer thread at part commits
  std::map<uint32_t, std::string> pending;
};

// Each worker's scratch points at the run state.
class DedupLocalState : public StepState {
 public:
  explicit DedupLocalState(DedupRunState* run) : run(run) {}
  DedupRunState* run;
};

class DedupExactStep : public SyncStep {
 public:
  DedupExactStep(std::string field, bool ignore_case, bool ignore_whitespace)
      : field_(std::move(field)),
        ignore_case_(ignore_case),
        ignore_whitespace_(ignore_whitespace) {}

  bool ordered() const override { return true; }

  std::unique_ptr<StepGlobalState> NewGlobalState() const override {
    return std::make_unique<DedupRunState>();
  }
  std::unique_ptr<StepState> NewLocalState(StepGlobalState* global) const override {
    return std::make_unique<DedupLocalState>(static_cast<DedupRunState*>(global));
  }

  void Process(Batch& batch, StepState* state) const override {
    DedupRunState& run = *static_cast<DedupLocalState*>(state)->run;
    std::string key;
    std::string added;
    for (Record& record : batch.records()) {
      if (record.dropped() || record.rejected()) continue;
      Digest d = Sha256Prefix(Key(record, key));
      if (!run.seen.Insert(d)) {
        record.Drop();
        continue;
      }
      added.append(reinterpret_cast<const char*>(&d), sizeof(d));
    }
    std::lock_guard<std::mutex> lock(run.mu);
    run.pending[batch.part()] += added;
  }

  std::string TakeCheckpoint(StepGlobalState* global, uint32_t part) const override {
    DedupRunState& run = *static_cast<DedupRunState*>(global);
    std::lock_guard<std::mutex> lock(run.mu);
    auto it = run.pending.find(part);
    if (it == run.pending.end()) return {};
    std::string blob = std::move(it->second);
    run.pending.erase(it);
    return blob;
  }

  Status RestoreCheckpoint(StepGlobalState* global, std::string_view blob) const override {
    DedupRunState& run = *static_cast<DedupRunState*>(global);
    if (blob.size() % sizeof(Digest) != 0)
      return absl::DataLossError("dedup_exact: corrupt checkpoint");
    for (size_t i = 0; i < blob.size(); i += sizeof(Digest)) {
      Digest d;
      std::memcpy(&d, blob.data() + i, sizeof(d));
      run.seen.Insert(d);
    }
    return absl::OkStatus();
  }

 private:
  std::string_view Key(const Record& record, std::string& scratch) const {
    std::string_view source;
    if (field_.empty()) {
      source = record.text();
    } else {
      scratch = record.Get(field_).string;
      source = scratch;
    }
    if (!ignore_case_ && !ignore_whitespace_) return source;
    std::string normalized;
    bool space = false;
    for (char c : source) {
      if (ignore_whitespace_ && std::isspace(static_cast<unsigned char>(c))) {
        space = true;
        continue;
      }
      if (space && !normalized.empty()) normalized.push_back(' ');
      space = false;
      normalized.push_back(
          ignore_case_ ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c);
    }
    scratch = std::move(normalized);
    return scratch;
  }

  std::string field_;
  bool ignore_case_, ignore_whitespace_;
};

ParamTable DedupExactParams() {
  ParamTable t;
  t.String("field", "", "Field compared (default: the text field)");
  t.Bool("ignore_case", false, "Compare case-folded (ASCII) text");
  t.Bool("ignore_whitespace", false, "Compare with runs of whitespace collapsed");
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeDedupExact(StepParams& params, const StepEnvironment& env) {
  std::string field = params.GetString("field");
  if (field == env.text_field) field.clear();
  bool ignore_case = params.GetBool("ignore_case");
  bool ignore_whitespace = params.GetBool("ignore_whitespace");
  RETURN_IF_ERROR(params.Finish());
  return std::unique_ptr<Step>(new DedupExactStep(field, ignore_case, ignore_whitespace));
}

// --- sample: keep a deterministic, seeded fraction ------------------------------------------

uint64_t HashBytes(std::string_view s, uint64_t seed) {
  return Murmur3Mix64(Fnv1a64(s, Murmur3Mix64(seed ^ kGoldenGamma)));
}

class SampleStep : public RecordStep {
 public:
  SampleStep(double fraction, uint64_t seed, std::string by)
      : threshold_(fraction >= 1 ? UINT64_MAX
                                 : static_cast<uint64_t>(fraction * 18446744073709551616.0)),
        seed_(seed),
        by_(std::move(by)) {}
  void ProcessRecord(Record& record, StepStats&) const override {
    std::string_view key = by_ == "text" ? record.text() : std::string_view(record.id());
    if (HashBytes(key, seed_) >= threshold_ && threshold_ != UINT64_MAX) record.Drop();
  }
  bool reads_text() const override { return by_ == "text"; }

 private:
  uint64_t threshold_;
  uint64_t seed_;
  std::string by_;
};

ParamTable SampleParams() {
  ParamTable t;
  t.Double("fraction", "Share of records to keep").Range(0, 1).Required("between 0 and 1");
  t.Int("seed", 0, "Hash seed: another seed keeps another subset");
  t.String("by", "id", "What the hash reads").Choices({"id", "text"});
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeSample(StepParams& params, const StepEnvironment&) {
  double fraction = params.GetDouble("fraction");
  int64_t seed = params.GetInt("seed");
  std::string by = params.GetString("by");
  RETURN_IF_ERROR(params.Finish());
  return std::unique_ptr<Step>(new SampleStep(fraction, static_cast<uint64_t>(seed), by));
}

// --- stats: length, line and word counts into the summary ------------------------------------

class StatsStep : public SyncStep {
 public:
  explicit StatsStep(bool annotate) : annotate_(annotate) {}

  // Counts in plain integers over the batch, then adds them to the step's counters once.
  void Process(Batch& batch, StepState*) const override {
    Totals t;
    for (Record& record : batch.records()) {
      if (record.dropped() || record.rejected()) continue;
      std::string_view text = record.text();
      uint64_t chars = CodePointCount(text);
      uint64_t lines = text.empty() ? 0 : 1 + std::count(text.begin(), text.end(), '\n');
      uint64_t words = CountWords(text);
      t.Add(text.size(), chars, lines, words);
      if (annotate_) {
        record.refinery()["stats"] = Json{{"chars", chars}, {"lines", lines}, {"words", words}};
      }
    }
    if (t.docs > 0) t.AddTo(batch.stats().counters);
  }
  void FinishSummary(Json& extra, StepGlobalState*) const override {
    double docs = extra.value("docs", 0.0);
    if (docs <= 0) return;
    extra["chars_mean"] = extra.value("chars", 0.0) / docs;
    extra["words_mean"] = extra.value("words", 0.0) / docs;
    extra["lines_mean"] = extra.value("lines", 0.0) / docs;
  }

 private:
  struct Totals {
    uint64_t docs = 0, bytes = 0, chars = 0, lines = 0, words = 0;
    uint64_t chars_min = UINT64_MAX, chars_max = 0, words_min = UINT64_MAX, words_max = 0;
    // log2 histogram of character counts: bucket k holds [2^k, 2^(k+1)), bucket 0 also 0.
    std::vector<uint64_t> chars_log2_histogram;

    void Add(uint64_t text_bytes, uint64_t c, uint64_t l, uint64_t w) {
      ++docs;
      bytes += text_bytes;
      chars += c;
      lines += l;
      words += w;
      chars_min = std::min(chars_min, c);
      chars_max = std::max(chars_max, c);
      words_min = std::min(words_min, w);
      words_max = std::max(words_max, w);
      size_t bucket = c == 0 ? 0 : static_cast<size_t>(std::bit_width(c) - 1);
      if (chars_log2_histogram.size() <= bucket) chars_log2_histogram.resize(bucket + 1);
      ++chars_log2_histogram[bucket];
    }
    void AddTo(Counters& c) const {
      c.Count("docs", docs);
      c.Count("bytes", bytes);
      c.Count("chars", chars);
      c.Count("lines", lines);
      c.Count("words", words);
      c.Min("chars_min", chars_min);
      c.Max("chars_max", chars_max);
      c.Min("words_min", words_min);
      c.Max("words_max", words_max);
      for (size_t k = 0; k < chars_log2_histogram.size(); ++k)
        c.CountAt("chars_log2_histogram", k, chars_log2_histogram[k]);
    }
  };
  bool annotate_;
};

ParamTable StatsParams() {
  ParamTable t;
  t.Bool("annotate", false, "Also write refinery.stats {chars, lines, words} into each record");
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeStats(StepParams& params, const StepEnvironment&) {
  bool annotate = params.GetBool("annotate");
  RETURN_IF_ERROR(params.Finish());
  return std::unique_ptr<Step>(new StatsStep(annotate));
}

}  // namespace

void RegisterCoreSteps(StepRegistry& registry) {
  registry.Register(
      {"filter", "keep records for which a predicate holds", MakeFilter, FilterParams()});
  registry.Register({"select", "keep or drop top-level fields", MakeSelect, SelectParams()});
  registry.Register({"rename", "rename top-level fields", MakeRename, RenameParams()});
  registry.Register({"dedup_exact", "drop exact duplicate texts (first wins)", MakeDedupExact,
                     DedupExactParams()});
  registry.Register({"sample", "keep a deterministic, seeded fraction of the records", MakeSample,
                     SampleParams()});
  registry.Register(
      {"stats", "length, line and word counts into the summary", MakeStats, StatsParams()});
}

}  // namespace refinery
