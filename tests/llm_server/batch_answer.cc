// refinery-llm-batch-answer: answers an OpenAI Batch API input file offline, as
// `vllm run-batch` or the Batch API would, with the test server's scripted rewrite (server.cc
// is compiled into this program; its Server::Handle makes every answer).
//
//   refinery-llm-batch-answer --in DIR/requests-001.jsonl --out DIR/results-001.jsonl
//       [--fail-rate 0.05] [--seed S] [--leak-first-attempt] [--valid-fakes] [--proper-nouns]
//       [--fault-rate R --faults no_tags,500] [--ignore-hint-rate R]
//
// Output lines are {"id","custom_id","response":{"status_code","request_id","body"},"error"}
// (the Batch API output format; vLLM's run-batch writes the same fields), in an order other
// than the input's. Misbehaviour like a real run: a share --fail-rate of lines fail (half as
// error lines with `response: null`, half as 500 answers), drawn from the custom_id and
// --seed, so another round's seed fails other lines. A request carrying the rewrite step's
// retry feedback counts as the document's second attempt (the live server counts attempts per
// document; a batch answerer starts fresh each round), so --leak-first-attempt behaves as it
// does live.
#define REFINERY_LLM_SERVER_NO_MAIN 1
#include "server.cc"

namespace {

uint64_t Mix(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::string LastUserDocument(const Json& body) {
  std::string prompt;
  for (const auto& m : body.value("messages", Json::array())) {
    if (m.is_object() && m.value("role", "") == "user" && m.contains("content") &&
        m["content"].is_string()) {
      prompt = m["content"].get<std::string>();
    }
  }
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
  return doc;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= list.size()) {
    size_t q = list.find(',', p);
    if (q == std::string::npos) q = list.size();
    if (q > p) out.push_back(list.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

int BatchMain(int argc, char** argv) {
  Options o;
  o.faults = {"no_tags"};
  o.flavor = "llama-server";  // answers under any model name, as run-batch serves its --model
  std::string in, out;
  double fail_rate = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "refinery-llm-batch-answer: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--in") {
      in = next();
    } else if (a == "--out") {
      out = next();
    } else if (a == "--fail-rate") {
      fail_rate = std::atof(next().c_str());
    } else if (a == "--seed") {
      o.seed = std::strtoull(next().c_str(), nullptr, 10);
    } else if (a == "--leak-first-attempt") {
      o.leak_first_attempt = true;
    } else if (a == "--valid-fakes") {
      o.valid_fakes = true;
    } else if (a == "--proper-nouns") {
      o.proper_nouns = true;
    } else if (a == "--fault-rate") {
      o.fault_rate = std::atof(next().c_str());
    } else if (a == "--faults") {
      o.faults = SplitList(next());
    } else if (a == "--ignore-hint-rate") {
      o.ignore_hint_rate = std::atof(next().c_str());
    } else {
      std::fprintf(stderr, "refinery-llm-batch-answer: unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  if (in.empty() || out.empty()) {
    std::fprintf(stderr, "usage: refinery-llm-batch-answer --in REQUESTS --out RESULTS ...\n");
    return 2;
  }
  std::ifstream f(in);
  if (!f) {
    std::fprintf(stderr, "refinery-llm-batch-answer: cannot read %s\n", in.c_str());
    return 2;
  }
  Stats stats;
  Server server(o, stats, o.seed);
  std::vector<std::pair<uint64_t, std::string>> lines;  // (order key, line)
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    Json req = Json::parse(line, nullptr, false);
    if (req.is_discarded() || !req.contains("custom_id") || !req.contains("body")) {
      std::fprintf(stderr, "refinery-llm-batch-answer: %s line %d: not a batch request\n",
                   in.c_str(), n + 1);
      return 2;
    }
    ++n;
    std::string id = req["custom_id"].get<std::string>();
    Json result = {{"id", "batch_req_" + std::to_string(n)}, {"custom_id", id}};
    uint64_t h = Mix(id, o.seed);
    if (static_cast<double>(h % 1000000) / 1000000.0 < fail_rate) {
      if (h & (1ull << 40)) {
        result["response"] = nullptr;
        result["error"] = {{"code", "server_error"}, {"message", "injected failed line"}};
      } else {
        result["response"] = {{"status_code", 500},
                              {"request_id", "req_" + std::to_string(n)},
                              {"body", {{"error", {{"message", "injected 500"}}}}}};
        result["error"] = nullptr;
      }
    } else {
      const Json& body = req["body"];
      std::string prompt = body.dump();
      if (prompt.find("Your previous rewrite of this document was rejected") != std::string::npos) {
        stats.NextAttempt(LastUserDocument(body));  // the document's first attempt is past
      }
      Reply r = server.Handle("POST", req.value("url", "/v1/chat/completions"), body.dump());
      Json rb = Json::parse(r.body, nullptr, false);
      if (rb.is_discarded()) rb = Json{{"error", {{"message", r.body}}}};
      result["response"] = {
          {"status_code", r.status}, {"request_id", "req_" + std::to_string(n)}, {"body", rb}};
      result["error"] = nullptr;
    }
    lines.emplace_back(Mix(id, 7), result.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  std::sort(lines.begin(), lines.end());  // not the input's order, as a real batch answers
  std::string tmp = out + ".tmp";
  {
    std::ofstream o2(tmp);
    for (const auto& [k, l] : lines) o2 << l << '\n';
  }
  std::rename(tmp.c_str(), out.c_str());
  std::fprintf(stderr, "refinery-llm-batch-answer: %d requests answered into %s\n", n, out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return BatchMain(argc, argv); }
