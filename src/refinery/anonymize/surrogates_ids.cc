// Surrogates for government ids and URLs, in the original's layout (separators, case). Each id
// either passes its checksum or is built from a range that is never issued: an NHS number from
// the reserved 999 test range, a National Insurance number with the "QQ" example prefix, an
// Aadhaar number starting with 1 (never issued) with a valid Verhoeff digit; ITIN, PAN, ABN,
// TFN, NIF and NRIC/FIN values are random with valid checks. A URL moves to a reserved example
// domain (RFC 2606) with a same-shape path.
#include <string>

#include "refinery/anonymize/surrogates.h"
#include "refinery/core/ascii.h"
#include "refinery/detect/validators.h"

namespace refinery::anon {

std::string InLayout(std::string_view like, std::string_view digits) {
  std::string out(like);
  size_t k = 0;
  for (char& c : out)
    if (c >= '0' && c <= '9' && k < digits.size()) c = digits[k++];
  return out;
}

std::string FakeUkNhs(std::string_view value, Rng& rng) {
  for (;;) {  // one stem in eleven has no check digit: draw again
    std::string digits = "999";
    for (int i = 0; i < 6; ++i) digits.push_back(static_cast<char>('0' + rng.Below(10)));
    const int check = pii::UkNhsCheckDigit(digits);
    if (check < 0) continue;
    digits.push_back(static_cast<char>('0' + check));
    if (!pii::UkNhsValid(digits)) continue;
    return InLayout(value, digits);
  }
}

std::string FakeUsItin(std::string_view value, Rng& rng) {
  static const int kGroups[] = {50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64,
                                65, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
                                84, 85, 86, 87, 88, 90, 91, 92, 94, 95, 96, 97, 98, 99};
  std::string digits = "9";
  for (int i = 0; i < 2; ++i) digits.push_back(static_cast<char>('0' + rng.Below(10)));
  digits += std::to_string(kGroups[rng.Below(sizeof(kGroups) / sizeof(kGroups[0]))]);
  for (int i = 0; i < 4; ++i) digits.push_back(static_cast<char>('0' + rng.Below(10)));
  return InLayout(value, digits);
}

std::string FakeUkNino(std::string_view value, Rng& rng) {
  // "QQ" is HMRC's documented example prefix: never issued, never detected.
  std::string compact = "QQ";
  for (int i = 0; i < 6; ++i) compact.push_back(static_cast<char>('0' + rng.Below(10)));
  compact.push_back(static_cast<char>('A' + rng.Below(4)));
  std::string out(value);
  size_t k = 0;
  for (char& c : out)
    if (c != ' ' && k < compact.size()) c = compact[k++];
  return out;
}

std::string FakeInPan(std::string_view value, Rng& rng) {
  std::string out = SameShape(value, 0, rng);
  if (out.size() == 10 && value.size() == 10) out[3] = value[3];  // keep the holder type
  return out;
}

std::string FakeInAadhaar(std::string_view value, Rng& rng) {
  std::string digits = "1";  // the UIDAI never issues numbers starting with 0 or 1
  for (int i = 0; i < 10; ++i) digits.push_back(static_cast<char>('0' + rng.Below(10)));
  digits.push_back(static_cast<char>('0' + pii::VerhoeffCheckDigit(digits)));
  return InLayout(value, digits);
}

namespace {

// Random digits of `n` until `valid` accepts them (the checks pass 1 in 11 to 1 in 89).
template <typename Valid>
std::string DrawValid(int n, Rng& rng, Valid valid) {
  for (;;) {
    std::string digits;
    for (int i = 0; i < n; ++i) digits.push_back(static_cast<char>('0' + rng.Below(10)));
    if (valid(digits)) return digits;
  }
}

}  // namespace

std::string FakeAuAbn(std::string_view value, Rng& rng) {
  return InLayout(value,
                  DrawValid(11, rng, [](const std::string& d) { return pii::AuAbnValid(d); }));
}

std::string FakeAuTfn(std::string_view value, Rng& rng) {
  const int n = static_cast<int>(pii::DigitsOnly(value).size()) == 8 ? 8 : 9;
  return InLayout(value,
                  DrawValid(n, rng, [](const std::string& d) { return pii::AuTfnValid(d); }));
}

// The first digit as the original's (a province, or 9 for temporary residents).
std::string FakeCaSin(std::string_view value, Rng& rng) {
  const std::string original = pii::DigitsOnly(value);
  if (original.size() != 9) return SameShape(value, 0, rng);
  return InLayout(value, DrawValid(9, rng, [&](const std::string& d) {
                    return d[0] == original[0] && pii::CaSinValid(d);
                  }));
}

// The holder's category (the first digit) as the original's; a new province and number.
std::string FakeThTnin(std::string_view value, Rng& rng) {
  const std::string original = pii::DigitsOnly(value);
  if (original.size() != 13) return SameShape(value, 0, rng);
  return InLayout(value, DrawValid(13, rng, [&](const std::string& d) {
                    return d[0] == original[0] && pii::ThTninValid(d);
                  }));
}

std::string FakeDeTaxId(std::string_view value, Rng& rng) {
  return InLayout(value,
                  DrawValid(11, rng, [](const std::string& d) { return pii::DeTaxIdValid(d); }));
}

std::string FakeEsNif(std::string_view value, Rng& rng) {
  std::string digits = pii::DigitsOnly(value);
  for (char& c : digits) c = static_cast<char>('0' + rng.Below(10));
  std::string out = InLayout(value, digits);
  if (!out.empty() && pii::EsNifLetter(digits)) out.back() = pii::EsNifLetter(digits);
  return out;
}

// The same prefix letter (X, Y, Z) and separator, new digits, the letter that makes it valid.
std::string FakeEsNie(std::string_view value, Rng& rng) {
  if (value.size() < 9) return SameShape(value, 1, rng);
  std::string out(value);
  for (size_t i = 1; i < 8; ++i) out[i] = static_cast<char>('0' + rng.Below(10));
  std::string digits(1, static_cast<char>('0' + (out[0] - 'X')));
  digits.append(out, 1, 7);
  out.back() = pii::EsNifLetter(digits);
  return out;
}

std::string FakeSgNricFin(std::string_view value, Rng& rng) {
  if (value.size() != 9) return SameShape(value, 1, rng);
  // The prefix and the case as written ("s2740116c" stays lower case).
  const bool lower = value[0] >= 'a' && value[0] <= 'z';
  std::string out(1, lower ? static_cast<char>(value[0] - 'a' + 'A') : value[0]);
  for (int i = 0; i < 7; ++i) out.push_back(static_cast<char>('0' + rng.Below(10)));
  out.push_back(pii::SgNricLetter(out[0], std::string_view(out).substr(1, 7)));
  if (lower) out = AsciiLowered(out);
  return out;
}

std::string FakeUrl(std::string_view value, Rng& rng) {
  static const char* const kDomains[] = {"example.com", "example.org", "example.net"};
  size_t host = value.find("://");
  host = host == std::string_view::npos ? 0 : host + 3;
  std::string out(value.substr(0, host));
  size_t end = value.find_first_of("/?#", host);
  if (end == std::string_view::npos) end = value.size();
  std::string_view authority = value.substr(host, end - host);
  const size_t at = authority.rfind('@');  // credentials are not carried over
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.size() >= 4 &&
      (authority.compare(0, 4, "www.") == 0 || authority.compare(0, 4, "WWW.") == 0))
    out += authority.substr(0, 4);
  std::string domain = kDomains[rng.Below(3)];
  if (authority.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos)
    for (char& c : domain) c = static_cast<char>(c - 'a' + 'A');  // "HTTPS://EXAMPLE.ORG"
  out += domain;
  const size_t port = authority.rfind(':');
  if (port != std::string_view::npos) out += authority.substr(port);
  out += SameShape(value.substr(end), 0, rng);
  return out;
}

}  // namespace refinery::anon
