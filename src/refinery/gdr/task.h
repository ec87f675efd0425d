// Rewrite tasks: the prompt template of a GDR run and the criteria its rewrites must meet.
//
// A task is YAML (the built-in ones, in builtin_tasks.cc, are written in the same format, ready
// to copy and edit):
//
//   name: anonymize
//   version: anonymize-v1            # recorded in every audit line
//   system: |                        # optional system message
//     ...
//   user: |                          # the last user message; must contain {{document}}
//     ... <document>
//     {{document}}
//     </document>
//   few_shot:                        # optional (input, output) pairs shown as earlier turns
//     - input: "..."
//       output: "..."
//   criteria:
//     pii: true                      # no PII value of the original survives
//     toxicity: 0.5                  # toxicity score must be below this (false = unchecked)
//     length_ratio: [0.5, 2.0]       # or off
//     max_distance: 0.5              # normalised edit distance Δ(original, rewrite), or off
//     must_keep: ["ACME Corp"]      # kept verbatim (also exempt from the PII check)
//     keep_text: true                # every sentence outside replaced values kept, in order
//
// Prompt convention: the document is put verbatim between <document> and </document> in the
// last user message; the answer is the last <refined>...</refined> block of the reply. The
// rules belong in `system` (sent once); few-shot user turns are the template applied to the
// example input, so a template that is only the document block keeps them short.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/core/status.h"
#include "refinery/llm/client.h"

namespace refinery::gdr {

inline constexpr double kUnbounded = 1e300;

struct TaskCriteria {
  bool pii = false;
  std::optional<double> toxicity;  // max score, when checked
  double min_length_ratio = 0.5, max_length_ratio = 2.0;
  double max_distance = 0.5;
  std::vector<std::string> must_keep;
  // Text outside the replaced values kept, in order (kept_text.h); failure reason lost_text.
  bool keep_text = false;
};

struct RewriteTask {
  std::string name;
  std::string version;
  std::string system;
  std::string user;  // contains {{document}}
  std::vector<std::pair<std::string, std::string>> few_shot;
  TaskCriteria criteria;
};

// "anonymize", "detoxify", or the path of a YAML file. Errors name the file, line and field.
StatusOr<RewriteTask> LoadRewriteTask(const std::string& spec);
StatusOr<RewriteTask> ParseRewriteTask(std::string_view yaml, const std::string& where);
// The YAML text of a built-in task ("" when there is none of that name).
std::string BuiltinTaskYaml(std::string_view name);

// The chat messages for one document (or chunk): system, few-shot turns, then the user
// template with {{document}} replaced. `notes` (surrogates chosen earlier, feedback on a
// rejected attempt) go before the template's text, so the document stays last.
std::vector<ChatMessage> BuildMessages(const RewriteTask& task, std::string_view document,
                                       std::string_view notes);

// The candidate of a reply: the last <refined> block of its answer part, reasoning
// (<think>...</think>) removed first, so that a draft inside the reasoning never counts. With
// `original` (the text sent), what real models wrap around a correct answer is taken off
// (TrimAnswerWrapping).
std::optional<std::string> CandidateFromReply(std::string_view reply,
                                              std::string_view original = {});

// The candidate of a reply without any <refined> tag, as real models sometimes answer: the
// answer part (reasoning removed) with its wrapping taken off (a code fence around it, a
// one-line preamble such as "Here is the refined document:"). nullopt when the reply holds a
// tag (an unterminated block is a cut answer, not an untagged one) or nothing. Only for tasks
// whose `keep_text` check then proves that the answer is the document.
std::optional<std::string> CandidateFromUntaggedReply(std::string_view reply,
                                                      std::string_view original);

// Takes off what wraps a correct answer when `original` has none of it: surrounding blank
// lines and spaces (the original was sent trimmed) and a ``` code fence around the whole.
std::string TrimAnswerWrapping(std::string_view candidate, std::string_view original);

// The content of the last <refined>...</refined> block (one leading and one trailing newline
// trimmed), or nullopt when the reply has none (or the last one is unterminated).
std::optional<std::string> ExtractRefined(std::string_view reply);

}  // namespace refinery::gdr
