// Checksum and format validators used by the PII detectors. All take ASCII candidates
// (already cut out of the text) and run in time linear in the candidate's length.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace refinery::pii {

// Digits of `s` only (separators dropped).
std::string DigitsOnly(std::string_view s);

// Luhn (mod 10) check over a string of digits.
bool LuhnValid(std::string_view digits);
// Check digit that makes `digits_without_check` + digit pass Luhn.
int LuhnCheckDigit(std::string_view digits_without_check);

// Issuer range and length of a payment card number (digits only, 12-19) per the IIN tables:
// Visa, Mir, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Verve, RuPay, Troy,
// InterPayment, InstaPayment, UATP, Maestro. Returns the issuer name or "" when none fits.
std::string_view CardIssuer(std::string_view digits);

// IBAN: country code + check digits + BBAN, spaces removed, upper case. Checks the per-country
// length and mod-97 == 1.
bool IbanValid(std::string_view compact);
// Shape (2 letters, 2 digits, 15-34 characters) and mod-97 == 1, whatever the length the
// country's registry entry says: generators and hand-typed numbers get the length wrong.
bool IbanChecksumValid(std::string_view compact);
// Expected IBAN length for a country code, 0 when unknown.
int IbanLength(std::string_view country);
// Computes the two check digits for country + BBAN.
std::string IbanCheckDigits(std::string_view country, std::string_view bban);

// US SSN area/group/serial rules (digits only, 9 digits).
bool SsnValid(std::string_view digits);

// IPv4 dotted quad (no leading zeros); fills the four octets.
bool ParseIpv4(std::string_view s, uint8_t out[4]);
// IPv6 (RFC 4291 text forms, with an optional embedded IPv4 tail); fills 16 bytes.
bool ParseIpv6(std::string_view s, uint8_t out[16]);
// Loopback, unspecified, documentation, broadcast or multicast: never PII.
bool IsNonPiiIpv4(const uint8_t a[4]);
bool IsNonPiiIpv6(const uint8_t a[16]);

// Bitcoin Base58Check address (P2PKH / P2SH, version byte 0x00 or 0x05), checksum verified.
bool Base58CheckValid(std::string_view s);
// Bech32 / bech32m segwit address with human-readable part "bc" or "tb".
bool Bech32Valid(std::string_view s);

// Ethereum address "0x" + 40 hex digits: a mixed-case address carries the EIP-55 checksum (the
// case of each letter is a bit of the Keccak-256 hash of the lower-case hex) and must match it;
// an all-lower or all-upper address carries none and passes.
bool EthAddressValid(std::string_view address);
// Keccak-256 (the original padding Ethereum uses, not FIPS-202 SHA3-256) of `data`.
void Keccak256(std::string_view data, uint8_t out[32]);

// Base64url decode (no padding needed); false on invalid characters.
bool Base64UrlDecode(std::string_view s, std::string& out);

// Shannon entropy in bits per character.
double ShannonEntropy(std::string_view s);

// UK NHS number (10 digits): weights 10..2 over the first nine, check = 11 - sum mod 11 (11
// reads 0, 10 is never issued). One digit repeated ten times is not a number.
bool UkNhsValid(std::string_view digits);
// The check digit for nine NHS digits, -1 when it would be 10 (that stem is never issued).
int UkNhsCheckDigit(std::string_view nine_digits);

// US ITIN (9 digits): area 9XX and a group in the IRS ranges 50-65, 70-88, 90-92, 94-99.
bool UsItinValid(std::string_view digits);

// UK National Insurance number, compact ("AB123456C"): prefix letters in the issued set (no D,
// F, I, Q, U, V; no O second; not BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D.
bool UkNinoValid(std::string_view compact);

// Indian PAN ("ABCPE1234F"): five letters, the fourth a holder type (P, C, H, F, A, T, B, L, J,
// G, E), four digits, one letter. The last letter's check algorithm is not published.
bool InPanValid(std::string_view pan);

// Verhoeff check over a string of digits (the last digit is the check digit).
bool VerhoeffValid(std::string_view digits);
// The Verhoeff check digit for `digits`.
int VerhoeffCheckDigit(std::string_view digits);
// Indian Aadhaar (12 digits): first digit 2-9, Verhoeff check digit, not a palindrome.
bool InAadhaarValid(std::string_view digits);

// Australian Business Number (11 digits): first digit minus 1, weights 10,1,3,...,19, mod 89.
bool AuAbnValid(std::string_view digits);
// Australian Tax File Number (9 digits, or 8 for old ones): weighted sum mod 11.
bool AuTfnValid(std::string_view digits);

// Spanish DNI / NIF: 7-8 digits and the control letter of the number mod 23.
bool EsNifValid(std::string_view digits, char letter);
// The control letter of a DNI number.
char EsNifLetter(std::string_view digits);

// Spanish NIE ("X1234567L"): X, Y or Z read as 0, 1 or 2 before the seven digits, then the DNI
// letter of that number mod 23. `compact` is the nine characters without a separator.
bool EsNieValid(std::string_view compact);

// Singapore NRIC / FIN ("S1234567D"): prefix S, T, F, G or M, seven digits, check letter
// (weights 2,7,6,5,4,3,2; +4 for T and G, +3 for M).
bool SgNricValid(std::string_view id);
// The check letter for prefix + seven digits, 0 for another prefix.
char SgNricLetter(char prefix, std::string_view seven_digits);

// National ids that carry a date of birth (dated_id_validators.cc). Each checks the date
// (leap years included) before the check character.
//
// Whether year-month-day is a day of the Gregorian calendar.
bool IsCalendarDate(int year, int month, int day);
// Italian codice fiscale, 16 upper-case characters ("RSSMRA85T10A562S"): two name triples
// (consonants, vowels, then X), year, month letter (ABCDEHLMPRST), day (+40 for women),
// place (A-M or Z and a number other than 000), check letter; digits of year, day and place
// may be written as the "omocodia" letters L-V.
bool ItFiscalCodeValid(std::string_view code);
// The check letter of the first 15 characters, 0 when one is not an upper-case letter or digit.
char ItFiscalCodeCheck(std::string_view first15);
// Polish PESEL, 11 digits: YYMMDD (the month +20 for 2000-2099; other centuries are refused),
// a serial and a check digit (weights 1,3,7,9).
bool PlPeselValid(std::string_view digits);
// The check digit of the first ten digits, -1 when they are not ten digits.
int PlPeselCheckDigit(std::string_view ten_digits);
// Finnish henkilötunnus, 11 characters ("131052-308T"): DDMMYY, the century sign (+ 1800s;
// - and U-Y 1900s; A-F 2000s), an individual number from 002 and the check character of the
// nine digits mod 31.
bool FiHetuValid(std::string_view id);
// The check character of DDMMYY + individual number, 0 when they are not nine digits.
char FiHetuCheck(std::string_view nine_digits);
// Swedish personnummer without its separator: 10 digits (YYMMDDNNNC) or 12 (YYYYMMDDNNNC,
// century 18-20); the day may be +60 (samordningsnummer); Luhn over the last ten.
bool SePersonnummerValid(std::string_view digits);
// Korean resident registration number, 13 digits without the dash: YYMMDD and a seventh digit
// of 1-4 (1900s and 2000s residents). Numbers issued since October 2020 end in random digits,
// so this is all they can be checked for.
bool KrRrnShapeValid(std::string_view digits);
// The same with the rule of numbers issued before October 2020: region code 00-95 and the check
// digit (weights 2-9, 2-5; (11 - sum mod 11) mod 10).
bool KrRrnCheckedValid(std::string_view digits);
// The check digit of the first twelve digits, -1 when they are not twelve digits.
int KrRrnCheckDigit(std::string_view twelve_digits);

// South African identity number, 13 digits: YYMMDD, a sequence (0000-4999 women), the
// citizenship digit 0-2, 8 or 9, and a Luhn check digit.
bool ZaIdNumberValid(std::string_view digits);

// Canadian Social Insurance Number, 9 digits: first digit 1-7 or 9, Luhn.
bool CaSinValid(std::string_view digits);
// Thai national id (TNIN), 13 digits: category 1-8, an assigned province code, and the check
// digit (11 - sum of weights 13..2 mod 11) mod 10.
bool ThTninValid(std::string_view digits);
int ThTninCheckDigit(std::string_view twelve_digits);
// German tax id (Steuerliche Identifikationsnummer), 11 digits: no leading 0, one digit of the
// first ten written two or three times and no other repeated, ISO 7064 MOD 11,10 check digit.
bool DeTaxIdValid(std::string_view digits);
int DeTaxIdCheckDigit(std::string_view ten_digits);

// ABA routing number checksum (9 digits).
bool AbaRoutingValid(std::string_view digits);

}  // namespace refinery::pii
