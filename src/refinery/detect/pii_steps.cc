// pii_detect: adds refinery.pii spans. (pii_anonymize, which detects and then replaces, is
// in anonymize/anonymize_steps.cc and reuses the helpers at the end of this file.)
#include "refinery/detect/pii_steps.h"

#include <map>

#include "refinery/detect/pii_detector.h"

namespace refinery {
namespace {

Json SpanJson(const PiiSpan& s) {
  Json j;
  auto& fields = ReserveObject(j, 5);
  fields.emplace_back("start", s.start);
  fields.emplace_back("end", s.end);
  fields.emplace_back("type", s.type);
  fields.emplace_back("score", s.score);
  fields.emplace_back("detector", s.detector);
  return j;
}

class PiiState : public StepState {
 public:
  std::unique_ptr<PiiDetector::Scratch> detect;
};

class PiiDetectStep : public SyncStep {
 public:
  explicit PiiDetectStep(std::shared_ptr<const PiiDetector> d) : detector_(std::move(d)) {}
  std::unique_ptr<StepState> NewThreadState() const override {
    auto s = std::make_unique<PiiState>();
    s->detect = detector_->NewScratch();
    return s;
  }
  void Process(Batch& batch, StepState* state) const override {
    auto* st = static_cast<PiiState*>(state);
    PiiSpanCounts counts;
    for (Record& r : batch.records()) {
      if (r.dropped() || r.rejected()) continue;
      std::vector<PiiSpan> spans = detector_->Detect(r.text(), *st->detect);
      // The usual case, no `refinery.pii` yet: the spans go in as JSON text that the record
      // splices into its output line, not as a Json tree (about seven allocations a span,
      // then serialised and freed). A `pii` the input already has is replaced in place.
      if (!r.has_refinery() || !r.refinery().contains("pii")) {
        thread_local std::string members;
        members.assign("\"pii\":");
        AppendPiiSpansJson(members, spans);
        r.AppendRefineryMembers(members);
      } else {
        r.refinery()["pii"] = PiiSpansJson(spans);
      }
      counts.Add(spans);
    }
    counts.AddTo(batch.stats().counters, /*with_replacements=*/false);
  }

 private:
  std::shared_ptr<const PiiDetector> detector_;
};

StatusOr<std::unique_ptr<Step>> MakeDetect(StepParams& params, const StepEnvironment&) {
  ASSIGN_OR_RETURN(PiiDetectorOptions o, ReadPiiDetectorParams(params));
  RETURN_IF_ERROR(params.Finish());
  ASSIGN_OR_RETURN(auto detector, PiiDetector::Create(o));
  return std::unique_ptr<Step>(new PiiDetectStep(std::move(detector)));
}

}  // namespace

Json PiiSpansJson(const std::vector<PiiSpan>& spans) {
  Json arr = Json::array();
  arr.get_ref<Json::array_t&>().reserve(spans.size());
  for (const PiiSpan& s : spans) arr.push_back(SpanJson(s));
  return arr;
}

void AppendPiiSpansJson(std::string& out, const std::vector<PiiSpan>& spans) {
  out.push_back('[');
  for (size_t i = 0; i < spans.size(); ++i) {
    const PiiSpan& s = spans[i];
    if (i > 0) out.push_back(',');
    out.append("{\"start\":");
    AppendJsonNumber(out, uint64_t{s.start});
    out.append(",\"end\":");
    AppendJsonNumber(out, uint64_t{s.end});
    out.append(",\"type\":");
    AppendJsonStringValue(out, s.type);
    out.append(",\"score\":");
    AppendJsonNumber(out, s.score);
    out.append(",\"detector\":");
    AppendJsonStringValue(out, s.detector);
    out.push_back('}');
  }
  out.push_back(']');
}

void PiiSpanCounts::Add(const std::vector<PiiSpan>& spans) {
  ++docs;
  docs_with_pii += !spans.empty();
  pii_spans += static_cast<double>(spans.size());
  for (const PiiSpan& s : spans) ++by_type[s.type];
}

void PiiSpanCounts::AddTo(Counters& counters, bool with_replacements) const {
  if (docs == 0) return;
  counters.Sum("docs", docs);
  counters.Sum("docs_with_pii", docs_with_pii);
  counters.Sum("pii_spans", pii_spans);
  for (const auto& [type, n] : by_type) counters.SumBy("pii_by_type", type, n);
  if (with_replacements) counters.Sum("replacements", replacements);
}

void AddPiiDetectorParams(ParamTable& t) {
  t.StringList("types", {}, "Entity types to report (empty: all), e.g. EMAIL_ADDRESS,API_KEY")
      .Choices(AllPiiTypes());
  t.Double("min_score", 0.5, "Drop spans scoring below this").Range(0, 1);
  t.StringList("allow_list", {}, "Values never reported as PII").Flag("allow").KeepCommas();
  t.StringList("deny_list", {}, "Values always reported (TYPE:value sets the type)")
      .Flag("deny")
      .KeepCommas();
  t.Bool("ner", true, "Run the learned PERSON/LOCATION/ORGANIZATION tagger");
}

StatusOr<PiiDetectorOptions> ReadPiiDetectorParams(StepParams& params) {
  PiiDetectorOptions o;
  o.types = params.GetStringList("types");
  o.min_score = params.GetDouble("min_score");
  o.allow_list = params.GetStringList("allow_list");
  o.deny_list = params.GetStringList("deny_list");
  o.ner = params.GetBool("ner");
  return o;
}

namespace {

ParamTable DetectParams() {
  ParamTable t;
  AddPiiDetectorParams(t);
  return t;
}

}  // namespace

void RegisterPiiSteps(StepRegistry& registry) {
  registry.Register(StepInfo{"pii_detect",
                             "Detect PII and secrets; adds refinery.pii spans (code points)",
                             MakeDetect, DetectParams()});
}

}  // namespace refinery
