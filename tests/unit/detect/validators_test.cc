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
  EXPECT_EQ(CardIssuer("122000000000003"), "uatp");  // 15 digits, industry 1
  EXPECT_EQ(CardIssuer("1220000000000"), "");        // 13 digits starting 1: no card
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
  // The whole SWIFT IBAN registry (89 countries, release of 2025): country and length.
  const char* const kRegistry =
      "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 "
      "DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 "
      "GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 "
      "LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 "
      "PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 "
      "SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30 ";
  int countries = 0;
  for (const char* p = kRegistry; *p; p += 5, ++countries)
    EXPECT_EQ(IbanLength(std::string_view(p, 2)), (p[2] - '0') * 10 + (p[3] - '0'))
        << std::string_view(p, 2);
  EXPECT_EQ(countries, 89);
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
  EXPECT_TRUE(SgNricValid("M5012387U"));  // M adds 3, its own letter table
  EXPECT_FALSE(SgNricValid("M5012387K"));
  EXPECT_FALSE(SgNricValid("S6872854B"));
  EXPECT_FALSE(SgNricValid("X6872854A"));
  EXPECT_TRUE(UkNinoValid("JH734129C"));
  for (const char* bad : {"DA123456C", "AO123456B", "GB123456A", "JH734129E", "JH73412XC"})
    EXPECT_FALSE(UkNinoValid(bad)) << bad;
  EXPECT_TRUE(InPanValid("AFZPK7190K"));
  EXPECT_FALSE(InPanValid("AFZXK7190K"));  // X is no holder type
}

// Values accepted (or refused) by python-stdnum 1.18 (Debian's python3-stdnum), an implementation
// written by others: it.codicefiscale, pl.pesel, fi.hetu, se.personnummer, kr.rrn.
TEST(Validators, IdsWithADateOfBirth) {
  EXPECT_TRUE(IsCalendarDate(2000, 2, 29));
  EXPECT_FALSE(IsCalendarDate(1900, 2, 29));
  EXPECT_FALSE(IsCalendarDate(2023, 4, 31));
  EXPECT_FALSE(IsCalendarDate(2023, 13, 1));

  EXPECT_TRUE(ItFiscalCodeValid("GCNPMD24A22D102U"));
  EXPECT_TRUE(ItFiscalCodeValid("KNRLDZ99A43D406F"));  // a woman's: day + 40
  EXPECT_TRUE(ItFiscalCodeValid("NJHDJJ51E28L72MP"));  // the place's last digit as omocodia M
  EXPECT_TRUE(ItFiscalCodeValid("RCCMNL83S18D969H"));
  EXPECT_FALSE(ItFiscalCodeValid("GCNPMD24A22D102A"));  // check letter
  // Each below with the check letter stdnum computes for it:
  EXPECT_FALSE(ItFiscalCodeValid("GCNPMD24F22D102G"));  // F is no month
  EXPECT_FALSE(ItFiscalCodeValid("GCNPMD24B30D102Q"));  // 30 February
  // stdnum accepts these two; the peer's pattern, and the rule that builds the code, do not:
  EXPECT_FALSE(ItFiscalCodeValid("GCNPMD24A22D000R"));  // place 000
  EXPECT_FALSE(ItFiscalCodeValid("GACPMD24A22D102D"));  // a vowel before a consonant

  EXPECT_TRUE(PlPeselValid("44051401359"));
  EXPECT_TRUE(PlPeselValid("39051921943"));
  EXPECT_TRUE(PlPeselValid("14291124053"));   // 2014: the month + 20
  EXPECT_FALSE(PlPeselValid("39051921946"));  // check digit
  EXPECT_FALSE(PlPeselValid("06891583624"));  // born 1806: valid for stdnum, no holder lives
  EXPECT_FALSE(PlPeselValid("44023001350"));  // 30 February

  EXPECT_TRUE(FiHetuValid("131052-308T"));
  EXPECT_TRUE(FiHetuValid("170392-6879"));
  EXPECT_TRUE(FiHetuValid("040729A081A"));   // 2000s
  EXPECT_TRUE(FiHetuValid("011208+746E"));   // 1800s
  EXPECT_FALSE(FiHetuValid("170392-687X"));  // check character
  EXPECT_FALSE(FiHetuValid("310299-687A"));  // 31 February
  EXPECT_FALSE(FiHetuValid("131052-001T"));  // individual numbers start at 002
  EXPECT_FALSE(FiHetuValid("131052G308T"));  // G is no century sign

  EXPECT_TRUE(SePersonnummerValid("8803200016"));
  EXPECT_TRUE(SePersonnummerValid("9807169249"));
  EXPECT_TRUE(SePersonnummerValid("196605253209"));
  // A coordination number, day 80 = 20 + 60 (stdnum 1.18 refuses it; the Swedish Tax Agency
  // issues them):
  EXPECT_TRUE(SePersonnummerValid("8803800013"));
  EXPECT_FALSE(SePersonnummerValid("9807169240"));    // Luhn
  EXPECT_FALSE(SePersonnummerValid("9813169241"));    // month 13, Luhn valid
  EXPECT_FALSE(SePersonnummerValid("216605253209"));  // born in 2166 (stdnum accepts it)

  EXPECT_TRUE(KrRrnCheckedValid("9604051463501"));
  EXPECT_TRUE(KrRrnCheckedValid("1305014894377"));
  EXPECT_FALSE(KrRrnCheckedValid("1311213576777"));  // check digit: issued since 2020?
  EXPECT_TRUE(KrRrnShapeValid("1311213576777"));     // ... then its last digits are random
  // 5: a foreign resident's number, another id (stdnum accepts it as an RRN):
  EXPECT_FALSE(KrRrnShapeValid("9604055463501"));
  EXPECT_FALSE(KrRrnShapeValid("9613321234567"));  // month 13
}

// Values accepted (or refused) by python-stdnum 1.18: za.idnr, ca.sin, th.pin, de.idnr.
TEST(Validators, NationalIdsOfDigitsWithACheck) {
  EXPECT_TRUE(ZaIdNumberValid("8001028670081"));
  EXPECT_TRUE(ZaIdNumberValid("4203066257185"));
  EXPECT_FALSE(ZaIdNumberValid("8001028670082"));  // Luhn
  EXPECT_FALSE(ZaIdNumberValid("8013028670086"));  // month 13 (Luhn valid)
  EXPECT_FALSE(ZaIdNumberValid("8001028670370"));  // citizenship digit 3 (Luhn valid)

  EXPECT_TRUE(CaSinValid("431227347"));
  EXPECT_TRUE(CaSinValid("977610963"));   // 9: a temporary resident's
  EXPECT_FALSE(CaSinValid("431227348"));  // Luhn
  // First digit 0 or 8 (stdnum accepts them; never issued to a person):
  EXPECT_FALSE(CaSinValid("019658228"));
  EXPECT_FALSE(CaSinValid("812345676"));

  EXPECT_TRUE(ThTninValid("1608824152697"));
  EXPECT_TRUE(ThTninValid("3946903038775"));
  EXPECT_EQ(ThTninCheckDigit("160882415269"), 7);
  EXPECT_FALSE(ThTninValid("1608824152698"));  // check digit
  EXPECT_FALSE(ThTninValid("0608824152697"));  // category 0
  // Province 28 is not assigned (the peer's rule; stdnum does not check it), check digit valid:
  EXPECT_FALSE(ThTninValid(std::string("128882415269") +
                           static_cast<char>('0' + ThTninCheckDigit("128882415269"))));

  EXPECT_TRUE(DeTaxIdValid("31968024706"));
  EXPECT_TRUE(DeTaxIdValid("28410711592"));
  EXPECT_FALSE(DeTaxIdValid("31968024707"));  // check digit
  EXPECT_FALSE(DeTaxIdValid("01968024706"));  // leading 0
  // No digit repeated in the first ten (check digit valid): not an issued number.
  EXPECT_FALSE(DeTaxIdValid(std::string("1234567890") +
                            static_cast<char>('0' + DeTaxIdCheckDigit("1234567890"))));
}

TEST(Validators, EsNie) {
  // X, Y, Z stand for 0, 1, 2: X1234567 is the number 01234567, whose letter is L.
  EXPECT_TRUE(EsNieValid("X1234567L"));
  EXPECT_TRUE(EsNieValid("Y7654321G"));
  EXPECT_TRUE(EsNieValid("Z0458712M"));
  EXPECT_FALSE(EsNieValid("X1234567M"));
  EXPECT_FALSE(EsNieValid("A1234567L"));
  EXPECT_FALSE(EsNieValid("X123456L"));
}

TEST(Validators, Keccak256AndEip55) {
  uint8_t h[32];
  Keccak256("", h);  // Keccak-256 of the empty string (not SHA3-256's a7ffc6f8...)
  EXPECT_EQ(h[0], 0xc5);
  EXPECT_EQ(h[1], 0xd2);
  EXPECT_EQ(h[31], 0x70);
  // 200 bytes: more than one 136-byte block.
  Keccak256(std::string(200, 'a'), h);
  uint8_t again[32];
  Keccak256(std::string(200, 'a'), again);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(h), 32),
            std::string(reinterpret_cast<char*>(again), 32));
  // The EIP-55 document's own examples.
  EXPECT_TRUE(EthAddressValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
  EXPECT_TRUE(EthAddressValid("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
  EXPECT_TRUE(EthAddressValid("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"));
  EXPECT_TRUE(EthAddressValid("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"));
  // One letter's case flipped; no checksum written (all lower / all upper) passes.
  EXPECT_FALSE(EthAddressValid("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
  EXPECT_FALSE(EthAddressValid("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDB"));
  EXPECT_TRUE(EthAddressValid("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
  EXPECT_TRUE(EthAddressValid("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"));
  EXPECT_FALSE(EthAddressValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"));
}

}  // namespace
}  // namespace refinery::pii
