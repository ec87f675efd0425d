// Government identifiers with a fixed layout: UK NHS numbers (3-3-4, mod 11), US ITINs
// (9XX-XX-XXXX with the IRS group ranges), UK National Insurance numbers, Indian PAN and Aadhaar
// (Verhoeff), Australian ABN and TFN (weighted sums), Spanish DNI/NIF (letter mod 23) and
// Singapore NRIC/FIN (check letter). Digit-only shapes also occur as phone numbers, order
// numbers and counters, so the checksum or range decides first and the context second.
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

// Whether [s, e) stands alone: no word byte, digit run or "+" joined on either side.
bool StandsAlone(std::string_view text, size_t s, size_t e) {
  if (s > 0 &&
      (IsWordByte(text[s - 1]) || text[s - 1] == '+' || text[s - 1] == '-' || text[s - 1] == '/'))
    return false;
  if (e < text.size() && (IsWordByte(text[e]) || text[e] == '-' || text[e] == '/' ||
                          (text[e] == '.' && e + 1 < text.size() && IsAlnum(text[e + 1]))))
    return false;
  return true;
}

bool CueNear(std::string_view text, size_t s, size_t e,
             std::initializer_list<std::string_view> cues) {
  return NearKeyword(text, s, e, 48, 0, cues);
}

// "AB 12 34 56 C" or "AB123456C".
void ScanUkNino(std::string_view text, size_t end, Candidates& out) {
  for (size_t len : {size_t{9}, size_t{13}}) {
    if (end < len) continue;
    const size_t s = end - len;
    std::string compact;
    for (size_t i = s; i < end; ++i)
      if (text[i] != ' ') compact.push_back(text[i]);
    if (compact.size() != 9 || (len == 13 && (text[s + 2] != ' ' || text[s + 5] != ' ' ||
                                              text[s + 8] != ' ' || text[s + 11] != ' ')))
      continue;
    if (!UkNinoValid(compact) || !StandsAlone(text, s, end)) continue;
    const bool cue = CueNear(text, s, end,
                             {"national insurance", "nino", "ni number", "ni no", "n.i. number",
                              "ni:", "nin:", "insurance number"});
    AddCandidate(out, s, end, kUkNino, cue ? 0.97f : 0.85f, "uk_nino");
    return;
  }
}

void ScanInPan(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end - 10;
  if (!InPanValid(text.substr(s, 10)) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(text, s, end, {"pan", "permanent account", "income tax", "it dept"});
  AddCandidate(out, s, end, kInPan, cue ? 0.95f : 0.8f, "in_pan");
}

void ScanInAadhaar(std::string_view text, size_t end, Candidates& out) {
  for (bool compact : {false, true}) {
    char sep = 0;
    const size_t s = GroupedDigitsBefore(text, end, {4, 4, 4}, compact, &sep);
    if (s == std::string_view::npos) continue;
    if (!InAadhaarValid(DigitsOnly(text.substr(s, end - s)))) return;
    float score;
    if (CueNear(text, s, end, {"aadhaar", "aadhar", "adhaar", "uidai", "uid", "आधार"})) {
      score = 0.95f;
    } else if (PhoneContext(text, s, end) || NegativeNumberContext(text, s, end) ||
               NearKeyword(text, s, end, 32, 0, {"card", "visa", "credit", "debit"})) {
      return;
    } else {
      score = compact ? 0.5f : 0.65f;  // Verhoeff passes one number in ten
    }
    AddCandidate(out, s, end, kInAadhaar, score, "in_aadhaar_verhoeff");
    return;
  }
}

void ScanAuAbn(std::string_view text, size_t end, Candidates& out) {
  for (bool compact : {false, true}) {
    char sep = 0;
    const size_t s = GroupedDigitsBefore(text, end, {2, 3, 3, 3}, compact, &sep);
    if (s == std::string_view::npos || (!compact && sep != ' ')) continue;
    if (!AuAbnValid(DigitsOnly(text.substr(s, end - s)))) return;
    float score;
    if (CueNear(text, s, end, {"abn", "australian business number", "business number"})) {
      score = 0.95f;
    } else if (PhoneContext(text, s, end) || NegativeNumberContext(text, s, end)) {
      return;
    } else {
      score = compact ? 0.5f : 0.75f;  // mod 89: one number in 89 passes
    }
    AddCandidate(out, s, end, kAuAbn, score, "au_abn_mod89");
    return;
  }
}

void ScanAuTfn(std::string_view text, size_t end, Candidates& out) {
  for (bool compact : {false, true}) {
    char sep = 0;
    const size_t s = GroupedDigitsBefore(text, end, {3, 3, 3}, compact, &sep);
    if (s == std::string_view::npos || (!compact && sep != ' ')) continue;
    if (!AuTfnValid(DigitsOnly(text.substr(s, end - s)))) return;
    float score;
    if (CueNear(text, s, end, {"tfn", "tax file"})) {
      score = 0.95f;
    } else if (PhoneContext(text, s, end) || NegativeNumberContext(text, s, end)) {
      return;
    } else {
      score = compact ? 0.5f : 0.6f;  // mod 11: one number in eleven passes
    }
    AddCandidate(out, s, end, kAuTfn, score, "au_tfn_mod11");
    return;
  }
}

// "12345678Z", "12345678-Z", "1234567 L" (a DNI written without its leading zero).
void ScanEsNif(std::string_view text, size_t end, Candidates& out) {
  const char letter = text[end - 1];
  size_t d = end - 1;
  if (d > 0 && (text[d - 1] == '-' || text[d - 1] == ' ')) --d;
  size_t s = d;
  while (s > 0 && d - s < 9 && IsDigit(text[s - 1])) --s;
  std::string_view digits = text.substr(s, d - s);
  if (!EsNifValid(digits, letter) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(
      text, s, end, {"nif", "dni", "n.i.f", "d.n.i", "documento nacional", "identidad", "nie"});
  AddCandidate(out, s, end, kEsNif, cue ? 0.97f : 0.85f, "es_nif_mod23");
}

void ScanSgNricFin(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end - 9;
  if (!SgNricValid(text.substr(s, 9)) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(
      text, s, end, {"nric", "fin", "identity card", "ic no", "ic number", "i/c", "singapore"});
  AddCandidate(out, s, end, kSgNricFin, cue ? 0.97f : 0.85f, "sg_nric_fin");
}

}  // namespace

void ScanGovId(std::string_view text, PiiType type, size_t end, Candidates& out) {
  switch (type) {
    case kUkNhs:
      return ScanUkNhs(text, end, out);
    case kUsItin:
      return ScanUsItin(text, end, out);
    case kUkNino:
      return ScanUkNino(text, end, out);
    case kInPan:
      return ScanInPan(text, end, out);
    case kInAadhaar:
      return ScanInAadhaar(text, end, out);
    case kAuAbn:
      return ScanAuAbn(text, end, out);
    case kAuTfn:
      return ScanAuTfn(text, end, out);
    case kEsNif:
      return ScanEsNif(text, end, out);
    case kSgNricFin:
      return ScanSgNricFin(text, end, out);
    default:
      return;
  }
}

}  // namespace refinery::pii
