#include "refinery/gdr/kept_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>

namespace refinery::gdr {
namespace {

struct Word {
  uint64_t hash;
  size_t begin;  // byte offset
};

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByte(static_cast<unsigned char>(text[j]))) ++j;
    out.push_back({std::hash<std::string_view>{}(text.substr(i, j - i)), i});
    i = j;
  }
  return out;
}

// Whether a[i..] and b[j..] start with the same `k` words (fewer at an end: what is left).
bool Anchor(const std::vector<Word>& a, size_t i, const std::vector<Word>& b, size_t j) {
  size_t k = std::min<size_t>({3, a.size() - i, b.size() - j});
  if (k == 0) return false;
  if (k < 3 && (a.size() - i != k || b.size() - j != k)) return false;  // short only at ends
  for (size_t t = 0; t < k; ++t) {
    if (a[i + t].hash != b[j + t].hash) return false;
  }
  return true;
}

}  // namespace

KeptTextReport CheckKeptText(std::string_view original, std::string_view candidate,
                             const std::vector<PiiSpan>& spans, const KeptTextOptions& opt) {
  std::vector<Word> a = Words(original), b = Words(candidate);
  // Which original words lie inside a detected value.
  std::vector<char> detected(a.size(), 0);
  for (const PiiSpan& s : spans) {
    auto it = std::lower_bound(a.begin(), a.end(), s.start,
                               [](const Word& w, size_t pos) { return w.begin < pos; });
    for (; it != a.end() && it->begin < s.end; ++it) detected[it - a.begin()] = 1;
  }
  KeptTextReport rep;
  rep.original_words = a.size();
  // Candidate positions of each three-word anchor, for resynchronising after a big change.
  std::unordered_multimap<uint64_t, size_t> index;
  auto key = [](const std::vector<Word>& w, size_t i) {
    uint64_t h = w[i].hash;
    if (i + 1 < w.size()) h = h * 1000003u ^ w[i + 1].hash;
    if (i + 2 < w.size()) h = h * 1000003u ^ w[i + 2].hash;
    return h;
  };
  bool indexed = false;
  size_t worst_badness = 0;
  auto judge = [&](size_t i0, size_t i1, size_t j0, size_t j1) {
    size_t undetected = 0;
    for (size_t i = i0; i < i1; ++i) undetected += detected[i] ? 0 : 1;
    size_t cand = j1 - j0;
    bool ok = undetected <= opt.max_gap_words && cand <= 2 * (i1 - i0) + opt.max_gap_words;
    size_t badness = std::max(undetected, cand > 2 * (i1 - i0) ? cand - 2 * (i1 - i0) : 0);
    if (badness > worst_badness) {
      worst_badness = badness;
      rep.worst_original_gap = undetected;
      rep.worst_candidate_gap = cand;
      rep.worst_at = i0;
    }
    if (!ok) rep.pass = false;
  };
  size_t i = 0, j = 0;
  constexpr size_t kWindow = 48;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i].hash == b[j].hash) {
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) {  // one side is done: the rest of the other is a gap
      judge(i, a.size(), j, b.size());
      break;
    }
    // The nearest anchor by total displacement within a window...
    size_t ni = a.size(), nj = b.size();
    bool found = false;
    for (size_t d = 1; d <= kWindow && !found; ++d) {
      for (size_t di = 0; di <= d; ++di) {
        size_t x = i + di, y = j + (d - di);
        if (x >= a.size() || y >= b.size()) continue;
        if (Anchor(a, x, b, y)) {
          ni = x;
          nj = y;
          found = true;
          break;
        }
      }
    }
    // ... else the first original position, further on, whose anchor occurs later in the
    // candidate (a big change: it fails unless its words were all detected values). When the
    // window already covered every pair of positions left (a change at the very end), there is
    // none.
    const bool window_covers_rest = (a.size() - 1 - i) + (b.size() - 1 - j) <= kWindow;
    if (!found && !window_covers_rest) {
      if (!indexed) {
        for (size_t y = 0; y < b.size(); ++y) index.emplace(key(b, y), y);
        indexed = true;
      }
      for (size_t x = i + 1; x < a.size() && !found; ++x) {
        auto [lo, hi] = index.equal_range(key(a, x));
        size_t best = b.size();
        for (auto it = lo; it != hi; ++it) {
          if (it->second >= j && it->second < best && Anchor(a, x, b, it->second)) {
            best = it->second;
          }
        }
        if (best < b.size()) {
          ni = x;
          nj = best;
          found = true;
        }
      }
    }
    judge(i, ni, j, nj);
    i = ni;
    j = nj;
  }
  return rep;
}

namespace {

class KeptTextState : public CriterionState {
 public:
  std::vector<PiiSpan> spans;
};

class KeptText : public Criterion {
 public:
  KeptText(std::shared_ptr<const PiiDetector> detector, KeptTextOptions options)
      : detector_(std::move(detector)), options_(options) {
    if (detector_) {
      pool_ = std::make_unique<ScratchPool<PiiDetector::Scratch>>(
          [d = detector_.get()] { return d->NewScratch(); });
    }
  }
  std::string name() const override { return "lost_text"; }

  std::unique_ptr<CriterionState> Prepare(std::string_view original) const override {
    OriginalFacts facts;
    return Prepare(original, facts);
  }

  std::unique_ptr<CriterionState> Prepare(std::string_view original,
                                          OriginalFacts& facts) const override {
    auto st = std::make_unique<KeptTextState>();
    if (detector_) st->spans = facts.Spans(*detector_, original, *pool_);
    return st;
  }

  Verdict Check(std::string_view original, std::string_view candidate,
                const CriterionState& base) const override {
    const auto& st = static_cast<const KeptTextState&>(base);
    KeptTextReport r = CheckKeptText(original, candidate, st.spans, options_);
    Verdict v;
    v.pass = r.pass;
    v.detail = Json{{"original_words", r.original_words},
                    {"worst_original_gap", r.worst_original_gap},
                    {"worst_candidate_gap", r.worst_candidate_gap},
                    {"worst_at_word", r.worst_at}};
    if (!r.pass) {
      v.feedback = fmt::format(
          "text outside the personal values was dropped, added or reworded (around word {} of "
          "{}: {} original words changed, {} words written in their place); return the WHOLE "
          "document, every sentence in order, changing only the personal values themselves",
          r.worst_at + 1, r.original_words, r.worst_original_gap, r.worst_candidate_gap);
    }
    return v;
  }

 private:
  std::shared_ptr<const PiiDetector> detector_;
  KeptTextOptions options_;
  mutable std::unique_ptr<ScratchPool<PiiDetector::Scratch>> pool_;
};

}  // namespace

std::shared_ptr<const Criterion> MakeKeptTextCriterion(std::shared_ptr<const PiiDetector> detector,
                                                       KeptTextOptions options) {
  return std::make_shared<KeptText>(std::move(detector), options);
}

}  // namespace refinery::gdr
