#include "refinery/gdr/task.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "refinery/llm/protocol.h"

namespace refinery::gdr {

namespace {

std::string At(const std::string& where, const YAML::Node& node, const std::string& field) {
  std::string loc = where;
  if (node.IsDefined() && node.Mark().line >= 0) {
    loc.push_back(':');
    loc += std::to_string(node.Mark().line + 1);
  }
  return loc + ": field '" + field + "'";
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

bool IsOff(const YAML::Node& v) {
  std::string s = v.as<std::string>();
  return s == "false" || s == "no" || s == "off";
}

}  // namespace

StatusOr<RewriteTask> ParseRewriteTask(std::string_view yaml, const std::string& where) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(where + ":" + std::to_string(e.mark.line + 1) +
                                      ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap()) return absl::InvalidArgumentError(where + ": a task must be a YAML map");
  RewriteTask t;
  try {
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "name") {
        t.name = v.as<std::string>();
      } else if (key == "version") {
        t.version = v.as<std::string>();
      } else if (key == "system") {
        t.system = v.as<std::string>();
      } else if (key == "user") {
        t.user = v.as<std::string>();
      } else if (key == "few_shot") {
        if (!v.IsSequence()) {
          return absl::InvalidArgumentError(At(where, v, key) +
                                            ": a list of {input, output} pairs");
        }
        for (const auto& pair : v) {
          if (!pair.IsMap() || !pair["input"] || !pair["output"]) {
            return absl::InvalidArgumentError(At(where, pair, key) +
                                              ": each entry needs input and output");
          }
          t.few_shot.emplace_back(pair["input"].as<std::string>(),
                                  pair["output"].as<std::string>());
        }
      } else if (key == "criteria") {
        if (!v.IsMap()) return absl::InvalidArgumentError(At(where, v, key) + ": a map");
        for (const auto& c : v) {
          std::string ck = c.first.as<std::string>();
          const YAML::Node& cv = c.second;
          if (ck == "pii") {
            t.criteria.pii = cv.as<bool>();
          } else if (ck == "toxicity") {
            std::string s = cv.as<std::string>();
            if (s == "false" || s == "no" || s == "off") {
              t.criteria.toxicity.reset();
            } else if (s == "true" || s == "yes" || s == "on") {
              t.criteria.toxicity = 0.5;
            } else {
              t.criteria.toxicity = cv.as<double>();
            }
          } else if (ck == "length_ratio" && cv.IsScalar() && IsOff(cv)) {
            t.criteria.min_length_ratio = 0;
            t.criteria.max_length_ratio = kUnbounded;
          } else if (ck == "max_distance" && cv.IsScalar() && IsOff(cv)) {
            t.criteria.max_distance = 1.0;
          } else if (ck == "length_ratio") {
            if (!cv.IsSequence() || cv.size() != 2) {
              return absl::InvalidArgumentError(At(where, cv, "criteria.length_ratio") +
                                                ": [min, max]");
            }
            t.criteria.min_length_ratio = cv[0].as<double>();
            t.criteria.max_length_ratio = cv[1].as<double>();
          } else if (ck == "max_distance") {
            t.criteria.max_distance = cv.as<double>();
          } else if (ck == "must_keep") {
            t.criteria.must_keep = cv.as<std::vector<std::string>>();
          } else if (ck == "keep_text") {
            t.criteria.keep_text = cv.as<bool>();
          } else {
            return absl::InvalidArgumentError(
                At(where, cv, "criteria." + ck) +
                ": unknown criterion (pii, toxicity, length_ratio, max_distance, must_keep, "
                "keep_text)");
          }
        }
      } else {
        return absl::InvalidArgumentError(
            At(where, v, key) +
            ": unknown field (name, version, system, user, few_shot, criteria)");
      }
    }
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(where + ":" + std::to_string(e.mark.line + 1) +
                                      ": wrong type: " + e.msg);
  }
  if (t.user.find("{{document}}") == std::string::npos) {
    return absl::InvalidArgumentError(At(where, root["user"], "user") +
                                      ": must contain {{document}}");
  }
  if (t.version.empty()) {
    return absl::InvalidArgumentError(where +
                                      ": field 'version' is required (it is recorded "
                                      "in the audit log of every record)");
  }
  if (t.name.empty()) t.name = t.version;
  return t;
}

StatusOr<RewriteTask> LoadRewriteTask(const std::string& spec) {
  std::string builtin = BuiltinTaskYaml(spec);
  if (!builtin.empty()) return ParseRewriteTask(builtin, "builtin:" + spec);
  std::ifstream in(spec);
  if (!in) {
    return absl::InvalidArgumentError("--task " + spec +
                                      ": not a built-in task (anonymize, detoxify) nor a "
                                      "readable YAML file");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseRewriteTask(ss.str(), spec);
}

std::vector<ChatMessage> BuildMessages(const RewriteTask& task, std::string_view document,
                                       std::string_view notes) {
  std::vector<ChatMessage> out;
  if (!task.system.empty()) out.push_back({"system", task.system});
  auto render = [&](std::string_view doc) {
    std::string u = task.user;
    ReplaceAll(u, "{{document}}", doc);
    return u;
  };
  for (const auto& [in, ex] : task.few_shot) {
    out.push_back({"user", render(in)});
    out.push_back({"assistant", "<refined>\n" + ex + "\n</refined>"});
  }
  std::string last = render(document);
  if (!notes.empty()) last = std::string(notes) + "\n\n" + last;
  out.push_back({"user", std::move(last)});
  return out;
}

std::optional<std::string> CandidateFromReply(std::string_view reply, std::string_view original) {
  std::optional<std::string> body = ExtractRefined(llm::StripThinking(reply));
  if (body && !original.empty()) *body = TrimAnswerWrapping(*body, original);
  return body;
}

namespace {

std::string_view TrimSpace(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

}  // namespace

std::string TrimAnswerWrapping(std::string_view candidate, std::string_view original) {
  std::string_view body = TrimSpace(candidate);
  std::string_view orig = TrimSpace(original);
  // "```" or "```lang" on the first line and "```" on the last, when the original is not
  // fenced itself.
  if (body.substr(0, 3) == "```" && orig.substr(0, 3) != "```") {
    size_t first_eol = body.find('\n');
    size_t last_line = body.rfind('\n');
    if (first_eol != std::string_view::npos && last_line >= first_eol &&
        TrimSpace(body.substr(last_line)) == "```" &&
        body.substr(3, first_eol - 3).find_first_of(" `") == std::string_view::npos) {
      body = TrimSpace(body.substr(first_eol + 1, last_line - first_eol - 1));
    }
  }
  return std::string(body);
}

std::optional<std::string> CandidateFromUntaggedReply(std::string_view reply,
                                                      std::string_view original) {
  std::string_view answer = llm::StripThinking(reply);
  if (answer.find("<refined>") != std::string_view::npos ||
      answer.find("</refined>") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view body = TrimSpace(answer);
  std::string_view orig = TrimSpace(original);
  // A one-line preamble ending in ':' and a blank line, which the original does not start with.
  size_t eol = body.find('\n');
  if (eol != std::string_view::npos) {
    std::string_view first = TrimSpace(body.substr(0, eol));
    if (!first.empty() && first.back() == ':' && first.size() <= 120 &&
        orig.substr(0, first.size()) != first) {
      body = TrimSpace(body.substr(eol + 1));
    }
  }
  std::string out = TrimAnswerWrapping(body, original);
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<std::string> ExtractRefined(std::string_view reply) {
  size_t open = reply.rfind("<refined>");
  if (open == std::string_view::npos) return std::nullopt;
  size_t start = open + 9;
  size_t close = reply.find("</refined>", start);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view body = reply.substr(start, close - start);
  if (!body.empty() && body.front() == '\n') body.remove_prefix(1);
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  return std::string(body);
}

}  // namespace refinery::gdr
