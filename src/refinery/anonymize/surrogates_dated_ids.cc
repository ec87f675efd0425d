// Surrogates for the national ids that hold a date of birth, in the original's layout: a new
// date (day 1-28, so any month holds it) and serial, the original's sex and century where the id
// encodes them, and a check character that passes. A Finnish code takes an individual number of
// the temporary range 900-999, so it can be no person's permanent code.
#include <string>

#include "refinery/anonymize/surrogates.h"
#include "refinery/core/ascii.h"
#include "refinery/detect/validators.h"

namespace refinery::anon {

namespace {

void AppendTwoDigits(std::string& out, uint32_t n) {
  out.push_back(static_cast<char>('0' + n / 10 % 10));
  out.push_back(static_cast<char>('0' + n % 10));
}

void AppendRandomDigits(std::string& out, int n, Rng& rng) {
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.Below(10)));
}

int TwoDigitsAt(std::string_view s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

}  // namespace

std::string FakeItFiscalCode(std::string_view value, Rng& rng) {
  if (value.size() != 16) return SameShape(value, 0, rng);
  static constexpr std::string_view kConsonants = "BCDFGHJKLMNPRSTVZ";
  static constexpr std::string_view kMonths = "ABCDEHLMPRST";
  std::string code;
  for (int i = 0; i < 6; ++i) code.push_back(kConsonants[rng.Below(kConsonants.size())]);
  AppendRandomDigits(code, 2, rng);
  code.push_back(kMonths[rng.Below(kMonths.size())]);
  // A woman's code adds 40 to the day: the surrogate keeps that.
  const char d0 = value[9];
  const bool woman = d0 >= '4' && d0 <= '7';
  AppendTwoDigits(code, 1 + rng.Below(28) + (woman ? 40 : 0));
  code.push_back(static_cast<char>('A' + rng.Below(13)));  // a municipality's letter, A-M
  AppendTwoDigits(code, rng.Below(100));
  code.push_back(static_cast<char>('1' + rng.Below(9)));  // the place number is never 000
  code.push_back(pii::ItFiscalCodeCheck(code));
  const bool lower = value[0] >= 'a' && value[0] <= 'z';
  return lower ? AsciiLowered(code) : code;
}

std::string FakePlPesel(std::string_view value, Rng& rng) {
  const std::string original = pii::DigitsOnly(value);
  if (original.size() != 11) return SameShape(value, 0, rng);
  // The century (in the month) and the sex (the parity of the tenth digit) as the original's.
  const bool born_2000s = TwoDigitsAt(original, 2) > 20;
  std::string digits;
  AppendTwoDigits(digits, born_2000s ? rng.Below(25) : rng.Below(100));
  AppendTwoDigits(digits, 1 + rng.Below(12) + (born_2000s ? 20 : 0));
  AppendTwoDigits(digits, 1 + rng.Below(28));
  AppendRandomDigits(digits, 3, rng);
  digits.push_back(static_cast<char>('0' + 2 * rng.Below(5) + (original[9] - '0') % 2));
  digits.push_back(static_cast<char>('0' + pii::PlPeselCheckDigit(digits)));
  return InLayout(value, digits);
}

std::string FakeFiHetu(std::string_view value, Rng& rng) {
  if (value.size() != 11) return SameShape(value, 0, rng);
  std::string nine;
  AppendTwoDigits(nine, 1 + rng.Below(28));
  AppendTwoDigits(nine, 1 + rng.Below(12));
  AppendTwoDigits(nine, rng.Below(100));
  nine += std::to_string(900 + rng.Below(100));  // a temporary code's range
  std::string out = nine.substr(0, 6);
  out.push_back(value[6]);  // the century sign
  out.append(nine, 6, 3);
  out.push_back(pii::FiHetuCheck(nine));
  return out;
}

std::string FakeSePersonnummer(std::string_view value, Rng& rng) {
  const std::string original = pii::DigitsOnly(value);
  if (original.size() != 10 && original.size() != 12) return SameShape(value, 0, rng);
  std::string digits;
  size_t date = 0;
  if (original.size() == 12) {
    digits = original.substr(0, 2);  // the century
    date = 2;
  }
  const bool coordination = TwoDigitsAt(original, date + 4) > 60;
  std::string ten;
  AppendTwoDigits(ten, rng.Below(100));
  AppendTwoDigits(ten, 1 + rng.Below(12));
  AppendTwoDigits(ten, 1 + rng.Below(28) + (coordination ? 60 : 0));
  AppendRandomDigits(ten, 3, rng);
  ten.push_back(static_cast<char>('0' + pii::LuhnCheckDigit(ten)));
  return InLayout(value, digits + ten);
}

std::string FakeKrRrn(std::string_view value, Rng& rng) {
  const std::string original = pii::DigitsOnly(value);
  if (original.size() != 13) return SameShape(value, 0, rng);
  std::string digits;
  const char g = original[6];  // sex and century
  const bool born_2000s = g == '3' || g == '4';
  AppendTwoDigits(digits, born_2000s ? rng.Below(20) : rng.Below(100));
  AppendTwoDigits(digits, 1 + rng.Below(12));
  AppendTwoDigits(digits, 1 + rng.Below(28));
  digits.push_back(g);
  AppendTwoDigits(digits, rng.Below(96));  // a region code
  AppendRandomDigits(digits, 3, rng);
  digits.push_back(static_cast<char>('0' + pii::KrRrnCheckDigit(digits)));
  return InLayout(value, digits);
}

// The sex (a sequence below 5000 is a woman's), the citizenship digit and the one after it as
// the original's.
std::string FakeZaIdNumber(std::string_view value, Rng& rng) {
  const std::string original = pii::DigitsOnly(value);
  if (original.size() != 13) return SameShape(value, 0, rng);
  std::string digits;
  AppendTwoDigits(digits, rng.Below(100));
  AppendTwoDigits(digits, 1 + rng.Below(12));
  AppendTwoDigits(digits, 1 + rng.Below(28));
  digits.push_back(static_cast<char>('0' + rng.Below(5) + (original[6] >= '5' ? 5 : 0)));
  AppendRandomDigits(digits, 3, rng);
  digits.append(original, 10, 2);
  digits.push_back(static_cast<char>('0' + pii::LuhnCheckDigit(digits)));
  return InLayout(value, digits);
}

}  // namespace refinery::anon
