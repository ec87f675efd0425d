#include "refinery/score/detox_eval.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "refinery/core/hash.h"
#include "refinery/core/utf8.h"

namespace refinery {

namespace {

std::vector<char32_t> CodePointsNoSpace(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back(c);
  }
  return out;
}

std::vector<char32_t> CodePointsAll(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(DecodeUtf8(s, i));
  return out;
}

using Counts = std::unordered_map<uint64_t, uint32_t>;

Counts NgramCounts(const std::vector<char32_t>& cps, int n) {
  Counts c;
  if (cps.size() < static_cast<size_t>(n)) return c;
  for (size_t i = 0; i + n <= cps.size(); ++i) {
    uint64_t h = kFnv64Offset;
    for (int k = 0; k < n; ++k) h = Fnv1a64Step(h, cps[i + k]);
    ++c[h];
  }
  return c;
}

}  // namespace

double ChrF(std::string_view hypothesis, std::string_view reference, int max_n, double beta) {
  auto hyp = CodePointsNoSpace(hypothesis);
  auto ref = CodePointsNoSpace(reference);
  if (hyp.empty() && ref.empty()) return 1.0;
  if (hyp.empty() || ref.empty()) return 0.0;
  const double factor = beta * beta;
  double score = 0;
  int effective = 0;
  for (int n = 1; n <= max_n; ++n) {
    Counts h = NgramCounts(hyp, n), r = NgramCounts(ref, n);
    double n_hyp = hyp.size() >= static_cast<size_t>(n) ? hyp.size() - n + 1 : 0;
    double n_ref = ref.size() >= static_cast<size_t>(n) ? ref.size() - n + 1 : 0;
    if (n_hyp == 0 || n_ref == 0) continue;
    double match = 0;
    for (const auto& [k, c] : h) {
      auto it = r.find(k);
      if (it != r.end()) match += std::min(c, it->second);
    }
    double prec = match / n_hyp, rec = match / n_ref;
    double denom = factor * prec + rec;
    score += denom > 0 ? (1 + factor) * prec * rec / denom : 0;
    ++effective;
  }
  return effective == 0 ? 0.0 : score / effective;
}

double CharNgramCosine(std::string_view a, std::string_view b, int n) {
  auto ca = CodePointsAll(a), cb = CodePointsAll(b);
  if (ca.empty() && cb.empty()) return 1.0;
  Counts x = NgramCounts(ca, n), y = NgramCounts(cb, n);
  if (x.empty() || y.empty()) return ca == cb ? 1.0 : 0.0;
  double dot = 0, nx = 0, ny = 0;
  for (const auto& [k, c] : x) {
    nx += double(c) * c;
    auto it = y.find(k);
    if (it != y.end()) dot += double(c) * it->second;
  }
  for (const auto& [k, c] : y) ny += double(c) * c;
  return dot / (std::sqrt(nx) * std::sqrt(ny));
}

// --- evaluation -------------------------------------------------------------------------------

std::string FluencyModelPathFor(const std::string& toxicity_model_path) {
  std::string base = toxicity_model_path;
  if (base.size() > 4 && base.substr(base.size() - 4) == ".bin") base.resize(base.size() - 4);
  return base + ".fluency.bin";
}

std::string DeleteLexiconWords(const ToxicLexicon& lexicon, std::string_view text) {
  auto spans = lexicon.FindSpans(text);
  if (spans.empty()) return std::string(text);
  OffsetMap map(text);
  std::string out;
  size_t pos = 0;
  for (const ToxicSpan& s : spans) {
    size_t b = map.ToByte(s.start), e = map.ToByte(s.end);
    out.append(text.substr(pos, b - pos));
    pos = e;
  }
  out.append(text.substr(pos));
  // Collapse the double spaces left behind and trim.
  std::string tidy;
  for (char c : out) {
    if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
    tidy.push_back(c);
  }
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return tidy;
}

Json DetoxScores::ToJson() const {
  return Json{{"n", n},
              {"sta", sta},
              {"sim_chrf", sim_chrf},
              {"sim_cosine", sim_cosine},
              {"fl", fl},
              {"j", j},
              {"output_toxicity_mean", output_toxicity_mean}};
}

Json DetoxReport::ToJson() const {
  return Json{
      {"input_toxicity_mean", input_toxicity_mean},
      {"input_fl", input_fl},
      {"system", system.ToJson()},
      {"baselines", Json{{"duplicate", duplicate.ToJson()}, {"delete", delete_baseline.ToJson()}}}};
}

DetoxReport EvaluateDetox(const std::vector<DetoxPair>& pairs, const ToxicityScorer& scorer,
                          const FluencyJudge& fluency, const DetoxEvalOptions& options,
                          std::vector<DetoxPairScores>* per_pair) {
  DetoxReport report;
  const double fl_threshold =
      std::isnan(options.fl_threshold) ? fluency.threshold() : options.fl_threshold;
  auto fluent = [&](const std::string& text, double score) {
    bool blank = text.find_first_not_of(" \t\n\r") == std::string::npos;
    return !blank && score >= fl_threshold ? 1.0 : 0.0;
  };
  auto score_one = [&](const std::string& source, const std::string& output, double fl_score,
                       DetoxScores& acc) {
    double tox = scorer.Score(output);
    double sta = tox < options.toxic_threshold ? 1 : 0;
    double chrf = ChrF(output, source);
    double cos = CharNgramCosine(output, source);
    double fl = fluent(output, fl_score);
    acc.n += 1;
    acc.sta += sta;
    acc.sim_chrf += chrf;
    acc.sim_cosine += cos;
    acc.fl += fl;
    acc.j += sta * chrf * fl;
    acc.output_toxicity_mean += tox;
    return DetoxPairScores{tox, sta, chrf, fl_score, fl, sta * chrf * fl, 0, {}, 0};
  };
  for (const DetoxPair& p : pairs) {
    double src_fl = fluency.Score(p.source);
    report.input_fl += fluent(p.source, src_fl);
    report.input_toxicity_mean += scorer.Score(p.source);
    DetoxPairScores one = score_one(p.source, p.output, fluency.Score(p.output), report.system);
    score_one(p.source, p.source, src_fl, report.duplicate);
    std::string deleted = DeleteLexiconWords(scorer.lexicon(), p.source);
    double deleted_fl = fluency.Score(deleted);
    score_one(p.source, deleted, deleted_fl, report.delete_baseline);
    if (per_pair) {
      one.input_fl_score = src_fl;
      one.delete_output = std::move(deleted);
      one.delete_fl_score = deleted_fl;
      per_pair->push_back(std::move(one));
    }
  }
  for (DetoxScores* s : {&report.system, &report.duplicate, &report.delete_baseline}) {
    if (s->n == 0) continue;
    double n = static_cast<double>(s->n);
    s->sta /= n;
    s->sim_chrf /= n;
    s->sim_cosine /= n;
    s->fl /= n;
    s->j /= n;
    s->output_toxicity_mean /= n;
  }
  if (!pairs.empty()) {
    report.input_toxicity_mean /= static_cast<double>(pairs.size());
    report.input_fl /= static_cast<double>(pairs.size());
  }
  return report;
}

}  // namespace refinery
