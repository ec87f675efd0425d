// Government identifiers with a fixed digit layout: UK NHS numbers (3-3-4, mod 11) and US
// ITINs (9XX-XX-XXXX with the IRS group ranges). Both shapes also occur as phone numbers,
// order numbers and counters, so the checksum or range decides first and the context second.
#include <string>

#include "refinery/detect/pii_scanners.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

namespace {

// A run of digit groups of the lengths in `layout` ending at `end`, one separator from
// `seps` used between every pair of groups (or none: the compact form). Returns the start,
// or npos when the bytes before `end` do not have that shape or the run continues on either
// side (more digits, letters, "+44 ", "12-" ...).
size_t GroupedDigitsBefore(std::string_view text, size_t end, std::initializer_list<int> layout,
                           bool compact, char* sep_out) {
  size_t total = 0;
  for (int g : layout) total += static_cast<size_t>(g);
  const size_t span = compact ? total : total + layout.size() - 1;
  if (end < span || end > text.size()) return std::string_view::npos;
  const size_t s = end - span;
  char sep = 0;
  size_t i = s;
  int index = 0;
  for (int g : layout) {
    if (index++ > 0 && !compact) {
      char c = text[i++];
      if (c != ' ' && c != '-') return std::string_view::npos;
      if (sep && c != sep) return std::string_view::npos;
      sep = c;
    }
    for (int k = 0; k < g; ++k, ++i)
      if (!IsDigit(text[i])) return std::string_view::npos;
  }
  auto joins = [&](size_t at, size_t digit_at) {
    const unsigned char c = text[at];
    if (IsWordByte(c) || c == '+') return true;
    return (c == '-' || c == '.' || c == '/' || c == ',') && digit_at < text.size() &&
           IsDigit(text[digit_at]);
  };
  if (s > 0 && joins(s - 1, s >= 2 ? s - 2 : text.size())) return std::string_view::npos;
  // "+44 401 ...": a country code before a spaced group makes it a phone number.
  if (s >= 2 && text[s - 1] == ' ' && IsDigit(text[s - 2])) return std::string_view::npos;
  if (end < text.size() && joins(end, end + 1)) return std::string_view::npos;
  if (end + 1 < text.size() && text[end] == ' ' && IsDigit(text[end + 1]))
    return std::string_view::npos;
  *sep_out = sep;
  return s;
}

bool NhsCue(std::string_view text, size_t s, size_t e) {
  return NearKeyword(text, s, e, 48, 0,
                     {"nhs", "national health", "health service", "health number",
                      "health authority", "patient", "hospital", "chi number", "gp surgery"});
}

bool ItinCue(std::string_view text, size_t s, size_t e) {
  return NearKeyword(text, s, e, 48, 0,
                     {"itin", "taxpayer", "tax id", "tax identification", "tax payer",
                      "tin:", "tin #", "tin no", "tin number", "irs", "w-7", "1040"});
}

}  // namespace

void ScanUkNhs(std::string_view text, size_t end, Candidates& out) {
  for (bool compact : {false, true}) {
    char sep = 0;
    const size_t s = GroupedDigitsBefore(text, end, {3, 3, 4}, compact, &sep);
    if (s == std::string_view::npos) continue;
    if (!UkNhsValid(DigitsOnly(text.substr(s, end - s)))) return;
    float score;
    if (NhsCue(text, s, end)) {
      score = 0.96f;
    } else if (PhoneContext(text, s, end) || NegativeNumberContext(text, s, end)) {
      return;  // a phone or an order number that passes mod 11 by chance (1 in 11)
    } else if (compact) {
      score = 0.5f;  // ten bare digits: a weak reading, kept above the default threshold
    } else {
      // Below every phone reading of the same digits (0.6 and up): without an NHS cue a
      // number the phone scanner claims stays a phone. The NHS writes 3-3-4 with spaces.
      score = sep == ' ' ? 0.58f : 0.55f;
    }
    AddCandidate(out, s, end, kUkNhs, score, "uk_nhs_mod11");
    return;
  }
}

void ScanUsItin(std::string_view text, size_t end, Candidates& out) {
  for (bool compact : {false, true}) {
    char sep = 0;
    const size_t s = GroupedDigitsBefore(text, end, {3, 2, 4}, compact, &sep);
    if (s == std::string_view::npos) continue;
    if (!UsItinValid(DigitsOnly(text.substr(s, end - s)))) return;
    const bool cue = ItinCue(text, s, end);
    float score;
    if (cue) {
      score = 0.95f;
    } else if (NegativeNumberContext(text, s, end) || PhoneContext(text, s, end)) {
      return;
    } else if (sep == '-') {
      score = 0.85f;  // the IRS's own layout; area 9XX is never an SSN
    } else if (sep == ' ') {
      score = 0.6f;
    } else {
      return;  // nine bare digits need an ITIN / taxpayer cue
    }
    AddCandidate(out, s, end, kUsItin, score, "us_itin");
    return;
  }
}

}  // namespace refinery::pii
