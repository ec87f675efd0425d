// Document language identification with CLD2 (Debian's libcld2): the most likely language's
// code (ISO 639-1 where it has one, e.g. "en", "de", "zh-Hant"), the share of the text's bytes in
// it, and CLD2's reliability flag. Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace refinery {

struct LanguageGuess {
  std::string code = "un";  // "un" = unknown
  double confidence = 0;    // share of the scored bytes in that language, 0..1 (0 if unreliable
                            // and nothing was detected)
  bool reliable = false;
  int text_bytes = 0;  // bytes CLD2 actually scored (letters; markup and digits are skipped)
};

// Looks at the first `max_bytes` bytes of valid UTF-8 `text` (cut on a character boundary).
LanguageGuess DetectLanguage(std::string_view text, size_t max_bytes = 64 * 1024);

}  // namespace refinery
