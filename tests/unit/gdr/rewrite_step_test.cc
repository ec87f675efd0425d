#include "refinery/gdr/rewrite_step.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>

#include "../../llm_server/test_server_process.h"
#include "../llm/llm_test_config.h"
#include "refinery/gdr/kept_text.h"

namespace refinery::gdr {
namespace {

using refinery::testing::TestServer;

// A stand-in PII verifier: every whitespace-separated token holding '@' is a value that must
// not survive.
class FakeEmailCriterion : public Criterion {
 public:
  std::string name() const override { return "pii"; }
  std::unique_ptr<CriterionState> Prepare(std::string_view original) const override {
    auto st = std::make_unique<PiiLeakState>();
    std::istringstream in{std::string(original)};
    std::string tok;
    while (in >> tok) {
      while (!tok.empty() && (tok.back() == '.' || tok.back() == ',')) tok.pop_back();
      if (tok.find('@') != std::string::npos) {
        st->values.push_back(tok);
        st->types.push_back("EMAIL_ADDRESS");
      }
    }
    st->original_passes = st->values.empty();
    return st;
  }
  Verdict Check(std::string_view, std::string_view candidate,
                const CriterionState& base) const override {
    const auto& st = static_cast<const PiiLeakState&>(base);
    Verdict v;
    for (const auto& value : st.values) {
      if (candidate.find(value) != std::string_view::npos) {
        v.pass = false;
        v.feedback = "an EMAIL_ADDRESS from the original is still present";
      }
    }
    return v;
  }
};

struct Result {
  std::vector<std::string> texts, statuses;
  std::vector<Json> audit, sft;
  Json extra;  // the step's counters as the summary shows them
  Counters counters;
  std::vector<bool> dropped;
};

class RewriteStepTest : public ::testing::Test {
 protected:
  std::unique_ptr<Step> Make(const TestServer& server, RewriteOptions opt = {},
                             bool with_detector = false) {
    LlmEndpointConfig cfg = refinery::testing::Config(server);
    cfg.first_byte_timeout_s = 1.0;
    cfg.total_timeout_s = LlmEndpointConfig().total_timeout_s;
    cfg.max_retries = 10;
    CacheOptions cache;
    cache.path = server.dir() + "/cache.sqlite";
    auto client = LlmClient::Create(cfg, cache);
    EXPECT_TRUE(client.ok()) << client.status();
    client_ = *client;
    if (opt.task.version.empty()) opt.task = *LoadRewriteTask("anonymize");
    RewriteComponents comp;
    comp.client = client_;
    if (with_detector) {  // as the `rewrite` step builds it for --task anonymize
      auto d = PiiDetector::Create(PiiDetectorOptions{});
      EXPECT_TRUE(d.ok());
      comp.detector = *d;
      comp.criteria.push_back(MakePiiCriterion(*d));
      comp.criteria.push_back(MakeKeptTextCriterion(*d));
      AnonymizerOptions sopt;
      sopt.default_operator = AnonymizeOperator::kSurrogate;
      comp.surrogates = *Anonymizer::Create(sopt);
    } else {
      comp.criteria.push_back(std::make_shared<FakeEmailCriterion>());
      comp.criteria.push_back(MakeLengthRatioCriterion(0.5, 2.0));
      comp.criteria.push_back(MakeDistanceCriterion(0.6));
    }
    auto step = MakeRewriteStep(opt, comp);
    EXPECT_TRUE(step.ok()) << step.status();
    return std::move(*step);
  }

  // The step's run state (one per step, as the engine keeps it) and a worker's view of it.
  StepGlobalState* Global(const Step& step) {
    auto& st = states_[&step];
    if (!st.first) {
      st.first = step.NewGlobalState();
      st.second = step.NewLocalState(st.first.get());
    }
    return st.first.get();
  }
  StepState* Local(const Step& step) {
    Global(step);
    return states_[&step].second.get();
  }

  Result Run(const Step& step, const std::vector<std::string>& texts) {
    Batch batch;
    batch.Reset(0, 0, 1);
    for (const auto& t : texts) {
      batch.records().emplace_back();
      batch.records().back().set_text(t);
    }
    // Held by the callback, not the stack: a second done() (the bug checked in TearDown) must
    // not touch a dead frame.
    auto sync = std::make_shared<DoneCount>();
    done_counts_.push_back(sync);
    step.ProcessAsync(batch, Local(step), [sync] {
      std::lock_guard<std::mutex> lock(sync->mu);
      sync->calls++;
      sync->cv.notify_all();
    });
    {
      std::unique_lock<std::mutex> lock(sync->mu);
      EXPECT_TRUE(
          sync->cv.wait_for(lock, std::chrono::seconds(60), [&] { return sync->calls > 0; }));
    }
    Result r;
    for (Record& rec : batch.records()) {
      r.texts.emplace_back(rec.text());
      // The outcome the step reports; the engine writes it as refinery.status.
      r.statuses.emplace_back(rec.outcome());
      r.dropped.push_back(rec.dropped());
    }
    std::istringstream audit(batch.side_outputs()["audit"]);
    std::string line;
    while (std::getline(audit, line)) r.audit.push_back(Json::parse(line));
    std::istringstream sft(batch.side_outputs()["sft"]);
    while (std::getline(sft, line)) r.sft.push_back(Json::parse(line));
    r.counters = batch.stats().counters;
    r.extra = r.counters.ToJson();
    return r;
  }

  // Once every step and client of the test is gone (their event loops joined, so no callback
  // can still come), each batch saw done() exactly once: deterministic, no sleep.
  void TearDown() override {
    client_.reset();
    for (const auto& d : done_counts_) EXPECT_EQ(d->calls, 1) << "done() must be called once";
  }

  struct DoneCount {
    std::mutex mu;
    std::condition_variable cv;
    int calls = 0;
  };
  std::vector<std::shared_ptr<DoneCount>> done_counts_;
  std::shared_ptr<LlmClient> client_;
  std::map<const Step*, std::pair<std::unique_ptr<StepGlobalState>, std::unique_ptr<StepState>>>
      states_;
};

TEST_F(RewriteStepTest, RewritesVerifiesAndAuditsEveryRecordOnce) {
  TestServer server;
  auto step = Make(server);
  auto r = Run(*step, {"Mail anna.k@mailhost.com about it.", "Nothing personal here at all.",
                       "Ping z.wu@corp.example.net or x.y@q.org today."});
  EXPECT_EQ(r.statuses, (std::vector<std::string>{"changed", "kept", "changed"}));
  EXPECT_EQ(r.texts[0].find("anna.k@mailhost.com"), std::string::npos);
  EXPECT_NE(r.texts[0].find("@example.org"), std::string::npos);
  EXPECT_EQ(r.texts[1], "Nothing personal here at all.");
  ASSERT_EQ(r.audit.size(), 3u);
  EXPECT_EQ(r.audit[0]["template_version"], "anonymize-v2");
  EXPECT_EQ(r.audit[0]["attempts"].size(), 1u);
  EXPECT_EQ(r.audit[0]["attempts"][0]["verdict"], "pass");
  EXPECT_EQ(r.audit[1]["attempts"].size(), 1u) << "the model sees every record by default";
  EXPECT_EQ(server.Requests(), 3u);
  EXPECT_EQ(r.extra["changed"], 2);
  EXPECT_FALSE(r.extra.contains("skipped_passing"));
  EXPECT_GT(r.extra["tokens_in"].get<double>(), 0);
  for (const auto& a : r.audit) EXPECT_EQ(a.dump().find("anna.k@"), std::string::npos);
}

// A part marker keeps the step's figures in their typed form; combined again after --resume
// they must equal what the uninterrupted run counts, each by its kind: real sums stay real,
// per-attempt figures add element-wise, per-key objects merge, delta_max keeps the maximum.
TEST_F(RewriteStepTest, CountersSurviveThePartMarkerRoundTrip) {
  TestServer server;
  RewriteOptions opt;
  opt.fallback = Fallback::kKeepFlagged;
  opt.max_attempts = 2;
  auto step = Make(server, opt);
  Result a = Run(*step, {"[[srv:leak]] mail first@mailhost.com", "Nothing personal here at all."});
  Result b = Run(*step, {"[[srv:always_leak]] stuck2@mailhost.com here", "Mail two@mailhost.com"});
  Counters direct = a.counters;
  direct.Combine(b.counters);
  Counters resumed = Counters::FromTypedJson(a.counters.ToTypedJson());
  resumed.Combine(Counters::FromTypedJson(b.counters.ToTypedJson()));
  const Json j = direct.ToJson();
  EXPECT_EQ(resumed.ToJson().dump(), j.dump());
  // Both batches fell back (the always-leaking record): the per-key counts add up.
  EXPECT_EQ(j["fallbacks"]["keep_flagged"], a.extra["fallbacks"].value("keep_flagged", 0) +
                                                b.extra["fallbacks"].value("keep_flagged", 0));
  EXPECT_TRUE(j["fallbacks"]["keep_flagged"].is_number_unsigned());
  EXPECT_TRUE(j["fallback"].is_number_float());  // counted as a real: written 2.0, not 2
  // Every request sent is one try at some attempt number; max_attempts numbers are listed.
  ASSERT_EQ(j["tried_at_attempt"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["tried_at_attempt"][0].get<double>() + j["tried_at_attempt"][1].get<double>(),
                   j["requests"].get<double>());
  EXPECT_GT(j["tried_at_attempt"][1].get<double>(), 0) << j.dump();
  EXPECT_GE(j["delta_max"].get<double>(), a.extra["delta_max"].get<double>());
  EXPECT_GE(j["delta_max"].get<double>(), b.extra["delta_max"].get<double>());
}

TEST_F(RewriteStepTest, LeakIsCaughtAndRetriedWithFeedback) {
  TestServer server;
  auto step = Make(server);
  auto r = Run(*step, {"[[srv:leak]] reach me at leaky@mailhost.com please"});
  EXPECT_EQ(r.statuses[0], "changed");
  EXPECT_EQ(r.texts[0].find("leaky@mailhost.com"), std::string::npos);
  ASSERT_EQ(r.audit[0]["attempts"].size(), 2u);
  EXPECT_EQ(r.audit[0]["attempts"][0]["verdict"], "fail");
  EXPECT_EQ(r.audit[0]["attempts"][0]["failed"][0], "pii");
  EXPECT_EQ(r.audit[0]["attempts"][1]["verdict"], "pass");
  EXPECT_EQ(r.extra["rewrite_retries_by_cause"]["pii"], 1);
  EXPECT_EQ(r.extra["accepted_at_attempt"][1], 1);
}

TEST_F(RewriteStepTest, MissingTagsAreRetried) {
  TestServer server;
  auto step = Make(server);
  auto r = Run(*step, {"[[srv:no_tags]] write to tagless@mailhost.com"});
  EXPECT_EQ(r.statuses[0], "changed");
  ASSERT_EQ(r.audit[0]["attempts"].size(), 2u);
  EXPECT_EQ(r.audit[0]["attempts"][0]["failed"][0], "no_tags");
}

TEST_F(RewriteStepTest, FallbacksAfterMaxAttempts) {
  TestServer server;
  const std::string doc = "[[srv:always_leak]] stuck@mailhost.com here";
  {
    RewriteOptions opt;
    opt.fallback = Fallback::kDrop;
    opt.max_attempts = 2;
    auto r = Run(*Make(server, opt), {doc});
    EXPECT_EQ(r.statuses[0], "dropped");
    EXPECT_TRUE(r.dropped[0]);
    EXPECT_EQ(r.audit[0]["attempts"].size(), 2u);
    EXPECT_EQ(r.audit[0]["fallback_reason"], "pii");
    EXPECT_EQ(r.extra["fallbacks"]["drop"], 1);
  }
  {
    RewriteOptions opt;
    opt.fallback = Fallback::kKeepFlagged;
    opt.max_attempts = 3;
    opt.seed = 100;  // other seeds: other requests (not cached answers)
    auto r = Run(*Make(server, opt), {doc});
    EXPECT_EQ(r.statuses[0], "fallback");
    EXPECT_EQ(r.texts[0], doc);
    EXPECT_EQ(r.extra["fallback"], 1);
    EXPECT_EQ(r.extra["fallbacks"]["keep_flagged"], 1);
    EXPECT_EQ(r.audit[0]["attempts"].size(), 3u);
  }
}

TEST_F(RewriteStepTest, InjectedFaultsLoseAndDuplicateNothingAndRerunIsCached) {
  TestServer server(
      {"--fault-rate", "0.2", "--seed", "11", "--slow-ms", "3000", "--retry-after", "0"});
  std::vector<std::string> docs;
  for (int i = 0; i < 150; ++i) {
    docs.push_back("record " + std::to_string(i) + ": mail user" + std::to_string(i) +
                   "@mailhost.com now");
  }
  auto step = Make(server);
  auto r = Run(*step, docs);
  ASSERT_EQ(r.audit.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(r.statuses[i], "changed") << i;
    EXPECT_NE(r.texts[i].find("record " + std::to_string(i) + ":"), std::string::npos) << i;
    EXPECT_EQ(r.texts[i].find("@mailhost.com"), std::string::npos) << i;
  }
  EXPECT_GT(client_->stats().retries, 0u);
  uint64_t sent = server.Requests();
  auto again = Run(*Make(server), docs);  // a new client on the same cache
  EXPECT_EQ(server.Requests(), sent) << "a rerun must be answered from the cache";
  EXPECT_EQ(again.texts, r.texts);
  EXPECT_EQ(again.extra["cache_hits"], 150);
}

TEST_F(RewriteStepTest, LongDocumentsKeepSurrogatesConsistentAcrossChunks) {
  TestServer server;
  RewriteOptions opt;
  opt.chunk_tokens = 16;  // 64-byte chunks
  auto step = Make(server, opt, /*with_detector=*/true);
  std::string doc =
      "First paragraph: write to alice.m@mailhost.com today.\n\n"
      "Second: cc bob.t@mailhost.com and alice.m@mailhost.com again.";
  auto r = Run(*step, {doc});
  ASSERT_EQ(r.statuses[0], "changed") << r.audit[0].dump();
  EXPECT_GE(r.audit[0]["attempts"].size(), 2u);
  const std::string& out = r.texts[0];
  EXPECT_EQ(out.find("alice.m@"), std::string::npos);
  EXPECT_NE(out.find("\n\n"), std::string::npos) << "the paragraph break is kept";
  // alice's surrogate in the first chunk is reused in the second.
  size_t p = out.find("write to ") + 9;
  std::string fake = out.substr(p, out.find(' ', p) - p);
  EXPECT_NE(out.find(fake + " again"), std::string::npos) << out;
}

// The pairs go out on the batch's "sft" channel, committed with its part like the records.
TEST_F(RewriteStepTest, ExportsSftPairsOnTheBatchChannel) {
  TestServer server;
  RewriteOptions opt;
  opt.export_sft = true;
  auto step = Make(server, opt);
  auto r = Run(*step, {"Please send the quarterly report to sft@mailhost.com before Friday.",
                       "no pii here"});
  ASSERT_EQ(r.sft.size(), 1u);
  const Json& j = r.sft[0];
  EXPECT_EQ(j["messages"].back()["role"], "assistant");
  EXPECT_EQ(j["messages"].back()["content"].get<std::string>().find("sft@mailhost.com"),
            std::string::npos);
}

TEST_F(RewriteStepTest, SkipPassingIsAnExplicitTrade) {
  TestServer server;
  RewriteOptions opt;
  opt.skip_passing = true;
  auto r = Run(*Make(server, opt), {"Nothing personal here at all.",
                                    "Please mail the report to q@mailhost.com by Friday."});
  EXPECT_EQ(r.audit[0]["attempts"].size(), 0u);
  EXPECT_EQ(r.extra["skipped_passing"], 1);
  EXPECT_EQ(server.Requests(), 1u) << r.audit[1].dump();
}

TEST_F(RewriteStepTest, SurvivingOriginalValuesAreRepairedNotRetried) {
  TestServer server;
  auto step = Make(server, {}, /*with_detector=*/true);
  auto r = Run(*step, {"[[srv:always_leak]] Please write to stuck.person@mailhost.com today."});
  EXPECT_EQ(r.statuses[0], "changed") << r.audit[0].dump();
  EXPECT_EQ(r.texts[0].find("stuck.person@mailhost.com"), std::string::npos) << r.texts[0];
  EXPECT_NE(r.texts[0].find("Please write to "), std::string::npos);
  ASSERT_EQ(r.audit[0]["attempts"].size(), 1u);
  EXPECT_EQ(r.audit[0]["attempts"][0]["verdict"], "repaired");
  EXPECT_EQ(r.audit[0]["repaired"], true);
  EXPECT_EQ(server.Requests(), 1u);
  EXPECT_EQ(r.extra["repaired_records"], 1);
  // The cache holds the repaired text (verified), never the reply with the original value.
  auto again = Run(*Make(server, {}, true),
                   {"[[srv:always_leak]] Please write to stuck.person@mailhost.com today."});
  EXPECT_EQ(server.Requests(), 1u);
  EXPECT_EQ(again.texts, r.texts);
  std::ifstream cache(server.dir() + "/cache.sqlite", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(cache)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("stuck.person@mailhost.com"), std::string::npos);
}

// The detectors' values reach the model as "Values to replace" hints. The scripted model
// replaces a lone surname only when it is hinted, so with hints its own answer passes; with
// `hints: false` the name survives in its answer and only the repair removes it.
TEST_F(RewriteStepTest, DetectorValuesReachTheModelAsHints) {
  const std::string doc = "Dear Okonkwo, your parcel is waiting at the depot.";
  TestServer server;
  auto hinted = Run(*Make(server, {}, /*with_detector=*/true), {doc});
  EXPECT_EQ(hinted.statuses[0], "changed") << hinted.audit[0].dump();
  EXPECT_EQ(hinted.texts[0].find("Okonkwo"), std::string::npos) << hinted.texts[0];
  ASSERT_EQ(hinted.audit[0]["attempts"].size(), 1u);
  EXPECT_EQ(hinted.audit[0]["attempts"][0]["verdict"], "pass") << hinted.audit[0].dump();

  TestServer plain_server;
  RewriteOptions no_hints;
  no_hints.hints = false;
  auto plain = Run(*Make(plain_server, no_hints, /*with_detector=*/true), {doc});
  EXPECT_EQ(plain.statuses[0], "changed") << plain.audit[0].dump();
  EXPECT_EQ(plain.texts[0].find("Okonkwo"), std::string::npos) << plain.texts[0];
  ASSERT_EQ(plain.audit[0]["attempts"].size(), 1u);
  EXPECT_EQ(plain.audit[0]["attempts"][0]["verdict"], "repaired") << plain.audit[0].dump();
}

TEST_F(RewriteStepTest, LossyAnswersAreNeverAcceptedAndFallBackToSurrogates) {
  TestServer server;
  auto step = Make(server, {}, /*with_detector=*/true);
  const std::string tail =
      " First we met at the office and wrote to ann.lee@mailhost.com about it. Then the "
      "committee discussed the budget for the next quarter at length. Finally everyone agreed "
      "to meet again on Monday to settle the remaining questions.";
  auto r = Run(*step, {"[[srv:lossy]]" + tail, "[[srv:answer]]" + tail});
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(r.statuses[i], "fallback") << r.audit[i].dump();
    EXPECT_EQ(r.audit[i]["fallback_reason"], "lost_text");
    EXPECT_EQ(r.audit[i]["fallback"], "surrogate");
    EXPECT_EQ(r.texts[i].find("ann.lee@mailhost.com"), std::string::npos);
    EXPECT_NE(r.texts[i].find("Finally everyone agreed"), std::string::npos);
    EXPECT_EQ(r.texts[i].find("<EMAIL"), std::string::npos) << "surrogates, not placeholders";
  }
  Json extra = r.extra;
  step->FinishSummary(extra, Global(*step));
  EXPECT_TRUE(extra.contains("run_failed")) << "2 of 2 records fell back";
}

TEST_F(RewriteStepTest, ThinkingDraftsAreNeverTheCandidate) {
  TestServer server({"--think"});
  auto r = Run(*Make(server, {}, true), {"Write to think.er@mailhost.com before noon."});
  EXPECT_EQ(r.statuses[0], "changed") << r.audit[0].dump();
  EXPECT_EQ(r.audit[0]["attempts"][0]["verdict"], "pass") << "the answer, not the draft";
  EXPECT_EQ(r.texts[0].find("think.er@"), std::string::npos);
  EXPECT_EQ(r.texts[0].find("think>"), std::string::npos);
}

TEST_F(RewriteStepTest, NullContentAndCutRepliesAreModelOutcomesRetriedWithMoreTokens) {
  // vLLM with a reasoning parser: max_tokens runs out inside the reasoning, content is null.
  TestServer server({"--reasoning-parser"});
  RewriteOptions opt;
  opt.max_tokens = 40;
  opt.max_attempts = 4;
  auto r = Run(*Make(server, opt, true), {"Write to null.case@mailhost.com before noon."});
  EXPECT_EQ(r.statuses[0], "changed") << r.audit[0].dump();
  EXPECT_EQ(r.audit[0]["attempts"][0]["failed"][0], "cut");
  EXPECT_EQ(r.audit[0]["attempts"][0]["finish_reason"], "length");
  EXPECT_EQ(client_->stats().retries, 0u) << "no transport retry for a model outcome";
  EXPECT_EQ(r.texts[0].find("null.case@"), std::string::npos);
}

TEST_F(RewriteStepTest, ContextLengthErrorsSplitTheChunkAndOnlyTheFailedPartFallsBack) {
  TestServer server({"--flavor", "vllm", "--n-ctx", "1600"});
  std::string doc;
  for (int i = 0; i < 12; ++i) {
    doc += "Paragraph " + std::to_string(i) + " says that person" + std::to_string(i) +
           "@mailhost.com sent the quarterly figures to the board after the meeting.\n\n";
  }
  auto r = Run(*Make(server, {}, true), {doc});
  EXPECT_EQ(r.statuses[0], "changed") << r.audit[0].dump();
  EXPECT_GT(r.extra["rechunks"].get<double>(), 0);
  EXPECT_EQ(r.texts[0].find("@mailhost.com"), std::string::npos);
  EXPECT_NE(r.texts[0].find("Paragraph 11 says"), std::string::npos);
}

TEST_F(RewriteStepTest, AFatalServerErrorStopsTheStepAndRejectsRecords) {
  TestServer server({"--quota-exhausted"});
  auto step = Make(server, {}, true);
  std::vector<std::string> docs(20, "Mail someone@mailhost.com now.");
  auto r = Run(*step, docs);
  EXPECT_LE(server.Requests(), 20u);
  EXPECT_EQ(r.audit.size(), 0u) << "stopped records are rejects, not fallbacks";
  Json extra = r.extra;
  step->FinishSummary(extra, Global(*step));
  ASSERT_TRUE(extra.contains("run_failed"));
  EXPECT_NE(extra["run_failed"].get<std::string>().find("quota"), std::string::npos);
}

}  // namespace
}  // namespace refinery::gdr
