#include "refinery/edit/llm_programs.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "refinery/core/json.h"
#include "refinery/pipeline/pipeline_config.h"
#include "refinery/pipeline/runner.h"

namespace refinery::edit {
namespace {

TEST(ProxChunks, NumberedLinesUnderABudget) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "line number " + std::to_string(i) + " has a few words\n";
  std::vector<ProxChunk> chunks = MakeProxChunks(text, 60);
  ASSERT_GT(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].first_line, 0u);
  EXPECT_TRUE(chunks[0].text.starts_with("[doc]\n[000]line number 0 has a few words\n"));
  EXPECT_TRUE(chunks[0].text.ends_with("[/doc]"));
  for (size_t i = 1; i < chunks.size(); ++i) {
    EXPECT_EQ(chunks[i].first_line, chunks[i - 1].last_line + 1);
  }
  EXPECT_EQ(chunks.back().last_line, 40u);  // the empty line after the last '\n'
  EXPECT_NE(chunks[1].text.find(fmt::format("[{:03}]", chunks[1].first_line)), std::string::npos);
  // More than 1000 lines: 4 digits.
  std::string many(1500, '\n');
  EXPECT_TRUE(MakeProxChunks(many, 100000)[0].text.starts_with("[doc]\n[0000]\n"));
}

TEST(ProxChunks, RequestIsVersionedAndDeletionOnlyHidesNormalize) {
  ProxChunk chunk{0, 0, "[doc]\n[000]x\n[/doc]"};
  LlmEditOptions options;
  ChatRequest r = BuildChunkRequest(chunk, options);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[1].content, chunk.text);
  EXPECT_NE(r.messages[0].content.find("normalize"), std::string::npos);
  EXPECT_EQ(r.sampling["max_tokens"], 256);
  options.deletion_only = true;
  EXPECT_EQ(BuildChunkRequest(chunk, options).messages[0].content.find("normalize"),
            std::string::npos);
  EXPECT_STREQ(kEditPromptVersion, "edit-prox-v1");
}

TEST(ProxChunks, AnswersAreCheckedAgainstTheirChunk) {
  ProxChunk chunk{10, 19, ""};
  Program joined;
  auto causes = AddChunkAnswer(
      "```python\nremove_lines(10, 12)\nremove_lines(25, 30)\nremove_str(11, 'x')\nfoo(\n```",
      chunk, false, joined);
  ASSERT_EQ(joined.ops.size(), 2u);
  EXPECT_EQ(joined.errors.size(), 2u);
  EXPECT_NE(std::find(causes.begin(), causes.end(), "line_outside_chunk"), causes.end());
  EXPECT_NE(std::find(causes.begin(), causes.end(), "unknown_function"), causes.end());
  // drop_doc() from one chunk of several removes that chunk only.
  Program p2;
  AddChunkAnswer("drop_doc()", chunk, false, p2);
  ASSERT_EQ(p2.ops.size(), 1u);
  EXPECT_EQ(FormatOp(p2.ops[0]), "remove_lines(10, 19)");
  Program p3;
  AddChunkAnswer("drop_doc()", chunk, true, p3);
  EXPECT_EQ(p3.ops[0].kind, OpKind::kDropDoc);
  Program p4;
  EXPECT_EQ(AddChunkAnswer("  \n", chunk, false, p4).at(0), "empty_answer");
}

// A minimal OpenAI-compatible server: for every [NNN] line containing "Share" or "cookies" it
// answers remove_lines(N, N); a chunk containing "GARBLED" gets prose instead of a program.
class ProgramServer {
 public:
  ProgramServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(fd_, 64);
    thread_ = std::thread([this] { Loop(); });
  }
  ~ProgramServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  int requests() const { return requests_; }

 private:
  void Loop() {
    while (!stop_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      Serve(c);
      close(c);
    }
  }
  void Serve(int c) {
    std::string req;
    char buf[8192];
    size_t body_at = std::string::npos, length = 0;
    while (true) {
      ssize_t n = read(c, buf, sizeof(buf));
      if (n <= 0) return;
      req.append(buf, static_cast<size_t>(n));
      if (body_at == std::string::npos) {
        size_t h = req.find("\r\n\r\n");
        if (h == std::string::npos) continue;
        body_at = h + 4;
        std::string lower = req.substr(0, h);
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        size_t cl = lower.find("content-length:");
        if (cl != std::string::npos) length = std::stoul(lower.substr(cl + 15));
      }
      if (req.size() >= body_at + length) break;
    }
    ++requests_;
    Json body = Json::parse(req.substr(body_at, length), nullptr, false);
    std::string chunk = body["messages"].back()["content"].get<std::string>();
    std::string program;
    if (chunk.find("GARBLED") != std::string::npos) {
      program = "Sure! Here is the cleaned document:\nThe text without boilerplate.";
    } else {
      std::istringstream in(chunk);
      std::string line;
      while (std::getline(in, line)) {
        if (line.size() < 5 || line[0] != '[' || line == "[doc]" || line == "[/doc]") continue;
        size_t close_at = line.find(']');
        int n = std::stoi(line.substr(1, close_at - 1));
        if (line.find("Share") != std::string::npos || line.find("cookies") != std::string::npos) {
          program += "remove_lines(" + std::to_string(n) + ", " + std::to_string(n) + ")\n";
        }
      }
      if (program.empty()) program = "keep_all()";
      program = "```python\n" + program + "```";
    }
    Json answer = {
        {"id", "cmpl-1"},
        {"object", "chat.completion"},
        {"model", "test"},
        {"choices", Json::array({Json{{"index", 0},
                                      {"message", {{"role", "assistant"}, {"content", program}}},
                                      {"finish_reason", "stop"}}})},
        {"usage", {{"prompt_tokens", 50}, {"completion_tokens", 10}, {"total_tokens", 60}}}};
    std::string payload = answer.dump();
    std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(payload.size()) + "\r\nConnection: close\r\n\r\n" +
                           payload;
    size_t off = 0;
    while (off < response.size()) {
      ssize_t n = write(c, response.data() + off, response.size() - off);
      if (n <= 0) return;
      off += static_cast<size_t>(n);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

TEST(LlmEditStep, ProgramsFromAServerAreExecutedAndMalformedAnswersCounted) {
  ProgramServer server;
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / "edit_llm_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string body =
      "The council approved the budget for the new bridge after a long debate on Monday "
      "evening.";
  std::vector<std::string> texts = {
      "We use cookies on this site\n" + body + "\nShare on Facebook",
      body + "\nGARBLED line\nShare this",
      body + "\n" + body,
  };
  {
    std::ofstream in(dir / "in.jsonl");
    for (size_t i = 0; i < texts.size(); ++i) {
      in << Json{{"id", "d" + std::to_string(i)}, {"text", texts[i]}}.dump() << "\n";
    }
  }
  PipelineConfig config;
  config.inputs = {(dir / "in.jsonl").string()};
  config.output = (dir / "out.jsonl").string();
  config.threads = 1;
  StepSpec step;
  step.type = "edit";
  step.params = YAML::Load("{llm: " + server.url() +
                           ", model: test, no_cache: true, min_words: 0, chunk_tokens: 40}");
  config.steps.push_back(step);
  RunOptions options;
  options.progress = ProgressMode::kQuiet;
  auto result = RunPipeline(config, options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::ifstream out(dir / "out.jsonl");
  std::vector<Json> records;
  std::string line;
  while (std::getline(out, line)) records.push_back(Json::parse(line));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["text"], body);
  EXPECT_EQ(records[0]["refinery"]["status"], "changed");
  EXPECT_EQ(records[0]["refinery"]["edits"]["prompt_version"], "edit-prox-v1");
  // The garbled chunk's answer is two syntax errors: more than max_errors, original kept.
  EXPECT_EQ(records[1]["text"], texts[1]);
  EXPECT_EQ(records[1]["refinery"]["edits"]["reason"], "too_many_errors");
  EXPECT_EQ(records[2]["refinery"]["status"], "kept");
  EXPECT_GE(server.requests(), 3);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace refinery::edit
