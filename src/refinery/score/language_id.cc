#include "refinery/score/language_id.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>

namespace refinery {

LanguageGuess DetectLanguage(std::string_view text, size_t max_bytes) {
  LanguageGuess guess;
  size_t len = std::min(text.size(), max_bytes);
  while (len > 0 && len < text.size() && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) {
    --len;  // do not cut a character
  }
  if (len == 0) return guess;
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang =
      CLD2::DetectLanguageSummary(text.data(), static_cast<int>(len), /*is_plain_text=*/true,
                                  language3, percent3, &text_bytes, &reliable);
  guess.reliable = reliable;
  guess.text_bytes = text_bytes;
  // CLD2 answers ENGLISH (unreliable) when it saw no letters at all: report unknown then.
  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0) return guess;
  int percent = language3[0] == lang ? percent3[0] : 0;
  for (int i = 0; i < 3; ++i) {
    if (language3[i] == lang) percent = percent3[i];
  }
  if (percent == 0 && !reliable) return guess;
  guess.code = CLD2::LanguageCode(lang);
  guess.confidence = percent / 100.0;
  return guess;
}

}  // namespace refinery
