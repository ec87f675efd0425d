#include "refinery/detect/function_words.h"

#include "refinery/core/ascii.h"

namespace refinery::ner {

bool IsDeterminer(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "a",    "an",    "the",   "this", "that", "these", "those",   "his",
      "her",  "its",   "their", "our",  "my",   "your",  "whose",   "which",
      "what", "every", "each",  "any",  "some", "no",    "another", "such"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

}  // namespace refinery::ner
