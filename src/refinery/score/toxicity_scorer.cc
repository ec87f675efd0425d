// ToxicityScorer: a multi-head linear model over hashed features (toxicity_features.h), int8
// weights (one per head per bucket, interleaved so one cache line serves every head),
// per-sentence logits normalised by √(number of features), document logits = the maximum over
// sentences, Platt-calibrated per head and combined by a logistic layer over all heads.
// Model file: the container of io/model_file.h, kind "toxicity", version 2; payload:
//   u32 hash_bits, char_min, char_max, known_bits, heads | string known-word bit set |
//   per head f64 bias, scale, platt_a, platt_b | f64[heads + 1] combination | string int8 weights
#include "refinery/score/toxicity_scorer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "refinery/io/model_file.h"
#include "refinery/score/toxicity_features.h"

namespace refinery {

namespace {
constexpr char kKind[] = "toxicity";
constexpr uint32_t kVersion = 2;

std::string LexiconPathFor(const std::string& model_path) {
  std::string base = model_path;
  if (base.size() > 4 && base.substr(base.size() - 4) == ".bin") base.resize(base.size() - 4);
  return base + ".lexicon.tsv";
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

const char* ToxicityHeadName(int head) {
  static const char* const kNames[kToxicityHeads] = {"toxicity", "insult", "threat",
                                                     "identity_attack", "profanity"};
  return head >= 0 && head < kToxicityHeads ? kNames[head] : "";
}

ToxicityScorer::~ToxicityScorer() = default;

std::shared_ptr<const ToxicityScorer> ToxicityScorer::FromParts(
    ToxicityModelOptions options, const std::vector<float>& weights,
    const std::vector<double>& bias, std::vector<uint64_t> known_words,
    std::shared_ptr<const ToxicLexicon> lexicon) {
  std::shared_ptr<ToxicityScorer> s(new ToxicityScorer());
  s->options_ = options;
  const size_t dim = size_t{1} << options.hash_bits;
  s->weights_.assign(dim * kToxicityHeads, 0);
  for (int h = 0; h < kToxicityHeads; ++h) {
    float max_abs = 0;
    for (size_t i = 0; i < dim && i * kToxicityHeads + h < weights.size(); ++i) {
      max_abs = std::max(max_abs, std::fabs(weights[i * kToxicityHeads + h]));
    }
    s->scale_[h] = max_abs > 0 ? max_abs / 127.0 : 1.0;
    for (size_t i = 0; i < dim && i * kToxicityHeads + h < weights.size(); ++i) {
      s->weights_[i * kToxicityHeads + h] =
          static_cast<int8_t>(std::lround(weights[i * kToxicityHeads + h] / s->scale_[h]));
    }
    s->bias_[h] = h < static_cast<int>(bias.size()) ? bias[h] : 0.0;
  }
  known_words.resize((size_t{1} << options.known_bits) / 64, 0);
  s->known_ = std::move(known_words);
  if (lexicon == nullptr) lexicon = ToxicLexicon::Build({}).value();
  s->lexicon_ = std::move(lexicon);
  return s;
}

std::shared_ptr<const ToxicityScorer> ToxicityScorer::WithCalibration(
    const ToxicityCalibration& c) const {
  std::shared_ptr<ToxicityScorer> s(new ToxicityScorer(*this));
  s->calibration_ = c;
  return s;
}

Status ToxicityScorer::Save(const std::string& model_path) const {
  ModelWriter w;
  w.U32(options_.hash_bits);
  w.U32(options_.char_min);
  w.U32(options_.char_max);
  w.U32(options_.known_bits);
  w.U32(kToxicityHeads);
  w.String(std::string_view(reinterpret_cast<const char*>(known_.data()), known_.size() * 8));
  for (int h = 0; h < kToxicityHeads; ++h) {
    w.F64(bias_[h]);
    w.F64(scale_[h]);
    w.F64(calibration_.platt_a[h]);
    w.F64(calibration_.platt_b[h]);
  }
  for (double c : calibration_.combo) w.F64(c);
  w.String(std::string_view(reinterpret_cast<const char*>(weights_.data()), weights_.size()));
  RETURN_IF_ERROR(WriteModelFile(model_path, kKind, kVersion, w.bytes()));
  if (!lexicon_->entries().empty()) RETURN_IF_ERROR(lexicon_->SaveTsv(LexiconPathFor(model_path)));
  return absl::OkStatus();
}

StatusOr<std::shared_ptr<const ToxicityScorer>> ToxicityScorer::Load(const std::string& model_path,
                                                                     bool with_lexicon) {
  ASSIGN_OR_RETURN(std::string payload, ReadModelFile(model_path, kKind, kVersion));
  ModelReader r(payload);
  std::shared_ptr<ToxicityScorer> s(new ToxicityScorer());
  ToxicityModelOptions& opt = s->options_;
  opt.hash_bits = r.U32();
  opt.char_min = r.U32();
  opt.char_max = r.U32();
  opt.known_bits = r.U32();
  uint32_t heads = r.U32();
  if (r.ok() &&
      (opt.hash_bits < 8 || opt.hash_bits > 24 || opt.char_min < 1 || opt.char_max < opt.char_min ||
       opt.char_max > 8 || opt.known_bits < 6 || opt.known_bits > 28 || heads != kToxicityHeads)) {
    r.Fail("invalid header values");
  }
  std::string known = r.String();
  if (r.ok() && known.size() != (size_t{1} << opt.known_bits) / 8) {
    r.Fail("known-word set has the wrong size");
  }
  for (int h = 0; h < kToxicityHeads; ++h) {
    s->bias_[h] = r.F64();
    s->scale_[h] = r.F64();
    s->calibration_.platt_a[h] = r.F64();
    s->calibration_.platt_b[h] = r.F64();
  }
  for (double& c : s->calibration_.combo) c = r.F64();
  std::string weights = r.String();
  if (r.ok() && weights.size() != (size_t{1} << opt.hash_bits) * kToxicityHeads) {
    r.Fail("weight table has the wrong size");
  }
  Status st = r.Finish();
  if (!st.ok()) return absl::Status(st.code(), model_path + ": " + std::string(st.message()));
  for (int h = 0; h < kToxicityHeads; ++h) {
    if (!std::isfinite(s->bias_[h]) || !std::isfinite(s->scale_[h]) ||
        !std::isfinite(s->calibration_.platt_a[h]) || !std::isfinite(s->calibration_.platt_b[h])) {
      return absl::InvalidArgumentError(model_path + ": non-finite parameters");
    }
  }
  s->known_.resize(known.size() / 8);
  std::memcpy(s->known_.data(), known.data(), known.size());
  s->weights_.resize(weights.size());
  std::memcpy(s->weights_.data(), weights.data(), weights.size());
  std::string lex_path = LexiconPathFor(model_path);
  if (with_lexicon && std::filesystem::exists(lex_path)) {
    ASSIGN_OR_RETURN(s->lexicon_, ToxicLexicon::LoadTsv(lex_path));
  } else {
    ASSIGN_OR_RETURN(s->lexicon_, ToxicLexicon::Build({}));
  }
  return std::shared_ptr<const ToxicityScorer>(s);
}

std::string ToxicityScorer::DefaultModelPath(const std::string& models_dir) {
  std::string path = ModelPath("toxicity.bin", models_dir);
  return std::filesystem::exists(path) ? path : "";
}

StatusOr<std::shared_ptr<const ToxicityScorer>> ToxicityScorer::LoadDefault(
    const std::string& models_dir, bool with_lexicon) {
  std::string path = DefaultModelPath(models_dir);
  if (path.empty()) {
    return absl::NotFoundError(
        "toxicity model models/toxicity.bin not found (set REFINERY_MODELS_DIR or rebuild it "
        "with `refinery train toxicity -o models/toxicity.bin`)");
  }
  return Load(path, with_lexicon);
}

template <typename OnSentence>
bool ToxicityScorer::ForEachSentence(std::string_view text, OnSentence&& on_sentence) const {
  int32_t sum[kToxicityHeads] = {};
  uint32_t count = 0;
  bool any = false;
  const int8_t* w = weights_.data();
  // The weight table (2^hash_bits rows) is larger than the L2 cache and each feature reads a
  // random row: rows are prefetched when a feature is hashed and added kAhead features later,
  // so the loads overlap instead of stalling one by one. Integer sums do not depend on order.
  constexpr uint32_t kAhead = 32;
  uint32_t ring[kAhead];
  uint32_t queued = 0;  // features hashed but not added yet (the last `queued` of the ring)
  uint32_t head = 0;    // ring slot of the next feature
  auto add = [&](uint32_t b) {
    const int8_t* row = w + static_cast<size_t>(b) * kToxicityHeads;
    for (int h = 0; h < kToxicityHeads; ++h) sum[h] += row[h];
  };
  toxicity_internal::FeatureOptions fo{options_.hash_bits, options_.char_min, options_.char_max};
  toxicity_internal::KnownWords known{known_.data(), options_.known_bits};
  toxicity_internal::ForEachFeature(
      text, fo, known, [](uint64_t) {},
      [&](uint32_t b) {
        __builtin_prefetch(w + static_cast<size_t>(b) * kToxicityHeads);
        if (queued == kAhead) {
          add(ring[head]);  // the oldest
        } else {
          ++queued;
        }
        ring[head] = b;
        head = (head + 1) % kAhead;
        ++count;
      },
      [&](size_t start, size_t end) {
        for (; queued > 0; --queued) add(ring[(head + kAhead - queued) % kAhead]);
        double z[kToxicityHeads];
        const double norm = count > 0 ? 1.0 / std::sqrt(static_cast<double>(count)) : 0.0;
        for (int h = 0; h < kToxicityHeads; ++h) {
          z[h] = bias_[h] + scale_[h] * static_cast<double>(sum[h]) * norm;
          sum[h] = 0;
        }
        count = 0;
        any = true;
        on_sentence(start, end, z);
      });
  return any;
}

double ToxicityScorer::Combine(const double z[kToxicityHeads]) const {
  double u = calibration_.combo[0];
  for (int h = 0; h < kToxicityHeads; ++h) u += calibration_.combo[h + 1] * z[h];
  return Sigmoid(u);
}

void ToxicityScorer::Logits(std::string_view text, double out[kToxicityHeads]) const {
  for (int h = 0; h < kToxicityHeads; ++h) out[h] = -HUGE_VAL;
  bool any = ForEachSentence(text, [&](size_t, size_t, const double* z) {
    for (int h = 0; h < kToxicityHeads; ++h) out[h] = std::max(out[h], z[h]);
  });
  if (!any) {
    for (int h = 0; h < kToxicityHeads; ++h) out[h] = bias_[h];
  }
}

ToxicityScores ToxicityScorer::ScoreAll(std::string_view text, SentenceScores* sentences) const {
  ToxicityScores out;
  if (sentences != nullptr) {
    sentences->sentences.clear();
    sentences->max = 0;
  }
  double doc[kToxicityHeads];
  for (int h = 0; h < kToxicityHeads; ++h) doc[h] = -HUGE_VAL;
  bool any = ForEachSentence(text, [&](size_t start, size_t end, const double* z) {
    for (int h = 0; h < kToxicityHeads; ++h) doc[h] = std::max(doc[h], z[h]);
    double p = Combine(z);
    out.max_sentence = std::max(out.max_sentence, p);
    if (sentences != nullptr) sentences->sentences.push_back(SentenceScore{start, end, p});
  });
  if (!any) return out;  // no word: every score 0
  if (sentences != nullptr) sentences->max = out.max_sentence;
  out.toxicity = Combine(doc);
  for (int h = 0; h < kToxicityHeads; ++h) {
    out.heads[h] = Sigmoid(calibration_.platt_a[h] * doc[h] + calibration_.platt_b[h]);
  }
  return out;
}

double ToxicityScorer::Score(std::string_view text) const { return ScoreAll(text).toxicity; }

double ToxicityScorer::ScoreWithSentences(std::string_view text, SentenceScores* out) const {
  return ScoreAll(text, out).toxicity;
}

SentenceScores ToxicityScorer::ScoreSentences(std::string_view text) const {
  SentenceScores out;
  ScoreAll(text, &out);
  return out;
}

namespace {
class LocalCriterion : public ToxicityCriterion {
 public:
  LocalCriterion(std::shared_ptr<const ToxicityScorer> scorer, bool max_sentence)
      : scorer_(std::move(scorer)), max_sentence_(max_sentence) {}
  StatusOr<double> Score(std::string_view text) const override {
    if (!max_sentence_) return scorer_->Score(text);
    return scorer_->ScoreSentences(text).max;
  }
  std::string name() const override {
    return max_sentence_ ? "builtin:toxicity_max_sentence" : "builtin:toxicity";
  }

 private:
  std::shared_ptr<const ToxicityScorer> scorer_;
  bool max_sentence_;
};
}  // namespace

std::shared_ptr<const ToxicityCriterion> MakeLocalToxicityCriterion(
    std::shared_ptr<const ToxicityScorer> scorer, bool max_sentence) {
  return std::make_shared<LocalCriterion>(std::move(scorer), max_sentence);
}

}  // namespace refinery
