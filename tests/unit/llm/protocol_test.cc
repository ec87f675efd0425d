#include "refinery/llm/protocol.h"

#include <gtest/gtest.h>

namespace refinery::llm {
namespace {

TEST(LlmProtocol, BodyHasModelMessagesSamplingAndExtraBodyLast) {
  ChatRequest r;
  r.messages = {{"user", "hi"}};
  r.sampling = {{"temperature", 0.5}, {"seed", 3}};
  r.extra_body = {{"cache_prompt", false}, {"temperature", 0.1}};
  Json b = BuildRequestBody(r, "m");
  EXPECT_EQ(b["model"], "m");
  EXPECT_EQ(b["messages"][0]["content"], "hi");
  EXPECT_EQ(b["seed"], 3);
  EXPECT_EQ(b["cache_prompt"], false);
  EXPECT_DOUBLE_EQ(b["temperature"].get<double>(), 0.1);
}

TEST(LlmProtocol, CacheKeyIgnoresFieldOrderButNotValuesOrEndpoint) {
  Json a = Json::parse(R"({"model":"m","messages":[{"role":"user","content":"x"}],"seed":1})");
  Json b = Json::parse(R"({"seed":1,"messages":[{"role":"user","content":"x"}],"model":"m"})");
  Json c = Json::parse(R"({"seed":2,"messages":[{"role":"user","content":"x"}],"model":"m"})");
  EXPECT_EQ(CacheKey(a, false), CacheKey(b, false));
  EXPECT_NE(CacheKey(a, false), CacheKey(c, false));
  EXPECT_NE(CacheKey(a, false), CacheKey(a, true));
  EXPECT_EQ(CacheKey(a, false).size(), 64u);
}

TEST(LlmProtocol, ParsesChatAndCompletionReplies) {
  auto r = ParseResponseBody(
      R"({"model":"x","choices":[{"message":{"content":"a"},"finish_reason":"stop"},{"message":{"content":"b"}}],"usage":{"prompt_tokens":7,"completion_tokens":2}})",
      false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->choices, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->finish_reasons[0], "stop");
  EXPECT_EQ(r->prompt_tokens, 7);
  EXPECT_EQ(r->completion_tokens, 2);
  auto c = ParseResponseBody(R"({"choices":[{"text":"t"}]})", true);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->choices[0], "t");
}

TEST(LlmProtocol, RejectsUnusableReplies) {
  for (const char* body : {"", "{", "[]", R"({"choices":[]})", R"({"choices":[{"message":{}}]})",
                           R"({"choices":[{"message":{"content":null}}]})", R"({"x":1})"}) {
    EXPECT_EQ(ParseResponseBody(body, false).status().code(), absl::StatusCode::kDataLoss) << body;
  }
}

TEST(LlmProtocol, ServerErrorMessage) {
  EXPECT_EQ(ServerErrorMessage(R"({"error":{"message":"too long"}})"), "too long");
  EXPECT_EQ(ServerErrorMessage(R"({"error":"bad"})"), "bad");
  EXPECT_EQ(ServerErrorMessage(R"({"detail":"nope"})"), "nope");
  EXPECT_EQ(ServerErrorMessage("plain\ntext"), "plain text");
  EXPECT_EQ(ServerErrorMessage(""), "(empty body)");
  EXPECT_LE(ServerErrorMessage(std::string(5000, 'x'), 100).size(), 103u);
}

TEST(LlmProtocol, RetryAfter) {
  EXPECT_DOUBLE_EQ(*ParseRetryAfter(" 2\r\n", 0), 2.0);
  EXPECT_DOUBLE_EQ(*ParseRetryAfter("0.5", 0), 0.5);
  // Sun, 06 Nov 1994 08:49:37 GMT = 784111777
  EXPECT_DOUBLE_EQ(*ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111770), 7.0);
  EXPECT_DOUBLE_EQ(*ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111999), 0.0);
  EXPECT_FALSE(ParseRetryAfter("soon", 0).has_value());
  EXPECT_FALSE(ParseRetryAfter("", 0).has_value());
  EXPECT_FALSE(ParseRetryAfter("-1", 0).has_value());
}

TEST(LlmProtocol, BackoffGrowsWithJitterAndIsCapped) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 100; ++i) {
    double d1 = BackoffDelay(1, 0.5, 30, rng);
    EXPECT_GE(d1, 0.25);
    EXPECT_LE(d1, 0.5);
    double d4 = BackoffDelay(4, 0.5, 30, rng);
    EXPECT_GE(d4, 2.0);
    EXPECT_LE(d4, 4.0);
    double d20 = BackoffDelay(20, 0.5, 30, rng);
    EXPECT_GE(d20, 15.0);
    EXPECT_LE(d20, 30.0);
  }
}

TEST(LlmProtocol, CacheValueRoundTrip) {
  ChatResponse r;
  r.choices = {"a\xc3\xa9", "b"};
  r.finish_reasons = {"stop", "length"};
  r.prompt_tokens = 5;
  r.completion_tokens = 9;
  r.model = "m";
  auto back = ResponseFromCacheValue(ResponseToCacheValue(r));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->choices, r.choices);
  EXPECT_EQ(back->finish_reasons, r.finish_reasons);
  EXPECT_EQ(back->completion_tokens, 9);
  EXPECT_TRUE(back->from_cache);
  EXPECT_FALSE(ResponseFromCacheValue("garbage").ok());
}

}  // namespace
}  // namespace refinery::llm
