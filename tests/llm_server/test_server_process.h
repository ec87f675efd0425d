// Starts refinery-llm-test-server as a child process for a unit test (loopback, free port) and
// reads its /stats. Path of the binary: REFINERY_LLM_TEST_SERVER (a compile definition).
#pragma once

#include <curl/curl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace refinery::testing {

class TestServer {
 public:
  explicit TestServer(std::vector<std::string> args = {}) {
    char tmpl[] = "/tmp/refinery-llm-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::string port_file = dir_ + "/port";
    pid_ = fork();
    if (pid_ == 0) {
      // Die with the test: a test that aborts must not leave a server holding ctest's pipe.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      std::vector<std::string> argv_s = {
          REFINERY_LLM_TEST_SERVER, "--port", "0", "--port-file", port_file, "--quiet"};
      for (auto& a : args) argv_s.push_back(a);
      std::vector<char*> argv;
      for (auto& a : argv_s) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 500 && port_ == 0; ++i) {
      std::ifstream f(port_file);
      if (f >> port_) break;
      port_ = 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~TestServer() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::string cmd = "rm -rf '" + dir_ + "'";
    if (std::system(cmd.c_str()) != 0) {
    }
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  const std::string& dir() const { return dir_; }

  nlohmann::json Stats() const {
    std::string body;
    CURL* e = curl_easy_init();
    std::string u = "http://127.0.0.1:" + std::to_string(port_) + "/stats";
    curl_easy_setopt(e, CURLOPT_URL, u.c_str());
    curl_easy_setopt(
        e, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* user) -> size_t {
          static_cast<std::string*>(user)->append(d, s * n);
          return s * n;
        });
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &body);
    curl_easy_perform(e);
    curl_easy_cleanup(e);
    return nlohmann::json::parse(body, nullptr, false);
  }
  uint64_t Requests() const {
    auto s = Stats();
    return s.is_object() ? s.value("requests", uint64_t{0}) : 0;
  }

 private:
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace refinery::testing
