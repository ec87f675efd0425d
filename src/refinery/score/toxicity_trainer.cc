#include "refinery/score/toxicity_trainer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <cstdlib>

#include <fmt/format.h>

#include "refinery/core/hash.h"
#include "refinery/io/compression.h"
#include "refinery/io/files.h"
#include "refinery/score/csv.h"
#include "refinery/score/toxicity_features.h"
#include "refinery/score/toxicity_templates.h"
#include "refinery/score/toxicity_word_clusters.h"

namespace refinery {

namespace {

using toxicity_internal::Mix;
using toxicity_internal::WordHash;

enum class SplitPart { kTrain, kCalibration, kTest };

SplitPart PartOf(std::string_view key) {
  uint64_t bucket = Mix(WordHash(key)) % 10;
  if (bucket == 0) return SplitPart::kTest;
  if (bucket == 1) return SplitPart::kCalibration;
  return SplitPart::kTrain;
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

StatusOr<std::string> ReadMaybeCompressed(const std::string& path) {
  if (CompressionFromPath(path) == Compression::kNone) return ReadFile(path);
  ASSIGN_OR_RETURN(auto src, OpenByteSource(path, CompressionFromPath(path)));
  std::string out;
  char buf[1 << 16];
  while (true) {
    ASSIGN_OR_RETURN(size_t n, src->Read(buf, sizeof(buf)));
    if (n == 0) break;
    out.append(buf, n);
  }
  return out;
}

// The shared TSV convention: `\n` and `\\` escaped inside fields.
std::string Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char c = s[i + 1];
      if (c == 'n') {
        out.push_back('\n');
        ++i;
        continue;
      }
      if (c == '\\') {
        out.push_back('\\');
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    f.push_back(
        line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return f;
}

// Calls row(fields, lineno) for each data row of a TSV with a header; `columns` are looked up
// in the header and passed in that order.
template <typename Row>
Status ForEachTsvRow(const std::string& path, const std::vector<std::string>& columns, Row&& row) {
  ASSIGN_OR_RETURN(std::string data, ReadMaybeCompressed(path));
  std::vector<int> idx;
  size_t lineno = 0, pos = 0;
  std::vector<std::string> fields(columns.size());
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto f = SplitTabs(line);
    if (lineno == 1) {
      for (const std::string& c : columns) {
        auto it = std::find(f.begin(), f.end(), c);
        if (it == f.end()) {
          return absl::InvalidArgumentError(fmt::format("{}:1: no column '{}'", path, c));
        }
        idx.push_back(static_cast<int>(it - f.begin()));
      }
      continue;
    }
    if (line.empty()) continue;
    for (size_t k = 0; k < idx.size(); ++k) {
      if (static_cast<size_t>(idx[k]) >= f.size()) {
        return absl::InvalidArgumentError(
            fmt::format("{}:{}: expected {} fields, got {}", path, lineno, idx[k] + 1, f.size()));
      }
      fields[k] = Unescape(f[idx[k]]);
    }
    RETURN_IF_ERROR(row(fields, lineno));
  }
  if (lineno < 2) return absl::InvalidArgumentError(path + ": no data rows");
  return absl::OkStatus();
}

class Splitter {
 public:
  Splitter(ToxicityDataset& d, const ToxicityDataOptions& opt) : d_(d), opt_(opt) {}
  bool LeftOut(int source) const {
    return std::find(opt_.leave_out.begin(), opt_.leave_out.end(), source) != opt_.leave_out.end();
  }
  // Adds an example; returns its part.
  SplitPart Add(std::string_view key, ToxicityExample ex) {
    SplitPart part = PartOf(key);
    if (LeftOut(ex.source)) {
      d_.left_out.push_back(std::move(ex));
      return part;
    }
    switch (part) {
      case SplitPart::kTrain:
        d_.train.push_back(std::move(ex));
        break;
      case SplitPart::kCalibration:
        d_.calibration.push_back(std::move(ex));
        break;
      case SplitPart::kTest:
        d_.test.push_back(std::move(ex));
        break;
    }
    return part;
  }

 private:
  ToxicityDataset& d_;
  const ToxicityDataOptions& opt_;
};

ToxicityExample Example(std::string text, int label, int source) {
  ToxicityExample ex;
  ex.text = std::move(text);
  ex.label = label;
  ex.source = static_cast<uint8_t>(source);
  ex.heads[kHeadToxicity] = static_cast<int8_t>(label);
  // Non-toxic text is non-toxic in every category; a toxic one's categories are unknown
  // unless its source says which.
  for (int h = 1; h < kToxicityHeads; ++h) ex.heads[h] = label ? -1 : 0;
  return ex;
}

Status ReadParadetox(const std::string& path, ToxicityDataset& d, Splitter& split) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  std::istringstream in(data);
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (lineno == 1) continue;  // header
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto f = SplitTabs(line);
    if (f.size() < 2 || f[0].empty()) continue;  // no paraphrase: nothing to pair
    std::string toxic(f[0]);
    SplitPart part = split.Add(toxic, Example(toxic, 1, kSrcParadetox));
    for (size_t k = 1; k < f.size(); ++k) {
      if (f[k].empty()) continue;
      split.Add(toxic, Example(std::string(f[k]), 0, kSrcParadetox));
      if (part == SplitPart::kTrain) d.neutral_train.emplace_back(f[k]);
      if (part == SplitPart::kTest && k == 1) d.paradetox_test_pairs.emplace_back(toxic, f[k]);
    }
  }
  if (lineno < 2) return absl::InvalidArgumentError(path + ": no data rows");
  return absl::OkStatus();
}

Status ReadDavidson(const std::string& path, Splitter& split) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  auto rows = ParseCsv(data);
  if (rows.empty()) return absl::InvalidArgumentError(path + ": empty");
  const auto& header = rows[0];
  auto col = [&](const char* name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  int cls = col("class"), tweet = col("tweet");
  if (cls < 0 || tweet < 0) {
    return absl::InvalidArgumentError(path + ":1: expected columns 'class' and 'tweet'");
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() <= static_cast<size_t>(std::max(cls, tweet))) continue;
    const std::string& c = row[cls];
    if (c != "0" && c != "1" && c != "2") {
      return absl::InvalidArgumentError(
          fmt::format("{}: record {}: field 'class' must be 0, 1 or 2", path, r + 1));
    }
    ToxicityExample ex = Example(row[tweet], c == "2" ? 0 : 1, kSrcDavidson);
    if (c == "0") ex.heads[kHeadIdentityAttack] = 1;
    split.Add(row[tweet], std::move(ex));
  }
  return absl::OkStatus();
}

Status LabelError(const std::string& path, size_t lineno, std::string_view value) {
  return absl::InvalidArgumentError(
      fmt::format("{}:{}: field 'label' must be 0 or 1, got '{}'", path, lineno, value));
}

}  // namespace

const char* ToxicitySourceName(int source) {
  static const char* const kNames[kToxicitySources] = {
      "paradetox",  "davidson", "stormfront", "civil_comments",  "implicit_hate",
      "hatexplain", "madlibs",  "neutral",    "threat_templates"};
  return source >= 0 && source < kToxicitySources ? kNames[source] : "";
}

int ToxicitySourceFromName(std::string_view name) {
  for (int s = 0; s < kToxicitySources; ++s) {
    if (name == ToxicitySourceName(s)) return s;
  }
  return -1;
}

StatusOr<ToxicityDataset> ReadToxicityDataset(const std::string& dir,
                                              const ToxicityDataOptions& options) {
  ToxicityDataset d;
  Splitter split(d, options);
  RETURN_IF_ERROR(ReadParadetox(dir + "/paradetox_dev.tsv", d, split));
  RETURN_IF_ERROR(ReadDavidson(dir + "/davidson_labeled.csv", split));
  // The new sources: text, label, fine_label (+ extras).
  auto label_of = [](const std::string& v) { return v == "1" ? 1 : v == "0" ? 0 : -1; };
  {
    std::string p = dir + "/stormfront_degibert2018.tsv";
    RETURN_IF_ERROR(ForEachTsvRow(p, {"text", "label", "file_id"}, [&](auto& f, size_t ln) {
      int y = label_of(f[1]);
      if (y < 0) return LabelError(p, ln, f[1]);
      ToxicityExample ex = Example(f[0], y, kSrcStormfront);
      if (y) ex.heads[kHeadIdentityAttack] = 1;
      split.Add(f[2].substr(0, f[2].find('_')), std::move(ex));  // by forum post
      return absl::OkStatus();
    }));
  }
  {
    std::string p = dir + "/toxic_spans_civil_comments.tsv.gz";
    RETURN_IF_ERROR(ForEachTsvRow(
        p, {"text", "label", "fine_label", "toxic_char_spans"}, [&](auto& f, size_t ln) {
          int y = label_of(f[1]);
          if (y < 0) return LabelError(p, ln, f[1]);
          if (f[2] == "toxic_disputed_by_span_raters" && !options.civil_disputed) {
            return absl::OkStatus();
          }
          ToxicityExample ex = Example(f[0], y, kSrcCivilComments);
          if (!f[3].empty()) {  // typed spans: the categories present are 1, the others 0
            for (int h = 1; h < kToxicityHeads; ++h) ex.heads[h] = 0;
            const std::string& s = f[3];
            if (s.find(":Insult") != std::string::npos) ex.heads[kHeadInsult] = 1;
            if (s.find(":Threat") != std::string::npos) ex.heads[kHeadThreat] = 1;
            if (s.find(":Identity") != std::string::npos) ex.heads[kHeadIdentityAttack] = 1;
            if (s.find(":Profane") != std::string::npos) ex.heads[kHeadProfanity] = 1;
          }
          split.Add(f[0], std::move(ex));
          return absl::OkStatus();
        }));
  }
  {
    std::string p = dir + "/implicit_hate_elsherief2021.tsv";
    RETURN_IF_ERROR(ForEachTsvRow(p, {"text", "label"}, [&](auto& f, size_t ln) {
      int y = label_of(f[1]);
      if (y < 0) return LabelError(p, ln, f[1]);
      ToxicityExample ex = Example(f[0], y, kSrcImplicitHate);
      if (y) ex.heads[kHeadIdentityAttack] = 1;
      split.Add(f[0], std::move(ex));
      return absl::OkStatus();
    }));
  }
  {
    std::string p = dir + "/hatexplain_mathew2021.tsv";
    RETURN_IF_ERROR(
        ForEachTsvRow(p, {"text", "label", "fine_label", "target_groups"}, [&](auto& f, size_t ln) {
          int y = label_of(f[1]);
          if (y < 0) return LabelError(p, ln, f[1]);
          ToxicityExample ex = Example(f[0], y, kSrcHatexplain);
          if (f[2] == "hatespeech") ex.heads[kHeadIdentityAttack] = 1;
          ex.groups = f[3];
          split.Add(f[0], std::move(ex));
          return absl::OkStatus();
        }));
  }
  {
    std::string p = dir + "/wiki_madlibs_dixon2018.tsv.gz";
    size_t total = 0;
    std::vector<ToxicityExample> rows;
    RETURN_IF_ERROR(ForEachTsvRow(p, {"text", "label"}, [&](auto& f, size_t ln) {
      int y = label_of(f[1]);
      if (y < 0) return LabelError(p, ln, f[1]);
      ++total;
      rows.push_back(Example(f[0], y, kSrcMadlibs));
      return absl::OkStatus();
    }));
    // A deterministic subsample (by hash of the text) so templates do not dominate.
    uint64_t keep = total > 0 ? (options.madlibs_sample * 1000) / total : 0;
    for (auto& ex : rows) {
      if (Mix(WordHash(ex.text) ^ 0xabcdefULL) % 1000 < keep) {
        std::string key = ex.text;
        split.Add(key, std::move(ex));
      }
    }
  }
  {
    std::string p = dir + "/neutral_sentences_gum_ewt_wikigold.tsv";
    RETURN_IF_ERROR(ForEachTsvRow(p, {"text", "label"}, [&](auto& f, size_t ln) {
      int y = label_of(f[1]);
      if (y < 0) return LabelError(p, ln, f[1]);
      split.Add(f[0], Example(f[0], y, kSrcNeutral));
      return absl::OkStatus();
    }));
  }
  if (options.threat_templates) {
    for (TemplateSentence& t : ThreatTemplateSentences()) {
      ToxicityExample ex = Example(t.text, t.label, kSrcThreatTemplates);
      ex.heads[kHeadThreat] = static_cast<int8_t>(t.label);
      ex.heads[kHeadIdentityAttack] = static_cast<int8_t>(t.label && t.at_group ? 1
                                                          : t.label             ? -1
                                                                                : 0);
      split.Add(t.text, std::move(ex));
    }
  }
  return d;
}

Json BinaryMetrics::ToJson() const {
  Json j{{"n", n}, {"positives", positives}, {"accuracy", accuracy}};
  if (positives > 0 && positives < n) {
    j["auc"] = auc;
    j["precision"] = precision;
    j["f1"] = f1;
  }
  if (positives > 0) j["recall"] = recall;
  if (positives < n)
    j["false_positive_rate"] = 1 - (accuracy * n - recall * positives) / (n - positives);
  return j;
}

BinaryMetrics EvaluateScores(const std::vector<double>& scores, const std::vector<int>& labels) {
  BinaryMetrics m;
  m.n = scores.size();
  if (m.n == 0) return m;
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = 0; i < m.n; ++i) {
    bool pred = scores[i] >= 0.5;
    if (pred && labels[i])
      ++tp;
    else if (pred)
      ++fp;
    else if (labels[i])
      ++fn;
    else
      ++tn;
  }
  m.positives = tp + fn;
  m.accuracy = static_cast<double>(tp + tn) / m.n;
  m.precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0;
  m.recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
  m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
  // AUC by ranks (ties get the average rank).
  std::vector<size_t> idx(m.n);
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double pos = 0, neg = 0, rank_sum = 0;
  for (size_t i = 0; i < m.n;) {
    size_t j = i;
    while (j < m.n && scores[idx[j]] == scores[idx[i]]) ++j;
    double avg_rank = (i + 1 + j) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (labels[idx[k]]) rank_sum += avg_rank;
    }
    i = j;
  }
  for (int l : labels) (l ? pos : neg) += 1;
  m.auc = pos > 0 && neg > 0 ? (rank_sum - pos * (pos + 1) / 2) / (pos * neg) : 0;
  return m;
}

BinaryMetrics EvaluateScorer(const ToxicityScorer& scorer,
                             const std::vector<ToxicityExample>& examples) {
  std::vector<double> s;
  std::vector<int> l;
  for (const auto& ex : examples) {
    s.push_back(scorer.Score(ex.text));
    l.push_back(ex.label);
  }
  return EvaluateScores(s, l);
}

namespace {

// Identity groups for the false-positive check: words whose presence marks a mention.
const std::vector<std::pair<const char*, std::vector<std::string_view>>>& GroupMentions() {
  static const std::vector<std::pair<const char*, std::vector<std::string_view>>> groups = {
      {"muslim", {"muslim", "muslims", "islam", "islamic"}},
      {"jewish", {"jew", "jews", "jewish"}},
      {"christian", {"christian", "christians", "catholic"}},
      {"black", {"black", "blacks", "african"}},
      {"white", {"white", "whites"}},
      {"asian", {"asian", "asians", "chinese", "japanese"}},
      {"hispanic", {"hispanic", "latino", "latina", "mexican", "mexicans"}},
      {"lgbtq",
       {"gay", "gays", "lesbian", "lesbians", "bisexual", "transgender", "trans", "queer",
        "homosexual", "lgbt", "lgbtq"}},
      {"women", {"woman", "women", "female", "females", "girl", "girls"}},
      {"disability", {"disabled", "blind", "deaf", "handicapped", "wheelchair"}},
      {"immigrant", {"immigrant", "immigrants", "refugee", "refugees", "migrant", "migrants"}},
  };
  return groups;
}

std::vector<int> MentionedGroups(std::string_view text) {
  std::vector<int> out;
  std::vector<uint64_t> words;
  toxicity_internal::ForEachFeature(
      text, toxicity_internal::FeatureOptions{}, toxicity_internal::KnownWords{},
      [&](uint64_t h) { words.push_back(h); }, [](uint32_t) {}, [](size_t, size_t) {});
  const auto& groups = GroupMentions();
  for (size_t g = 0; g < groups.size(); ++g) {
    for (std::string_view w : groups[g].second) {
      if (std::find(words.begin(), words.end(), WordHash(w)) != words.end()) {
        out.push_back(static_cast<int>(g));
        break;
      }
    }
  }
  return out;
}

}  // namespace

Json EvaluateHeldOut(const ToxicityScorer& scorer, const std::vector<ToxicityExample>& test) {
  std::vector<ToxicityScores> scores;
  scores.reserve(test.size());
  for (const auto& ex : test) scores.push_back(scorer.ScoreAll(ex.text));
  Json out;
  // Per source: the combined score against the overall label.
  Json per_source;
  std::vector<double> all_s;
  std::vector<int> all_l;
  for (int src = 0; src < kToxicitySources; ++src) {
    std::vector<double> s;
    std::vector<int> l;
    for (size_t i = 0; i < test.size(); ++i) {
      if (test[i].source != src) continue;
      s.push_back(scores[i].toxicity);
      l.push_back(test[i].label);
    }
    all_s.insert(all_s.end(), s.begin(), s.end());
    all_l.insert(all_l.end(), l.begin(), l.end());
    if (!s.empty()) per_source[ToxicitySourceName(src)] = EvaluateScores(s, l).ToJson();
  }
  out["per_source"] = per_source;
  out["all"] = EvaluateScores(all_s, all_l).ToJson();
  // Per head, where labelled (the head's own calibrated probability).
  Json per_head;
  for (int h = 0; h < kToxicityHeads; ++h) {
    std::vector<double> s;
    std::vector<int> l;
    for (size_t i = 0; i < test.size(); ++i) {
      if (test[i].heads[h] < 0) continue;
      s.push_back(scores[i].heads[h]);
      l.push_back(test[i].heads[h]);
    }
    if (!s.empty()) per_head[ToxicityHeadName(h)] = EvaluateScores(s, l).ToJson();
  }
  out["per_head"] = per_head;
  // HateXplain: toxic posts aimed at each target group against all its non-toxic posts.
  Json per_target;
  for (const char* g : {"race", "religion", "gender", "economic", "minority"}) {
    std::vector<double> s;
    std::vector<int> l;
    for (size_t i = 0; i < test.size(); ++i) {
      if (test[i].source != kSrcHatexplain) continue;
      bool hit = test[i].groups.find(g) != std::string::npos;
      if (test[i].label == 0 || hit) {
        s.push_back(scores[i].toxicity);
        l.push_back(test[i].label);
      }
    }
    BinaryMetrics m = EvaluateScores(s, l);
    if (m.positives > 0 && m.positives < m.n) {
      per_target[g] = Json{{"auc", m.auc}, {"positives", m.positives}, {"recall", m.recall}};
    }
  }
  out["hatexplain_per_target_group"] = per_target;
  // False positives on non-toxic texts that mention an identity group.
  const auto& groups = GroupMentions();
  std::vector<size_t> n(groups.size(), 0), fp(groups.size(), 0);
  for (size_t i = 0; i < test.size(); ++i) {
    if (test[i].label != 0) continue;
    for (int g : MentionedGroups(test[i].text)) {
      ++n[g];
      if (scores[i].toxicity >= 0.5) ++fp[g];
    }
  }
  Json fpr;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (n[g] == 0) continue;
    fpr[groups[g].first] = Json{{"n", n[g]}, {"false_positive_rate", double(fp[g]) / n[g]}};
  }
  out["identity_mention_fpr"] = fpr;
  return out;
}

StatusOr<Json> EvaluateFunctional(const ToxicityScorer& scorer, const std::string& tsv_path) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(tsv_path));
  std::istringstream in(data);
  std::string line;
  size_t lineno = 0, n = 0, correct = 0;
  std::map<std::string, std::pair<size_t, size_t>> per;  // functionality → (n, correct)
  Json errors = Json::array();
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTabs(line);
    if (f.size() != 3 || (f[0] != "0" && f[0] != "1")) {
      return absl::InvalidArgumentError(
          fmt::format("{}:{}: expected label<TAB>functionality<TAB>text", tsv_path, lineno));
    }
    int y = f[0] == "1";
    double p = scorer.Score(f[2]);
    bool ok = (p >= 0.5) == (y == 1);
    ++n;
    correct += ok;
    auto& [fn, fc] = per[std::string(f[1])];
    ++fn;
    fc += ok;
    if (!ok) errors.push_back(fmt::format("{} {:.2f} {}", y, p, f[2]));
  }
  Json out{{"n", n}, {"accuracy", n ? double(correct) / n : 0.0}};
  Json pj;
  for (const auto& [name, v] : per) pj[name] = double(v.second) / v.first;
  out["per_functionality"] = pj;
  out["errors"] = errors;
  return out;
}

Json ToxicityTrainResult::ToJson() const {
  Json j{{"train_examples", train_examples},
         {"seconds", seconds},
         {"paradetox_test", paradetox_test.ToJson()},
         {"held_out", held_out}};
  if (!left_out.is_null()) j["left_out"] = left_out;
  return j;
}

namespace {

// Newton's method for a small logistic regression (intercept first) with a weak L2 prior.
std::vector<double> FitLogistic(const std::vector<std::vector<double>>& x,
                                const std::vector<int>& y, size_t dims,
                                const std::vector<double>& weight = {}) {
  std::vector<double> w(dims + 1, 0.0);
  if (dims >= 1) w[1] = 1.0;
  const size_t d = dims + 1;
  // The penalised negative log-likelihood, for the step-size search below.
  auto loss = [&](const std::vector<double>& v) {
    double l = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      double u = v[0];
      for (size_t k = 0; k < dims; ++k) u += v[k + 1] * x[i][k];
      const double m = y[i] ? -u : u;  // log(1 + e^m), computed without overflow
      l += (weight.empty() ? 1.0 : weight[i]) * (m > 0 ? m + std::log1p(std::exp(-m))
                                                       : std::log1p(std::exp(m)));
    }
    for (size_t a = 1; a < d; ++a) l += 0.5e-3 * v[a] * v[a];
    return l;
  };
  double current = loss(w);
  for (int it = 0; it < 50 && !x.empty(); ++it) {
    std::vector<double> g(d, 0.0), hess(d * d, 0.0);
    for (size_t i = 0; i < x.size(); ++i) {
      double u = w[0];
      for (size_t k = 0; k < dims; ++k) u += w[k + 1] * x[i][k];
      const double wi = weight.empty() ? 1.0 : weight[i];
      double p = Sigmoid(u), r = (p - y[i]) * wi, v = std::max(p * (1 - p), 1e-12) * wi;
      for (size_t a = 0; a < d; ++a) {
        double xa = a == 0 ? 1.0 : x[i][a - 1];
        g[a] += r * xa;
        for (size_t b = 0; b < d; ++b) hess[a * d + b] += v * xa * (b == 0 ? 1.0 : x[i][b - 1]);
      }
    }
    for (size_t a = 1; a < d; ++a) {
      g[a] += 1e-3 * w[a];
      hess[a * d + a] += 1e-3;
    }
    hess[0] += 1e-9;
    // Solve hess · step = g (Gaussian elimination with partial pivoting).
    std::vector<double> step = g;
    std::vector<double> m = hess;
    bool singular = false;
    for (size_t c = 0; c < d && !singular; ++c) {
      size_t piv = c;
      for (size_t r = c + 1; r < d; ++r) {
        if (std::fabs(m[r * d + c]) > std::fabs(m[piv * d + c])) piv = r;
      }
      if (std::fabs(m[piv * d + c]) < 1e-15) {
        singular = true;
        break;
      }
      for (size_t k = 0; k < d; ++k) std::swap(m[c * d + k], m[piv * d + k]);
      std::swap(step[c], step[piv]);
      for (size_t r = 0; r < d; ++r) {
        if (r == c) continue;
        double f = m[r * d + c] / m[c * d + c];
        for (size_t k = 0; k < d; ++k) m[r * d + k] -= f * m[c * d + k];
        step[r] -= f * step[c];
      }
    }
    if (singular) break;
    for (size_t a = 0; a < d; ++a) step[a] /= m[a * d + a];
    // Newton's step, halved until the loss does not grow (on nearly separable calibration data
    // the full step overshoots and diverges).
    double t = 1.0, next = current;
    std::vector<double> trial(d);
    for (int half = 0; half < 40; ++half, t *= 0.5) {
      for (size_t a = 0; a < d; ++a) trial[a] = w[a] - t * step[a];
      next = loss(trial);
      if (next <= current) break;
    }
    if (!(next <= current)) break;
    double delta = 0;
    for (size_t a = 0; a < d; ++a) delta += std::fabs(trial[a] - w[a]);
    w = trial;
    current = next;
    if (delta < 1e-9) break;
  }
  return w;
}

// Features of one example, sentence by sentence.
struct FeatureTable {
  std::vector<uint32_t> feats;
  std::vector<uint32_t> sentence_ends;  // end offset in feats of each sentence
  std::vector<size_t> example_begin;    // first sentence of each example (+ one past the end)
};

}  // namespace

namespace {
std::shared_ptr<const ToxicityScorer> FitModel(const std::vector<ToxicityExample>& train_in,
                                              const ToxicityTrainOptions& options,
                                              std::shared_ptr<const ToxicLexicon> lexicon) {
  const ToxicityModelOptions& mo = options.model;
  std::vector<ToxicityExample> train_aug = train_in;
  if (const char* v = getenv("TOX_AUG")) {
    const uint64_t share = static_cast<uint64_t>(atof(v) * 1000);
    for (const auto& ex : train_in) {
      if (Mix(WordHash(ex.text) ^ 0x5eedULL) % 1000 >= share) continue;
      ToxicityExample a = ex;
      bool changed = false;
      for (char& c : a.text) {
        if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ',' || c == ';' || c == ':' || c == '"') {
          c = ' ';
          changed = true;
        }
      }
      if (changed) train_aug.push_back(std::move(a));
    }
  }
  const std::vector<ToxicityExample>& train = train_aug;
  // Known clean words: seen at least 3 times in the training split, mostly (≥ 80%) in
  // non-toxic texts. They are read as words only; every other word also gets its character
  // n-grams, so "assistant" or "grass" never fire "ass", while "fuckin" or "id1ots" still share
  // fragments with what the model saw.
  std::vector<uint64_t> known((size_t{1} << mo.known_bits) / 64, 0);
  std::vector<uint64_t> tokens;  // the training text's words, 0 between examples
  {
    std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> counts;  // (all, toxic)
    for (const auto& ex : train) {
      toxicity_internal::ForEachFeature(
          ex.text, toxicity_internal::FeatureOptions{}, toxicity_internal::KnownWords{},
          [&](uint64_t h) {
            auto& c = counts[h];
            ++c.first;
            c.second += ex.label;
            tokens.push_back(h);
          },
          [](uint32_t) {}, [](size_t, size_t) {});
      tokens.push_back(0);
    }
    constexpr double kMaxToxicShare = 0.2;
    constexpr uint32_t kMinCount = 3;
    std::vector<uint64_t> words;
    for (const auto& [h, c] : counts) {
      static const double x_share = getenv("TOX_SHARE") ? atof(getenv("TOX_SHARE")) : kMaxToxicShare;
      static const uint32_t x_minc = getenv("TOX_MINC") ? atoi(getenv("TOX_MINC")) : kMinCount;
      if (c.first >= x_minc && c.second <= x_share * c.first) words.push_back(h);
    }
    for (const std::string& w : ToxicLexicon::Allowlist()) words.push_back(WordHash(w));
    std::sort(words.begin(), words.end());
    for (uint64_t h : words) {
      uint64_t b = Mix(h ^ 0x7f4a7c15ULL) >> (64 - mo.known_bits);
      known[b >> 6] |= uint64_t{1} << (b & 63);
    }
  }
  const size_t dim = size_t{1} << mo.hash_bits;
  // Word clusters: feature rows after the 2^hash_bits hashed ones (folded into each word's
  // own row after training, see below).
  toxicity_internal::WordClusters clusters;
  std::vector<uint32_t> level_offset;
  size_t cluster_rows = 0;
  {
    toxicity_internal::WordClusterOptions co;
    co.clusters = options.word_clusters;
    if (const char* v = getenv("TOX_CLU")) {
      co.clusters.clear();
      for (const char* p = v; *p;) {
        co.clusters.push_back(static_cast<uint32_t>(strtoul(p, const_cast<char**>(&p), 10)));
        if (*p == ',') ++p;
      }
    }
    if (const char* v = getenv("TOX_CLU_DIMS")) co.dims = atoi(v);
    if (const char* v = getenv("TOX_CLU_WIN")) co.window = atoi(v);
    if (const char* v = getenv("TOX_CLU_CTX")) co.contexts = atoi(v);
    if (!co.clusters.empty() && co.clusters[0] > 0) {
      co.seed = options.seed;
      clusters = toxicity_internal::LearnWordClusters(tokens, co);
      if (const char* v = getenv("TOX_CLU_DUMP")) {
        FILE* f = fopen(v, "w");
        for (size_t r = 0; r < clusters.words.size(); ++r) {
          fprintf(f, "%llu", (unsigned long long)clusters.words[r]);
          for (size_t l = 0; l < clusters.levels; ++l) fprintf(f, " %u", clusters.ids[r * clusters.levels + l]);
          fprintf(f, "\n");
        }
        fclose(f);
      }
      for (uint32_t k : co.clusters) {
        level_offset.push_back(static_cast<uint32_t>(cluster_rows));
        cluster_rows += k;
      }
    }
  }
  const std::unordered_set<uint64_t> seen(tokens.begin(), tokens.end());
  std::vector<uint64_t>().swap(tokens);
  // Per-word class features (rows after the hashed ones), folded into the word's own row
  // after training: word clusters, the lexicon's category and severity of the word, and the
  // hand-listed classes of toxicity_word_classes.h.
  std::unordered_map<uint64_t, std::vector<uint32_t>> word_rows;
  size_t extra_rows = cluster_rows;
  for (size_t r = 0; r < clusters.words.size(); ++r) {
    auto& rows = word_rows[clusters.words[r]];
    for (size_t l = 0; l < clusters.levels; ++l) {
      rows.push_back(level_offset[l] + clusters.ids[r * clusters.levels + l]);
    }
  }
  static const int x_lex = getenv("TOX_LEX") ? atoi(getenv("TOX_LEX")) : 0;
  if (x_lex && lexicon != nullptr) {
    std::map<std::string, uint32_t> category_row;
    for (const LexiconEntry& e : lexicon->entries()) category_row.emplace(e.category, 0);
    for (auto& [c, r] : category_row) r = static_cast<uint32_t>(extra_rows++);
    const size_t severity_row = extra_rows;
    extra_rows += 3;
    for (const LexiconEntry& e : lexicon->entries()) {
      if (e.term.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
      const uint32_t sev = static_cast<uint32_t>(severity_row + std::clamp(std::lround(e.severity), 1L, 3L) - 1);
      for (const char* suffix : {"", "s", "es", "ed", "er", "ers", "ing", "in", "y", "z", "ez"}) {
        if (*suffix != 0 && (e.term.size() < 4 && std::string_view(suffix) != "s")) continue;
        const uint64_t form = WordHash(e.term + suffix);
        if (!seen.count(form)) continue;  // folding an unseen word would only add collisions
        auto& rows = word_rows[form];
        if (std::find(rows.begin(), rows.end(), sev) != rows.end()) continue;
        rows.push_back(sev);
        if (x_lex >= 2) rows.push_back(category_row[e.category]);
      }
    }
    for (const std::string& a : ToxicLexicon::Allowlist()) word_rows.erase(WordHash(a));
  }
  if (getenv("TOX_HAND")) {
    struct Ctx {
      std::unordered_map<uint64_t, std::vector<uint32_t>>* rows;
      const std::unordered_set<uint64_t>* seen;
      size_t base;
    } ctx{&word_rows, &seen, extra_rows};
    toxicity_internal::ForEachClassWord(
        [](std::string_view word, uint8_t cls, void* p) {
          auto* c = static_cast<Ctx*>(p);
          const uint64_t h = WordHash(word);
          if (!c->seen->count(h)) return;
          const uint32_t r = static_cast<uint32_t>(c->base + __builtin_ctz(cls));
          auto& rows = (*c->rows)[h];
          if (std::find(rows.begin(), rows.end(), r) == rows.end()) rows.push_back(r);
        },
        &ctx);
    extra_rows += 8;
  }
  const size_t cluster_rows_all = extra_rows;
  toxicity_internal::FeatureOptions fo{mo.hash_bits, mo.char_min, mo.char_max};
  toxicity_internal::KnownWords kw{known.data(), mo.known_bits};
  FeatureTable t;
  auto on_word = [&](uint64_t h) {
    auto it = word_rows.find(h);
    if (it == word_rows.end()) return;
    for (uint32_t r : it->second) t.feats.push_back(static_cast<uint32_t>(dim + r));
  };
  for (const auto& ex : train) {
    t.example_begin.push_back(t.sentence_ends.size());
    toxicity_internal::ForEachFeature(
        ex.text, fo, kw, on_word, [&](uint32_t b) { t.feats.push_back(b); },
        [&](size_t, size_t) { t.sentence_ends.push_back(static_cast<uint32_t>(t.feats.size())); });
  }
  t.example_begin.push_back(t.sentence_ends.size());

  constexpr int K = kToxicityHeads;
  std::vector<float> w((dim + cluster_rows_all) * K, 0.0f), g2((dim + cluster_rows_all) * K, 0.0f);
  // Sentence normalisation counts only the hashed features: cluster features are folded into
  // the word's row for scoring, so the scorer sees one feature where training saw 1 + levels.
  auto norm = [&](size_t fb, size_t fe) {
    size_t n = 0;
    for (size_t k = fb; k < fe; ++k) n += t.feats[k] < dim;
    static const double x_p = getenv("TOX_NORMP") ? atof(getenv("TOX_NORMP")) : 0.5;
    return 1.0 / std::pow(static_cast<double>(std::max<size_t>(n, 1)), x_p);
  };
  std::vector<double> bias(K, 0.0), bias_g2(K, 0.0);
  // Class balance per head: positives and negatives carry equal total weight within a source.
  std::vector<double> pos(K, 0), neg(K, 0);
  for (const auto& ex : train) {
    for (int h = 0; h < K; ++h) {
      double sw = options.source_weight[ex.source];
      if (ex.heads[h] == 1) pos[h] += sw;
      if (ex.heads[h] == 0) neg[h] += sw;
    }
  }
  double class_w[K][2];
  for (int h = 0; h < K; ++h) {
    double total = pos[h] + neg[h];
    class_w[h][1] = pos[h] > 0 ? std::sqrt(total / (2 * pos[h])) : 0;
    class_w[h][0] = neg[h] > 0 ? std::sqrt(total / (2 * neg[h])) : 0;
  }
  // EXPERIMENT knobs
  double source_weight[kToxicitySources];
  std::copy(options.source_weight, options.source_weight + kToxicitySources, source_weight);
  if (const char* v = getenv("TOX_SW")) {
    for (int k = 0; k < kToxicitySources && *v; ++k) {
      source_weight[k] = strtod(v, const_cast<char**>(&v));
      if (*v == ',') ++v;
    }
  }
  auto envd = [](const char* n, double d) { const char* v = getenv(n); return v ? atof(v) : d; };
  const double x_srcbal = envd("TOX_SRC_BAL", 0), x_srcbias = envd("TOX_SRC_BIAS", 0);
  const double x_ccw = envd("TOX_CC_W", 1);
  double src_w[kToxicitySources][K][2];
  {
    double sp[kToxicitySources][K] = {}, sn[kToxicitySources][K] = {};
    for (const auto& ex : train)
      for (int h = 0; h < K; ++h) {
        if (ex.heads[h] == 1) sp[ex.source][h] += 1;
        if (ex.heads[h] == 0) sn[ex.source][h] += 1;
      }
    for (int s = 0; s < kToxicitySources; ++s)
      for (int h = 0; h < K; ++h) {
        src_w[s][h][0] = src_w[s][h][1] = 1;
        if (x_srcbal > 0 && sp[s][h] > 0 && sn[s][h] > 0) {
          double tot = sp[s][h] + sn[s][h];
          src_w[s][h][1] = std::pow(tot / (2 * sp[s][h]), x_srcbal) / class_w[h][1];
          src_w[s][h][0] = std::pow(tot / (2 * sn[s][h]), x_srcbal) / class_w[h][0];
        }
      }
    for (int h = 0; h < 1; ++h) src_w[kSrcCivilComments][h][1] *= x_ccw;
  }
  std::vector<double> sbias(kToxicitySources * K, 0.0), sbias_g2(kToxicitySources * K, 0.0);
  std::vector<size_t> order(train.size());

  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  const double lr = options.learning_rate;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    // Deterministic Fisher-Yates shuffle (std::shuffle's algorithm is unspecified).
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t ex : order) {
      const ToxicityExample& e = train[ex];
      size_t sb = t.example_begin[ex], se = t.example_begin[ex + 1];
      if (sb == se) continue;
      // Logits of every sentence for every head (updates of one head leave the others alone).
      double best[K];
      size_t best_s[K];
      for (int h = 0; h < K; ++h) {
        best[h] = -HUGE_VAL;
        best_s[h] = sb;
      }
      for (size_t s = sb; s < se; ++s) {
        size_t fb = s == 0 ? 0 : t.sentence_ends[s - 1], fe = t.sentence_ends[s];
        double sum[K] = {};
        for (size_t k = fb; k < fe; ++k) {
          const float* row = &w[size_t{t.feats[k]} * K];
          for (int h = 0; h < K; ++h) sum[h] += row[h];
        }
        double inv = norm(fb, fe);
        for (int h = 0; h < K; ++h) {
          if (sum[h] * inv > best[h]) {
            best[h] = sum[h] * inv;
            best_s[h] = s;
          }
        }
      }
      for (int h = 0; h < K; ++h) {
        int y = e.heads[h];
        if (y < 0) continue;
        // The sentence with the highest logit for this head takes the gradient.
        size_t fb = best_s[h] == 0 ? 0 : t.sentence_ends[best_s[h] - 1];
        size_t fe = t.sentence_ends[best_s[h]];
        double inv = norm(fb, fe);
        double& sb_ = sbias[e.source * K + h];
        double g = (Sigmoid(bias[h] + (x_srcbias > 0 ? sb_ : 0) + best[h]) - y) * class_w[h][y] *
                   source_weight[e.source] * src_w[e.source][h][y];
        if (x_srcbias > 0) {
          sbias_g2[e.source * K + h] += g * g;
          sb_ -= lr * g / std::sqrt(sbias_g2[e.source * K + h] + 1e-8);
        }
        for (size_t k = fb; k < fe; ++k) {
          size_t f = size_t{t.feats[k]} * K + h;
          double gf = g * inv + options.l2 * w[f];
          g2[f] += static_cast<float>(gf * gf);
          w[f] -= static_cast<float>(lr * gf / std::sqrt(g2[f] + 1e-8));
        }
        bias_g2[h] += g * g;
        bias[h] -= lr * g / std::sqrt(bias_g2[h] + 1e-8);
      }
    }
  }
  // Fold each clustered word's cluster weights into the row of its word feature: the scorer
  // then needs no cluster table and reads no extra row.
  const uint32_t shift = 64 - mo.hash_bits;
  std::vector<uint64_t> folded;
  for (const auto& [h, rows] : word_rows) folded.push_back(h);
  std::sort(folded.begin(), folded.end());
  for (uint64_t h : folded) {
    const size_t row = static_cast<size_t>(toxicity_internal::Mix(h) >> shift);
    for (uint32_t r : word_rows[h]) {
      for (int k = 0; k < K; ++k) w[row * K + k] += w[(dim + r) * K + k];
    }
  }
  if (getenv("TOX_DBG")) {
    float mx = 0, mxe = 0; size_t nn = 0;
    for (size_t i = 0; i < dim * K; ++i) { mx = std::max(mx, std::fabs(w[i])); nn += std::isnan(w[i]); }
    for (size_t i = dim * K; i < w.size(); ++i) mxe = std::max(mxe, std::fabs(w[i]));
    fprintf(stderr, "dbg max %g extra %g nan %zu rows %zu words %zu\n", mx, mxe, nn, cluster_rows_all, word_rows.size());
    for (int k = 0; k < K; ++k) {
      std::vector<float> a;
      for (size_t i = 0; i < dim; ++i) if (w[i * K + k] != 0) a.push_back(std::fabs(w[i * K + k]));
      std::sort(a.begin(), a.end());
      fprintf(stderr, "head %d nz %zu p50 %g p99 %g p999 %g max %g\n", k, a.size(), a[a.size()/2], a[a.size()*99/100], a[a.size()*999/1000], a.back());
    }
  }
  w.resize(dim * K);
  if (const char* v = getenv("TOX_CLIP")) {
    const double q = atof(v);
    for (int k = 0; k < K; ++k) {
      std::vector<float> a;
      for (size_t i = 0; i < dim; ++i) if (w[i * K + k] != 0) a.push_back(std::fabs(w[i * K + k]));
      if (a.empty()) continue;
      std::sort(a.begin(), a.end());
      const float c = a[std::min(a.size() - 1, static_cast<size_t>(q * a.size()))];
      for (size_t i = 0; i < dim; ++i) w[i * K + k] = std::clamp(w[i * K + k], -c, c);
    }
  }
  return ToxicityScorer::FromParts(mo, w, bias, std::move(known), lexicon);
}
}  // namespace

StatusOr<ToxicityTrainResult> TrainToxicity(const ToxicityDataset& data,
                                            const ToxicityTrainOptions& options,
                                            std::shared_ptr<const ToxicLexicon> lexicon) {
  auto t0 = std::chrono::steady_clock::now();
  const ToxicityModelOptions& mo = options.model;
  if (mo.hash_bits < 8 || mo.hash_bits > 24) {
    return absl::InvalidArgumentError("hash_bits must be in [8, 24]");
  }
  if (data.train.empty()) return absl::InvalidArgumentError("no training examples");
  constexpr int K = kToxicityHeads;
  auto scorer = FitModel(data.train, options, lexicon);
  // Calibration with the quantized model: Platt per head, then the combination of all heads.
  std::vector<std::array<double, K>> z(data.calibration.size());
  for (size_t i = 0; i < data.calibration.size(); ++i) {
    scorer->Logits(data.calibration[i].text, z[i].data());
  }
  // Out-of-source logits for the combination (stacking): each calibration row scored by a
  // model trained without its source.
  std::vector<std::array<double, K>> zo = z;
  static const bool x_stack = getenv("TOX_STACK") != nullptr;
  if (x_stack) {
    for (int src = 0; src < kToxicitySources; ++src) {
      bool any = false;
      for (const auto& ex : data.calibration) any |= ex.source == src;
      if (!any) continue;
      std::vector<ToxicityExample> sub;
      for (const auto& ex : data.train) {
        if (ex.source != src) sub.push_back(ex);
      }
      auto m = FitModel(sub, options, lexicon);
      for (size_t i = 0; i < data.calibration.size(); ++i) {
        if (data.calibration[i].source == src) m->Logits(data.calibration[i].text, zo[i].data());
      }
    }
  }
  ToxicityCalibration cal;
  for (int h = 0; h < K; ++h) {
    std::vector<std::vector<double>> x;
    std::vector<int> y;
    for (size_t i = 0; i < z.size(); ++i) {
      if (data.calibration[i].heads[h] < 0) continue;
      x.push_back({z[i][h]});
      y.push_back(data.calibration[i].heads[h]);
    }
    auto ab = FitLogistic(x, y, 1);
    cal.platt_b[h] = ab[0];
    cal.platt_a[h] = ab[1];
  }
  {
    std::vector<std::vector<double>> x;
    std::vector<int> y;
    std::vector<double> cw;
    size_t cell[kToxicitySources][2] = {};
    for (const auto& ex : data.calibration) ++cell[ex.source][ex.label];
    size_t cells = 0;
    for (auto& c : cell) cells += (c[0] > 0) + (c[1] > 0);
    for (size_t i = 0; i < z.size(); ++i) {
      x.emplace_back(zo[i].begin(), zo[i].end());
      y.push_back(data.calibration[i].label);
      const auto& ex = data.calibration[i];
      cw.push_back(double(z.size()) / cells / cell[ex.source][ex.label]);
    }
    static const bool x_calbal = getenv("TOX_CALBAL") != nullptr;
    auto c = FitLogistic(x, y, K, x_calbal ? cw : std::vector<double>{});
    if (getenv("TOX_PRINTCOMBO")) {
      for (int k = 0; k <= K; ++k) fprintf(stderr, "combo %d %.3f\n", k, c[k]);
    }
    for (int k = 0; k <= K; ++k) cal.combo[k] = c[k];
  }
  ToxicityTrainResult result;
  result.scorer = scorer->WithCalibration(cal);
  result.train_examples = data.train.size();
  result.held_out = EvaluateHeldOut(*result.scorer, data.test);
  if (!data.left_out.empty()) result.left_out = EvaluateHeldOut(*result.scorer, data.left_out);
  std::vector<ToxicityExample> pd;
  for (const auto& ex : data.test) {
    if (ex.source == kSrcParadetox) pd.push_back(ex);
  }
  result.paradetox_test = EvaluateScorer(*result.scorer, pd);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace refinery
