#include "refinery/llm/protocol.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "refinery/core/utf8.h"
#include "refinery/llm/stream_chunk.h"

namespace refinery::llm {

Json BuildRequestBody(const ChatRequest& request, const std::string& model) {
  Json body = Json::object();
  body["model"] = model;
  if (request.use_completions_endpoint) {
    body["prompt"] = request.prompt;
  } else {
    Json messages = Json::array();
    for (const ChatMessage& m : request.messages) {
      messages.push_back(Json{{"role", m.role}, {"content", m.content}});
    }
    body["messages"] = std::move(messages);
  }
  if (request.sampling.is_object()) {
    for (const auto& [k, v] : request.sampling.items()) body[k] = v;
  }
  if (request.extra_body.is_object()) {
    for (const auto& [k, v] : request.extra_body.items()) body[k] = v;
  }
  return body;
}

namespace {

void AppendText(const Json& j, std::string& out) {
  auto string = [&out](const std::string& s) {
    if (IsValidUtf8(s)) {
      AppendJsonString(out, s);
    } else {  // nlohmann's replacement of invalid bytes
      out += Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  };
  switch (j.type()) {
    case Json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : j.get_ref<const Json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        string(key);
        out.push_back(':');
        AppendText(value, out);
      }
      out.push_back('}');
      return;
    }
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const Json& value : j.get_ref<const Json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        AppendText(value, out);
      }
      out.push_back(']');
      return;
    }
    case Json::value_t::string:
      string(j.get_ref<const std::string&>());
      return;
    default:  // numbers, booleans, null: nlohmann's own spelling
      out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace

std::string RequestText(const Json& body) {
  std::string out;
  AppendText(body, out);
  return out;
}

std::string CacheKey(const Json& body, bool completions_endpoint) {
  // nlohmann::json (not ordered) keeps object keys sorted: a canonical form.
  nlohmann::json canonical =
      nlohmann::json::parse(body.dump(-1, ' ', false, Json::error_handler_t::replace));
  std::string text = completions_endpoint ? "completions\n" : "chat/completions\n";
  text += canonical.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

namespace {

// The value of the last `key` in `obj`: nlohmann keeps the last of duplicate keys.
bool LastField(simdjson::dom::object obj, std::string_view key, simdjson::dom::element& out) {
  bool found = false;
  for (simdjson::dom::key_value_pair kv : obj) {
    if (kv.key == key) {
      out = kv.value;
      found = true;
    }
  }
  return found;
}

// nlohmann's get<int64_t>() of a number.
int64_t AsInt64(simdjson::dom::element e) {
  if (e.is_int64()) return e.get_int64().value_unsafe();
  if (e.is_uint64()) return static_cast<int64_t>(e.get_uint64().value_unsafe());
  return static_cast<int64_t>(e.get_double().value_unsafe());
}

std::string_view StringOf(simdjson::dom::element e) { return e.get_string().value_unsafe(); }

// ParseResponseJson over a simdjson document (a reply is a few KB: nlohmann's tree cost more
// than the rest of the client's work on it). Same checks, same messages, same values.
StatusOr<ChatResponse> ResponseFromDom(simdjson::dom::element root, bool completions_endpoint) {
  if (!root.is_object()) return absl::DataLossError("reply is not a JSON object");
  simdjson::dom::object j = root.get_object().value_unsafe();
  simdjson::dom::element choices;
  if (!LastField(j, "choices", choices) || !choices.is_array() ||
      choices.get_array().value_unsafe().size() == 0) {
    return absl::DataLossError("reply has no choices");
  }
  ChatResponse r;
  const simdjson::dom::array list = choices.get_array().value_unsafe();
  for (simdjson::dom::element c : list) {
    if (!c.is_object()) return absl::DataLossError("reply choice is not an object");
    simdjson::dom::object co = c.get_object().value_unsafe();
    simdjson::dom::element text;
    bool has_text = false;
    if (completions_endpoint) {
      has_text = LastField(co, "text", text);
    } else {
      simdjson::dom::element m;
      if (LastField(co, "message", m) && m.is_object()) {
        has_text = LastField(m.get_object().value_unsafe(), "content", text);
      }
    }
    if (has_text && text.is_null() && !completions_endpoint) {
      r.choices.emplace_back();
    } else if (!has_text || !text.is_string()) {
      return absl::DataLossError("reply choice has no text");
    } else {
      r.choices.emplace_back(StringOf(text));
    }
    simdjson::dom::element fr;
    r.finish_reasons.emplace_back(
        LastField(co, "finish_reason", fr) && fr.is_string() ? StringOf(fr) : std::string_view());
  }
  simdjson::dom::element usage;
  if (LastField(j, "usage", usage) && usage.is_object()) {
    simdjson::dom::object u = usage.get_object().value_unsafe();
    simdjson::dom::element n;
    if (LastField(u, "prompt_tokens", n) && n.is_number()) r.prompt_tokens = AsInt64(n);
    if (LastField(u, "completion_tokens", n) && n.is_number()) r.completion_tokens = AsInt64(n);
  }
  simdjson::dom::element model;
  if (LastField(j, "model", model) && model.is_string()) r.model = std::string(StringOf(model));
  return r;
}

}  // namespace

StatusOr<ChatResponse> ParseResponseBody(std::string_view body, bool completions_endpoint) {
  // simdjson reads what it can; anything it refuses (bad JSON, a BOM, deep nesting) goes to
  // nlohmann, whose verdict and message stay the reference.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (!parser.parse(body.data(), body.size()).get(root)) {
    return ResponseFromDom(root, completions_endpoint);
  }
  Json j = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::DataLossError("reply is not valid JSON");
  return ParseResponseJson(j, completions_endpoint);
}

StatusOr<ChatResponse> ParseResponseJson(const Json& j, bool completions_endpoint) {
  if (!j.is_object()) return absl::DataLossError("reply is not a JSON object");
  auto choices = j.find("choices");
  if (choices == j.end() || !choices->is_array() || choices->empty()) {
    return absl::DataLossError("reply has no choices");
  }
  ChatResponse r;
  for (const Json& c : *choices) {
    if (!c.is_object()) return absl::DataLossError("reply choice is not an object");
    const Json* text = nullptr;
    if (completions_endpoint) {
      auto it = c.find("text");
      if (it != c.end()) text = &*it;
    } else {
      auto m = c.find("message");
      if (m != c.end() && m->is_object()) {
        auto it = m->find("content");
        if (it != m->end()) text = &*it;
      }
    }
    // `content: null` is what vLLM and SGLang send when a reasoning parser took every token
    // (the draft sits in `reasoning_content` / `reasoning`, which is never read): a model
    // outcome, answered as an empty choice, not a broken transfer.
    if (text != nullptr && text->is_null() && !completions_endpoint) {
      r.choices.emplace_back();
    } else if (text == nullptr || !text->is_string()) {
      return absl::DataLossError("reply choice has no text");
    } else {
      r.choices.push_back(text->get<std::string>());
    }
    auto fr = c.find("finish_reason");
    r.finish_reasons.push_back(fr != c.end() && fr->is_string() ? fr->get<std::string>() : "");
  }
  auto usage = j.find("usage");
  if (usage != j.end() && usage->is_object()) {
    auto pt = usage->find("prompt_tokens");
    auto ct = usage->find("completion_tokens");
    if (pt != usage->end() && pt->is_number()) r.prompt_tokens = pt->get<int64_t>();
    if (ct != usage->end() && ct->is_number()) r.completion_tokens = ct->get<int64_t>();
  }
  auto model = j.find("model");
  if (model != j.end() && model->is_string()) r.model = model->get<std::string>();
  return r;
}

namespace {

std::string Shorten(std::string s, size_t max_chars) {
  if (s.size() <= max_chars) return s;
  size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  s += "...";
  return s;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

}  // namespace

std::string ServerErrorMessage(std::string_view body, size_t max_chars) {
  Json j = Json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    for (const char* field : {"error", "message", "detail"}) {
      auto it = j.find(field);
      if (it == j.end()) continue;
      if (it->is_string()) return Shorten(OneLine(it->get<std::string>()), max_chars);
      if (it->is_object()) {
        auto m = it->find("message");
        if (m != it->end() && m->is_string()) {
          return Shorten(OneLine(m->get<std::string>()), max_chars);
        }
      }
      return Shorten(OneLine(it->dump()), max_chars);
    }
  }
  if (body.empty()) return "(empty body)";
  return Shorten(OneLine(std::string(body.substr(0, max_chars + 8))), max_chars);
}

namespace {

bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + k])) ==
                                    std::tolower(static_cast<unsigned char>(needle[k]))) {
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

// error.code / error.type / error.param of an OpenAI-style error object (strings only).
std::string ErrorField(const Json& j, const char* field) {
  if (!j.is_object()) return "";
  auto e = j.find("error");
  if (e == j.end() || !e->is_object()) return "";
  auto f = e->find(field);
  return f != e->end() && f->is_string() ? f->get<std::string>() : "";
}

}  // namespace

bool IsContextLengthError(std::string_view body) {
  // OpenAI `context_length_exceeded`; llama-server `exceed_context_size_error` ("the request
  // exceeds the available context size"); vLLM "This model's maximum context length is N
  // tokens..."; SGLang "... is longer than the model's context length (N tokens)".
  return ContainsNoCase(body, "context_length_exceeded") ||
         ContainsNoCase(body, "exceed_context_size") ||
         ContainsNoCase(body, "available context size") || ContainsNoCase(body, "context length") ||
         ContainsNoCase(body, "context window");
}

bool AsksForMaxCompletionTokens(std::string_view body) {
  // OpenAI reasoning models: 400 {"error": {"code": "unsupported_parameter", "param":
  // "max_tokens", "message": "Unsupported parameter: 'max_tokens' is not supported with this
  // model. Use 'max_completion_tokens' instead."}}
  return ContainsNoCase(body, "max_completion_tokens") && ContainsNoCase(body, "max_tokens") &&
         (ContainsNoCase(body, "unsupported_parameter") || ContainsNoCase(body, "unsupported"));
}

bool RefusesParameter(std::string_view body, std::string_view param) {
  Json j = Json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_discarded() && ErrorField(j, "param") == param && ContainsNoCase(body, "unsupported")) {
    return true;
  }
  std::string quoted = "'" + std::string(param) + "'";
  return ContainsNoCase(body, "unsupported") && ContainsNoCase(body, quoted);
}

Status ClassifyHttpError(long status, std::string_view body, const std::string& url) {
  std::string what = fmt::format("HTTP {} from {}: {}", status, url, ServerErrorMessage(body));
  Json j = Json::parse(body.begin(), body.end(), nullptr, false);
  std::string code = j.is_discarded() ? "" : ErrorField(j, "code");
  std::string type = j.is_discarded() ? "" : ErrorField(j, "type");
  if (code == "insufficient_quota" || type == "insufficient_quota") {
    return absl::FailedPreconditionError("the API quota is exhausted: " + what);
  }
  if (status == 401) return absl::UnauthenticatedError(what);
  if (status == 403) return absl::PermissionDeniedError(what);
  if (status == 404) return absl::NotFoundError(what);
  if ((status == 400 || status == 413 || status == 422) && IsContextLengthError(body)) {
    return absl::OutOfRangeError("context length exceeded: " + what);
  }
  return absl::InvalidArgumentError(what);
}

bool IsFatalLlmError(const Status& s) {
  return absl::IsUnauthenticated(s) || absl::IsPermissionDenied(s) || absl::IsNotFound(s) ||
         absl::IsFailedPrecondition(s);
}

std::string_view StripThinking(std::string_view content) {
  // Thinking models (Qwen3, DeepSeek-R1, ...) without a server-side reasoning parser write
  // "<think>...</think>" before the answer; some chat templates open the block in the prompt,
  // so only "</think>" shows. Whatever precedes the last "</think>" is reasoning; an opened
  // block that never closes (cut or still thinking) leaves no answer.
  size_t close = content.rfind("</think>");
  if (close != std::string_view::npos) content.remove_prefix(close + 8);
  size_t open = content.find("<think>");
  if (open != std::string_view::npos) content = content.substr(0, open);
  return content;
}

std::optional<double> ParseRetryAfter(std::string_view value, int64_t now_unix) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r' ||
                            value.back() == '\n')) {
    value.remove_suffix(1);
  }
  if (value.empty() || value.size() > 64) return std::nullopt;
  bool numeric = std::all_of(value.begin(), value.end(),
                             [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  if (numeric) {
    std::string s(value);
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v) || v < 0) return std::nullopt;
    return v;
  }
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  std::string s(value);
  struct tm tm = {};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  int64_t when = static_cast<int64_t>(timegm(&tm));
  return std::max<double>(0, static_cast<double>(when - now_unix));
}

double BackoffDelay(int retry, double base_s, double max_s, std::mt19937_64& rng) {
  double d = base_s * std::pow(2.0, std::max(0, retry - 1));
  d = std::min(d, max_s);
  std::uniform_real_distribution<double> u(0.5, 1.0);
  return d * u(rng);
}

// ---------------------------------------------------------------- streamed replies

struct StreamReader::Parser {
  ScannedChunk scanned;
  ChunkShape shape;  // the stream's last token event
  simdjson::dom::parser dom;
};

void StreamReader::Apply(const ScannedChunk& c) {
  for (const ChunkChoice& d : c.choices) {
    if (choices_.size() <= static_cast<size_t>(d.index)) choices_.resize(d.index + 1);
    Choice& ch = choices_[d.index];
    ch.content.append(d.content);
    ch.reasoning_bytes += d.reasoning.size();
    if (d.finish_reason) ch.finish_reason.assign(*d.finish_reason);
    if (d.stop_reason) {
      ch.stop_reason = std::string(*d.stop_reason);
    } else if (d.has_stop_reason && d.finish_reason) {
      ch.stop_reason = std::string();  // finished on EOS, not on a stop string
    }
  }
  if (c.has_usage) {
    has_usage_ = true;
    prompt_tokens_ = c.prompt_tokens;
    completion_tokens_ = c.completion_tokens;
  }
  if (model_.empty() && !c.model.empty()) model_.assign(c.model);
}

StreamReader::StreamReader(bool completions_endpoint)
    : parser_(std::make_unique<Parser>()), completions_(completions_endpoint) {}

StreamReader::~StreamReader() = default;

void StreamReader::Reset(bool completions_endpoint) {
  completions_ = completions_endpoint;
  partial_.clear();
  data_.clear();
  error_line_ = done_ = has_usage_ = false;
  error_.reset();
  choices_.clear();
  prompt_tokens_ = completion_tokens_ = 0;
  model_.clear();
  events_ = 0;
  parser_->shape.valid = false;
}

void StreamReader::Feed(std::string_view bytes) {
  // Whole lines are read in place; only a line split across two reads is copied.
  if (!partial_.empty()) {
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(bytes);
      return;
    }
    partial_.append(bytes.substr(0, nl));
    std::string line = std::move(partial_);
    partial_.clear();
    Line(line);
    bytes.remove_prefix(nl + 1);
  }
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      partial_.assign(bytes);
      return;
    }
    Line(bytes.substr(0, nl));
    bytes.remove_prefix(nl + 1);
  }
}

void StreamReader::Close() {
  if (!partial_.empty()) {
    std::string line = std::move(partial_);
    partial_.clear();
    Line(line);
  }
  Dispatch();
}

void StreamReader::Line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) {
    Dispatch();
    return;
  }
  if (line.front() == ':') return;  // a comment: keep-alive
  size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "data") {
    if (!data_.empty()) data_.push_back('\n');
    data_.append(value);
  } else if (field == "error") {  // older llama-server: `error: {...}`
    error_line_ = true;
    data_.assign(value);
  } else if (field == "event" && value == "error") {
    error_line_ = true;
  }
}

void StreamReader::Dispatch() {
  if (data_.empty()) {
    error_line_ = false;
    return;
  }
  events_++;
  if (error_line_) {
    error_line_ = false;
    if (!error_) error_ = ServerErrorMessage(data_);
  } else if (data_ == "[DONE]") {
    done_ = true;
  } else if (parser_->shape.Match(data_, parser_->scanned)) {
    Apply(parser_->scanned);
  } else if (ScanStreamChunk(data_, completions_, parser_->scanned)) {
    parser_->shape.Remember(data_, parser_->scanned);
    Apply(parser_->scanned);
  } else {
    // Not the usual shape (an error event, a syntax error): the full parser decides.
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: make them ours, no copy.
    data_.reserve(data_.size() + simdjson::SIMDJSON_PADDING);
    FastChunk(data_, /*padded=*/true);
  }
  data_.clear();
}

void StreamReader::FastChunk(std::string_view json, bool padded) {
  simdjson::dom::element root;
  simdjson::dom::object obj;
  if (parser_->dom.parse(json.data(), json.size(), !padded).get(root) ||
      root.get_object().get(obj)) {
    if (!error_) error_ = "unreadable stream chunk: " + ServerErrorMessage(json, 120);
    return;
  }
  for (simdjson::dom::key_value_pair kv : obj) {
    if (kv.key == "error" && !kv.value.is_null()) {  // an error event: read every shape of it
      SlowChunk(json);
      return;
    }
    if (kv.key == "choices") {
      simdjson::dom::array arr;
      if (kv.value.get_array().get(arr)) continue;
      for (simdjson::dom::element c : arr) {
        simdjson::dom::object co;
        if (c.get_object().get(co)) continue;
        int64_t index = 0;
        if (co["index"].get_int64().get(index) || index < 0 || index > 1024) index = 0;
        if (choices_.size() <= static_cast<size_t>(index)) choices_.resize(index + 1);
        Choice& ch = choices_[index];
        std::string_view text;
        if (completions_) {
          if (!co["text"].get_string().get(text)) ch.content.append(text);
        } else {
          simdjson::dom::object delta;
          if (!co["delta"].get_object().get(delta)) {
            if (!delta["content"].get_string().get(text)) ch.content.append(text);
            if (!delta["reasoning_content"].get_string().get(text)) {
              ch.reasoning_bytes += text.size();
            } else if (!delta["reasoning"].get_string().get(text)) {
              ch.reasoning_bytes += text.size();
            }
          }
        }
        if (!co["finish_reason"].get_string().get(text)) ch.finish_reason.assign(text);
        simdjson::dom::element stop;
        if (!co["stop_reason"].get(stop)) {
          if (stop.is_string()) {
            ch.stop_reason = std::string(stop.get_string().value_unsafe());
          } else if (stop.is_null() && !ch.finish_reason.empty()) {
            ch.stop_reason = std::string();  // finished on EOS, not on a stop string
          }
        }
      }
    } else if (kv.key == "usage") {
      simdjson::dom::object u;
      if (kv.value.get_object().get(u)) continue;
      int64_t n = 0;
      if (!u["prompt_tokens"].get_int64().get(n)) prompt_tokens_ = n;
      if (!u["completion_tokens"].get_int64().get(n)) completion_tokens_ = n;
      has_usage_ = true;
    } else if (kv.key == "model" && model_.empty()) {
      std::string_view m;
      if (!kv.value.get_string().get(m)) model_.assign(m);
    }
  }
}

void StreamReader::SlowChunk(std::string_view json) {
  if (!error_) error_ = ServerErrorMessage(json);  // error.message, in every server's shape
}

std::string ResponseToCacheValue(const ChatResponse& response) {
  Json j = {{"choices", response.choices},
            {"finish_reasons", response.finish_reasons},
            {"prompt_tokens", response.prompt_tokens},
            {"completion_tokens", response.completion_tokens},
            {"model", response.model}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

StatusOr<ChatResponse> ResponseFromCacheValue(std::string_view value) {
  Json j = Json::parse(value.begin(), value.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("choices") || !j["choices"].is_array()) {
    return absl::DataLossError("unreadable cache entry");
  }
  ChatResponse r;
  for (const Json& c : j["choices"]) {
    if (!c.is_string()) return absl::DataLossError("unreadable cache entry");
    r.choices.push_back(c.get<std::string>());
  }
  if (j.contains("finish_reasons") && j["finish_reasons"].is_array()) {
    for (const Json& c : j["finish_reasons"])
      r.finish_reasons.push_back(c.is_string() ? c.get<std::string>() : "");
  }
  r.finish_reasons.resize(r.choices.size());
  r.prompt_tokens = j.value("prompt_tokens", int64_t{0});
  r.completion_tokens = j.value("completion_tokens", int64_t{0});
  r.model = j.value("model", std::string());
  r.from_cache = true;
  return r;
}

}  // namespace refinery::llm
