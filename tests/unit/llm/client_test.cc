#include "refinery/llm/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "../../llm_server/test_server_process.h"
#include "llm_test_config.h"

namespace refinery {
namespace {

using refinery::testing::Config;
using refinery::testing::Doc;
using refinery::testing::NoCache;
using refinery::testing::TestServer;

TEST(LlmClient, ChatRoundTripCountsTokens) {
  TestServer server;
  ASSERT_GT(server.port(), 0);
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok()) << client.status();
  auto r = (*client)->Call(Doc("Mail bob.jones@corp.example.net today."));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->choices.size(), 1u);
  EXPECT_NE(r->choices[0].find("<refined>"), std::string::npos);
  EXPECT_EQ(r->choices[0].find("bob.jones@corp.example.net"), std::string::npos);
  EXPECT_GT(r->prompt_tokens, 0);
  EXPECT_GT(r->completion_tokens, 0);
  EXPECT_FALSE(r->from_cache);
  EXPECT_EQ(r->attempts, 1);
  LlmStats st = (*client)->stats();
  EXPECT_EQ(st.http_requests, 1u);
  EXPECT_EQ(st.prompt_tokens, static_cast<uint64_t>(r->prompt_tokens));
}

TEST(LlmClient, CompletionsEndpoint) {
  TestServer server;
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok());
  ChatRequest req;
  req.use_completions_endpoint = true;
  req.prompt = "<document>\ncall 415-555-2671\n</document>";
  auto r = (*client)->Call(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->choices[0].find("415-555-2671"), std::string::npos);
  EXPECT_EQ(server.Stats()["completions"], 1);
}

TEST(LlmClient, RetriesEachInjectedFaultThenSucceeds) {
  TestServer server({"--slow-ms", "4000", "--retry-after", "0"});
  LlmEndpointConfig cfg = Config(server);
  cfg.first_byte_timeout_s = 1.5;
  auto client = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(client.ok());
  for (const char* fault : {"429", "500", "drop", "malformed", "content_type", "slow", "no_tags"}) {
    std::string doc = std::string("hello [[srv:") + fault + "]] world";
    auto r = (*client)->Call(Doc(doc));
    ASSERT_TRUE(r.ok()) << fault << ": " << r.status();
    if (std::string(fault) == "no_tags") {
      EXPECT_EQ(r->attempts, 1) << "no_tags is a valid HTTP answer; the GDR loop judges it";
    } else {
      EXPECT_EQ(r->attempts, 2) << fault;
    }
  }
  LlmStats st = (*client)->stats();
  EXPECT_EQ(st.retries_429, 1u);
  EXPECT_EQ(st.retries_5xx, 1u);
  EXPECT_EQ(st.retries_connect, 1u);    // dropped mid-body
  EXPECT_EQ(st.retries_malformed, 2u);  // malformed JSON + wrong content type
  EXPECT_EQ(st.retries_timeout, 1u);    // slow first byte
  EXPECT_EQ(st.failed, 0u);
}

TEST(LlmClient, OtherClientErrorsAreNotRetriedAndNameTheServerMessage) {
  TestServer server;
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok());
  auto r = (*client)->Call(Doc("x [[srv:bad_request]]"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(r.status().message()).find("HTTP 400"), std::string::npos);
  EXPECT_NE(std::string(r.status().message()).find("field 'x' is not allowed"), std::string::npos);
  EXPECT_EQ(server.Requests(), 1u);
}

TEST(LlmClient, GivesUpAfterMaxRetries) {
  LlmEndpointConfig cfg;
  cfg.base_urls = {"http://127.0.0.1:1/v1"};  // nothing listens on port 1
  cfg.model = "m";
  cfg.max_retries = 2;
  cfg.backoff_initial_s = 0.01;
  cfg.backoff_max_s = 0.02;
  cfg.endpoint_rest_s = 0.01;
  auto client = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(client.ok());
  auto r = (*client)->Call(Doc("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(std::string(r.status().message()).find("after 3 attempts"), std::string::npos);
}

TEST(LlmClient, ManyInFlightUnderFaultsLoseAndDuplicateNothing) {
  TestServer server(
      {"--fault-rate", "0.2", "--seed", "7", "--slow-ms", "3000", "--retry-after", "0"});
  LlmEndpointConfig cfg = Config(server);
  cfg.max_in_flight_per_endpoint = 128;
  cfg.first_byte_timeout_s = 1.0;
  cfg.max_retries = 10;
  auto client = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(client.ok());
  const int kN = 600;
  std::mutex mu;
  std::condition_variable cv;
  int done = 0;
  std::vector<int> seen(kN, 0);
  std::atomic<int> errors{0};
  for (int i = 0; i < kN; ++i) {
    (*client)->Submit(
        Doc("record " + std::to_string(i) + " mail a" + std::to_string(i) + "@example.net"),
        [&, i](StatusOr<ChatResponse> r) {
          if (!r.ok()) errors++;
          std::lock_guard<std::mutex> lock(mu);
          seen[i]++;
          if (r.ok() &&
              r->choices[0].find("record " + std::to_string(i) + " ") == std::string::npos) {
            errors++;  // an answer given to the wrong request
          }
          done++;
          cv.notify_all();
        });
  }
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return done == kN; }));
  EXPECT_EQ(errors.load(), 0);
  for (int i = 0; i < kN; ++i) EXPECT_EQ(seen[i], 1) << i;
  LlmStats st = (*client)->stats();
  EXPECT_GT(st.retries, 50u);
  EXPECT_EQ(st.completed_ok, static_cast<uint64_t>(kN));
}

TEST(LlmClient, CacheAnswersRepeatsWithoutSendingAndHoldsNoKey) {
  TestServer server;
  setenv("REFINERY_TEST_LLM_KEY", "sk-test-SECRET-4242", 1);
  LlmEndpointConfig cfg = Config(server);
  cfg.api_key_env = "REFINERY_TEST_LLM_KEY";
  CacheOptions cache;
  cache.path = server.dir() + "/cache/llm.sqlite";
  {
    auto client = LlmClient::Create(cfg, cache);
    ASSERT_TRUE(client.ok()) << client.status();
    auto a = (*client)->Call(Doc("Call 212-555-0199 now."));
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->from_cache);
  }
  EXPECT_EQ(server.Requests(), 1u);
  {
    auto client = LlmClient::Create(cfg, cache);  // a new process would see the same
    ASSERT_TRUE(client.ok());
    auto b = (*client)->Call(Doc("Call 212-555-0199 now."));
    ASSERT_TRUE(b.ok());
    EXPECT_TRUE(b->from_cache);
    EXPECT_EQ((*client)->stats().cache_hits, 1u);
    ChatRequest other = Doc("Call 212-555-0199 now.");
    other.sampling["seed"] = 3;  // another request: another key
    auto c = (*client)->Call(other);
    ASSERT_TRUE(c.ok());
    EXPECT_FALSE(c->from_cache);
  }
  EXPECT_EQ(server.Requests(), 2u);
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream f(cache.path + suffix, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    EXPECT_EQ(ss.str().find("SECRET-4242"), std::string::npos) << suffix;
  }
  unsetenv("REFINERY_TEST_LLM_KEY");
}

TEST(LlmClient, MissingApiKeyVariableIsAConfigError) {
  LlmEndpointConfig cfg;
  cfg.base_urls = {"http://127.0.0.1:9/v1"};
  cfg.model = "m";
  cfg.api_key_env = "REFINERY_TEST_UNSET_VARIABLE";
  unsetenv("REFINERY_TEST_UNSET_VARIABLE");
  auto client = LlmClient::Create(cfg, NoCache());
  ASSERT_FALSE(client.ok());
  EXPECT_NE(std::string(client.status().message()).find("REFINERY_TEST_UNSET_VARIABLE"),
            std::string::npos);
}

TEST(LlmClient, FallsBackToSeparateRequestsWhenServerRefusesN) {
  TestServer server({"--refuse-n"});
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok());
  ChatRequest req = Doc("x 555-123-4567");
  req.sampling["n"] = 3;
  req.sampling["seed"] = 10;
  auto r = (*client)->Call(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->choices.size(), 3u);
  EXPECT_EQ((*client)->stats().n_fallbacks, 1u);
  auto st = server.Stats();
  EXPECT_EQ(st["behaviours"]["refuse_n"], 1);
  EXPECT_EQ(st["requests"], 4);
}

TEST(LlmClient, BalancesOverEndpointsAndRestsADeadOne) {
  TestServer a, b;
  LlmEndpointConfig cfg = Config(a);
  cfg.base_urls = {a.url(), b.url(), "http://127.0.0.1:1/v1"};
  cfg.endpoint_failure_threshold = 2;
  cfg.endpoint_rest_s = 30;
  cfg.max_retries = 8;
  auto client = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(client.ok());
  std::mutex mu;
  std::condition_variable cv;
  int done = 0, ok = 0;
  const int kN = 200;
  for (int i = 0; i < kN; ++i) {
    (*client)->Submit(Doc("doc " + std::to_string(i)), [&](StatusOr<ChatResponse> r) {
      std::lock_guard<std::mutex> lock(mu);
      done++;
      ok += r.ok();
      cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return done == kN; }));
  EXPECT_EQ(ok, kN);
  uint64_t ra = a.Requests(), rb = b.Requests();
  EXPECT_EQ(ra + rb, static_cast<uint64_t>(kN));
  EXPECT_GT(ra, 20u);
  EXPECT_GT(rb, 20u);
  // The dead endpoint got at most a few attempts before it was rested.
  EXPECT_LE((*client)->stats().retries_connect, 4u);
}

}  // namespace
}  // namespace refinery

namespace refinery {
namespace {

// Two clients (as two processes would) write one cache file at once; a third reads it all.
TEST(LlmClient, CacheIsSharedSafelyByConcurrentWriters) {
  TestServer server;
  CacheOptions cache;
  cache.path = server.dir() + "/shared.sqlite";
  auto run = [&](int from, int to, bool expect_cached) {
    auto client = LlmClient::Create(Config(server), cache);
    EXPECT_TRUE(client.ok()) << client.status();
    std::mutex mu;
    std::condition_variable cv;
    int done = 0, cached = 0, ok = 0;
    for (int i = from; i < to; ++i) {
      (*client)->Submit(Doc("shared " + std::to_string(i)), [&](StatusOr<ChatResponse> r) {
        std::lock_guard<std::mutex> lock(mu);
        ok += r.ok();
        cached += r.ok() && r->from_cache;
        done++;
        cv.notify_all();
      });
    }
    std::unique_lock<std::mutex> lock(mu);
    EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return done == to - from; }));
    EXPECT_EQ(ok, to - from);
    EXPECT_EQ(cached, expect_cached ? to - from : 0);
  };
  std::thread a([&] { run(0, 300, false); });
  std::thread b([&] { run(300, 600, false); });
  a.join();
  b.join();
  uint64_t sent = server.Requests();
  EXPECT_EQ(sent, 600u);
  run(0, 600, true);
  EXPECT_EQ(server.Requests(), sent);
}

}  // namespace
}  // namespace refinery

namespace refinery {
namespace {

TEST(LlmClient, OldLlamaServerRefusingNWithA500IsSplitToo) {
  TestServer server({"--refuse-n-500"});
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok());
  ChatRequest req = Doc("x 555-123-4567");
  req.sampling["n"] = 2;
  auto r = (*client)->Call(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->choices.size(), 2u);
  EXPECT_EQ(server.Stats()["behaviours"]["refuse_n_500"], 1);
}

TEST(LlmClient, SwitchesToMaxCompletionTokensWhenTheModelAsks) {
  TestServer server({"--require-max-completion-tokens"});
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok());
  for (int i = 0; i < 3; ++i) {
    ChatRequest req = Doc("doc " + std::to_string(i));
    req.sampling["max_tokens"] = 500;
    auto r = (*client)->Call(req);
    ASSERT_TRUE(r.ok()) << r.status();
  }
  // One refusal, then every request (the retried one and the later ones) renamed.
  EXPECT_EQ(server.Stats()["behaviours"]["unsupported_parameter"], 1);
  EXPECT_EQ(server.Requests(), 4u);
}

TEST(LlmClient, ExhaustedQuotaFailsAtOnceWithoutRetries) {
  TestServer server({"--quota-exhausted"});
  auto client = LlmClient::Create(Config(server), NoCache());
  ASSERT_TRUE(client.ok());
  auto r = (*client)->Call(Doc("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(r.status().message()).find("quota"), std::string::npos);
  EXPECT_EQ(server.Requests(), 1u);
}

TEST(LlmClient, ProbeChecksRouteAndModelAndReadsTheContext) {
  TestServer vllm({"--flavor", "vllm", "--n-ctx", "4096"});
  auto c = LlmClient::Create(Config(vllm), NoCache());
  ASSERT_TRUE(c.ok());
  auto info = (*c)->Probe();
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->context_tokens, 4096);
  EXPECT_EQ(info->kind, "vllm");

  LlmEndpointConfig wrong = Config(vllm);
  wrong.model = "no-such-model";
  auto w = LlmClient::Create(wrong, NoCache());
  ASSERT_TRUE(w.ok());
  auto wi = (*w)->Probe();
  ASSERT_FALSE(wi.ok());
  EXPECT_EQ(wi.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(wi.status().message()).find("test-model"), std::string::npos);

  LlmEndpointConfig pasted = Config(vllm);
  pasted.base_urls = {vllm.url() + "/chat/completions"};
  auto p = LlmClient::Create(pasted, NoCache());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE((*p)->Probe().ok());
  EXPECT_EQ(vllm.Requests(), 0u) << "probes send no completion request";

  TestServer llama({"--flavor", "llama-server", "--n-ctx", "2048", "--models", "/m/q.gguf"});
  LlmEndpointConfig any = Config(llama);
  any.model = "whatever";  // llama-server serves what it loaded under any name
  auto l = LlmClient::Create(any, NoCache());
  ASSERT_TRUE(l.ok());
  auto li = (*l)->Probe();
  ASSERT_TRUE(li.ok()) << li.status();
  EXPECT_EQ(li->context_tokens, 2048);
  EXPECT_EQ(li->kind, "llama-server");

  LlmEndpointConfig dead;
  dead.base_urls = {"http://127.0.0.1:1/v1"};
  dead.model = "m";
  auto d = LlmClient::Create(dead, NoCache());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->Probe(2).status().code(), absl::StatusCode::kUnavailable);
}

TEST(LlmClient, DeferredRepliesAreCachedOnlyWhenRememberedAndNeverWhenCut) {
  TestServer server;
  LlmEndpointConfig cfg = Config(server);
  CacheOptions cache;
  cache.path = server.dir() + "/cache.sqlite";
  {
    auto client = LlmClient::Create(cfg, cache);
    ASSERT_TRUE(client.ok());
    ChatRequest a = Doc("accepted reply");
    a.defer_cache_write = true;
    auto ra = (*client)->Call(a);
    ASSERT_TRUE(ra.ok());
    EXPECT_FALSE(ra->cache_key.empty());
    (*client)->Remember(*ra);
    ChatRequest b = Doc("rejected reply");
    b.defer_cache_write = true;
    ASSERT_TRUE((*client)->Call(b).ok());  // never remembered
    ChatRequest c = Doc("a reply cut by max_tokens because it is long enough to be cut");
    c.sampling["max_tokens"] = 3;
    auto rc = (*client)->Call(c);
    ASSERT_TRUE(rc.ok());
    EXPECT_EQ(rc->finish_reasons[0], "length");
  }
  auto client = LlmClient::Create(cfg, cache);
  ASSERT_TRUE(client.ok());
  uint64_t before = server.Requests();
  ChatRequest a = Doc("accepted reply");
  a.defer_cache_write = true;
  EXPECT_TRUE((*client)->Call(a)->from_cache);
  ChatRequest b = Doc("rejected reply");
  b.defer_cache_write = true;
  EXPECT_FALSE((*client)->Call(b)->from_cache);
  ChatRequest c = Doc("a reply cut by max_tokens because it is long enough to be cut");
  c.sampling["max_tokens"] = 3;
  EXPECT_FALSE((*client)->Call(c)->from_cache);
  EXPECT_EQ(server.Requests(), before + 2);
}

TEST(LlmClient, HonoursRetryAfterMs) {
  // Retry-After says 30 s (the cap is 0.05 s here); retry-after-ms says 0: the finer one wins,
  // and every attempt is counted.
  TestServer server({"--retry-after", "30", "--retry-after-ms", "0"});
  LlmEndpointConfig cfg = Config(server);
  cfg.backoff_max_s = 60;
  auto client = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(client.ok());
  auto r = (*client)->Call(Doc("x [[srv:429]]"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ((*client)->stats().http_requests, 2u);
}

}  // namespace
}  // namespace refinery
