#include "refinery/detect/validators.h"

#include <openssl/sha.h>

#include <cmath>
#include <cstring>

#include "refinery/core/ascii.h"

namespace refinery::pii {

std::string DigitsOnly(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (d < 0 || d > 9) return false;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

int LuhnCheckDigit(std::string_view digits) {
  int sum = 0;
  bool dbl = true;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return (10 - sum % 10) % 10;
}

namespace {
int Prefix(std::string_view d, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n && i < d.size(); ++i) v = v * 10 + (d[i] - '0');
  return v;
}
}  // namespace

// Issuer identification numbers (IIN) and lengths per the published tables of the networks
// (ISO/IEC 7812 ranges as listed by the schemes and collected on Wikipedia's "Payment card
// number" page). First match wins, so the narrow ranges come before the broad Maestro ones.
std::string_view CardIssuer(std::string_view d) {
  const size_t n = d.size();
  if (n < 12 || n > 19) return "";
  const int p1 = Prefix(d, 1), p2 = Prefix(d, 2), p3 = Prefix(d, 3), p4 = Prefix(d, 4);
  const int p6 = Prefix(d, 6);
  const bool len16_19 = n >= 16 && n <= 19;
  if (p1 == 4 && (n == 13 || n == 16 || n == 19)) return "visa";
  if (p4 >= 2200 && p4 <= 2204 && len16_19) return "mir";
  if (p4 == 2205 && n == 16) return "borica";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16) return "mastercard";
  if ((p2 == 34 || p2 == 37) && n == 15) return "amex";
  if ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) &&
      len16_19)
    return "discover";
  if (p4 >= 3528 && p4 <= 3589 && len16_19) return "jcb";
  if ((p4 == 2131 || p4 == 1800) && n == 15) return "jcb";  // JCB's older 15-digit ranges
  if (((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14 &&
      n <= 19)
    return "diners";
  if ((p2 == 62 || p2 == 81) && len16_19) return "unionpay";
  if (((p6 >= 506099 && p6 <= 506198) || (p6 >= 650002 && p6 <= 650027) ||
       (p6 >= 507865 && p6 <= 507964)) &&
      (n == 16 || n == 18 || n == 19))
    return "verve";
  if ((p2 == 60 || p3 == 508 || p2 == 82) && n == 16) return "rupay";
  if (p4 == 9792 && n == 16) return "troy";
  if (p3 == 636 && len16_19) return "interpayment";
  if (p3 >= 637 && p3 <= 639 && n == 16) return "instapayment";
  if (p1 == 1 && n == 15) return "uatp";  // the airlines' card (ISO 7812 industry 1)
  // Maestro: 50, 56-69 (what no network above claims), 12 to 19 digits.
  if ((p2 == 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19) return "maestro";
  return "";
}

int IbanLength(std::string_view cc) {
  struct Entry {
    const char* cc;
    int len;
  };
  static const Entry kTable[] = {
      {"AD", 24},
      {"AE", 23},
      {"AL", 28},
      {"AT", 20},
      {"AZ", 28},
      {"BA", 20},
      {"BE", 16},
      {"BG", 22},
      {"BH", 22},
      {"BR", 29},
      {"BY", 28},
      {"CH", 21},
      {"CR", 22},
      {"CY", 28},
      {"CZ", 24},
      {"DE", 22},
      {"DK", 18},
      {"DO", 28},
      {"EE", 20},
      {"EG", 29},
      {"ES", 24},
      {"FI", 18},
      {"FO", 18},
      {"FR", 27},
      {"GB", 22},
      {"GE", 22},
      {"GI", 23},
      {"GL", 18},
      {"GR", 27},
      {"GT", 28},
      {"HR", 21},
      {"HU", 28},
      {"IE", 22},
      {"IL", 23},
      {"IQ", 23},
      {"IS", 26},
      {"IT", 27},
      {"JO", 30},
      {"KW", 30},
      {"KZ", 20},
      {"LB", 28},
      {"LC", 32},
      {"LI", 21},
      {"LT", 20},
      {"LU", 20},
      {"LV", 21},
      {"MC", 27},
      {"MD", 24},
      {"ME", 22},
      {"MK", 19},
      {"MR", 27},
      {"MT", 31},
      {"MU", 30},
      {"NL", 18},
      {"NO", 15},
      {"PK", 24},
      {"PL", 28},
      {"PS", 29},
      {"PT", 25},
      {"QA", 29},
      {"RO", 24},
      {"RS", 22},
      {"SA", 24},
      {"SC", 31},
      {"SE", 24},
      {"SI", 19},
      {"SK", 24},
      {"SM", 27},
      {"ST", 25},
      {"SV", 28},
      {"TL", 23},
      {"TN", 24},
      {"TR", 26},
      {"UA", 29},
      {"VA", 22},
      {"VG", 24},
      {"XK", 20},
      // Joined the SWIFT IBAN registry since 2020.
      {"BI", 27},
      {"DJ", 27},
      {"FK", 18},
      {"HN", 28},
      {"LY", 25},
      {"MN", 20},
      {"NI", 28},
      {"OM", 23},
      {"RU", 33},
      {"SD", 18},
      {"SO", 23},
      {"YE", 30},
  };
  if (cc.size() != 2) return 0;
  for (const Entry& e : kTable) {
    if (cc[0] == e.cc[0] && cc[1] == e.cc[1]) return e.len;
  }
  return 0;
}

namespace {
// Mod 97 of the IBAN rearranged string (BBAN + country + check), letters as two digits.
int Mod97(std::string_view rearranged) {
  int rem = 0;
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      int v = c - 'A' + 10;
      rem = (rem * 100 + v) % 97;
    } else {
      return -1;
    }
  }
  return rem;
}
}  // namespace

bool IbanValid(std::string_view s) {
  return IbanLength(s.substr(0, 2)) == static_cast<int>(s.size()) && IbanChecksumValid(s);
}

bool IbanChecksumValid(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (!(s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9')) return false;
  std::string r(s.substr(4));
  r.append(s.substr(0, 4));
  return Mod97(r) == 1;
}

std::string IbanCheckDigits(std::string_view country, std::string_view bban) {
  std::string r(bban);
  r.append(country);
  r.append("00");
  int m = Mod97(r);
  int check = 98 - (m < 0 ? 0 : m);
  std::string out;
  out.push_back(static_cast<char>('0' + check / 10));
  out.push_back(static_cast<char>('0' + check % 10));
  return out;
}

bool SsnValid(std::string_view d) {
  if (d.size() != 9 || !AllAsciiDigits(d)) return false;
  int area = Prefix(d, 3);
  int group = (d[3] - '0') * 10 + (d[4] - '0');
  int serial = Prefix(d.substr(5), 4);
  if (area == 0 || area == 666 || area >= 900) return false;
  if (group == 0 || serial == 0) return false;
  // Well-known advertising / invalid numbers.
  if (d == "078051120" || d == "219099999" || d == "123456789") return false;
  // All the same digit.
  bool same = true;
  for (char c : d) same &= (c == d[0]);
  return !same;
}

bool ParseIpv4(std::string_view s, uint8_t out[4]) {
  int part = 0;
  size_t i = 0;
  while (part < 4) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    int v = 0;
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) v = v * 10 + (s[i++] - '0');
    size_t len = i - start;
    if (len > 3 || v > 255) return false;
    if (len > 1 && s[start] == '0') return false;
    out[part++] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

namespace {
int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool ParseIpv6(std::string_view s, uint8_t out[16]) {
  if (s.size() < 2 || s.size() > 45) return false;
  uint16_t words[8] = {0};
  int n = 0, gap = -1;
  size_t i = 0;
  if (s.substr(0, 2) == "::") {
    gap = 0;
    i = 2;
    if (i == s.size()) {
      std::memset(out, 0, 16);
      return true;
    }
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    if (n >= 8) return false;
    // Embedded IPv4 tail.
    size_t j = i;
    while (j < s.size() && HexVal(s[j]) >= 0) ++j;
    if (j < s.size() && s[j] == '.') {
      uint8_t v4[4];
      if (n > 6 || !ParseIpv4(s.substr(i), v4)) return false;
      words[n++] = static_cast<uint16_t>(v4[0] << 8 | v4[1]);
      words[n++] = static_cast<uint16_t>(v4[2] << 8 | v4[3]);
      i = s.size();
      break;
    }
    if (j == i || j - i > 4) return false;
    uint16_t w = 0;
    for (size_t k = i; k < j; ++k) w = static_cast<uint16_t>(w << 4 | HexVal(s[k]));
    words[n++] = w;
    i = j;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (gap >= 0) return false;
      gap = n;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;
    }
  }
  if (gap < 0 && n != 8) return false;
  if (gap >= 0 && n >= 8) return false;
  uint16_t full[8] = {0};
  if (gap < 0) {
    std::memcpy(full, words, sizeof(full));
  } else {
    for (int k = 0; k < gap; ++k) full[k] = words[k];
    int tail = n - gap;
    for (int k = 0; k < tail; ++k) full[8 - tail + k] = words[gap + k];
  }
  for (int k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<uint8_t>(full[k] >> 8);
    out[2 * k + 1] = static_cast<uint8_t>(full[k] & 0xff);
  }
  return true;
}

bool IsNonPiiIpv4(const uint8_t a[4]) {
  if (a[0] == 127 || a[0] == 0) return true;                  // loopback, "this network"
  if (a[0] == 192 && a[1] == 0 && a[2] == 2) return true;     // TEST-NET-1
  if (a[0] == 198 && a[1] == 51 && a[2] == 100) return true;  // TEST-NET-2
  if (a[0] == 203 && a[1] == 0 && a[2] == 113) return true;   // TEST-NET-3
  if (a[0] >= 224) return true;                               // multicast, reserved, bcast
  if (a[0] == 255 && a[1] == 255) return true;
  return false;
}

bool IsNonPiiIpv6(const uint8_t a[16]) {
  bool zero_prefix = true;
  for (int i = 0; i < 15; ++i) zero_prefix &= (a[i] == 0);
  if (zero_prefix && (a[15] == 0 || a[15] == 1)) return true;                     // :: and ::1
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return true;  // 2001:db8::/32
  if (a[0] == 0xff) return true;                                                  // multicast
  if (a[0] == 0x3f && a[1] == 0xff && (a[2] & 0xf0) == 0) return true;            // 3fff::/20 doc
  return false;
}

namespace {
const char kB58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
int B58Val(char c) {
  const char* p = std::strchr(kB58, c);
  return (p && c) ? static_cast<int>(p - kB58) : -1;
}
}  // namespace

bool Base58CheckValid(std::string_view s) {
  if (s.size() < 26 || s.size() > 35) return false;
  uint8_t bytes[32] = {0};  // big-endian, room for 25 bytes
  const size_t kLen = 25;
  for (char c : s) {
    int v = B58Val(c);
    if (v < 0) return false;
    int carry = v;
    for (size_t k = kLen; k-- > 0;) {
      carry += 58 * bytes[k];
      bytes[k] = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    if (carry) return false;  // overflow: longer than 25 bytes
  }
  if (bytes[0] != 0x00 && bytes[0] != 0x05) return false;
  uint8_t h1[32], h2[32];
  SHA256(bytes, 21, h1);
  SHA256(h1, 32, h2);
  return std::memcmp(h2, bytes + 21, 4) == 0;
}

namespace {
uint32_t Bech32Polymod(const uint8_t* v, size_t n) {
  static const uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (size_t i = 0; i < n; ++i) {
    uint8_t top = static_cast<uint8_t>(chk >> 25);
    chk = (chk & 0x1ffffff) << 5 ^ v[i];
    for (int k = 0; k < 5; ++k)
      if ((top >> k) & 1) chk ^= kGen[k];
  }
  return chk;
}
}  // namespace

bool Bech32Valid(std::string_view s) {
  if (s.size() < 14 || s.size() > 90) return false;
  static const char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  bool lower = false, upper = false;
  size_t sep = s.rfind('1');
  if (sep == std::string_view::npos || sep < 1 || sep + 7 > s.size()) return false;
  std::string hrp;
  for (size_t i = 0; i < sep; ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      upper = true, c = static_cast<char>(c + 32);
    else if (c >= 'a' && c <= 'z')
      lower = true;
    hrp.push_back(c);
  }
  if (hrp != "bc" && hrp != "tb") return false;
  uint8_t v[128];
  size_t n = 0;
  for (char c : hrp) v[n++] = static_cast<uint8_t>(c >> 5);
  v[n++] = 0;
  for (char c : hrp) v[n++] = static_cast<uint8_t>(c & 31);
  for (size_t i = sep + 1; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      upper = true, c = static_cast<char>(c + 32);
    else if (c >= 'a' && c <= 'z')
      lower = true;
    const char* p = std::strchr(kCharset, c);
    if (!p || !c) return false;
    if (n >= sizeof(v)) return false;
    v[n++] = static_cast<uint8_t>(p - kCharset);
  }
  if (lower && upper) return false;
  uint32_t pm = Bech32Polymod(v, n);
  return pm == 1 || pm == 0x2bc830a3;
}

void Keccak256(std::string_view data, uint8_t out[32]) {
  static constexpr uint64_t kRound[24] = {
      0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
      0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
      0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
      0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
      0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
      0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};
  static constexpr int kRot[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                                   25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};
  auto rotl = [](uint64_t v, int n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); };
  auto permute = [&](uint64_t a[25]) {
    for (uint64_t rc : kRound) {
      uint64_t c[5], b[25];
      for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      for (int x = 0; x < 5; ++x) {
        const uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
      }
      // rho and pi: lane (x, y) moves to (y, 2x + 3y).
      for (int x = 0; x < 5; ++x)
        for (int y = 0; y < 5; ++y)
          b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], kRot[x + 5 * y]);
      for (int y = 0; y < 25; y += 5)
        for (int x = 0; x < 5; ++x)
          a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
      a[0] ^= rc;
    }
  };
  constexpr size_t kRate = 136;  // bytes: 1600 - 2 * 256 bits
  uint64_t a[25] = {0};
  uint8_t block[kRate];
  size_t pos = 0;
  auto absorb = [&]() {
    for (size_t i = 0; i < kRate / 8; ++i) {
      uint64_t lane = 0;
      for (int k = 7; k >= 0; --k) lane = (lane << 8) | block[8 * i + static_cast<size_t>(k)];
      a[i] ^= lane;
    }
    permute(a);
  };
  while (data.size() - pos >= kRate) {
    std::memcpy(block, data.data() + pos, kRate);
    absorb();
    pos += kRate;
  }
  const size_t rest = data.size() - pos;
  std::memset(block, 0, kRate);
  std::memcpy(block, data.data() + pos, rest);
  block[rest] ^= 0x01;  // Keccak's padding (SHA3 would use 0x06)
  block[kRate - 1] ^= 0x80;
  absorb();
  for (int i = 0; i < 32; ++i) out[i] = static_cast<uint8_t>(a[i / 8] >> (8 * (i % 8)));
}

bool EthAddressValid(std::string_view s) {
  if (s.size() != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  std::string lower(s.substr(2));
  bool upper = false, low = false;
  for (char& c : lower) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    upper |= c >= 'A' && c <= 'F';
    low |= c >= 'a' && c <= 'f';
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!(upper && low)) return true;  // no checksum written
  uint8_t hash[32];
  Keccak256(lower, hash);
  for (size_t i = 0; i < 40; ++i) {
    const char c = s[2 + i];
    if (c >= '0' && c <= '9') continue;
    const int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xf;
    if ((nibble >= 8) != (c >= 'A' && c <= 'F')) return false;
  }
  return true;
}

bool Base64UrlDecode(std::string_view s, std::string& out) {
  out.clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-' || c == '+')
      v = 62;
    else if (c == '_' || c == '/')
      v = 63;
    else if (c == '=')
      break;
    else
      return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  int counts[256] = {0};
  for (unsigned char c : s) counts[c]++;
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (int c : counts) {
    if (c) {
      double p = c / n;
      h -= p * std::log2(p);
    }
  }
  return h;
}

bool AbaRoutingValid(std::string_view d) {
  if (d.size() != 9) return false;
  int w[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    if (d[i] < '0' || d[i] > '9') return false;
    sum += w[i] * (d[i] - '0');
  }
  return sum % 10 == 0 && sum > 0;
}

int UkNhsCheckDigit(std::string_view nine) {
  if (nine.size() != 9) return -1;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    if (nine[i] < '0' || nine[i] > '9') return -1;
    sum += (nine[i] - '0') * (10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check == 10 ? -1 : check;
}

bool UkNhsValid(std::string_view digits) {
  if (digits.size() != 10 || digits[9] < '0' || digits[9] > '9') return false;
  if (digits.find_first_not_of(digits[0]) == std::string_view::npos) return false;
  return UkNhsCheckDigit(digits.substr(0, 9)) == digits[9] - '0';
}

bool UsItinValid(std::string_view digits) {
  if (digits.size() != 9 || digits[0] != '9' || !AllAsciiDigits(digits)) return false;
  const int group = (digits[3] - '0') * 10 + (digits[4] - '0');
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) ||
         (group >= 90 && group <= 92) || group >= 94;
}

bool UkNinoValid(std::string_view v) {
  if (v.size() != 9) return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (!upper(v[0]) || !upper(v[1]) || v[8] < 'A' || v[8] > 'D') return false;
  for (int i = 2; i < 8; ++i)
    if (v[i] < '0' || v[i] > '9') return false;
  if (std::string_view("DFIQUV").find(v[0]) != std::string_view::npos) return false;
  if (std::string_view("DFIOQUV").find(v[1]) != std::string_view::npos) return false;
  const std::string_view prefix = v.substr(0, 2);
  for (std::string_view bad : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
    if (prefix == bad) return false;
  return true;
}

bool InPanValid(std::string_view v) {
  if (v.size() != 10) return false;
  for (int i = 0; i < 10; ++i) {
    const bool digit = v[i] >= '0' && v[i] <= '9', upper = v[i] >= 'A' && v[i] <= 'Z';
    if ((i >= 5 && i <= 8) ? !digit : !upper) return false;
  }
  return std::string_view("PCHFATBLJGE").find(v[3]) != std::string_view::npos;
}

namespace {

// Verhoeff's dihedral-group tables: multiplication, position permutation, inverse.
constexpr uint8_t kVerhoeffD[10][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
constexpr uint8_t kVerhoeffP[8][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
constexpr uint8_t kVerhoeffInv[10] = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

// Unlike AllAsciiDigits, false for an empty `s`: no digits is no number.
bool AllDigits(std::string_view s) { return !s.empty() && AllAsciiDigits(s); }

}  // namespace

bool VerhoeffValid(std::string_view digits) {
  if (!AllDigits(digits)) return false;
  int c = 0;
  for (size_t i = 0; i < digits.size(); ++i)
    c = kVerhoeffD[c][kVerhoeffP[i % 8][digits[digits.size() - 1 - i] - '0']];
  return c == 0;
}

int VerhoeffCheckDigit(std::string_view digits) {
  if (!AllDigits(digits)) return -1;
  int c = 0;
  for (size_t i = 0; i < digits.size(); ++i)
    c = kVerhoeffD[c][kVerhoeffP[(i + 1) % 8][digits[digits.size() - 1 - i] - '0']];
  return kVerhoeffInv[c];
}

bool InAadhaarValid(std::string_view digits) {
  if (digits.size() != 12 || digits[0] < '2' || digits[0] > '9') return false;
  bool palindrome = true;
  for (size_t i = 0; i < 6; ++i) palindrome &= digits[i] == digits[11 - i];
  return !palindrome && VerhoeffValid(digits);
}

bool AuAbnValid(std::string_view digits) {
  if (digits.size() != 11 || !AllDigits(digits) || digits[0] == '0') return false;
  static constexpr int kWeights[11] = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
  int sum = 0;
  for (int i = 0; i < 11; ++i) sum += ((digits[i] - '0') - (i == 0 ? 1 : 0)) * kWeights[i];
  return sum % 89 == 0;
}

bool AuTfnValid(std::string_view digits) {
  static constexpr int kWeights9[9] = {1, 4, 3, 7, 5, 8, 6, 9, 10};
  static constexpr int kWeights8[8] = {10, 7, 8, 4, 6, 3, 5, 1};
  if (!AllDigits(digits) || (digits.size() != 9 && digits.size() != 8)) return false;
  if (digits.find_first_not_of(digits[0]) == std::string_view::npos) return false;
  const int* w = digits.size() == 9 ? kWeights9 : kWeights8;
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) sum += (digits[i] - '0') * w[i];
  return sum % 11 == 0;
}

char EsNifLetter(std::string_view digits) {
  if (!AllDigits(digits) || digits.size() > 8) return 0;
  long n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23];
}

bool EsNifValid(std::string_view digits, char letter) {
  return (digits.size() == 7 || digits.size() == 8) && EsNifLetter(digits) == letter;
}

bool EsNieValid(std::string_view id) {
  if (id.size() != 9 || (id[0] != 'X' && id[0] != 'Y' && id[0] != 'Z')) return false;
  std::string digits(1, static_cast<char>('0' + (id[0] - 'X')));
  digits.append(id.substr(1, 7));
  return EsNifValid(digits, id[8]);
}

bool CaSinValid(std::string_view digits) {
  // First digit 1-7 (the province of registration) or 9 (temporary residents); 0 and 8 are
  // never a person's.
  return digits.size() == 9 && AllDigits(digits) && digits[0] != '0' && digits[0] != '8' &&
         LuhnValid(digits);
}

int ThTninCheckDigit(std::string_view twelve) {
  if (twelve.size() != 12 || !AllDigits(twelve)) return -1;
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (13 - i) * (twelve[i] - '0');
  return (11 - sum % 11) % 10;
}

bool ThTninValid(std::string_view digits) {
  if (digits.size() != 13 || !AllDigits(digits)) return false;
  // The first digit is the holder's category (1-8); the next two a province code, of which
  // these are not assigned (ISO 3166-2:TH).
  if (digits[0] == '0' || digits[0] == '9' || digits[1] == '0') return false;
  static constexpr std::string_view kNoProvince[] = {"28", "29", "59", "68", "69", "78", "79",
                                                     "87", "88", "89", "97", "98", "99"};
  for (std::string_view p : kNoProvince)
    if (digits.substr(1, 2) == p) return false;
  return ThTninCheckDigit(digits.substr(0, 12)) == digits[12] - '0';
}

int DeTaxIdCheckDigit(std::string_view ten) {
  if (ten.size() != 10 || !AllDigits(ten)) return -1;
  int product = 10;  // ISO 7064 MOD 11,10
  for (char c : ten) {
    int sum = (c - '0' + product) % 10;
    if (sum == 0) sum = 10;
    product = sum * 2 % 11;
  }
  return (11 - product) % 10;
}

bool DeTaxIdValid(std::string_view digits) {
  if (digits.size() != 11 || !AllDigits(digits) || digits[0] == '0') return false;
  // In the first ten digits exactly one digit appears twice or three times, no other twice.
  int counts[10] = {};
  for (size_t i = 0; i < 10; ++i) ++counts[digits[i] - '0'];
  int repeated = 0;
  for (int c : counts) {
    if (c > 3) return false;
    repeated += c >= 2;
  }
  return repeated == 1 && DeTaxIdCheckDigit(digits.substr(0, 10)) == digits[10] - '0';
}

char SgNricLetter(char prefix, std::string_view seven) {
  if (seven.size() != 7 || !AllDigits(seven)) return 0;
  static constexpr int kWeights[7] = {2, 7, 6, 5, 4, 3, 2};
  int sum = (prefix == 'T' || prefix == 'G') ? 4 : prefix == 'M' ? 3 : 0;
  for (int i = 0; i < 7; ++i) sum += (seven[i] - '0') * kWeights[i];
  if (prefix == 'S' || prefix == 'T') return "JZIHGFEDCBA"[sum % 11];
  if (prefix == 'F' || prefix == 'G') return "XWUTRQPNMLK"[sum % 11];
  // The M series (FINs issued from 2022): offset 3 and J in place of M, as public
  // implementations write it; not checked against an issued number.
  if (prefix == 'M') return "XWUTRQPNJLK"[sum % 11];
  return 0;
}

bool SgNricValid(std::string_view id) {
  return id.size() == 9 && SgNricLetter(id[0], id.substr(1, 7)) == id[8];
}

}  // namespace refinery::pii
