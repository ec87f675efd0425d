// pii_anonymize: detects, replaces (placeholder, mask, hash, redact or surrogate per type),
// writes refinery.pii (offsets into the step's input text), the replacement log
// refinery.anonymize; the engine sets refinery.status ("changed" where text was replaced).
#include "refinery/anonymize/anonymize_steps.h"

#include <algorithm>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/core/json.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/detect/pii_steps.h"

namespace refinery {
namespace {

// `log` as the JSON array of refinery.anonymize, written as AppendJson writes the tree the
// step builds where a `refinery` object exists (keep the two in step):
// {"type","start","end","surrogate","out_start","out_end"[,"original"]}.
void AppendReplacementsJson(std::string& out, const std::vector<Replacement>& log,
                            bool keep_originals) {
  out.push_back('[');
  for (size_t i = 0; i < log.size(); ++i) {
    const Replacement& rep = log[i];
    if (i > 0) out.push_back(',');
    out.append("{\"type\":");
    AppendJsonStringValue(out, rep.type);
    out.append(",\"start\":");
    AppendJsonNumber(out, uint64_t{rep.start});
    out.append(",\"end\":");
    AppendJsonNumber(out, uint64_t{rep.end});
    out.append(",\"surrogate\":");
    AppendJsonStringValue(out, rep.surrogate);
    out.append(",\"out_start\":");
    AppendJsonNumber(out, uint64_t{rep.out_start});
    out.append(",\"out_end\":");
    AppendJsonNumber(out, uint64_t{rep.out_end});
    if (keep_originals) {
      out.append(",\"original\":");
      AppendJsonStringValue(out, rep.original);
    }
    out.push_back('}');
  }
  out.push_back(']');
}

class AnonymizeState : public StepState {
 public:
  std::unique_ptr<PiiDetector::Scratch> detect;
  std::unique_ptr<Anonymizer::Scratch> anon;
};

class PiiAnonymizeStep : public SyncStep {
 public:
  PiiAnonymizeStep(std::shared_ptr<const PiiDetector> d, std::shared_ptr<const Anonymizer> a)
      : detector_(std::move(d)), anonymizer_(std::move(a)) {}
  std::unique_ptr<StepState> NewThreadState() const override {
    auto s = std::make_unique<AnonymizeState>();
    s->detect = detector_->NewScratch();
    s->anon = anonymizer_->NewScratch();
    return s;
  }
  bool reports_status() const override { return true; }
  void Process(Batch& batch, StepState* state) const override {
    auto* st = static_cast<AnonymizeState*>(state);
    std::vector<Replacement> log;
    PiiSpanCounts counts;
    for (Record& r : batch.records()) {
      if (r.dropped() || r.rejected()) continue;
      std::vector<PiiSpan> spans = detector_->Detect(r.text(), *st->detect);
      counts.Add(spans);
      log.clear();
      std::string out;
      if (!spans.empty()) out = anonymizer_->Apply(r.text(), spans, *st->anon, &log);
      counts.replacements += static_cast<double>(log.size());
      // A record without a `refinery` object (the `anonymize` verb, a pipeline's first
      // annotating step): both keys go in as JSON text that the record splices into its output
      // line, as pii_detect's spans do, and the engine's status joins them as text
      // (Record::AppendPendingStatus). Where an object exists (the input's, or an earlier
      // step's such as lang_id), later steps read and write it as a tree: building the entries
      // as Json costs less there than writing text that would be parsed back.
      if (!r.has_refinery()) {
        thread_local std::string members;
        members.assign("\"pii\":");
        AppendPiiSpansJson(members, spans);
        members.append(",\"anonymize\":");
        AppendReplacementsJson(members, log, anonymizer_->options().keep_originals);
        r.AppendRefineryMembers(members);
        if (!spans.empty() && out != r.text()) r.set_text(std::move(out));
        continue;
      }
      Json& ref = r.refinery();
      ref["pii"] = PiiSpansJson(spans);
      Json entries = Json::array();
      entries.get_ref<Json::array_t&>().reserve(log.size());
      for (const Replacement& rep : log) {
        Json e;
        auto& fields = ReserveObject(e, 7);
        fields.emplace_back("type", rep.type);
        fields.emplace_back("start", rep.start);
        fields.emplace_back("end", rep.end);
        fields.emplace_back("surrogate", rep.surrogate);
        fields.emplace_back("out_start", rep.out_start);
        fields.emplace_back("out_end", rep.out_end);
        if (anonymizer_->options().keep_originals) e["original"] = rep.original;
        entries.push_back(std::move(e));
      }
      ref["anonymize"] = std::move(entries);
      if (!spans.empty() && out != r.text()) r.set_text(std::move(out));
    }
    counts.AddTo(batch.stats().counters, /*with_replacements=*/true);
  }

 private:
  std::shared_ptr<const PiiDetector> detector_;
  std::shared_ptr<const Anonymizer> anonymizer_;
};

ParamTable AnonymizeParams() {
  ParamTable t;
  AddPiiDetectorParams(t);
  t.String("operator", "placeholder", "Replacement for every type without its own operator")
      .Choices({"placeholder", "mask", "hash", "redact", "surrogate"});
  t.Map("operators", "TYPE: operator for one entity type, e.g. {PERSON: surrogate}")
      .Flag("type-operator");
  t.String("key_env", "",
           "Environment variable holding the key for hash and corpus-wide consistent surrogates");
  t.Int("mask_tail", 4, "Characters mask keeps at the end").Range(0, 64);
  t.Bool("keep_originals", false,
         "Also write the original values in refinery.anonymize (sensitive!)")
      .Switch();
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeAnonymize(StepParams& params, const StepEnvironment&) {
  ASSIGN_OR_RETURN(PiiDetectorOptions o, ReadPiiDetectorParams(params));
  if (o.types.empty()) o.types = DefaultAnonymizeTypes();  // ORGANIZATION only when named
  AnonymizerOptions a;
  // An unknown name was reported by the table's choices.
  if (auto op = ParseAnonymizeOperator(params.GetString("operator")); op.ok())
    a.default_operator = *op;
  for (const auto& [type, op] : params.GetStringMap("operators")) {
    const auto& all = AllPiiTypes();
    if (std::find(all.begin(), all.end(), type) == all.end() && type != "DENY_LIST") {
      params.Fail("operators", "unknown PII type '" + type + "'");
      continue;
    }
    auto parsed = ParseAnonymizeOperator(op);
    if (!parsed.ok())
      params.Fail("operators", std::string(parsed.status().message()));
    else
      a.operators[type] = *parsed;
  }
  a.key_env = params.GetString("key_env");
  a.mask_tail = static_cast<size_t>(std::max<int64_t>(0, params.GetInt("mask_tail")));
  a.keep_originals = params.GetBool("keep_originals");
  RETURN_IF_ERROR(params.Finish());
  ASSIGN_OR_RETURN(auto detector, PiiDetector::Create(o));
  auto anonymizer = Anonymizer::Create(a);
  if (!anonymizer.ok())
    return absl::Status(anonymizer.status().code(),
                        "step 'pii_anonymize': " + std::string(anonymizer.status().message()));
  return std::unique_ptr<Step>(new PiiAnonymizeStep(std::move(detector), std::move(*anonymizer)));
}

}  // namespace

void RegisterAnonymizeSteps(StepRegistry& registry) {
  registry.Register(
      StepInfo{"pii_anonymize",
               "Detect and replace PII (placeholder|mask|hash|redact|surrogate per type); adds "
               "refinery.pii, refinery.anonymize and refinery.status",
               MakeAnonymize, AnonymizeParams()});
}

}  // namespace refinery
