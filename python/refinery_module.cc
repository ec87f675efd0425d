// The `refinery` Python module: PII detection and anonymization, toxicity scores, pipelines and
// batched functions for `datasets.Dataset.map(batched=True)`, over the same library the CLI uses.
//
// Compiled objects (detectors, anonymizers, the toxicity model) are built once per distinct
// configuration and shared by every call and thread; per-thread scratch is kept per object.
// Every long call releases the GIL. Library errors become Python exceptions (ValueError for bad
// arguments, RuntimeError otherwise) carrying the library's message. Offsets are code points,
// as Python strings index them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/core/hash.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/pipeline/pipeline_config.h"
#include "refinery/pipeline/runner.h"
#include "refinery/score/toxicity_scorer.h"

namespace py = pybind11;

namespace refinery::python {

namespace {

[[noreturn]] void Throw(const Status& status) {
  if (absl::IsInvalidArgument(status) || absl::IsNotFound(status) ||
      absl::IsFailedPrecondition(status)) {
    throw py::value_error(std::string(status.message()));
  }
  throw std::runtime_error(std::string(status.message()));
}

template <typename T>
T Unwrap(StatusOr<T> value) {
  if (!value.ok()) Throw(value.status());
  return std::move(value).value();
}

// --- compiled objects, cached by configuration ---------------------------------------------

using DetectorKey = std::tuple<std::vector<std::string>, double>;

std::shared_ptr<const PiiDetector> GetDetector(const std::vector<std::string>& types,
                                               double min_score) {
  static std::mutex mu;
  static std::map<DetectorKey, std::shared_ptr<const PiiDetector>> cache;
  std::lock_guard<std::mutex> lock(mu);
  DetectorKey key{types, min_score};
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  PiiDetectorOptions options;
  options.types = types;
  options.min_score = min_score;
  auto detector = Unwrap(PiiDetector::Create(options));
  cache.emplace(key, detector);
  return detector;
}

// The key is handed to the anonymizer through a private environment variable only for the time
// of Create (the library reads keys from the environment so they never appear in configs); the
// cache is keyed by a hash of the key, never the key itself.
std::shared_ptr<const Anonymizer> GetAnonymizer(const std::string& op,
                                                const std::optional<std::string>& key) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const Anonymizer>> cache;
  std::lock_guard<std::mutex> lock(mu);
  std::pair<std::string, std::string> cache_key{op, key ? Sha256Hex(*key) : ""};
  auto it = cache.find(cache_key);
  if (it != cache.end()) return it->second;
  AnonymizerOptions options;
  options.default_operator = Unwrap(ParseAnonymizeOperator(op));
  constexpr const char* kKeyVariable = "REFINERY_PYTHON_ANONYMIZE_KEY";
  if (key) {
    if (key->empty()) throw py::value_error("key must not be empty");
    setenv(kKeyVariable, key->c_str(), 1);
    options.key_env = kKeyVariable;
  }
  auto created = Anonymizer::Create(options);
  if (key) unsetenv(kKeyVariable);
  auto anonymizer = Unwrap(std::move(created));
  cache.emplace(cache_key, anonymizer);
  return anonymizer;
}

std::shared_ptr<const ToxicityScorer> GetToxicityScorer() {
  static std::mutex mu;
  static std::shared_ptr<const ToxicityScorer> scorer;
  std::lock_guard<std::mutex> lock(mu);
  if (!scorer) scorer = Unwrap(ToxicityScorer::LoadDefault());
  return scorer;
}

// Per-thread scratch for each compiled object (objects live for the process: cached above).
template <typename Object>
typename Object::Scratch& ScratchFor(const Object* object) {
  thread_local std::map<const Object*, std::unique_ptr<typename Object::Scratch>> scratches;
  auto& slot = scratches[object];
  if (!slot) slot = object->NewScratch();
  return *slot;
}

std::vector<std::string> TypesOrAll(const std::optional<std::vector<std::string>>& types) {
  return types ? *types : std::vector<std::string>{};
}

// What anonymize replaces when no types are named: as the CLI and the pii_anonymize step,
// every type but the report-only ones (ORGANIZATION, URL).
std::vector<std::string> TypesOrAnonymizeDefault(
    const std::optional<std::vector<std::string>>& types) {
  return types ? *types : DefaultAnonymizeTypes();
}

struct AnonymizeResult {
  std::string text;
  std::vector<Replacement> replacements;
  std::vector<PiiSpan> spans;
};

AnonymizeResult AnonymizeOne(const PiiDetector& detector, const Anonymizer& anonymizer,
                             const std::string& text) {
  AnonymizeResult result;
  result.spans = detector.Detect(text, ScratchFor(&detector));
  result.text = anonymizer.Apply(text, result.spans, ScratchFor(&anonymizer), &result.replacements);
  return result;
}

py::dict SpanDict(const PiiSpan& s) {
  py::dict d;
  d["start"] = s.start;
  d["end"] = s.end;
  d["type"] = s.type;
  d["score"] = s.score;
  d["detector"] = s.detector;
  return d;
}

py::dict ReplacementDict(const Replacement& r) {
  py::dict d;
  d["type"] = r.type;
  d["start"] = r.start;
  d["end"] = r.end;
  d["surrogate"] = r.surrogate;
  return d;
}

std::vector<std::string> TextColumn(const py::dict& batch, const std::string& column) {
  if (!batch.contains(column)) {
    throw py::key_error("batch has no column '" + column + "'");
  }
  return batch[py::str(column)].cast<std::vector<std::string>>();
}

class Pipeline {
 public:
  explicit Pipeline(PipelineConfig config) : config_(std::move(config)) {}

  static Pipeline FromYaml(const std::string& path) {
    return Pipeline(Unwrap(LoadPipelineFile(path)));
  }
  static Pipeline FromString(const std::string& yaml) {
    return Pipeline(Unwrap(ParsePipelineYaml(yaml, "<string>")));
  }

  py::dict Run(const std::optional<std::vector<std::string>>& input,
               const std::optional<std::string>& output, std::optional<int> threads, bool resume,
               bool overwrite) const {
    PipelineConfig config = config_;
    if (input) config.inputs = *input;
    if (output) config.output = *output;
    if (threads) config.threads = *threads;
    RunOptions options;
    options.resume = resume;
    options.overwrite = overwrite;
    options.progress = ProgressMode::kQuiet;
    StatusOr<RunResult> result;
    {
      py::gil_scoped_release release;
      result = RunPipeline(config, options);
    }
    RunResult r = Unwrap(std::move(result));
    py::dict out = py::module_::import("json").attr("loads")(r.summary.dump());
    return out;
  }

 private:
  PipelineConfig config_;
};

}  // namespace

PYBIND11_MODULE(_refinery, m) {
  m.doc() = "Refinery: PII detection and anonymization, toxicity scoring and pipelines.";

  py::class_<PiiSpan>(m, "Span", "A detected entity; start/end are code point offsets.")
      .def_readonly("start", &PiiSpan::start)
      .def_readonly("end", &PiiSpan::end)
      .def_readonly("type", &PiiSpan::type)
      .def_readonly("score", &PiiSpan::score)
      .def_readonly("detector", &PiiSpan::detector)
      .def("__repr__", [](const PiiSpan& s) {
        return "Span(start=" + std::to_string(s.start) + ", end=" + std::to_string(s.end) +
               ", type='" + s.type + "', score=" + std::to_string(s.score) + ", detector='" +
               s.detector + "')";
      });

  py::class_<Replacement>(m, "Replacement", "One replacement made by anonymize().")
      .def_readonly("type", &Replacement::type)
      .def_readonly("start", &Replacement::start)
      .def_readonly("end", &Replacement::end)
      .def_readonly("surrogate", &Replacement::surrogate)
      .def("__repr__", [](const Replacement& r) {
        return "Replacement(type='" + r.type + "', start=" + std::to_string(r.start) +
               ", end=" + std::to_string(r.end) + ", surrogate='" + r.surrogate + "')";
      });

  py::class_<AnonymizeResult>(m, "AnonymizeResult", "The anonymized text and what was replaced.")
      .def_readonly("text", &AnonymizeResult::text)
      .def_readonly("replacements", &AnonymizeResult::replacements)
      .def_readonly("spans", &AnonymizeResult::spans);

  m.def(
      "detect",
      [](const std::string& text, std::optional<std::vector<std::string>> types, double min_score) {
        auto detector = GetDetector(TypesOrAll(types), min_score);
        py::gil_scoped_release release;
        return detector->Detect(text, ScratchFor(detector.get()));
      },
      py::arg("text"), py::arg("types") = py::none(), py::arg("min_score") = 0.5,
      "PII and secret spans in `text` (code point offsets), optionally only of `types`.");

  m.def(
      "anonymize",
      [](const std::string& text, const std::string& op, std::optional<std::string> key,
         std::optional<std::vector<std::string>> types, double min_score) {
        auto detector = GetDetector(TypesOrAnonymizeDefault(types), min_score);
        auto anonymizer = GetAnonymizer(op, key);
        py::gil_scoped_release release;
        return AnonymizeOne(*detector, *anonymizer, text);
      },
      py::arg("text"), py::arg("operator") = "surrogate", py::arg("key") = py::none(),
      py::arg("types") = py::none(), py::arg("min_score") = 0.5,
      "Replaces detected PII: operator is surrogate (realistic fakes), placeholder, mask, hash "
      "or redact. With a key, surrogates and hashes are consistent across calls.");

  m.def(
      "score_toxicity",
      [](const std::vector<std::string>& texts) {
        auto scorer = GetToxicityScorer();
        std::vector<double> scores(texts.size());
        py::gil_scoped_release release;
        for (size_t i = 0; i < texts.size(); ++i) scores[i] = scorer->Score(texts[i]);
        return scores;
      },
      py::arg("texts"), "P(toxic) of each text, from the shipped toxicity model.");

  m.def(
      "detect_batch",
      [](const py::dict& batch, const std::string& column,
         std::optional<std::vector<std::string>> types, double min_score) {
        std::vector<std::string> texts = TextColumn(batch, column);
        auto detector = GetDetector(TypesOrAll(types), min_score);
        std::vector<std::vector<PiiSpan>> spans(texts.size());
        {
          py::gil_scoped_release release;
          for (size_t i = 0; i < texts.size(); ++i) {
            spans[i] = detector->Detect(texts[i], ScratchFor(detector.get()));
          }
        }
        py::list column_out;
        for (const auto& doc : spans) {
          py::list l;
          for (const PiiSpan& s : doc) l.append(SpanDict(s));
          column_out.append(l);
        }
        py::dict out;
        out["pii"] = column_out;
        return out;
      },
      py::arg("batch"), py::arg("column") = "text", py::arg("types") = py::none(),
      py::arg("min_score") = 0.5,
      "For Dataset.map(batched=True): {column: [...]} -> {'pii': [[span dicts]]}.");

  m.def(
      "anonymize_batch",
      [](const py::dict& batch, const std::string& column, const std::string& op,
         std::optional<std::string> key, std::optional<std::vector<std::string>> types,
         double min_score) {
        std::vector<std::string> texts = TextColumn(batch, column);
        auto detector = GetDetector(TypesOrAnonymizeDefault(types), min_score);
        auto anonymizer = GetAnonymizer(op, key);
        std::vector<AnonymizeResult> results(texts.size());
        {
          py::gil_scoped_release release;
          for (size_t i = 0; i < texts.size(); ++i) {
            results[i] = AnonymizeOne(*detector, *anonymizer, texts[i]);
          }
        }
        py::list new_texts, logs;
        for (const AnonymizeResult& r : results) {
          new_texts.append(r.text);
          py::list l;
          for (const Replacement& rep : r.replacements) l.append(ReplacementDict(rep));
          logs.append(l);
        }
        py::dict out;
        out[py::str(column)] = new_texts;
        out["pii_replacements"] = logs;
        return out;
      },
      py::arg("batch"), py::arg("column") = "text", py::arg("operator") = "surrogate",
      py::arg("key") = py::none(), py::arg("types") = py::none(), py::arg("min_score") = 0.5,
      "For Dataset.map(batched=True): anonymizes `column` in place and adds "
      "'pii_replacements'.");

  m.def(
      "score_toxicity_batch",
      [](const py::dict& batch, const std::string& column) {
        std::vector<std::string> texts = TextColumn(batch, column);
        auto scorer = GetToxicityScorer();
        std::vector<double> scores(texts.size());
        {
          py::gil_scoped_release release;
          for (size_t i = 0; i < texts.size(); ++i) scores[i] = scorer->Score(texts[i]);
        }
        py::dict out;
        out["toxicity"] = scores;
        return out;
      },
      py::arg("batch"), py::arg("column") = "text",
      "For Dataset.map(batched=True): {column: [...]} -> {'toxicity': [...]}.");

  py::class_<Pipeline>(m, "Pipeline", "A pipeline (YAML), as `refinery run` runs it.")
      .def_static("from_yaml", &Pipeline::FromYaml, py::arg("path"),
                  "Loads a pipeline file; errors name the file and line.")
      .def_static("from_string", &Pipeline::FromString, py::arg("yaml"),
                  "Parses a pipeline from YAML text.")
      .def("run", &Pipeline::Run, py::arg("input") = py::none(), py::arg("output") = py::none(),
           py::arg("threads") = py::none(), py::arg("resume") = false, py::arg("overwrite") = false,
           "Runs the pipeline (input/output/threads override the YAML) and returns the "
           "summary (what summary.json holds) as a dict.");
}

}  // namespace refinery::python
