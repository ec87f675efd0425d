#include "refinery/llm/protocol.h"

#include <gtest/gtest.h>

#include <random>

#include "refinery/llm/stream_chunk.h"

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

// The fast request text is nlohmann's dump byte for byte: escapes, non-ASCII, invalid UTF-8
// (replaced), numbers of every kind, nesting, key order.
TEST(LlmProtocol, RequestTextIsNlohmannsDumpByteForByte) {
  ChatRequest r;
  r.messages = {{"system", "Rules:\n\t- keep \"quotes\" and \\ backslashes\r\n\x01\x1f\x7f"},
                {"user", "caf\xc3\xa9 \xe5\xad\x97 \xf0\x9f\x98\x80 </refined>"},
                {"user", std::string("bad \xff\xfe utf-8 \xc3") + '\0' + "end"}};
  r.sampling = {{"temperature", 0.7},
                {"top_p", 1e-7},
                {"max_tokens", 4096},
                {"seed", -3},
                {"n", 2u},
                {"logprobs", false},
                {"stop", Json::array({"</refined>", "\n\n"})},
                {"logit_bias", Json::object()},
                {"user", nullptr}};
  r.extra_body = {{"chat_template_kwargs", {{"enable_thinking", false}, {"k\xc3\xa9y", "v"}}},
                  {"big", 12345678901234.5},
                  {"nested", Json::array({Json::array(), 1.0, -0.0})}};
  for (bool completions : {false, true}) {
    r.use_completions_endpoint = completions;
    r.prompt = "prompt \"x\"\n\xc3\xa9";
    Json body = BuildRequestBody(r, "model-\xc3\xa9");
    EXPECT_EQ(RequestText(body), body.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  EXPECT_EQ(RequestText(Json::object()), "{}");
  EXPECT_EQ(RequestText(Json("\xc3")),
            Json("\xc3").dump(-1, ' ', false, Json::error_handler_t::replace));
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
  for (const char* body :
       {"", "{", "[]", R"({"choices":[]})", R"({"choices":[{"message":{}}]})", R"({"x":1})"}) {
    EXPECT_EQ(ParseResponseBody(body, false).status().code(), absl::StatusCode::kDataLoss) << body;
  }
}

// ParseResponseBody reads replies with simdjson; it must agree with ParseResponseJson over
// nlohmann's tree (the reference, which batch rounds use) on every shape: values, nulls,
// duplicate keys (the last counts), numbers written as floats, errors and their messages.
TEST(LlmProtocol, ResponseBodyAgreesWithTheJsonTreeReader) {
  const char* bodies[] = {
      R"({"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"a\n\u00e9\"","reasoning_content":"r"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}})",
      R"({"choices":[{"message":{"content":null},"finish_reason":"length"},{"message":{"content":"b"},"finish_reason":null}]})",
      R"({"choices":[{"message":{"content":"first","content":"second"},"finish_reason":"stop","finish_reason":7}],"model":"a","model":"b"})",
      R"({"choices":[],"choices":[{"text":"late"}]})",
      R"({"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":12.9,"completion_tokens":18446744073709551615}})",
      R"({"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":"7","completion_tokens":null}})",
      R"({"choices":[{"text":"t","finish_reason":"stop"}],"usage":null,"model":null})",
      R"({"choices":[{"message":{"content":5}}]})",
      R"({"choices":[{"message":"content"}]})",
      R"({"choices":[1]})",
      R"({"choices":{"0":{}}})",
      R"({"choices":null})",
      R"([{"choices":[]}])",
      R"("text")",
      "\xef\xbb\xbf{\"choices\":[{\"text\":\"bom\"}]}",
      "{\"choices\":[{\"message\":{\"content\":\"bad \xff utf-8\"}}]}",
      R"({"choices":[{"message":{"content":"a"}}]} trailing)",
      "",
  };
  for (const char* body : bodies) {
    for (bool completions : {false, true}) {
      auto fast = ParseResponseBody(body, completions);
      Json j = Json::parse(body, nullptr, false);
      auto ref = j.is_discarded()
                     ? StatusOr<ChatResponse>(absl::DataLossError("reply is not valid JSON"))
                     : ParseResponseJson(j, completions);
      ASSERT_EQ(fast.ok(), ref.ok()) << body << " " << completions;
      if (!ref.ok()) {
        EXPECT_EQ(fast.status(), ref.status()) << body;
        continue;
      }
      EXPECT_EQ(fast->choices, ref->choices) << body;
      EXPECT_EQ(fast->finish_reasons, ref->finish_reasons) << body;
      EXPECT_EQ(fast->prompt_tokens, ref->prompt_tokens) << body;
      EXPECT_EQ(fast->completion_tokens, ref->completion_tokens) << body;
      EXPECT_EQ(fast->model, ref->model) << body;
    }
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

namespace refinery::llm {
namespace {

TEST(LlmProtocol, NullContentIsAnEmptyAnswerNotABrokenTransfer) {
  // vLLM with --reasoning-parser when max_tokens ends inside the reasoning.
  auto r = ParseResponseBody(
      R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,)"
      R"("reasoning_content":"<refined>draft</refined>","reasoning":"<refined>draft</refined>"},)"
      R"("finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":9}})",
      false);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->choices[0], "") << "reasoning fields are never read";
  EXPECT_EQ(r->finish_reasons[0], "length");
}

TEST(LlmProtocol, ClassifiesRealServersErrors) {
  const std::string url = "http://h/v1/chat/completions";
  // OpenAI (platform.openai.com error codes).
  EXPECT_TRUE(absl::IsFailedPrecondition(ClassifyHttpError(
      429,
      R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})",
      url)));
  EXPECT_TRUE(absl::IsOutOfRange(ClassifyHttpError(
      400,
      R"({"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}})",
      url)));
  EXPECT_TRUE(absl::IsUnauthenticated(ClassifyHttpError(
      401, R"({"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}})", url)));
  EXPECT_TRUE(absl::IsPermissionDenied(ClassifyHttpError(403, "forbidden", url)));
  // vLLM (serving_engine.py) and its NotFoundError for a model it does not serve.
  EXPECT_TRUE(absl::IsOutOfRange(ClassifyHttpError(
      400,
      R"({"error":{"message":"'max_tokens' or 'max_completion_tokens' is too large: 8000. This model's maximum context length is 4096 tokens and your request has 2778 input tokens (8000 > 4096 - 2778).","type":"BadRequestError","param":null,"code":400}})",
      url)));
  Status nf = ClassifyHttpError(
      404,
      R"({"error":{"message":"The model `m` does not exist.","type":"NotFoundError","param":"model","code":404}})",
      url);
  EXPECT_TRUE(absl::IsNotFound(nf));
  EXPECT_NE(std::string(nf.message()).find("does not exist"), std::string::npos);
  // SGLang and llama-server.
  EXPECT_TRUE(absl::IsOutOfRange(ClassifyHttpError(
      400,
      R"({"object":"error","message":"The input (5000 tokens) is longer than the model's context length (4096 tokens).","type":"BadRequestError","param":null,"code":400})",
      url)));
  EXPECT_TRUE(absl::IsOutOfRange(ClassifyHttpError(
      400,
      R"({"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":4476,"n_ctx":4096}})",
      url)));
  EXPECT_TRUE(
      absl::IsInvalidArgument(ClassifyHttpError(400, R"({"error":{"message":"bad field"}})", url)));
  EXPECT_TRUE(AsksForMaxCompletionTokens(
      R"({"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}})"));
  EXPECT_FALSE(AsksForMaxCompletionTokens(R"({"error":{"message":"bad field"}})"));
  EXPECT_TRUE(IsFatalLlmError(nf));
  EXPECT_FALSE(IsFatalLlmError(absl::UnavailableError("x")));
}

TEST(LlmProtocol, StripThinkingKeepsOnlyTheAnswer) {
  EXPECT_EQ(StripThinking("<think>a <refined>x</refined></think>\n<refined>y</refined>"),
            "\n<refined>y</refined>");
  EXPECT_EQ(StripThinking("reasoning only</think>answer"), "answer");  // template opened it
  EXPECT_EQ(StripThinking("<think>cut mid-thought <refined>x</refined>"), "");
  EXPECT_EQ(StripThinking("<refined>plain</refined>"), "<refined>plain</refined>");
}

}  // namespace
}  // namespace refinery::llm

namespace refinery::llm {
namespace {

// A vLLM stream as it is written: role chunk, content deltas, a reasoning delta, the last
// chunk with finish_reason and stop_reason, the usage chunk with no choices, [DONE]; with a
// keep-alive comment and CRLF line ends on one event.
const char* kVllmStream =
    "data: "
    "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
    "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]"
    "}"
    "\n\n"
    ": keep-alive\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<refined>caf\\u00e9 \"}}]}\r\n\r\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"error\\\" ok\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\","
    "\"stop_reason\":\"</refined>\"}]}\n\n"
    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,"
    "\"total_tokens\":17}}\n\n"
    "data: [DONE]\n\n";

void ExpectVllm(const StreamReader& r) {
  ASSERT_FALSE(r.error().has_value()) << *r.error();
  EXPECT_TRUE(r.done());
  ASSERT_EQ(r.choices().size(), 1u);
  EXPECT_EQ(r.choices()[0].content, "<refined>caf\xc3\xa9 \"error\" ok");
  EXPECT_EQ(r.choices()[0].reasoning_bytes, 3u);
  EXPECT_EQ(r.choices()[0].finish_reason, "stop");
  EXPECT_EQ(r.choices()[0].stop_reason, std::optional<std::string>("</refined>"));
  EXPECT_TRUE(r.has_usage());
  EXPECT_EQ(r.prompt_tokens(), 12);
  EXPECT_EQ(r.completion_tokens(), 5);
  EXPECT_EQ(r.model(), "m");
}

TEST(StreamReader, ReadsAStreamSplitAtEveryByte) {
  std::string all = kVllmStream;
  {
    StreamReader whole(false);
    whole.Feed(all);
    ExpectVllm(whole);
  }
  for (size_t cut = 0; cut <= all.size(); ++cut) {
    StreamReader r(false);
    r.Feed(std::string_view(all).substr(0, cut));
    r.Feed(std::string_view(all).substr(cut));
    ExpectVllm(r);
  }
  StreamReader bytewise(false);
  for (char c : all) bytewise.Feed(std::string_view(&c, 1));
  ExpectVllm(bytewise);
}

TEST(StreamReader, UsageInTheLastChoiceChunkAndCompletionsText) {
  // llama-server: usage (and timings) ride on the chunk with finish_reason; no stop_reason.
  StreamReader r(false);
  r.Feed(
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],"
      "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1},\"timings\":{}}\n\n");
  r.Close();  // no [DONE] (some builds): the finish reasons say the reply is whole
  EXPECT_FALSE(r.done());
  ASSERT_EQ(r.choices().size(), 1u);
  EXPECT_EQ(r.choices()[0].content, "hi");
  EXPECT_EQ(r.choices()[0].finish_reason, "length");
  EXPECT_FALSE(r.choices()[0].stop_reason.has_value());
  EXPECT_EQ(r.prompt_tokens(), 3);

  StreamReader c(true);
  c.Feed(
      "data: {\"choices\":[{\"index\":1,\"text\":\"b\"}]}\n\ndata: {\"choices\":[{\"index\":0,"
      "\"text\":\"a\",\"finish_reason\":\"stop\"}]}\n\n");
  ASSERT_EQ(c.choices().size(), 2u);
  EXPECT_EQ(c.choices()[0].content, "a");
  EXPECT_EQ(c.choices()[1].content, "b");
}

TEST(StreamReader, ErrorEventsInEveryShape) {
  StreamReader vllm(false);
  vllm.Feed(
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n"
      "data: {\"error\":{\"object\":\"error\",\"message\":\"Internal server error\","
      "\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}\n\ndata: [DONE]\n\n");
  ASSERT_TRUE(vllm.error().has_value());
  EXPECT_EQ(*vllm.error(), "Internal server error");

  StreamReader old_llama(false);  // older llama-server builds: an `error:` line
  old_llama.Feed(
      "error: {\"code\":500,\"message\":\"slot unavailable\",\"type\":\"server_error\"}\n\n");
  ASSERT_TRUE(old_llama.error().has_value());
  EXPECT_EQ(*old_llama.error(), "slot unavailable");

  StreamReader cut(false);
  cut.Feed("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<ref\n\n");
  ASSERT_TRUE(cut.error().has_value());
  EXPECT_NE(cut.error()->find("unreadable stream chunk"), std::string::npos);
}

TEST(Protocol, RefusesParameterNamesTheParameter) {
  EXPECT_TRUE(RefusesParameter(
      R"({"error":{"message":"Unsupported parameter: 'stop' is not supported with this model.","type":"invalid_request_error","param":"stop","code":"unsupported_parameter"}})",
      "stop"));
  EXPECT_FALSE(RefusesParameter(
      R"({"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model.","param":"max_tokens","code":"unsupported_parameter"}})",
      "stop"));
}

}  // namespace
}  // namespace refinery::llm

namespace refinery::llm {
namespace {

TEST(ScanStreamChunk, ReadsTheFieldsAndSkipsTheRest) {
  ScannedChunk c;
  ASSERT_TRUE(ScanStreamChunk(
      R"({"id":"x","created":1.5e9,"model":"m","system_fingerprint":null,"choices":[{"index":1,)"
      R"("delta":{"role":"assistant","content":"a\u00e9\ud83d\ude00\n\"q\"","tool_calls":[{"a":[1,{}]}]},)"
      R"("logprobs":null,"finish_reason":null,"stop_reason":128009}],"usage":null,"x":[true,false]})",
      false, c));
  ASSERT_EQ(c.choices.size(), 1u);
  EXPECT_EQ(c.choices[0].index, 1);
  EXPECT_EQ(c.choices[0].content, "a\xc3\xa9\xf0\x9f\x98\x80\n\"q\"");
  EXPECT_FALSE(c.choices[0].finish_reason.has_value());
  EXPECT_TRUE(c.choices[0].has_stop_reason);
  EXPECT_FALSE(c.choices[0].stop_reason.has_value());  // a token id: not a stop string
  EXPECT_FALSE(c.has_usage);
  EXPECT_EQ(c.model, "m");
}

TEST(ScanStreamChunk, LeavesErrorEventsAndBrokenChunksToTheFullParser) {
  ScannedChunk c;
  EXPECT_FALSE(ScanStreamChunk(R"({"error":{"message":"boom","code":500}})", false, c));
  EXPECT_TRUE(ScanStreamChunk(R"({"error":null,"choices":[]})", false, c));
  EXPECT_FALSE(ScanStreamChunk(R"({"choices":[{"index":0,"delta":{"content":"<ref)", false, c));
  EXPECT_FALSE(ScanStreamChunk(R"({"choices":[]} x)", false, c));
  EXPECT_FALSE(
      ScanStreamChunk(R"({"choices":[{"index":0,"delta":{"content":"\ud83d"}}]})", false, c));
  EXPECT_FALSE(ScanStreamChunk(R"({"choices":[{"index":99999,"text":"a"}]})", true, c));
  ASSERT_TRUE(
      ScanStreamChunk(R"({"choices":[{"index":0,"text":"t","finish_reason":"length"}]})", true, c));
  EXPECT_EQ(c.choices[0].content, "t");
  EXPECT_EQ(c.choices[0].finish_reason, std::optional<std::string_view>("length"));
}

// Token events read through the shape of the one before (ChunkShape) must give what a full
// parser gives, whatever changes between events: the piece (escapes, surrogate pairs, raw
// UTF-8, empty), the index (before or after the piece), another member, a null or duplicated
// content, reasoning, the finish. Each stream is compared with nlohmann::json reading every event.
TEST(StreamReader, TokenEventsReadByShapeEqualAFullParse) {
  std::mt19937 rng(17);
  const std::vector<std::string> pieces = {"Here",
                                           " is",
                                           "",
                                           "\\n",
                                           "\\\"q\\\"",
                                           "caf\\u00e9",
                                           "\\ud83d\\ude00",
                                           "\xc3\xa9t\xc3\xa9",
                                           "a\\\\b",
                                           "</",
                                           "refined>",
                                           "\\/x\\t"};
  for (int t = 0; t < 200; ++t) {
    const bool completions = t % 5 == 4;
    std::string stream;
    std::vector<std::string> expect(3);
    int created = 1700000000;
    for (int e = 0; e < 60; ++e) {
      int index = rng() % 7 == 0 ? static_cast<int>(rng() % 3) : 0;
      if (rng() % 11 == 0) ++created;  // the bytes before the content change
      std::string piece = pieces[rng() % pieces.size()];
      std::string text = "\"" + piece + "\"";
      std::string content;
      switch (rng() % 12) {
        case 0:
          content = completions ? "\"text\":null" : "\"content\":null";
          break;
        case 1:  // the same member twice: the last one counts
          content = completions ? "\"text\":\"zz\",\"text\":" + text
                                : "\"content\":\"zz\",\"content\":" + text;
          break;
        case 2:
          content = (completions ? "\"text\":" : "\"reasoning_content\":\"r\",\"content\":") + text;
          break;
        default:
          content = (completions ? "\"text\":" : "\"content\":") + text;
      }
      std::string extra = rng() % 13 == 0 ? ",\"system_fingerprint\":\"fp\"" : "";
      // The index before the text, or after it (then it is in the bytes after the string).
      std::string at = "\"index\":" + std::to_string(index);
      std::string body = completions ? content : "\"delta\":{" + content + "}";
      std::string choice = "{" + (t % 3 == 1 ? body + "," + at : at + "," + body) +
                           ",\"logprobs\":null,\"finish_reason\":null}";
      std::string event =
          "{\"id\":\"c1\",\"object\":\"chunk\",\"created\":" + std::to_string(created) +
          ",\"model\":\"m\"" + extra + ",\"choices\":[" + choice + "]}";
      Json j = Json::parse(event);
      const Json& c = j["choices"][0];
      const Json& v = completions ? c["text"] : c["delta"]["content"];
      if (v.is_string()) expect[index] += v.get<std::string>();
      stream += "data: " + event + "\n\n";
    }
    stream += "data: [DONE]\n\n";
    StreamReader r(completions);
    size_t cut = rng() % stream.size();  // and a read boundary anywhere
    r.Feed(std::string_view(stream).substr(0, cut));
    r.Feed(std::string_view(stream).substr(cut));
    ASSERT_FALSE(r.error().has_value()) << *r.error();
    ASSERT_TRUE(r.done());
    for (size_t k = 0; k < r.choices().size(); ++k) {
      ASSERT_EQ(r.choices()[k].content, expect[k]) << t << " choice " << k;
    }
    for (size_t k = r.choices().size(); k < expect.size(); ++k) ASSERT_EQ(expect[k], "") << t;
  }
}

}  // namespace
}  // namespace refinery::llm
