// E-mail addresses written to escape address harvesters, as forums, personal pages and mailing
// list archives write them: "john [at] gmail [dot] com", "maria(at)uni-bonn.de", "r.chen at
// outlook dot com", "kim@mail dot example dot org". The '@' scanner reads only the plain form.
// A trigger of the prefilter ("[at]", "(at)", " dot " before letters, "[dot]") starts the scan;
// the address is read around it in a window of a few hundred bytes, so the scan is linear.
#include <array>
#include <string_view>

#include "refinery/core/ascii.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {
namespace {

constexpr size_t kMaxLocal = 64;
constexpr size_t kMaxLabel = 63;
constexpr float kObfuscatedScore = 0.9f;

// Top-level domains of the obfuscated forms: the common ones only, as the markers' words ("at",
// "dot") are ordinary English and a rarer ending would be read in prose ("polka dot dress").
bool CommonTld(std::string_view w) {
  static constexpr std::string_view kTlds[] = {
      "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "me", "us",
      "uk",  "de",  "fr",  "es",  "it",  "nl",  "be",  "ch",   "at",  "se", "no", "dk", "fi",
      "pl",  "cz",  "ie",  "pt",  "gr",  "ru",  "ua",  "ca",   "au",  "nz", "in", "za", "ng",
      "ke",  "br",  "ar",  "mx",  "cl",  "jp",  "cn",  "kr",   "tw",  "sg", "hk", "il", "tr"};
  return IsOneOfIgnoringAsciiCase(w, kTlds);
}

// Free mail providers: a plain " at " and " dot " around one of them is an address even with a
// local part of letters only ("john at gmail dot com"; not "look at this dot com").
bool MailProvider(std::string_view w) {
  static constexpr std::string_view kProviders[] = {
      "gmail",  "googlemail", "yahoo", "hotmail",    "outlook", "live",    "msn", "aol",
      "icloud", "me",         "mac",   "protonmail", "proton",  "gmx",     "web", "yandex",
      "mail",   "qq",         "163",   "126",        "comcast", "verizon", "att", "btinternet"};
  return IsOneOfIgnoringAsciiCase(w, kProviders);
}

bool IsLabelByte(unsigned char c) { return IsAlnum(c) || c == '-'; }

// The end of a marker word `word` ("at", "dot") at `i` in brackets ("[at]", "( at )", "{dot}")
// or between single spaces (" at "), any case; `bracketed` says which. `i` is the first byte
// after the text before the marker. 0 when there is none.
size_t MarkerEnd(std::string_view text, size_t i, std::string_view word, bool& bracketed) {
  size_t k = i;
  if (k < text.size() && text[k] == ' ') ++k;
  if (k < text.size() && (text[k] == '[' || text[k] == '(' || text[k] == '{')) {
    const char close = text[k] == '[' ? ']' : text[k] == '(' ? ')' : '}';
    ++k;
    if (k < text.size() && text[k] == ' ') ++k;
    if (k + word.size() > text.size() ||
        !EqualsIgnoringAsciiCase(text.substr(k, word.size()), word))
      return 0;
    k += word.size();
    if (k < text.size() && text[k] == ' ') ++k;
    if (k >= text.size() || text[k] != close) return 0;
    ++k;
    if (k < text.size() && text[k] == ' ') ++k;
    bracketed = true;
    return k;
  }
  // Plain: exactly " word ".
  if (k == i || k + word.size() + 1 > text.size() ||
      !EqualsIgnoringAsciiCase(text.substr(k, word.size()), word) || text[k + word.size()] != ' ')
    return 0;
  bracketed = false;
  return k + word.size() + 1;
}

// From `d` (the domain's first byte), labels joined by '.' or dot markers, the last a common
// top-level domain. Returns the domain's end or 0; `obfuscated_dot` says whether a marker joined
// two labels, `first_label` gets the first label.
size_t MarkedDomainEnd(std::string_view text, size_t d, bool& obfuscated_dot,
                       std::string_view& first_label) {
  size_t k = d, labels = 0, end = 0;
  obfuscated_dot = false;
  while (labels < 6) {
    const size_t s = k;
    while (k < text.size() && k - s <= kMaxLabel &&
           IsLabelByte(static_cast<unsigned char>(text[k])))
      ++k;
    if (k == s || k - s > kMaxLabel) break;
    const std::string_view label = text.substr(s, k - s);
    if (labels == 0) first_label = label;
    ++labels;
    if (labels >= 2 && CommonTld(label)) end = k;
    // The separator: a '.' before a label's byte, or a dot marker.
    if (k + 1 < text.size() && text[k] == '.' &&
        IsLabelByte(static_cast<unsigned char>(text[k + 1]))) {
      ++k;
      continue;
    }
    bool bracketed = false;
    const size_t m = MarkerEnd(text, k, "dot", bracketed);
    if (m == 0 || m >= text.size() || !IsLabelByte(static_cast<unsigned char>(text[m]))) break;
    obfuscated_dot = true;
    k = m;
  }
  return end;
}

// The address whose at-marker ends at `after_at` and starts right after `local_end`; `plain_at`
// says the marker was " at " (or '@'). Adds it when its parts hold.
void AddAddress(std::string_view text, size_t local_end, size_t after_at, bool plain_at,
                bool at_sign, Candidates& out) {
  size_t s = local_end;
  for (;;) {
    while (s > 0 && local_end - s < kMaxLocal &&
           IsLocalPartByte(static_cast<unsigned char>(text[s - 1])))
      --s;
    // A bracketed dot inside the local part too ("nick(dot)treleaven(at)btinternet(dot)com").
    if (s >= 6 && local_end - s < kMaxLocal && (text[s - 5] == '(' || text[s - 5] == '[') &&
        (text[s - 1] == ')' || text[s - 1] == ']') &&
        EqualsIgnoringAsciiCase(text.substr(s - 4, 3), "dot") &&
        IsLocalPartByte(static_cast<unsigned char>(text[s - 6])))
      s -= 5;
    else
      break;
  }
  while (s < local_end && (text[s] == '.' || text[s] == '\'' || text[s] == '-')) ++s;
  if (s == local_end || local_end - s > kMaxLocal) return;
  // (Inside a longer token, not the address: "x.y[at]..." is, "=foo(at)" is code.)
  if (s > 0 && (IsAlnum(static_cast<unsigned char>(text[s - 1])) || text[s - 1] == '=')) return;
  bool obfuscated_dot = false;
  std::string_view first_label;
  const size_t e = MarkedDomainEnd(text, after_at, obfuscated_dot, first_label);
  if (e == 0) return;
  if (e < text.size() && (IsAlnum(static_cast<unsigned char>(text[e])) || text[e] == '@')) return;
  if (at_sign && !obfuscated_dot) return;  // a plain address: the '@' scanner's
  if (plain_at) {
    // " at " with a plain dot is prose ("arrived at noon.Then"), and with a dot marker it must
    // name a mail provider or have a local part that is no word (a digit, '.', '_').
    // (A word with a hyphen is a word: "put it on a t-shirt at gop dot com".)
    if (!obfuscated_dot) return;
    const std::string_view local = text.substr(s, local_end - s);
    bool wordlike = true;
    for (unsigned char c : local) wordlike &= IsAlpha(c) || c == '-';
    if (wordlike && !MailProvider(first_label)) return;
  }
  AddCandidate(out, s, e, kEmail, kObfuscatedScore, "email_obfuscated");
}

}  // namespace

void ScanObfuscatedEmail(std::string_view text, size_t end, uint16_t arg, Candidates& out) {
  if (arg == 0) {
    // A bracketed "at" ends at `end`: its opening bracket is at most five bytes back.
    size_t open = end;
    while (open > 0 && end - open < 6 && text[open - 1] != '[' && text[open - 1] != '(' &&
           text[open - 1] != '{')
      --open;
    if (open == 0 || end - open >= 6) return;
    --open;
    const size_t local_end = open > 0 && text[open - 1] == ' ' ? open - 1 : open;
    bool bracketed = false;
    const size_t after = MarkerEnd(text, local_end, "at", bracketed);
    if (after == 0 || !bracketed) return;
    AddAddress(text, local_end, after, /*plain_at=*/false, /*at_sign=*/false, out);
    return;
  }
  // A dot marker ends near `end`: the domain's first label before it, then the at-marker.
  size_t dot = end;
  while (dot > 0 && end - dot < 9 && !EqualsIgnoringAsciiCase(text.substr(dot, 3), "dot")) --dot;
  if (end - dot >= 9 || dot == 0) return;
  size_t label_end = dot;
  while (label_end > 0 &&
         (text[label_end - 1] == ' ' || text[label_end - 1] == '[' || text[label_end - 1] == '(' ||
          text[label_end - 1] == '{') &&
         dot - label_end < 3)
    --label_end;
  // The domain's labels before (real dots between them: "mail.example dot com").
  size_t d = label_end;
  while (d > 0 && label_end - d <= 4 * kMaxLabel &&
         (IsLabelByte(static_cast<unsigned char>(text[d - 1])) || text[d - 1] == '.'))
    --d;
  if (d == label_end || d == 0) return;
  if (text[d - 1] == '@') {
    AddAddress(text, d - 1, d, /*plain_at=*/false, /*at_sign=*/true, out);
    return;
  }
  // The at-marker before the domain: " at ", "[at]", " (at) " ...: at most seven bytes.
  for (size_t back = 4; back <= 8 && back <= d; ++back) {
    const size_t local_end = d - back;
    if (local_end == 0 || !IsLocalPartByte(static_cast<unsigned char>(text[local_end - 1])))
      continue;
    bool bracketed = false;
    const size_t after = MarkerEnd(text, local_end, "at", bracketed);
    if (after != d) continue;
    AddAddress(text, local_end, after, /*plain_at=*/!bracketed, /*at_sign=*/false, out);
    return;
  }
}

}  // namespace refinery::pii
