#include "refinery/edit/distill.h"

#include <algorithm>
#include <cstring>
#include <map>

#include <fmt/format.h>

#include "refinery/core/enum_names.h"
#include "refinery/core/hash.h"
#include "refinery/core/text_split.h"
#include "refinery/core/utf8.h"
#include "refinery/edit/executor.h"
#include "refinery/edit/program.h"

namespace refinery::edit {

namespace {

struct Line {
  std::string_view text;
  uint64_t hash;
};

// Code points of a UTF-8 line and the byte offset of each (plus the end).
void Decode(std::string_view s, std::vector<char32_t>& cps, std::vector<uint32_t>& offsets) {
  cps.clear();
  offsets.clear();
  size_t i = 0;
  while (i < s.size()) {
    offsets.push_back(static_cast<uint32_t>(i));
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80             ? 1
                 : (c & 0xE0) == 0xC0 ? 2
                 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4
                                      : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? c : (c & (0xFF >> (len + 1)));
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    cps.push_back(cp);
    i += len;
  }
  offsets.push_back(static_cast<uint32_t>(s.size()));
}

bool IsSpace32(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0xA0; }
bool IsWordChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// A deletion span [start, end) in code points of one raw line.
struct Span {
  uint32_t start, end;
};

// Slides each span to the equivalent position (same resulting text) that best sits on word
// boundaries.
void SnapToWords(const std::vector<char32_t>& a, std::vector<Span>& spans) {
  auto boundary = [&](size_t x) {
    if (x == 0 || x == a.size()) return 2;
    bool l = IsWordChar(a[x - 1]), r = IsWordChar(a[x]);
    if (l != r) return 2;
    if (IsSpace32(a[x - 1]) != IsSpace32(a[x])) return 1;
    return 0;
  };
  for (size_t i = 0; i < spans.size(); ++i) {
    Span& sp = spans[i];
    uint32_t lo = i > 0 ? spans[i - 1].end : 0;
    uint32_t hi = i + 1 < spans.size() ? spans[i + 1].start : static_cast<uint32_t>(a.size());
    // Leftmost equivalent position.
    Span left = sp;
    while (left.start > lo && a[left.start - 1] == a[left.end - 1]) {
      --left.start;
      --left.end;
    }
    Span best = left;
    int best_score = -1;
    for (Span cur = left;; ++cur.start, ++cur.end) {
      int score = boundary(cur.start) + boundary(cur.end);
      // Prefer deleting a leading space over a trailing one ("a b c" minus "b" -> " b").
      if (cur.start < a.size() && IsSpace32(a[cur.start])) score += 1;
      if (score > best_score) {
        best_score = score;
        best = cur;
      }
      if (cur.end >= hi || a[cur.start] != a[cur.end]) break;
    }
    sp = best;
  }
}

// Occurrence index of `needle` at byte `pos` of `hay` under the executor's non-overlapping
// left-to-right scan; -1 when the scan never lands there. `total` gets the occurrence count.
int64_t OccurrenceAt(std::string_view hay, std::string_view needle, size_t pos, size_t& total,
                     std::vector<size_t>& starts) {
  starts.clear();
  size_t p = 0;
  int64_t index = -1;
  while ((p = hay.find(needle, p)) != std::string_view::npos) {
    if (p == pos) index = static_cast<int64_t>(starts.size());
    starts.push_back(p);
    p += needle.size();
  }
  total = starts.size();
  return index;
}

}  // namespace

const char* DistillOutcomeName(DistillOutcome outcome) {
  static constexpr const char* kNames[] = {"untouched", "emptied", "exact", "approximate",
                                           "rejected"};
  static_assert(std::size(kNames) == static_cast<size_t>(DistillOutcome::kRejected) + 1);
  return EnumName(outcome, kNames);
}

template <typename T>
bool MyersMatches(const T* a, size_t n, const T* b, size_t m, size_t max_edits,
                  std::vector<std::pair<uint32_t, uint32_t>>& matches) {
  matches.clear();
  const int64_t N = static_cast<int64_t>(n), M = static_cast<int64_t>(m);
  const int64_t max_d = static_cast<int64_t>(std::min<size_t>(max_edits, n + m));
  const int64_t off = max_d + 1;
  std::vector<int64_t> v(static_cast<size_t>(2 * max_d + 3), 0);
  std::vector<int32_t> trace;  // round d: values for k in [-d, d]
  std::vector<size_t> trace_start;
  int64_t found_d = -1;
  for (int64_t d = 0; d <= max_d && found_d < 0; ++d) {
    for (int64_t k = -d; k <= d; k += 2) {
      int64_t x;
      if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) {
        x = v[off + k + 1];
      } else {
        x = v[off + k - 1] + 1;
      }
      int64_t y = x - k;
      while (x < N && y < M && a[x] == b[y]) {
        ++x;
        ++y;
      }
      v[off + k] = x;
      if (x >= N && y >= M) found_d = d;
    }
    trace_start.push_back(trace.size());
    for (int64_t k = -d; k <= d; ++k) trace.push_back(static_cast<int32_t>(v[off + k]));
  }
  if (found_d < 0) return false;
  auto at = [&](int64_t d, int64_t k) -> int64_t {
    return trace[trace_start[d] + static_cast<size_t>(k + d)];
  };
  int64_t x = N, y = M;
  std::vector<std::pair<uint32_t, uint32_t>> rev;
  for (int64_t d = found_d; d > 0; --d) {
    int64_t k = x - y;
    int64_t prev_k;
    if (k == -d || (k != d && at(d - 1, k - 1) < at(d - 1, k + 1))) {
      prev_k = k + 1;
    } else {
      prev_k = k - 1;
    }
    int64_t prev_x = at(d - 1, prev_k);
    int64_t prev_y = prev_x - prev_k;
    // The snake after the edit step.
    int64_t start_x = prev_k == k + 1 ? prev_x : prev_x + 1;
    while (x > start_x) {
      rev.emplace_back(static_cast<uint32_t>(x - 1), static_cast<uint32_t>(y - 1));
      --x;
      --y;
    }
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) {
    rev.emplace_back(static_cast<uint32_t>(x - 1), static_cast<uint32_t>(y - 1));
    --x;
    --y;
  }
  matches.assign(rev.rbegin(), rev.rend());
  return true;
}

template bool MyersMatches<uint64_t>(const uint64_t*, size_t, const uint64_t*, size_t, size_t,
                                     std::vector<std::pair<uint32_t, uint32_t>>&);
template bool MyersMatches<char32_t>(const char32_t*, size_t, const char32_t*, size_t, size_t,
                                     std::vector<std::pair<uint32_t, uint32_t>>&);

int64_t IndelDistance(std::string_view a, std::string_view b, size_t max_edits) {
  std::vector<char32_t> ca, cb;
  std::vector<uint32_t> oa, ob;
  Decode(a, ca, oa);
  Decode(b, cb, ob);
  std::vector<std::pair<uint32_t, uint32_t>> matches;
  if (!MyersMatches(ca.data(), ca.size(), cb.data(), cb.size(), max_edits, matches)) return -1;
  return static_cast<int64_t>(ca.size() + cb.size() - 2 * matches.size());
}

DistillResult DistillProgram(std::string_view raw, std::string_view refined,
                             const DistillOptions& options) {
  DistillResult result;
  std::vector<char32_t> cps;
  std::vector<uint32_t> offs;
  Decode(raw, cps, offs);
  result.raw_chars = cps.size();
  if (raw == refined) {
    result.outcome = DistillOutcome::kUntouched;
    result.program = "keep_doc()\n";
    return result;
  }
  if (refined.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    result.outcome = DistillOutcome::kEmptied;
    result.program = "drop_doc()\n";
    result.deleted_chars = result.raw_chars;
    return result;
  }
  auto reject = [&](std::string reason) {
    result.outcome = DistillOutcome::kRejected;
    result.program.clear();
    result.reject_reason = std::move(reason);
    return result;
  };

  std::vector<std::string_view> ra = SplitLines(raw), rb = SplitLines(refined);
  std::vector<uint64_t> ha(ra.size()), hb(rb.size());
  for (size_t i = 0; i < ra.size(); ++i) ha[i] = Fnv1a64(ra[i]);
  for (size_t i = 0; i < rb.size(); ++i) hb[i] = Fnv1a64(rb[i]);
  std::vector<std::pair<uint32_t, uint32_t>> line_matches;
  if (!MyersMatches(ha.data(), ha.size(), hb.data(), hb.size(), options.max_line_edits,
                    line_matches)) {
    return reject("diff_too_large");
  }
  // Hash collisions would be matches of unequal lines: check.
  std::vector<std::pair<uint32_t, uint32_t>> pairs;  // (raw line, refined line), all kept lines
  for (auto [i, j] : line_matches) {
    if (ra[i] != rb[j]) return reject("diff_too_large");
  }

  std::vector<uint8_t> removed;
  std::vector<std::pair<uint32_t, uint32_t>> trimmed;  // paired (raw, refined) changed lines
  uint64_t inserted = 0;
  auto align = [&](const std::vector<std::pair<uint32_t, uint32_t>>& anchors) {
    removed.assign(ra.size(), 0);
    trimmed.clear();
    inserted = 0;
    // Walk the changed regions between matches.
    size_t pa = 0, pb = 0;
    auto region = [&](size_t a_end, size_t b_end) {
      size_t cursor = pa;
      for (size_t j = pb; j < b_end; ++j) {
        size_t found = a_end;
        for (size_t i = cursor; i < a_end; ++i) {
          if (rb[j].size() <= ra[i].size() && IsSubsequence(rb[j], ra[i])) {
            found = i;
            break;
          }
        }
        if (found == a_end) {
          // Not a trimmed raw line: pair it with the most similar raw line nearby (the expert
          // edited it), or count it as an inserted line.
          double best = 0.6;
          for (size_t i = cursor; i < a_end && i < cursor + 8; ++i) {
            size_t total = ra[i].size() + rb[j].size();
            if (total == 0 || total > 2 * options.max_line_chars) continue;
            int64_t d = IndelDistance(ra[i], rb[j], std::min(total / 2, options.max_char_edits));
            if (d < 0) continue;
            double similarity = 1.0 - static_cast<double>(d) / static_cast<double>(total);
            if (similarity > best) {
              best = similarity;
              found = i;
            }
          }
        }
        if (found == a_end) {
          inserted += rb[j].size() + 1;  // an inserted line (and its newline)
          continue;
        }
        for (size_t i = cursor; i < found; ++i) removed[i] = 1;
        trimmed.emplace_back(static_cast<uint32_t>(found), static_cast<uint32_t>(j));
        cursor = found + 1;
      }
      for (size_t i = cursor; i < a_end; ++i) removed[i] = 1;
    };
    for (auto [i, j] : anchors) {
      region(i, j);
      pa = i + 1;
      pb = j + 1;
    }
    region(ra.size(), rb.size());
  };
  align(line_matches);
  // Myers may anchor a refined line on an equal raw line that another refined line needed
  // (duplicated lines): when that leaves insertions, align greedily instead (each refined line
  // on the earliest raw line it is a subsequence of), which succeeds whenever one exists.
  if (inserted > 0 && ra.size() * rb.size() <= 4000000) {
    auto saved_removed = removed;
    auto saved_trimmed = trimmed;
    uint64_t saved_inserted = inserted;
    align({});
    if (inserted >= saved_inserted) {
      removed = std::move(saved_removed);
      trimmed = std::move(saved_trimmed);
      inserted = saved_inserted;
    }
  }

  // Character-level deletions inside trimmed lines.
  struct LineEdit {
    uint32_t line;
    std::vector<Span> spans;
    std::vector<char32_t> cps;
    std::vector<uint32_t> offsets;
    size_t inserted = 0;
  };
  std::vector<LineEdit> edits;
  std::vector<char32_t> cb;
  std::vector<uint32_t> ob;
  std::vector<std::pair<uint32_t, uint32_t>> char_matches;
  for (auto [i, j] : trimmed) {
    if (ra[i].size() > options.max_line_chars) return reject("line_too_long");
    LineEdit e;
    e.line = i;
    Decode(ra[i], e.cps, e.offsets);
    Decode(rb[j], cb, ob);
    if (!MyersMatches(e.cps.data(), e.cps.size(), cb.data(), cb.size(), options.max_char_edits,
                      char_matches)) {
      return reject("diff_too_large");
    }
    e.inserted = cb.size() - char_matches.size();
    inserted += e.inserted;
    uint32_t prev = 0;
    for (auto [x, y] : char_matches) {
      (void)y;
      if (x > prev) e.spans.push_back({prev, x});
      prev = x + 1;
    }
    if (prev < e.cps.size()) e.spans.push_back({prev, static_cast<uint32_t>(e.cps.size())});
    if (e.inserted == 0) SnapToWords(e.cps, e.spans);
    edits.push_back(std::move(e));
  }

  const uint64_t refined_chars = CodePointCount(refined);
  const bool exact_possible = inserted == 0;
  result.inserted_chars = inserted;
  if (!exact_possible) {
    if (static_cast<double>(inserted) >
        options.max_inserted_ratio * static_cast<double>(std::max<uint64_t>(refined_chars, 1))) {
      return reject("expert_inserted_too_much");
    }
    // Approximate clean-up: merge tiny gaps, promote mostly-deleted lines.
    for (LineEdit& e : edits) {
      std::vector<Span> merged;
      for (const Span& sp : e.spans) {
        if (!merged.empty() && sp.start - merged.back().end <= options.merge_gap) {
          merged.back().end = sp.end;
        } else {
          merged.push_back(sp);
        }
      }
      e.spans = std::move(merged);
      size_t deleted = 0;
      for (const Span& sp : e.spans) deleted += sp.end - sp.start;
      if (!e.cps.empty() && static_cast<double>(deleted) >=
                                options.promote_ratio * static_cast<double>(e.cps.size())) {
        removed[e.line] = 1;
        e.spans.clear();
      }
    }
  }

  // Compose the program.
  std::string program;
  for (size_t i = 0; i < ra.size();) {
    if (!removed[i]) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < ra.size() && removed[j + 1]) ++j;
    program += fmt::format("remove_lines({}, {})\n", i, j);
    for (size_t k = i; k <= j; ++k) {
      result.deleted_chars += CodePointCount(ra[k]);
      result.deleted_chars += 1;
    }
    i = j + 1;
  }
  std::vector<size_t> starts;
  for (const LineEdit& e : edits) {
    if (removed[e.line]) continue;
    std::string_view line = ra[e.line];
    // Each span becomes (text, occurrence). A span the executor's non-overlapping scan cannot
    // land on (its text overlaps an earlier occurrence, as in "aaa") is split in two at a code
    // point; single characters are always addressable, so this ends.
    std::map<std::string, std::vector<int64_t>> by_text;  // deleted text -> occurrence indexes
    std::map<std::string, size_t> totals;
    std::vector<Span> todo(e.spans.rbegin(), e.spans.rend());
    while (!todo.empty()) {
      Span sp = todo.back();
      todo.pop_back();
      size_t bs = e.offsets[sp.start], be = e.offsets[sp.end];
      std::string text(line.substr(bs, be - bs));
      size_t total = 0;
      int64_t idx = OccurrenceAt(line, text, bs, total, starts);
      if (idx < 0) {
        if (sp.end - sp.start < 2) return reject("unaddressable_span");
        uint32_t mid = sp.start + (sp.end - sp.start) / 2;
        todo.push_back({mid, sp.end});
        todo.push_back({sp.start, mid});
        continue;
      }
      result.deleted_chars += sp.end - sp.start;
      by_text[text].push_back(idx);
      totals[text] = total;
    }
    for (const auto& [text, indexes] : by_text) {
      size_t total = totals[text];
      if (indexes.size() == total && total > 1) {
        program += fmt::format("remove_str({}, {})\n", e.line, QuoteString(text));
      } else {
        for (int64_t idx : indexes) {
          if (total == 1) {
            program += fmt::format("remove_str({}, {})\n", e.line, QuoteString(text));
          } else {
            program += fmt::format("remove_str({}, {}, {})\n", e.line, QuoteString(text), idx);
          }
        }
      }
    }
  }

  // Check: execute and compare with the expert's text.
  Program parsed = ParseProgram(program);
  EditPolicy check;
  check.min_words = 0;
  check.min_kept_word_ratio = 0;
  check.max_errors = 0;
  check.log_ops = false;
  check.work_budget_factor = 1u << 20;
  EditResult executed = ExecuteProgram(raw, parsed, check);
  if (!parsed.errors.empty() || executed.error_count > 0) return reject("check_failed");
  std::string_view produced =
      executed.status == EditStatus::kChanged ? std::string_view(executed.text) : raw;
  if (exact_possible) {
    if (produced != refined) return reject("check_failed");
    result.outcome = DistillOutcome::kExact;
  } else {
    int64_t d = IndelDistance(produced, refined, options.max_char_edits);
    if (d < 0) return reject("result_strays_from_expert");
    result.distance =
        static_cast<double>(d) / static_cast<double>(std::max<uint64_t>(refined_chars, 1));
    if (result.distance > options.max_distance) return reject("result_strays_from_expert");
    result.outcome = DistillOutcome::kApproximate;
  }
  result.program = program.empty() ? "keep_doc()\n" : std::move(program);
  return result;
}

}  // namespace refinery::edit
