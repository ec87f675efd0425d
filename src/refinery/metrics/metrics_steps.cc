#include "refinery/metrics/metrics_steps.h"

#include "refinery/metrics/ai_detector.h"

namespace refinery {

namespace {

class AiScoreStep : public RecordStep {
 public:
  AiScoreStep(std::shared_ptr<const metrics::AiTextDetector> model, double threshold)
      : model_(std::move(model)), threshold_(threshold) {}

  void ProcessRecord(Record& record, StepStats& stats) const override {
    double p = model_->HumanProbability(record.text());
    record.refinery()["scores"]["ai_human"] = p;
    // Reals (1.0 per record), as the summaries have always shown them.
    stats.counters.Sum("docs", 1);
    stats.counters.Sum("ai_human_sum", p);
    if (p < threshold_) stats.counters.Sum("machine_like_docs", 1);
  }

  void FinishSummary(Json& extra, StepGlobalState*) const override {
    double docs = extra.value("docs", 0.0);
    if (docs > 0) extra["ai_human_mean"] = extra.value("ai_human_sum", 0.0) / docs;
    extra["threshold"] = threshold_;
  }

 private:
  std::shared_ptr<const metrics::AiTextDetector> model_;
  double threshold_;
};

ParamTable AiScoreParams() {
  ParamTable t;
  t.String("model", "", "Detector model from `refinery train detector`")
      .Required("a model written by `refinery train detector`");
  t.Double("threshold", 0.5, "Below this P(human) a record counts as machine-like in the summary")
      .Range(0, 1);
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeAiScore(StepParams& params, const StepEnvironment&) {
  std::string model = params.GetString("model");
  double threshold = params.GetDouble("threshold");
  if (model.empty()) params.Fail("model", "required: a model written by `refinery train detector`");
  RETURN_IF_ERROR(params.Finish());
  auto loaded = metrics::AiTextDetector::Load(model);
  if (!loaded.ok()) {
    return absl::Status(loaded.status().code(), "step 'ai_score': parameter 'model': " +
                                                    std::string(loaded.status().message()));
  }
  return std::unique_ptr<Step>(new AiScoreStep(*loaded, threshold));
}

}  // namespace

void RegisterMetricsSteps(StepRegistry& registry) {
  registry.Register({"ai_score",
                     "refinery.scores.ai_human = P(human-written) from a trained detector "
                     "(see `refinery steps ai_score`)",
                     MakeAiScore, AiScoreParams()});
}

}  // namespace refinery
