#include "refinery/detect/validators.h"

#include <gtest/gtest.h>

#include <cstdio>

#include <string>
#include <utility>

namespace refinery::pii {
namespace {

TEST(Validators, Luhn) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_EQ(LuhnCheckDigit("411111111111111"), 1);
  EXPECT_EQ(CardIssuer("4111111111111111"), "visa");
  EXPECT_EQ(CardIssuer("378282246310005"), "amex");
  EXPECT_EQ(CardIssuer("5555555555554444"), "mastercard");
  EXPECT_EQ(CardIssuer("1234567890123456"), "");
}

TEST(Validators, Iban) {
  EXPECT_TRUE(IbanValid("DE89370400440532013000"));
  EXPECT_TRUE(IbanValid("GB29NWBK60161331926819"));
  EXPECT_FALSE(IbanValid("DE89370400440532013001"));
  EXPECT_FALSE(IbanValid("DE8937040044053201300"));  // wrong length for DE
  EXPECT_EQ(IbanCheckDigits("DE", "370400440532013000"), "89");
}

TEST(Validators, Ssn) {
  EXPECT_TRUE(SsnValid("123456780"));
  EXPECT_FALSE(SsnValid("000123456"));
  EXPECT_FALSE(SsnValid("666123456"));
  EXPECT_FALSE(SsnValid("912345678"));
  EXPECT_FALSE(SsnValid("123006789"));
  EXPECT_FALSE(SsnValid("123450000"));
}

TEST(Validators, IpAddresses) {
  uint8_t a[4];
  EXPECT_TRUE(ParseIpv4("10.0.3.17", a));
  EXPECT_FALSE(ParseIpv4("256.1.1.1", a));
  EXPECT_FALSE(ParseIpv4("01.2.3.4", a));
  ASSERT_TRUE(ParseIpv4("127.0.0.1", a));
  EXPECT_TRUE(IsNonPiiIpv4(a));
  ASSERT_TRUE(ParseIpv4("198.51.100.7", a));
  EXPECT_TRUE(IsNonPiiIpv4(a));
  uint8_t b[16];
  EXPECT_TRUE(ParseIpv6("2a02:1234:5678::1", b));
  EXPECT_FALSE(IsNonPiiIpv6(b));
  EXPECT_TRUE(ParseIpv6("::1", b));
  EXPECT_TRUE(IsNonPiiIpv6(b));
  EXPECT_TRUE(ParseIpv6("2001:db8::5", b));
  EXPECT_TRUE(IsNonPiiIpv6(b));
  EXPECT_TRUE(ParseIpv6("::ffff:10.1.2.3", b));
  EXPECT_FALSE(ParseIpv6("12:30:45", b));
  EXPECT_FALSE(ParseIpv6("1::2::3", b));
}

TEST(Validators, Crypto) {
  EXPECT_TRUE(Base58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
  EXPECT_TRUE(Base58CheckValid("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
  EXPECT_FALSE(Base58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"));
  EXPECT_TRUE(Bech32Valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
  EXPECT_FALSE(Bech32Valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx"));
}

TEST(Validators, Entropy) {
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0.0);
  EXPECT_GT(ShannonEntropy("aB3dE5fG7hI9jK1l"), 3.5);
  EXPECT_TRUE(AbaRoutingValid("011000015"));
  EXPECT_FALSE(AbaRoutingValid("011000016"));
}

// Issuer ranges and lengths of the IIN tables (docs/pii.md), on Luhn-agnostic digit strings.
TEST(Validators, CardIssuerRanges) {
  EXPECT_EQ(CardIssuer("3528000000000000"), "jcb");     // JCB low end, 16
  EXPECT_EQ(CardIssuer("3589000000000000000"), "jcb");  // high end, 19
  EXPECT_EQ(CardIssuer("3590000000000000"), "");        // outside JCB
  EXPECT_EQ(CardIssuer("213100000000000"), "jcb");      // 15-digit range
  EXPECT_EQ(CardIssuer("675900000000"), "maestro");     // 12 digits
  EXPECT_EQ(CardIssuer("5018000000000000000"), "maestro");
  EXPECT_EQ(CardIssuer("2200000000000000"), "mir");
  EXPECT_EQ(CardIssuer("2204000000000000000"), "mir");
  EXPECT_EQ(CardIssuer("6011000000000000000"), "discover");  // 19
  EXPECT_EQ(CardIssuer("6440000000000000"), "discover");
  EXPECT_EQ(CardIssuer("6221260000000000"), "discover");
  EXPECT_EQ(CardIssuer("6200000000000000"), "unionpay");
  EXPECT_EQ(CardIssuer("8100000000000000000"), "unionpay");
  EXPECT_EQ(CardIssuer("30950000000000"), "diners");
  EXPECT_EQ(CardIssuer("2221000000000000"), "mastercard");
  EXPECT_EQ(CardIssuer("2221000000000"), "");     // Mastercard is 16 only
  EXPECT_EQ(CardIssuer("37000000000000"), "");    // Amex is 15 only
  EXPECT_EQ(CardIssuer("9000000000000000"), "");  // no network
  EXPECT_EQ(CardIssuer("41111111111"), "");       // too short
}

TEST(Validators, IbanRegistryCountries) {
  // Countries added to the SWIFT registry since 2020, with their lengths.
  const std::pair<const char*, int> kAdded[] = {{"BI", 27}, {"DJ", 27}, {"FK", 18}, {"HN", 28},
                                                {"LY", 25}, {"MN", 20}, {"NI", 28}, {"OM", 23},
                                                {"RU", 33}, {"SD", 18}, {"SO", 23}, {"YE", 30}};
  for (const auto& [cc, len] : kAdded) {
    EXPECT_EQ(IbanLength(cc), len) << cc;
    // A number of that length with computed check digits validates; one digit off does not.
    std::string bban(len - 4, '7');
    std::string iban = std::string(cc) + IbanCheckDigits(cc, bban) + bban;
    EXPECT_TRUE(IbanValid(iban)) << iban;
    iban.back() = '8';
    EXPECT_FALSE(IbanValid(iban)) << iban;
  }
  EXPECT_EQ(IbanLength("US"), 0);
}

TEST(Validators, UkNhsMod11) {
  EXPECT_TRUE(UkNhsValid("6091390996"));
  EXPECT_FALSE(UkNhsValid("6091390997"));  // check digit off by one
  EXPECT_FALSE(UkNhsValid("0000000000"));  // passes mod 11 but is one repeated digit
  EXPECT_FALSE(UkNhsValid("609139099"));   // nine digits
  EXPECT_EQ(UkNhsCheckDigit("609139099"), 6);
  // Stems whose check would be 10 are never issued; every other stem has exactly one digit.
  int none = 0;
  for (int stem = 100000000; stem < 100000000 + 1100; ++stem) {
    const std::string nine = std::to_string(stem);
    const int check = UkNhsCheckDigit(nine);
    if (check < 0) {
      ++none;
      continue;
    }
    int valid = 0;
    for (char d = '0'; d <= '9'; ++d) valid += UkNhsValid(nine + d);
    EXPECT_EQ(valid, 1) << nine;
  }
  EXPECT_GE(none, 90);  // about one stem in eleven
  EXPECT_LE(none, 110);
}

TEST(Validators, UsItinGroups) {
  for (int group = 0; group < 100; ++group) {
    char digits[10];
    std::snprintf(digits, sizeof(digits), "912%02d3456", group);
    const bool issued = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) ||
                        (group >= 90 && group <= 92) || group >= 94;
    EXPECT_EQ(UsItinValid(digits), issued) << digits;
  }
  EXPECT_FALSE(UsItinValid("812703456"));  // area must be 9XX
  EXPECT_FALSE(UsItinValid("91270345"));
}

TEST(Validators, VerhoeffAndAadhaar) {
  EXPECT_EQ(VerhoeffCheckDigit("236"), 3);  // the textbook example
  EXPECT_TRUE(VerhoeffValid("2363"));
  EXPECT_FALSE(VerhoeffValid("2364"));
  EXPECT_FALSE(VerhoeffValid("3263"));  // adjacent transposition is caught
  EXPECT_TRUE(InAadhaarValid("768205258983"));
  EXPECT_FALSE(InAadhaarValid("768205258984"));
  const std::string stem = "16820525898";  // first digit 1: never issued
  EXPECT_FALSE(InAadhaarValid(stem + static_cast<char>('0' + VerhoeffCheckDigit(stem))));
}

TEST(Validators, WeightedIdChecks) {
  EXPECT_TRUE(AuAbnValid("53494042947"));
  EXPECT_FALSE(AuAbnValid("53494042948"));
  EXPECT_TRUE(AuTfnValid("775748878"));
  EXPECT_FALSE(AuTfnValid("775748879"));
  EXPECT_FALSE(AuTfnValid("000000000"));
  EXPECT_EQ(EsNifLetter("21083579"), 'P');
  EXPECT_TRUE(EsNifValid("21083579", 'P'));
  EXPECT_FALSE(EsNifValid("21083579", 'Q'));
  EXPECT_TRUE(SgNricValid("S6872854A"));
  EXPECT_TRUE(SgNricValid("T0156721C"));  // T adds 4 to the sum
  EXPECT_TRUE(SgNricValid("G8445584P"));
  EXPECT_FALSE(SgNricValid("S6872854B"));
  EXPECT_FALSE(SgNricValid("X6872854A"));
  EXPECT_TRUE(UkNinoValid("JH734129C"));
  for (const char* bad : {"DA123456C", "AO123456B", "GB123456A", "JH734129E", "JH73412XC"})
    EXPECT_FALSE(UkNinoValid(bad)) << bad;
  EXPECT_TRUE(InPanValid("AFZPK7190K"));
  EXPECT_FALSE(InPanValid("AFZXK7190K"));  // X is no holder type
}

}  // namespace
}  // namespace refinery::pii
