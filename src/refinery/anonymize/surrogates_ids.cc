// Surrogates for government ids and URLs: a UK NHS number from the NHS's reserved test range
// (999, valid check digit), a US ITIN with a group the IRS issues, and a URL at a reserved
// example domain (RFC 2606) with a same-shape path. Separators and layout of the original stay.
#include <string>

#include "refinery/anonymize/surrogates.h"
#include "refinery/detect/validators.h"

namespace refinery::anon {

namespace {

// `digits` written over the digit positions of `like` (its separators stay).
std::string InLayout(std::string_view like, std::string_view digits) {
  std::string out(like);
  size_t k = 0;
  for (char& c : out)
    if (c >= '0' && c <= '9' && k < digits.size()) c = digits[k++];
  return out;
}

}  // namespace

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
  out += kDomains[rng.Below(3)];
  const size_t port = authority.rfind(':');
  if (port != std::string_view::npos) out += authority.substr(port);
  out += SameShape(value.substr(end), 0, rng);
  return out;
}

}  // namespace refinery::anon
