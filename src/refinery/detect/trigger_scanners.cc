// Scanners behind the Hyperscan prefilter: vendor tokens, JWTs, PEM blocks, bearer tokens,
// credentials in URLs, secret assignments, IBANs, MAC and IPv6 addresses, crypto addresses,
// context-gated government and bank numbers, month-name dates and European street addresses.
#include <hs/hs.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "refinery/core/ascii.h"
#include "refinery/detect/address_parts.h"
#include "refinery/detect/keyed_values.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/pii_scanners.h"
#include "refinery/detect/spoken_numbers.h"
#include "refinery/detect/validators.h"
#include "refinery/detect/vendor_tokens.h"

namespace refinery::pii {

const char* const kTypeNames[kTypeCount] = {
    // clang-format off
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS",
    "MAC_ADDRESS", "US_SSN", "CRYPTO", "US_PASSPORT", "US_DRIVER_LICENSE",
    "US_BANK_NUMBER", "DATE_OF_BIRTH", "STREET_ADDRESS", "PERSON", "API_KEY",
    "AUTH_TOKEN", "PRIVATE_KEY", "PASSWORD", "LOCATION", "ORGANIZATION",
    "UK_NHS", "US_ITIN", "URL", "UK_NINO", "IN_PAN",
    "IN_AADHAAR", "AU_ABN", "AU_TFN", "ES_NIF", "SG_NRIC_FIN",
    "ES_NIE", "MEDICAL_RECORD_NUMBER", "PASSPORT", "IT_FISCAL_CODE", "PL_PESEL",
    "FI_PERSONAL_IDENTITY_CODE", "SE_PERSONNUMMER", "KR_RRN", "ZA_ID_NUMBER", "CA_SIN",
    "TH_TNIN", "DE_TAX_ID",
    // clang-format on
};

namespace {

std::string EscapeLiteral(const char* s) {
  std::string out;
  for (; *s; ++s) {
    char c = *s;
    if (IsAlnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '=') {
      if (c == '-')
        out += "\\-";
      else
        out.push_back(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

bool IsTokenByte(unsigned char c) {
  return IsAlnum(c) || c == '_' || c == '-' || c == '.' || c == '~' || c == '+' || c == '/' ||
         c == '=';
}

void ScanJwt(std::string_view text, size_t end, Candidates& out) {
  size_t start = end - 3;
  if (start > 0 && (IsAlnum(text[start - 1]) || text[start - 1] == '_' || text[start - 1] == '-'))
    return;
  size_t dots[2];
  int nd = 0;
  size_t i = start;
  const size_t limit = std::min(text.size(), start + 16384);
  while (i < limit) {
    unsigned char c = text[i];
    if (IsAlnum(c) || c == '_' || c == '-' || c == '=') {
      ++i;
    } else if (c == '.' && nd < 2) {
      dots[nd++] = i++;
    } else {
      break;
    }
  }
  if (nd < 2) return;
  if (text[i - 1] == '.') return;  // empty signature: not a bearer-usable token
  std::string header;
  if (!Base64UrlDecode(text.substr(start, dots[0] - start), header)) return;
  if (header.empty() || header[0] != '{' || header.find("\"alg\"") == std::string::npos) return;
  if (text.substr(dots[0] + 1, 3) != "eyJ") return;
  if (i - dots[1] - 1 < 16) return;
  AddCandidate(out, start, i, kAuthToken, 0.97f, "jwt");
}

size_t FindCi(std::string_view hay, std::string_view needle, size_t from, size_t limit) {
  limit = std::min(limit, hay.size());
  if (needle.size() > limit) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= limit; ++i) {
    if (hay.compare(i, needle.size(), needle) == 0) return i;
  }
  return std::string_view::npos;
}

void ScanPem(std::string_view text, size_t end, Candidates& out) {
  size_t from = end > 80 ? end - 80 : 0;
  size_t begin = text.rfind("-----BEGIN", end);
  if (begin == std::string_view::npos || begin < from) return;
  size_t endmark = FindCi(text, "-----END", end, end + 32768);
  size_t stop;
  if (endmark != std::string_view::npos) {
    size_t close = FindCi(text, "-----", endmark + 8, endmark + 80);
    stop = close == std::string_view::npos ? endmark + 8 : close + 5;
  } else {
    // Truncated block: up to the first blank line (or 8 KB).
    size_t blank = FindCi(text, "\n\n", end, end + 8192);
    stop = blank == std::string_view::npos ? std::min(text.size(), end + 8192) : blank;
    while (stop > end && (text[stop - 1] == '\n' || text[stop - 1] == ' ')) --stop;
  }
  AddCandidate(out, begin, stop, kPrivateKey, 0.99f, "pem_block");
}

void ScanBearer(std::string_view text, size_t end, PiiType type, const char* det, Candidates& out) {
  if (end < text.size() && (text[end] == ' ' || text[end] == '\t')) return;  // not the last
  size_t i = end;
  while (i < text.size() && i - end < 4096 && IsTokenByte(text[i])) ++i;
  while (i > end && (text[i - 1] == '.' || text[i - 1] == ',')) --i;
  std::string_view tok = text.substr(end, i - end);
  if (tok.size() < 16 || IsPlaceholderSecret(tok) || !PlausibleTail(tok)) return;
  bool digit = false, upper = false, lower = false;
  for (unsigned char c : tok) digit |= IsDigit(c), upper |= IsUpper(c), lower |= IsLower(c);
  if (!(digit || (upper && lower))) return;
  AddCandidate(out, end, i, type, 0.9f, det);
}

void ScanIban(std::string_view text, size_t end, Candidates& out) {
  size_t start = end - 4;
  if (start > 0 && (IsAlnum(text[start - 1]) || text[start - 1] == '_')) return;
  int want = IbanLength(text.substr(start, 2));
  if (want == 0) return;
  std::string compact;
  size_t i = start;
  while (i < text.size() && static_cast<int>(compact.size()) < want) {
    unsigned char c = text[i];
    if (IsUpper(c) || IsDigit(c)) {
      compact.push_back(static_cast<char>(c));
      ++i;
    } else if ((c == ' ' || c == '-') && i + 1 < text.size() && IsAlnum(text[i + 1]) &&
               compact.size() % 4 == 0) {
      ++i;
    } else {
      break;
    }
  }
  if (static_cast<int>(compact.size()) == want && !(i < text.size() && IsAlnum(text[i])) &&
      IbanValid(compact)) {
    AddCandidate(out, start, i, kIban, 0.97f, "iban_mod97");
    return;
  }
  // One compact run whose length is off the registry's by one or two (Faker's default bank
  // provider writes 21-character GB IBANs) but whose check digits hold: mostly digits after
  // the bank code, so a product code that passes mod 97 by chance (1 in 97) rarely fits.
  size_t run = start;
  int digits = 0;
  while (run < text.size() && run - start < 36 && (IsUpper(text[run]) || IsDigit(text[run])))
    digits += IsDigit(text[run++]);
  const int len = static_cast<int>(run - start);
  if (len < want - 2 || len > want + 2 || len == want) return;
  if ((run < text.size() && IsAlnum(text[run])) || digits * 10 < len * 6) return;
  if (!IbanChecksumValid(text.substr(start, run - start))) return;
  AddCandidate(out, start, run, kIban, 0.8f, "iban_mod97");
}

void ScanMac(std::string_view text, size_t end, Candidates& out) {
  auto macb = [](unsigned char c) { return IsHex(c) || c == ':' || c == '-' || c == '.'; };
  size_t s = end;
  while (s > 0 && end - s < 24 && macb(text[s - 1])) --s;
  // The address must start at a pair boundary after a non-hex character.
  for (size_t st = s; st + 14 <= end + 6 && st <= end; ++st) {
    if (st > 0 && (IsAlnum(text[st - 1]) || text[st - 1] == ':' || text[st - 1] == '-')) continue;
    if (!IsHex(text[st])) continue;
    // Colon / dash form.
    if (st + 17 <= text.size()) {
      char sep = text[st + 2];
      bool ok = (sep == ':' || sep == '-');
      for (int k = 0; ok && k < 6; ++k) {
        ok = IsHex(text[st + 3 * k]) && IsHex(text[st + 3 * k + 1]);
        if (ok && k < 5) ok = text[st + 3 * k + 2] == sep;
      }
      if (ok) {
        size_t e = st + 17;
        if (e < text.size() && (IsAlnum(text[e]) || text[e] == sep || text[e] == '_')) return;
        std::string_view mac = text.substr(st, 17);
        bool zero = true, bcast = true;
        for (char c : mac) {
          if (c == sep) continue;
          zero &= c == '0';
          bcast &= (c == 'f' || c == 'F');
        }
        if (zero || bcast) return;
        AddCandidate(out, st, e, kMac, 0.92f, "mac");
        return;
      }
    }
    // Cisco dotted form xxxx.xxxx.xxxx.
    if (st + 14 <= text.size() && text[st + 4] == '.' && text[st + 9] == '.') {
      bool ok = true;
      for (int k = 0; k < 14 && ok; ++k)
        if (k != 4 && k != 9) ok = IsHex(text[st + k]);
      if (ok && !(st + 14 < text.size() && (IsAlnum(text[st + 14]) || text[st + 14] == '.'))) {
        AddCandidate(out, st, st + 14, kMac, 0.8f, "mac");
        return;
      }
    }
    return;
  }
}

void ScanIpv6(std::string_view text, size_t end, Candidates& out) {
  auto v6b = [](unsigned char c) { return IsHex(c) || c == ':' || c == '.'; };
  size_t s = end;
  while (s > 0 && end - s < 46 && v6b(text[s - 1])) --s;
  if (s > 0 && (IsAlnum(text[s - 1]) || text[s - 1] == '_')) return;
  size_t e = end;
  while (e < text.size() && e - s < 46 && v6b(text[e])) ++e;
  if (e < text.size() && (IsAlnum(text[e]) || text[e] == '_')) return;
  while (e > s &&
         (text[e - 1] == '.' || (text[e - 1] == ':' && !(e - s >= 2 && text[e - 2] == ':'))))
    --e;
  std::string_view tok = text.substr(s, e - s);
  int colons = 0;
  bool digit = false;
  for (unsigned char c : tok) colons += c == ':', digit |= IsDigit(c);
  if (colons < 2 || !digit) return;
  // MAC-shaped (six pairs) and times (hh:mm:ss) are not IPv6.
  if (tok.size() == 17 && colons == 5 && tok.find("::") == std::string_view::npos) return;
  if (tok.find("::") == std::string_view::npos && colons < 7) return;
  uint8_t a[16];
  if (!ParseIpv6(tok, a) || IsNonPiiIpv6(a)) return;
  // An embedded IPv4 tail ("::ffff:81.2.69.160") outscores the IPv4 scanner's reading of it.
  const bool v4_tail = tok.find('.') != std::string_view::npos;
  AddCandidate(out, s, e, kIp, v4_tail ? 0.92f : 0.88f, "ipv6");
}

void ScanBase58(std::string_view text, size_t end, Candidates& out) {
  auto b58 = [](unsigned char c) {
    return IsAlnum(c) && c != '0' && c != 'O' && c != 'I' && c != 'l';
  };
  size_t s = end - 26;
  if (s > 0 && (IsAlnum(text[s - 1]) || text[s - 1] == '_')) return;
  size_t e = end;
  while (e < text.size() && e - s <= 35 && b58(text[e])) ++e;
  if (e - s > 35 || (e < text.size() && (IsAlnum(text[e]) || text[e] == '_'))) return;
  if (!Base58CheckValid(text.substr(s, e - s))) return;
  AddCandidate(out, s, e, kCrypto, 0.97f, "bitcoin_base58check");
}

void ScanBech32(std::string_view text, size_t end, Candidates& out) {
  size_t s = end - 9;
  if (s > 0 && (IsAlnum(text[s - 1]) || text[s - 1] == '_')) return;
  size_t e = end;
  while (e < text.size() && e - s <= 90 && (IsLower(text[e]) || IsDigit(text[e]))) ++e;
  if (e < text.size() && (IsAlnum(text[e]) || text[e] == '_')) return;
  if (!Bech32Valid(text.substr(s, e - s))) return;
  AddCandidate(out, s, e, kCrypto, 0.97f, "bitcoin_bech32");
}

void ScanEth(std::string_view text, size_t end, Candidates& out) {
  size_t s = end - 42;
  if (s > 0 && (IsAlnum(text[s - 1]) || text[s - 1] == '_')) return;
  if (end < text.size() && (IsAlnum(text[end]) || text[end] == '_')) return;
  // A mixed-case address whose letters' case breaks the EIP-55 checksum is mistyped or made up.
  if (!EthAddressValid(text.substr(s, 42))) return;
  AddCandidate(out, s, end, kCrypto, 0.88f, "ethereum");
}

// After "/home/", "/Users/" or "\\Users\\" (`end` just past it): the account's name in the path
// ("/Users/mkowalski/dev/app/server.py", "C:\\Users\\jsmith\\AppData") as a PERSON, as user handles
// are; not the generic accounts of images, CI runners and documentation ("ubuntu", "runner",
// "user", "Shared"), nor a placeholder ("$USER", "<user>", "%USERNAME%").
void ScanHomeDirectory(std::string_view text, size_t end, Candidates& out) {
  size_t e = end;
  while (e < text.size() && e - end < 32 &&
         (IsAlnum(text[e]) || text[e] == '.' || text[e] == '_' || text[e] == '-'))
    ++e;
  if (e - end < 2 || e - end >= 32) return;
  if (e < text.size() &&
      !(text[e] == '/' || text[e] == '\\' || text[e] == ' ' || text[e] == '\n' || text[e] == '\t' ||
        text[e] == '"' || text[e] == '\'' || text[e] == ':' || text[e] == ')' || text[e] == '$'))
    return;
  static constexpr std::string_view kGeneric[] = {
      "user",     "username",  "users",       "ubuntu",    "admin",         "administrator",
      "root",     "runner",    "runneradmin", "pi",        "vagrant",       "ec2-user",
      "git",      "www-data",  "build",       "builder",   "jenkins",       "travis",
      "circleci", "docker",    "node",        "app",       "shared",        "public",
      "default",  "guest",     "test",        "nobody",    "centos",        "debian",
      "fedora",   "opc",       "azureuser",   "vscode",    "codespace",     "gitpod",
      "appveyor", "me",        "you",         "yourname",  "your_username", "yourusername",
      "name",     "example",   "someone",     "foo",       "bar",           "alice",
      "bob",      "developer", "dev",         "linuxbrew", "postgres",      "mysql",
      "oracle",   "steam",     "library",     "tmp",       "work",          "project",
      "projects"};
  const std::string_view name = text.substr(end, e - end);
  if (IsOneOfIgnoringAsciiCase(name, kGeneric)) return;
  // A name without a letter is a uid, not a person's.
  if (std::none_of(name.begin(), name.end(), [](char c) { return IsAlpha(c); })) return;
  AddCandidate(out, end, e, kPerson, 0.8f, "home_directory");
}

// After a context keyword (passport, licence, account, SSN): the identifier that follows.
void ScanContextId(std::string_view text, size_t end, PiiType type, Candidates& out) {
  size_t i = end;
  // A question and its answer on the next line of a transcript take a few more bytes ("can I
  // have your account number?\nCustomer: sure, it's 00123456789").
  const size_t limit = std::min(text.size(), end + 64);
  bool asked = false;  // past a question mark
  // Skip separators and filler words.
  while (i < limit) {
    unsigned char c = text[i];
    if (c == ' ' || c == ':' || c == '#' || c == '=' || c == '.' || c == '-' || c == '"' ||
        c == '\'' || c == '(' || c == ')' || c == '\t' || (asked && (c == ',' || c == '\n'))) {
      ++i;
      continue;
    }
    if (c == '?' && !asked) {
      asked = true;
      ++i;
      continue;
    }
    // After the question, the answering speaker's label at the line's start ("Customer:").
    if (asked && i > 0 && text[i - 1] == '\n' && IsAlpha(c)) {
      size_t w = i;
      while (w < limit && (IsAlpha(text[w]) || text[w] == ' ') && w - i < 24) ++w;
      if (w < limit && text[w] == ':') {
        i = w + 1;
        continue;
      }
    }
    if (IsLower(c) || c == 'N' || c == 'I' || (asked && IsAlpha(c))) {
      size_t w = i;
      while (w < limit && IsAlpha(text[w])) ++w;
      std::string word;
      for (size_t k = i; k < w; ++k) word.push_back(AsciiLower(text[k]));
      if (word == "number" || word == "no" || word == "num" || word == "nr" || word == "is" ||
          word == "id" || word == "of" || word == "was" || word == "on" || word == "file" ||
          word == "ending" || word == "in" || word == "s" || word == "t") {
        i = w;
        continue;
      }
      // An answer's first words: "sure, it's", "yes, my number is", "ok it is".
      if (asked && (word == "sure" || word == "yes" || word == "yeah" || word == "ok" ||
                    word == "okay" || word == "it" || word == "its" || word == "that" ||
                    word == "my" || word == "here" || word == "the")) {
        i = w;
        continue;
      }
    }
    break;
  }
  if (i >= limit) return;
  size_t s = i;
  size_t e = s;
  int letters = 0, digits = 0, dashes = 0;
  while (e < text.size() && e - s < 24) {
    unsigned char c = text[e];
    if (IsDigit(c))
      ++digits;
    else if (IsUpper(c))
      ++letters;
    else if ((c == '-' || c == ' ') && e + 1 < text.size() && IsDigit(text[e + 1]) &&
             type != kPassport)
      ++dashes;
    else
      break;
    ++e;
  }
  if (e < text.size() && (IsAlnum(text[e]) || text[e] == '_')) return;
  std::string_view tok = text.substr(s, e - s);
  std::string digits_only = DigitsOnly(tok);
  switch (type) {
    case kPassport:
      if ((letters == 0 && digits == 9) || (letters == 1 && IsUpper(tok[0]) && digits == 8)) {
        AddCandidate(out, s, e, kPassport, 0.88f, "passport_context");
      } else if (letters <= 3 && digits >= 5 && letters + digits >= 6 && letters + digits <= 9) {
        // Another country's passport (ICAO documents: up to nine capitals and digits): "FJ123456"
        // (Ukraine), "J8369854" (India), "C01X00T47" (Germany), "12AB34567" (France).
        AddCandidate(out, s, e, kPassportOther, 0.85f, "passport_context");
      }
      break;
    case kDriverLicense:
      // The states' layouts: letters first ("D1234567", "AB123456"), last ("12345678A",
      // "123456789AB"), or inside ("12ABC34567", "123AB4567").
      if (letters <= 3 && digits >= 4 && letters + digits >= 6 && digits <= 18 && dashes <= 3)
        AddCandidate(out, s, e, kDriverLicense, 0.85f, "driver_license_context");
      break;
    case kBankNumber:
      if (letters == 0 && digits >= 6 && digits <= 17 && dashes <= 2)
        AddCandidate(out, s, e, kBankNumber, 0.85f, "bank_account_context");
      break;
    case kSsn:
      if (letters == 0 && digits == 9 && SsnValid(digits_only))
        AddCandidate(out, s, e, kSsn, 0.95f, "ssn_context");
      break;
    case kMedicalRecord:
      // Hospitals' own layouts: 5-12 digits, up to three letters ("00473921", "MR-0047392",
      // "A1234567"), up to two dashes or spaces between digit groups.
      if (letters <= 3 && digits >= 5 && digits <= 12 && dashes <= 2)
        AddCandidate(out, s, e, kMedicalRecord, 0.85f, "medical_record_context");
      break;
    default:
      break;
  }
}

int MonthNumber(std::string_view w) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (AsciiLower(w[0]) == kMonths[m][0] && AsciiLower(w[1]) == kMonths[m][1] &&
        AsciiLower(w[2]) == kMonths[m][2])
      return m + 1;
  }
  return 0;
}

// The month of a Spanish, French, German or Italian month's name, any case ("marzo", "März",
// "février"), or 0. (German's "April", "August", "September", ... are English's too.)
int ForeignMonthNumber(std::string_view w) {
  static constexpr std::pair<std::string_view, int> kNames[] = {
      {"enero", 1},     {"febrero", 2},    {"marzo", 3},      {"abril", 4},      {"mayo", 5},
      {"junio", 6},     {"julio", 7},      {"agosto", 8},     {"septiembre", 9}, {"setiembre", 9},
      {"octubre", 10},  {"noviembre", 11}, {"diciembre", 12}, {"janvier", 1},    {"février", 2},
      {"fevrier", 2},   {"mars", 3},       {"avril", 4},      {"mai", 5},        {"juin", 6},
      {"juillet", 7},   {"août", 8},       {"aout", 8},       {"septembre", 9},  {"octobre", 10},
      {"novembre", 11}, {"décembre", 12},  {"decembre", 12},  {"januar", 1},     {"februar", 2},
      {"märz", 3},      {"maerz", 3},      {"juni", 6},       {"juli", 7},       {"oktober", 10},
      {"dezember", 12}, {"gennaio", 1},    {"febbraio", 2},   {"aprile", 4},     {"maggio", 5},
      {"giugno", 6},    {"luglio", 7},     {"settembre", 9},  {"ottobre", 10},   {"dicembre", 12}};
  if (w.size() < 3 || w.size() > 11) return 0;
  for (const auto& [name, month] : kNames)
    if (name.size() == w.size() && EqualsIgnoringAsciiCase(w, name)) return month;
  return 0;
}

// "March 5, 1984", "5 March 1984", "Mar. 5th 1984": month-name dates, reported only with a
// date-of-birth context.
void ScanMonthDate(std::string_view text, size_t end, Candidates& out) {
  // The trigger ends right after "Month " + first digit, or after "D Month".
  size_t m = end;
  while (m > 0 && end - m < 24 &&
         (IsAlpha(text[m - 1]) || text[m - 1] == '.' || text[m - 1] == ' ' || text[m - 1] == '-' ||
          IsDigit(text[m - 1]) || static_cast<unsigned char>(text[m - 1]) >= 0x80))
    --m;
  // Find the first word start at or after m that is a month.
  size_t start = std::string_view::npos, stop = 0;
  for (size_t p = m; p < end; ++p) {
    if (p > 0 && IsAlnum(text[p - 1])) continue;
    size_t q = p;
    int day = 0, year = 0, month = 0;
    auto read_num = [&](int& v, int maxlen) {
      size_t k = q;
      v = 0;
      while (k < text.size() && IsDigit(text[k]) && k - q < static_cast<size_t>(maxlen))
        v = v * 10 + (text[k++] - '0');
      if (k == q || (k < text.size() && IsDigit(text[k]))) return false;
      q = k;
      if (q + 1 < text.size() && IsLower(text[q]) && IsLower(text[q + 1])) q += 2;  // 5th
      return true;
    };
    auto read_month = [&]() {
      size_t k = q;
      while (k < text.size() && (IsAlpha(text[k]) || static_cast<unsigned char>(text[k]) >= 0x80) &&
             k - q < 12)
        ++k;
      if (k == q) return false;  // no word (at the text's end: found by pii_detector_fuzz)
      const std::string_view word = text.substr(q, k - q);
      // English month names capitalised ("March", "Mar."); other languages' in any case ("3 de
      // marzo de 1985", "3 mars 1985", "3. März 1985").
      month = IsUpper(text[q]) ? MonthNumber(word) : 0;
      if (!month) month = ForeignMonthNumber(word);
      if (!month) return false;
      q = k;
      if (q < text.size() && text[q] == '.') ++q;
      return true;
    };
    // Spaces, commas, and the dashes of "03-Mar-1985".
    auto skip = [&]() {
      while (q < text.size() && (text[q] == ' ' || text[q] == ',' || text[q] == '-')) ++q;
    };
    if (IsDigit(text[p])) {
      if (!read_num(day, 2)) continue;
      if (q < text.size() && text[q] == '.') ++q;  // "3. März 1985"
      skip();
      // "the 3rd of March 1985", "3 de marzo de 1985".
      if (text.compare(q, 3, "of ") == 0 || text.compare(q, 3, "de ") == 0) q += 3;
      if (!read_month()) continue;
      skip();
      if (text.compare(q, 3, "de ") == 0) q += 3;
      if (!read_num(year, 4)) continue;
    } else {
      if (!read_month()) continue;
      skip();
      if (!read_num(day, 2)) continue;
      skip();
      if (!read_num(year, 4)) continue;
    }
    if (day < 1 || day > 31 || year < 1900 || year > 2030) continue;
    start = p;
    stop = q;
    break;
  }
  if (start == std::string_view::npos) return;
  if (!DobContext(text, start, stop)) return;
  AddCandidate(out, start, stop, kDob, 0.85f, "date_of_birth_context");
}

// "Calle 72 # 10-07", "Cra. 15 # 88-64", "Carrera 7 No. 71-21": Colombia's street, the cross
// street's number and the distance from it; `end` is past the match of the trigger, which
// starts with the street's type within 40 bytes back. With the district and town after it
// ("..., Chapinero, Bogotá").
void ScanColombianStreet(std::string_view text, size_t end, Candidates& out) {
  static constexpr std::string_view kTypes[] = {"Calle ", "Carrera ",  "Cra. ", "Cra ",
                                                "Cl. ",   "Avenida ",  "Av. ",  "Transversal ",
                                                "Tv. ",   "Diagonal ", "Dg. "};
  size_t s = std::string_view::npos;
  for (size_t b = end > 40 ? end - 40 : 0; b < end && s == std::string_view::npos; ++b) {
    if (b > 0 && IsAlnum(text[b - 1])) continue;
    for (std::string_view type : kTypes)
      if (text.compare(b, type.size(), type) == 0 && b + type.size() < end &&
          IsDigit(text[b + type.size()])) {
        s = b;
        break;
      }
  }
  if (s == std::string_view::npos) return;
  size_t e = end;
  while (e < text.size() && IsDigit(text[e]) && e - end < 2) ++e;  // the rest of the distance
  if (e < text.size() && IsUpper(text[e]) && !(e + 1 < text.size() && IsAlpha(text[e + 1]))) ++e;
  if (e < text.size() && IsAlnum(text[e])) return;
  // The building's parts after it: ", Torre B, Piso 5, Apto 502".
  static constexpr std::string_view kParts[] = {
      ", Torre ", ", Piso ",  ", Apto ",     ", Apto. ", ", Apartamento ", ", Oficina ",
      ", Of. ",   ", Local ", ", Interior ", ", Int. ",  ", Bloque ",      ", Casa "};
  for (bool more = true; more;) {
    more = false;
    for (std::string_view part : kParts) {
      if (text.compare(e, part.size(), part) != 0) continue;
      size_t v = e + part.size();
      while (v < text.size() && IsAlnum(text[v]) && v - e - part.size() < 6) ++v;
      if (v == e + part.size() || (v < text.size() && IsAlnum(text[v]))) continue;
      e = v;
      more = true;
      break;
    }
  }
  const size_t tail = AddressTail(text, e);
  AddCandidate(out, s, tail > e ? tail : TownsAfterComma(text, e), kStreet, 0.8f,
               "street_address_eu");
}

// Where a German street's name starts when its type is a word of its own ("Kärntner Ring",
// "Mariahilfer Straße", "Frankfurter Allee", "Am Ring", "Unter den Linden"): back from the
// type's start `s` over up to three words, each an adjective of a place ("Kärntner",
// "Berliner": capitalised, ending in "er"), a capitalised word that opens such names ("Am",
// "Alte", "Große") or an article after one ("den", "der"); `s` when none is there.
size_t GermanStreetNameStart(std::string_view text, size_t s) {
  static constexpr std::string_view kOpeners[] = {
      "Am",    "An",     "Auf",    "Im",      "Unter", "Alte",  "Alter",  "Neue",  "Neuer",
      "Große", "Großer", "Kleine", "Kleiner", "Hohe",  "Lange", "Breite", "Obere", "Untere"};
  static constexpr std::string_view kArticles[] = {"den", "der", "dem"};
  size_t start = s;
  size_t at = s;
  for (int words = 0; words < 3 && at >= 2 && text[at - 1] == ' '; ++words) {
    size_t b = at - 1;
    while (b > 0 && (IsAlpha(text[b - 1]) || static_cast<unsigned char>(text[b - 1]) >= 0x80)) --b;
    if (b == at - 1) break;
    const std::string_view w = text.substr(b, at - 1 - b);
    // (Not a given name ending so: "Peter Ring 5 times".)
    const bool adjective =
        w.size() >= 5 && IsUpper(w[0]) && w.ends_with("er") && !(NameFlags(w) & kFirstName);
    if (adjective || IsOneOf(w, kOpeners)) {
      start = b;
    } else if (!IsOneOf(w, kArticles)) {
      break;
    }
    at = b;
  }
  return start;
}

// A street whose type comes first written with its number before it, as English text writes
// the streets of those languages ("14 Via Roma, Torino", "25 Calle Mayor, Madrid", "7 Via
// Garibaldi, 10122 Torino"): `type_start` is the type word's first byte and `name_start` the
// name's, after "<Type> ". From the number (one to four digits, a space before the type) over
// the name's capitalised words (particles between: "Via della Spiga") to a comma, then a town
// or a postcode and town after it; nothing without them ("the 2 Via campaign").
void ScanNumberBeforeType(std::string_view text, size_t type_start, size_t name_start,
                          Candidates& out) {
  if (type_start < 2 || text[type_start - 1] != ' ' || !IsDigit(text[type_start - 2])) return;
  size_t d = type_start - 1;
  while (d > 0 && IsDigit(text[d - 1]) && type_start - 1 - d < 4) --d;
  if (type_start - 1 - d > 4 || (d > 0 && IsAlnum(text[d - 1]))) return;
  size_t name_end = name_start;
  for (int words = 0; words < 5; ++words) {
    size_t w = name_end;
    while (w < text.size() &&
           (IsAlpha(text[w]) || static_cast<unsigned char>(text[w]) >= 0x80 || text[w] == '\''))
      ++w;
    if (w == name_end) break;
    name_end = w;
    if (name_end + 1 >= text.size() || text[name_end] != ' ' || !IsAlpha(text[name_end + 1])) break;
    ++name_end;
  }
  while (name_end > name_start && text[name_end - 1] == ' ') --name_end;
  if (name_end == name_start || name_end >= text.size() || text[name_end] != ',' ||
      !IsUpper(text[name_start]))
    return;
  size_t tail = AddressTail(text, name_end);
  if (tail == name_end) tail = TownsAfterComma(text, name_end);
  if (tail == name_end) return;
  AddCandidate(out, d, tail, kStreet, 0.8f, "street_address_eu");
}

// "Hauptstraße 12", "Keizersgracht 123" (arg 0), "Via Roma 10", "Calle Mayor 5" (arg 1), Colombia's
// grid (arg 2) and "Karl Johans gate 22" (arg 3).
void ScanEuStreet(std::string_view text, size_t end, uint16_t arg, Candidates& out) {
  size_t s, e;
  if (arg == 2) {
    ScanColombianStreet(text, end, out);
    return;
  }
  if (arg == 3) {
    // end is after "s <type> <digit>": a Norwegian, Danish or Swedish street named in the
    // genitive with its type written apart ("Karl Johans gate 22", "Ingelbrecht Knudssøns gate
    // 222", "Drottning Kristinas väg 5"): one to three capitalised words, the last the genitive.
    size_t w = end - 1;                       // the digit
    size_t t = w - 1;                         // the space before it
    while (t > 0 && text[t - 1] != ' ') --t;  // the type's start
    if (t < 3 || text[t - 2] != 's') return;
    s = t - 1;
    for (int words = 0; words < 3; ++words) {
      size_t b = s;
      while (b > 0 && (IsAlpha(text[b - 1]) || static_cast<unsigned char>(text[b - 1]) >= 0x80 ||
                       text[b - 1] == '-'))
        --b;
      if (b == s || !IsUpper(text[b])) break;
      s = b;
      if (s < 2 || text[s - 1] != ' ') break;
      --s;
    }
    if (s < t && text[s] == ' ') ++s;
    if (text.compare(s, 4, "The ") == 0) s += 4;  // an article is no part of the name
    if (s + 1 >= t || !IsUpper(text[s])) return;
    e = w;
  } else if (arg == 0) {
    // end is after "<suffix> <digit>".
    size_t w = end - 1;  // the digit
    if (w < 2 || text[w - 1] != ' ') return;
    s = w - 1;
    if (text[s - 1] == '.') --s;  // "Schlosserstr. 6"
    while (s > 0 && w - s < 48 &&
           (IsAlpha(text[s - 1]) || static_cast<unsigned char>(text[s - 1]) >= 0x80 ||
            text[s - 1] == '-'))
      --s;
    if (!IsUpper(text[s])) return;
    s = GermanStreetNameStart(text, s);
    e = w;
  } else {
    // end is after "<Prefix> "; the prefix word starts a few bytes back ("Urbanización"), or
    // is an abbreviation with its full stop (the Polish "ul. ").
    s = end - 1;
    if (s > 0 && (text[s - 1] == '.' || text[s - 1] == '/')) --s;  // "ul. ", Spain's "C/ "
    while (s > 0 && (IsAlpha(text[s - 1]) || static_cast<unsigned char>(text[s - 1]) >= 0x80)) --s;
    if (s > 0 && IsAlnum(text[s - 1])) return;
    size_t i = end;
    int words = 0;
    bool cap = false;
    while (i < text.size() && words < 5) {
      size_t w = i;
      while (w < text.size() &&
             (IsAlpha(text[w]) || static_cast<unsigned char>(text[w]) >= 0x80 || text[w] == '\''))
        ++w;
      if (w == i) break;
      cap |= IsUpper(text[i]);
      ++words;
      const std::string_view word = text.substr(i, w - i);
      i = w;
      // "Jalan Sudirman No. 5", "Bağdat Caddesi No:45": the number's own word.
      if ((word == "No" || word == "Nr" || word == "Nro") && i < text.size() &&
          (text[i] == '.' || text[i] == ':'))
        ++i;
      if (i < text.size() && text[i] == ',') ++i;
      if (i < text.size() && text[i] == ' ') ++i;
      if (i < text.size() && IsDigit(text[i])) break;
    }
    // No number after the name, or a postcode after its comma ("7 Via Garibaldi, 10122
    // Torino"): the number may come before the type.
    size_t digits = i;
    while (digits < text.size() && IsDigit(text[digits])) ++digits;
    if (cap && (i >= text.size() || !IsDigit(text[i]) || (digits - i >= 5 && text[i - 2] == ','))) {
      ScanNumberBeforeType(text, s, end, out);
      return;
    }
    if (!cap || i >= text.size() || !IsDigit(text[i])) return;
    e = i;
  }
  size_t k = e;
  while (k < text.size() && IsDigit(text[k]) && k - e < 4) ++k;
  if (k == e) return;
  // "Spring 2007", "Markt 1999": a year, not a house number.
  if (k - e == 4 && (text.compare(e, 2, "19") == 0 || text.compare(e, 2, "20") == 0)) return;
  if (k < text.size() && IsLower(text[k]) && !(k + 1 < text.size() && IsAlpha(text[k + 1]))) ++k;
  // "Oudegracht 231-bis", "Via Roma 10 bis", "Keizersgracht 123-A": the repeat of the number.
  if (k + 4 <= text.size() && (text[k] == '-' || text[k] == ' ') &&
      (text.compare(k + 1, 3, "bis") == 0 || text.compare(k + 1, 3, "ter") == 0) &&
      (k + 4 == text.size() || !IsAlnum(text[k + 4])))
    k += 4;
  else if (k + 2 <= text.size() && text[k] == '-' && IsUpper(text[k + 1]) &&
           (k + 2 == text.size() || !IsAlnum(text[k + 2])))
    k += 2;
  else if (k + 2 <= text.size() && text[k] == '-' && IsDigit(text[k + 1])) {
    // A range of house numbers ("Kärntner Ring 5-7").
    size_t r = k + 1;
    while (r < text.size() && IsDigit(text[r]) && r - k <= 4) ++r;
    if (r - k <= 4 && (r == text.size() || !IsAlnum(text[r]))) k = r;
  }
  // "Platz 5/9": a German house number with its flat or building number; "Marszałkowska 84/92",
  // "náměstí 846/1": the Polish and Czech building and house numbers (not a date: no second
  // slash).
  if (k + 1 < text.size() && text[k] == '/' && IsDigit(text[k + 1])) {
    size_t j = k + 1;
    while (j < text.size() && IsDigit(text[j]) && j - k <= 3) ++j;
    if (j - k <= 3 && !(j < text.size() && (text[j] == '/' || IsDigit(text[j])))) k = j;
  } else if (k + 1 < text.size() && text[k] == '/' && IsAlpha(text[k + 1]) &&
             (k + 2 == text.size() || !IsAlnum(text[k + 2]))) {
    k += 2;  // "Via Garibaldi 12/B": the staircase or building letter
  }
  // "Marszałkowska 84/92 m. 15", "Piotrkowska 104 lok. 3": a Polish flat's or premises' number.
  for (std::string_view flat : {std::string_view(" m. "), std::string_view(" lok. ")}) {
    if (text.compare(k, flat.size(), flat) != 0) continue;
    size_t f = k + flat.size();
    while (f < text.size() && IsDigit(text[f]) && f - k - flat.size() < 4) ++f;
    if (f > k + flat.size() && (f == text.size() || !IsAlnum(text[f]))) k = f;
    break;
  }
  // "Hämeenkatu 7 B 9", "Storgata 12 A": a Nordic staircase's letter and the flat's number.
  if (k + 2 < text.size() && text[k] == ' ' && IsUpper(text[k + 1]) &&
      (k + 2 == text.size() || !IsAlnum(text[k + 2]))) {
    size_t f = k + 2;
    if (f + 1 < text.size() && text[f] == ' ' && IsDigit(text[f + 1])) {
      size_t g = f + 1;
      while (g < text.size() && IsDigit(text[g]) && g - f <= 3) ++g;
      if (g == text.size() || !IsAlnum(text[g])) f = g;
    }
    // (The letter alone only where the part ends: "17 I think" is a sentence's "I".)
    if (f > k + 2 || f == text.size() || text[f] == ',' || text[f] == '\n' || text[f] == '\r')
      k = f;
  }
  if (k < text.size() &&
      (IsAlnum(text[k]) || (text[k] == '.' && k + 1 < text.size() && IsDigit(text[k + 1]))))
    return;
  AddCandidate(out, s, AddressTail(text, k), kStreet, 0.8f, "street_address_eu");
}

std::vector<TriggerPattern> BuildPatterns() {
  std::vector<TriggerPattern> p;
  static std::vector<std::string> storage;  // built once under the static below
  size_t vendor_count = 0;
  const VendorToken* vendors = VendorTokens(&vendor_count);
  storage.reserve(vendor_count);
  for (size_t i = 0; i < vendor_count; ++i) storage.push_back(EscapeLiteral(vendors[i].prefix));
  for (size_t i = 0; i < vendor_count; ++i)
    p.push_back({storage[i].c_str(), 0, kTrigVendor, static_cast<uint16_t>(i)});
  p.push_back({"eyJ[A-Za-z0-9_\\-]{8}", 0, kTrigJwt, 0});
  p.push_back({"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----", 0, kTrigPem, 0});
  p.push_back({"\\bbearer[ \\t]+", HS_FLAG_CASELESS, kTrigBearer, 0});
  p.push_back({"authorization[\"']?[ \\t]*[:=][ \\t]*[\"']?basic[ \\t]+", HS_FLAG_CASELESS,
               kTrigBasicAuth, 0});
  p.push_back({"[A-Za-z]://", 0, kTrigUrlCred, 0});
  for (const char* kw : {"password", "passwd", "passwort", "pwd", "passphrase", "_pass", "secret",
                         "token", "key", "credential", "auth", "session", "cookie", "\\bpw\\b"}) {
    p.push_back({kw, HS_FLAG_CASELESS, kTrigSecretKw, 0});
  }
  p.push_back(
      {"\\b(mysql|mysqldump|mysqladmin|mariadb|sshpass)[^\\n]{0,120} -p", 0, kTrigCliPassword, 0});
  // curl's -u / --user: the option is the trigger (a literal, cheap to find); the scanner looks
  // back for the curl command (a bounded repeat here costs start-up and scan time).
  p.push_back({"[ \\t](-u|--user)", 0, kTrigCliPassword, 1});
  p.push_back({"[A-Z]{2}[0-9]{2}", 0, kTrigIban, 0});
  p.push_back({"[0-9A-Fa-f]{2}[:\\-][0-9A-Fa-f]{2}[:\\-][0-9A-Fa-f]{2}[:\\-][0-9A-Fa-f]{2}", 0,
               kTrigMac, 0});
  p.push_back({"[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}", 0, kTrigMac, 0});
  p.push_back({"[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{0,4}:", 0, kTrigIpv6, 0});
  // "::ffff:81.2.69.160": an IPv4-mapped address has no hex group before its first colon.
  p.push_back({"::[0-9A-Fa-f]{1,4}:[0-9]", 0, kTrigIpv6, 0});
  p.push_back({"(bc|tb)1[02-9ac-hj-np-z]{6}", 0, kTrigBech32, 0});
  p.push_back({"[13][1-9A-HJ-NP-Za-km-z]{25}", 0, kTrigBase58, 0});
  p.push_back({"0x[0-9a-fA-F]{40}", 0, kTrigEth, 0});
  p.push_back({"passport", HS_FLAG_CASELESS, kTrigContext, kPassport});
  p.push_back({"(driver'?s?|driving) licen[cs]e|\\bDL ?(#|no)|licen[cs]e (no|num|#)",
               HS_FLAG_CASELESS, kTrigContext, kDriverLicense});
  // "DL: F1234567", "my DL is F1234567": in capitals only ("dl:" is a download link's label).
  p.push_back({"\\bDL(:| is )", 0, kTrigContext, kDriverLicense});
  // A state's code with the licence: "license TX 31847562", "TX DL 31847562" (claims, police
  // reports; session forty-nine). The code in capitals.
  p.push_back({"[Ll]icen[cs]e [A-Z]{2} |\\b[A-Z]{2} DL ", 0, kTrigContext, kDriverLicense});
  p.push_back({"(account|acct|a/c) ?(number|no|num|#)|\\bacct\\b|bank account|routing (number|no)",
               HS_FLAG_CASELESS, kTrigContext, kBankNumber});
  p.push_back({"\\bssn\\b|social security( number| no)?", HS_FLAG_CASELESS, kTrigContext, kSsn});
  // "MRN: 00473921", "Medical Record Number 1234567", "Patient ID: A1234567", "Hospital No.".
  p.push_back(
      {"\\bMRN\\b|medical record (number|no|#)|\\bMR#|patient (id|number|no\\b|#)|"
       "hospital (number|no\\b|#)|chart (number|no\\b|#)",
       HS_FLAG_CASELESS, kTrigContext, kMedicalRecord});
  p.push_back({"\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.? [0-9]", 0,
               kTrigMonthDate, 0});
  p.push_back({"[0-9][ -](Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", 0, kTrigMonthDate, 0});
  // Other languages' month names after a day ("3 de marzo de 1985", "3 mars", "3. März"), as
  // they are written: lower case in Spanish, French and Italian, capitalised in German (a
  // case-sensitive set: caseless, it cost Hyperscan twice as much).
  p.push_back(
      {"[0-9]\\.? (de )?(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
       "setiembre|octubre|noviembre|diciembre|janvier|f\xC3\xA9vrier|fevrier|mars|avril|"
       "mai|juin|juillet|ao\xC3\xBBt|aout|septembre|octobre|novembre|d\xC3\xA9"
       "cembre|"
       "decembre|Januar|Februar|M\xC3\xA4rz|Maerz|Juni|Juli|Oktober|Dezember|gennaio|"
       "febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\\b",
       0, kTrigMonthDate, 0});
  p.push_back(
      {"(stra\xc3\x9f"
       "e|strasse|weg|gasse|[Gg]asse|platz|[Pp]latz|allee|[Aa]llee|straat|laan|gracht|vej|gatan|"
       "gade|dreef|boulevard|singel|plein|kade|dijk|steeg|markt|damm|ufer|Ring|hof|baan|"
       "pad|Weg|Stra\xc3\x9f"
       "e|str\\.) [0-9]",
       0, kTrigEuStreet, 0});
  p.push_back(
      {"\\b(p\\.? ?o\\.? ?box|post office box|postfach|apartado|casilla|pmb|locked "
       "bag|gpo box)[ #.]{0,3}[0-9]",
       HS_FLAG_CASELESS, kTrigPoBox, 0});
  // Canada Post's box without "PO" ("Box 1034, Station Main, Whitehorse, YT Y1A 5H2").
  p.push_back({"\\b(Box|BOX) [0-9]", 0, kTrigPoBox, 0});
  p.push_back({"\\b[AFD]PO (AA|AE|AP) [0-9]", 0, kTrigMilitary, 0});
  p.push_back({"\\b(zip( ?code)?|postal code|post ?code|plz|postleitzahl|code postal)\\b",
               HS_FLAG_CASELESS, kTrigPostcode, 0});
  // A form's or a record's address field: "Address:", "Home address =", "\"address\": ".
  p.push_back(
      {"\\b((([Hh]ome|[Ss]treet|[Mm]ailing|[Pp]ostal|[Rr]esidential|[Bb]illing|"
       "[Ss]hipping|[Dd]elivery|HOME|MAILING|POSTAL) )?([Aa]ddress|ADDRESS)|Anschrift|"
       "Adresse|Direcci(o|\xC3\xB3)n|Indirizzo|Endere(c|\xC3\xA7)o|([Ss]hip|SHIP|[Bb]ill|BILL|"
       "[Dd]eliver|DELIVER) ?(to|TO)|"
       // Other European languages' labels: Dutch, Polish and Turkish "Adres", Czech, Slovak,
       // Romanian and Croatian "Adresa", Swedish "Adress", Estonian "Aadress", Latvian "Adrese",
       // Lithuanian "Adresas", Finnish "Osoite", Portuguese "Morada", Hungarian "Cím", Catalan
       // "Direcció", Slovenian "Naslov".
       "Adres|Adresa|Adress|Aadress|Adrese|Adresas|Osoite|Morada|C\xC3\xADm|"
       "Direcci\xC3\xB3|Naslov|"
       // A firm's registered office: Czech and Slovak "Sídlo", Polish "Siedziba", German
       // "Sitz", Italian, Spanish and Portuguese "Sede", French "Siège", Dutch "Zetel".
       "S\xC3\xAD"
       "dlo|Siedziba|Sitz|Sede|Si\xC3\xA8ge|Zetel|[Rr]egistered [Oo]ffice|"
       "[Rr]egistered [Aa]ddress)\"?[ \t]{0,3}[:=]",
       0, kTrigAddressLabel, 0});
  // Greek and Cyrillic "address" labels ("Διεύθυνση:", "Адрес:"): no \b before a non-ASCII
  // letter.
  p.push_back(
      {"(\xCE\x94\xCE\xB9\xCE\xB5\xCF\x8D\xCE\xB8\xCF\x85\xCE\xBD\xCF\x83\xCE\xB7|"
       "\xD0\x90\xD0\xB4\xD1\x80\xD0\xB5\xD1\x81)[ \t]{0,3}:",
       0, kTrigAddressLabel, 0});
  // An address said in a sentence: "my address is 22 ...", "I live at 1420 ..." (any case).
  p.push_back({"\\b(address is|i live at|we live at|she lives at|he lives at|they live at) [0-9]",
               HS_FLAG_CASELESS, kTrigAddressLabel, 2});
  // The answer to a question about the address in a transcript ("can i get the first line of
  // the address\ncaller: 14 mulberry close sheffield s10 2tn").
  p.push_back({"address[?.]?[ \t]*\r?\n[a-z][a-z _-]{0,23}:[ \t]*[0-9]", HS_FLAG_CASELESS,
               kTrigAddressLabel, 2});
  // A number read out in words: four digit words in a row ("five five five two").
  p.push_back(
      {"\\b(zero|oh|one|two|three|four|five|six|seven|eight|nine|niner)"
       "([ ,-]{1,2}(double |triple )?(zero|oh|one|two|three|four|five|six|seven|eight|"
       "nine|niner)){3}\\b",
       HS_FLAG_CASELESS, kTrigSpokenDigits, 0});
  // A home directory in a path, a stack trace or a shell prompt: its user's name follows.
  p.push_back({"/(home|Users)/|\\\\Users\\\\", 0, kTrigHomeDirectory, 0});
  p.push_back({"\\binsert into ", HS_FLAG_CASELESS, kTrigSqlInsert, 0});
  p.push_back({"(password|publickey) for |nvalid user |for user ", 0, kTrigLogAccount, 0});
  // E-mail addresses written to escape harvesters: a bracketed "at", a dot marker between
  // letters ("gmail dot com", "gmail [dot] com").
  p.push_back({"[\\[({] ?at ?[\\])}]", HS_FLAG_CASELESS, kTrigObfuscatedEmail, 0});
  p.push_back({"[A-Za-z0-9] (dot|DOT) [A-Za-z]", 0, kTrigObfuscatedEmail, 1});
  p.push_back({"[\\[({] ?dot ?[\\])}]", HS_FLAG_CASELESS, kTrigObfuscatedEmail, 1});
  // A code comment's owner ("TODO(mkowalczyk): ...", "FIXME(jdoe)").
  p.push_back({"\\b(TODO|FIXME|XXX|HACK)\\(", 0, kTrigLogAccount, 1});
  // An account named after a ticket's or a form's label ("owner: m.oconnor", "Username: jdoe42").
  p.push_back(
      {"\\b(user ?name|owner|assignee|assigned to|reporter|reported by|login|author|"
       "submitted by|requester|maintainer): ?[a-z]",
       HS_FLAG_CASELESS, kTrigLogAccount, 2});
  // An account on a messenger or a social network named in prose or a profile ("My WeChat is
  // xuming_1998", "Skype: j.okafor", "snap: kayla_x").
  p.push_back(
      {"\\b(wechat|skype|discord|telegram|snapchat|snap|kik|insta|instagram|tiktok|"
       "twitter|ig)( id| handle| username| name)?( is|:) ?[a-z]",
       HS_FLAG_CASELESS, kTrigLogAccount, 2});
  // ... and written right after the network's name, as profiles and posts do ("msg me on insta
  // dani.rae.29" kept the handle); the scanner takes only a word with a digit, '_' or '.'.
  p.push_back(
      {"\\b(snapchat|snap|insta|instagram|tiktok|ig) [a-z]", HS_FLAG_CASELESS, kTrigLogAccount, 2});
  // A quoted account in a log line ("User 'emma.lindqvist' logged in", "Failed login for
  // 'r.mukherjee' from ...").
  p.push_back(
      {"(user|login for|logon for|account) ['\"][a-z]", HS_FLAG_CASELESS, kTrigLogAccount, 3});
  // A Japanese address in Latin letters: the ward or city's suffix ("Minato-ku", "Nagoya-shi");
  // the scanner checks the comma, the block number and the district before it. (The suffix
  // alone: with ", " or a digit run in the pattern Hyperscan matched its start at every comma,
  // 0.6% of detect's instructions on prose.)
  p.push_back({"[a-z]-(ku|shi|machi|cho|gun)\\b", 0, kTrigJapaneseAddress, 0});
  // Norwegian, Danish and Swedish streets in the genitive, the type apart ("Karl Johans gate 22").
  p.push_back(
      {"[a-z\\x80-\\xff]s (gate|gata|gaten|vei|veien|veg|vegen|plass|gade|Gade|vej|Vej|"
       "Plads|gatan|torg|all\xc3\xa9|All\xc3\xa9|all\xc3\xa9"
       "en|v\xc3\xa4g|v\xc3\xa4"
       "gen) [0-9]",
       0, kTrigEuStreet, 3});
  // A vCard's address property ("ADR;TYPE=home:;;1 Main St;Springfield;IL;62704;USA").
  p.push_back({"\\bADR[;:]", 0, kTrigAddressLabel, 3});
  // A Japanese postcode after the postal mark "〒" (U+3012): the address written after it.
  p.push_back({"\xE3\x80\x92 ?[0-9]{3}-[0-9]{4}", 0, kTrigAddressLabel, 1});
  // Government ids with letters: the shape only; the scanner checks boundaries and checks.
  // (The digit-only ids are found by ScanDigitIds.)
  p.push_back(
      {"[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]", HS_FLAG_CASELESS, kTrigGovId, kUkNino});
  // Lower case as typed into forms, right after its cue: anchored on the cue's literal, since
  // a pattern of lower-case classes alone runs over all prose (+8% scan time), and
  // HS_FLAG_CASELESS on these classes costs ~100 M instructions of start-up.
  p.push_back({"[A-Z]{3}[ABCEFGHJLPT][A-Z][0-9]{4}[A-Z]", 0, kTrigGovId, kInPan});
  p.push_back(
      {"([Pp][Aa][Nn]|[Pp]ermanent [Aa]ccount [Nn]umber)[ :#.-]{1,3}(is |no\\.? ?)?"
       "[a-z]{3}[abcefghjlpt][a-z][0-9]{4}[a-z]",
       0, kTrigGovId, kInPan});
  p.push_back({"[0-9]{7}[ \\-]?[A-Z]", 0, kTrigGovId, kEsNif});
  p.push_back({"[XYZ][0-9]{7}[ \\-]?[A-Z]", 0, kTrigGovId, kEsNie});
  p.push_back({"[STFGM][0-9]{7}[A-Z]", 0, kTrigGovId, kSgNricFin});
  // Lower case right after its cue: "[stfgm][0-9]{7}[a-z]" alone cost ~7% of the scan of prose.
  p.push_back({"([Nn][Rr][Ii][Cc]|[Ff][Ii][Nn])[ :#.-]{1,3}(no\\.? ?|is )?[stfgm][0-9]{7}[a-z]", 0,
               kTrigGovId, kSgNricFin});
  p.push_back({"\\b(https?|ftp)://", HS_FLAG_CASELESS, kTrigUrl, 0});
  p.push_back({"\\bwww\\.", HS_FLAG_CASELESS, kTrigUrl, 1});
  // Host names without a scheme ("example.com/docs", "bbc.co.uk"): the generic TLDs prose and
  // the peer's recognizer write bare, and country domains under co / com / org / ac / gov.
  p.push_back(
      {"[A-Za-z0-9]\\.(com|org|net|edu|gov|(co|com|org|ac|gov)\\.[a-z]{2})", 0, kTrigUrl, 2});
  // Italian and Spanish street types before the name (the ones Italian and Spanish address
  // forms and generators use).
  static const std::string kEuStreetTypes = [] {
    std::string r = "\\b(";
    for (std::string_view w : StreetTypesBeforeName()) r.append(w).push_back('|');
    r.back() = ')';
    return r + " ";
  }();
  p.push_back({kEuStreetTypes.c_str(), 0, kTrigEuStreet, 1});
  // The same types as Italian, Spanish and Portuguese prose writes them, in lower case ("abita
  // in via Roma 12", "vive en calle Mayor 5"); "via" only after a preposition, as English has
  // the word too ("via Route 66").
  p.push_back({"\\b(viale|piazza|piazzale|corso|vicolo|calle|avenida|paseo|rua|carrer|avinguda) ",
               0, kTrigEuStreet, 1});
  p.push_back({"\\b(in|a|di|da|della) via ", 0, kTrigEuStreet, 1});
  // The Polish street abbreviation ("ul. Floriańska 3", "Ul. Marszałkowska 84" at a line's
  // start); not "al." (aleja), which is the "et al." of every citation.
  p.push_back({"\\b[Uu]l\\. ", 0, kTrigEuStreet, 1});
  // Spanish-speaking America's "Av." and Spain's "Avda." before the name ("Av. Insurgentes Sur
  // 1602", "Avda. de la Constitución 15").
  p.push_back({"\\bAv(da)?\\. ", 0, kTrigEuStreet, 1});
  // Spain's "C/" for "Calle" ("C/ Mayor 22, 3º Izq., 28013 Madrid").
  p.push_back({"\\bC/ ", 0, kTrigEuStreet, 1});
  // Colombia's grid ("Calle 72 # 10-07", "Cra. 15 No. 88-64"; ScanColombianStreet).
  p.push_back(
      {"\\b(Calle|Carrera|Cra\\.?|Cl\\.|Avenida|Av\\.|Transversal|Tv\\.|Diagonal|Dg\\.) "
       "[0-9]{1,3}[A-Z]? ?(#|No\\.?|N\xC2\xBA|N\xC2\xB0) ?[0-9]{1,3}[A-Z]? ?- ?[0-9]",
       0, kTrigEuStreet, 2});
  // Nordic and Finnish street words joined to the name ("Storgata 12", "Kungsvägen 5",
  // "Mannerheimintie 3", "Aleksanterinkatu 52").
  p.push_back({"[a-z](gata|veien|vegen|vei|v\xc3\xa4g|v\xc3\xa4gen|katu|tie|torget|plass) [0-9]", 0,
               kTrigEuStreet, 0});
  return p;
}

}  // namespace

namespace {

// Lower-cased text[begin - before, begin) followed by text[end, end + after), at most 256 bytes;
// `origin` maps an index of the window back to its byte in text.
struct KeywordWindow {
  char buf[256];
  size_t n = 0, before_size = 0, before_start = 0, after_start = 0;

  KeywordWindow(std::string_view text, size_t begin, size_t end, size_t before, size_t after) {
    before_start = begin > before ? begin - before : 0;
    for (size_t i = before_start; i < begin && n < sizeof(buf); ++i) buf[n++] = AsciiLower(text[i]);
    before_size = n;
    after_start = end;
    const size_t e = std::min(text.size(), end + after);
    for (size_t i = end; i < e && n < sizeof(buf); ++i) buf[n++] = AsciiLower(text[i]);
  }
  std::string_view view() const { return {buf, n}; }
  size_t origin(size_t i) const {
    return i < before_size ? before_start + i : after_start + (i - before_size);
  }
};

}  // namespace

bool NearKeyword(std::string_view text, size_t begin, size_t end, size_t before, size_t after,
                 std::initializer_list<std::string_view> keywords) {
  const KeywordWindow window(text, begin, end, before, after);
  for (std::string_view kw : keywords) {
    if (window.view().find(kw) != std::string_view::npos) return true;
  }
  return false;
}

bool NearWordKeyword(std::string_view text, size_t begin, size_t end, size_t before, size_t after,
                     std::initializer_list<std::string_view> keywords) {
  const KeywordWindow window(text, begin, end, before, after);
  const std::string_view w = window.view();
  for (std::string_view kw : keywords) {
    for (size_t i = w.find(kw); i != std::string_view::npos; i = w.find(kw, i + 1)) {
      const size_t at = window.origin(i);
      if (at == 0 || !IsAlpha(text[at - 1])) return true;
    }
  }
  return false;
}

namespace {

// Whether the full stop (or ? or !) at `mark` ends a sentence of prose: a word of three letters
// or more before it ("Wlodawa.", not "b.", "ur.", "St.", "U.K.") and a capital or a digit after
// the spaces, before `limit`.
bool EndsProseSentence(std::string_view text, size_t mark, size_t limit) {
  size_t next = mark + 1;
  while (next < limit && text[next] == ' ') ++next;
  if (next >= limit) return false;
  const auto c = static_cast<unsigned char>(text[next]);
  if (!(static_cast<unsigned>(c - 'A') < 26u || static_cast<unsigned>(c - '0') < 10u)) return false;
  if (text[mark] != '.') return true;
  size_t letters = 0;
  for (size_t k = mark; k > 0; --k) {
    const auto b = static_cast<unsigned char>(text[k - 1]);
    if (b == ' ' || b == '.' || b == '\n' || b == '(' || b == ',') break;
    if (IsAlpha(static_cast<char>(b)) || b >= 0x80) ++letters;
  }
  return letters >= 3;
}

}  // namespace

bool DobContext(std::string_view text, size_t s, size_t e) {
  // A date of death right after its cue is no date of birth, whatever birth cue stands before
  // it ("b. 14 Mar 1952, Ballyhaunis; d. 2 Nov 2001": the death was the date of birth;
  // "Date of birth: 01/02/1950\nDate of death: 03/04/2020"; session fifty-one).
  {
    static constexpr std::string_view kDeathCues[] = {
        "d. ", "died ", "died on ", "death: ", "death ", "\xE2\x80\xA0 ", "d: "};
    char buf[8];
    const size_t n = std::min<size_t>(s, sizeof(buf));
    for (size_t i = 0; i < n; ++i) buf[i] = AsciiLower(text[s - n + i]);
    const std::string_view before(buf, n);
    for (std::string_view cue : kDeathCues)
      if (before.ends_with(cue) && (cue.size() == s || !IsAlnum(text[s - cue.size() - 1])))
        return false;
  }
  // "I was born in North Kelly, Turks and Caicos Islands on 29.12.1982": the place may sit
  // between the cue and the date, so the window reaches 72 bytes back within the same line
  // (48 across lines and sentences: a form's "Date of birth:" must not claim the visit date
  // below it, nor "the France-born singer. The album was released on November 5, 2001" the
  // album's). A cue begins a word: "Message: 2" holds no "age:", "Feb." no "b.", "Adobe" no
  // "dob".
  size_t line = s;
  bool sentence_end = false;
  size_t sentence_start = 0;  // after the last full sentence before the date on its line
  while (line > 0 && s - line < 72 && text[line - 1] != '\n') {
    --line;
    const bool end_mark = line + 1 < s && text[line + 1] == ' ' &&
                          (text[line] == '.' || text[line] == '?' || text[line] == '!');
    sentence_end |= end_mark;
    if (end_mark && sentence_start == 0 && EndsProseSentence(text, line, s)) {
      sentence_start = line + 1;
    }
  }
  // A cue in a sentence of its own before the date's is no cue: "The applicant was born in 1928
  // and lives in Wlodawa. 8. On 28 June 2000 the court ..." (a form's label on the line above
  // still is: lines are not sentences here).
  const size_t before = sentence_start != 0 ? s - sentence_start
                        : sentence_end      ? 48
                                            : std::max<size_t>(48, s - line);
  return NearWordKeyword(text, s, e, before, 0,
                         {"born", "birth", "dob", "d.o.b", "b.", "geboren", "fecha de nac",
                          "date of b", "bday", "age:",
                          // Other languages' "date of birth" and "born" ("Geburtsdatum:",
                          // "né le", "data di nascita", "geboortedatum").
                          "geburt", "naissance", "né le", "née le", "nacimiento", "nacido",
                          "nacida", "nascita", "nato il", "nata il", "geboorte",
                          // Polish, Nordic, Finnish, Czech, Hungarian and Portuguese ones
                          // ("ur. 15.04.1962", "född 1985-06-14", "født 12. maj 1968").
                          "urodz", "ur.",
                          "f\xC3\xB6"
                          "dd",
                          "f\xC3\xB8"
                          "dt",
                          "f\xC3\xB8"
                          "dd",
                          "f\xC3\xB8"
                          "dsel",
                          "f\xC3\xB6"
                          "delse",
                          "syntym", "narozen",
                          "sz\xC3\xBC"
                          "let",
                          "nascimento", "nascido", "nascida"});
}

bool IsPlaceholderSecret(std::string_view v) {
  if (v.size() < 3) return true;
  const std::string l = AsciiLowered(v);
  static const char* const kExact[] = {
      "password",  "passwd",       "pass",         "secret",        "token",       "changeme",
      "change_me", "none",         "null",         "nil",           "undefined",   "true",
      "false",     "empty",        "string",       "your_password", "mypassword",  "api_key",
      "apikey",    "your_api_key", "your-api-key", "your_token",    "your_secret", "<password>",
      "<token>",   "<secret>",     "<api_key>",    "***",           "****",        "*****",
      "******",    "********",     "...",          "redacted",      "[redacted]",  "hidden",
      "removed",   "example",      "test",         "dummy",         "foo",         "bar",
      "foobar",    "placeholder",  "xxx",          "required",      "optional"};
  for (const char* e : kExact)
    if (l == e) return true;
  static const char* const kContains[] = {
      "your_",    "your-",      "yourapi",       "<",          ">",           "${",
      "{{",       "}}",         "process.env",   "os.environ", "getenv",      "env[",
      "env.",     "xxxx",       "****",          "example",    "placeholder", "redacted",
      "insert_",  "replace_",   "replace-me",    "enter_",     "dummy",       "secret_here",
      "key_here", "token_here", "password_here", "todo",       "fixme",       "...",
      "$(",       "%(",         "vault:"};
  for (const char* c : kContains)
    if (l.find(c) != std::string::npos) return true;
  if (l[0] == '$' || l[0] == '%') return true;
  // One repeated character ("aaaaaaa", "0000", "00000000-0000-0000-0000-000000000000").
  bool same = true;
  for (char c : l) same &= c == l[0] || c == '-' || c == '_' || c == '.' || c == ':';
  return same;
}

const std::vector<TriggerPattern>& TriggerPatterns() {
  static const std::vector<TriggerPattern>* patterns =
      new std::vector<TriggerPattern>(BuildPatterns());
  return *patterns;
}

void ScanTrigger(std::string_view text, TriggerKind kind, uint16_t arg, size_t end,
                 Candidates& out) {
  switch (kind) {
    case kTrigVendor:
      ScanVendorToken(text, arg, end, out);
      break;
    case kTrigJwt:
      ScanJwt(text, end - 8, out);
      break;
    case kTrigPem:
      ScanPem(text, end, out);
      break;
    case kTrigBearer:
      ScanBearer(text, end, kAuthToken, "bearer_token", out);
      break;
    case kTrigBasicAuth:
      ScanBearer(text, end, kAuthToken, "basic_auth", out);
      break;
    case kTrigUrlCred:
      ScanUrlCredentials(text, end, out);
      break;
    case kTrigSecretKw:
      ScanSecretAssignment(text, end, out);
      break;
    case kTrigCliPassword:
      if (arg == 1)
        ScanCurlUser(text, end, out);
      else
        ScanCliPassword(text, end, out);
      break;
    case kTrigIban:
      ScanIban(text, end, out);
      break;
    case kTrigMac:
      ScanMac(text, end, out);
      break;
    case kTrigIpv6:
      ScanIpv6(text, end, out);
      break;
    case kTrigBech32:
      ScanBech32(text, end, out);
      break;
    case kTrigBase58:
      ScanBase58(text, end, out);
      break;
    case kTrigEth:
      ScanEth(text, end, out);
      break;
    case kTrigContext:
      ScanContextId(text, end, static_cast<PiiType>(arg), out);
      break;
    case kTrigMonthDate:
      ScanMonthDate(text, end, out);
      break;
    case kTrigEuStreet:
      ScanEuStreet(text, end, arg, out);
      break;
    case kTrigPoBox:
      ScanPoBox(text, end, out);
      break;
    case kTrigMilitary:
      ScanMilitaryAddress(text, end, out);
      break;
    case kTrigPostcode:
      ScanPostcodeContext(text, end, out);
      break;
    case kTrigHomeDirectory:
      ScanHomeDirectory(text, end, out);
      break;
    case kTrigSqlInsert:
      ScanSqlInsert(text, end, out);
      break;
    case kTrigLogAccount:
      if (arg == 0)
        ScanLogAccount(text, end, out);
      else if (arg == 1)
        ScanCommentOwner(text, end, out);
      else if (arg == 2)
        ScanAccountMention(text, end - 1, out);
      else
        ScanQuotedAccount(text, end - 1, out);
      break;
    case kTrigSpokenDigits:
      ScanSpokenDigits(text, end, out);
      break;
    case kTrigObfuscatedEmail:
      ScanObfuscatedEmail(text, end, arg, out);
      break;
    case kTrigJapaneseAddress:
      ScanJapaneseAddress(text, end, out);
      break;
    case kTrigAddressLabel:
      if (arg == 2)
        ScanSpokenAddress(text, end, out);
      else if (arg == 3)
        ScanVcardAddress(text, end, out);
      else
        ScanAddressLabel(text, end, out, /*postal_mark=*/arg == 1);
      break;
    case kTrigGovId:
      ScanGovId(text, static_cast<PiiType>(arg), end, out);
      break;
    case kTrigUrl:
      ScanUrl(text, end, arg, out);
      break;
    case kTrigCount:
      break;
  }
}

}  // namespace refinery::pii
