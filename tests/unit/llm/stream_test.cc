// Streamed replies (LlmEndpointConfig::stream) against the test server in each --flavor's
// shapes: usage from the last chunk, the stop marker put back, the first-byte timeout as time
// to first token, a runaway cut at the byte cap (and its connection freed), reasoning deltas,
// and an error event in the middle of a stream.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "../../llm_server/test_server_process.h"
#include "llm_test_config.h"
#include "refinery/llm/client.h"

namespace refinery {
namespace {

using refinery::testing::NoCache;
using refinery::testing::TestServer;

LlmEndpointConfig Config(const TestServer& s, bool stream) {
  LlmEndpointConfig c = refinery::testing::Config(s);
  c.total_timeout_s = 60;
  c.stream = stream;
  return c;
}

ChatRequest Doc(const std::string& text) {
  ChatRequest r = refinery::testing::Doc(text);
  r.stop_marker = "</refined>";
  return r;
}

const char* kText =
    "Please write to Maria Keller at maria.keller@corp.example.net or call 415-555-2671 "
    "before Friday; the invoice is attached.";

TEST(LlmStream, EveryFlavorGivesTheUnstreamedTextAndUsage) {
  for (const char* flavor : {"vllm", "llama-server", "ollama", "openai"}) {
    SCOPED_TRACE(flavor);
    TestServer server({"--flavor", flavor});
    ASSERT_GT(server.port(), 0);
    auto plain = LlmClient::Create(Config(server, false), NoCache());
    auto streamed = LlmClient::Create(Config(server, true), NoCache());
    ASSERT_TRUE(plain.ok() && streamed.ok());
    auto a = (*plain)->Call(Doc(kText));
    auto b = (*streamed)->Call(Doc(kText));
    ASSERT_TRUE(a.ok()) << a.status();
    ASSERT_TRUE(b.ok()) << b.status();
    // The server stopped at `stop` and left "</refined>" out; the client put it back, so the
    // text equals the unstreamed reply's.
    EXPECT_EQ(b->choices, a->choices);
    EXPECT_EQ(b->finish_reasons, std::vector<std::string>{"stop"});
    EXPECT_EQ(b->prompt_tokens, a->prompt_tokens);
    EXPECT_GT(b->completion_tokens, 0);
    EXPECT_FALSE(b->usage_estimated);
    LlmStats st = (*streamed)->stats();
    EXPECT_EQ(st.streamed, 1u);
    EXPECT_EQ(st.stopped_early, 0u);
    EXPECT_EQ(server.Stats()["streams"], 1);
  }
}

TEST(LlmStream, ASlowGenerationThatStreamsIsNotCutByTheFirstByteTimeout) {
  // About 40 events 25 ms apart: a generation of ~1 s, twice the first-byte timeout.
  TestServer server({"--token-latency-ms", "25"});
  LlmEndpointConfig cfg = Config(server, true);
  cfg.first_byte_timeout_s = 0.5;
  cfg.max_retries = 0;
  auto streamed = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(streamed.ok());
  auto r = (*streamed)->Call(Doc(kText));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->attempts, 1);
  EXPECT_NE(r->choices[0].find("</refined>"), std::string::npos);
  EXPECT_EQ((*streamed)->stats().retries_timeout, 0u);

  // The same generation unstreamed sends nothing until it is done: the timeout ends it.
  cfg.stream = false;
  auto plain = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(plain.ok());
  auto p = (*plain)->Call(Doc(kText));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(std::string(p.status().message()).find("first-byte timeout"), std::string::npos);
}

TEST(LlmStream, ARunawayGenerationIsCutAtTheByteCapAndItsConnectionFreed) {
  TestServer server({"--token-latency-ms", "1"});
  auto client = LlmClient::Create(Config(server, true), NoCache());
  ASSERT_TRUE(client.ok());
  std::string doc = std::string(kText) + " [[srv:runaway]]";
  ChatRequest req = Doc(doc);
  req.sampling["max_tokens"] = 20000;  // the server would go on for 80 KB
  req.max_output_bytes = doc.size() * 3 / 2;
  auto r = (*client)->Call(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->finish_reasons, std::vector<std::string>{"output_cap"});
  EXPECT_EQ(r->choices[0].size(), req.max_output_bytes);
  EXPECT_EQ(r->choices[0].find("</refined>"), std::string::npos);
  EXPECT_TRUE(r->usage_estimated);  // cut before the usage chunk
  LlmStats st = (*client)->stats();
  EXPECT_EQ(st.output_capped, 1u);
  EXPECT_EQ(st.stopped_early, 1u);
  // The server sees the connection close while it is still generating and frees it.
  nlohmann::json s;
  for (int i = 0; i < 500; ++i) {
    s = server.Stats();
    if (s.value("streams_cut_by_client", 0) == 1 && s.value("open_connections", 1) <= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(s["streams_cut_by_client"], 1);
  EXPECT_LE(s["open_connections"].get<int>(), 1);  // only the /stats request's own
  // The client goes on over a new connection.
  auto again = (*client)->Call(Doc(kText));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->finish_reasons, std::vector<std::string>{"stop"});
}

// A reply with inline reasoning: "<think>...</think>" and then the whole answer, which ends
// at its own "</refined>".
void ExpectAnswerAfterThinking(const StatusOr<ChatResponse>& r) {
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string& t = r->choices[0];
  size_t think_end = t.find("</think>");
  ASSERT_NE(think_end, std::string::npos);
  EXPECT_NE(t.find("<refined>", think_end), std::string::npos);
  EXPECT_EQ(t.substr(t.size() - 10), "</refined>");
}

TEST(LlmStream, ReasoningDeltasAreNeverPartOfTheAnswer) {
  // vLLM with a reasoning parser: the draft (which holds the original values) streams in
  // delta.reasoning_content, the answer in delta.content.
  TestServer server({"--reasoning-parser"});
  auto client = LlmClient::Create(Config(server, true), NoCache());
  ASSERT_TRUE(client.ok());
  auto r = (*client)->Call(Doc(kText));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->choices[0].find("maria.keller@corp.example.net"), std::string::npos);
  EXPECT_EQ(r->choices[0].find("First draft"), std::string::npos);
  EXPECT_NE(r->choices[0].find("</refined>"), std::string::npos);

  // Inline <think> without a parser, no `stop` sent: the client's own marker search skips
  // the draft's "</refined>" inside the reasoning and ends at the answer's.
  TestServer inline_server({"--think"});
  LlmEndpointConfig cfg = Config(inline_server, true);
  cfg.send_stop = false;
  auto c2 = LlmClient::Create(cfg, NoCache());
  ASSERT_TRUE(c2.ok());
  ExpectAnswerAfterThinking((*c2)->Call(Doc(kText)));
}

TEST(LlmStream, AStopInsideTheReasoningDraftTurnsStopOffForTheRun) {
  // Inline <think> with a draft in <refined> tags: the server stops at the draft's
  // "</refined>". The client sends the request again without `stop`, and no later one has it.
  TestServer server({"--think"});
  auto client = LlmClient::Create(Config(server, true), NoCache());
  ASSERT_TRUE(client.ok());
  ExpectAnswerAfterThinking((*client)->Call(Doc(kText)));
  EXPECT_EQ(server.Requests(), 2u);
  auto again = (*client)->Call(Doc("Call 415-555-2671 today."));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(server.Requests(), 3u);
}

TEST(LlmStream, AnErrorEventMidStreamIsRetried) {
  for (const char* flavor : {"vllm", "llama-server"}) {
    SCOPED_TRACE(flavor);
    TestServer server({"--flavor", flavor});
    auto client = LlmClient::Create(Config(server, true), NoCache());
    ASSERT_TRUE(client.ok());
    auto r = (*client)->Call(Doc(std::string(kText) + " [[srv:stream_error]]"));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->attempts, 2);
    LlmStats st = (*client)->stats();
    EXPECT_EQ(st.stream_errors, 1u);
    EXPECT_EQ(st.retries_5xx, 1u);
    EXPECT_NE(r->choices[0].find("</refined>"), std::string::npos);
  }
}

TEST(LlmStream, BrokenStreamsAreRetriedLikeBrokenReplies) {
  TestServer server;
  auto client = LlmClient::Create(Config(server, true), NoCache());
  ASSERT_TRUE(client.ok());
  for (const char* m : {"[[srv:drop]]", "[[srv:malformed]]", "[[srv:500]]"}) {
    SCOPED_TRACE(m);
    auto r = (*client)->Call(Doc(std::string(kText) + " " + m));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->attempts, 2);
  }
}

}  // namespace
}  // namespace refinery
