#include "refinery/gdr/batch_rounds.h"

#include <fmt/format.h>

#include <filesystem>

#include "refinery/core/hash.h"
#include "refinery/io/files.h"
#include "refinery/llm/protocol.h"

namespace refinery::gdr {
namespace {

constexpr std::string_view kIdKey = "{\"custom_id\":\"";

// Lines of `text`, without the newline; empty lines skipped.
template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) f(line);
    pos = end + 1;
  }
}

// The custom_ids a requests file (written by Finish, so each line starts with its id) asked.
std::unordered_map<std::string, bool> AskedIds(std::string_view text) {
  std::unordered_map<std::string, bool> ids;
  ForEachLine(text, [&](std::string_view line) {
    if (line.substr(0, kIdKey.size()) != kIdKey) return;
    size_t end = line.find('"', kIdKey.size());
    if (end != std::string_view::npos) {
      ids.emplace(std::string(line.substr(kIdKey.size(), end - kIdKey.size())), true);
    }
  });
  return ids;
}

}  // namespace

std::string BatchRequestsPath(const std::string& dir, int round) {
  return fmt::format("{}/requests-{:03d}.jsonl", dir, round);
}

std::string BatchResultsPath(const std::string& dir, int round) {
  return fmt::format("{}/results-{:03d}.jsonl", dir, round);
}

int BatchRoundsWithResults(const std::string& dir) {
  int k = 0;
  while (std::filesystem::exists(BatchResultsPath(dir, k + 1))) ++k;
  return k;
}

std::string BatchCustomId(std::string_view body_text) {
  return "gdr-" + Sha256Hex(body_text).substr(0, 32);
}

Json BatchIngestCounts::ToJson() const {
  return Json{{"rounds_ingested", rounds}, {"result_lines", lines},  {"usable", usable},
              {"failed_lines", failed},    {"malformed", malformed}, {"unknown_ids", unknown},
              {"duplicates", duplicates},  {"result_bytes", bytes}};
}

StatusOr<std::shared_ptr<BatchRounds>> BatchRounds::Open(BatchRoundsOptions options) {
  std::error_code ec;
  std::filesystem::create_directories(options.dir, ec);
  if (ec) {
    return absl::InvalidArgumentError("batch_dir: cannot create " + options.dir + ": " +
                                      ec.message());
  }
  std::shared_ptr<BatchRounds> rounds(new BatchRounds(options));
  int k = BatchRoundsWithResults(options.dir);
  for (int r = 1; r <= k; ++r) {
    std::unordered_map<std::string, bool> asked;
    bool have_requests = std::filesystem::exists(BatchRequestsPath(options.dir, r));
    if (have_requests) {
      ASSIGN_OR_RETURN(std::string req, ReadFile(BatchRequestsPath(options.dir, r)));
      asked = AskedIds(req);
    }
    ASSIGN_OR_RETURN(std::string text, ReadFile(BatchResultsPath(options.dir, r)));
    rounds->counts_.bytes += static_cast<int64_t>(text.size());
    rounds->Ingest(text, have_requests ? &asked : nullptr);
    rounds->counts_.rounds = r;
  }
  return rounds;
}

void BatchRounds::Ingest(std::string_view text,
                         const std::unordered_map<std::string, bool>* asked) {
  ForEachLine(text, [&](std::string_view line) {
    counts_.lines++;
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("custom_id") ||
        !j["custom_id"].is_string()) {
      counts_.malformed++;
      return;
    }
    std::string id = j["custom_id"].get<std::string>();
    if (asked != nullptr && asked->find(id) == asked->end()) {
      counts_.unknown++;
      return;
    }
    Answer& a = answers_[id];
    if (a.ok) {
      counts_.duplicates++;
      return;
    }
    const Json* response =
        j.contains("response") && j["response"].is_object() ? &j["response"] : nullptr;
    int status = response != nullptr ? response->value("status_code", 200) : 0;
    bool has_error = j.contains("error") && !j["error"].is_null();
    bool has_body =
        response != nullptr && response->contains("body") && (*response)["body"].is_object();
    if (!has_error && status == 200 && has_body) {
      // A usable line must parse as a chat answer; one that does not is malformed, and the
      // request is asked again.
      StatusOr<ChatResponse> parsed = llm::ParseResponseJson((*response)["body"], false);
      if (!parsed.ok()) {
        counts_.malformed++;
        a.failures++;
        a.error = "malformed answer body";
        return;
      }
      a.ok = true;
      a.response = std::move(*parsed);
      a.response.attempts = 1;
      counts_.usable++;
      return;
    }
    counts_.failed++;
    a.failures++;
    a.status_code = status;
    if (has_error) {
      const Json& e = j["error"];
      a.error = e.is_string() ? e.get<std::string>()
                              : (e.is_object() && e.contains("message") && e["message"].is_string()
                                     ? e["message"].get<std::string>()
                                     : e.dump());
    } else if (has_body) {
      a.error = llm::ServerErrorMessage((*response)["body"].dump());
    } else {
      a.error = fmt::format("status {}", status);
    }
  });
}

void BatchRounds::Submit(ChatRequest request, LlmClient::Callback done) {
  std::string body = llm::BuildRequestBody(request, opt_.model)
                         .dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string id = BatchCustomId(body);
  auto it = answers_.find(id);  // read-only after Open: no lock
  if (it != answers_.end()) {
    const Answer& a = it->second;
    if (a.ok) {
      done(a.response);
      return;
    }
    // A context-length refusal is final, as live (the step re-chunks); other 4xx too.
    if (a.status_code >= 400 && a.status_code < 500 && a.status_code != 429) {
      done(llm::ClassifyHttpError(a.status_code, Json{{"error", {{"message", a.error}}}}.dump(),
                                  "batch " + BatchResultsPath(opt_.dir, counts_.rounds)));
      return;
    }
    if (llm::IsContextLengthError(a.error)) {
      done(absl::OutOfRangeError("batch result: " + a.error));
      return;
    }
    if (a.failures >= opt_.max_failed_rounds) {
      done(absl::UnavailableError(
          fmt::format("batch: request {} failed in {} rounds: {}", id, a.failures, a.error)));
      return;
    }
  }
  if (counts_.rounds >= opt_.max_rounds) {
    // The id keeps these errors distinct: they are not one systemic failure.
    done(absl::UnavailableError(
        fmt::format("batch: no usable reply for {} after {} rounds", id, counts_.rounds)));
    return;
  }
  // The line as Json::dump writes it, without serializing the body a second time.
  std::string text = "{\"custom_id\":\"" + id +
                     "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":" + body +
                     "}";
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.emplace(std::move(id), std::move(text));
  }
  done(llm::DeferredError());
}

void BatchRounds::Finish(Json& extra) {
  Json b = counts_.ToJson();
  std::lock_guard<std::mutex> lock(mu_);
  b["dir"] = opt_.dir;
  b["round"] = next_round();
  b["requests_written"] = pending_.size();
  if (!pending_.empty()) {
    std::string out;
    for (const auto& [id, line] : pending_) {
      out += line;
      out += '\n';
    }
    std::string path = BatchRequestsPath(opt_.dir, next_round());
    Status s = WriteFileAtomic(path, out);
    if (!s.ok()) {
      extra["run_failed"] = "batch: " + std::string(s.message());
    } else {
      b["requests_file"] = path;
      b["requests_bytes"] = out.size();
    }
  }
  extra["batch"] = std::move(b);
}

}  // namespace refinery::gdr
