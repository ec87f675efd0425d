#include "refinery/gdr/rewrite_step.h"

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <mutex>

#include "refinery/core/utf8.h"
#include "refinery/gdr/chunking.h"
#include "refinery/gdr/edit_distance.h"

namespace refinery::gdr {
namespace {

const char* FallbackName(Fallback f) {
  switch (f) {
    case Fallback::kRedact:
      return "redact";
    case Fallback::kDrop:
      return "drop";
    case Fallback::kKeepFlagged:
      return "keep_flagged";
  }
  return "?";
}

enum class Outcome { kPending, kKept, kChanged, kFallback };

struct RecordJob {
  size_t index = 0;
  std::string original;
  std::vector<Chunk> chunks;
  size_t chunk_i = 0;
  int attempt = 0;                                      // within the current chunk
  std::vector<std::unique_ptr<CriterionState>> states;  // of the current chunk
  std::string output;
  std::vector<std::pair<std::string, std::string>> hints;
  std::string feedback;
  Json attempts = Json::array();
  int64_t tokens_in = 0, tokens_out = 0;
  int requests = 0, cache_hits = 0, http_attempts = 0;
  std::vector<int> accepted_at, tried_at;  // per attempt number (chunks)
  Json retry_causes = Json::object();
  Outcome outcome = Outcome::kPending;
  std::string fallback_reason;
  std::vector<std::pair<std::string, std::string>> sft;  // accepted (chunk, rewrite)
  std::string model;
};

struct BatchContext {
  Batch* batch = nullptr;
  std::function<void()> done;
  std::vector<std::unique_ptr<RecordJob>> jobs;
  std::atomic<int> pending{1};
};

class RewriteStep : public Step {
 public:
  RewriteStep(RewriteOptions o, RewriteComponents c) : opt_(std::move(o)), comp_(std::move(c)) {
    if (!opt_.export_sft.empty()) sft_file_ = std::fopen(opt_.export_sft.c_str(), "a");
  }
  ~RewriteStep() override {
    if (sft_file_) std::fclose(sft_file_);
  }

  bool sft_ok() const { return opt_.export_sft.empty() || sft_file_ != nullptr; }

  void ProcessAsync(Batch& batch, StepState*, std::function<void()> done) const override {
    auto ctx = std::make_shared<BatchContext>();
    ctx->batch = &batch;
    ctx->done = std::move(done);
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
    // Jobs are all created before any starts: a job may finish (and the batch with it) inline.
    for (auto& job : ctx->jobs) {
      if (!job) continue;
      ctx->pending++;
      Start(ctx, job.get());
    }
    Release(ctx);
  }

  void FinishSummary(Json& extra) const override {
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
    if (comp_.client) extra["client"] = comp_.client->stats().ToJson();
  }

 private:
  void Release(const std::shared_ptr<BatchContext>& ctx) const {
    if (--ctx->pending == 0) Finalize(*ctx);
  }

  // Prepares the criteria for the current chunk; true when the chunk already passes them all.
  bool PrepareChunk(RecordJob& job) const {
    std::string_view core = job.chunks[job.chunk_i].core;
    job.states.clear();
    bool all_pass = true;
    for (const auto& c : comp_.criteria) {
      job.states.push_back(c->Prepare(core));
      all_pass = all_pass && job.states.back()->original_passes;
    }
    return all_pass;
  }

  void Start(const std::shared_ptr<BatchContext>& ctx, RecordJob* job) const {
    job->chunks = SplitIntoChunks(job->original, opt_.chunk_tokens * 4);
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
      Submit(ctx, job);
      return;
    }
    job->outcome = job->output == job->original ? Outcome::kKept : Outcome::kChanged;
    Release(ctx);
  }

  void Submit(const std::shared_ptr<BatchContext>& ctx, RecordJob* job) const {
    const Chunk& ch = job->chunks[job->chunk_i];
    std::string notes;
    if (!job->hints.empty()) {
      notes +=
          "Earlier parts of this document were already rewritten with these replacements; "
          "reuse exactly the same ones wherever these values appear:";
      for (const auto& [from, to] : job->hints) notes += "\n- \"" + from + "\" -> \"" + to + "\"";
    }
    if (!job->feedback.empty()) {
      if (!notes.empty()) notes += "\n\n";
      notes += "Your previous rewrite of this document was rejected: " + job->feedback +
               ". Rewrite the original document again and fix this.";
    }
    ChatRequest req;
    req.messages = BuildMessages(opt_.task, ch.core, notes);
    req.sampling["temperature"] = job->attempt == 0 ? opt_.temperature : opt_.retry_temperature;
    req.sampling["max_tokens"] =
        opt_.max_tokens > 0 ? opt_.max_tokens : static_cast<int>(ch.core.size() / 2 + 256);
    req.sampling["seed"] = opt_.seed + job->attempt;
    req.extra_body = opt_.extra_body;
    job->requests++;
    if (static_cast<int>(job->tried_at.size()) <= job->attempt)
      job->tried_at.resize(job->attempt + 1);
    job->tried_at[job->attempt]++;
    comp_.client->Submit(std::move(req), [this, ctx, job](StatusOr<ChatResponse> r) {
      OnReply(ctx, job, std::move(r));
    });
  }

  void OnReply(const std::shared_ptr<BatchContext>& ctx, RecordJob* job,
               StatusOr<ChatResponse> reply) const {
    Json entry = {{"chunk", job->chunk_i}, {"attempt", job->attempt + 1}};
    if (!reply.ok()) {
      entry["verdict"] = "error";
      entry["error"] = std::string(reply.status().message());
      job->attempts.push_back(std::move(entry));
      Fail(ctx, job, "llm_error");
      return;
    }
    job->tokens_in += reply->prompt_tokens;
    job->tokens_out += reply->completion_tokens;
    job->http_attempts += reply->attempts;
    if (reply->from_cache) job->cache_hits++;
    if (job->model.empty()) job->model = reply->model;
    entry["tokens_in"] = reply->prompt_tokens;
    entry["tokens_out"] = reply->completion_tokens;
    entry["cached"] = reply->from_cache;
    const Chunk& ch = job->chunks[job->chunk_i];
    std::optional<std::string> candidate;
    if (!reply->choices.empty()) candidate = ExtractRefined(reply->choices[0]);
    std::vector<std::string> failed;
    std::string feedback;
    Json checks = Json::object();
    if (!candidate) {
      failed.push_back("no_tags");
      feedback =
          "your answer had no complete <refined>...</refined> block; put the whole rewritten "
          "document between <refined> and </refined>";
    } else {
      for (size_t i = 0; i < comp_.criteria.size(); ++i) {
        Verdict v = comp_.criteria[i]->Check(ch.core, *candidate, *job->states[i]);
        checks[comp_.criteria[i]->name()] = v.detail;
        if (!v.pass) {
          failed.push_back(comp_.criteria[i]->name());
          feedback += (feedback.empty() ? "" : "; ") + v.feedback;
        }
      }
      entry["delta"] = NormalizedEditDistance(ch.core, *candidate);
    }
    entry["verdict"] = failed.empty() ? "pass" : "fail";
    if (!failed.empty()) entry["failed"] = failed;
    entry["checks"] = std::move(checks);
    job->attempts.push_back(std::move(entry));
    if (failed.empty()) {
      if (static_cast<int>(job->accepted_at.size()) <= job->attempt) {
        job->accepted_at.resize(job->attempt + 1);
      }
      job->accepted_at[job->attempt]++;
      if (comp_.detector) {
        for (size_t i = 0; i < comp_.criteria.size(); ++i) {
          if (auto* pii = dynamic_cast<const PiiLeakState*>(job->states[i].get())) {
            for (auto& h : InferReplacements(ch.core, *candidate, pii->spans)) {
              bool known = false;
              for (auto& k : job->hints) known = known || k.first == h.first;
              if (!known) job->hints.push_back(std::move(h));
            }
          }
        }
      }
      job->sft.emplace_back(std::string(ch.core), *candidate);
      job->output.append(ch.lead);
      job->output.append(*candidate);
      job->output.append(ch.trail);
      job->chunk_i++;
      Advance(ctx, job);
      return;
    }
    for (const std::string& f : failed) {
      job->retry_causes[f] = job->retry_causes.value(f, 0) + 1;
    }
    job->attempt++;
    if (job->attempt < opt_.max_attempts) {
      job->feedback = feedback;
      Submit(ctx, job);
      return;
    }
    std::string reason;
    for (size_t i = 0; i < failed.size(); ++i) reason += (i ? "+" : "") + failed[i];
    Fail(ctx, job, reason);
  }

  void Fail(const std::shared_ptr<BatchContext>& ctx, RecordJob* job, std::string reason) const {
    job->outcome = Outcome::kFallback;
    job->fallback_reason = std::move(reason);
    Release(ctx);
  }

  // The redact fallback: the detector's anonymization of the original (and toxic lexicon spans
  // masked when the toxicity scorer is loaded). False when there is nothing to redact with.
  bool Redact(const std::string& text, std::string& out) const {
    bool did = false;
    out = text;
    if (comp_.detector && comp_.anonymizer) {
      auto ds = comp_.detector->NewScratch();
      std::vector<PiiSpan> spans = comp_.detector->Detect(out, *ds);
      auto as = comp_.anonymizer->NewScratch();
      out = comp_.anonymizer->Apply(out, spans, *as, nullptr);
      did = true;
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
      did = true;
    }
    return did;
  }

  void Finalize(BatchContext& ctx) const {
    Batch& batch = *ctx.batch;
    Json& extra = batch.stats().extra;
    Json delta = Json::object();
    auto add = [&delta](const std::string& k, double v) { delta[k] = delta.value(k, 0.0) + v; };
    std::vector<double> accepted_at, tried_at;
    Json fallbacks = Json::object(), reasons = Json::object(), causes = Json::object();
    double delta_max = 0;
    const std::string& model = comp_.client->config().model;
    std::string sft_lines;
    for (auto& job : ctx.jobs) {
      if (!job) continue;
      Record& r = batch.records()[job->index];
      std::string status;
      bool flagged = false;
      std::string final_text = job->original;
      switch (job->outcome) {
        case Outcome::kKept:
        case Outcome::kPending:
          status = "kept";
          break;
        case Outcome::kChanged:
          status = "changed";
          final_text = job->output;
          break;
        case Outcome::kFallback: {
          fallbacks[FallbackName(opt_.fallback)] =
              fallbacks.value(FallbackName(opt_.fallback), 0) + 1;
          reasons[job->fallback_reason] = reasons.value(job->fallback_reason, 0) + 1;
          if (opt_.fallback == Fallback::kDrop) {
            status = "dropped";
          } else if (opt_.fallback == Fallback::kRedact && Redact(job->original, final_text)) {
            status = "fallback";
          } else {
            status = "fallback";
            flagged = true;
          }
          break;
        }
      }
      double d =
          final_text == job->original ? 0.0 : NormalizedEditDistance(job->original, final_text);
      if (status == "kept" && job->requests == 0) add("skipped_passing", 1);
      add(status, 1);
      add("requests", job->requests);
      add("cache_hits", job->cache_hits);
      add("http_attempts", job->http_attempts);
      add("tokens_in", static_cast<double>(job->tokens_in));
      add("tokens_out", static_cast<double>(job->tokens_out));
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
      for (auto& [k, v] : job->retry_causes.items()) causes[k] = causes.value(k, 0) + v.get<int>();

      Json info = {
          {"task", opt_.task.name},    {"template_version", opt_.task.version}, {"model", model},
          {"attempts", job->requests}, {"chunks", job->chunks.size()},          {"delta", d}};
      if (job->outcome == Outcome::kFallback) {
        info["fallback"] = FallbackName(opt_.fallback);
        info["fallback_reason"] = job->fallback_reason;
      }
      if (flagged) info["flagged"] = true;
      Json audit = {{"id", r.id()},
                    {"step", "rewrite"},
                    {"status", status},
                    {"task", opt_.task.name},
                    {"template_version", opt_.task.version},
                    {"model", model},
                    {"attempts", job->attempts},
                    {"delta", d},
                    {"tokens_in", job->tokens_in},
                    {"tokens_out", job->tokens_out},
                    {"cache_hits", job->cache_hits}};
      if (job->outcome == Outcome::kFallback) {
        audit["fallback"] = FallbackName(opt_.fallback);
        audit["fallback_reason"] = job->fallback_reason;
      }
      batch.Emit("audit", audit);
      r.refinery()["rewrite"] = std::move(info);
      r.refinery()["status"] = status;
      if (status == "dropped") {
        r.Drop();
      } else if (final_text != job->original) {
        r.set_text(std::move(final_text));
      }
      if (sft_file_ != nullptr && job->outcome == Outcome::kChanged) {
        for (const auto& [in, out] : job->sft) {
          Json line = {{"messages", Json::array()}};
          for (const ChatMessage& m : BuildMessages(opt_.task, in, "")) {
            line["messages"].push_back({{"role", m.role}, {"content", m.content}});
          }
          line["messages"].push_back(
              {{"role", "assistant"}, {"content", "<refined>\n" + out + "\n</refined>"}});
          line["template_version"] = opt_.task.version;
          sft_lines += line.dump(-1, ' ', false, Json::error_handler_t::replace);
          sft_lines += '\n';
        }
      }
    }
    if (!sft_lines.empty()) {
      std::lock_guard<std::mutex> lock(sft_mu_);
      std::fwrite(sft_lines.data(), 1, sft_lines.size(), sft_file_);
      std::fflush(sft_file_);
    }
    Json a = Json::array(), t = Json::array();
    for (double v : accepted_at) a.push_back(v);
    for (double v : tried_at) t.push_back(v);
    // Arrays add element-wise in MergeCounters: pad to a fixed length so they line up.
    while (a.size() < static_cast<size_t>(opt_.max_attempts)) a.push_back(0);
    while (t.size() < static_cast<size_t>(opt_.max_attempts)) t.push_back(0);
    delta["accepted_at_attempt"] = a;
    delta["tried_at_attempt"] = t;
    delta["delta_max"] = delta_max;
    delta["fallbacks"] = fallbacks;
    delta["fallback_reasons"] = reasons;
    delta["rewrite_retries_by_cause"] = causes;
    MergeCounters(extra, delta);
    auto done = std::move(ctx.done);
    done();
  }

  RewriteOptions opt_;
  RewriteComponents comp_;
  std::FILE* sft_file_ = nullptr;
  mutable std::mutex sft_mu_;
};

}  // namespace

StatusOr<std::unique_ptr<Step>> MakeRewriteStep(RewriteOptions options,
                                                RewriteComponents components) {
  if (!components.client) return absl::InvalidArgumentError("rewrite: no LLM client");
  if (options.max_attempts < 1) {
    return absl::InvalidArgumentError("rewrite: max_attempts must be at least 1");
  }
  auto step = std::make_unique<RewriteStep>(std::move(options), std::move(components));
  if (!step->sft_ok()) {
    return absl::InvalidArgumentError("rewrite: cannot open the export_sft file for appending");
  }
  return std::unique_ptr<Step>(std::move(step));
}

}  // namespace refinery::gdr
