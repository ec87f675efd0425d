#include "refinery/metrics/pii_eval.h"

#include <algorithm>
#include <unordered_map>

#include "refinery/core/ascii.h"
#include "refinery/io/jsonl_file.h"

namespace refinery {

StatusOr<SpanMatch> ParseSpanMatch(std::string_view name) {
  if (name == "strict") return SpanMatch::kStrict;
  if (name == "overlap") return SpanMatch::kOverlap;
  return absl::InvalidArgumentError("unknown match mode '" + std::string(name) +
                                    "' (strict|overlap)");
}

double PrfCounts::Precision() const {
  return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0;
}
double PrfCounts::Recall() const {
  return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0;
}
double PrfCounts::F(double beta) const {
  double p = Precision(), r = Recall();
  double b2 = beta * beta;
  return p + r > 0 ? (1 + b2) * p * r / (b2 * p + r) : 0.0;
}

namespace {
double Round4(double v) {
  return static_cast<double>(static_cast<int64_t>(v * 10000 + 0.5)) / 10000;
}
}  // namespace

Json PrfCounts::ToJson() const {
  Json j = Json::object();
  j["precision"] = Round4(Precision());
  j["recall"] = Round4(Recall());
  j["f1"] = Round4(F(1));
  j["f2"] = Round4(F(2));
  j["support"] = tp + fn;
  j["tp"] = tp;
  j["fp"] = fp;
  j["fn"] = fn;
  return j;
}

Json PiiEvalResult::ToJson() const {
  Json j = Json::object();
  j["micro"] = micro.ToJson();
  double p = 0, r = 0, f1 = 0, f2 = 0;
  size_t n = 0;
  Json per = Json::object();
  for (const auto& [type, c] : per_type) {
    per[type] = c.ToJson();
    if (c.tp + c.fn + c.fp == 0) continue;
    p += c.Precision(), r += c.Recall(), f1 += c.F(1), f2 += c.F(2);
    ++n;
  }
  Json macro = Json::object();
  macro["precision"] = n ? Round4(p / n) : 0.0;
  macro["recall"] = n ? Round4(r / n) : 0.0;
  macro["f1"] = n ? Round4(f1 / n) : 0.0;
  macro["f2"] = n ? Round4(f2 / n) : 0.0;
  macro["types"] = n;
  j["macro"] = macro;
  j["per_type"] = per;
  j["any_pii"] = any_pii.ToJson();
  j["match"] = match == SpanMatch::kStrict ? "strict" : "overlap";
  j["docs"] = docs;
  return j;
}

bool SpansMatch(const PiiGoldSpan& a, const PiiGoldSpan& b, SpanMatch match) {
  if (match == SpanMatch::kStrict) return a.start == b.start && a.end == b.end;
  size_t lo = std::max(a.start, b.start), hi = std::min(a.end, b.end);
  if (hi <= lo) return false;
  size_t inter = hi - lo;
  size_t uni = std::max(a.end, b.end) - std::min(a.start, b.start);
  return uni > 0 && 2 * inter >= uni;  // IoU >= 0.5
}

namespace {

// Greedy one-to-one matching in start order; `same_type` requires equal types.
uint64_t CountMatches(const std::vector<PiiGoldSpan>& gold, const std::vector<PiiGoldSpan>& pred,
                      SpanMatch match, bool same_type, std::vector<char>* gold_hit,
                      std::vector<char>* pred_hit) {
  gold_hit->assign(gold.size(), 0);
  pred_hit->assign(pred.size(), 0);
  uint64_t tp = 0;
  // Spans are few per document; for each gold span, scan predictions that can overlap it.
  size_t first = 0;
  for (size_t g = 0; g < gold.size(); ++g) {
    while (first < pred.size() && pred[first].end <= gold[g].start) ++first;
    for (size_t p = first; p < pred.size() && pred[p].start < gold[g].end; ++p) {
      if ((*pred_hit)[p]) continue;
      if (same_type && pred[p].type != gold[g].type) continue;
      if (!SpansMatch(gold[g], pred[p], match)) continue;
      (*pred_hit)[p] = 1;
      (*gold_hit)[g] = 1;
      ++tp;
      break;
    }
  }
  return tp;
}

std::vector<PiiGoldSpan> Sorted(std::vector<PiiGoldSpan> v) {
  std::sort(v.begin(), v.end(), [](const PiiGoldSpan& a, const PiiGoldSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  return v;
}

}  // namespace

void PiiEvaluator::Add(const std::vector<PiiGoldSpan>& gold_in,
                       const std::vector<PiiGoldSpan>& pred_in) {
  const std::vector<PiiGoldSpan> gold = Sorted(gold_in), pred = Sorted(pred_in);
  ++result_.docs;
  std::vector<char> gh, ph;
  CountMatches(gold, pred, result_.match, true, &gh, &ph);
  for (size_t g = 0; g < gold.size(); ++g) {
    PrfCounts& c = result_.per_type[gold[g].type];
    if (gh[g])
      ++c.tp, ++result_.micro.tp;
    else
      ++c.fn, ++result_.micro.fn;
  }
  for (size_t p = 0; p < pred.size(); ++p) {
    if (!ph[p]) ++result_.per_type[pred[p].type].fp, ++result_.micro.fp;
  }
  uint64_t tp = CountMatches(gold, pred, result_.match, false, &gh, &ph);
  result_.any_pii.tp += tp;
  result_.any_pii.fn += gold.size() - tp;
  result_.any_pii.fp += pred.size() - tp;
}

StatusOr<PiiDoc> ParsePiiDocLine(std::string_view line, bool predictions) {
  Json j = Json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return absl::InvalidArgumentError("not a JSON object");
  PiiDoc doc;
  if (j.contains("id")) {
    const Json& id = j["id"];
    doc.id = id.is_string() ? id.get<std::string>() : id.dump();
  }
  if (!j.contains("text") || !j["text"].is_string())
    return absl::InvalidArgumentError("field 'text': missing or not a string");
  doc.text = j["text"].get<std::string>();
  const Json* spans = nullptr;
  const bool has_pii =
      j.contains("refinery") && j["refinery"].is_object() && j["refinery"].contains("pii");
  if (has_pii && (predictions || !j.contains("spans"))) {
    spans = &j["refinery"]["pii"];
  } else if (j.contains("spans")) {
    spans = &j["spans"];
  }
  if (spans) {
    if (!spans->is_array()) return absl::InvalidArgumentError("field 'spans': not an array");
    for (const Json& s : *spans) {
      if (!s.is_object() || !s.contains("start") || !s.contains("end") || !s.contains("type") ||
          !s["start"].is_number_unsigned() || !s["end"].is_number_unsigned() ||
          !s["type"].is_string())
        return absl::InvalidArgumentError(
            "field 'spans': each span needs integer 'start', 'end' and string 'type'");
      PiiGoldSpan g;
      g.start = s["start"].get<size_t>();
      g.end = s["end"].get<size_t>();
      g.type = s["type"].get<std::string>();
      if (g.end < g.start) return absl::InvalidArgumentError("field 'spans': end < start");
      doc.spans.push_back(std::move(g));
    }
  }
  return doc;
}

StatusOr<std::vector<PiiDoc>> ReadPiiDocs(const std::string& path, bool predictions) {
  std::vector<PiiDoc> docs;
  RETURN_IF_ERROR(ForEachLine(path, [&](std::string_view line, uint64_t n) -> Status {
    if (IsBlankLine(line)) return absl::OkStatus();
    auto doc = ParsePiiDocLine(line, predictions);
    if (!doc.ok())
      return absl::InvalidArgumentError(path + ":" + std::to_string(n) + ": " +
                                        std::string(doc.status().message()));
    if (doc->id.empty()) doc->id = std::to_string(n);
    docs.push_back(std::move(*doc));
    return absl::OkStatus();
  }));
  return docs;
}

Json LeakResult::ToJson() const {
  Json per = Json::object();
  for (const auto& [type, c] : per_type) {
    per[type] = Json{{"gold", c.gold},
                     {"leaked", c.leaked},
                     {"leak_rate", Round4(c.gold ? static_cast<double>(c.leaked) / c.gold : 0.0)}};
  }
  return Json{{"leak_rate", Round4(LeakRate())},
              {"over_edit_rate", Round4(OverEditRate())},
              {"gold_values", gold},
              {"leaked_values", leaked},
              {"skipped_short_values", skipped_short},
              {"per_type", per},
              {"non_pii_words", non_pii_words},
              {"non_pii_words_changed", non_pii_words_changed},
              {"docs", docs},
              {"missing_docs", missing_docs}};
}

std::string NormalizeForLeak(std::string_view text) { return AsciiAlnumFolded(text); }

namespace {

// Byte offset of each code point offset in `text` (size = code points + 1).
std::vector<size_t> CodePointStarts(std::string_view text) {
  std::vector<size_t> starts;
  starts.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(text.size());
  return starts;
}

}  // namespace

void AddLeakDoc(const PiiDoc& original, std::string_view refined, LeakResult& result,
                size_t min_chars) {
  ++result.docs;
  const std::string norm_refined = NormalizeForLeak(refined);
  const std::vector<size_t> cps = CodePointStarts(original.text);
  const size_t ncp = cps.size() - 1;
  // Byte ranges of gold spans in the original.
  std::vector<std::pair<size_t, size_t>> pii_bytes;
  for (const PiiGoldSpan& s : original.spans) {
    size_t b = cps[std::min(s.start, ncp)], e = cps[std::min(s.end, ncp)];
    pii_bytes.emplace_back(b, e);
    std::string v = NormalizeForLeak(std::string_view(original.text).substr(b, e - b));
    if (v.size() < min_chars) {
      ++result.skipped_short;
      continue;
    }
    LeakResult::TypeCounts& c = result.per_type[s.type];
    ++c.gold, ++result.gold;
    if (norm_refined.find(v) != std::string::npos) ++c.leaked, ++result.leaked;
  }
  std::sort(pii_bytes.begin(), pii_bytes.end());
  // Over-editing: whitespace-separated words of the original that touch no gold span, counted
  // as a multiset against the refined words.
  std::unordered_map<std::string_view, int64_t> refined_words;
  auto for_words = [](std::string_view t, auto&& fn) {
    size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i;
      size_t j = i;
      while (j < t.size() && !(t[j] == ' ' || t[j] == '\n' || t[j] == '\t' || t[j] == '\r')) ++j;
      if (j > i) fn(i, j);
      i = j;
    }
  };
  for_words(refined, [&](size_t i, size_t j) { ++refined_words[refined.substr(i, j - i)]; });
  std::string_view orig = original.text;
  size_t k = 0;
  for_words(orig, [&](size_t i, size_t j) {
    while (k < pii_bytes.size() && pii_bytes[k].second <= i) ++k;
    for (size_t q = k; q < pii_bytes.size() && pii_bytes[q].first < j; ++q) {
      if (pii_bytes[q].second > i) return;  // touches PII
    }
    ++result.non_pii_words;
    auto it = refined_words.find(orig.substr(i, j - i));
    if (it == refined_words.end() || it->second <= 0) {
      ++result.non_pii_words_changed;
    } else {
      --it->second;
    }
  });
}

}  // namespace refinery
