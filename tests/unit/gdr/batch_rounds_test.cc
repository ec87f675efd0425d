// Offline batch rounds: what a results file may hold (any order, failed lines, unknown ids,
// duplicates, malformed lines) and how requests are deferred to the next round.
#include "refinery/gdr/batch_rounds.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "refinery/io/files.h"
#include "refinery/llm/protocol.h"

namespace refinery::gdr {
namespace {

namespace fs = std::filesystem;

ChatRequest Request(const std::string& doc) {
  ChatRequest r;
  r.messages = {{"user", "<document>\n" + doc + "\n</document>"}};
  r.sampling["seed"] = 0;
  return r;
}

Json Answer(const std::string& text) {
  return Json{{"id", "cmpl-1"},
              {"object", "chat.completion"},
              {"choices",
               {{{"index", 0},
                 {"message", {{"role", "assistant"}, {"content", text}}},
                 {"finish_reason", "stop"}}}},
              {"usage", {{"prompt_tokens", 11}, {"completion_tokens", 7}}}};
}

std::string ResultLine(const std::string& id, int status, const Json& body) {
  return Json{{"id", "batch_req_" + id},
              {"custom_id", id},
              {"response", {{"status_code", status}, {"request_id", "r"}, {"body", body}}},
              {"error", nullptr}}
      .dump();
}

class BatchRoundsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() /
            ("refinery-batch-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::shared_ptr<BatchRounds> Open() {
    auto r = BatchRounds::Open({dir_, "test-model", 3});
    EXPECT_TRUE(r.ok()) << r.status();
    return *r;
  }

  // Submits and returns the status or the first choice.
  static StatusOr<ChatResponse> Ask(BatchRounds& rounds, const std::string& doc) {
    StatusOr<ChatResponse> out = absl::UnknownError("no callback");
    rounds.Submit(Request(doc), [&](StatusOr<ChatResponse> r) { out = std::move(r); });
    return out;
  }

  std::string dir_;
};

TEST_F(BatchRoundsTest, FirstRoundWritesSortedDeduplicatedRequests) {
  auto rounds = Open();
  EXPECT_TRUE(llm::IsDeferred(Ask(*rounds, "b").status()));
  EXPECT_TRUE(llm::IsDeferred(Ask(*rounds, "a").status()));
  EXPECT_TRUE(llm::IsDeferred(Ask(*rounds, "b").status()));  // the same request: one line
  Json extra = Json::object();
  rounds->Finish(extra);
  EXPECT_EQ(extra["batch"]["requests_written"], 2);
  auto text = ReadFile(BatchRequestsPath(dir_, 1));
  ASSERT_TRUE(text.ok());
  std::vector<Json> lines;
  size_t pos = 0;
  while (pos < text->size()) {
    size_t end = text->find('\n', pos);
    lines.push_back(Json::parse(text->substr(pos, end - pos)));
    pos = end + 1;
  }
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_LT(lines[0]["custom_id"].get<std::string>(), lines[1]["custom_id"].get<std::string>());
  EXPECT_EQ(lines[0]["method"], "POST");
  EXPECT_EQ(lines[0]["url"], "/v1/chat/completions");
  EXPECT_EQ(lines[0]["body"]["model"], "test-model");
  // A rerun in the same state writes the same bytes.
  auto again = Open();
  EXPECT_TRUE(llm::IsDeferred(Ask(*again, "a").status()));
  EXPECT_TRUE(llm::IsDeferred(Ask(*again, "b").status()));
  fs::remove(BatchRequestsPath(dir_, 1));
  Json extra2 = Json::object();
  again->Finish(extra2);
  EXPECT_EQ(*ReadFile(BatchRequestsPath(dir_, 1)), *text);
}

TEST_F(BatchRoundsTest, IngestCountsBadLinesAndRetriesFailedOnes) {
  std::string ida = BatchCustomId(llm::BuildRequestBody(Request("a"), "test-model").dump());
  std::string idb = BatchCustomId(llm::BuildRequestBody(Request("b"), "test-model").dump());
  std::string idc = BatchCustomId(llm::BuildRequestBody(Request("c"), "test-model").dump());
  auto req = [&](const std::string& id) {
    return Json{{"custom_id", id},
                {"method", "POST"},
                {"url", "/v1/chat/completions"},
                {"body", Json::object()}}
        .dump();
  };
  ASSERT_TRUE(WriteFileAtomic(BatchRequestsPath(dir_, 1),
                              req(ida) + "\n" + req(idb) + "\n" + req(idc) + "\n")
                  .ok());
  std::string results = ResultLine(idb, 500, Json{{"error", {{"message", "overloaded"}}}}) + "\n" +
                        ResultLine(ida, 200, Answer("<refined>\nA\n</refined>")) + "\n" +
                        ResultLine(ida, 200, Answer("<refined>\nA2\n</refined>")) +
                        "\n" +                                                  // duplicate
                        ResultLine("gdr-not-asked", 200, Answer("x")) + "\n" +  // unknown
                        "{\"custom_id\": \"trunc\n" +                           // malformed
                        Json{{"id", "e"},
                             {"custom_id", idc},
                             {"response", nullptr},
                             {"error", {{"code", "batch_expired"}, {"message", "expired"}}}}
                            .dump() +
                        "\n";
  ASSERT_TRUE(WriteFileAtomic(BatchResultsPath(dir_, 1), results).ok());
  auto rounds = Open();
  const BatchIngestCounts& c = rounds->counts();
  EXPECT_EQ(c.rounds, 1);
  EXPECT_EQ(c.lines, 6);
  EXPECT_EQ(c.usable, 1);
  EXPECT_EQ(c.duplicates, 1);
  EXPECT_EQ(c.unknown, 1);
  EXPECT_EQ(c.malformed, 1);
  EXPECT_EQ(c.failed, 2);
  auto a = Ask(*rounds, "a");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->choices[0], "<refined>\nA\n</refined>");  // the first usable line wins
  EXPECT_EQ(a->prompt_tokens, 11);
  EXPECT_TRUE(llm::IsDeferred(Ask(*rounds, "b").status()));  // 500: asked again
  EXPECT_TRUE(llm::IsDeferred(Ask(*rounds, "c").status()));  // error line: asked again
  Json extra = Json::object();
  rounds->Finish(extra);
  EXPECT_EQ(extra["batch"]["round"], 2);
  EXPECT_EQ(extra["batch"]["requests_written"], 2);
  EXPECT_TRUE(fs::exists(BatchRequestsPath(dir_, 2)));
}

TEST_F(BatchRoundsTest, ARequestFailingEveryRoundBecomesAnError) {
  std::string id = BatchCustomId(llm::BuildRequestBody(Request("z"), "test-model").dump());
  for (int r = 1; r <= 3; ++r) {
    ASSERT_TRUE(WriteFileAtomic(BatchResultsPath(dir_, r),
                                ResultLine(id, 503, Json{{"error", {{"message", "busy"}}}}) + "\n")
                    .ok());
  }
  auto rounds = Open();
  auto z = Ask(*rounds, "z");
  EXPECT_FALSE(z.ok());
  EXPECT_FALSE(llm::IsDeferred(z.status()));
  EXPECT_NE(z.status().message().find("3 rounds"), std::string::npos) << z.status();
}

TEST_F(BatchRoundsTest, AContextLengthRefusalIsFinalLikeLive) {
  std::string id = BatchCustomId(llm::BuildRequestBody(Request("long"), "test-model").dump());
  // vLLM's run-batch error line: status 400 and the message in `error`.
  std::string line =
      Json{{"id", "vllm-1"},
           {"custom_id", id},
           {"response", {{"status_code", 400}, {"request_id", "vllm-batch-1"}}},
           {"error",
            "This model's maximum context length is 4096 tokens. However, your request has "
            "5000 input tokens. Please reduce the length of the input messages."}}
          .dump();
  ASSERT_TRUE(WriteFileAtomic(BatchResultsPath(dir_, 1), line + "\n").ok());
  auto rounds = Open();
  EXPECT_TRUE(absl::IsOutOfRange(Ask(*rounds, "long").status()));
}

}  // namespace
}  // namespace refinery::gdr
