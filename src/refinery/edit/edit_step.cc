#include "refinery/edit/edit_step.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "refinery/edit/executor.h"
#include "refinery/edit/jsonl_input.h"
#include "refinery/edit/llm_programs.h"
#include "refinery/edit/refine_model.h"
#include "refinery/io/model_file.h"
#include "refinery/llm/fanout.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery {

namespace {

using edit::EditPolicy;
using edit::EditResult;
using edit::EditStatus;

struct EditThreadState : StepState {
  edit::EditScratch edit_scratch;
  edit::RefineScratch refine_scratch;
};

void ApplyToRecord(Record& record, const edit::Program& program, const EditPolicy& policy,
                   const char* source, edit::EditScratch& scratch, Counters& counts);

// What an edit makes of a record (edit::EditStatusName): the engine writes it as
// refinery.status.
constexpr std::string_view kOutcomes[] = {"kept", "changed", "dropped"};

// Where programs come from.
class ProgramSource {
 public:
  virtual ~ProgramSource() = default;
  virtual const char* name() const = 0;
  // The program for one record; false when there is none (the record is left as it is).
  virtual bool ProgramFor(const Record& record, EditThreadState& state, std::string& out) const = 0;
};

class TableSource : public ProgramSource {
 public:
  explicit TableSource(edit::ProgramTable table) : table_(std::move(table)) {}
  const char* name() const override { return "programs"; }
  bool ProgramFor(const Record& record, EditThreadState&, std::string& out) const override {
    auto it = table_.find(record.id());
    if (it == table_.end()) return false;
    out = it->second;
    return true;
  }

 private:
  edit::ProgramTable table_;
};

class ModelSource : public ProgramSource {
 public:
  explicit ModelSource(edit::RefineModel model) : model_(std::move(model)) {}
  const char* name() const override { return "model"; }
  bool ProgramFor(const Record& record, EditThreadState& state, std::string& out) const override {
    out = model_.PredictProgram(record.text(), state.refine_scratch);
    return true;
  }

 private:
  edit::RefineModel model_;
};

class EditStep : public SyncStep {
 public:
  EditStep(std::unique_ptr<ProgramSource> source, EditPolicy policy, edit::ProgramLimits limits)
      : source_(std::move(source)), policy_(policy), limits_(limits) {}

  std::unique_ptr<StepState> NewThreadState() const override {
    return std::make_unique<EditThreadState>();
  }

  bool reports_status() const override { return true; }
  std::span<const std::string_view> outcomes() const override { return kOutcomes; }

  void Process(Batch& batch, StepState* raw_state) const override {
    auto& state = *static_cast<EditThreadState*>(raw_state);
    Counters& counts = batch.stats().counters;
    std::string program_text;
    for (Record& record : batch.records()) {
      if (record.dropped() || record.rejected()) continue;
      if (!source_->ProgramFor(record, state, program_text)) {
        counts.Count("no_program");
        record.set_outcome(edit::EditStatusName(EditStatus::kKept));
        record.refinery()["edits"] = Json{{"status", "kept"}, {"reason", "no_program"}};
        continue;
      }
      edit::Program program = edit::ParseProgram(program_text, limits_);
      ApplyToRecord(record, program, policy_, source_->name(), state.edit_scratch, counts);
    }
  }

 private:
  std::unique_ptr<ProgramSource> source_;
  EditPolicy policy_;
  edit::ProgramLimits limits_;
};

// Applies one program to one record and counts what happened.
void ApplyToRecord(Record& record, const edit::Program& program, const EditPolicy& policy,
                   const char* source, edit::EditScratch& scratch, Counters& counts) {
  EditResult result = edit::ExecuteProgram(record.text(), program, policy, &scratch);
  Json log = edit::EditLogJson(program, result);
  log["source"] = source;
  const std::string_view status = edit::EditStatusName(result.status);
  record.set_outcome(status);
  record.refinery()["edits"] = std::move(log);
  counts.Count(status);
  if (!result.reason.empty()) counts.CountBy("reasons", result.reason);
  for (const std::string& cause : result.error_causes) counts.CountBy("errors", cause);
  counts.Count("lines_removed", result.lines_removed);
  counts.Count("programs");
  if (result.status == EditStatus::kChanged) {
    record.set_text(std::move(result.text));
  } else if (result.status == EditStatus::kDropped) {
    record.Drop();
  }
}

// LLM mode: every chunk of every record of a batch is in flight at once; the last answer
// executes the batch's programs and hands the batch back.
class LlmEditStep : public Step {
 public:
  bool reports_status() const override { return true; }
  std::span<const std::string_view> outcomes() const override { return kOutcomes; }

  LlmEditStep(std::shared_ptr<LlmClient> client, EditPolicy policy, edit::LlmEditOptions llm,
              size_t chunk_tokens)
      : client_(std::move(client)),
        source_(std::make_shared<llm::ClientReplySource>(client_)),
        policy_(policy),
        llm_(llm),
        chunk_tokens_(chunk_tokens),
        workers_(std::make_unique<llm::ReplyWorkers>(
            0, static_cast<size_t>(client_->config().max_in_flight_per_endpoint) *
                   client_->config().base_urls.size())) {}

  void ProcessAsync(Batch& batch, StepState*, std::function<void()> done) const override {
    struct Job {
      Record* record;
      std::vector<edit::ProxChunk> chunks;
      std::vector<std::string> answers;
      std::vector<std::string> failures;  // per chunk: "" or the error
      std::vector<int64_t> completion_tokens;
    };
    struct Context {
      Batch* batch;
      std::vector<Job> jobs;
      std::function<void()> done;
      std::atomic<int64_t> prompt_tokens{0}, completion_tokens{0}, cached{0};
    };
    auto ctx = std::make_shared<Context>();
    ctx->batch = &batch;
    ctx->done = std::move(done);
    for (Record& record : batch.records()) {
      if (record.dropped() || record.rejected()) continue;
      Job job;
      job.record = &record;
      job.chunks = edit::MakeProxChunks(record.text(), chunk_tokens_);
      job.answers.resize(job.chunks.size());
      job.failures.resize(job.chunks.size());
      ctx->jobs.push_back(std::move(job));
    }
    // The answers are parsed and applied on the reply workers (llm/fanout.h), once all of the
    // batch's chunks are answered.
    auto fan = llm::FanOut::Create(*source_, *workers_, [this, ctx] { Finish(*ctx); });
    for (size_t j = 0; j < ctx->jobs.size(); ++j) {
      for (size_t c = 0; c < ctx->jobs[j].chunks.size(); ++c) {
        fan->Submit(edit::BuildChunkRequest(ctx->jobs[j].chunks[c], llm_),
                    [ctx, j, c](StatusOr<ChatResponse> response) {
                      Job& job = ctx->jobs[j];
                      if (!response.ok()) {
                        job.failures[c] = std::string(response.status().message());
                      } else if (response->choices.empty()) {
                        job.failures[c] = "no choices in the answer";
                      } else {
                        job.answers[c] = response->choices[0];
                        ctx->prompt_tokens += response->prompt_tokens;
                        ctx->completion_tokens += response->completion_tokens;
                        ctx->cached += response->from_cache;
                      }
                    });
      }
    }
    fan->Release();
  }

 private:
  template <typename Context>
  void Finish(Context& ctx) const {
    Counters& counts = ctx.batch->stats().counters;
    edit::EditScratch scratch;
    uint64_t chunks = 0;
    for (auto& job : ctx.jobs) {
      edit::Program joined;
      bool single = job.chunks.size() == 1;
      for (size_t c = 0; c < job.chunks.size(); ++c) {
        ++chunks;
        if (!job.failures[c].empty()) {
          counts.CountBy("llm.answers", "request_failed");
          edit::ParseError e;
          e.cause = "request_failed";
          e.message =
              fmt::format("chunk at line {}: {}", job.chunks[c].first_line, job.failures[c]);
          joined.errors.push_back(std::move(e));
          continue;
        }
        for (const std::string& cause :
             edit::AddChunkAnswer(job.answers[c], job.chunks[c], single, joined)) {
          counts.CountBy("llm.answers", cause);
        }
      }
      ApplyToRecord(*job.record, joined, policy_, "llm", scratch, counts);
      job.record->refinery()["edits"]["prompt_version"] = edit::kEditPromptVersion;
    }
    counts.Count("llm.chunks", chunks);
    counts.Count("llm.prompt_tokens", static_cast<uint64_t>(ctx.prompt_tokens.load()));
    counts.Count("llm.completion_tokens", static_cast<uint64_t>(ctx.completion_tokens.load()));
    counts.Count("llm.cache_hits", static_cast<uint64_t>(ctx.cached.load()));
    auto done = std::move(ctx.done);
    done();
  }

  std::shared_ptr<LlmClient> client_;
  std::shared_ptr<llm::ReplySource> source_;  // the client, as the fan-out takes it
  EditPolicy policy_;
  edit::LlmEditOptions llm_;
  size_t chunk_tokens_;
  std::unique_ptr<llm::ReplyWorkers> workers_;  // last member: joined first
};

// A path as given, else a name in the models directory ("refiner" or "refiner.bin").
std::string ResolveModelPath(const std::string& model, const StepEnvironment& env) {
  namespace fs = std::filesystem;
  if (fs::exists(model)) return model;
  for (const std::string& name : {model, model + ".bin"}) {
    std::string candidate = ModelPath(name, env.models_dir);
    if (fs::exists(candidate)) return candidate;
  }
  return model;
}

// Defaults come from the option structs, so they are written once.
ParamTable EditParams() {
  const EditPolicy policy;
  const edit::ProgramLimits limits;
  const LlmEndpointConfig endpoint;
  const edit::LlmEditOptions llm;
  ParamTable t;
  t.String("programs", "", "JSONL of {\"id\", \"program\"} (one per record)");
  t.String("model", "",
           "Refine model file (models/refiner.bin, or a name in the models directory); with llm: "
           "the LLM's model name");
  t.String("llm", "", "LLM server base URL(s), comma-separated (with model)");
  t.Bool("deletion_only", policy.deletion_only,
         "Only deletions: normalize() is an error and the output is checked to be a subsequence "
         "of the input")
      .Switch();
  t.Int("max_errors", policy.max_errors, "Program errors a document may have and still be refined")
      .Range(0, std::nullopt);
  t.Double("min_kept_word_ratio", policy.min_kept_word_ratio,
           "Drop changed documents keeping this share of words or less")
      .Range(0, 1);
  t.Int("min_words", policy.min_words,
        "Drop changed documents with this many words or fewer (0: off)")
      .Range(0, std::nullopt);
  t.Int("max_ops", static_cast<int64_t>(limits.max_ops), "Statements per program, at most");
  t.Int("max_literal_bytes", static_cast<int64_t>(limits.max_literal_bytes),
        "Bytes per string literal, at most");
  t.String("api_key_env", "", "LLM mode: environment variable holding the API key (never logged)");
  t.Int("chunk_tokens", 1500, "LLM mode: token budget of a [doc] chunk (as ProX)")
      .Range(16, std::nullopt);
  t.Int("max_tokens", llm.max_tokens, "LLM mode: answer tokens per chunk");
  t.Double("temperature", llm.temperature, "LLM mode: sampling temperature");
  t.Int("max_in_flight", endpoint.max_in_flight_per_endpoint,
        "LLM mode: requests in flight per endpoint");
  t.Double("timeout", endpoint.total_timeout_s, "LLM mode: total timeout per request, s");
  t.Int("max_retries", endpoint.max_retries, "LLM mode: HTTP retries per request");
  t.Double("backoff", endpoint.backoff_initial_s, "LLM mode: first retry delay, s");
  t.String("cache", "", "LLM mode: response cache (SQLite) path");
  t.Bool("no_cache", false, "LLM mode: do not read or write the cache").Switch();
  return t;
}

StatusOr<std::unique_ptr<Step>> MakeEditStep(StepParams& params, const StepEnvironment& env) {
  std::string programs = params.GetString("programs");
  std::string model = params.GetString("model");
  std::string llm = params.GetString("llm");
  EditPolicy policy;
  policy.deletion_only = params.GetBool("deletion_only");
  policy.max_errors = params.GetInt("max_errors");
  policy.min_kept_word_ratio = params.GetDouble("min_kept_word_ratio");
  policy.min_words = params.GetInt("min_words");
  edit::ProgramLimits limits;
  limits.max_ops = static_cast<size_t>(params.GetInt("max_ops"));
  limits.max_literal_bytes = static_cast<size_t>(params.GetInt("max_literal_bytes"));
  int sources = !programs.empty() + (!model.empty() && llm.empty()) + !llm.empty();
  if (sources != 1) {
    params.Fail(programs.empty() ? "model" : "programs",
                "give exactly one of: programs (a {\"id\",\"program\"} JSONL file), model (a "
                "refine model), or llm (a server URL) with model");
  }
  LlmEndpointConfig endpoint;
  CacheOptions cache;
  edit::LlmEditOptions llm_options;
  llm_options.deletion_only = policy.deletion_only;
  int64_t chunk_tokens = params.GetInt("chunk_tokens");
  llm_options.max_tokens = params.GetInt("max_tokens");
  llm_options.temperature = params.GetDouble("temperature");
  endpoint.api_key_env = params.GetString("api_key_env");
  endpoint.max_in_flight_per_endpoint = static_cast<int>(params.GetInt("max_in_flight"));
  endpoint.total_timeout_s = params.GetDouble("timeout");
  endpoint.max_retries = static_cast<int>(params.GetInt("max_retries"));
  endpoint.backoff_initial_s = params.GetDouble("backoff");
  cache.path = params.GetString("cache");
  cache.enabled = !params.GetBool("no_cache");
  if (!llm.empty() && model.empty()) params.Fail("model", "LLM mode needs the model name");
  RETURN_IF_ERROR(params.Finish());

  if (!llm.empty()) {
    size_t start = 0;
    while (start <= llm.size()) {
      size_t comma = llm.find(',', start);
      std::string url =
          llm.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!url.empty()) endpoint.base_urls.push_back(url);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    endpoint.model = model;
    auto client = LlmClient::Create(endpoint, cache);
    if (!client.ok()) {
      return absl::InvalidArgumentError(
          fmt::format("step 'edit': parameter 'llm': {}", std::string(client.status().message())));
    }
    return std::unique_ptr<Step>(new LlmEditStep(std::move(*client), policy, llm_options,
                                                 static_cast<size_t>(chunk_tokens)));
  }

  std::unique_ptr<ProgramSource> source;
  if (!programs.empty()) {
    auto table = edit::LoadProgramTable(programs);
    if (!table.ok()) {
      return absl::InvalidArgumentError(fmt::format("step 'edit': parameter 'programs': {}",
                                                    std::string(table.status().message())));
    }
    source = std::make_unique<TableSource>(std::move(*table));
  } else {
    auto loaded = edit::RefineModel::Load(ResolveModelPath(model, env));
    if (!loaded.ok()) {
      return absl::InvalidArgumentError(fmt::format("step 'edit': parameter 'model': {}",
                                                    std::string(loaded.status().message())));
    }
    source = std::make_unique<ModelSource>(std::move(*loaded));
  }
  return std::unique_ptr<Step>(new EditStep(std::move(source), policy, limits));
}

}  // namespace

void RegisterEditSteps(StepRegistry& registry) {
  registry.Register(StepInfo{
      "edit",
      "Execute edit programs (remove_lines, remove_str, drop_doc, ...) from a table, the refine "
      "model or an LLM",
      MakeEditStep, EditParams()});
}

}  // namespace refinery
