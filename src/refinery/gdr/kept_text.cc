#include "refinery/gdr/kept_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>

namespace refinery::gdr {
namespace {

// The code point at text[i] (a UTF-8 lead byte) and its length; 0xFFFD for a broken sequence.
uint32_t CodePointAt(std::string_view text, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > text.size()) {
    len = 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return cp;
}

// Typographic punctuation and spaces separate words as ASCII punctuation does, so that a
// model that writes “ ” ’ – … or a no-break space where the original had " ' - ... or a
// space (or the other way round) changes no word.
bool IsSeparatorCodePoint(uint32_t cp) {
  return (cp >= 0x00A0 && cp <= 0x00BF && cp != 0x00AA && cp != 0x00B5 && cp != 0x00BA) ||
         cp == 0x00D7 || cp == 0x00F7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x3003) || cp == 0xFEFF;
}

}  // namespace

std::vector<TextWord> SplitWords(std::string_view text) {
  std::vector<TextWord> out;
  size_t i = 0, start = std::string_view::npos;
  auto close = [&](size_t end) {
    if (start != std::string_view::npos) {
      out.push_back({std::hash<std::string_view>{}(text.substr(start, end - start)), start, end});
      start = std::string_view::npos;
    }
  };
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    bool word = std::isalnum(c) != 0;
    if (c >= 0xC0) {
      word = !IsSeparatorCodePoint(CodePointAt(text, i, len));
    } else if (c >= 0x80) {
      word = true;  // a stray continuation byte: part of whatever word it is in
    }
    if (word && start == std::string_view::npos) start = i;
    if (!word) close(i);
    i += len;
  }
  close(text.size());
  return out;
}

namespace {

using Word = TextWord;

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

std::vector<WordStretch> AlignWords(const std::vector<TextWord>& a,
                                    const std::vector<TextWord>& b) {
  std::vector<WordStretch> out;
  // Candidate positions of each three-word anchor, for resynchronising after a big change.
  std::unordered_multimap<uint64_t, size_t> index;
  auto key = [](const std::vector<Word>& w, size_t i) {
    uint64_t h = w[i].hash;
    if (i + 1 < w.size()) h = h * 1000003u ^ w[i + 1].hash;
    if (i + 2 < w.size()) h = h * 1000003u ^ w[i + 2].hash;
    return h;
  };
  bool indexed = false;
  size_t i = 0, j = 0;
  constexpr size_t kWindow = 48;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i].hash == b[j].hash) {
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) {  // one side is done: the rest of the other is a gap
      out.push_back({i, a.size(), j, b.size()});
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
    out.push_back({i, ni, j, nj});
    i = ni;
    j = nj;
  }
  return out;
}

std::vector<WordStretch> SplitStretch(const std::vector<TextWord>& a,
                                      const std::vector<TextWord>& b, const WordStretch& st) {
  size_t n = st.a1 - st.a0, m = st.b1 - st.b0;
  if (n == 0 || m == 0 || n * m > 16384) return {st};
  // Longest common subsequence, from the ends (dp(x, y): of a[x..n) and b[y..m)).
  std::vector<uint16_t> dp((n + 1) * (m + 1), 0);
  auto at = [&](size_t x, size_t y) -> uint16_t& { return dp[x * (m + 1) + y]; };
  for (size_t x = n; x-- > 0;) {
    for (size_t y = m; y-- > 0;) {
      at(x, y) = a[st.a0 + x].hash == b[st.b0 + y].hash
                     ? static_cast<uint16_t>(at(x + 1, y + 1) + 1)
                     : std::max(at(x + 1, y), at(x, y + 1));
    }
  }
  std::vector<WordStretch> out;
  size_t x = 0, y = 0, x0 = 0, y0 = 0;
  auto flush = [&] {
    if (x > x0 || y > y0) out.push_back({st.a0 + x0, st.a0 + x, st.b0 + y0, st.b0 + y});
  };
  while (x < n && y < m) {
    if (a[st.a0 + x].hash == b[st.b0 + y].hash) {
      flush();
      x0 = ++x;
      y0 = ++y;
    } else if (at(x + 1, y) >= at(x, y + 1)) {
      ++x;
    } else {
      ++y;
    }
  }
  x = n;
  y = m;
  flush();
  return out;
}

namespace {

// A word that reads as a name or a place: an upper-case first letter, or a non-ASCII one
// (scripts without case). A model that replaces names may replace a run of them (a title in
// capitals, a list of people) word for word.
bool NameLike(std::string_view text, const TextWord& w) {
  unsigned char c = static_cast<unsigned char>(text[w.begin]);
  return std::isupper(c) || c >= 0x80;
}

// The bytes between the words before and after stretch [w0, w1) of `words`.
std::string_view StretchBytes(std::string_view text, const std::vector<TextWord>& words, size_t w0,
                              size_t w1) {
  size_t begin = w0 == 0 ? 0 : words[w0 - 1].end;
  size_t end = w1 >= words.size() ? text.size() : words[w1].begin;
  return text.substr(begin, end - begin);
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether the candidate's side of a stretch notes an omission that the original's side does
// not have: an ellipsis, or a word such as "unchanged" or "omitted".
bool MarksOmission(std::string_view original, const std::vector<TextWord>& a, size_t a0, size_t a1,
                   std::string_view candidate, const std::vector<TextWord>& b, size_t b0,
                   size_t b1) {
  std::string orig = LowerAscii(StretchBytes(original, a, a0, a1));
  std::string cand = LowerAscii(StretchBytes(candidate, b, b0, b1));
  static const char* kMarks[] = {"\xe2\x80\xa6", "...",       "unchanged", "omitted",
                                 "truncated",    "remainder", "abridged",  "[snip"};
  for (const char* m : kMarks) {
    if (cand.find(m) != std::string::npos && orig.find(m) == std::string::npos) return true;
  }
  return false;
}

}  // namespace

KeptTextReport CheckKeptText(std::string_view original, std::string_view candidate,
                             const std::vector<PiiSpan>& spans, const KeptTextOptions& opt) {
  std::vector<Word> a = SplitWords(original), b = SplitWords(candidate);
  // Which original words lie inside a detected value.
  std::vector<char> detected(a.size(), 0);
  for (const PiiSpan& s : spans) {
    auto it = std::lower_bound(a.begin(), a.end(), s.start,
                               [](const Word& w, size_t pos) { return w.begin < pos; });
    for (; it != a.end() && it->begin < s.end; ++it) detected[it - a.begin()] = 1;
  }
  KeptTextReport rep;
  rep.original_words = a.size();
  size_t worst_badness = 0;
  for (const WordStretch& st : AlignWords(a, b)) {
    // Words kept inside the stretch (a pronoun changed between two kept words splits no
    // anchor of three) do not count.
    size_t orig = 0, cand = 0, undetected = 0, names = 0, cand_names = 0;
    for (const WordStretch& sub : SplitStretch(a, b, st)) {
      orig += sub.a1 - sub.a0;
      cand += sub.b1 - sub.b0;
      for (size_t x = sub.a0; x < sub.a1; ++x) {
        if (detected[x]) continue;
        if (NameLike(original, a[x])) {
          ++names;
        } else {
          ++undetected;
        }
      }
      for (size_t y = sub.b0; y < sub.b1; ++y) cand_names += NameLike(candidate, b[y]) ? 1 : 0;
    }
    // Names count as kept when at least as many name-like words stand in their place (a
    // dropped list of names is still a dropped sentence).
    if (cand_names < names) undetected += names;
    bool ok = undetected <= opt.max_gap_words && cand <= 2 * orig + opt.max_gap_words;
    // Words added where nothing was replaced: a preamble, a closing remark or an answer.
    if (orig == 0 && cand > opt.max_inserted_words) ok = false;
    // Words dropped with nothing in their place (a value is replaced, not removed).
    if (cand == 0 && undetected > opt.max_inserted_words) ok = false;
    // Text dropped and a note of the omission written in its place ("[… the rest is
    // unchanged …]", "(remainder omitted)"), however short the loss.
    if (orig > 0 && MarksOmission(original, a, st.a0, st.a1, candidate, b, st.b0, st.b1)) {
      ok = false;
      undetected = std::max(undetected, orig);
    }
    size_t badness = std::max({undetected, cand > 2 * orig ? cand - 2 * orig : 0,
                               orig == 0 && cand > opt.max_inserted_words ? cand : 0});
    if (badness > worst_badness) {
      worst_badness = badness;
      rep.worst_original_gap = undetected;
      rep.worst_candidate_gap = cand;
      rep.worst_at = st.a0;
    }
    if (!ok) rep.pass = false;
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
