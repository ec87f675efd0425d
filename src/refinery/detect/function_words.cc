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

bool IsPersonalPronoun(std::string_view w) {
  static constexpr std::string_view kPronouns[] = {"he",  "she",  "him",     "his",
                                                   "her", "hers", "himself", "herself"};
  if (IsOneOf(w, kPronouns)) return true;
  const size_t stem = w.starts_with("he") ? 2 : w.starts_with("she") ? 3 : 0;
  if (stem == 0 || w.size() > stem + 5) return false;
  const std::string_view rest = w.substr(stem);
  return rest.starts_with("'") || rest.starts_with("\xE2\x80\x99");
}

}  // namespace refinery::ner
