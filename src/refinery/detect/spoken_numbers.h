// Numbers read out in words, as call-centre and speech transcripts write them: "my number is
// five five five two three four nine eight seven six", "card number four one one one, one one
// one one, ...", "oh seven seven double oh nine ...".
#pragma once

#include <string>
#include <string_view>

#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// The digits of the run of digit words that starts at byte `at` ("zero", "oh", "one" ...
// "nine", "niner", and "double" / "triple" before one of them), separated by spaces, commas
// or hyphens, in any case, appended to `digits`; returns the run's end (`at` when no digit word
// starts there). At most 40 words.
size_t SpokenDigitsEnd(std::string_view text, size_t at, std::string& digits);

// `end` ends four digit words in a row (the trigger's match). Adds the whole run, once, as a
// PHONE_NUMBER (detector "phone_spoken", score 0.8) when a phone cue is before it and it holds
// 7 to 15 digits, or as a CREDIT_CARD ("credit_card_spoken", 0.9) when a card cue is before it
// and its 13 to 19 digits pass Luhn. Without a cue a run of digit words is none ("one two three
// four" counting).
void ScanSpokenDigits(std::string_view text, size_t end, Candidates& out);

}  // namespace refinery::pii
