#include "refinery/gdr/criteria.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "refinery/core/utf8.h"
#include "refinery/gdr/edit_distance.h"

namespace refinery::gdr {

std::unique_ptr<CriterionState> Criterion::Prepare(std::string_view) const {
  return std::make_unique<CriterionState>();
}

std::unique_ptr<CriterionState> Criterion::Prepare(std::string_view original,
                                                   OriginalFacts&) const {
  return Prepare(original);
}

const std::vector<PiiSpan>& OriginalFacts::Spans(const PiiDetector& detector,
                                                 std::string_view original,
                                                 ScratchPool<PiiDetector::Scratch>& pool) {
  // Same detector, same bytes: the spans are the same (detection is deterministic).
  if (detector_ != &detector || original_.data() != original.data() ||
      original_.size() != original.size()) {
    auto scratch = pool.Take();
    spans_ = detector.DetectBytes(original, *scratch);
    pool.Give(std::move(scratch));
    detector_ = &detector;
    original_ = original;
  }
  return spans_;
}

namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// The first occurrence of `value` in `text` at or after `from` that is not part of a longer
// word (a value that starts or ends with punctuation needs no boundary on that side); npos if
// none.
size_t FindWord(std::string_view text, std::string_view value, size_t from) {
  for (size_t pos = text.find(value, from); pos != std::string_view::npos;
       pos = text.find(value, pos + 1)) {
    const size_t end = pos + value.size();
    const bool left_ok = pos == 0 || !IsWordByte(text[pos - 1]) || !IsWordByte(value.front());
    const bool right_ok = end >= text.size() || !IsWordByte(text[end]) || !IsWordByte(value.back());
    if (left_ok && right_ok) return pos;
  }
  return std::string_view::npos;
}

}  // namespace

bool ContainsWord(std::string_view text, std::string_view value) {
  return !value.empty() && FindWord(text, value, 0) != std::string_view::npos;
}

namespace {

// Whether `word` stands as a whole word in `text` somewhere outside the person spans. `spans`
// are sorted and disjoint (PiiDetector::DetectBytes), so the one that could hold an occurrence
// is found by binary search.
bool WordOutsidePersons(std::string_view text, std::string_view word,
                        const std::vector<PiiSpan>& spans) {
  for (size_t pos = FindWord(text, word, 0); pos != std::string_view::npos;
       pos = FindWord(text, word, pos + 1)) {
    const size_t end = pos + word.size();
    auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                               [](size_t p, const PiiSpan& s) { return p < s.end; });
    const bool inside =
        it != spans.end() && it->type == "PERSON" && it->start <= pos && end <= it->end;
    if (!inside) return true;
  }
  return false;
}

// The words of a person's name of two or more words, each a value of its own: a model that
// replaces only the surname ("Darius Davis" -> "Darius Halden") leaves the given name, which the
// whole value no longer matches. A word counts when it is capitalised, at least 3 bytes long,
// and the original writes it nowhere outside the names (a word that is also ordinary text, as
// in "Grace period", is left alone).
void AddNameParts(std::string_view original, PiiLeakState& state, std::set<std::string>& seen) {
  const size_t whole_values = state.values.size();
  for (size_t i = 0; i < whole_values; ++i) {
    if (state.types[i] != "PERSON") continue;
    const std::string name = state.values[i];
    size_t b = 0;
    while (b < name.size()) {
      while (b < name.size() && !IsWordByte(name[b])) ++b;
      size_t e = b;
      while (e < name.size() && (IsWordByte(name[e]) || name[e] == '\'' || name[e] == '-')) ++e;
      const std::string_view part = std::string_view(name).substr(b, e - b);
      b = e;
      if (part.size() < 3 || part.size() == name.size() ||
          !std::isupper(static_cast<unsigned char>(part[0])))
        continue;
      if (WordOutsidePersons(original, part, state.spans)) continue;
      if (seen.insert(std::string(part)).second) {
        state.values.emplace_back(part);
        state.types.emplace_back("PERSON");
      }
    }
  }
}

class PiiCriterion : public Criterion {
 public:
  PiiCriterion(std::shared_ptr<const PiiDetector> detector, PiiCriterionOptions options)
      : detector_(std::move(detector)),
        options_(std::move(options)),
        pool_([d = detector_.get()] { return d->NewScratch(); }) {}

  std::string name() const override { return "pii"; }

  std::unique_ptr<CriterionState> Prepare(std::string_view original) const override {
    OriginalFacts facts;
    return Prepare(original, facts);
  }

  std::unique_ptr<CriterionState> Prepare(std::string_view original,
                                          OriginalFacts& facts) const override {
    auto state = std::make_unique<PiiLeakState>();
    state->spans = facts.Spans(*detector_, original, pool_);
    std::set<std::string> seen;
    for (const PiiSpan& s : state->spans) {
      if (s.end <= s.start || s.end > original.size()) continue;
      std::string v(original.substr(s.start, s.end - s.start));
      if (std::find(options_.exempt.begin(), options_.exempt.end(), v) != options_.exempt.end()) {
        continue;
      }
      if (seen.insert(v).second) {
        state->values.push_back(std::move(v));
        state->types.push_back(s.type);
      }
    }
    AddNameParts(original, *state, seen);
    state->original_passes = state->values.empty();
    return state;
  }

  Verdict Check(std::string_view, std::string_view candidate,
                const CriterionState& base) const override {
    const auto& state = static_cast<const PiiLeakState&>(base);
    Verdict v;
    std::map<std::string, int> leaked;
    for (size_t i = 0; i < state.values.size(); ++i) {
      if (ContainsWord(candidate, state.values[i])) leaked[state.types[i]]++;
    }
    std::map<std::string, int> fresh;
    std::vector<PiiSpan> spans;
    if (!options_.forbid_new_types.empty()) {
      auto scratch = pool_.Take();
      spans = detector_->DetectBytes(candidate, *scratch);
      pool_.Give(std::move(scratch));
    }
    for (const PiiSpan& s : spans) {
      if (std::find(options_.forbid_new_types.begin(), options_.forbid_new_types.end(), s.type) !=
          options_.forbid_new_types.end()) {
        std::string value(candidate.substr(s.start, s.end - s.start));
        bool was_original =
            std::find(state.values.begin(), state.values.end(), value) != state.values.end();
        if (!was_original) fresh[s.type]++;
      }
    }
    Json leaked_j = Json::object(), fresh_j = Json::object();
    std::vector<std::string> parts;
    for (auto& [type, n] : leaked) {
      leaked_j[type] = n;
      parts.push_back(fmt::format("{} {} value{} from the original {} still present", n, type,
                                  n == 1 ? "" : "s", n == 1 ? "is" : "are"));
    }
    for (auto& [type, n] : fresh) {
      fresh_j[type] = n;
      parts.push_back(
          fmt::format("{} new {} value{} that look{} real (use an obviously fake value instead)", n,
                      type, n == 1 ? "" : "s", n == 1 ? "s" : ""));
    }
    v.pass = parts.empty();
    for (size_t i = 0; i < parts.size(); ++i) v.feedback += (i ? "; " : "") + parts[i];
    v.detail = Json{
        {"original_values", state.values.size()}, {"leaked", leaked_j}, {"new_sensitive", fresh_j}};
    return v;
  }

 private:
  std::shared_ptr<const PiiDetector> detector_;
  PiiCriterionOptions options_;
  mutable ScratchPool<PiiDetector::Scratch> pool_;
};

class ToxicityCheck : public Criterion {
 public:
  ToxicityCheck(std::shared_ptr<const ToxicityCriterion> scorer, double max_score)
      : scorer_(std::move(scorer)), max_(max_score) {}
  std::string name() const override { return "toxicity"; }

  std::unique_ptr<CriterionState> Prepare(std::string_view original) const override {
    auto state = std::make_unique<CriterionState>();
    StatusOr<double> s = scorer_->Score(original);
    state->original_passes = s.ok() && *s < max_;
    return state;
  }

  Verdict Check(std::string_view, std::string_view candidate,
                const CriterionState&) const override {
    Verdict v;
    StatusOr<double> s = scorer_->Score(candidate);
    if (!s.ok()) {
      v.pass = false;
      v.feedback = "the toxicity check could not run";
      v.detail = Json{{"error", std::string(s.status().message())}};
      return v;
    }
    v.detail = Json{{"score", *s}, {"max", max_}};
    if (*s >= max_) {
      v.pass = false;
      v.feedback = fmt::format(
          "the text is still toxic (score {:.2f}, must be below {:.2f}); remove or soften "
          "the remaining insults, slurs or obscenities",
          *s, max_);
    }
    return v;
  }

 private:
  std::shared_ptr<const ToxicityCriterion> scorer_;
  double max_;
};

class LengthRatio : public Criterion {
 public:
  LengthRatio(double lo, double hi, size_t min_chars) : lo_(lo), hi_(hi), min_chars_(min_chars) {}
  std::string name() const override { return "length"; }
  Verdict Check(std::string_view original, std::string_view candidate,
                const CriterionState&) const override {
    Verdict v;
    size_t a = CodePointCount(original), b = CodePointCount(candidate);
    double ratio = a == 0 ? (b == 0 ? 1.0 : 1e9) : static_cast<double>(b) / static_cast<double>(a);
    v.detail = Json{{"ratio", ratio}};
    if (a < min_chars_) return v;
    if (ratio < lo_) {
      v.pass = false;
      v.feedback = fmt::format(
          "the rewrite is much shorter than the original ({:.0f}% of its length); keep all "
          "content and change only what the task requires",
          ratio * 100);
    } else if (ratio > hi_) {
      v.pass = false;
      v.feedback = fmt::format(
          "the rewrite is much longer than the original ({:.0f}% of its length); do not add "
          "anything",
          ratio * 100);
    }
    return v;
  }

 private:
  double lo_, hi_;
  size_t min_chars_;
};

class Distance : public Criterion {
 public:
  explicit Distance(double max) : max_(max) {}
  std::string name() const override { return "distance"; }
  Verdict Check(std::string_view original, std::string_view candidate,
                const CriterionState&) const override {
    Verdict v;
    double d = NormalizedEditDistance(original, candidate);
    v.detail = Json{{"delta", d}, {"max", max_}};
    if (d > max_) {
      v.pass = false;
      v.feedback = fmt::format(
          "the rewrite changed too much ({:.0f}% of the characters); keep the original wording "
          "and change only what the task requires",
          d * 100);
    }
    return v;
  }

 private:
  double max_;
};

class MustKeep : public Criterion {
 public:
  explicit MustKeep(std::vector<std::string> s) : strings_(std::move(s)) {}
  std::string name() const override { return "must_keep"; }
  Verdict Check(std::string_view original, std::string_view candidate,
                const CriterionState&) const override {
    Verdict v;
    std::vector<std::string> missing;
    for (const std::string& s : strings_) {
      if (original.find(s) != std::string_view::npos &&
          candidate.find(s) == std::string_view::npos) {
        missing.push_back(s);
      }
    }
    v.detail = Json{{"missing", missing.size()}};
    if (!missing.empty()) {
      v.pass = false;
      v.feedback = "these strings must be kept exactly as written: ";
      for (size_t i = 0; i < missing.size(); ++i) {
        v.feedback += (i ? ", \"" : "\"") + missing[i] + "\"";
      }
    }
    return v;
  }

 private:
  std::vector<std::string> strings_;
};

}  // namespace

std::shared_ptr<const Criterion> MakePiiCriterion(std::shared_ptr<const PiiDetector> detector,
                                                  PiiCriterionOptions options) {
  return std::make_shared<PiiCriterion>(std::move(detector), std::move(options));
}
std::shared_ptr<const Criterion> MakeToxicityCriterion(
    std::shared_ptr<const ToxicityCriterion> scorer, double max_score) {
  return std::make_shared<ToxicityCheck>(std::move(scorer), max_score);
}
std::shared_ptr<const Criterion> MakeLengthRatioCriterion(double min_ratio, double max_ratio,
                                                          size_t min_chars) {
  return std::make_shared<LengthRatio>(min_ratio, max_ratio, min_chars);
}
std::shared_ptr<const Criterion> MakeDistanceCriterion(double max_distance) {
  return std::make_shared<Distance>(max_distance);
}
std::shared_ptr<const Criterion> MakeMustKeepCriterion(std::vector<std::string> strings) {
  return std::make_shared<MustKeep>(std::move(strings));
}

}  // namespace refinery::gdr
