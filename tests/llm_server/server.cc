// refinery-llm-test-server: the project's own OpenAI-compatible HTTP server for tests and
// benchmarks of the LLM client and the GDR loop. Loopback only.
//
// A plain epoll event loop (one per thread, SO_REUSEPORT) with HTTP/1.1 keep-alive, so it
// takes thousands of concurrent connections cheaply. It answers POST /v1/chat/completions and
// /v1/completions with a scripted "rewrite" of the document in the last user message:
// e-mail addresses, phone-like digit runs, IPv4 addresses and two-word capitalised names are
// replaced by fakes, a few insults by mild words, and the result is put in <refined> tags.
//
// Behaviours (for tests), chosen per request:
//   - markers in the document, acting on the first attempt for that document only:
//     [[srv:leak]] [[srv:no_tags]] [[srv:429]] [[srv:500]] [[srv:slow]] [[srv:drop]]
//     [[srv:malformed]] [[srv:content_type]] [[srv:bad_request]]; [[srv:always_leak]] leaks on
//     every attempt. (Markers are copied into the reply like any other text.)
//   - --leak-first-attempt: every document's first attempt returns the original unchanged.
//   - --fault-rate R --faults LIST --seed S: a share R of requests gets a fault drawn from
//     LIST (429,500,slow,drop,malformed,content_type,no_tags).
//   - --latency-ms N delays every answer; --refuse-n answers 400 to n > 1 (--refuse-n-500:
//     500, as old llama-server builds do).
//   - Real servers' shapes (each reproduced from the server's own source or docs):
//     --flavor vllm|llama-server|ollama|openai with --n-ctx N: the context; a prompt plus
//       max_tokens over it is a 400 in vLLM's words ("This model's maximum context length is
//       N tokens. However, you requested ...", vllm/entrypoints/openai/serving_engine.py), a
//       prompt over it a 400 `exceed_context_size_error` on llama-server
//       (tools/server/server.cpp), and is silently cut to its last N tokens by Ollama (which
//       reports the cut count in usage.prompt_tokens). vLLM lists `max_model_len` in
//       /v1/models; llama-server answers GET /props {"default_generation_settings":
//       {"n_ctx": N}}.
//     A reply longer than max_tokens (or max_completion_tokens) is cut there with
//       finish_reason "length", as every server does.
//     --models a,b: the served model names; another name is a 404 ("The model `x` does not
//       exist.", vLLM's NotFoundError).
//     --think: the answer is preceded by <think>...</think> holding a draft that still has
//       the original values; --reasoning-parser puts that in `reasoning_content` and
//       `reasoning` (vLLM with --reasoning-parser), and `content` is null when max_tokens
//       ends inside the reasoning.
//     --require-max-completion-tokens: 400 `unsupported_parameter` for max_tokens (OpenAI
//       reasoning models); --quota-exhausted: 429 `insufficient_quota` (OpenAI);
//       --retry-after-ms N: 429s carry `retry-after-ms` (OpenAI).
//   - A model that reads hints: values listed under "Values to replace" are replaced too
//     (--ignore-hint-rate R leaves a share of them); --valid-fakes makes digit fakes pass the
//     Luhn check (realistic card numbers); --proper-nouns replaces every capitalised word
//     inside a sentence (single names and places), as a model reading for meaning does.
//   - A careful real model (--real-edits R, real_model_edits.h): besides the values, it fixes
//     pronouns, titles and articles, normalises whitespace and quotes, re-wraps lines, gives
//     a name's fake another number of words, replaces names in lower case and in @handles,
//     replaces "City, ST 12345" whole, adds or drops a final period, and answers in a code
//     fence, with a preamble and no tags, or without tags; each kind at rate R
//     (--real-edit-kinds LIST picks kinds), seeded per document and attempt.
//     --oracle FILE --oracle-recall R: a model that finds each listed personal value of a
//     document with probability R (JSONL {"text", "gold"}; the text as sent, trimmed).
//   - Lossy answers, on every attempt: [[srv:lossy]] ("[... rest unchanged ...]" after the
//     first sentence), [[srv:answer]] (an answer to the document appended).
// GET /stats returns the counters as JSON; GET /v1/models and /health answer too.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "real_model_edits.h"

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  int threads = 1;
  std::string port_file;
  double fault_rate = 0;
  std::vector<std::string> faults = {"429", "500", "slow", "drop", "malformed", "content_type"};
  uint64_t seed = 1;
  bool leak_first_attempt = false;
  bool refuse_n = false;
  int latency_ms = 0;
  int slow_ms = 1500;
  std::string retry_after = "1";
  int retry_after_ms = -1;
  bool quiet = false;
  bool refuse_n_500 = false;
  std::string flavor = "vllm";
  int64_t n_ctx = 0;
  std::vector<std::string> models = {"test-model"};
  bool think = false;
  bool reasoning_parser = false;
  bool require_max_completion_tokens = false;
  bool quota_exhausted = false;
  double ignore_hint_rate = 0;
  bool valid_fakes = false;
  bool proper_nouns = false;
  int token_latency_ms = 0;               // streaming: between two events
  size_t stream_chunk_bytes = 4;          // streaming: text per event (one test-server token)
  real_model_edits::Settings real_edits;  // --real-edits R [--real-edit-kinds LIST]
  // --oracle FILE --oracle-recall R: a model that finds each listed personal value of a
  // document (JSONL {"text", "gold": [values]}) with probability R, as a real model finds most
  // but not all of them.
  std::unordered_map<std::string, std::vector<std::string>> oracle;
  double oracle_recall = 0;
};

// A seed for one document and attempt: the same answer whatever order requests arrive in.
uint64_t DocSeed(uint64_t seed, const std::string& doc, int attempt) {
  uint64_t h = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : doc) h = (h ^ c) * 1099511628211ull;
  h ^= static_cast<uint64_t>(attempt) * 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// Tokens of a text as the test server counts them (about 4 bytes per token).
int64_t Tokens(size_t bytes) { return static_cast<int64_t>(bytes / 4 + 1); }

// Counters shared by the loop threads.
struct Stats {
  std::atomic<uint64_t> requests{0}, chat{0}, completions{0}, ok{0}, other{0};
  std::atomic<int64_t> open_connections{0};
  std::atomic<uint64_t> streams{0}, streams_cut_by_client{0};
  std::mutex mu;
  std::map<std::string, uint64_t> behaviours;
  std::unordered_map<std::string, int> attempts;  // per document
  void Count(const std::string& b) {
    std::lock_guard<std::mutex> lock(mu);
    behaviours[b]++;
  }
  int NextAttempt(const std::string& doc) {
    std::lock_guard<std::mutex> lock(mu);
    return ++attempts[doc];
  }
  Json ToJson() {
    std::lock_guard<std::mutex> lock(mu);
    Json b = Json::object();
    for (auto& [k, v] : behaviours) b[k] = v;
    return Json{{"requests", requests.load()},
                {"chat", chat.load()},
                {"completions", completions.load()},
                {"ok", ok.load()},
                {"behaviours", b},
                {"documents", attempts.size()},
                {"open_connections", open_connections.load()},
                {"streams", streams.load()},
                {"streams_cut_by_client", streams_cut_by_client.load()}};
  }
};

// ---------------------------------------------------------------- the scripted rewrite

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

bool LuhnValid(const std::string& digits) {
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

const char* kFirst[] = {"Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Avery", "Quinn"};
const char* kPlaceNames[] = {"Halden", "Corvin", "Meryl", "Tasso",
                             "Ulmen",  "Brisa",  "Okoro", "Vela"};
const char* kLast[] = {"Smith",  "Garcia", "Nguyen", "Okafor",
                       "Larsen", "Moreau", "Tanaka", "Silva"};

struct Rewriter {
  std::map<std::string, std::string> map;  // original -> fake, consistent within a request
  int counter = 0;
  bool valid_fakes = false;
  bool proper_nouns = false;

  std::string Fake(const std::string& original, const std::function<std::string(int)>& make) {
    auto it = map.find(original);
    if (it != map.end()) return it->second;
    std::string f = make(counter++);
    map[original] = f;
    return f;
  }

  std::string Rewrite(const std::string& in) {
    std::string out;
    out.reserve(in.size());
    size_t i = 0, n = in.size();
    auto sentence_start = [&](size_t pos) {
      size_t k = pos;
      while (k > 0 && (in[k - 1] == ' ' || in[k - 1] == '\t')) --k;
      return k == 0 || in[k - 1] == '.' || in[k - 1] == '\n' || in[k - 1] == '!' ||
             in[k - 1] == '?' || in[k - 1] == '"' || in[k - 1] == ':';
    };
    while (i < n) {
      unsigned char c = in[i];
      // e-mail: scan a word-ish run containing '@'
      if (IsWordChar(c) && (i == 0 || !IsWordChar(in[i - 1]))) {
        size_t j = i;
        while (j < n && (IsWordChar(in[j]) || in[j] == '.' || in[j] == '-' || in[j] == '+' ||
                         in[j] == '@')) {
          ++j;
        }
        while (j > i && (in[j - 1] == '.' || in[j - 1] == '-')) --j;
        std::string tok = in.substr(i, j - i);
        size_t at = tok.find('@');
        if (at != std::string::npos && at > 0 && tok.find('.', at) != std::string::npos) {
          out +=
              Fake(tok, [](int k) { return "contact" + std::to_string(k + 1) + "@example.org"; });
          i = j;
          continue;
        }
        // IPv4
        int dots = 0;
        bool ipish = !tok.empty();
        for (char ch : tok) {
          if (ch == '.') {
            dots++;
          } else if (!std::isdigit(static_cast<unsigned char>(ch))) {
            ipish = false;
          }
        }
        if (ipish && dots == 3) {
          out += Fake(tok, [](int k) { return "192.0.2." + std::to_string(10 + k % 200); });
          i = j;
          continue;
        }
      }
      // phone / card / id: a run of digits with separators holding >= 7 digits
      if (std::isdigit(c) ||
          (c == '+' && i + 1 < n && std::isdigit(static_cast<unsigned char>(in[i + 1])))) {
        size_t j = i;
        int digits = 0;
        size_t last_digit = i;
        while (j < n) {
          unsigned char d = in[j];
          if (std::isdigit(d)) {
            digits++;
            last_digit = j;
          } else if (!(d == ' ' || d == '-' || d == '(' || d == ')' || d == '.' || d == '+')) {
            break;
          } else if (j + 1 < n && !std::isdigit(static_cast<unsigned char>(in[j + 1])) &&
                     in[j + 1] != '(' && in[j + 1] != ' ' && in[j + 1] != '-') {
            break;
          }
          ++j;
        }
        if (digits >= 7) {
          std::string tok = in.substr(i, last_digit + 1 - i);
          out += Fake(tok, [&tok, valid = valid_fakes](int k) {
            std::string f = tok;
            int idx = 0;
            std::string ds;
            for (char& ch : f) {
              if (std::isdigit(static_cast<unsigned char>(ch))) {
                ch = static_cast<char>('0' + ((idx * 7 + k * 3 + 5) % 10));
                if (idx < 3 && f.size() > 9) ch = '5';
                ds.push_back(ch);
                idx++;
              }
            }
            // By default never hand back a checksum-valid number; with --valid-fakes always
            // (what a good model does for a card number).
            for (int tries = 0; tries < 10 && LuhnValid(ds) != valid; ++tries) {
              for (size_t p = f.size(); p-- > 0;) {
                if (std::isdigit(static_cast<unsigned char>(f[p]))) {
                  f[p] = static_cast<char>('0' + (f[p] - '0' + 1) % 10);
                  ds.back() = f[p];
                  break;
                }
              }
            }
            return f;
          });
          i = last_digit + 1;
          continue;
        }
        out.append(in, i, j - i);
        i = j;
        continue;
      }
      // two capitalised words not at a sentence start: a name
      if (std::isupper(c) && (i == 0 || !IsWordChar(in[i - 1])) && !sentence_start(i)) {
        auto word_end = [&](size_t p) {
          size_t q = p;
          while (q < n && std::isalpha(static_cast<unsigned char>(in[q]))) ++q;
          return q;
        };
        size_t e1 = word_end(i);
        if (e1 - i >= 2 && e1 + 1 < n && in[e1] == ' ' &&
            std::isupper(static_cast<unsigned char>(in[e1 + 1]))) {
          size_t e2 = word_end(e1 + 1);
          bool lower1 = true, lower2 = true;
          for (size_t p = i + 1; p < e1; ++p)
            lower1 &= std::islower(static_cast<unsigned char>(in[p])) != 0;
          for (size_t p = e1 + 2; p < e2; ++p)
            lower2 &= std::islower(static_cast<unsigned char>(in[p])) != 0;
          if (e2 - e1 - 1 >= 2 && lower1 && lower2 && (e2 >= n || !IsWordChar(in[e2]))) {
            std::string tok = in.substr(i, e2 - i);
            out += Fake(tok, [](int k) {
              return std::string(kFirst[k % 8]) + " " + kLast[(k * 3 + 1) % 8];
            });
            i = e2;
            continue;
          }
        }
        // --proper-nouns: like a model reading for meaning, any other capitalised word
        // inside a sentence (a single name, a place) is replaced too.
        static const char* kKeep[] = {"I",         "Monday",   "Tuesday",  "Wednesday", "Thursday",
                                      "Friday",    "Saturday", "Sunday",   "January",   "February",
                                      "March",     "April",    "June",     "July",      "August",
                                      "September", "October",  "November", "December"};
        std::string word = in.substr(i, e1 - i);
        bool keep = word.size() < 2 || std::any_of(std::begin(kKeep), std::end(kKeep),
                                                   [&](const char* k) { return word == k; });
        bool lower = true;
        for (size_t p = i + 1; p < e1; ++p)
          lower &= std::islower(static_cast<unsigned char>(in[p])) != 0;
        if (proper_nouns && !keep && lower && (e1 >= n || !IsWordChar(in[e1]))) {
          out += Fake(word, [](int k) { return std::string(kPlaceNames[k % 8]); });
          i = e1;
          continue;
        }
      }
      out.push_back(static_cast<char>(c));
      ++i;
    }
    // Detoxify a few words.
    static const std::pair<const char*, const char*> kToxic[] = {
        {"idiot", "person"}, {"stupid", "unwise"}, {"moron", "person"},
        {"damn", "very"},    {"hate", "dislike"},  {"shut up", "please stop"}};
    for (auto& [bad, mild] : kToxic) {
      size_t pos = 0;
      std::string b = bad;
      while ((pos = out.find(b, pos)) != std::string::npos) {
        bool left = pos == 0 || !IsWordChar(out[pos - 1]);
        bool right = pos + b.size() >= out.size() || !IsWordChar(out[pos + b.size()]);
        if (left && right) {
          out.replace(pos, b.size(), mild);
          pos += std::strlen(mild);
        } else {
          pos += b.size();
        }
      }
    }
    return out;
  }
};

// Reads `- "value" (TYPE)` lines under "Values to replace": a model that follows the hints
// replaces them (all but a share `ignore_rate` of them).
std::vector<std::string> ReadValueHints(const std::string& prompt) {
  std::vector<std::string> out;
  size_t pos = prompt.find("Values to replace");
  if (pos == std::string::npos) return out;
  size_t end = prompt.find("\n\n", pos);
  if (end == std::string::npos) end = prompt.size();
  while ((pos = prompt.find("\n- \"", pos)) != std::string::npos && pos < end) {
    size_t a = pos + 4;
    size_t b = prompt.find("\" (", a);
    size_t eol = prompt.find('\n', a);
    if (b == std::string::npos || (eol != std::string::npos && b > eol)) {
      pos = a;
      continue;
    }
    out.push_back(prompt.substr(a, b - a));
    pos = b;
  }
  return out;
}

std::string HintFake(const std::string& value, int k) {
  bool digits =
      std::any_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
  if (value.find('@') != std::string::npos) return "person" + std::to_string(k) + "@example.com";
  if (digits) {
    std::string f = value;
    for (char& ch : f) {
      if (std::isdigit(static_cast<unsigned char>(ch)))
        ch = static_cast<char>('0' + (ch - '0' + 3 + k) % 10);
    }
    return f;
  }
  static const char* kNames[] = {"Robin", "Sasha", "Kim", "Noa", "Eli", "Jules", "Remy", "Ari"};
  static const char* kPlaces[] = {"Fairview", "Riverton", "Oakdale", "Millbrook"};
  size_t words = 1 + static_cast<size_t>(std::count(value.begin(), value.end(), ' '));
  if (words >= 3) return std::string(kPlaces[k % 4]) + " Road " + std::to_string(10 + k);
  if (words == 2) return std::string(kNames[k % 8]) + " " + kLast[(k + 3) % 8];
  return kNames[(k + 5) % 8];
}

// Reads `- "orig" -> "fake"` hint lines (replacements chosen for earlier chunks).
void ReadHints(const std::string& prompt, Rewriter& rw) {
  size_t pos = 0;
  while ((pos = prompt.find("\n- \"", pos)) != std::string::npos) {
    size_t a = pos + 4;
    size_t b = prompt.find('"', a);
    if (b == std::string::npos) break;
    size_t arrow = prompt.find("\" -> \"", b);
    if (arrow != b) {
      pos = a;
      continue;
    }
    size_t c = arrow + 6;
    size_t d = prompt.find('"', c);
    size_t eol = prompt.find('\n', c);
    if (d == std::string::npos || (eol != std::string::npos && d > eol)) {
      pos = a;
      continue;
    }
    rw.map[prompt.substr(a, b - a)] = prompt.substr(c, d - c);
    rw.counter++;
    pos = d;
  }
}

// ---------------------------------------------------------------- HTTP

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::string> headers;
  int delay_ms = 0;
  bool drop_mid_body = false;
  // A streamed reply: server-sent events in HTTP chunks, `event_gap_ms` apart (the first one
  // after delay_ms); with drop_mid_body the connection closes after the events, unfinished.
  bool stream = false;
  std::vector<std::string> events;
  int event_gap_ms = 0;
};

// One choice of a reply, for streaming: reasoning (a reasoning parser's share), the answer.
struct StreamChoice {
  std::string reasoning, content, finish;
  nlohmann::json stop_reason;
};

// The head of a streamed reply (chunked: no length is known up front).
std::string StreamHead(bool keep_alive) {
  std::string out = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n";
  out += "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return out;
}

// One HTTP chunk.
std::string HttpChunk(const std::string& data) {
  char len[32];
  std::snprintf(len, sizeof(len), "%zx\r\n", data.size());
  return len + data + "\r\n";
}

// An immediate JSON reply (errors, /stats, /v1/models).
Reply JsonReply(int status, std::string body) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string Serialize(const Reply& r, bool keep_alive) {
  if (r.stream) {  // all events at once (no gap between them)
    std::string all;
    for (const std::string& e : r.events) all += e;
    std::string out = StreamHead(keep_alive && !r.drop_mid_body) + HttpChunk(all);
    if (!r.drop_mid_body) out += "0\r\n\r\n";
    return out;
  }
  const char* reason = r.status == 200   ? "OK"
                       : r.status == 400 ? "Bad Request"
                       : r.status == 404 ? "Not Found"
                       : r.status == 429 ? "Too Many Requests"
                                         : "Internal Server Error";
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason + "\r\n";
  out += "Content-Type: " + r.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  for (const auto& h : r.headers) out += h + "\r\n";
  out += keep_alive && !r.drop_mid_body ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  out += "\r\n";
  if (r.drop_mid_body) {
    out.append(r.body, 0, r.body.size() / 2);
  } else {
    out += r.body;
  }
  return out;
}

class Server {
 public:
  Server(const Options& o, Stats& s, uint64_t thread_seed)
      : opt_(o), stats_(s), rng_(thread_seed) {}

  Reply Handle(const std::string& method, const std::string& path, const std::string& body) {
    if (method == "GET" && path == "/stats") {
      stats_.other++;
      return JsonReply(200, stats_.ToJson().dump());
    }
    if (method == "GET" && (path == "/health" || path == "/v1/models" || path == "/models")) {
      stats_.other++;
      Json data = Json::array();
      for (const std::string& m : opt_.models) {
        Json card = {{"id", m}, {"object", "model"}, {"owned_by", opt_.flavor}};
        if (opt_.flavor == "vllm" && opt_.n_ctx > 0) card["max_model_len"] = opt_.n_ctx;
        data.push_back(card);
      }
      return JsonReply(200, Json{{"object", "list"}, {"data", data}}.dump());
    }
    if (method == "GET" && path == "/props" && opt_.flavor == "llama-server") {
      stats_.other++;
      Json props = {
          {"default_generation_settings", {{"n_ctx", opt_.n_ctx > 0 ? opt_.n_ctx : 4096}}},
          {"total_slots", 4}};
      return JsonReply(200, props.dump());
    }
    bool chat = path == "/v1/chat/completions" || path == "/chat/completions";
    bool completions = path == "/v1/completions" || path == "/completions";
    if (method != "POST" || (!chat && !completions)) {
      stats_.other++;
      return JsonReply(404, R"({"error":{"message":"no such route"}})");
    }
    stats_.requests++;
    (chat ? stats_.chat : stats_.completions)++;
    Json req = Json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object()) {
      stats_.Count("bad_request");
      return JsonReply(400, R"({"error":{"message":"request body is not valid JSON"}})");
    }
    std::string prompt;
    if (chat) {
      if (!req.contains("messages") || !req["messages"].is_array() || req["messages"].empty()) {
        stats_.Count("bad_request");
        return JsonReply(400, R"({"error":{"message":"messages is required"}})");
      }
      for (const auto& m : req["messages"]) {
        if (m.is_object() && m.value("role", "") == "user" && m.contains("content") &&
            m["content"].is_string()) {
          prompt = m["content"].get<std::string>();
        }
      }
    } else if (req.contains("prompt") && req["prompt"].is_string()) {
      prompt = req["prompt"].get<std::string>();
    }
    std::string model = req.value("model", "");
    if (opt_.flavor != "llama-server" &&  // llama-server answers under any model name
        std::find(opt_.models.begin(), opt_.models.end(), model) == opt_.models.end()) {
      stats_.Count("model_not_found");
      Json err =
          opt_.flavor == "ollama"
              ? Json{{"error",
                      {{"message", "model \"" + model + "\" not found, try pulling it first"},
                       {"type", "api_error"},
                       {"param", nullptr},
                       {"code", nullptr}}}}
              : Json{{"error",
                      {{"message", "The model `" + model + "` does not exist."},
                       {"type", "NotFoundError"},
                       {"param", "model"},
                       {"code", 404}}}};
      return JsonReply(404, err.dump());
    }
    if (opt_.quota_exhausted) {
      stats_.Count("insufficient_quota");
      return JsonReply(
          429,
          R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})");
    }
    if (opt_.require_max_completion_tokens && req.contains("max_tokens")) {
      stats_.Count("unsupported_parameter");
      return JsonReply(
          400,
          R"({"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}})");
    }
    int64_t max_tokens = 1 << 20;
    for (const char* k : {"max_tokens", "max_completion_tokens"}) {
      if (req.contains(k) && req[k].is_number_integer()) max_tokens = req[k].get<int64_t>();
    }
    int64_t prompt_tokens = 0;
    if (chat) {
      for (const auto& m : req["messages"]) {
        if (m.is_object() && m.contains("content") && m["content"].is_string()) {
          prompt_tokens += Tokens(m["content"].get<std::string>().size()) + 4;
        }
      }
    } else {
      prompt_tokens = Tokens(prompt.size());
    }
    bool ollama_cut = false;
    if (opt_.n_ctx > 0) {
      if (opt_.flavor == "vllm" &&
          prompt_tokens + std::min<int64_t>(max_tokens, 1 << 20) > opt_.n_ctx) {
        stats_.Count("context_length");
        std::string msg =
            prompt_tokens >= opt_.n_ctx
                ? "This model's maximum context length is " + std::to_string(opt_.n_ctx) +
                      " tokens. However, your request has " + std::to_string(prompt_tokens) +
                      " input tokens. Please reduce the length of the input messages."
                : "'max_tokens' or 'max_completion_tokens' is too large: " +
                      std::to_string(max_tokens) + ". This model's maximum context length is " +
                      std::to_string(opt_.n_ctx) + " tokens and your request has " +
                      std::to_string(prompt_tokens) + " input tokens (" +
                      std::to_string(max_tokens) + " > " + std::to_string(opt_.n_ctx) + " - " +
                      std::to_string(prompt_tokens) + ").";
        return JsonReply(400, Json{{"error",
                                    {{"message", msg},
                                     {"type", "BadRequestError"},
                                     {"param", nullptr},
                                     {"code", 400}}}}
                                  .dump());
      }
      if (opt_.flavor == "llama-server") {
        if (prompt_tokens >= opt_.n_ctx) {
          stats_.Count("context_length");
          Json err = {
              {"error",
               {{"code", 400},
                {"message", "the request exceeds the available context size, try increasing it"},
                {"type", "exceed_context_size_error"},
                {"n_prompt_tokens", prompt_tokens},
                {"n_ctx", opt_.n_ctx}}}};
          return JsonReply(400, err.dump());
        }
        max_tokens = std::min(max_tokens, opt_.n_ctx - prompt_tokens);
      }
      if (opt_.flavor == "ollama" && prompt_tokens > opt_.n_ctx) {
        // Ollama keeps the end of the prompt and says nothing but the token count.
        ollama_cut = true;
        stats_.Count("ollama_truncated");
        prompt_tokens = opt_.n_ctx;
      }
    }
    int n = 1;
    if (req.contains("n") && req["n"].is_number_integer()) n = std::max(1, req["n"].get<int>());
    if (n > 1 && opt_.refuse_n_500) {
      stats_.Count("refuse_n_500");
      return JsonReply(
          500,
          R"({"error":{"code":500,"message":"Only one completion choice is allowed","type":"server_error"}})");
    }
    if (n > 1 && opt_.refuse_n) {
      stats_.Count("refuse_n");
      return JsonReply(400, R"({"error":{"message":"only n = 1 is supported"}})");
    }
    // The document: the last <document>...</document> block of the last user message.
    std::string doc = prompt;
    size_t a = prompt.rfind("<document>");
    if (a != std::string::npos) {
      size_t b = prompt.find("</document>", a);
      if (b != std::string::npos) {
        doc = prompt.substr(a + 10, b - a - 10);
        if (!doc.empty() && doc.front() == '\n') doc.erase(0, 1);
        if (!doc.empty() && doc.back() == '\n') doc.pop_back();
      }
    }
    if (ollama_cut && static_cast<int64_t>(doc.size()) > opt_.n_ctx * 4) {
      doc = doc.substr(doc.size() - static_cast<size_t>(opt_.n_ctx * 4));
    }
    int attempt = stats_.NextAttempt(doc);
    std::string behaviour = "ok";
    auto marker = [&](const char* m) { return doc.find(m) != std::string::npos; };
    if (attempt == 1) {
      for (const char* b : {"leak", "no_tags", "429", "500", "slow", "drop", "malformed",
                            "content_type", "bad_request"}) {
        if (marker((std::string("[[srv:") + b + "]]").c_str())) behaviour = b;
      }
      if (behaviour == "ok" && opt_.leak_first_attempt) behaviour = "leak";
    }
    if (marker("[[srv:always_leak]]")) behaviour = "leak";
    if (behaviour == "ok" && opt_.fault_rate > 0 && !opt_.faults.empty()) {
      std::uniform_real_distribution<double> u(0, 1);
      if (u(rng_) < opt_.fault_rate) {
        behaviour =
            opt_.faults[std::uniform_int_distribution<size_t>(0, opt_.faults.size() - 1)(rng_)];
      }
    }
    stats_.Count(behaviour);
    Reply r;
    r.delay_ms = opt_.latency_ms;
    if (behaviour == "429") {
      r.status = 429;
      r.body = R"({"error":{"message":"rate limited, injected"}})";
      r.headers.push_back("Retry-After: " + opt_.retry_after);
      if (opt_.retry_after_ms >= 0) {
        r.headers.push_back("retry-after-ms: " + std::to_string(opt_.retry_after_ms));
      }
      return r;
    }
    if (behaviour == "500") {
      r.status = 500;
      r.body = R"({"error":{"message":"internal error, injected"}})";
      return r;
    }
    if (behaviour == "bad_request") {
      r.status = 400;
      r.body = R"({"error":{"message":"injected bad request: field 'x' is not allowed"}})";
      return r;
    }
    if (behaviour == "content_type") {
      r.content_type = "text/html";
      r.body = "<html><body>upstream busy, injected</body></html>";
      return r;
    }
    if (behaviour == "malformed") {
      r.body = R"({"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"<ref)";
      return r;
    }
    if (behaviour == "slow") r.delay_ms = std::max(r.delay_ms, opt_.slow_ms);
    if (behaviour == "drop") r.drop_mid_body = true;

    Json choices = Json::array();
    std::vector<StreamChoice> stream_choices;
    std::vector<std::string> stop_strings;
    if (req.contains("stop") && req["stop"].is_string()) {
      stop_strings.push_back(req["stop"].get<std::string>());
    } else if (req.contains("stop") && req["stop"].is_array()) {
      for (const auto& st : req["stop"]) {
        if (st.is_string()) stop_strings.push_back(st.get<std::string>());
      }
    }
    std::vector<std::string> value_hints = ReadValueHints(prompt);
    int64_t completion_tokens = 0;
    for (int k = 0; k < n; ++k) {
      std::string text;
      std::optional<real_model_edits::Editor> editor;
      if (behaviour == "leak") {
        text = doc;
      } else {
        Rewriter rw;
        rw.valid_fakes = opt_.valid_fakes;
        rw.proper_nouns = opt_.proper_nouns;
        ReadHints(prompt, rw);
        text = rw.Rewrite(doc);
        std::map<std::string, std::string> replaced = rw.map;
        std::uniform_real_distribution<double> u(0, 1);
        auto replace_all = [&](const std::string& v, const std::string& fake) {
          size_t pos = 0, count = 0;
          while ((pos = text.find(v, pos)) != std::string::npos) {
            text.replace(pos, v.size(), fake);
            pos += fake.size();
            ++count;
          }
          if (count > 0) replaced.emplace(v, fake);
        };
        int h = 0;
        for (const std::string& v : value_hints) {
          ++h;
          if (opt_.ignore_hint_rate > 0 && u(rng_) < opt_.ignore_hint_rate) continue;
          replace_all(v, HintFake(v, h));
        }
        std::mt19937_64 doc_rng(DocSeed(opt_.seed, doc, attempt));
        auto gold = opt_.oracle.find(doc);
        if (gold != opt_.oracle.end()) {
          for (const std::string& v : gold->second) {
            ++h;
            if (u(doc_rng) >= opt_.oracle_recall) continue;
            std::string fake = HintFake(v, h);
            if (!v.empty() && v[0] == '@') fake = "@" + real_model_edits::Lower(HintFake("x", h));
            replace_all(v, fake);
          }
        }
        if (opt_.real_edits.rate > 0) {
          editor.emplace(opt_.real_edits, doc_rng());
          text = editor->EditDocument(std::move(text), replaced);
        }
      }
      if (marker("[[srv:lossy]]")) {
        size_t stop = text.find(". ");
        text = text.substr(0, stop == std::string::npos ? text.size() : stop + 1) +
               "\n\n[… the rest of the document is unchanged …]";
      }
      if (marker("[[srv:answer]]")) {
        text += "\n\nAnswer: happy to help! The best way to reach the team is by e-mail.";
      }
      // The answer's shape: a careful real model's (fences, preambles, no tags) or the plain
      // one.
      // no_tags: chatter run into the document without tags, which no check can tell from
      // a reply to it.
      std::string content =
          behaviour == "no_tags" ? "Sure! The document with the personal values replaced "
                                   "follows. " +
                                       text
          : editor ? editor->Envelope(text)
                   : "Here is the refined document.\n<refined>\n" + text + "\n</refined>";
      if (editor) {
        for (const std::string& kind : editor->applied()) stats_.Count("edit:" + kind);
      }
      if (marker("[[srv:runaway]]")) {
        // A generation that never closes its tag and goes on repeating itself until
        // max_tokens (at most 1 MiB here).
        content = "Here is the refined document.\n<refined>\n";
        size_t limit = static_cast<size_t>(std::min<int64_t>(max_tokens, 1 << 18)) * 4;
        while (content.size() < limit) content += text + "\n";
      }
      std::string thinking;
      if (opt_.think) {
        thinking = "The user wants this document anonymized. First draft:\n<refined>\n" + doc +
                   "\n</refined>\nThe draft still has the original values; fix them.";
      }
      // The whole generation (reasoning, then answer) is cut at max_tokens.
      std::string generated = thinking.empty() || opt_.reasoning_parser
                                  ? thinking + content
                                  : "<think>\n" + thinking + "\n</think>\n\n" + content;
      std::string finish = "stop";
      Json stop_reason = nullptr;
      // `stop` strings end the generation before them (they are left out of the text, as
      // every server does; vLLM names the string in stop_reason). With a reasoning parser
      // only the answer is searched; inline <think> text is generated text like any other.
      if (!stop_strings.empty()) {
        std::string& hay = opt_.reasoning_parser && !thinking.empty() ? content : generated;
        size_t best = std::string::npos;
        std::string which;
        for (const std::string& st : stop_strings) {
          size_t at = st.empty() ? std::string::npos : hay.find(st);
          if (at < best) {
            best = at;
            which = st;
          }
        }
        if (best != std::string::npos) {
          hay.resize(best);
          stop_reason = which;
          if (&hay == &content) generated = thinking + content;
        }
      }
      if (Tokens(generated.size()) > max_tokens) {
        finish = "length";
        size_t keep = static_cast<size_t>(std::max<int64_t>(0, max_tokens) * 4);
        if (opt_.reasoning_parser && !thinking.empty()) {
          if (keep <= thinking.size()) {
            thinking.resize(keep);
            content.clear();
          } else {
            content.resize(std::min(content.size(), keep - thinking.size()));
          }
        } else {
          generated.resize(std::min(generated.size(), keep));
        }
      }
      completion_tokens += Tokens(std::min(generated.size(), static_cast<size_t>(max_tokens) * 4));
      if (finish == "length") stop_reason = nullptr;
      StreamChoice sc;
      sc.finish = finish;
      sc.stop_reason = stop_reason;
      if (opt_.reasoning_parser && !thinking.empty()) {
        sc.reasoning = thinking;
        sc.content = content;
      } else {
        sc.content = generated;
      }
      stream_choices.push_back(std::move(sc));
      Json message = {{"role", "assistant"}};
      if (opt_.reasoning_parser && !thinking.empty()) {
        message["reasoning_content"] = thinking;
        message["reasoning"] = thinking;
        message["content"] = content.empty() ? Json(nullptr) : Json(content);
      } else {
        message["content"] = generated;
      }
      if (chat) {
        choices.push_back({{"index", k}, {"message", message}, {"finish_reason", finish}});
      } else {
        choices.push_back({{"index", k}, {"text", generated}, {"finish_reason", finish}});
      }
    }
    stats_.ok++;
    size_t out_bytes = 0;
    for (auto& c : choices) out_bytes += c.dump().size();
    Json resp = {{"id", "cmpl-test"},
                 {"object", chat ? "chat.completion" : "text_completion"},
                 {"model", req.value("model", "test-model")},
                 {"choices", choices},
                 {"usage",
                  {{"prompt_tokens", prompt_tokens},
                   {"completion_tokens", completion_tokens},
                   {"total_tokens", prompt_tokens + completion_tokens}}}};
    if (opt_.flavor == "vllm" && !stop_strings.empty()) {
      for (size_t k = 0; k < stream_choices.size(); ++k) {
        resp["choices"][k]["stop_reason"] = stream_choices[k].stop_reason;
      }
    }
    if (req.value("stream", false)) {
      bool usage = opt_.flavor == "llama-server" ||
                   (req.contains("stream_options") && req["stream_options"].is_object() &&
                    req["stream_options"].value("include_usage", false));
      StreamReply(r, chat, req.value("model", "test-model"), stream_choices,
                  usage ? Json{{"prompt_tokens", prompt_tokens},
                               {"completion_tokens", completion_tokens},
                               {"total_tokens", prompt_tokens + completion_tokens}}
                        : Json(nullptr),
                  behaviour, marker("[[srv:stream_error]]") && attempt == 1);
      return r;
    }
    r.body = resp.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (opt_.token_latency_ms > 0) {
      // Unstreamed, the reply comes when the whole generation is done.
      size_t bytes = 0;
      for (const StreamChoice& sc : stream_choices)
        bytes += sc.reasoning.size() + sc.content.size();
      size_t events = bytes / std::max<size_t>(1, opt_.stream_chunk_bytes) + 1;
      r.delay_ms += static_cast<int>(std::min<size_t>(events * opt_.token_latency_ms, 600000));
    }
    return r;
  }

  // A streamed reply as the --flavor's server writes it: one `data:` event per token (4
  // bytes of text, --stream-chunk-bytes), cut on UTF-8 boundaries.
  //   vllm:         first delta {role, content: ""}; deltas {content} / {reasoning_content};
  //                 last chunk delta {} with finish_reason and stop_reason; with
  //                 stream_options.include_usage a chunk with "choices": [] and usage.
  //   llama-server: first delta {role, content: null}; usage (and timings) in the chunk that
  //                 has finish_reason, always.
  //   ollama:       every delta carries role; reasoning in delta.reasoning; usage chunk with
  //                 "choices": [] when asked.
  //   openai:       every chunk has "usage": null when usage was asked, then the usage chunk.
  // All end with `data: [DONE]`. [[srv:stream_error]] (first attempt) sends half the deltas
  // and then `data: {"error": {...}}` and [DONE], as vLLM and llama-server do for a failure
  // after the 200. `drop` closes the connection halfway; `malformed` sends a cut chunk.
  // Sources: vLLM's error event from its create_streaming_error_response
  // (vllm/entrypoints/openai/serving_engine.py), llama-server's `data:` framing from
  // format_oai_sse (llama.cpp tools/server) and its last chunk (usage and timings beside
  // finish_reason) from a captured stream; Ollama's and OpenAI's chunks from captured streams
  // and OpenAI's API reference, not from a run against those servers here.
  void StreamReply(Reply& r, bool chat, const std::string& model,
                   const std::vector<StreamChoice>& choices, const Json& usage,
                   const std::string& behaviour, bool stream_error) {
    // Members in the servers' order (id, object, created, model, choices, usage).
    using Json = nlohmann::ordered_json;
    const std::string& fl = opt_.flavor;
    bool usage_null_field = fl == "openai" && !usage.is_null();
    auto chunk = [&](Json ch) {
      Json c = {{"id", "chatcmpl-test"},
                {"object", chat ? "chat.completion.chunk" : "text_completion"},
                {"created", 1700000000},
                {"model", model},
                {"choices", std::move(ch)}};
      if (usage_null_field) c["usage"] = nullptr;
      return c;
    };
    auto event = [](const Json& j) {
      return "data: " + j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n\n";
    };
    auto delta_choice = [&](int k, Json delta) {
      if (!chat) {
        return Json{{"index", k},
                    {"text", delta.value("content", std::string())},
                    {"logprobs", nullptr},
                    {"finish_reason", nullptr}};
      }
      if (fl == "ollama") delta["role"] = "assistant";
      Json c = {{"index", k}, {"delta", std::move(delta)}};
      if (fl == "vllm" || fl == "openai") c["logprobs"] = nullptr;
      c["finish_reason"] = nullptr;
      return c;
    };
    std::vector<std::string> events;
    size_t step = std::max<size_t>(1, opt_.stream_chunk_bytes);
    auto pieces = [step](const std::string& text) {
      std::vector<std::string> out;
      size_t i = 0;
      while (i < text.size()) {
        size_t e = std::min(text.size(), i + step);
        while (e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
        out.push_back(text.substr(i, e - i));
        i = e;
      }
      return out;
    };
    for (size_t k = 0; k < choices.size(); ++k) {
      int ki = static_cast<int>(k);
      const StreamChoice& sc = choices[k];
      if (chat) {
        Json first = {{"role", "assistant"}};
        first["content"] = fl == "llama-server" ? Json(nullptr) : Json("");
        if (fl == "openai") first["refusal"] = nullptr;
        events.push_back(event(chunk(Json::array({delta_choice(ki, first)}))));
      }
      if (chat) {
        const char* rfield = fl == "ollama" ? "reasoning" : "reasoning_content";
        for (const std::string& p : pieces(sc.reasoning)) {
          Json d = {{rfield, p}};
          if (fl == "ollama") d["content"] = "";
          events.push_back(event(chunk(Json::array({delta_choice(ki, d)}))));
        }
      }
      // The answer's events differ only in their piece of text: the event is rendered once
      // around a placeholder and each piece spliced in (serialising a whole chunk per token
      // made this server, not the client under test, the limit of the streamed benchmark).
      const std::string kHole = "\x01piece\x01";
      std::string shape = event(chunk(Json::array({delta_choice(ki, Json{{"content", kHole}})})));
      size_t hole = shape.find(Json(kHole).dump());
      std::string head = shape.substr(0, hole);
      std::string tail = shape.substr(hole + Json(kHole).dump().size());
      for (const std::string& p : pieces(sc.content)) {
        events.push_back(head + Json(p).dump(-1, ' ', false, Json::error_handler_t::replace) +
                         tail);
      }
      Json last = chat ? Json{{"index", ki}, {"delta", Json::object()}}
                       : Json{{"index", ki}, {"text", ""}, {"logprobs", nullptr}};
      if (chat && fl == "ollama") last["delta"] = Json{{"role", "assistant"}, {"content", ""}};
      last["finish_reason"] = sc.finish;
      if (fl == "vllm") last["stop_reason"] = sc.stop_reason;
      Json lc = chunk(Json::array({last}));
      if (fl == "llama-server" && k + 1 == choices.size()) {
        lc["usage"] = usage;
        lc["timings"] = Json{{"prompt_n", usage.value("prompt_tokens", 0)},
                             {"predicted_n", usage.value("completion_tokens", 0)}};
      }
      events.push_back(event(lc));
    }
    if (!usage.is_null() && fl != "llama-server") {
      Json uc = chunk(Json::array());
      uc["usage"] = usage;
      events.push_back(event(uc));
    }
    events.push_back("data: [DONE]\n\n");
    if (stream_error) {
      stats_.Count("stream_error");
      events.resize(std::max<size_t>(2, events.size() / 2));
      Json err = fl == "llama-server"
                     ? Json{{"error",
                             {{"code", 500},
                              {"message", "Internal server error, injected mid-stream"},
                              {"type", "server_error"}}}}
                     : Json{{"error",
                             {{"object", "error"},
                              {"message", "Internal server error, injected mid-stream"},
                              {"type", "InternalServerError"},
                              {"param", nullptr},
                              {"code", 500}}}};
      events.push_back(event(err));
      events.push_back("data: [DONE]\n\n");
    }
    if (behaviour == "malformed") {
      events.resize(std::max<size_t>(1, events.size() / 2));
      events.push_back(
          "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<ref\n\n");
    }
    r.status = 200;
    r.content_type = "text/event-stream";
    r.stream = true;
    r.body.clear();
    if (behaviour == "drop") {
      events.resize(std::max<size_t>(1, events.size() / 2));
      r.drop_mid_body = true;
    }
    r.events = std::move(events);
    r.event_gap_ms = opt_.token_latency_ms;
  }

 private:
  const Options& opt_;
  Stats& stats_;
  std::mt19937_64 rng_;
};

struct Conn {
  int fd = -1;
  uint64_t serial = 0;
  std::string in;
  std::string out;
  size_t out_off = 0;
  bool close_after_write = false;
  bool waiting = false;            // a delayed reply is pending: do not parse further requests
  std::deque<std::string> stream;  // a streamed reply's HTTP chunks still to send
  int stream_gap_ms = 0;
};

struct Timer {
  Clock::time_point when;
  int fd;
  uint64_t serial;
  std::string data;
  bool close_after;
  bool stream_step = false;  // send the connection's next stream chunk (data unused)
  bool operator>(const Timer& o) const { return when > o.when; }
};

class Loop {
 public:
  Loop(int listen_fd, const Options& o, Stats& s, uint64_t seed)
      : listen_fd_(listen_fd), stats_(s), server_(o, s, seed) {}

  void Run() {
    ep_ = epoll_create1(0);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listen_fd_;
    epoll_ctl(ep_, EPOLL_CTL_ADD, listen_fd_, &ev);
    std::vector<epoll_event> events(1024);
    while (true) {
      int timeout = -1;
      if (!timers_.empty()) {
        auto d =
            std::chrono::duration_cast<std::chrono::milliseconds>(timers_.top().when - Clock::now())
                .count();
        timeout = static_cast<int>(std::max<int64_t>(0, d));
      }
      int k = epoll_wait(ep_, events.data(), static_cast<int>(events.size()), timeout);
      for (int i = 0; i < k; ++i) {
        int fd = events[i].data.fd;
        if (fd == listen_fd_) {
          Accept();
          continue;
        }
        auto it = conns_.find(fd);
        if (it == conns_.end()) continue;
        Conn& c = *it->second;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          Close(fd);
          continue;
        }
        if (events[i].events & EPOLLIN) {
          if (!ReadFrom(c)) continue;  // closed
        }
        if (events[i].events & EPOLLOUT) Flush(c);
      }
      auto now = Clock::now();
      while (!timers_.empty() && timers_.top().when <= now) {
        Timer t = timers_.top();
        timers_.pop();
        auto it = conns_.find(t.fd);
        if (it == conns_.end() || it->second->serial != t.serial) continue;
        Conn& c = *it->second;
        if (t.stream_step) {
          c.out += c.stream.front();
          c.stream.pop_front();
          if (!c.stream.empty()) {
            Timer next{now + std::chrono::milliseconds(c.stream_gap_ms),
                       t.fd,
                       t.serial,
                       "",
                       t.close_after,
                       true};
            if (Flush(c)) timers_.push(std::move(next));
            continue;
          }
        } else {
          c.out += t.data;
        }
        c.waiting = false;
        c.close_after_write = c.close_after_write || t.close_after;
        if (!Flush(c)) continue;
        if (!c.close_after_write) Process(c);
      }
    }
  }

 private:
  void Accept() {
    while (true) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      auto c = std::make_unique<Conn>();
      c->fd = fd;
      c->serial = ++serial_;
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.fd = fd;
      epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
      conns_[fd] = std::move(c);
      stats_.open_connections++;
    }
  }

  void Close(int fd) {
    auto it = conns_.find(fd);
    if (it != conns_.end() && !it->second->stream.empty()) stats_.streams_cut_by_client++;
    if (it != conns_.end()) stats_.open_connections--;
    epoll_ctl(ep_, EPOLL_CTL_DEL, fd, nullptr);
    close(fd);
    conns_.erase(fd);
  }

  // Reads and answers; false when the connection was closed.
  bool ReadFrom(Conn& c) {
    char buf[65536];
    bool eof = false;
    while (true) {
      ssize_t r = read(c.fd, buf, sizeof(buf));
      if (r > 0) {
        c.in.append(buf, static_cast<size_t>(r));
        if (c.in.size() > (256u << 20)) {
          Close(c.fd);
          return false;
        }
        continue;
      }
      if (r == 0) eof = true;
      break;
    }
    if (eof && !c.stream.empty()) {  // the client cancelled a stream: stop generating
      Close(c.fd);
      return false;
    }
    if (!c.waiting && !Process(c)) return false;
    if (eof && c.out.empty() && !c.waiting) {
      Close(c.fd);
      return false;
    }
    return true;
  }

  // Parses and answers complete requests in c.in, in order; false when the connection closed.
  bool Process(Conn& c) {
    int fd = c.fd;
    while (!c.waiting && !c.close_after_write) {
      size_t hdr_end = c.in.find("\r\n\r\n");
      if (hdr_end == std::string::npos) break;
      std::string_view head(c.in.data(), hdr_end);
      size_t sp1 = head.find(' ');
      size_t sp2 = head.find(' ', sp1 + 1);
      if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) {
        c.out += Serialize(JsonReply(400, R"({"error":{"message":"bad request line"}})"), false);
        c.close_after_write = true;
        break;
      }
      std::string method(head.substr(0, sp1));
      std::string path(head.substr(sp1 + 1, sp2 - sp1 - 1));
      size_t content_length = 0;
      bool keep_alive = true;
      bool expect_continue = false;
      size_t pos = head.find("\r\n");
      while (pos != std::string_view::npos && pos < head.size()) {
        size_t next = head.find("\r\n", pos + 2);
        std::string_view line =
            head.substr(pos + 2, (next == std::string_view::npos ? head.size() : next) - pos - 2);
        std::string lower(line);
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (lower.rfind("content-length:", 0) == 0) {
          content_length = std::strtoull(lower.c_str() + 15, nullptr, 10);
        } else if (lower.rfind("connection:", 0) == 0 && lower.find("close") != std::string::npos) {
          keep_alive = false;
        } else if (lower.rfind("expect:", 0) == 0 &&
                   lower.find("100-continue") != std::string::npos) {
          expect_continue = true;
        }
        pos = next;
      }
      if (c.in.size() < hdr_end + 4 + content_length) {
        if (expect_continue && c.in.size() == hdr_end + 4) {
          c.out += "HTTP/1.1 100 Continue\r\n\r\n";
          if (!Flush(c)) return false;
        }
        break;
      }
      std::string body = c.in.substr(hdr_end + 4, content_length);
      c.in.erase(0, hdr_end + 4 + content_length);
      Reply r = server_.Handle(method, path, body);
      bool close_after = !keep_alive || r.drop_mid_body;
      if (r.stream) stats_.streams++;
      if (r.stream && r.event_gap_ms > 0 && !r.events.empty()) {
        // Token by token: one HTTP chunk per event, event_gap_ms apart.
        c.stream.clear();
        c.stream.push_back(StreamHead(keep_alive && !r.drop_mid_body) + HttpChunk(r.events[0]));
        for (size_t i = 1; i < r.events.size(); ++i) c.stream.push_back(HttpChunk(r.events[i]));
        if (!r.drop_mid_body) c.stream.back() += "0\r\n\r\n";
        c.stream_gap_ms = r.event_gap_ms;
        c.waiting = true;
        timers_.push(Timer{Clock::now() + std::chrono::milliseconds(r.delay_ms), fd, c.serial, "",
                           close_after, true});
        break;
      }
      std::string data = Serialize(r, keep_alive);
      if (r.delay_ms > 0) {
        c.waiting = true;
        timers_.push(Timer{Clock::now() + std::chrono::milliseconds(r.delay_ms), fd, c.serial,
                           std::move(data), close_after});
        break;
      }
      c.out += data;
      c.close_after_write = close_after;
    }
    return Flush(c);
  }

  // Writes what it can; false when the connection was closed.
  bool Flush(Conn& c) {
    while (c.out_off < c.out.size()) {
      ssize_t w = send(c.fd, c.out.data() + c.out_off, c.out.size() - c.out_off, MSG_NOSIGNAL);
      if (w > 0) {
        c.out_off += static_cast<size_t>(w);
        continue;
      }
      if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
        ev.data.fd = c.fd;
        epoll_ctl(ep_, EPOLL_CTL_MOD, c.fd, &ev);
        return true;
      }
      Close(c.fd);
      return false;
    }
    if (!c.out.empty()) {
      c.out.clear();
      c.out_off = 0;
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.fd = c.fd;
      epoll_ctl(ep_, EPOLL_CTL_MOD, c.fd, &ev);
    }
    if (c.close_after_write) {
      Close(c.fd);
      return false;
    }
    return true;
  }

  int listen_fd_;
  Stats& stats_;
  int ep_ = -1;
  Server server_;
  uint64_t serial_ = 0;
  std::unordered_map<int, std::unique_ptr<Conn>> conns_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
};

int Listen(const Options& o, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr) != 1) {
    std::fprintf(stderr, "refinery-llm-test-server: bad --host %s\n", o.host.c_str());
    std::exit(2);
  }
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || listen(fd, 4096) != 0) {
    std::fprintf(stderr, "refinery-llm-test-server: cannot listen on %s:%d: %s\n", o.host.c_str(),
                 port, std::strerror(errno));
    std::exit(2);
  }
  return fd;
}

void Usage() {
  std::puts(
      "usage: refinery-llm-test-server [--port N (0 = any free port)] [--host 127.0.0.1]\n"
      "         [--port-file FILE] [--threads N] [--latency-ms N] [--slow-ms N]\n"
      "         [--fault-rate R] [--faults 429,500,slow,drop,malformed,content_type,no_tags]\n"
      "         [--seed S] [--leak-first-attempt] [--refuse-n] [--refuse-n-500]\n"
      "         [--retry-after SECONDS] [--retry-after-ms MS] [--quiet]\n"
      "         [--flavor vllm|llama-server|ollama|openai] [--n-ctx TOKENS] [--models A,B]\n"
      "         [--think] [--reasoning-parser] [--require-max-completion-tokens]\n"
      "         [--quota-exhausted] [--ignore-hint-rate R] [--valid-fakes] [--proper-nouns]\n"
      "         [--token-latency-ms N] [--stream-chunk-bytes N]\n"
      "         [--real-edits R [--real-edit-kinds pronoun,article,...]]\n"
      "         [--oracle FILE.jsonl --oracle-recall R]\n"
      "An OpenAI-compatible test server (loopback only). Document markers [[srv:leak]],\n"
      "[[srv:no_tags]], [[srv:429]], [[srv:500]], [[srv:slow]], [[srv:drop]], [[srv:malformed]],\n"
      "[[srv:content_type]], [[srv:bad_request]] act on a document's first attempt;\n"
      "[[srv:always_leak]] on every attempt; [[srv:runaway]] never closes the tag;\n"
      "[[srv:stream_error]] fails a stream halfway (first attempt). \"stream\": true gets\n"
      "server-sent events in the --flavor's shapes. GET /stats returns counters.\n"
      "example: refinery-llm-test-server --port 0 --port-file /tmp/port --fault-rate 0.2 --seed 7");
}

}  // namespace

#ifndef REFINERY_LLM_SERVER_NO_MAIN  // batch_answer.cc compiles this file with its own main
int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "refinery-llm-test-server: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--port")
      o.port = std::atoi(next().c_str());
    else if (a == "--host")
      o.host = next();
    else if (a == "--port-file")
      o.port_file = next();
    else if (a == "--threads")
      o.threads = std::max(1, std::atoi(next().c_str()));
    else if (a == "--latency-ms")
      o.latency_ms = std::atoi(next().c_str());
    else if (a == "--slow-ms")
      o.slow_ms = std::atoi(next().c_str());
    else if (a == "--fault-rate")
      o.fault_rate = std::atof(next().c_str());
    else if (a == "--seed")
      o.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--retry-after")
      o.retry_after = next();
    else if (a == "--leak-first-attempt")
      o.leak_first_attempt = true;
    else if (a == "--refuse-n")
      o.refuse_n = true;
    else if (a == "--refuse-n-500")
      o.refuse_n_500 = true;
    else if (a == "--retry-after-ms")
      o.retry_after_ms = std::atoi(next().c_str());
    else if (a == "--flavor")
      o.flavor = next();
    else if (a == "--n-ctx")
      o.n_ctx = std::atoll(next().c_str());
    else if (a == "--think")
      o.think = true;
    else if (a == "--reasoning-parser")
      o.reasoning_parser = o.think = true;
    else if (a == "--require-max-completion-tokens")
      o.require_max_completion_tokens = true;
    else if (a == "--quota-exhausted")
      o.quota_exhausted = true;
    else if (a == "--ignore-hint-rate")
      o.ignore_hint_rate = std::atof(next().c_str());
    else if (a == "--valid-fakes")
      o.valid_fakes = true;
    else if (a == "--proper-nouns")
      o.proper_nouns = true;
    else if (a == "--token-latency-ms")
      o.token_latency_ms = std::atoi(next().c_str());
    else if (a == "--real-edits")
      o.real_edits.rate = std::atof(next().c_str());
    else if (a == "--real-edit-kinds") {
      o.real_edits.kinds.clear();
      std::string list = next();
      size_t p = 0;
      while (p <= list.size()) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        std::string kind = list.substr(p, q - p);
        const auto& all = real_model_edits::AllKinds();
        if (!kind.empty() && std::find(all.begin(), all.end(), kind) == all.end()) {
          std::fprintf(stderr, "refinery-llm-test-server: unknown edit kind %s\n", kind.c_str());
          return 2;
        }
        if (!kind.empty()) o.real_edits.kinds.insert(kind);
        p = q + 1;
      }
    } else if (a == "--oracle") {
      std::string path = next();
      std::ifstream f(path);
      if (!f) {
        std::fprintf(stderr, "refinery-llm-test-server: cannot read %s\n", path.c_str());
        return 2;
      }
      size_t line_no = 0;
      for (std::string line; std::getline(f, line);) {
        ++line_no;
        Json r = Json::parse(line, nullptr, false);
        if (r.is_discarded() || !r.contains("text") || !r["text"].is_string() ||
            !r.contains("gold") || !r["gold"].is_array()) {
          std::fprintf(stderr, "refinery-llm-test-server: %s:%zu: need {\"text\", \"gold\"}\n",
                       path.c_str(), line_no);
          return 2;
        }
        std::string text = r["text"].get<std::string>();
        size_t b = text.find_first_not_of(" \t\r\n");
        size_t e = text.find_last_not_of(" \t\r\n");
        text = b == std::string::npos ? "" : text.substr(b, e - b + 1);
        auto& gold = o.oracle[text];
        for (const auto& g : r["gold"]) {
          if (g.is_string()) gold.push_back(g.get<std::string>());
        }
        // Longest first, so that a full name goes before a part of it.
        std::sort(gold.begin(), gold.end(),
                  [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
      }
    } else if (a == "--oracle-recall")
      o.oracle_recall = std::atof(next().c_str());
    else if (a == "--stream-chunk-bytes")
      o.stream_chunk_bytes = static_cast<size_t>(std::max(1, std::atoi(next().c_str())));
    else if (a == "--models") {
      o.models.clear();
      std::string list = next();
      size_t p = 0;
      while (p <= list.size()) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        if (q > p) o.models.push_back(list.substr(p, q - p));
        p = q + 1;
      }
    } else if (a == "--quiet")
      o.quiet = true;
    else if (a == "--faults") {
      o.faults.clear();
      std::string list = next();
      size_t p = 0;
      while (p <= list.size()) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        if (q > p) o.faults.push_back(list.substr(p, q - p));
        p = q + 1;
      }
    } else if (a == "--help" || a == "-h") {
      Usage();
      return 0;
    } else {
      std::fprintf(stderr, "refinery-llm-test-server: unknown flag %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  if (o.host != "127.0.0.1" && o.host.rfind("127.", 0) != 0) {
    std::fprintf(stderr, "refinery-llm-test-server: loopback addresses only\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  int first = Listen(o, o.port);
  sockaddr_in addr{};
  socklen_t len = sizeof(addr);
  getsockname(first, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  std::vector<int> fds = {first};
  for (int t = 1; t < o.threads; ++t) fds.push_back(Listen(o, port));
  if (!o.port_file.empty()) {
    std::string tmp = o.port_file + ".tmp";
    {
      std::ofstream f(tmp);
      f << port << "\n";
    }
    std::rename(tmp.c_str(), o.port_file.c_str());
  }
  if (!o.quiet) {
    std::printf("refinery-llm-test-server listening on http://%s:%d\n", o.host.c_str(), port);
    std::fflush(stdout);
  }
  Stats stats;
  std::vector<std::thread> threads;
  for (size_t t = 1; t < fds.size(); ++t) {
    threads.emplace_back([&, t] { Loop(fds[t], o, stats, o.seed * 1000003 + t).Run(); });
  }
  Loop(fds[0], o, stats, o.seed).Run();
  return 0;
}
#endif  // REFINERY_LLM_SERVER_NO_MAIN
