// The LLM client's event loop: one thread drives a libcurl multi handle.
//
// Jobs (one logical request each) move between: `incoming_` (submitted, guarded by a mutex),
// `pending_` (waiting for an endpoint slot), `in_flight_` (a curl transfer), `timers_` (waiting
// out a backoff) and `finished_` (answered or failed; the cache is written for the whole group
// in one transaction before their callbacks run, so an answer delivered is an answer stored).
#include "refinery/llm/client.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "refinery/llm/cache.h"
#include "refinery/llm/curl_library.h"
#include "refinery/llm/protocol.h"

namespace refinery {

using Clock = std::chrono::steady_clock;

std::string DefaultCachePath() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg != '\0') return std::string(xdg) + "/refinery/llm-cache.sqlite";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr && *home != '\0' ? home : ".") +
         "/.cache/refinery/llm-cache.sqlite";
}

Json LlmStats::ToJson() const {
  return Json{{"submitted", submitted},
              {"completed_ok", completed_ok},
              {"failed", failed},
              {"http_requests", http_requests},
              {"cache_hits", cache_hits},
              {"cache_misses", cache_misses},
              {"retries", retries},
              {"retries_by_cause",
               {{"429", retries_429},
                {"5xx", retries_5xx},
                {"connection", retries_connect},
                {"timeout", retries_timeout},
                {"malformed", retries_malformed}}},
              {"n_fallbacks", n_fallbacks},
              {"streamed", streamed},
              {"stopped_early", stopped_early},
              {"output_capped", output_capped},
              {"stream_errors", stream_errors},
              {"usage_estimated", usage_estimated},
              {"prompt_tokens", prompt_tokens},
              {"completion_tokens", completion_tokens}};
}

namespace {

// libcurl's functions. LlmClient::Create loads them (and returns the error when it cannot)
// before any other function of this file runs, so here they are always there.
const llm::CurlLibrary& Curl() { return **llm::LoadCurl(); }

struct Endpoint {
  std::string base;
  std::string chat_url;
  std::string completions_url;
  int outstanding = 0;
  int consecutive_failures = 0;
  double rest_s = 0;
  Clock::time_point rest_until{};
  // Until an endpoint has answered (at start and after a rest) it gets one request at a time,
  // so a dead endpoint fails one request, not a full window of them.
  bool probing = true;
};

struct Job {
  ChatRequest request;
  std::string body;
  std::string cache_key;  // "" = do not write the cache
  int n = 1;
  LlmClient::Callback done;
  int attempts = 0;
  // Per attempt:
  CURL* easy = nullptr;
  Endpoint* endpoint = nullptr;
  std::string response;
  std::string content_type;
  std::optional<double> retry_after, retry_after_ms;
  bool switched_max_tokens = false;  // resent once with max_completion_tokens
  bool first_byte = false;
  Clock::time_point sent_at{};
  std::string last_error;
  // Streaming, per attempt:
  bool streaming = false;                     // the body asked for a stream
  bool sent_stop = false;                     // the body carries the stop marker as `stop`
  long status = 0;                            // from the status line
  std::unique_ptr<llm::StreamReader> reader;  // reused (Impl::free_readers)
  bool streamed_reply = false;                // a 2xx event stream started: read by `reader`
  bool stopped_early = false;                 // the client cut the transfer
  Clock::time_point last_byte{};
  std::vector<size_t> scanned;  // per choice: answer bytes already searched for the marker
};

// Where the answer starts in a streamed choice: after "</think>" when the text opens with
// "<think>" (npos while still thinking), else 0.
size_t AnswerStart(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || text.compare(i, 7, "<think>") != 0) return 0;
  size_t close = text.find("</think>", i + 7);
  return close == std::string_view::npos ? std::string_view::npos : close + 8;
}

// After new stream bytes: ends the choices that reached the stop marker or the byte cap.
// True when every choice is over and the client ended at least one (cancel the transfer).
bool StreamShouldStop(Job& job) {
  const std::string& marker = job.request.stop_marker;
  // Without a cap of the caller's, a hostile or broken stream still stops at 64 MiB (the
  // bound of an unstreamed reply).
  size_t cap = job.request.max_output_bytes > 0 ? job.request.max_output_bytes : (64u << 20);
  auto& choices = job.reader->choices();
  if (static_cast<int>(choices.size()) < job.n) return false;
  job.scanned.resize(choices.size(), 0);
  bool all_over = true, cut_any = false;
  for (size_t i = 0; i < choices.size(); ++i) {
    llm::StreamReader::Choice& c = choices[i];
    if (!c.finish_reason.empty()) {
      cut_any = cut_any || c.finish_reason == "output_cap" || job.scanned[i] == SIZE_MAX;
      continue;
    }
    size_t start = AnswerStart(c.content);
    if (start == std::string::npos) {
      all_over = false;
      continue;
    }
    if (!marker.empty()) {
      size_t from =
          std::max(start, job.scanned[i] >= marker.size() ? job.scanned[i] - marker.size() + 1 : 0);
      size_t at = c.content.find(marker, from);
      if (at != std::string::npos) {
        c.content.resize(at + marker.size());
        c.finish_reason = "stop";
        job.scanned[i] = SIZE_MAX;  // ended by the client
        cut_any = true;
        continue;
      }
    }
    if (c.content.size() - start > cap) {
      c.content.resize(start + cap);
      c.finish_reason = "output_cap";
      cut_any = true;
      continue;
    }
    job.scanned[i] = c.content.size();
    all_over = false;
  }
  return all_over && cut_any;
}

enum class Cause { kNone, k429, k5xx, kConnect, kTimeout, kMalformed };

struct Counters {
  std::atomic<uint64_t> submitted{0}, completed_ok{0}, failed{0}, http_requests{0}, cache_hits{0},
      cache_misses{0}, retries{0}, retries_429{0}, retries_5xx{0}, retries_connect{0},
      retries_timeout{0}, retries_malformed{0}, n_fallbacks{0}, streamed{0}, stopped_early{0},
      output_capped{0}, stream_errors{0}, usage_estimated{0}, prompt_tokens{0},
      completion_tokens{0}, in_flight{0}, queued{0};
};

size_t WriteBody(char* data, size_t size, size_t nmemb, void* user) {
  auto* job = static_cast<Job*>(user);
  job->first_byte = true;
  if (job->streaming && job->status >= 200 && job->status < 300 &&
      job->content_type.find("event-stream") != std::string::npos) {
    job->last_byte = Clock::now();
    if (!job->streamed_reply) {
      bool completions = job->request.use_completions_endpoint;
      if (!job->reader) {
        job->reader = std::make_unique<llm::StreamReader>(completions);
      } else {
        job->reader->Reset(completions);
      }
      job->streamed_reply = true;
    }
    job->reader->Feed(std::string_view(data, size * nmemb));
    if (StreamShouldStop(*job)) {
      job->stopped_early = true;
      return 0;  // libcurl ends the transfer (CURLE_WRITE_ERROR) and closes its connection
    }
    return size * nmemb;
  }
  // Bound memory on a hostile server: replies over 64 MiB are cut (and then fail to parse).
  if (job->response.size() < (64u << 20)) job->response.append(data, size * nmemb);
  return size * nmemb;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

size_t WriteHeader(char* data, size_t size, size_t nmemb, void* user) {
  auto* job = static_cast<Job*>(user);
  job->first_byte = true;
  std::string_view line(data, size * nmemb);
  if (StartsWithNoCase(line, "http/")) {  // a new status line: forget earlier headers
    size_t sp = line.find(' ');
    job->status =
        sp == std::string_view::npos ? 0 : std::atol(std::string(line.substr(sp + 1, 4)).c_str());
    job->content_type.clear();
    job->retry_after.reset();
    job->retry_after_ms.reset();
  } else if (StartsWithNoCase(line, "content-type:")) {
    job->content_type = std::string(line.substr(13));
  } else if (StartsWithNoCase(line, "retry-after-ms:")) {
    // OpenAI and Azure send milliseconds here as well as whole seconds in Retry-After; the
    // finer one wins.
    if (auto ms = llm::ParseRetryAfter(line.substr(15), 0)) job->retry_after_ms = *ms / 1000.0;
  } else if (StartsWithNoCase(line, "retry-after:")) {
    job->retry_after =
        llm::ParseRetryAfter(line.substr(12), static_cast<int64_t>(std::time(nullptr)));
  }
  return size * nmemb;
}

std::string NormalizeBase(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  size_t scheme = url.find("://");
  if (scheme != std::string::npos && url.find('/', scheme + 3) == std::string::npos) url += "/v1";
  return url;
}

}  // namespace

class LlmClient::Impl {
 public:
  LlmEndpointConfig config;
  std::unique_ptr<llm::LlmCache> cache;
  std::vector<std::unique_ptr<Endpoint>> endpoints;
  curl_slist* headers = nullptr;
  CURLM* multi = nullptr;
  Counters counters;
  std::atomic<bool> refuses_n{false};
  std::atomic<bool> use_max_completion_tokens{false};

  std::atomic<bool> refuses_stop{false};

  // The body as sent: `max_tokens` renamed once the server asked for max_completion_tokens,
  // and the stream fields (not part of the cache key: a streamed reply is the same reply).
  std::string Body(const ChatRequest& request, bool* sent_stop) const {
    return BodyText(llm::BuildRequestBody(request, config.model), request, sent_stop);
  }
  std::string BodyText(Json body, const ChatRequest& request, bool* sent_stop) const {
    if (use_max_completion_tokens && body.contains("max_tokens")) {
      body["max_completion_tokens"] = body["max_tokens"];
      body.erase("max_tokens");
    }
    *sent_stop = false;
    if (config.stream) {
      body["stream"] = true;
      body["stream_options"] = Json{{"include_usage", true}};
      if (config.send_stop && !refuses_stop && !request.stop_marker.empty()) {
        Json& stop = body["stop"];
        if (stop.is_string()) stop = Json::array({stop});
        if (!stop.is_array()) stop = Json::array();
        if (std::find(stop.begin(), stop.end(), Json(request.stop_marker)) == stop.end()) {
          stop.push_back(request.stop_marker);
        }
        *sent_stop = true;
      }
    }
    return llm::RequestText(body);
  }

  // A reply worth replaying: not cut by max_tokens and with text in every choice.
  static bool Cacheable(const ChatResponse& r) {
    for (const std::string& f : r.finish_reasons) {
      if (f == "length" || f == "output_cap") return false;
    }
    for (const std::string& c : r.choices) {
      if (c.empty()) return false;
    }
    return !r.choices.empty();
  }

  std::mutex mu;  // guards incoming and stopping
  std::deque<std::unique_ptr<Job>> incoming;
  bool stopping = false;
  std::thread loop;

  // Loop thread only:
  std::deque<std::unique_ptr<Job>> pending;
  std::unordered_map<Job*, std::unique_ptr<Job>> in_flight;
  std::multimap<Clock::time_point, std::unique_ptr<Job>> timers;
  std::vector<std::pair<std::unique_ptr<Job>, StatusOr<ChatResponse>>> finished;
  std::vector<CURL*> free_easy;
  // Stream readers of finished jobs: a reader's buffers (and its parsers) serve the next one.
  std::vector<std::unique_ptr<llm::StreamReader>> free_readers;
  std::mt19937_64 rng{std::random_device{}()};
  Clock::time_point last_scan{};

  LlmClient* owner = nullptr;

  // The event loop: libcurl tells which sockets to watch (SocketEvents) and when it next needs
  // a timeout call (TimerDeadline); the loop waits on them with epoll, so a wake-up costs what
  // it delivers, not a pass over every transfer in flight. `wake_fd` (an eventfd) ends a wait
  // when a request is submitted or the client shuts down.
  int epoll_fd = -1;
  int wake_fd = -1;
  std::optional<Clock::time_point> curl_deadline;

  static int SocketEvents(CURL*, curl_socket_t s, int what, void* user, void*) {
    auto* im = static_cast<Impl*>(user);
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(im->epoll_fd, EPOLL_CTL_DEL, s, nullptr);
      return 0;
    }
    epoll_event ev{};
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    ev.data.fd = s;
    if (epoll_ctl(im->epoll_fd, EPOLL_CTL_MOD, s, &ev) != 0) {
      epoll_ctl(im->epoll_fd, EPOLL_CTL_ADD, s, &ev);
    }
    return 0;
  }

  static int TimerDeadline(CURLM*, long timeout_ms, void* user) {
    auto* im = static_cast<Impl*>(user);
    if (timeout_ms < 0) {
      im->curl_deadline.reset();
    } else {
      im->curl_deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  void Wake() {
    uint64_t one = 1;
    ssize_t n = write(wake_fd, &one, sizeof(one));
    (void)n;  // a full counter (EAGAIN) already wakes the loop
  }

  ~Impl() {
    for (CURL* e : free_easy) Curl().easy_cleanup(e);
    if (multi) Curl().multi_cleanup(multi);
    if (headers) Curl().slist_free_all(headers);
    if (epoll_fd >= 0) close(epoll_fd);
    if (wake_fd >= 0) close(wake_fd);
  }

  void Enqueue(std::unique_ptr<Job> job) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!stopping) {
        incoming.push_back(std::move(job));
        counters.queued++;
        job = nullptr;
      }
    }
    if (job) {
      counters.failed++;
      job->done(absl::CancelledError("llm client is shutting down"));
      return;
    }
    Wake();
  }

  Endpoint* PickEndpoint(Clock::time_point now) {
    Endpoint* best = nullptr;
    for (auto& ep : endpoints) {
      int cap = ep->probing ? 1 : config.max_in_flight_per_endpoint;
      if (ep->outstanding >= cap) continue;
      if (ep->rest_until > now) continue;
      if (best == nullptr || ep->outstanding < best->outstanding ||
          (ep->outstanding == best->outstanding &&
           ep->consecutive_failures < best->consecutive_failures)) {
        best = ep.get();
      }
    }
    return best;
  }

  void Start(std::unique_ptr<Job> job, Endpoint* ep, Clock::time_point now) {
    CURL* e;
    if (!free_easy.empty()) {
      e = free_easy.back();
      free_easy.pop_back();
      Curl().easy_reset(e);
    } else {
      e = Curl().easy_init();
    }
    Job* j = job.get();
    j->easy = e;
    j->endpoint = ep;
    j->response.clear();
    j->content_type.clear();
    j->retry_after.reset();
    j->retry_after_ms.reset();
    j->first_byte = false;
    j->sent_at = now;
    j->streaming = config.stream;
    j->status = 0;
    j->streamed_reply = false;
    if (config.stream && !j->reader && !free_readers.empty()) {
      j->reader = std::move(free_readers.back());
      free_readers.pop_back();
    }
    j->stopped_early = false;
    j->last_byte = now;
    j->scanned.clear();
    j->attempts++;
    const std::string& url =
        j->request.use_completions_endpoint ? ep->completions_url : ep->chat_url;
    Curl().easy_setopt(e, CURLOPT_URL, url.c_str());
    Curl().easy_setopt(e, CURLOPT_POST, 1L);
    Curl().easy_setopt(e, CURLOPT_POSTFIELDS, j->body.data());
    Curl().easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(j->body.size()));
    Curl().easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    Curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteBody);
    Curl().easy_setopt(e, CURLOPT_WRITEDATA, j);
    Curl().easy_setopt(e, CURLOPT_HEADERFUNCTION, WriteHeader);
    Curl().easy_setopt(e, CURLOPT_HEADERDATA, j);
    Curl().easy_setopt(e, CURLOPT_PRIVATE, j);
    Curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    Curl().easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    Curl().easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    Curl().easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                       static_cast<long>(config.connect_timeout_s * 1000));
    Curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(config.total_timeout_s * 1000));
    Curl().easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    ep->outstanding++;
    counters.http_requests++;
    counters.in_flight++;
    in_flight.emplace(j, std::move(job));
    Curl().multi_add_handle(multi, e);
  }

  void Dispatch(Clock::time_point now) {
    while (!pending.empty()) {
      Endpoint* ep = PickEndpoint(now);
      if (ep == nullptr) return;
      std::unique_ptr<Job> job = std::move(pending.front());
      pending.pop_front();
      Start(std::move(job), ep, now);
    }
  }

  std::unique_ptr<Job> Detach(Job* j) {
    auto it = in_flight.find(j);
    std::unique_ptr<Job> job = std::move(it->second);
    in_flight.erase(it);
    Curl().multi_remove_handle(multi, j->easy);
    free_easy.push_back(j->easy);
    j->easy = nullptr;
    j->endpoint->outstanding--;
    counters.in_flight--;
    return job;
  }

  void Fail(std::unique_ptr<Job> job, Status status) {
    finished.emplace_back(std::move(job), std::move(status));
  }

  void Retry(std::unique_ptr<Job> job, Cause cause, std::string what, Clock::time_point now) {
    Endpoint* ep = job->endpoint;
    ep->consecutive_failures++;
    if (ep->consecutive_failures >= config.endpoint_failure_threshold) {
      ep->rest_s =
          ep->rest_s == 0
              ? config.endpoint_rest_s
              : std::min(ep->rest_s * 2, std::max(config.backoff_max_s, config.endpoint_rest_s));
      ep->rest_until = now + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(ep->rest_s));
      ep->consecutive_failures = 0;
      ep->probing = true;
    }
    job->last_error = std::move(what);
    if (job->attempts > config.max_retries) {
      Fail(std::move(job),
           absl::UnavailableError(fmt::format("LLM request failed after {} attempts; last: {}",
                                              job->attempts, job->last_error)));
      return;
    }
    counters.retries++;
    // Retries per cause, in Cause's order (kNone has no counter of its own).
    static constexpr std::atomic<uint64_t> Counters::*kRetriesBy[] = {nullptr,
                                                                      &Counters::retries_429,
                                                                      &Counters::retries_5xx,
                                                                      &Counters::retries_connect,
                                                                      &Counters::retries_timeout,
                                                                      &Counters::retries_malformed};
    static_assert(std::size(kRetriesBy) == static_cast<size_t>(Cause::kMalformed) + 1);
    if (auto by = kRetriesBy[static_cast<size_t>(cause)]) (counters.*by)++;
    std::optional<double> asked = job->retry_after_ms ? job->retry_after_ms : job->retry_after;
    double delay = asked ? std::min(*asked, config.backoff_max_s)
                         : llm::BackoffDelay(job->attempts, config.backoff_initial_s,
                                             config.backoff_max_s, rng);
    auto when =
        now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(delay));
    counters.queued++;
    timers.emplace(when, std::move(job));
  }

  // A server that refuses n > 1 (or answers with fewer choices): resend as n requests.
  void SplitN(std::unique_ptr<Job> job) {
    refuses_n = true;
    ChatRequest req = std::move(job->request);
    Callback done = std::move(job->done);
    counters.submitted--;  // the resubmission counts it again
    owner->Submit(std::move(req), std::move(done));
  }

  void OnDone(CURL* e, CURLcode result, Clock::time_point now) {
    Job* raw = nullptr;
    Curl().easy_getinfo(e, CURLINFO_PRIVATE, reinterpret_cast<char**>(&raw));
    std::unique_ptr<Job> job = Detach(raw);
    Endpoint* ep = job->endpoint;
    bool cut = result == CURLE_WRITE_ERROR && job->stopped_early;  // the client ended it
    if (result != CURLE_OK && !cut) {
      Cause cause = result == CURLE_OPERATION_TIMEDOUT ? Cause::kTimeout : Cause::kConnect;
      if (result == CURLE_UNSUPPORTED_PROTOCOL || result == CURLE_URL_MALFORMAT ||
          result == CURLE_PEER_FAILED_VERIFICATION || result == CURLE_SSL_CACERT_BADFILE ||
          result == CURLE_SSL_CERTPROBLEM) {
        Fail(std::move(job), absl::InvalidArgumentError(fmt::format("LLM endpoint {}: {}", ep->base,
                                                                    Curl().easy_strerror(result))));
        return;
      }
      Retry(std::move(job), cause, fmt::format("{}: {}", ep->base, Curl().easy_strerror(result)),
            now);
      return;
    }
    long status = 0;
    Curl().easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    if (status == 429) {
      // `insufficient_quota` is a 429 too, but no wait will help: fail at once.
      Status s = llm::ClassifyHttpError(status, job->response, ep->base);
      if (absl::IsFailedPrecondition(s)) {
        ep->probing = false;
        Fail(std::move(job), std::move(s));
        return;
      }
      Retry(std::move(job), Cause::k429, fmt::format("HTTP 429 from {}", ep->base), now);
      return;
    }
    if (job->n > 1 && status == 500) {  // old llama-server builds refuse n > 1 with a 500
      ep->consecutive_failures = 0;
      SplitN(std::move(job));
      return;
    }
    if (status >= 500 || status == 408) {
      std::string what = fmt::format("HTTP {} from {}: {}", status, ep->base,
                                     llm::ServerErrorMessage(job->response));
      Retry(std::move(job), status == 408 ? Cause::kTimeout : Cause::k5xx, std::move(what), now);
      return;
    }
    if (status < 200 || status >= 300) {
      if (job->n > 1 && (status == 400 || status == 422)) {
        ep->consecutive_failures = 0;
        SplitN(std::move(job));
        return;
      }
      ep->consecutive_failures = 0;
      ep->probing = false;
      if (status == 400 && job->sent_stop && llm::RefusesParameter(job->response, "stop")) {
        // OpenAI reasoning models refuse `stop`: the client ends at the marker itself.
        refuses_stop = true;
        job->body = Body(job->request, &job->sent_stop);
        pending.push_front(std::move(job));
        return;
      }
      if (status == 400 && !job->switched_max_tokens &&
          llm::AsksForMaxCompletionTokens(job->response)) {
        // Reasoning models take max_completion_tokens; remember it for every later request.
        use_max_completion_tokens = true;
        job->switched_max_tokens = true;
        job->body = Body(job->request, &job->sent_stop);
        pending.push_front(std::move(job));
        return;
      }
      Fail(std::move(job),
           llm::ClassifyHttpError(
               status, job->response,
               job->request.use_completions_endpoint ? ep->completions_url : ep->chat_url));
      return;
    }
    StatusOr<ChatResponse> parsed = absl::UnknownError("unset");
    if (job->streamed_reply) {
      counters.streamed++;
      if (!cut) job->reader->Close();
      if (const auto& err = job->reader->error()) {
        counters.stream_errors++;
        Retry(std::move(job), Cause::k5xx,
              fmt::format("{}: error event in the reply stream: {}", ep->base, *err), now);
        return;
      }
      parsed = StreamResponse(*job, cut);
      if (parsed.ok() && job->sent_stop && StoppedInsideThinking(*parsed)) {
        // The server stopped at the marker inside the reasoning (a thinking model drafting
        // in the tags): no more `stop` for this run; the client ends at the answer's marker.
        refuses_stop = true;
        job->body = Body(job->request, &job->sent_stop);
        pending.push_front(std::move(job));
        return;
      }
    } else if (job->content_type.find("json") == std::string::npos) {
      Retry(std::move(job), Cause::kMalformed,
            fmt::format("{}: reply content type is not JSON", ep->base), now);
      return;
    } else {
      parsed = llm::ParseResponseBody(job->response, job->request.use_completions_endpoint);
    }
    if (!parsed.ok()) {
      Retry(std::move(job), Cause::kMalformed,
            fmt::format("{}: {}", ep->base, std::string(parsed.status().message())), now);
      return;
    }
    ep->consecutive_failures = 0;
    ep->rest_s = 0;
    ep->probing = false;
    if (job->n > 1 && static_cast<int>(parsed->choices.size()) < job->n) {
      counters.prompt_tokens += static_cast<uint64_t>(std::max<int64_t>(0, parsed->prompt_tokens));
      counters.completion_tokens +=
          static_cast<uint64_t>(std::max<int64_t>(0, parsed->completion_tokens));
      SplitN(std::move(job));
      return;
    }
    parsed->attempts = job->attempts;
    counters.prompt_tokens += static_cast<uint64_t>(std::max<int64_t>(0, parsed->prompt_tokens));
    counters.completion_tokens +=
        static_cast<uint64_t>(std::max<int64_t>(0, parsed->completion_tokens));
    finished.emplace_back(std::move(job), std::move(parsed));
  }

  // A choice that ended on "stop" while its opening <think> block was still open.
  static bool StoppedInsideThinking(const ChatResponse& r) {
    for (size_t i = 0; i < r.choices.size(); ++i) {
      if (r.finish_reasons[i] == "stop" && AnswerStart(r.choices[i]) == std::string::npos) {
        return true;
      }
    }
    return false;
  }

  // The response of a finished (or client-ended) stream.
  StatusOr<ChatResponse> StreamResponse(Job& job, bool cut) {
    llm::StreamReader& rd = *job.reader;
    if (rd.choices().empty()) return absl::DataLossError("reply stream has no choices");
    ChatResponse r;
    const std::string& marker = job.request.stop_marker;
    for (llm::StreamReader::Choice& c : rd.choices()) {
      if (c.finish_reason.empty() && !rd.done()) {
        return absl::DataLossError("reply stream ended before the reply did");
      }
      if (c.finish_reason == "output_cap") counters.output_capped++;
      // Servers leave the stop string out of the text: put the marker back when the server
      // stopped on it (vLLM says which string in stop_reason; others only say "stop").
      if (job.sent_stop && c.finish_reason == "stop" && !marker.empty() &&
          (!c.stop_reason || *c.stop_reason == marker)) {
        size_t start = AnswerStart(c.content);
        if (start != std::string::npos && c.content.find(marker, start) == std::string::npos &&
            c.content.find_first_not_of(" \t\r\n", start) != std::string::npos) {
          c.content += marker;
        }
      }
      r.choices.push_back(std::move(c.content));
      r.finish_reasons.push_back(std::move(c.finish_reason));
    }
    if (rd.has_usage()) {
      r.prompt_tokens = rd.prompt_tokens();
      r.completion_tokens = rd.completion_tokens();
    } else {
      // Cut before the usage chunk (or a server that sends none): estimates, flagged.
      size_t out = 0;
      for (const llm::StreamReader::Choice& c : rd.choices()) out += c.reasoning_bytes;
      for (const std::string& c : r.choices) out += c.size();
      r.prompt_tokens = static_cast<int64_t>(job.body.size() / 4 + 1);
      r.completion_tokens = static_cast<int64_t>(out / 4 + 1);
      r.usage_estimated = true;
      counters.usage_estimated++;
    }
    if (cut) counters.stopped_early++;
    r.model = rd.model();
    return r;
  }

  // Aborts transfers that got no byte within the first-byte timeout, and streams that went
  // silent for as long.
  void ScanFirstByte(Clock::time_point now) {
    if (now - last_scan < std::chrono::milliseconds(50)) return;
    last_scan = now;
    auto limit = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(config.first_byte_timeout_s));
    std::vector<Job*> late;
    for (auto& [j, job] : in_flight) {
      if (!j->first_byte && now - j->sent_at > limit) late.push_back(j);
      if (j->streamed_reply && now - j->last_byte > limit) late.push_back(j);
    }
    for (Job* j : late) {
      std::unique_ptr<Job> job = Detach(j);
      std::string base = job->endpoint->base;
      const char* what = job->first_byte ? "reply stream silent for" : "no reply within";
      Retry(std::move(job), Cause::kTimeout,
            fmt::format("{}: {} the first-byte timeout ({} s)", base, what,
                        config.first_byte_timeout_s),
            now);
    }
  }

  void Complete() {
    if (finished.empty()) return;
    if (cache) {
      std::vector<std::pair<std::string, std::string>> entries;
      for (auto& [job, r] : finished) {
        if (!r.ok() || job->cache_key.empty()) continue;
        if (job->request.defer_cache_write) {
          r->cache_key = job->cache_key;  // the caller stores it once it accepted the reply
        } else if (Cacheable(*r)) {
          entries.emplace_back(job->cache_key, llm::ResponseToCacheValue(*r));
        }
      }
      Status s = cache->PutMany(entries);
      (void)s;  // a cache that cannot be written only costs a resend later
    }
    auto batch = std::move(finished);
    finished.clear();
    for (auto& [job, r] : batch) {
      if (job->reader && free_readers.size() < 4096) free_readers.push_back(std::move(job->reader));
      if (r.ok()) {
        counters.completed_ok++;
      } else {
        counters.failed++;
      }
      job->done(std::move(r));
    }
  }

  void Run() {
    while (true) {
      bool stop;
      {
        std::lock_guard<std::mutex> lock(mu);
        stop = stopping;
        for (auto& j : incoming) pending.push_back(std::move(j));
        incoming.clear();
      }
      if (stop) break;
      Clock::time_point now = Clock::now();
      while (!timers.empty() && timers.begin()->first <= now) {
        pending.push_back(std::move(timers.begin()->second));
        timers.erase(timers.begin());
      }
      size_t before = pending.size();
      Dispatch(now);
      counters.queued -= before - pending.size();
      int running = 0;
      if (curl_deadline && *curl_deadline <= Clock::now()) {
        curl_deadline.reset();
        Curl().multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
      }
      bool any = false;
      int left = 0;
      while (CURLMsg* msg = Curl().multi_info_read(multi, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        any = true;
        OnDone(msg->easy_handle, msg->data.result, now);
      }
      ScanFirstByte(now);
      Complete();
      if (any) continue;  // drain before polling: new slots may be free now
      int timeout_ms = 1000;
      if (!in_flight.empty()) timeout_ms = 50;
      if (!timers.empty()) {
        auto d = std::chrono::duration_cast<std::chrono::milliseconds>(timers.begin()->first - now)
                     .count();
        timeout_ms = static_cast<int>(std::clamp<int64_t>(d, 0, timeout_ms));
      }
      if (!pending.empty()) {
        for (auto& ep : endpoints) {
          if (ep->rest_until > now) {
            auto d =
                std::chrono::duration_cast<std::chrono::milliseconds>(ep->rest_until - now).count();
            timeout_ms = static_cast<int>(std::clamp<int64_t>(d + 1, 0, timeout_ms));
          }
        }
      }
      if (curl_deadline) {
        auto d =
            std::chrono::duration_cast<std::chrono::milliseconds>(*curl_deadline - now).count();
        timeout_ms = static_cast<int>(std::clamp<int64_t>(d, 0, timeout_ms));
      }
      epoll_event events[256];
      int n = epoll_wait(epoll_fd, events, 256, timeout_ms);
      for (int i = 0; i < n; ++i) {
        if (events[i].data.fd == wake_fd) {
          uint64_t count;
          ssize_t r = read(wake_fd, &count, sizeof(count));
          (void)r;
          continue;
        }
        int flags = 0;
        if (events[i].events & EPOLLIN) flags |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT) flags |= CURL_CSELECT_OUT;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) flags |= CURL_CSELECT_ERR;
        Curl().multi_socket_action(multi, events[i].data.fd, flags, &running);
      }
    }
    // Shutting down: everything still pending is cancelled.
    std::vector<std::unique_ptr<Job>> rest;
    for (auto& j : pending) rest.push_back(std::move(j));
    for (auto& [t, j] : timers) rest.push_back(std::move(j));
    std::vector<Job*> live;
    for (auto& [j, job] : in_flight) live.push_back(j);
    for (Job* j : live) rest.push_back(Detach(j));
    {
      std::lock_guard<std::mutex> lock(mu);
      for (auto& j : incoming) rest.push_back(std::move(j));
      incoming.clear();
    }
    pending.clear();
    timers.clear();
    Complete();
    for (auto& j : rest) {
      counters.failed++;
      j->done(absl::CancelledError("llm client shut down before the request finished"));
    }
  }
};

LlmClient::LlmClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

StatusOr<std::shared_ptr<LlmClient>> LlmClient::Create(LlmEndpointConfig config,
                                                       CacheOptions cache_options) {
  // libcurl is loaded here, before any other code of this file calls it (see Curl()).
  RETURN_IF_ERROR(llm::LoadCurl().status());
  if (config.base_urls.empty()) {
    return absl::InvalidArgumentError("llm: no endpoint URL given (--llm URL)");
  }
  if (config.model.empty()) return absl::InvalidArgumentError("llm: no model given (--model)");
  if (config.max_in_flight_per_endpoint < 1) {
    return absl::InvalidArgumentError("llm: max_in_flight must be at least 1");
  }
  if (config.max_retries < 0) return absl::InvalidArgumentError("llm: max_retries must be >= 0");
  auto impl = std::make_unique<Impl>();
  for (const std::string& url : config.base_urls) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return absl::InvalidArgumentError("llm: endpoint URL '" + url +
                                        "' must start with http:// or https://");
    }
    auto ep = std::make_unique<Endpoint>();
    ep->base = NormalizeBase(url);
    ep->chat_url = ep->base + "/chat/completions";
    ep->completions_url = ep->base + "/completions";
    impl->endpoints.push_back(std::move(ep));
  }
  impl->headers = Curl().slist_append(impl->headers, "Content-Type: application/json");
  impl->headers = Curl().slist_append(impl->headers, "Accept: application/json");
  impl->headers = Curl().slist_append(impl->headers, "Expect:");
  if (!config.api_key_env.empty()) {
    const char* key = std::getenv(config.api_key_env.c_str());
    if (key == nullptr || *key == '\0') {
      return absl::InvalidArgumentError("llm: environment variable " + config.api_key_env +
                                        " (the API key) is not set");
    }
    std::string header = std::string("Authorization: Bearer ") + key;
    impl->headers = Curl().slist_append(impl->headers, header.c_str());
    std::fill(header.begin(), header.end(), '\0');
  }
  for (const std::string& h : config.extra_headers) {
    impl->headers = Curl().slist_append(impl->headers, h.c_str());
  }
  if (cache_options.enabled) {
    std::string path = cache_options.path.empty() ? DefaultCachePath() : cache_options.path;
    ASSIGN_OR_RETURN(impl->cache, llm::LlmCache::Open(path));
  }
  impl->multi = Curl().multi_init();
  impl->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  impl->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl->multi == nullptr || impl->epoll_fd < 0 || impl->wake_fd < 0) {
    return absl::InternalError("llm: cannot set up the client's event loop (curl, epoll)");
  }
  {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = impl->wake_fd;
    epoll_ctl(impl->epoll_fd, EPOLL_CTL_ADD, impl->wake_fd, &ev);
  }
  Curl().multi_setopt(impl->multi, CURLMOPT_SOCKETFUNCTION, &Impl::SocketEvents);
  Curl().multi_setopt(impl->multi, CURLMOPT_SOCKETDATA, impl.get());
  Curl().multi_setopt(impl->multi, CURLMOPT_TIMERFUNCTION, &Impl::TimerDeadline);
  Curl().multi_setopt(impl->multi, CURLMOPT_TIMERDATA, impl.get());
  long total = static_cast<long>(config.max_in_flight_per_endpoint * config.base_urls.size());
  Curl().multi_setopt(impl->multi, CURLMOPT_MAXCONNECTS, std::max(16L, total * 2));
  impl->config = std::move(config);
  std::shared_ptr<LlmClient> client(new LlmClient(std::move(impl)));
  client->impl_->owner = client.get();
  client->impl_->loop = std::thread([im = client->impl_.get()] { im->Run(); });
  return client;
}

LlmClient::~LlmClient() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->Wake();
  if (impl_->loop.joinable()) impl_->loop.join();
}

const LlmEndpointConfig& LlmClient::config() const { return impl_->config; }

std::string LlmClient::RequestBody(const ChatRequest& request) const {
  return llm::RequestText(llm::BuildRequestBody(request, impl_->config.model));
}

void LlmClient::Submit(ChatRequest request, Callback done) {
  Impl& im = *impl_;
  im.counters.submitted++;
  int n = 1;
  if (auto it = request.sampling.find("n"); it != request.sampling.end() && it->is_number()) {
    n = std::max(1, it->get<int>());
  }
  if (request.use_completions_endpoint ? false : request.messages.empty()) {
    im.counters.failed++;
    done(absl::InvalidArgumentError("llm: chat request without messages"));
    return;
  }
  if (n > 1 && im.refuses_n) {
    // n separate requests with n = 1 and seeds seed, seed+1, ...; answers in order.
    im.counters.n_fallbacks++;
    im.counters.submitted--;  // counted through the parts
    struct Agg {
      std::mutex mu;
      int remaining;
      std::vector<ChatResponse> parts;
      Status error;
      Callback done;
    };
    auto agg = std::make_shared<Agg>();
    agg->remaining = n;
    agg->parts.resize(n);
    agg->done = std::move(done);
    std::optional<int64_t> seed;
    if (auto it = request.sampling.find("seed"); it != request.sampling.end() && it->is_number()) {
      seed = it->get<int64_t>();
    }
    for (int i = 0; i < n; ++i) {
      ChatRequest part = request;
      part.sampling.erase("n");
      if (seed) part.sampling["seed"] = *seed + i;
      Submit(std::move(part), [agg, i](StatusOr<ChatResponse> r) {
        bool last;
        {
          std::lock_guard<std::mutex> lock(agg->mu);
          if (r.ok()) {
            agg->parts[i] = std::move(*r);
          } else if (agg->error.ok()) {
            agg->error = r.status();
          }
          last = --agg->remaining == 0;
        }
        if (!last) return;
        if (!agg->error.ok()) {
          agg->done(agg->error);
          return;
        }
        ChatResponse all;
        all.from_cache = true;
        for (ChatResponse& p : agg->parts) {
          for (size_t k = 0; k < p.choices.size() && k < 1; ++k) {
            all.choices.push_back(std::move(p.choices[k]));
            all.finish_reasons.push_back(k < p.finish_reasons.size() ? p.finish_reasons[k] : "");
          }
          all.prompt_tokens += p.prompt_tokens;
          all.completion_tokens += p.completion_tokens;
          all.from_cache = all.from_cache && p.from_cache;
          all.attempts += p.attempts;
          if (all.model.empty()) all.model = p.model;
        }
        agg->done(std::move(all));
      });
    }
    return;
  }
  auto job = std::make_unique<Job>();
  Json body = llm::BuildRequestBody(request, im.config.model);
  job->n = n;
  if (im.cache && !request.skip_cache) {
    job->cache_key = llm::CacheKey(body, request.use_completions_endpoint);
    if (std::optional<std::string> hit = im.cache->Get(job->cache_key)) {
      StatusOr<ChatResponse> r = llm::ResponseFromCacheValue(*hit);
      if (r.ok() && static_cast<int>(r->choices.size()) >= n) {
        im.counters.cache_hits++;
        im.counters.completed_ok++;
        done(std::move(r));
        return;
      }
    }
    im.counters.cache_misses++;
  }
  job->body = im.BodyText(std::move(body), request, &job->sent_stop);
  job->request = std::move(request);
  job->done = std::move(done);
  im.Enqueue(std::move(job));
}

StatusOr<ChatResponse> LlmClient::Call(ChatRequest request) {
  std::promise<StatusOr<ChatResponse>> promise;
  auto future = promise.get_future();
  Submit(std::move(request),
         [&promise](StatusOr<ChatResponse> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void LlmClient::Remember(const ChatResponse& response) {
  Impl& im = *impl_;
  if (!im.cache || response.cache_key.empty() || response.from_cache ||
      !Impl::Cacheable(response)) {
    return;
  }
  // Written before returning, so that a record that finished is a record whose reply is stored
  // (a rerun right after finds it).
  Status s = im.cache->PutMany({{response.cache_key, llm::ResponseToCacheValue(response)}});
  (void)s;  // a cache that cannot be written only costs a resend later
}

namespace {

struct HttpGetResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

HttpGetResult HttpGet(const std::string& url, curl_slist* headers, double timeout_s) {
  HttpGetResult r;
  CURL* e = Curl().easy_init();
  Curl().easy_setopt(e, CURLOPT_URL, url.c_str());
  Curl().easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  Curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  Curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_s * 1000));
  Curl().easy_setopt(
      e, CURLOPT_WRITEFUNCTION, +[](char* d, size_t size, size_t n, void* user) -> size_t {
        auto* out = static_cast<std::string*>(user);
        if (out->size() < (16u << 20)) out->append(d, size * n);
        return size * n;
      });
  Curl().easy_setopt(e, CURLOPT_WRITEDATA, &r.body);
  r.code = Curl().easy_perform(e);
  Curl().easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r.status);
  Curl().easy_cleanup(e);
  return r;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

StatusOr<ServerInfo> LlmClient::Probe(double timeout_s) const {
  const Impl& im = *impl_;
  ServerInfo info;
  const std::string& model = im.config.model;
  for (const auto& ep : im.endpoints) {
    if (EndsWith(ep->base, "/chat/completions") || EndsWith(ep->base, "/completions")) {
      return absl::InvalidArgumentError(
          fmt::format("--llm {}: give the server's base URL (e.g. http://127.0.0.1:8000/v1), "
                      "not an endpoint",
                      ep->base));
    }
    HttpGetResult m = HttpGet(ep->base + "/models", im.headers, timeout_s);
    if (m.code != CURLE_OK) {
      return absl::UnavailableError(fmt::format("LLM endpoint {} cannot be reached: {}", ep->base,
                                                Curl().easy_strerror(m.code)));
    }
    if (m.status < 200 || m.status >= 300) {
      Status s = llm::ClassifyHttpError(m.status, m.body, ep->base + "/models");
      if (m.status == 404) {
        return absl::NotFoundError(std::string(s.message()) +
                                   " (is --llm the server's base URL, e.g. http://host:8000/v1?)");
      }
      return s;
    }
    Json j = Json::parse(m.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("data") || !j["data"].is_array()) {
      return absl::FailedPreconditionError(
          fmt::format("{}/models did not answer an OpenAI model list: is --llm an "
                      "OpenAI-compatible server's base URL?",
                      ep->base));
    }
    bool listed = false;
    std::vector<std::string> ids;
    for (const Json& d : j["data"]) {
      if (!d.is_object() || !d.contains("id") || !d["id"].is_string()) continue;
      std::string id = d["id"].get<std::string>();
      ids.push_back(id);
      // Ollama lists "name:latest" for a model asked for as "name".
      if (id == model || id == model + ":latest") {
        listed = true;
        if (d.contains("max_model_len") && d["max_model_len"].is_number_integer()) {
          int64_t n = d["max_model_len"].get<int64_t>();  // vLLM
          info.kind = "vllm";
          if (info.context_tokens == 0 || n < info.context_tokens) info.context_tokens = n;
        }
      }
    }
    // llama-server: /props at the root (not under /v1) gives the context of one slot.
    std::string root = ep->base;
    if (EndsWith(root, "/v1")) root.resize(root.size() - 3);
    bool llama_server = false;
    HttpGetResult p = HttpGet(root + "/props", im.headers, timeout_s);
    if (p.code == CURLE_OK && p.status == 200) {
      Json pj = Json::parse(p.body, nullptr, false);
      if (!pj.is_discarded() && pj.is_object() && pj.contains("default_generation_settings")) {
        llama_server = true;
        info.kind = "llama-server";
        const Json& g = pj["default_generation_settings"];
        if (g.is_object() && g.contains("n_ctx") && g["n_ctx"].is_number_integer()) {
          int64_t n = g["n_ctx"].get<int64_t>();
          if (info.context_tokens == 0 || n < info.context_tokens) info.context_tokens = n;
        }
      }
    }
    if (!listed && !llama_server) {
      std::string served;
      for (size_t i = 0; i < ids.size() && i < 8; ++i) served += (i ? ", " : "") + ids[i];
      return absl::NotFoundError(fmt::format("model '{}' is not served by {} (it serves: {})",
                                             model, ep->base, served.empty() ? "none" : served));
    }
    for (auto& id : ids) info.models.push_back(std::move(id));
  }
  if (info.kind.empty()) info.kind = "openai-compatible";
  return info;
}

LlmStats LlmClient::stats() const {
  const Counters& c = impl_->counters;
  LlmStats s;
  s.submitted = c.submitted;
  s.completed_ok = c.completed_ok;
  s.failed = c.failed;
  s.http_requests = c.http_requests;
  s.cache_hits = c.cache_hits;
  s.cache_misses = c.cache_misses;
  s.retries = c.retries;
  s.retries_429 = c.retries_429;
  s.retries_5xx = c.retries_5xx;
  s.retries_connect = c.retries_connect;
  s.retries_timeout = c.retries_timeout;
  s.retries_malformed = c.retries_malformed;
  s.n_fallbacks = c.n_fallbacks;
  s.streamed = c.streamed;
  s.stopped_early = c.stopped_early;
  s.output_capped = c.output_capped;
  s.stream_errors = c.stream_errors;
  s.usage_estimated = c.usage_estimated;
  s.prompt_tokens = c.prompt_tokens;
  s.completion_tokens = c.completion_tokens;
  s.in_flight = c.in_flight;
  s.queued = c.queued;
  return s;
}

}  // namespace refinery
