// Throughput of the LLM client against a local OpenAI-compatible server
// (tests/llm_server, started by bench/llm_client.sh): requests/s and client CPU per request at
// a given number of requests in flight, and the same for a baseline client (blocking libcurl
// easy handles on keep-alive connections, one thread per in-flight request).
//
//   llm_client_bench --url http://127.0.0.1:PORT/v1 --requests 100000 --in-flight 512 [--baseline]
//
// Prints one JSON line: {"client", "requests", "in_flight", "seconds", "requests_per_s",
// "cpu_seconds", "cpu_us_per_request", "errors"}.
#include <curl/curl.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "refinery/llm/client.h"
#include "refinery/llm/protocol.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

refinery::ChatRequest Request(int i) {
  refinery::ChatRequest r;
  r.messages = {{"user", "Rewrite.\n<document>\nrecord " + std::to_string(i) + ": contact jane" +
                             std::to_string(i) + "@mailhost.com about the invoice.\n</document>"}};
  r.sampling["temperature"] = 0;
  r.sampling["max_tokens"] = 64;
  r.stop_marker = "</refined>";  // sent as `stop` only when streaming
  return r;
}

size_t Sink(char*, size_t s, size_t n, void*) { return s * n; }

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  int requests = 100000, in_flight = 512;
  bool baseline = false;
  bool stream = false;  // streamed replies (server-sent events) with the </refined> stop marker
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--url" && i + 1 < argc)
      url = argv[++i];
    else if (a == "--requests" && i + 1 < argc)
      requests = std::atoi(argv[++i]);
    else if (a == "--in-flight" && i + 1 < argc)
      in_flight = std::atoi(argv[++i]);
    else if (a == "--baseline")
      baseline = true;
    else if (a == "--stream")
      stream = true;
    else {
      std::fprintf(stderr,
                   "usage: llm_client_bench --url URL [--requests N] [--in-flight K] [--baseline] "
                   "[--stream]\n");
      return 2;
    }
  }
  if (url.empty()) {
    std::fprintf(stderr, "llm_client_bench: --url is required\n");
    return 2;
  }
  std::atomic<int> errors{0};
  double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  if (!baseline) {
    refinery::LlmEndpointConfig cfg;
    cfg.base_urls = {url};
    cfg.model = "bench";
    cfg.max_in_flight_per_endpoint = in_flight;
    cfg.stream = stream;
    refinery::CacheOptions cache;
    cache.enabled = false;
    auto client = refinery::LlmClient::Create(cfg, cache);
    if (!client.ok()) {
      std::fprintf(stderr, "llm_client_bench: %s\n",
                   std::string(client.status().message()).c_str());
      return 2;
    }
    // Keep `in_flight` requests outstanding: each completion submits the next one.
    std::mutex mu;
    std::condition_variable cv;
    std::atomic<int> next{0};
    int finished = 0;
    std::function<void(refinery::StatusOr<refinery::ChatResponse>)> on_done;
    on_done = [&](refinery::StatusOr<refinery::ChatResponse> r) {
      if (!r.ok()) errors++;
      int i = next++;
      if (i < requests) (*client)->Submit(Request(i), on_done);
      std::lock_guard<std::mutex> lock(mu);
      if (++finished == requests) cv.notify_all();
    };
    for (int k = 0; k < in_flight && k < requests; ++k) (*client)->Submit(Request(next++), on_done);
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return finished == requests; });
  } else {
    std::string endpoint = url + "/chat/completions";
    std::atomic<int> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < in_flight; ++t) {
      threads.emplace_back([&] {
        CURL* e = curl_easy_init();
        curl_slist* h = curl_slist_append(nullptr, "Content-Type: application/json");
        h = curl_slist_append(h, "Expect:");
        curl_easy_setopt(e, CURLOPT_URL, endpoint.c_str());
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, Sink);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        while (true) {
          int i = next++;
          if (i >= requests) break;
          std::string body = refinery::llm::BuildRequestBody(Request(i), "bench").dump();
          curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.c_str());
          curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
          long status = 0;
          if (curl_easy_perform(e) != CURLE_OK ||
              curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200) {
            errors++;
          }
        }
        curl_slist_free_all(h);
        curl_easy_cleanup(e);
      });
    }
    for (auto& t : threads) t.join();
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = CpuSeconds() - cpu0;
  std::printf(
      "{\"client\":\"%s\",\"requests\":%d,\"in_flight\":%d,\"seconds\":%.3f,"
      "\"requests_per_s\":%.0f,\"cpu_seconds\":%.3f,\"cpu_us_per_request\":%.1f,\"errors\":%d}\n",
      baseline ? "blocking-easy-threads"
      : stream ? "refinery-llm-client-stream"
               : "refinery-llm-client",
      requests, in_flight, secs, requests / secs, cpu, cpu / requests * 1e6, errors.load());
  return errors.load() == 0 ? 0 : 1;
}
