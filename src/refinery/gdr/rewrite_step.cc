#include "refinery/gdr/rewrite_step.h"

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <mutex>

#include "refinery/core/enum_names.h"
#include "refinery/core/utf8.h"
#include "refinery/gdr/chunking.h"
#include "refinery/gdr/cost_report.h"
#include "refinery/gdr/edit_distance.h"
#include "refinery/gdr/verify_reply.h"
#include "refinery/llm/fanout.h"
#include "refinery/llm/protocol.h"

namespace refinery::gdr {
namespace {

const char* FallbackName(Fallback f) {
  static constexpr const char* kNames[] = {"surrogate", "placeholder", "drop", "keep_flagged"};
  static_assert(std::size(kNames) == static_cast<size_t>(Fallback::kKeepFlagged) + 1);
  return EnumName(f, kNames);
}

// Tokens of a text, over-estimated (≈ 3 bytes per token) so that budgets hold for code and
// non-English text too.
int64_t EstimateTokens(size_t bytes) { return static_cast<int64_t>(bytes / 3 + 1); }

// Below this a chunk is not split further: it falls back instead.
constexpr size_t kMinChunkBytes = 200;

// What the step makes of a record: the engine writes it as refinery.status.
constexpr std::string_view kKept = "kept", kChanged = "changed", kFallback = "fallback",
                           kDropped = "dropped";
constexpr std::string_view kOutcomes[] = {kKept, kChanged, kFallback, kDropped};

// kDeferred: a reply is not there yet (an offline batch round writes its request).
enum class Outcome { kPending, kKept, kChanged, kFallback, kStopped, kDeferred };

struct RecordJob {
  size_t index = 0;
  std::string original;
  std::vector<Chunk> chunks;
  size_t chunk_i = 0;
  int attempt = 0;                                      // within the current chunk
  std::vector<std::unique_ptr<CriterionState>> states;  // of the current chunk
  std::string output;
  std::vector<std::pair<std::string, std::string>> hints;  // replacements of earlier chunks
  std::string feedback;
  int64_t max_tokens_boost = 1;  // doubled after a cut reply
  Json attempts = Json::array();
  int64_t tokens_in = 0, tokens_out = 0;
  size_t prompt_bytes = 0;  // of every request sent (the cost report's overhead share)
  int usage_estimated = 0;
  int requests = 0, cache_hits = 0, repaired = 0, chunk_fallbacks = 0, rechunks = 0;
  std::vector<int> accepted_at, tried_at;  // per attempt number (chunks)
  Json retry_causes = Json::object();
  Outcome outcome = Outcome::kPending;
  std::string fallback_reason;
  std::vector<std::pair<std::string, std::string>> sft;  // accepted (chunk, rewrite)
  // Δ of the accepted rewrite when the record is one chunk without lead or trail: then it is
  // the record's Δ too, and Finalize need not compute it again (-1: not known).
  double whole_delta = -1;
};

// What a run of the step learns as it goes: why it stopped, and the run of identical record
// errors that tells a systemic failure (a dead server, a wrong model) from a bad record. One per
// run (Step::NewGlobalState), shared by its batches; the step itself stays immutable.
struct RewriteRunState : StepGlobalState {
  std::mutex mu;
  std::string fatal;       // set once: the run stops
  std::string last_error;  // the latest record-level error
  int identical = 0;       // how many records in a row failed with it
};

// A worker's view of the run state (NewLocalState).
struct RewriteLocalState : StepState {
  RewriteRunState* run = nullptr;
};

struct BatchContext {
  RewriteRunState* run = nullptr;
  Batch* batch = nullptr;
  std::function<void()> done;
  std::vector<std::unique_ptr<RecordJob>> jobs;
  // The batch's requests; it finalizes the batch once every reply is handled. Valid while any
  // request is outstanding, which is whenever a job submits.
  llm::FanOut* fan = nullptr;
};

class RewriteStep : public Step {
 public:
  RewriteStep(RewriteOptions o, RewriteComponents c) : opt_(std::move(o)), comp_(std::move(c)) {
    source_ = comp_.replies;
    if (!source_) source_ = std::make_shared<llm::ClientReplySource>(comp_.client);
    model_ = comp_.client ? comp_.client->config().model : comp_.model;
    workers_ = std::make_unique<llm::ReplyWorkers>(opt_.reply_threads, opt_.max_outstanding);
    // The fixed part of every prompt (system message and few-shot turns), in tokens.
    size_t fixed = 0;
    for (const ChatMessage& m : BuildMessages(opt_.task, "", "")) fixed += m.content.size() + 16;
    overhead_tokens_ = EstimateTokens(fixed);
    overhead_bytes_ = fixed;
  }
  bool reports_status() const override { return true; }
  std::span<const std::string_view> outcomes() const override { return kOutcomes; }

  std::unique_ptr<StepGlobalState> NewGlobalState() const override {
    return std::make_unique<RewriteRunState>();
  }
  std::unique_ptr<StepState> NewLocalState(StepGlobalState* global) const override {
    auto local = std::make_unique<RewriteLocalState>();
    local->run = static_cast<RewriteRunState*>(global);
    return local;
  }

  void ProcessAsync(Batch& batch, StepState* state, std::function<void()> done) const override {
    auto ctx = std::make_shared<BatchContext>();
    ctx->run = static_cast<RewriteLocalState*>(state)->run;
    ctx->batch = &batch;
    ctx->done = std::move(done);
    std::shared_ptr<llm::FanOut> fan =
        llm::FanOut::Create(*source_, *workers_, [this, ctx] { Finalize(*ctx); });
    ctx->fan = fan.get();
    auto& records = batch.records();
    ctx->jobs.resize(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      Record& r = records[i];
      if (r.dropped() || r.rejected()) continue;
      auto job = std::make_unique<RecordJob>();
      job->index = i;
      job->original = std::string(r.text());
      ctx->jobs[i] = std::move(job);
    }
    // Jobs are all created before any starts; the creator's hold keeps the batch open until
    // every job has started.
    for (auto& job : ctx->jobs) {
      if (job) Start(ctx, job.get());
    }
    fan->Release();
  }

  void FinishSummary(Json& extra, StepGlobalState* global) const override {
    double n = extra.value("delta_count", 0.0);
    if (n > 0) extra["mean_delta"] = extra.value("delta_sum", 0.0) / n;
    if (extra.contains("accepted_at_attempt") && extra.contains("tried_at_attempt")) {
      Json rates = Json::array();
      const Json& acc = extra["accepted_at_attempt"];
      const Json& tried = extra["tried_at_attempt"];
      for (size_t k = 0; k < acc.size() && k < tried.size(); ++k) {
        double t = tried[k].get<double>();
        rates.push_back(t > 0 ? acc[k].get<double>() / t : 0.0);
      }
      extra["acceptance_rate_per_attempt"] = rates;
    }
    double sent = extra.value("records_sent", 0.0);
    if (sent > 0) extra["prompt_tokens_per_record"] = extra.value("tokens_in", 0.0) / sent;
    extra["prompt_overhead_tokens_estimate"] = overhead_tokens_;
    source_->Finish(extra);
    if (comp_.client) {
      LlmStats st = comp_.client->stats();
      extra["client"] = st.ToJson();
      extra["http_attempts"] = st.http_requests;  // every attempt, failed ones included
    }
    double changed = extra.value("changed", 0.0), fallback = extra.value("fallback", 0.0),
           kept = extra.value("kept", 0.0), dropped = extra.value("dropped", 0.0);
    double fell_back = extra.value("fallback_records", 0.0);
    double total = changed + fallback + kept + dropped;
    std::string fatal;
    if (auto* run = static_cast<RewriteRunState*>(global)) {
      std::lock_guard<std::mutex> lock(run->mu);
      fatal = run->fatal;
    }
    CostInputs cost;
    cost.records = changed + fallback + kept + dropped;
    cost.records_sent = sent;
    cost.requests = extra.value("requests", 0.0);
    cost.cache_hits = extra.value("cache_hits", 0.0);
    cost.prompt_tokens = extra.value("tokens_in", 0.0);
    cost.completion_tokens = extra.value("tokens_out", 0.0);
    cost.prompt_bytes = extra.value("prompt_bytes", 0.0);
    cost.overhead_bytes = static_cast<double>(overhead_bytes_);
    cost.usage_estimated = extra.value("usage_estimated", 0.0);
    cost.price_in = opt_.price_in;
    cost.price_out = opt_.price_out;
    extra["cost"] = CostReport(cost);
    extra["console"] = fmt::format(
        "rewrite: {} changed ({} repaired), {} fallback, {} kept, {} dropped; {} requests, {:.0f} "
        "prompt tokens per record",
        changed, extra.value("repaired_records", 0.0), fell_back, kept, dropped,
        extra.value("requests", 0.0), extra.value("prompt_tokens_per_record", 0.0));
    extra["console"] =
        extra["console"].get<std::string>() + "\nrefinery: " + CostLine(extra["cost"]);
    if (!fatal.empty()) {
      extra["run_failed"] = "rewrite stopped: " + fatal;
    } else if (extra.value("deferred", 0.0) > 0) {
      // An offline batch round that waits for results: nothing is final yet.
    } else if (total > 0 && fell_back / total > opt_.max_fallback_share) {
      extra["run_failed"] = fmt::format(
          "rewrite: {} of {} records ({:.1f}%) fell back, more than max_fallback_share {:.1f}% "
          "(reasons: {}); see audit.jsonl",
          fell_back, total, 100 * fell_back / total, 100 * opt_.max_fallback_share,
          extra.value("fallback_reasons", Json::object()).dump());
    }
  }

 private:
  static bool Stopped(RewriteRunState& run) {
    std::lock_guard<std::mutex> lock(run.mu);
    return !run.fatal.empty();
  }

  static void Stop(RewriteRunState& run, const std::string& why) {
    std::lock_guard<std::mutex> lock(run.mu);
    if (run.fatal.empty()) {
      run.fatal = why;
      std::fprintf(stderr, "refinery: error: rewrite stopped: %s\n", why.c_str());
    }
  }

  // Counts record-level LLM errors: a run of identical ones is systemic (a dead server, a
  // wrong model), as is any error no retry can get past.
  void NoteLlmError(RewriteRunState& run, const Status& s) const {
    std::string msg(s.message());
    if (llm::IsFatalLlmError(s)) {
      Stop(run, msg);
      return;
    }
    bool stop = false;
    {
      std::lock_guard<std::mutex> lock(run.mu);
      if (msg == run.last_error) {
        stop = ++run.identical >= opt_.max_identical_failures;
      } else {
        run.last_error = msg;
        run.identical = 1;
      }
    }
    if (stop) {
      Stop(run, fmt::format("the last {} records failed with the same error: {}",
                            opt_.max_identical_failures, msg));
    }
  }

  static void NoteLlmSuccess(RewriteRunState& run) {
    std::lock_guard<std::mutex> lock(run.mu);
    run.identical = 0;
    run.last_error.clear();
  }

  // Largest chunk (bytes) whose prompt and rewrite fit the server's context.
  size_t ChunkBytes() const {
    size_t bytes = opt_.chunk_tokens * 4;
    if (opt_.context_tokens > 0) {
      // prompt ≈ overhead + chunk/3, reply ≈ 1.25 x chunk/3 + 64: solve for the chunk.
      int64_t room = opt_.context_tokens - overhead_tokens_ - 64 - 64;
      size_t fit = room > 0 ? static_cast<size_t>(room * 3 / 2.25) : kMinChunkBytes;
      bytes = std::min(bytes, std::max(fit, kMinChunkBytes));
    }
    return bytes;
  }

  // Prepares the criteria for the current chunk; true when the chunk already passes them all.
  bool PrepareChunk(RecordJob& job) const {
    std::string_view core = job.chunks[job.chunk_i].core;
    job.states.clear();
    bool all_pass = true;
    OriginalFacts facts;  // the detector runs once for all criteria
    for (const auto& c : comp_.criteria) {
      job.states.push_back(c->Prepare(core, facts));
      all_pass = all_pass && job.states.back()->original_passes;
    }
    return all_pass;
  }

  const PiiLeakState* PiiState(const RecordJob& job) const {
    for (const auto& st : job.states) {
      if (auto* pii = dynamic_cast<const PiiLeakState*>(st.get())) return pii;
    }
    return nullptr;
  }

  void Start(const std::shared_ptr<BatchContext>& ctx, RecordJob* job) const {
    if (Stopped(*ctx->run)) {
      job->outcome = Outcome::kStopped;
      return;
    }
    job->chunks = SplitIntoChunks(job->original, ChunkBytes());
    Advance(ctx, job);
  }

  // Moves to the next chunk that needs the model, or finishes the record.
  void Advance(const std::shared_ptr<BatchContext>& ctx, RecordJob* job) const {
    while (job->chunk_i < job->chunks.size()) {
      const Chunk& ch = job->chunks[job->chunk_i];
      bool passes = PrepareChunk(*job);
      if (ch.core.empty() || (opt_.skip_passing && passes)) {
        job->output.append(ch.lead);
        job->output.append(ch.core);
        job->output.append(ch.trail);
        job->chunk_i++;
        continue;
      }
      job->attempt = 0;
      job->feedback.clear();
      job->max_tokens_boost = 1;
      Submit(ctx, job);
      return;
    }
    if (job->chunk_fallbacks > 0) {
      job->outcome = Outcome::kFallback;
    } else {
      job->outcome = job->output == job->original ? Outcome::kKept : Outcome::kChanged;
    }
  }

  std::string Notes(const RecordJob& job) const {
    std::string notes;
    const PiiLeakState* pii = PiiState(job);
    if (opt_.hints && pii != nullptr && !pii->values.empty()) {
      notes += "Values to replace (at least these):";
      for (size_t i = 0; i < pii->values.size(); ++i) {
        notes += fmt::format("\n- \"{}\" ({})", pii->values[i], pii->types[i]);
      }
    }
    // Only the earlier replacements of values this chunk holds: the list of every earlier
    // chunk's would grow with the document until a later chunk's prompt no longer fits the
    // context, however small the chunk.
    std::string_view core = job.chunks[job.chunk_i].core;
    bool listed = false;
    for (const auto& [from, to] : job.hints) {
      if (core.find(from) == std::string_view::npos) continue;
      if (!listed) {
        if (!notes.empty()) notes += "\n\n";
        notes +=
            "Earlier parts of this document were already rewritten with these replacements; "
            "reuse exactly the same ones wherever these values appear:";
        listed = true;
      }
      notes += "\n- \"" + from + "\" -> \"" + to + "\"";
    }
    if (!job.feedback.empty()) {
      if (!notes.empty()) notes += "\n\n";
      notes += "Your previous rewrite of this document was rejected: " + job.feedback +
               ". Rewrite the original document again and fix this.";
    }
    return notes;
  }

  void Submit(const std::shared_ptr<BatchContext>& ctx, RecordJob* job) const {
    if (Stopped(*ctx->run)) {
      FailChunk(ctx, job, "stopped");
      return;
    }
    const Chunk& ch = job->chunks[job->chunk_i];
    ChatRequest req;
    req.messages = BuildMessages(opt_.task, ch.core, Notes(*job));
    size_t prompt_bytes = 0;
    for (const ChatMessage& m : req.messages) prompt_bytes += m.content.size() + 16;
    int64_t prompt_tokens = EstimateTokens(prompt_bytes);
    int64_t reply_tokens = EstimateTokens(ch.core.size()) * 5 / 4 + 64;
    int64_t max_tokens =
        opt_.max_tokens > 0 ? opt_.max_tokens : reply_tokens + 128;  // answer tags, a preamble
    max_tokens *= job->max_tokens_boost;
    if (opt_.context_tokens > 0) {
      int64_t room = opt_.context_tokens - prompt_tokens;
      if (room < reply_tokens) {  // this chunk cannot fit: split it before sending
        Rechunk(ctx, job, "context_budget");
        return;
      }
      max_tokens = std::min(max_tokens, room);
    }
    req.sampling["temperature"] = job->attempt == 0 ? opt_.temperature : opt_.retry_temperature;
    req.sampling["max_tokens"] = max_tokens;
    req.sampling["seed"] = opt_.seed + job->attempt;
    req.extra_body = opt_.extra_body;
    req.defer_cache_write = true;  // stored only once verified (see OnReply)
    // Streaming: the reply ends at </refined>; a runaway (a tag never closed, text repeated)
    // is cut at 1.5x the chunk, plus room for the tags and a short preamble.
    req.stop_marker = "</refined>";
    req.max_output_bytes = ch.core.size() * 3 / 2 + 256;
    ctx->fan->Submit(
        std::move(req),
        [this, ctx, job, prompt_bytes, max_tokens](StatusOr<ChatResponse> r) {
          OnReply(ctx, job, std::move(r), prompt_bytes, max_tokens);
        },
        // A request still waiting for a place when the run stops (quota exhausted, wrong
        // model, ...) is never sent.
        [ctx] { return Stopped(*ctx->run); });
  }

  // Splits the current chunk in two and starts over on its first half; false when it is too
  // small to split (the chunk then falls back).
  void Rechunk(const std::shared_ptr<BatchContext>& ctx, RecordJob* job,
               const std::string& why) const {
    Chunk outer = job->chunks[job->chunk_i];
    if (outer.core.size() < 2 * kMinChunkBytes) {
      FailChunk(ctx, job, why);
      return;
    }
    std::vector<Chunk> parts = SplitIntoChunks(outer.core, outer.core.size() / 2 + 1);
    // The outer lead and trail are adjacent to the core in the same buffer: widen the views.
    parts.front().lead =
        std::string_view(outer.lead.data(), outer.lead.size() + parts.front().lead.size());
    parts.back().trail =
        std::string_view(parts.back().trail.data(), parts.back().trail.size() + outer.trail.size());
    job->chunks.erase(job->chunks.begin() + static_cast<std::ptrdiff_t>(job->chunk_i));
    job->chunks.insert(job->chunks.begin() + static_cast<std::ptrdiff_t>(job->chunk_i),
                       parts.begin(), parts.end());
    job->rechunks++;
    job->retry_causes[why] = job->retry_causes.value(why, 0) + 1;
    Advance(ctx, job);
  }

  // Runs on a reply worker. Judges the reply (VerifyReply) and acts on the verdict.
  void OnReply(const std::shared_ptr<BatchContext>& ctx, RecordJob* job,
               StatusOr<ChatResponse> reply, size_t prompt_bytes, int64_t max_tokens) const {
    if (!reply.ok() && llm::IsDeferred(reply.status())) {
      job->outcome = Outcome::kDeferred;  // asked for in the next batch round
      return;
    }
    if (!reply.ok() && absl::IsCancelled(reply.status()) && Stopped(*ctx->run)) {
      FailChunk(ctx, job, "stopped");  // never sent (FanOut's cancel): not a request
      return;
    }
    // A request that was sent (answered or failed) counts, once.
    job->prompt_bytes += prompt_bytes;
    job->requests++;
    if (static_cast<int>(job->tried_at.size()) <= job->attempt)
      job->tried_at.resize(job->attempt + 1);
    job->tried_at[job->attempt]++;
    Json entry = {{"chunk", job->chunk_i}, {"attempt", job->attempt + 1}};
    if (!reply.ok()) {
      entry["verdict"] = "error";
      entry["error"] = std::string(reply.status().message());
      job->attempts.push_back(std::move(entry));
      if (absl::IsOutOfRange(reply.status())) {  // context length exceeded: a smaller chunk
        Rechunk(ctx, job, "context_length");
        return;
      }
      NoteLlmError(*ctx->run, reply.status());
      FailChunk(ctx, job, "llm_error");
      return;
    }
    NoteLlmSuccess(*ctx->run);
    job->tokens_in += reply->prompt_tokens;
    job->tokens_out += reply->completion_tokens;
    if (reply->usage_estimated) job->usage_estimated++;
    if (reply->from_cache) job->cache_hits++;
    entry["tokens_in"] = reply->prompt_tokens;
    entry["tokens_out"] = reply->completion_tokens;
    entry["cached"] = reply->from_cache;
    const Chunk& ch = job->chunks[job->chunk_i];
    ChunkUnderTest chunk;
    chunk.core = ch.core;
    chunk.criteria = &comp_.criteria;
    chunk.states = &job->states;
    chunk.pii = PiiState(*job);
    chunk.surrogates = opt_.repair ? comp_.surrogates.get() : nullptr;
    chunk.attempt = job->attempt;
    chunk.max_attempts = opt_.max_attempts;
    chunk.prompt_bytes = prompt_bytes;
    chunk.max_tokens = max_tokens;
    chunk.prompt_tokens = EstimateTokens(prompt_bytes);
    chunk.context_tokens = opt_.context_tokens;
    ReplyVerdict v = VerifyReply(chunk, *reply);
    for (auto& [k, val] : v.entry.items()) entry[k] = std::move(val);
    job->attempts.push_back(std::move(entry));
    if (v.next == NextStep::kAccept) {
      // Only verified replies are cached: a rejected reply may hold original values, and a
      // cut or empty one would be replayed after the server is fixed.
      if (!v.repaired) {
        source_->Remember(*reply);
      } else {
        // The repaired text, which passed verification, replaces the reply that held original
        // values: a rerun replays the same result and the cache holds no original value.
        ChatResponse fixed = *reply;
        fixed.choices = {"<refined>\n" + v.candidate + "\n</refined>"};
        fixed.finish_reasons = {"stop"};
        source_->Remember(fixed);
      }
      if (v.repaired) job->repaired++;
      if (static_cast<int>(job->accepted_at.size()) <= job->attempt) {
        job->accepted_at.resize(job->attempt + 1);
      }
      job->accepted_at[job->attempt]++;
      if (chunk.pii != nullptr) {
        for (auto& h : InferReplacements(ch.core, v.candidate, chunk.pii->spans)) {
          bool known = false;
          for (auto& k : job->hints) known = known || k.first == h.first;
          if (!known) job->hints.push_back(std::move(h));
        }
      }
      if (job->chunks.size() == 1 && ch.lead.empty() && ch.trail.empty()) {
        job->whole_delta = job->attempts.back().value("delta", -1.0);
      }
      job->sft.emplace_back(std::string(ch.core), v.candidate);
      job->output.append(ch.lead);
      job->output.append(v.candidate);
      job->output.append(ch.trail);
      job->chunk_i++;
      Advance(ctx, job);
      return;
    }
    for (const std::string& f : v.failed) {
      job->retry_causes[f] = job->retry_causes.value(f, 0) + 1;
    }
    switch (v.next) {
      case NextStep::kRechunk:
        Rechunk(ctx, job, v.reason);
        return;
      case NextStep::kRetry:
        if (v.grow) job->max_tokens_boost *= 2;
        job->attempt++;
        job->feedback = v.feedback;
        Submit(ctx, job);
        return;
      case NextStep::kFallBack:
      case NextStep::kAccept:
        if (v.grow) job->max_tokens_boost *= 2;
        job->attempt++;
        FailChunk(ctx, job, v.reason);
        return;
    }
  }

  // The current chunk gets no accepted rewrite: it falls back alone (its anonymized original)
  // and the record goes on with the next chunk; `drop` and `keep_flagged` act on the record.
  void FailChunk(const std::shared_ptr<BatchContext>& ctx, RecordJob* job,
                 std::string reason) const {
    if (reason == "stopped" || (reason == "llm_error" && Stopped(*ctx->run))) {
      job->outcome = Outcome::kStopped;
      return;
    }
    if (job->fallback_reason.empty()) job->fallback_reason = reason;
    job->chunk_fallbacks++;
    if (opt_.fallback == Fallback::kDrop || opt_.fallback == Fallback::kKeepFlagged) {
      job->outcome = Outcome::kFallback;
      return;
    }
    const Chunk& ch = job->chunks[job->chunk_i];
    std::string fixed;
    Anonymize(ch.core, fixed);
    job->output.append(ch.lead);
    job->output.append(fixed);
    job->output.append(ch.trail);
    job->chunk_i++;
    Advance(ctx, job);
  }

  // The fallback text of a chunk: the detector's values replaced by the anonymizer (surrogates
  // or placeholders) and toxic lexicon spans masked when the toxicity scorer is loaded.
  void Anonymize(std::string_view text, std::string& out) const {
    out = std::string(text);
    const Anonymizer* anon = opt_.fallback == Fallback::kSurrogate && comp_.surrogates
                                 ? comp_.surrogates.get()
                                 : comp_.anonymizer.get();
    if (comp_.detector && anon != nullptr) {
      auto ds = comp_.detector->NewScratch();
      std::vector<PiiSpan> spans = comp_.detector->Detect(out, *ds);
      auto as = anon->NewScratch();
      out = anon->Apply(out, spans, *as, nullptr);
    }
    if (comp_.toxicity) {
      std::vector<ToxicSpan> spans = comp_.toxicity->lexicon().FindSpans(out);
      if (!spans.empty()) {
        OffsetMap map(out);
        std::string masked;
        size_t pos = 0;
        for (const ToxicSpan& s : spans) {
          size_t b = map.ToByte(s.start), e = map.ToByte(s.end);
          if (b < pos) continue;
          masked.append(out, pos, b - pos);
          masked += "***";
          pos = e;
        }
        masked.append(out, pos, std::string::npos);
        out = std::move(masked);
      }
    }
  }

  void Finalize(BatchContext& ctx) const {
    Batch& batch = *ctx.batch;
    Counters& counts = batch.stats().counters;
    auto add = [&counts](std::string_view k, double v) { counts.Sum(k, v); };
    std::vector<double> accepted_at, tried_at;
    // Counted per batch and added after the sums: the summary lists these objects last.
    Counters by_key;
    by_key.DeclareBy("fallbacks");
    by_key.DeclareBy("fallback_reasons");
    by_key.DeclareBy("rewrite_retries_by_cause");
    double delta_max = 0;
    const std::string& model = model_;
    std::string stop_reason;
    {
      std::lock_guard<std::mutex> lock(ctx.run->mu);
      stop_reason = ctx.run->fatal;
    }
    for (auto& job : ctx.jobs) {
      if (!job) continue;
      Record& r = batch.records()[job->index];
      if (job->outcome == Outcome::kStopped) {
        // Not rewritten because the run stopped: a reject, never a silent fallback.
        add("stopped", 1);
        r.Reject("rewrite stopped: " + stop_reason);
        continue;
      }
      if (job->outcome == Outcome::kDeferred) {
        // An offline batch round that has no reply yet for this record: the round's output
        // is discarded, the record's request is in the next requests file.
        add("deferred", 1);
        r.Reject("rewrite: awaiting the next offline batch round");
        continue;
      }
      std::string_view status;
      bool flagged = false;
      std::string final_text = job->original;
      switch (job->outcome) {
        case Outcome::kKept:
        case Outcome::kPending:
        case Outcome::kStopped:
        case Outcome::kDeferred:
          status = kKept;
          break;
        case Outcome::kChanged:
          status = kChanged;
          final_text = job->output;
          break;
        case Outcome::kFallback: {
          by_key.CountBy("fallbacks", FallbackName(opt_.fallback));
          by_key.CountBy("fallback_reasons", job->fallback_reason);
          add("fallback_records", 1);
          if (opt_.fallback == Fallback::kDrop) {
            status = kDropped;
          } else if (opt_.fallback == Fallback::kKeepFlagged) {
            status = kFallback;
            flagged = true;
          } else {
            status = kFallback;
            final_text = job->output;
          }
          break;
        }
      }
      double d = final_text == job->original ? 0.0
                 : job->outcome == Outcome::kChanged && job->whole_delta >= 0
                     ? job->whole_delta
                     : NormalizedEditDistance(job->original, final_text);
      if (status == kKept && job->requests == 0) add("skipped_passing", 1);
      add(status, 1);
      if (job->requests > 0) add("records_sent", 1);
      if (job->repaired > 0) add("repaired_records", 1);
      add("repaired_chunks", job->repaired);
      add("rechunks", job->rechunks);
      add("requests", job->requests);
      add("cache_hits", job->cache_hits);
      add("tokens_in", static_cast<double>(job->tokens_in));
      add("tokens_out", static_cast<double>(job->tokens_out));
      add("prompt_bytes", static_cast<double>(job->prompt_bytes));
      add("usage_estimated", job->usage_estimated);
      if (job->requests > 0) {
        add("delta_sum", d);
        add("delta_count", 1);
        delta_max = std::max(delta_max, d);
      }
      for (size_t k = 0; k < job->accepted_at.size(); ++k) {
        if (accepted_at.size() <= k) accepted_at.resize(k + 1);
        accepted_at[k] += job->accepted_at[k];
      }
      for (size_t k = 0; k < job->tried_at.size(); ++k) {
        if (tried_at.size() <= k) tried_at.resize(k + 1);
        tried_at[k] += job->tried_at[k];
      }
      for (auto& [k, v] : job->retry_causes.items())
        by_key.CountBy("rewrite_retries_by_cause", k, v.get<uint64_t>());

      Json info = {
          {"task", opt_.task.name},    {"template_version", opt_.task.version}, {"model", model},
          {"attempts", job->requests}, {"chunks", job->chunks.size()},          {"delta", d}};
      if (job->repaired > 0) info["repaired"] = true;
      if (job->outcome == Outcome::kFallback) {
        info["fallback"] = FallbackName(opt_.fallback);
        info["fallback_reason"] = job->fallback_reason;
        info["fallback_chunks"] = job->chunk_fallbacks;
      }
      if (flagged) info["flagged"] = true;
      Json audit = {{"id", r.id()},
                    {"step", "rewrite"},
                    {"status", status},
                    {"task", opt_.task.name},
                    {"template_version", opt_.task.version},
                    {"model", model},
                    {"attempts", job->attempts},
                    {"chunks", job->chunks.size()},
                    {"delta", d},
                    {"tokens_in", job->tokens_in},
                    {"tokens_out", job->tokens_out},
                    {"cache_hits", job->cache_hits}};
      if (job->repaired > 0) audit["repaired"] = true;
      if (job->outcome == Outcome::kFallback) {
        audit["fallback"] = FallbackName(opt_.fallback);
        audit["fallback_reason"] = job->fallback_reason;
        audit["fallback_chunks"] = job->chunk_fallbacks;
      }
      batch.Emit("audit", audit);
      r.refinery()["rewrite"] = std::move(info);
      r.set_outcome(status);
      if (status == kDropped) {
        r.Drop();
      } else if (final_text != job->original) {
        r.set_text(std::move(final_text));
      }
      if (opt_.export_sft && job->outcome == Outcome::kChanged) {
        // Through the batch's channel, committed with its part: --resume neither repeats
        // nor loses a pair.
        for (const auto& [in, out] : job->sft) {
          Json line = {{"messages", Json::array()}};
          for (const ChatMessage& m : BuildMessages(opt_.task, in, "")) {
            line["messages"].push_back({{"role", m.role}, {"content", m.content}});
          }
          line["messages"].push_back(
              {{"role", "assistant"}, {"content", "<refined>\n" + out + "\n</refined>"}});
          line["template_version"] = opt_.task.version;
          batch.Emit("sft", line);
        }
      }
    }
    // Every attempt number up to max_attempts is listed, as 0 where none was tried.
    for (const auto& [name, per_attempt] : {std::pair{"accepted_at_attempt", &accepted_at},
                                            std::pair{"tried_at_attempt", &tried_at}}) {
      size_t n = std::max(per_attempt->size(), static_cast<size_t>(opt_.max_attempts));
      for (size_t k = 0; k < n; ++k) {
        if (k < per_attempt->size()) {
          counts.SumAt(name, k, (*per_attempt)[k]);
        } else {
          counts.CountAt(name, k, 0);
        }
      }
    }
    counts.Max("delta_max", delta_max);
    counts.Combine(by_key);
    auto done = std::move(ctx.done);
    done();
  }

  RewriteOptions opt_;
  RewriteComponents comp_;
  int64_t overhead_tokens_ = 0;
  std::shared_ptr<llm::ReplySource> source_;  // the live client or a batch round's files
  std::string model_;
  size_t overhead_bytes_ = 0;  // the fixed part of every prompt (cost report)
  // Run-wide guard: the first fatal error, and the current run of identical failures.
  std::unique_ptr<llm::ReplyWorkers> workers_;  // run OnReply; last member: joined first
};

}  // namespace

StatusOr<std::unique_ptr<Step>> MakeRewriteStep(RewriteOptions options,
                                                RewriteComponents components) {
  if (!components.client && !components.replies) {
    return absl::InvalidArgumentError("rewrite: no LLM client");
  }
  if (options.max_attempts < 1) {
    return absl::InvalidArgumentError("rewrite: max_attempts must be at least 1");
  }
  return std::unique_ptr<Step>(
      std::make_unique<RewriteStep>(std::move(options), std::move(components)));
}

}  // namespace refinery::gdr
