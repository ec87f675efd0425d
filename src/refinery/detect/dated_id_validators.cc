// Checks of the national ids that carry their holder's date of birth: the Italian codice fiscale,
// the Polish PESEL, the Finnish henkilötunnus, the Swedish personnummer, the Korean resident
// registration number and the South African identity number. The date decides first (a random
// number of the right length rarely holds one), then the check character. Each follows its issuer's
// published rule, as python-stdnum implements it (tests/cases/pii/gov_ids_urls.tsv holds values it
// accepts).
#include <string>
#include <string_view>

#include "refinery/core/ascii.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int Digit(char c) { return c - '0'; }
int TwoDigits(std::string_view s, size_t at) { return Digit(s[at]) * 10 + Digit(s[at + 1]); }

// The codice fiscale's "omocodia" letters: a digit replaced by a letter when two people would get
// the same code ("L" = 0 ... "V" = 9). -1 for any other character.
int FiscalCodeDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  static constexpr std::string_view kOmocodia = "LMNPQRSTUV";
  const size_t at = kOmocodia.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

// Three letters of a surname or given name as the code writes them: its consonants, then its
// vowels, then "X" for a name too short (so "RSS", "MRA", "FOX", "AXX"; never a vowel before a
// consonant).
bool IsNameTriple(std::string_view t) {
  for (char c : t)
    if (c < 'A' || c > 'Z') return false;
  bool vowel_seen = false, x_pad = false;
  for (char c : t) {
    if (x_pad && c != 'X') return false;
    if (IsVowel(c)) {
      vowel_seen = true;
    } else if (vowel_seen) {
      if (c != 'X') return false;
      x_pad = true;
    }
  }
  return true;
}

}  // namespace

bool IsCalendarDate(int year, int month, int day) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
}

char ItFiscalCodeCheck(std::string_view first15) {
  if (first15.size() != 15) return 0;
  // Characters at odd positions (1st, 3rd, ...) count by this table, digits as the letter of
  // their rank ('0' as 'A'); those at even positions by their rank in the alphabet or digits.
  static constexpr int kOdd[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                   20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (size_t i = 0; i < 15; ++i) {
    const char c = first15[i];
    int rank;
    if (c >= '0' && c <= '9') {
      rank = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      rank = c - 'A';
    } else {
      return 0;
    }
    sum += i % 2 == 0 ? kOdd[rank] : rank;
  }
  return static_cast<char>('A' + sum % 26);
}

bool ItFiscalCodeValid(std::string_view code) {
  if (code.size() != 16) return false;
  if (!IsNameTriple(code.substr(0, 3)) || !IsNameTriple(code.substr(3, 3))) return false;
  const int y1 = FiscalCodeDigit(code[6]), y2 = FiscalCodeDigit(code[7]);
  static constexpr std::string_view kMonths = "ABCDEHLMPRST";
  const size_t month = kMonths.find(code[8]);
  const int d1 = FiscalCodeDigit(code[9]), d2 = FiscalCodeDigit(code[10]);
  if (y1 < 0 || y2 < 0 || month == std::string_view::npos || d1 < 0 || d2 < 0) return false;
  int day = d1 * 10 + d2;
  if (day > 40) day -= 40;  // women's codes add 40 to the day
  // The century is not written: 29 February passes in any year.
  if (!IsCalendarDate(2000, static_cast<int>(month) + 1, day)) return false;
  // The place of birth: a municipality's cadastral code (A-M and three digits) or "Z" and a
  // country's; 000 is no code.
  const char place = code[11];
  if (!((place >= 'A' && place <= 'M') || place == 'Z')) return false;
  int number = 0;
  for (size_t i = 12; i < 15; ++i) {
    const int d = FiscalCodeDigit(code[i]);
    if (d < 0) return false;
    number = number * 10 + d;
  }
  return number > 0 && ItFiscalCodeCheck(code.substr(0, 15)) == code[15];
}

int PlPeselCheckDigit(std::string_view ten) {
  if (ten.size() != 10 || !AllAsciiDigits(ten)) return -1;
  static constexpr int kWeights[10] = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) sum += Digit(ten[i]) * kWeights[i];
  return (10 - sum % 10) % 10;
}

bool PlPeselValid(std::string_view digits) {
  if (digits.size() != 11 || !AllAsciiDigits(digits)) return false;
  // The century is in the month: 1-12 for 1900-1999, 21-32 for 2000-2099 (and 81-92, 41-52 and
  // 61-72 for 1800-1899 and the 2100s and 2200s, whose holders are dead or unborn).
  int month = TwoDigits(digits, 2);
  int year = TwoDigits(digits, 0);
  if (month >= 21 && month <= 32) {
    month -= 20;
    year += 2000;
  } else {
    year += 1900;
  }
  return IsCalendarDate(year, month, TwoDigits(digits, 4)) &&
         PlPeselCheckDigit(digits.substr(0, 10)) == Digit(digits[10]);
}

char FiHetuCheck(std::string_view nine_digits) {
  if (nine_digits.size() != 9 || !AllAsciiDigits(nine_digits)) return 0;
  long n = 0;
  for (char c : nine_digits) n = n * 10 + Digit(c);
  return "0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31];
}

bool FiHetuValid(std::string_view id) {
  if (id.size() != 11) return false;
  const std::string_view date = id.substr(0, 6), individual = id.substr(7, 3);
  if (!AllAsciiDigits(date) || !AllAsciiDigits(individual)) return false;
  int century;
  const char sign = id[6];
  if (sign == '+') {
    century = 1800;
  } else if (sign == '-' || (sign >= 'U' && sign <= 'Y')) {
    century = 1900;
  } else if (sign >= 'A' && sign <= 'F') {
    century = 2000;
  } else {
    return false;
  }
  if (!IsCalendarDate(century + TwoDigits(date, 4), TwoDigits(date, 2), TwoDigits(date, 0)))
    return false;
  // Individual numbers start at 002; 900-999 are temporary codes, still a person's.
  if (TwoDigits(individual, 0) * 10 + Digit(individual[2]) < 2) return false;
  std::string nine(date);
  nine.append(individual);
  return FiHetuCheck(nine) == id[10];
}

bool SePersonnummerValid(std::string_view digits) {
  if ((digits.size() != 10 && digits.size() != 12) || !AllAsciiDigits(digits)) return false;
  int year;
  if (digits.size() == 12) {
    const int century = TwoDigits(digits, 0);
    if (century < 18 || century > 20) return false;
    year = century * 100;
    digits.remove_prefix(2);
  } else {
    year = 2000;  // the century is not written: 29 February passes in any year divisible by 4
  }
  year += TwoDigits(digits, 0);
  int day = TwoDigits(digits, 4);
  if (day > 60) day -= 60;  // a coordination number (samordningsnummer) adds 60 to the day
  return IsCalendarDate(year, TwoDigits(digits, 2), day) && LuhnValid(digits);
}

bool KrRrnShapeValid(std::string_view digits) {
  if (digits.size() != 13 || !AllAsciiDigits(digits)) return false;
  // The seventh digit is sex and century: 1 and 2 for 1900-1999, 3 and 4 for 2000-2099 (5-8 are
  // foreign residents' numbers, 9 and 0 the 1800s).
  const int g = Digit(digits[6]);
  if (g < 1 || g > 4) return false;
  return IsCalendarDate((g <= 2 ? 1900 : 2000) + TwoDigits(digits, 0), TwoDigits(digits, 2),
                        TwoDigits(digits, 4));
}

bool ZaIdNumberValid(std::string_view digits) {
  if (digits.size() != 13 || !AllAsciiDigits(digits)) return false;
  // YYMMDD of either century; the citizenship digit (0 citizen, 1 permanent resident, 2
  // refugee) and the digit after it (8 or 9 since the 1980s); Luhn over all thirteen.
  const int year = TwoDigits(digits, 0), month = TwoDigits(digits, 2), day = TwoDigits(digits, 4);
  if (!IsCalendarDate(1900 + year, month, day) && !IsCalendarDate(2000 + year, month, day))
    return false;
  if (digits[10] > '2' || (digits[11] != '8' && digits[11] != '9')) return false;
  return LuhnValid(digits);
}

int KrRrnCheckDigit(std::string_view twelve) {
  if (twelve.size() != 12 || !AllAsciiDigits(twelve)) return -1;
  static constexpr int kWeights[12] = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
  int sum = 0;
  for (size_t i = 0; i < 12; ++i) sum += Digit(twelve[i]) * kWeights[i];
  return (11 - sum % 11) % 10;
}

bool KrRrnCheckedValid(std::string_view digits) {
  // Numbers issued before October 2020: a region code of 00-95 in the eighth and ninth digits
  // and a check digit.
  return KrRrnShapeValid(digits) && TwoDigits(digits, 7) <= 95 &&
         KrRrnCheckDigit(digits.substr(0, 12)) == Digit(digits[12]);
}

}  // namespace refinery::pii
