#include "refinery/report/compare_report.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include <absl/container/flat_hash_map.h>

#include "refinery/detect/pii_detector.h"
#include "refinery/io/record_reader.h"
#include "refinery/io/run_layout.h"
#include "refinery/metrics/pii_eval.h"
#include "refinery/metrics/tokenize.h"
#include "refinery/report/corpus_profile.h"
#include "refinery/report/report_html.h"
#include "refinery/report/text_diff.h"
#include "refinery/score/toxicity_scorer.h"

namespace refinery::report {

namespace {

struct Corpus {
  std::string name, path;
  std::unique_ptr<CorpusProfile> profile;
  Json metrics;
};

struct ChangedSample {
  std::string id, raw, refined;
  double delta = 0;
};

std::string Cut(std::string_view s, size_t max_chars) {
  size_t cp = 0, i = 0;
  while (i < s.size() && cp < max_chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++cp;
  }
  return std::string(s.substr(0, i));
}

const char* OpName(DiffSegment::Op op) {
  switch (op) {
    case DiffSegment::Op::kEqual:
      return "equal";
    case DiffSegment::Op::kDelete:
      return "delete";
    case DiffSegment::Op::kInsert:
      return "insert";
  }
  return "equal";
}

double Quantile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

// The LLM cost report of the run that wrote REFINED (a run directory, or a file in one): the
// first step of its summary.json with a "cost" object (rewrite writes it). null otherwise.
Json CostOfRun(const std::string& refined) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir =
      fs::is_directory(refined, ec) ? fs::path(refined) : fs::path(refined).parent_path();
  std::ifstream in(dir / std::string(kSummaryFileName));
  if (!in) return nullptr;
  Json summary = Json::parse(in, nullptr, false);
  if (summary.is_discarded() || !summary.is_object() || !summary.contains("steps") ||
      !summary["steps"].is_array()) {
    return nullptr;
  }
  for (const Json& step : summary["steps"]) {
    if (!step.is_object() || !step.contains("extra") || !step["extra"].is_object()) continue;
    const Json& extra = step["extra"];
    if (extra.contains("cost") && extra["cost"].is_object()) {
      Json cost = extra["cost"];
      cost["step"] = step.value("name", std::string());
      cost["summary"] = (dir / std::string(kSummaryFileName)).string();
      return cost;
    }
  }
  return nullptr;
}

}  // namespace

StatusOr<Json> BuildComparison(const CompareOptions& options) {
  RecordReaderOptions ro;
  ro.text_field = options.text_field;
  ro.id_field = options.id_field;

  ProfileOptions po;
  po.metrics = options.metrics;
  Json pii_note;
  std::string pii_source = options.pii_source;
  if (pii_source == "auto" || pii_source == "detector") {
    auto det = PiiDetector::Create(PiiDetectorOptions{});
    if (det.ok()) {
      po.detector = *det;
      pii_source = "detector";
    } else if (pii_source == "detector") {
      return det.status();
    } else {
      pii_source = "spans";
      pii_note = "built-in detector unavailable: " + std::string(det.status().message());
    }
  }
  po.pii_source = pii_source;
  std::string toxicity_note;
  if (options.score_toxicity) {
    auto tox = ToxicityScorer::LoadDefault(options.models_dir);
    if (tox.ok()) {
      po.toxicity = *tox;
    } else {
      toxicity_note = "no toxicity model: only records' refinery.scores.toxicity are shown";
    }
  }

  std::vector<Corpus> corpora;
  corpora.push_back({"raw", options.raw, nullptr, {}});
  corpora.push_back({"refined", options.refined, nullptr, {}});
  if (!options.synthetic.empty()) corpora.push_back({"synthetic", options.synthetic, nullptr, {}});
  for (Corpus& c : corpora) c.profile = std::make_unique<CorpusProfile>(c.name, c.path, po);

  // Pass 1 over RAW: profile + id index (id hash -> ordinal).
  absl::flat_hash_map<uint64_t, uint64_t> raw_index;
  {
    ASSIGN_OR_RETURN(auto reader, RecordReader::Open({options.raw}, ro));
    Record rec;
    uint64_t ordinal = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool more, reader->Next(rec));
      if (!more) break;
      corpora[0].profile->Add(rec);
      raw_index.try_emplace(metrics::TokenHash(rec.id()), ordinal++);
    }
  }

  // REFINED: profile, joined in order with a second pass over RAW for Δ.
  uint64_t matched = 0, unchanged = 0, changed = 0, unmatched = 0, out_of_order = 0;
  std::vector<uint64_t> delta_hist(20, 0);
  std::vector<double> deltas;  // reservoir for quantiles
  const size_t kDeltaReservoir = 100000;
  double delta_sum = 0;
  std::mt19937_64 rng(options.metrics.seed ^ 0xde17a);
  std::vector<ChangedSample> samples;
  // Gold PII (optional): leak rate of the refined records.
  absl::flat_hash_map<std::string, PiiDoc> gold;
  LeakResult leak;
  if (!options.gold.empty()) {
    ASSIGN_OR_RETURN(std::vector<PiiDoc> docs, ReadPiiDocs(options.gold));
    for (PiiDoc& d : docs) {
      std::string id = d.id;
      gold.try_emplace(std::move(id), std::move(d));
    }
  }
  uint64_t gold_seen = 0;
  {
    ASSIGN_OR_RETURN(auto reader, RecordReader::Open({options.refined}, ro));
    ASSIGN_OR_RETURN(auto raw_reader, RecordReader::Open({options.raw}, ro));
    Record rec, raw_rec;
    uint64_t raw_pos = 0;  // ordinal of the next RAW record raw_reader would return
    bool have_raw = false;
    while (true) {
      ASSIGN_OR_RETURN(bool more, reader->Next(rec));
      if (!more) break;
      corpora[1].profile->Add(rec);
      if (!gold.empty()) {
        auto g = gold.find(rec.id());
        if (g != gold.end()) {
          AddLeakDoc(g->second, rec.text(), leak);
          ++gold_seen;
        }
      }
      auto it = raw_index.find(metrics::TokenHash(rec.id()));
      if (it == raw_index.end()) {
        ++unmatched;
        continue;
      }
      const uint64_t want = it->second;
      if (want + 1 < raw_pos || (want + 1 == raw_pos && !have_raw)) {
        ++out_of_order;
        continue;
      }
      if (!(have_raw && want + 1 == raw_pos)) {
        while (raw_pos <= want) {
          ASSIGN_OR_RETURN(bool got, raw_reader->Next(raw_rec));
          if (!got) return absl::DataLossError(options.raw + ": changed while being read");
          ++raw_pos;
        }
        have_raw = true;
      }
      ++matched;
      double d = NormalizedEditDistance(raw_rec.text(), rec.text());
      if (raw_rec.text() == rec.text()) {
        ++unchanged;
      } else {
        ++changed;
        // Reservoir of changed records for the samples page.
        ChangedSample s{rec.id(), Cut(raw_rec.text(), options.max_sample_chars),
                        Cut(rec.text(), options.max_sample_chars), d};
        if (samples.size() < options.sample_records) {
          samples.push_back(std::move(s));
        } else {
          std::uniform_int_distribution<uint64_t> pick(0, changed - 1);
          uint64_t j = pick(rng);
          if (j < options.sample_records) samples[j] = std::move(s);
        }
      }
      delta_sum += d;
      delta_hist[std::min<size_t>(19, static_cast<size_t>(d * 20))]++;
      if (deltas.size() < kDeltaReservoir) {
        deltas.push_back(d);
      } else {
        std::uniform_int_distribution<uint64_t> pick(0, matched - 1);
        uint64_t j = pick(rng);
        if (j < kDeltaReservoir) deltas[j] = d;
      }
    }
  }
  if (corpora.size() == 3) {
    ASSIGN_OR_RETURN(auto reader, RecordReader::Open({options.synthetic}, ro));
    Record rec;
    while (true) {
      ASSIGN_OR_RETURN(bool more, reader->Next(rec));
      if (!more) break;
      corpora[2].profile->Add(rec);
    }
  }

  // Metrics with one IDF shared by all corpora, so their embeddings live in one space.
  metrics::BucketDocumentFrequency df(options.metrics.embed_dim);
  for (Corpus& c : corpora) df.Merge(c.profile->metrics().document_frequency());
  const std::vector<double> idf = df.Idf();
  Json report;
  report["version"] = 1;
  report["generator"] = "refinery compare";
  Json inputs = Json::array();
  for (Corpus& c : corpora) {
    c.metrics = c.profile->metrics().Finish(idf);
    inputs.push_back(Json{{"name", c.name}, {"path", c.path}});
  }
  report["corpora"] = inputs;
  report["seed"] = options.metrics.seed;

  Json sizes = Json::object();
  for (Corpus& c : corpora) {
    Json s = c.profile->SizesJson();
    s["tokens"] = c.metrics["tokens"];
    sizes[c.name] = s;
  }
  report["sizes"] = sizes;

  Json pii;
  pii["source"] = pii_source;
  if (!pii_note.is_null()) pii["note"] = pii_note;
  for (Corpus& c : corpora) pii[c.name] = c.profile->PiiJson();
  if (pii_source != "none") {
    double before = pii["raw"]["spans"].get<double>(),
           after = pii["refined"]["spans"].get<double>();
    pii["spans_removed_rate"] = before > 0 ? 1.0 - after / before : 0.0;
  }
  report["pii"] = pii;

  if (options.gold.empty()) {
    report["leak"] = nullptr;
  } else {
    leak.missing_docs = gold.size() - gold_seen;
    Json l = leak.ToJson();
    l["gold_file"] = options.gold;
    l["gold_docs"] = gold.size();
    l["note"] = "gold records absent from REFINED (dropped) count as not leaked";
    report["leak"] = l;
  }

  Json tox = Json::object();
  bool any_tox = false;
  for (Corpus& c : corpora) {
    tox[c.name] = c.profile->ToxicityJson();
    any_tox = any_tox || !tox[c.name].is_null();
  }
  if (!toxicity_note.empty()) tox["note"] = toxicity_note;
  report["toxicity"] = any_tox ? tox : Json(nullptr);
  Json ai = Json::object();
  bool any_ai = false;
  for (Corpus& c : corpora) {
    ai[c.name] = c.profile->AiHumanJson();
    any_ai = any_ai || !ai[c.name].is_null();
  }
  report["ai_human"] = any_ai ? ai : Json(nullptr);

  Json m = Json::object();
  for (Corpus& c : corpora) m[c.name] = c.metrics;
  report["metrics"] = m;

  // PCA of the pooled sample embeddings.
  {
    Eigen::Index rows = 0, dim = 0;
    for (Corpus& c : corpora) {
      rows += c.profile->metrics().sample_embeddings().rows();
      dim = std::max(dim, c.profile->metrics().sample_embeddings().cols());
    }
    Json pca;
    if (rows >= 2 && dim >= 2) {
      Eigen::MatrixXd pooled(rows, dim);
      Eigen::Index r = 0;
      for (Corpus& c : corpora) {
        const Eigen::MatrixXd& e = c.profile->metrics().sample_embeddings();
        if (e.rows()) pooled.block(r, 0, e.rows(), e.cols()) = e;
        r += e.rows();
      }
      Eigen::Vector2d explained;
      Eigen::MatrixXd p = metrics::Pca2(pooled, &explained);
      pca["explained_variance"] = {explained[0], explained[1]};
      Json points = Json::object();
      r = 0;
      for (Corpus& c : corpora) {
        Eigen::Index n = c.profile->metrics().sample_embeddings().rows();
        Json pts = Json::array();
        for (Eigen::Index i = 0; i < n && static_cast<size_t>(i) < options.pca_points; ++i) {
          pts.push_back({std::round(p(r + i, 0) * 1e5) / 1e5, std::round(p(r + i, 1) * 1e5) / 1e5});
        }
        points[c.name] = pts;
        r += n;
      }
      pca["points"] = points;
    }
    report["pca"] = pca.is_null() ? Json(nullptr) : pca;
  }

  Json delta;
  delta["definition"] = "Levenshtein distance over code points / max length, RAW vs REFINED by id";
  delta["raw_records"] = corpora[0].profile->records();
  delta["matched"] = matched;
  delta["unchanged"] = unchanged;
  delta["changed"] = changed;
  delta["dropped"] =
      corpora[0].profile->records() - std::min<uint64_t>(matched, corpora[0].profile->records());
  delta["unmatched_refined"] = unmatched;
  delta["out_of_order"] = out_of_order;
  delta["mean"] = matched ? delta_sum / static_cast<double>(matched) : 0.0;
  delta["median"] = Quantile(deltas, 0.5);
  delta["p90"] = Quantile(deltas, 0.9);
  Json lower = Json::array();
  for (int i = 0; i < 20; ++i) lower.push_back(i * 0.05);
  delta["histogram"] = Json{{"lower", lower}, {"counts", delta_hist}};
  report["delta"] = delta;

  Json sample_json = Json::array();
  std::sort(samples.begin(), samples.end(),
            [](const ChangedSample& a, const ChangedSample& b) { return a.delta > b.delta; });
  for (const ChangedSample& s : samples) {
    bool truncated = false;
    Json segs = Json::array();
    for (const DiffSegment& seg : WordDiff(s.raw, s.refined, 3000, &truncated)) {
      segs.push_back(Json{{"op", OpName(seg.op)}, {"text", seg.text}});
    }
    sample_json.push_back(
        Json{{"id", s.id}, {"delta", s.delta}, {"truncated", truncated}, {"segments", segs}});
  }
  report["samples"] = sample_json;
  report["cost"] = CostOfRun(options.refined);
  return report;
}

Status WriteReport(const Json& report, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InvalidArgumentError(dir + ": cannot create directory: " + ec.message());
  const std::string json_path = dir + "/report.json", html_path = dir + "/report.html";
  {
    std::ofstream out(json_path, std::ios::binary);
    out << report.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    if (!out) return absl::InternalError(json_path + ": write failed");
  }
  {
    std::ofstream out(html_path, std::ios::binary);
    out << RenderReportHtml(report);
    if (!out) return absl::InternalError(html_path + ": write failed");
  }
  return absl::OkStatus();
}

}  // namespace refinery::report
