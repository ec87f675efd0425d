#include "generator.h"

#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string_view>

#include "refinery/core/json.h"
#include "refinery/core/utf8.h"

namespace refinery::piibench {

namespace {

// ---- word lists written for the benchmark (independent of the detector's gazetteers) ----
const char* const kFirst[] = {
    // common (many also in the detector's gazetteer)
    "James",
    "Maria",
    "Wei",
    "Priya",
    "Ahmed",
    "Olga",
    "Lukas",
    "Sofia",
    "Kenji",
    "Fatima",
    "Daniel",
    "Laura",
    "Carlos",
    "Elena",
    "Rahul",
    "Chloe",
    "Omar",
    "Hannah",
    "Tobias",
    "Ingrid",
    "Mateo",
    "Aisha",
    "Ivan",
    "Yuki",
    "Emma",
    "Noah",
    "Pierre",
    "Giulia",
    "Sipho",
    "Zeynep",
    "Michael",
    "Sarah",
    "David",
    "Jennifer",
    "Robert",
    "Linda",
    "Thomas",
    "Susan",
    "Kevin",
    "Nicole",
    "Anil",
    "Deepika",
    "Hiroshi",
    "Mei",
    "Javier",
    "Lucia",
    "Stefan",
    "Katrin",
    "Mohammed",
    "Leila",
    "Kwame",
    "Ngozi",
    "Andrei",
    "Tatiana",
    "Patrick",
    "Fiona",
    // not in the detector's gazetteer
    "Bartholomew",
    "Ottilie",
    "Leopold",
    "Wilhelmina",
    "Casimir",
    "Thaddeus",
    "Philippa",
    "Ignatius",
    "Rosalind",
    "Evander",
    "Marisol",
    "Teodoro",
    "Anneliese",
    "Radek",
    "Svenja",
    "Ludmila",
    "Baptiste",
    "Solveig",
    "Oskar",
    "Ayaan",
    "Ishaan",
    "Meera",
    "Keoni",
    "Nnamdi",
    "Oluwaseun",
    "Chiamaka",
    "Xiulan",
    "Haruki",
    "Ryota",
    "Thiago",
    "Joaquim",
    "Benedikt",
    "Magnus",
    "Tuomas",
    "Cosima",
    "Lorcan",
    "Saoirse",
    "Niamh",
    "Eamon",
    "Dagny",
};
const char* const kLast[] = {
    "Smith",
    "Garcia",
    "Chen",
    "Patel",
    "Hassan",
    "Ivanova",
    "Becker",
    "Rossi",
    "Tanaka",
    "Okafor",
    "Johnson",
    "Martinez",
    "Nguyen",
    "Kim",
    "Singh",
    "Schmidt",
    "Dubois",
    "Silva",
    "Kowalski",
    "Yilmaz",
    "Andersson",
    "Mensah",
    "Murphy",
    "Taylor",
    "Lopez",
    "Wang",
    "Fernandes",
    "Novak",
    "Sharma",
    "Khan",
    "Moreau",
    "Jensen",
    "Haddad",
    "Park",
    "Mueller",
    // not in the detector's gazetteer
    "Fairbanks",
    "Whitlock",
    "Castellanos",
    "Vukovic",
    "Lindqvist",
    "Abernathy",
    "Marchetti",
    "Haverford",
    "Quintero",
    "Szabo",
    "Rautio",
    "Achterberg",
    "Delacroix",
    "Nakagawa",
    "Thorsen",
    "Ibekwe",
    "Adeleke",
    "Okoro",
    "Pemberton",
    "Galloway",
    "Ashworth",
    "Brennan",
    "Esposito",
    "Halvorsen",
    "Kuznetsova",
    "Lachance",
    "Montague",
    "Oyelaran",
    "Prescott",
};
const char* const kDomains[] = {"gmail.com",     "yahoo.com",     "outlook.com", "proton.me",
                                "acme-corp.com", "globex.io",     "initech.net", "uni-hamburg.de",
                                "mail.ru",       "hotmail.co.uk", "icloud.com",  "fastmail.fm"};
const char* const kStreets[] = {"Maple", "Oak",    "Cedar", "Elm",    "Washington", "Lincoln",
                                "Park",  "Lake",   "Hill",  "Sunset", "Franklin",   "Highland",
                                "Baker", "Church", "Mill",  "Pine",   "Jefferson",  "Madison"};
const char* const kSuffixes[] = {"Street", "St",        "Avenue", "Ave",   "Road",
                                 "Rd",     "Boulevard", "Lane",   "Drive", "Court",
                                 "Place",  "Way",       "Terrace"};
const char* const kCities[] = {"Springfield", "Portland", "Austin", "Denver", "Boston", "Leeds",
                               "Hamburg",     "Lyon",     "Zürich", "Malmö",  "Kraków"};
const char* const kCompanies[] = {"Acme Corp",     "Globex",           "Initech",
                                  "Umbrella Labs", "Stark Industries", "Wayne Enterprises",
                                  "Hooli"};
const char* const kMonthNames[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

// Country, then the BBAN: letters (a bank code) followed by digits.
struct IbanFormat {
  const char* country;
  int letters;
  int digits;
};
constexpr IbanFormat kIbanFormats[] = {{"DE", 0, 18}, {"GB", 4, 14}, {"FR", 0, 23}, {"NL", 4, 10},
                                       {"ES", 0, 20}, {"IT", 1, 22}, {"CH", 0, 17}, {"BE", 0, 12}};

// Phone numbers outside the NANP (patterns of Gen::Expand).
const char* const kIntlPhones[] = {
    "+44 20 {N4} {D4}",          "+44 7{D3} {D6}",      "+49 30 {N8}",
    "+33 6 {D2} {D2} {D2} {D2}", "+91 9{D4} {D5}",      "+61 4{D2} {D3} {D3}",
    "+81 90-{D4}-{D4}",          "+34 6{D2} {D3} {D3}", "+55 11 9{D4}-{D4}"};
const char* const kNationalPhones[] = {"020 {N4} {D4}", "07{D3} {D6}", "06 {D2} {D2} {D2} {D2}",
                                       "030 {N8}"};

// Vendor API keys and tokens: the span type and the value's pattern (Gen::Expand).
struct TokenFormat {
  const char* type;
  const char* pattern;
};
constexpr TokenFormat kVendorTokens[] = {
    {"API_KEY", "ghp_{A36}"},
    {"API_KEY", "AKIA{U16}"},
    {"AUTH_TOKEN", "xoxb-{N12}-{N13}-{A24}"},
    {"API_KEY", "sk_live_{A24-99}"},
    {"API_KEY", "AIza{B35}"},
    {"API_KEY", "SG.{B22}.{B43}"},
    {"API_KEY", "npm_{A36}"},
    {"API_KEY", "hf_{L34}"},
    {"API_KEY", "glpat-{B20}"},
    {"API_KEY", "sk-proj-{B64}"},
    {"API_KEY", "sk-ant-api03-{B95}"},
    {"API_KEY", "dop_v1_{H64}"},
    {"API_KEY", "shpat_{H32}"},
    {"API_KEY", "pypi-AgEIcHlwaS5vcmc{B70}"},
    {"API_KEY", "lin_api_{A40}"},
    {"API_KEY", "dapi{H32}"},
    {"API_KEY", "key-{l32}"},
    {"AUTH_TOKEN", "ya29.{B80}"},
    {"API_KEY", "SK{H32}"},
    {"API_KEY", "github_pat_{A22}_{A59}"},
    {"AUTH_TOKEN", "gho_{A36}"},
    {"API_KEY", "sq0csp-{B43}"},
};

class Gen {
 public:
  Gen(uint64_t seed, uint64_t index, Doc& doc)
      : rng_(seed * 0x9E3779B97F4A7C15ull ^ (index + 1) * 0xC2B2AE3D27D4EB4Full), doc_(doc) {}

  int U(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Coin(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&arr)[N]) {
    return arr[U(0, static_cast<int>(N) - 1)];
  }

  // Text builders.
  void T(std::string_view s) {
    doc_.text.append(s);
    cp_ += CodePointCount(s);
  }
  void P(const char* type, std::string_view s) {
    size_t start = cp_;
    T(s);
    doc_.spans.push_back(GoldSpan{start, cp_, type});
  }
  // A labelled value between fixed texts: "Phone: " + value + "\n". The value is drawn before
  // the call, so the random sequence is the same as writing the three pieces one by one.
  void Labelled(std::string_view before, const char* type, std::string_view value,
                std::string_view after = "") {
    T(before);
    P(type, value);
    T(after);
  }

  // ---- value generators ----
  std::string Digits(int n, bool nonzero_first = false) {
    std::string s;
    for (int i = 0; i < n; ++i)
      s.push_back(static_cast<char>('0' + (i == 0 && nonzero_first ? U(1, 9) : U(0, 9))));
    return s;
  }
  std::string Chars(const char* alphabet, int n) {
    std::string s;
    int len = static_cast<int>(std::strlen(alphabet));
    for (int i = 0; i < n; ++i) s.push_back(alphabet[U(0, len - 1)]);
    return s;
  }
  std::string Alnum(int n) {
    return Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
  }
  std::string Hex(int n) { return Chars("0123456789abcdef", n); }
  std::string B64Url(int n) {
    return Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", n);
  }
  // Fills a pattern: text, with {Dn} digits, {Nn} digits not starting with 0, {An} letters
  // and digits, {Ln} letters, {ln} lower-case letters and digits, {Un} base32 capitals, {Hn}
  // hex, {Bn} URL-safe base64; {A24-99} draws the length. The right-most placeholder is drawn
  // first: the order in which the compiler evaluated the string concatenations the patterns
  // replace, kept so that a seed gives the same benchmark bytes as before.
  std::string Expand(std::string_view pattern) {
    std::string out;
    size_t end = pattern.size();
    for (size_t open = pattern.rfind('{'); open != std::string_view::npos;
         open = open == 0 ? std::string_view::npos : pattern.rfind('{', open - 1)) {
      const size_t close = pattern.find('}', open);
      out.insert(0, Placeholder(pattern.substr(open + 1, close - open - 1)) +
                        std::string(pattern.substr(close + 1, end - close - 1)));
      end = open;
    }
    return std::string(pattern.substr(0, end)) + out;
  }
  std::string Placeholder(std::string_view spec) {
    const char code = spec[0];
    spec.remove_prefix(1);
    const size_t dash = spec.find('-');
    int n = std::atoi(std::string(spec.substr(0, dash)).c_str());
    if (dash != std::string_view::npos) {
      n = U(n, std::atoi(std::string(spec.substr(dash + 1)).c_str()));
    }
    switch (code) {
      case 'D':
        return Digits(n);
      case 'N':
        return Digits(n, true);
      case 'A':
        return Alnum(n);
      case 'L':
        return Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", n);
      case 'l':
        return Chars("abcdefghijklmnopqrstuvwxyz0123456789", n);
      case 'U':
        return Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", n);
      case 'H':
        return Hex(n);
      default:
        return B64Url(n);
    }
  }
  std::string First() { return Pick(kFirst); }
  std::string Last() { return Pick(kLast); }
  std::string FullName() {
    return Coin(0.15)
               ? First() + " " + std::string(1, static_cast<char>('A' + U(0, 25))) + ". " + Last()
               : First() + " " + Last();
  }

  std::string Email(const std::string& first = "", const std::string& last = "") {
    std::string f = first.empty() ? First() : first, l = last.empty() ? Last() : last;
    for (auto* s : {&f, &l})
      for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string local;
    switch (U(0, 4)) {
      case 0:
        local = f + "." + l;
        break;
      case 1:
        local = f.substr(0, 1) + l;
        break;
      case 2:
        local = f + "_" + l + Digits(2);
        break;
      case 3:
        local = f + Digits(U(2, 4));
        break;
      default:
        local = l + "+" + Chars("abcdefghijklmnopqrstuvwxyz", 4);
        break;
    }
    return local + "@" + Pick(kDomains);
  }

  std::string NanpPhone() {
    std::string a = std::to_string(U(2, 9)) + Digits(2);
    std::string e;
    do {
      e = std::to_string(U(2, 9)) + Digits(2);
    } while (e == "555");
    std::string l = Digits(4);
    switch (U(0, 6)) {
      case 0:
        return "(" + a + ") " + e + "-" + l;
      case 1:
        return a + "-" + e + "-" + l;
      case 2:
        return a + "." + e + "." + l;
      case 3:
        return "+1 " + a + " " + e + " " + l;
      case 4:
        return "+1-" + a + "-" + e + "-" + l;
      case 5:
        return "1-" + a + "-" + e + "-" + l;
      default:
        return "+1 (" + a + ") " + e + "-" + l;
    }
  }
  std::string IntlPhone() { return Expand(Pick(kIntlPhones)); }
  std::string NationalPhone() { return Expand(Pick(kNationalPhones)); }
  std::string Phone() {
    int r = U(0, 9);
    if (r < 6) return NanpPhone();
    if (r < 9) return IntlPhone();
    return NationalPhone();
  }

  static int LuhnCheck(const std::string& body) {
    int sum = 0;
    bool dbl = true;
    for (size_t i = body.size(); i-- > 0;) {
      int d = body[i] - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }
  std::string CardDigits(bool valid = true) {
    std::string d;
    int len = 16;
    switch (U(0, 4)) {
      case 0:
        d = "4";
        break;
      case 1:
        d = std::to_string(U(51, 55));
        break;
      case 2:
        d = Coin(0.5) ? "34" : "37", len = 15;
        break;
      case 3:
        d = "6011";
        break;
      default:
        d = "4";
        break;
    }
    while (static_cast<int>(d.size()) < len - 1) d.push_back(static_cast<char>('0' + U(0, 9)));
    int check = LuhnCheck(d);
    if (!valid) check = (check + U(1, 9)) % 10;
    d.push_back(static_cast<char>('0' + check));
    return d;
  }
  std::string GroupCard(const std::string& d) {
    int style = U(0, 2);
    if (style == 0) return d;
    std::string sep = style == 1 ? " " : "-";
    if (d.size() == 15) return d.substr(0, 4) + sep + d.substr(4, 6) + sep + d.substr(10);
    std::string out;
    for (size_t i = 0; i < d.size(); i += 4) {
      if (i) out += sep;
      out += d.substr(i, 4);
    }
    return out;
  }

  static int Mod97(const std::string& s) {
    int rem = 0;
    for (char c : s) {
      if (c >= '0' && c <= '9')
        rem = (rem * 10 + (c - '0')) % 97;
      else
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
    }
    return rem;
  }
  std::string Iban(bool valid = true) {
    const IbanFormat& format = kIbanFormats[U(0, 7)];
    std::string cc = format.country;
    std::string digits = Digits(format.digits);  // drawn first, as before
    std::string bban = Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", format.letters) + digits;
    int check = 98 - Mod97(bban + cc + "00");
    if (!valid) check = (check + U(1, 50)) % 97 + 2;
    char buf[4];
    std::snprintf(buf, sizeof(buf), "%02d", check);
    std::string compact = cc + buf + bban;
    if (Coin(0.4)) return compact;
    std::string out;
    for (size_t i = 0; i < compact.size(); i += 4) {
      if (i) out += " ";
      out += compact.substr(i, 4);
    }
    return out;
  }

  std::string Ipv4() {
    int r = U(0, 4);
    if (r == 0)
      return "10." + std::to_string(U(0, 255)) + "." + std::to_string(U(0, 255)) + "." +
             std::to_string(U(1, 254));
    if (r == 1) return "192.168." + std::to_string(U(0, 255)) + "." + std::to_string(U(1, 254));
    int a;
    do {
      a = U(11, 223);
    } while (a == 127 || a == 192 || a == 198 || a == 203 || a == 100);
    return std::to_string(a) + "." + std::to_string(U(0, 255)) + "." + std::to_string(U(0, 255)) +
           "." + std::to_string(U(1, 254));
  }
  std::string Ipv6() {
    std::string s = "2a0";
    s.push_back(static_cast<char>('0' + U(0, 9)));
    if (Coin(0.5)) {
      for (int i = 0; i < 7; ++i) {
        s.push_back(':');
        s.append(Chars("0123456789abcdef", U(1, 4)));
      }
      return s;
    }
    s.push_back(':');
    s.append(Hex(4));
    s.push_back(':');
    s.append(Hex(3));
    s.append("::");
    s.append(Hex(U(1, 4)));
    return s;
  }
  std::string Mac() {
    std::string sep = Coin(0.7) ? ":" : "-";
    bool upper = Coin(0.5);
    std::string out;
    for (int i = 0; i < 6; ++i) {
      if (i) out += sep;
      std::string h = Hex(2);
      if (i == 0 && h == "00") h = "3c";
      if (upper)
        for (char& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += h;
    }
    return out;
  }
  std::string Ssn(bool dashed = true) {
    int area;
    do {
      area = U(1, 899);
    } while (area == 666);
    char buf[16];
    std::snprintf(buf, sizeof(buf), dashed ? "%03d-%02d-%04d" : "%03d%02d%04d", area, U(1, 99),
                  U(1, 9999));
    return buf;
  }

  std::string Base58Check(uint8_t version) {
    uint8_t bytes[25];
    bytes[0] = version;
    for (int i = 1; i < 21; ++i) bytes[i] = static_cast<uint8_t>(U(0, 255));
    uint8_t h1[32], h2[32];
    SHA256(bytes, 21, h1);
    SHA256(h1, 32, h2);
    std::memcpy(bytes + 21, h2, 4);
    static const char kB58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    std::vector<uint8_t> num(bytes, bytes + 25);
    std::string out;
    while (!num.empty()) {
      int rem = 0;
      std::vector<uint8_t> q;
      for (uint8_t b : num) {
        int cur = rem * 256 + b;
        int d = cur / 58;
        rem = cur % 58;
        if (!q.empty() || d) q.push_back(static_cast<uint8_t>(d));
      }
      out.insert(out.begin(), kB58[rem]);
      num.swap(q);
    }
    for (int i = 0; i < 25 && bytes[i] == 0; ++i) out.insert(out.begin(), '1');
    return out;
  }
  static uint32_t Polymod(const std::vector<uint8_t>& v) {
    static const uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    uint32_t chk = 1;
    for (uint8_t x : v) {
      uint8_t top = static_cast<uint8_t>(chk >> 25);
      chk = (chk & 0x1ffffff) << 5 ^ x;
      for (int k = 0; k < 5; ++k)
        if ((top >> k) & 1) chk ^= kGen[k];
    }
    return chk;
  }
  std::string Bech32() {
    static const char kCs[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    std::vector<uint8_t> data = {0};  // witness version 0
    // 20 random bytes -> 32 five-bit groups.
    uint32_t acc = 0;
    int bits = 0;
    for (int i = 0; i < 20; ++i) {
      acc = (acc << 8) | static_cast<uint32_t>(U(0, 255));
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        data.push_back(static_cast<uint8_t>((acc >> bits) & 31));
      }
    }
    std::vector<uint8_t> v = {3, 3, 0, 2, 3};  // hrp "bc" expanded
    v.insert(v.end(), data.begin(), data.end());
    for (int i = 0; i < 6; ++i) v.push_back(0);
    uint32_t pm = Polymod(v) ^ 1;
    std::string out = "bc1";
    for (uint8_t d : data) out.push_back(kCs[d]);
    for (int i = 0; i < 6; ++i) out.push_back(kCs[(pm >> (5 * (5 - i))) & 31]);
    return out;
  }
  std::string Crypto() {
    int r = U(0, 3);
    if (r == 0) return Base58Check(0x00);
    if (r == 1) return Base58Check(0x05);
    if (r == 2) return Bech32();
    return "0x" + Hex(40);
  }

  std::string Dob() {
    int y = U(1940, 2004), m = U(1, 12), d = U(1, 28);
    char buf[40];
    switch (U(0, 4)) {
      case 0:
        std::snprintf(buf, sizeof(buf), "%02d/%02d/%d", m, d, y);
        break;
      case 1:
        std::snprintf(buf, sizeof(buf), "%d-%02d-%02d", y, m, d);
        break;
      case 2:
        std::snprintf(buf, sizeof(buf), "%s %d, %d", kMonthNames[m - 1], d, y);
        break;
      case 3:
        std::snprintf(buf, sizeof(buf), "%d %s %d", d, kMonthNames[m - 1], y);
        break;
      default:
        std::snprintf(buf, sizeof(buf), "%02d.%02d.%d", d, m, y);
        break;
    }
    return buf;
  }

  std::string Street() {
    switch (U(0, 6)) {
      case 0:
        return std::to_string(U(1, 9999)) + " " + Pick(kStreets) + " " + Pick(kSuffixes);
      case 1:
        return std::to_string(U(1, 999)) + " " + (Coin(0.5) ? "North " : "West ") + Pick(kStreets) +
               " " + Pick(kSuffixes) + ", Apt " + std::to_string(U(1, 40)) + Chars("ABCD", 1);
      case 2:
        return std::to_string(U(1, 300)) + Chars("ABC", 1) + " " + Pick(kStreets) + " Street";
      case 3:
        return std::to_string(U(1, 120)) + " rue de la " + (Coin(0.5) ? "Paix" : "République");
      case 4:
        return std::string(Coin(0.5) ? "Linden" : "Berliner") + (Coin(0.5) ? "straße " : "weg ") +
               std::to_string(U(1, 150));
      case 5:
        return std::string(Coin(0.5) ? "Via " : "Calle ") + (Coin(0.5) ? "Roma " : "Mayor ") +
               std::to_string(U(1, 200));
      default:
        return std::to_string(U(100, 9999)) + " " + std::to_string(U(1, 99)) + "th Street";
    }
  }

  // Secrets: (type, value) of a vendor token.
  std::pair<const char*, std::string> VendorToken() {
    const TokenFormat& token = Pick(kVendorTokens);
    return {token.type, Expand(token.pattern)};
  }
  std::string Base64Url(std::string_view raw) {
    static const char kB[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : raw) {
      acc = (acc << 8) | c;
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        out.push_back(kB[(acc >> bits) & 63]);
      }
    }
    if (bits) out.push_back(kB[(acc << (6 - bits)) & 63]);
    return out;
  }
  std::string Jwt() {
    std::string header = Coin(0.5) ? R"({"alg":"HS256","typ":"JWT"})"
                                   : R"({"alg":"RS256","kid":")" + Hex(8) + R"("})";
    std::string payload = R"({"sub":")" + Digits(8) + R"(","name":")" + First() + R"(","iat":)" +
                          Digits(10, true) + "}";
    return Base64Url(header) + "." + Base64Url(payload) + "." + B64Url(43);
  }
  std::string Pem() {
    std::string kind =
        Coin(0.5) ? "RSA PRIVATE KEY" : (Coin(0.5) ? "OPENSSH PRIVATE KEY" : "PRIVATE KEY");
    std::string s = "-----BEGIN " + kind + "-----\n";
    int lines = U(4, 10);
    for (int i = 0; i < lines; ++i)
      s += Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64) + "\n";
    s += Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", U(8, 60)) +
         "==\n";
    s += "-----END " + kind + "-----";
    return s;
  }
  std::string Password() {
    switch (U(0, 3)) {
      case 0:
        return Chars("abcdefghijklmnopqrstuvwxyz", U(5, 8)) + Digits(U(1, 4)) + Chars("!@#$%&*", 1);
      case 1:
        return Alnum(U(10, 20));
      case 2:
        return std::string(Pick(kStreets)) + Digits(4) + "!";
      default:
        return Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789-_", U(12, 24));
    }
  }
  std::string GenericSecret() { return Alnum(U(24, 48)); }

  // ---- look-alike negatives (never labelled) ----
  std::string Negative() {
    switch (U(0, 19)) {
      case 0:
        return "commit " + Hex(40);
      case 1:
        return "sha256:" + Hex(64);
      case 2:
        return "request_id=" + Hex(8) + "-" + Hex(4) + "-4" + Hex(3) + "-a" + Hex(3) + "-" +
               Hex(12);
      case 3:
        return "version " + std::to_string(U(1, 4)) + "." + std::to_string(U(0, 20)) + "." +
               std::to_string(U(0, 9)) + "." + std::to_string(U(0, 99));
      case 4:
        return "Order #" + CardDigits(false) + " shipped";
      case 5:
        return "at " + std::to_string(U(2019, 2025)) + "-" +
               Digits(1, false).replace(0, 1, std::to_string(U(1, 9))) + "-1" +
               std::to_string(U(0, 9)) + "T1" + std::to_string(U(0, 9)) + ":" +
               Digits(1).replace(0, 1, std::to_string(U(0, 5))) + "0:00Z";
      case 6:
        return "see 192.0.2." + std::to_string(U(1, 254)) + " and 127.0.0.1";
      case 7:
        return "ISBN 978-" + Digits(1) + "-" + Digits(2) + "-" + Digits(6) + "-" + Digits(1);
      case 8:
        return "IBAN " + Iban(false) + " (invalid)";
      case 9:
        return "api_key = os.environ[\"API_KEY\"]";
      case 10:
        return "token: \"YOUR_TOKEN_HERE\"";
      case 11:
        return "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE";
      case 12:
        return "password = \"<password>\"";
      case 13:
        return "call (" + std::to_string(U(2, 9)) + Digits(2) + ") 555-01" + Digits(2) +
               " (fictional)";
      case 14:
        return "write to support@example.com";
      case 15:
        return "Chrome/" + std::to_string(U(100, 125)) + ".0." + Digits(4, true) + "." + Digits(2);
      case 16:
        return "Tracking: 1Z" + Chars("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 16);
      case 17:
        return "build " + Digits(12, true);
      case 18:
        return "secret: ${SECRET_KEY}";
      default:
        return "-----BEGIN PUBLIC KEY-----\n" +
               Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64) +
               "\n-----END PUBLIC KEY-----";
    }
  }

  Doc& doc() { return doc_; }

 private:
  std::mt19937_64 rng_;
  Doc& doc_;
  size_t cp_ = 0;
};

// ---- genres ----

void Prose(Gen& g) {
  std::string a = g.First(), b = g.Last();
  static const char* const kOpen[] = {"Last week ", "Yesterday ", "On Monday ",
                                      "According to the minutes, ", ""};
  g.T(g.Pick(kOpen));
  int form = g.U(0, 3);
  if (form == 0) {
    g.Labelled("we met with ", "PERSON", a + " " + b, " from ");
    g.T(g.Pick(kCompanies));
    g.T(" to discuss the renewal.");
  } else if (form == 1) {
    g.P("PERSON", a + " " + b);
    g.T(" said the May release would slip. ");
  } else if (form == 2) {
    g.Labelled("Dr. ", "PERSON", b, " reviewed the case with ");
    g.P("PERSON", a);
    g.T(".");
  } else {
    g.Labelled("the report by ", "PERSON", a + " " + b, " was filed in ");
    g.T(g.Pick(kCities));
    g.T(".");
  }
  g.T(" You can reach ");
  g.T(g.Coin(0.5) ? "her" : "him");
  g.Labelled(" at ", "EMAIL_ADDRESS", g.Email(a, b), " or on ");
  g.P("PHONE_NUMBER", g.Phone());
  g.T(". ");
  if (g.Coin(0.5)) {
    g.Labelled("The office moved to ", "STREET_ADDRESS", g.Street(), " in ");
    g.T(g.Pick(kCities));
    g.T(". ");
  }
  if (g.Coin(0.4)) {
    g.T("Will the team meet again in March? Grace period ends on ");
    g.T(std::to_string(g.U(2024, 2026)) + "-0" + std::to_string(g.U(1, 9)) + "-1" +
        std::to_string(g.U(0, 9)));
    g.T(". ");
  }
  if (g.Coin(0.4)) {
    g.Labelled("She was born on ", "DATE_OF_BIRTH", g.Dob(), ". ");
  }
  if (g.Coin(0.5)) {
    g.T("(Unrelated: ");
    g.T(g.Negative());
    g.T(".)");
  }
}

void Email(Gen& g) {
  std::string a = g.First(), b = g.Last(), c = g.First(), d = g.Last();
  g.Labelled("From: ", "PERSON", a + " " + b, " <");
  g.P("EMAIL_ADDRESS", g.Email(a, b));
  g.Labelled(">\nTo: ", "PERSON", c + " " + d, " <");
  g.P("EMAIL_ADDRESS", g.Email(c, d));
  g.T(">\nSubject: Re: invoice ");
  g.T(g.Digits(6, true));
  g.T("\n\n");
  g.T(g.Coin(0.5) ? "Hi " : "Dear ");
  g.P("PERSON", c);
  g.T(",\n\nThanks for the update. ");
  int r = g.U(0, 3);
  if (r == 0) {
    g.Labelled("Please wire the deposit to IBAN ", "IBAN_CODE", g.Iban(), ". ");
  } else if (r == 1) {
    g.Labelled("I paid with my card ", "CREDIT_CARD", g.GroupCard(g.CardDigits()),
               ", please confirm. ");
  } else if (r == 2) {
    g.Labelled("My new address is ", "STREET_ADDRESS", g.Street(), ", ");
    g.T(g.Pick(kCities));
    g.T(". ");
  } else {
    g.Labelled("I spoke with ", "PERSON", g.FullName(), " this morning and she agreed. ");
  }
  if (g.Coin(0.5)) {
    g.T(g.Negative());
    g.T(".\n");
  }
  g.T(g.Coin(0.5) ? "\n\nBest regards,\n" : "\n\nCheers,\n");
  g.P("PERSON", a + " " + b);
  g.T("\n");
  g.T(g.Pick(kCompanies));
  g.Labelled(" | Tel: ", "PHONE_NUMBER", g.Phone());
  if (g.Coin(0.3)) {
    g.Labelled(" | Mobile: ", "PHONE_NUMBER", g.IntlPhone());
  }
  g.T("\n");
}

void Chat(Gen& g) {
  std::string a = g.First(), b = g.First(), bl = g.Last();
  int h = g.U(8, 20), m = g.U(0, 50);
  auto stamp = [&]() {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "[%02d:%02d] ", h, m);
    m += g.U(0, 3);
    return std::string(buf);
  };
  g.T(stamp());
  g.P("PERSON", a);
  g.T(": hey ");
  g.Labelled("@", "PERSON", b, " can you send me the vpn config?\n");
  g.T(stamp());
  g.P("PERSON", b + " " + bl);
  g.T(": sure, the gateway is ");
  if (g.Coin(0.7))
    g.P("IP_ADDRESS", g.Ipv4());
  else
    g.P("IP_ADDRESS", g.Ipv6());
  g.Labelled(", text me on ", "PHONE_NUMBER", g.Phone(), " if it fails 🙂\n");
  g.T(stamp());
  g.P("PERSON", a);
  g.T(": thx! will do, may take a while lol\n");
  if (g.Coin(0.5)) {
    g.T(stamp());
    g.P("PERSON", b + " " + bl);
    g.Labelled(": also the wifi password is ", "PASSWORD", g.Password(), "\n");
  }
  if (g.Coin(0.4)) {
    g.T(stamp());
    g.P("PERSON", a);
    g.T(": ");
    g.T(g.Negative());
    g.T("\n");
  }
}

void Form(Gen& g) {
  std::string a = g.First(), b = g.Last();
  g.Labelled("=== Patient intake form ===\nName: ", "PERSON", a + " " + b, "\nDate of birth: ");
  g.P("DATE_OF_BIRTH", g.Dob());
  g.Labelled("\nSSN: ", "US_SSN", g.Ssn(g.Coin(0.8)), "\nAddress: ");
  g.P("STREET_ADDRESS", g.Street());
  g.T(", ");
  g.T(g.Pick(kCities));
  g.Labelled("\nPhone: ", "PHONE_NUMBER", g.Phone(), "\nEmail: ");
  g.P("EMAIL_ADDRESS", g.Email(a, b));
  if (g.Coin(0.5)) {
    g.T("\nPassport number: ");
    g.P("US_PASSPORT", g.Coin(0.5)
                           ? g.Digits(9, true)
                           : std::string(1, static_cast<char>('A' + g.U(0, 25))) + g.Digits(8));
  }
  if (g.Coin(0.5)) {
    g.T("\nDriver's license: ");
    g.P("US_DRIVER_LICENSE",
        std::string(1, static_cast<char>('A' + g.U(0, 25))) + g.Digits(g.U(7, 12)));
  }
  if (g.Coin(0.5)) {
    g.Labelled("\nBank account number: ", "US_BANK_NUMBER", g.Digits(g.U(8, 14), true),
               "\nRouting number: ");
    g.P("US_BANK_NUMBER", "0" + g.Digits(8));
  }
  g.Labelled("\nEmergency contact: ", "PERSON", g.FullName(), " (");
  g.P("PHONE_NUMBER", g.Phone());
  g.T(")\nInsurance ID: ");
  g.T(g.Chars("ABCDEFGHJKLMNPQRSTUVWXYZ", 3) + g.Digits(7));
  g.T("\nVisit: ");
  g.T(std::to_string(g.U(2023, 2025)) + "-1" + std::to_string(g.U(0, 2)) + "-0" +
      std::to_string(g.U(1, 9)));
  g.T("\n");
}

void Logs(Gen& g) {
  int n = g.U(3, 6);
  for (int i = 0; i < n; ++i) {
    char ts[40];
    std::snprintf(ts, sizeof(ts), "2024-%02d-%02dT%02d:%02d:%02d.%03dZ ", g.U(1, 12), g.U(1, 28),
                  g.U(0, 23), g.U(0, 59), g.U(0, 59), g.U(0, 999));
    g.T(ts);
    switch (g.U(0, 5)) {
      case 0:
        g.Labelled("INFO login ok user=", "EMAIL_ADDRESS", g.Email(), " src=");
        g.P("IP_ADDRESS", g.Ipv4());
        g.T(" session=" + g.Hex(8) + "-" + g.Hex(4) + "-4" + g.Hex(3) + "-8" + g.Hex(3) + "-" +
            g.Hex(12));
        break;
      case 1:
        g.Labelled("WARN dhcp lease ", "IP_ADDRESS", g.Ipv4(), " -> ");
        g.P("MAC_ADDRESS", g.Mac());
        g.T(" (v" + std::to_string(g.U(1, 3)) + "." + std::to_string(g.U(0, 9)) + "." +
            std::to_string(g.U(0, 9)) + ")");
        break;
      case 2:
        g.Labelled("DEBUG upstream ", "IP_ADDRESS", g.Ipv6());
        g.T(" latency=" + std::to_string(g.U(1, 900)) + "ms build=" + g.Hex(7));
        break;
      case 3:
        g.T("ERROR payment failed card=");
        {
          std::string d = g.CardDigits();
          g.P("CREDIT_CARD", d);
        }
        g.T(" order=" + g.Digits(16, true));
        break;
      case 4:
        g.T("INFO GET /api/v2/items?id=" + g.Digits(6) + " 200 from ");
        g.P("IP_ADDRESS", g.Ipv4());
        g.T(" ua=\"Mozilla/5.0 Chrome/" + std::to_string(g.U(100, 125)) + ".0." +
            g.Digits(4, true) + "." + g.Digits(2) + "\"");
        break;
      default:
        g.T("INFO ");
        g.T(g.Negative());
        break;
    }
    g.T("\n");
  }
}

void Code(Gen& g) {
  int style = g.U(0, 4);
  auto vt = g.VendorToken();
  if (style == 0) {
    g.Labelled("# .env\nDATABASE_URL=postgres://app_user:", "PASSWORD",
               g.Password().substr(0, 0) + g.Alnum(g.U(10, 18)),
               "@db.internal:5432/app\nSTRIPE_KEY=");
    g.P(vt.first, vt.second);
    g.Labelled("\nSECRET_KEY=", "API_KEY", g.GenericSecret(), "\nDEBUG=false\nPORT=8080\n");
  } else if (style == 1) {
    g.Labelled("import os\nimport requests\n\nAPI_KEY = \"", vt.first, vt.second,
               "\"\nclient_secret = '");
    g.P("API_KEY", g.GenericSecret());
    g.T("'\nBASE = os.environ.get(\"BASE_URL\")\nheaders = {\"Authorization\": \"Bearer ");
    if (g.Coin(0.6))
      g.P("AUTH_TOKEN", g.Jwt());
    else
      g.P("AUTH_TOKEN", g.B64Url(40));
    g.T("\"}\n# commit " + g.Hex(40) + "\nresp = requests.get(BASE, headers=headers, timeout=" +
        std::to_string(g.U(5, 30)) + ")\n");
  } else if (style == 2) {
    g.Labelled("database:\n  host: db.internal\n  user: admin\n  password: ", "PASSWORD",
               g.Password());
    g.T("\n  pool_size: " + std::to_string(g.U(2, 20)) + "\nslack:\n  token: ");
    g.P(vt.first, vt.second);
    g.T("\n  channel: \"#alerts\"\nimage: registry.local/app@sha256:" + g.Hex(64) + "\n");
  } else if (style == 3) {
    g.T("{\n  \"name\": \"deploy\",\n  \"version\": \"" + std::to_string(g.U(1, 5)) + "." +
        std::to_string(g.U(0, 30)) + "." + std::to_string(g.U(0, 9)) + "\",\n  \"apiKey\": \"");
    g.P(vt.first, vt.second);
    g.Labelled("\",\n  \"auth_token\": \"", "AUTH_TOKEN", g.GenericSecret());
    g.T("\",\n  \"id\": \"" + g.Hex(8) + "-" + g.Hex(4) + "-4" + g.Hex(3) + "-9" + g.Hex(3) + "-" +
        g.Hex(12) + "\"\n}\n");
  } else {
    g.Labelled("$ cat ~/.ssh/id_rsa\n", "PRIVATE_KEY", g.Pem());
    g.T("\n$ git log -1 --format=%H\n" + g.Hex(40) + "\n");
  }
  if (g.Coin(0.6)) {
    g.T(g.Negative());
    g.T("\n");
  }
  if (g.Coin(0.3)) {
    g.Labelled("# crypto payouts: ", "CRYPTO", g.Crypto(), "\n");
  }
}

void Payments(Gen& g) {
  std::string a = g.First(), b = g.Last();
  g.Labelled("Refund request from ", "PERSON", a + " " + b, ".\nCard: ");
  g.P("CREDIT_CARD", g.GroupCard(g.CardDigits()));
  g.T(" exp " + std::to_string(g.U(1, 12)) + "/" + std::to_string(g.U(25, 31)));
  g.T("\nInvoice no. " + g.Digits(10, true) + ", order #" + g.CardDigits(false) + "\n");
  if (g.Coin(0.6)) {
    g.Labelled("Pay out to ", "IBAN_CODE", g.Iban());
    g.T(" (BIC " + g.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6) + "2L)\n");
  }
  if (g.Coin(0.6)) {
    g.Labelled("or to wallet ", "CRYPTO", g.Crypto(), "\n");
  }
  g.T("Amount: $" + std::to_string(g.U(10, 9999)) + "." + g.Digits(2) + " on " +
      std::to_string(g.U(2023, 2025)) + "-0" + std::to_string(g.U(1, 9)) + "-2" +
      std::to_string(g.U(0, 8)) + "\n");
  if (g.Coin(0.5)) {
    g.T(g.Negative());
    g.T("\n");
  }
}

void Multilingual(Gen& g) {
  std::string a = g.First(), b = g.Last();
  static const char* const kIntro[] = {"Grüße aus ", "Saludos desde ", "Bonjour de ",
                                       "こんにちは、", "Привет из "};
  g.T(g.Pick(kIntro));
  g.T(g.Pick(kCities));
  g.Labelled("! ☕ Kontakt: ", "PERSON", a + " " + b, ", ");
  g.P("EMAIL_ADDRESS", g.Email(a, b));
  g.Labelled(", Tel. ", "PHONE_NUMBER", g.IntlPhone(), ". Adresse: ");
  g.P("STREET_ADDRESS", g.Street());
  g.T(" — café «Zürich» 😊. ");
  if (g.Coin(0.5)) {
    g.Labelled("Überweisung an ", "IBAN_CODE", g.Iban(), ". ");
  }
  if (g.Coin(0.5)) {
    g.Labelled("Server: ", "IP_ADDRESS", g.Ipv4(), ", MAC ");
    g.P("MAC_ADDRESS", g.Mac());
    g.T(".");
  }
}

void Support(Gen& g) {
  std::string a = g.First(), b = g.Last();
  g.T("Ticket #" + g.Digits(6, true) + "\nCustomer: ");
  g.P("PERSON", a + " " + b);
  g.Labelled("\nAgent notes: caller verified identity with SSN ", "US_SSN", g.Ssn(true),
             " and DOB ");
  g.P("DATE_OF_BIRTH", g.Dob());
  g.Labelled(". Callback number ", "PHONE_NUMBER", g.NanpPhone(), ".\n");
  if (g.Coin(0.5)) {
    g.T("Customer shared login https://");
    std::string user = g.First();
    for (char& c : user) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    g.T(user + ":");
    g.P("PASSWORD", g.Password().substr(0, 0) + g.Alnum(g.U(8, 14)));
    g.T("@portal.acme-corp.com by mistake; reset requested.\n");
  }
  if (g.Coin(0.5)) {
    g.Labelled("Escalated to ", "PERSON", g.First(), " in billing. ");
  }
  g.T("Reference: " + g.Hex(8) + "-" + g.Hex(4) + "-4" + g.Hex(3) + "-a" + g.Hex(3) + "-" +
      g.Hex(12) + "\n");
}

using GenreFn = void (*)(Gen&);
struct GenreEntry {
  const char* name;
  GenreFn fn;
};
const GenreEntry kGenres[] = {
    {"prose", Prose},    {"email", Email}, {"chat", Chat},         {"form", Form},
    {"logs", Logs},      {"code", Code},   {"payments", Payments}, {"multilingual", Multilingual},
    {"support", Support}};

}  // namespace

const std::vector<std::string>& Genres() {
  static const std::vector<std::string>* g = [] {
    auto* v = new std::vector<std::string>();
    for (const auto& e : kGenres) v->push_back(e.name);
    return v;
  }();
  return *g;
}

Doc GenerateDoc(uint64_t seed, uint64_t index, const std::string& genre) {
  Doc doc;
  Gen g(seed, index, doc);
  const GenreEntry* entry = &kGenres[g.U(0, static_cast<int>(std::size(kGenres)) - 1)];
  if (!genre.empty()) {
    for (const auto& e : kGenres)
      if (genre == e.name) entry = &e;
  }
  doc.genre = entry->name;
  doc.id = "piibench-" + std::to_string(seed) + "-" + std::to_string(index);
  entry->fn(g);
  return doc;
}

std::string ToJsonLine(const Doc& doc) {
  Json j = Json::object();
  j["id"] = doc.id;
  j["genre"] = doc.genre;
  j["text"] = doc.text;
  Json spans = Json::array();
  for (const GoldSpan& s : doc.spans) {
    Json o = Json::object();
    o["start"] = s.start;
    o["end"] = s.end;
    o["type"] = s.type;
    spans.push_back(o);
  }
  j["spans"] = spans;
  return j.dump();
}

}  // namespace refinery::piibench
