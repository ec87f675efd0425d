#include "refinery/edit/executor.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "refinery/core/enum_names.h"
#include "refinery/core/utf8.h"

namespace refinery::edit {

namespace {

// Finds `needle` in `hay` from `from`; charges the bytes scanned to `budget`.
// Returns npos when absent or when the budget runs out (then `exhausted` is set).
size_t BudgetedFind(std::string_view hay, std::string_view needle, size_t from, uint64_t& budget,
                    bool& exhausted) {
  if (from >= hay.size()) return std::string_view::npos;
  size_t span = hay.size() - from;
  if (budget < span) {
    exhausted = true;
    return std::string_view::npos;
  }
  size_t pos = hay.find(needle, from);
  size_t scanned = pos == std::string_view::npos ? span : pos - from + needle.size();
  budget -= std::min<uint64_t>(scanned, budget);
  return pos;
}

void SetError(OpOutcome* outcome, EditResult& result, std::string cause, std::string message) {
  result.error_count++;
  result.error_causes.push_back(cause);
  if (outcome != nullptr && outcome->error_cause.empty()) {
    outcome->error_cause = std::move(cause);
    outcome->error = std::move(message);
  }
}

}  // namespace

std::string_view EditStatusName(EditStatus status) {
  static constexpr const char* kNames[] = {"kept", "changed", "dropped"};
  static_assert(std::size(kNames) == static_cast<size_t>(EditStatus::kDropped) + 1);
  return EnumName(status, kNames);
}

bool IsSubsequence(std::string_view sub, std::string_view text) {
  size_t j = 0;
  for (size_t i = 0; i < sub.size(); ++i) {
    const void* p =
        j < text.size() ? std::memchr(text.data() + j, sub[i], text.size() - j) : nullptr;
    if (p == nullptr) return false;
    j = static_cast<size_t>(static_cast<const char*>(p) - text.data()) + 1;
  }
  return true;
}

EditResult ExecuteProgram(std::string_view text, const Program& program, const EditPolicy& policy,
                          EditScratch* scratch) {
  EditScratch local;
  EditScratch& s = scratch != nullptr ? *scratch : local;
  EditResult result;
  for (const ParseError& e : program.errors) {
    result.error_count++;
    result.error_causes.push_back(e.cause);
  }
  std::vector<OpOutcome>* log = nullptr;
  if (policy.log_ops) {
    result.ops.resize(program.ops.size());
    log = &result.ops;
  }
  auto outcome = [&](size_t i) -> OpOutcome* { return log ? &(*log)[i] : nullptr; };

  if (text.size() >= UINT32_MAX) {
    SetError(nullptr, result, "document_too_large", "document larger than 4 GiB");
    result.fell_back = true;
    result.reason = "too_many_errors";
    return result;
  }

  // Lines.
  s.lines.clear();
  {
    size_t pos = 0;
    while (true) {
      const void* p =
          pos < text.size() ? std::memchr(text.data() + pos, '\n', text.size() - pos) : nullptr;
      size_t end = p ? static_cast<size_t>(static_cast<const char*>(p) - text.data()) : text.size();
      s.lines.emplace_back(static_cast<uint32_t>(pos), static_cast<uint32_t>(end));
      if (!p) break;
      pos = end + 1;
    }
  }
  const size_t nlines = s.lines.size();
  result.lines_total = nlines;
  auto line_text = [&](size_t i) {
    return text.substr(s.lines[i].first, s.lines[i].second - s.lines[i].first);
  };

  // Pass 1: document ops and line removals.
  bool drop = false;
  s.removal_delta.assign(nlines + 1, 0);
  bool any_removal = false;
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    switch (op.kind) {
      case OpKind::kDropDoc:
        drop = true;
        break;
      case OpKind::kRemoveAllLines:
        s.removal_delta[0]++;
        s.removal_delta[nlines]--;
        any_removal = true;
        if (log) {
          (*log)[i].line_from = 0;
          (*log)[i].line_to = static_cast<int64_t>(nlines) - 1;
        }
        break;
      case OpKind::kRemoveLines: {
        if (op.line_start >= static_cast<int64_t>(nlines)) {
          SetError(outcome(i), result, "line_out_of_range",
                   fmt::format("line {} is past the last line ({})", op.line_start, nlines - 1));
          break;
        }
        int64_t end = op.line_end;
        if (end >= static_cast<int64_t>(nlines)) {
          end = static_cast<int64_t>(nlines) - 1;
          if (log) (*log)[i].clamped = true;
        }
        s.removal_delta[static_cast<size_t>(op.line_start)]++;
        s.removal_delta[static_cast<size_t>(end) + 1]--;
        any_removal = true;
        if (log) {
          (*log)[i].line_from = op.line_start;
          (*log)[i].line_to = end;
        }
        break;
      }
      case OpKind::kNormalize:
        if (policy.deletion_only) {
          SetError(outcome(i), result, "normalize_disabled",
                   "normalize() is not allowed in deletion-only mode");
        }
        break;
      default:
        break;
    }
  }
  s.removed.assign(nlines, 0);
  if (any_removal) {
    int32_t depth = 0;
    for (size_t i = 0; i < nlines; ++i) {
      depth += s.removal_delta[i];
      s.removed[i] = depth > 0;
      result.lines_removed += s.removed[i];
    }
  }

  // Pass 2: spans (remove_str, normalize), resolved against the original lines.
  s.spans.clear();
  uint64_t budget = policy.work_budget_factor * text.size() + (1u << 20);
  bool exhausted = false;
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    if (op.kind == OpKind::kRemoveStr) {
      if (op.line >= static_cast<int64_t>(nlines)) {
        SetError(outcome(i), result, "line_out_of_range",
                 fmt::format("line {} is past the last line ({})", op.line, nlines - 1));
        continue;
      }
      size_t ln = static_cast<size_t>(op.line);
      std::string_view lt = line_text(ln);
      size_t found = 0;
      size_t pos = 0;
      bool hit = false;
      while (true) {
        size_t p = BudgetedFind(lt, op.text, pos, budget, exhausted);
        if (p == std::string_view::npos) break;
        if (op.occurrence == -1 || static_cast<int64_t>(found) == op.occurrence) {
          s.spans.push_back({static_cast<uint32_t>(ln), static_cast<uint32_t>(p),
                             static_cast<uint32_t>(p + op.text.size()), static_cast<uint32_t>(i),
                             nullptr});
          hit = true;
          if (op.occurrence != -1) break;
        }
        ++found;
        pos = p + op.text.size();
      }
      if (exhausted) {
        SetError(outcome(i), result, "work_budget", "work budget exhausted");
      } else if (!hit) {
        SetError(outcome(i), result, "not_found",
                 op.occurrence == -1
                     ? fmt::format("string not found on line {}", op.line)
                     : fmt::format("occurrence {} of the string not found on line {} ({} found)",
                                   op.occurrence, op.line, found));
      } else if (s.removed[ln] && log) {
        (*log)[i].absorbed = true;
      }
    } else if (op.kind == OpKind::kNormalize && !policy.deletion_only) {
      bool hit = false;
      bool live_hit = false;
      for (size_t ln = 0; ln < nlines && !exhausted; ++ln) {
        std::string_view lt = line_text(ln);
        size_t pos = 0;
        while (true) {
          size_t p = BudgetedFind(lt, op.text, pos, budget, exhausted);
          if (p == std::string_view::npos) break;
          hit = true;
          if (!s.removed[ln]) {
            live_hit = true;
            s.spans.push_back({static_cast<uint32_t>(ln), static_cast<uint32_t>(p),
                               static_cast<uint32_t>(p + op.text.size()), static_cast<uint32_t>(i),
                               &op.target});
          }
          pos = p + op.text.size();
        }
      }
      if (exhausted) {
        SetError(outcome(i), result, "work_budget", "work budget exhausted");
      } else if (!hit) {
        SetError(outcome(i), result, "not_found", "source_str not found in the document");
      } else if (!live_hit && log) {
        (*log)[i].absorbed = true;
      }
    }
  }

  // Resolve span conflicts: position order, then program order.
  std::sort(s.spans.begin(), s.spans.end(),
            [](const EditScratch::Span& a, const EditScratch::Span& b) {
              if (a.line != b.line) return a.line < b.line;
              if (a.start != b.start) return a.start < b.start;
              return a.op < b.op;
            });
  {
    size_t w = 0;
    for (size_t r = 0; r < s.spans.size(); ++r) {
      EditScratch::Span sp = s.spans[r];
      if (s.removed[sp.line]) continue;  // absorbed by a removed line
      if (w > 0 && s.spans[w - 1].line == sp.line && sp.start < s.spans[w - 1].end) {
        EditScratch::Span& prev = s.spans[w - 1];
        if (prev.replacement == nullptr && sp.replacement == nullptr) {
          prev.end = std::max(prev.end, sp.end);  // overlapping deletions merge
          continue;
        }
        SetError(outcome(sp.op), result, "conflict",
                 "replacement overlaps another edit on the same line; skipped");
        continue;
      }
      s.spans[w++] = sp;
    }
    s.spans.resize(w);
  }
  result.spans_applied = s.spans.size();

  // The op log's resolved spans, as code point offsets into the original text.
  if (log) {
    for (const EditScratch::Span& sp : s.spans) {
      OpOutcome& o = (*log)[sp.op];
      o.span_count++;
      if (o.spans.size() >= OpOutcome::kMaxLoggedSpans) continue;
      uint64_t base = s.lines[sp.line].first;
      o.spans.emplace_back(base + sp.start, base + sp.end);
    }
    // Convert every logged byte offset in one pass over the text.
    std::vector<std::pair<uint64_t, uint64_t*>> refs;
    for (OpOutcome& o : *log) {
      for (auto& [a, b] : o.spans) {
        refs.emplace_back(a, &a);
        refs.emplace_back(b, &b);
      }
    }
    std::sort(refs.begin(), refs.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    uint64_t cp = 0;
    size_t byte = 0;
    for (auto& [off, ptr] : refs) {
      size_t to = std::min<size_t>(off, text.size());
      if (byte < to) cp += CodePointCount(text.substr(byte, to - byte));
      byte = std::max(byte, to);
      *ptr = cp;
    }
  }

  if (drop) {
    result.status = EditStatus::kDropped;
    result.reason = "drop_doc";
    return result;
  }
  if (result.error_count > static_cast<uint64_t>(std::max<int64_t>(policy.max_errors, 0))) {
    result.fell_back = true;
    result.reason = "too_many_errors";
    return result;
  }
  if (result.lines_removed == 0 && s.spans.empty()) return result;  // nothing to do

  // One pass to build the output.
  std::string out;
  out.reserve(text.size());
  bool first = true;
  size_t si = 0;
  for (size_t ln = 0; ln < nlines; ++ln) {
    if (s.removed[ln]) continue;
    if (!first) out.push_back('\n');
    first = false;
    std::string_view lt = line_text(ln);
    size_t pos = 0;
    while (si < s.spans.size() && s.spans[si].line < ln) ++si;
    for (; si < s.spans.size() && s.spans[si].line == ln; ++si) {
      const EditScratch::Span& sp = s.spans[si];
      out.append(lt.data() + pos, sp.start - pos);
      if (sp.replacement != nullptr) out.append(*sp.replacement);
      pos = sp.end;
    }
    out.append(lt.data() + pos, lt.size() - pos);
  }
  if (out == text) return result;

  if (policy.deletion_only && !IsSubsequence(out, text)) {
    SetError(nullptr, result, "not_subsequence", "output is not a subsequence of the input");
    result.fell_back = true;
    result.reason = "not_subsequence";
    return result;
  }
  result.words_in = CountWords(text);
  result.words_out = CountWords(out);
  if (policy.min_kept_word_ratio > 0 &&
      (result.words_in == 0 ||
       static_cast<double>(result.words_out) / static_cast<double>(result.words_in) <=
           policy.min_kept_word_ratio)) {
    result.status = EditStatus::kDropped;
    result.reason = "kept_word_ratio";
    return result;
  }
  if (policy.min_words > 0 && result.words_out <= static_cast<uint64_t>(policy.min_words)) {
    result.status = EditStatus::kDropped;
    result.reason = "min_words";
    return result;
  }
  result.status = EditStatus::kChanged;
  result.text = std::move(out);
  return result;
}

Json EditLogJson(const Program& program, const EditResult& result) {
  Json j = Json::object();
  j["status"] = EditStatusName(result.status);
  if (!result.reason.empty()) j["reason"] = result.reason;
  if (result.fell_back) j["fallback"] = true;
  j["errors"] = result.error_count;
  j["lines_removed"] = result.lines_removed;
  // Bounded: a hostile program must not make the record's log huge.
  constexpr size_t kMaxLoggedOps = 1000, kMaxLoggedErrors = 100;
  Json ops = Json::array();
  for (size_t i = 0; i < program.ops.size() && i < kMaxLoggedOps; ++i) {
    Json o = Json::object();
    o["op"] = FormatOp(program.ops[i]);
    if (i < result.ops.size()) {
      const OpOutcome& oc = result.ops[i];
      if (oc.line_from >= 0) o["lines"] = Json::array({oc.line_from, oc.line_to});
      if (oc.clamped) o["clamped"] = true;
      if (oc.span_count > 0) {
        Json spans = Json::array();
        for (const auto& [a, b] : oc.spans) spans.push_back(Json::array({a, b}));
        o["spans"] = std::move(spans);
        if (oc.span_count > oc.spans.size()) o["span_count"] = oc.span_count;
      }
      if (oc.absorbed) o["absorbed"] = true;
      if (!oc.error_cause.empty()) {
        o["error"] = oc.error_cause;
        o["message"] = oc.error;
      }
    }
    ops.push_back(std::move(o));
  }
  j["ops"] = std::move(ops);
  if (program.ops.size() > kMaxLoggedOps) j["ops_not_logged"] = program.ops.size() - kMaxLoggedOps;
  if (!program.errors.empty()) {
    Json errs = Json::array();
    for (const ParseError& e : program.errors) {
      if (errs.size() >= kMaxLoggedErrors) {
        j["parse_errors_not_logged"] = program.errors.size() - kMaxLoggedErrors;
        break;
      }
      errs.push_back(
          Json{{"line", e.line}, {"column", e.column}, {"error", e.cause}, {"message", e.message}});
    }
    j["parse_errors"] = std::move(errs);
  }
  return j;
}

}  // namespace refinery::edit
