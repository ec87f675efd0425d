// libFuzzer target for the edit-program parser and executor. Input: PROGRAM '\0' DOCUMENT.
// Checks: no crash or sanitizer report; every parsed op prints to a statement that parses back
// to the same statement; in deletion-only mode the output is a subsequence of the document.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "refinery/edit/executor.h"
#include "refinery/edit/program.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t sep = input.find('\0');
  std::string_view program_text = input.substr(0, sep);
  std::string_view document =
      sep == std::string_view::npos ? std::string_view() : input.substr(sep + 1);

  refinery::edit::ProgramLimits limits;
  limits.max_ops = 1000;
  refinery::edit::Program program = refinery::edit::ParseProgram(program_text, limits);
  for (const auto& op : program.ops) {
    std::string text = refinery::edit::FormatOp(op);
    refinery::edit::Program again = refinery::edit::ParseProgram(text, limits);
    if (again.ops.size() != 1 || refinery::edit::FormatOp(again.ops[0]) != text) std::abort();
  }
  for (bool deletion_only : {false, true}) {
    refinery::edit::EditPolicy policy;
    policy.deletion_only = deletion_only;
    policy.max_errors = 1000;
    policy.min_words = 0;
    policy.min_kept_word_ratio = 0;
    refinery::edit::EditResult r = refinery::edit::ExecuteProgram(document, program, policy);
    if (deletion_only && r.status == refinery::edit::EditStatus::kChanged &&
        !refinery::edit::IsSubsequence(r.text, document)) {
      std::abort();
    }
    (void)refinery::edit::EditLogJson(program, r);
  }
  return 0;
}
