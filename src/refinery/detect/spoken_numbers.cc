#include "refinery/detect/spoken_numbers.h"

#include "refinery/core/ascii.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

namespace {

// The digit a word names ('0'..'9'), 'd' for "double", 't' for "triple", else 0.
char DigitWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"zero", "one", "two",   "three", "four",
                                                "five", "six", "seven", "eight", "nine"};
  if (w.size() < 2 || w.size() > 6) return 0;
  for (size_t d = 0; d < 10; ++d)
    if (EqualsIgnoringAsciiCase(w, kWords[d])) return static_cast<char>('0' + d);
  if (EqualsIgnoringAsciiCase(w, "oh")) return '0';
  if (EqualsIgnoringAsciiCase(w, "niner")) return '9';
  if (EqualsIgnoringAsciiCase(w, "double")) return 'd';
  if (EqualsIgnoringAsciiCase(w, "triple")) return 't';
  return 0;
}

bool Letter(char c) { return IsAsciiLetter(c); }

}  // namespace

size_t SpokenDigitsEnd(std::string_view text, size_t at, std::string& digits) {
  size_t end = at, i = at;
  int repeat = 1;
  for (int words = 0; words < 40 && i < text.size(); ++words) {
    size_t w = i;
    while (w < text.size() && Letter(text[w])) ++w;
    const char d = DigitWord(text.substr(i, w - i));
    if (d == 0 || (w < text.size() && (text[w] & 0x80))) break;
    if (d == 'd' || d == 't') {
      repeat = d == 'd' ? 2 : 3;
    } else {
      digits.append(static_cast<size_t>(repeat), d);
      repeat = 1;
      end = w;
    }
    // The separator: spaces, a comma or a hyphen between the words.
    size_t n = w;
    while (n < text.size() && (text[n] == ' ' || text[n] == ',' || text[n] == '-') && n - w < 3)
      ++n;
    if (n == w) break;
    i = n;
  }
  return end;
}

void ScanSpokenDigits(std::string_view text, size_t end, Candidates& out) {
  // The run's start: back over digit words from the match's end.
  size_t s = end;
  for (size_t at = end, words = 0; words < 40; ++words) {
    size_t w = at;
    while (w > 0 && Letter(text[w - 1])) --w;
    if (w == at || DigitWord(text.substr(w, at - w)) == 0) break;
    s = w;
    // The separator before it, and the word before that next.
    at = w;
    while (at > 0 && w - at < 3 &&
           (text[at - 1] == ' ' || text[at - 1] == ',' || text[at - 1] == '-'))
      --at;
    if (at == w) break;
  }
  while (s < end && !Letter(text[s])) ++s;
  if (s > 0 && Letter(text[s - 1])) return;  // inside a word
  // Each match of a longer run ends inside it: the run is reported once.
  if (!out.empty() && out.back().start == s &&
      (std::string_view(out.back().detector) == "phone_spoken" ||
       std::string_view(out.back().detector) == "credit_card_spoken"))
    return;
  std::string digits;
  const size_t e = SpokenDigitsEnd(text, s, digits);
  if (e <= s) return;
  if (digits.size() >= 13 && digits.size() <= 19 && CardContext(text, s, e) && LuhnValid(digits)) {
    AddCandidate(out, s, e, kCard, 0.9f, "credit_card_spoken");
  } else if (digits.size() >= 7 && digits.size() <= 15 && PhoneContext(text, s, e)) {
    AddCandidate(out, s, e, kPhone, 0.8f, "phone_spoken");
  }
}

}  // namespace refinery::pii
