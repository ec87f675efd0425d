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
#include <sstream>

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

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::istringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int BatchMain(int argc, char** argv) {
  Options o;
  o.faults = {"no_tags"};
  o.flavor = "llama-server";  // answers under any model name, as run-batch serves its --model
  std::string in, out;
  double fail_rate = 0;
  std::vector<std::string> args(argv + 1, argv + argc);
  args.emplace_back();  // every flag that takes a value finds one; "" is refused below
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    const std::string& a = args[i];
    auto next = [&args, &i] { return args[++i]; };
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
      std::string body = req["body"].dump();
      std::string url = req.value("url", "/v1/chat/completions");
      if (body.find("Your previous rewrite of this document was rejected") != std::string::npos) {
        // A retry: the document's first attempt was in an earlier round (another process).
        // Playing it again here makes the server count this one as the second.
        (void)server.Handle("POST", url, body);
      }
      Reply r = server.Handle("POST", url, body);
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
