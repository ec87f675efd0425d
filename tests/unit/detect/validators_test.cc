#include "refinery/detect/validators.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace refinery::pii
