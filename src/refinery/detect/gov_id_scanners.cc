// Government identifiers with a fixed layout: UK NHS numbers (3-3-4, mod 11), US ITINs
// (9XX-XX-XXXX with the IRS group ranges), UK National Insurance numbers, Indian PAN and Aadhaar
// (Verhoeff), Australian ABN and TFN (weighted sums), Spanish DNI/NIF and NIE (letter mod 23),
// Singapore NRIC/FIN (check letter), and the ids that hold a date of birth: the Italian codice
// fiscale, Polish PESEL, Finnish henkilötunnus, Swedish personnummer and Korean RRN. Digit-only
// shapes also occur as phone numbers, order numbers and counters, so the checksum or range decides
// first and the context second.
#include <array>
#include <cstdint>
#include <iterator>
#include <string>

#include "refinery/core/ascii.h"
#include "refinery/core/find.h"
#include "refinery/detect/pii_scanners.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

namespace {

// A run of digit groups of the lengths in `layout` ending at `end`, the same separator (' ' or
// '-') between every pair of groups (or none: the compact form). Returns the start,
// or npos when the bytes before `end` do not have that shape or the run continues on either
// side (more digits, letters, "+44 ", "12-" ...).
size_t GroupedDigitsBefore(std::string_view text, size_t end, std::initializer_list<int> layout,
                           bool compact, char* sep_out) {
  size_t total = 0;
  for (int g : layout) total += static_cast<size_t>(g);
  const size_t span = compact ? total : total + layout.size() - 1;
  if (end < span || end > text.size()) return std::string_view::npos;
  const size_t s = end - span;
  char sep = 0;
  size_t i = s;
  int index = 0;
  for (int g : layout) {
    if (index++ > 0 && !compact) {
      char c = text[i++];
      if (c != ' ' && c != '-') return std::string_view::npos;
      if (sep && c != sep) return std::string_view::npos;
      sep = c;
    }
    for (int k = 0; k < g; ++k, ++i)
      if (!IsDigit(text[i])) return std::string_view::npos;
  }
  auto joins = [&](size_t at, size_t digit_at) {
    const unsigned char c = text[at];
    if (IsWordByte(c) || c == '+') return true;
    return (c == '-' || c == '.' || c == '/' || c == ',') && digit_at < text.size() &&
           IsDigit(text[digit_at]);
  };
  if (s > 0 && joins(s - 1, s >= 2 ? s - 2 : text.size())) return std::string_view::npos;
  // "+44 401 ...": a country code before a spaced group makes it a phone number.
  if (s >= 2 && text[s - 1] == ' ' && IsDigit(text[s - 2])) return std::string_view::npos;
  if (end < text.size() && joins(end, end + 1)) return std::string_view::npos;
  if (end + 1 < text.size() && text[end] == ' ' && IsDigit(text[end + 1]))
    return std::string_view::npos;
  *sep_out = sep;
  return s;
}

// A government id made of digits only. The check passes 1 number in 10 to 1 in 89, and the
// shapes are those of phone, order and account numbers, so a cue word decides: with one the
// id scores `kCueScore`; without, a phone, card or order context drops it and the layout's
// own score applies (0: that layout needs a cue).
struct DigitIdSpec {
  PiiType type;
  std::initializer_list<int> layout;
  bool (*valid)(std::string_view digits);
  const char* detector;
  std::initializer_list<std::string_view> cues;
  float dashed, spaced, compact;  // scores without a cue
};

constexpr float kCueScore = 0.95f;

// Cue words of the ids that have two layouts (two rows of kDigitIds).
const std::initializer_list<std::string_view> kSeCues = {
    "personnummer",      "personnr",          "person nr",  "pnr",
    "samordningsnummer", "personal identity", "swedish id", "svensk id"};
const std::initializer_list<std::string_view> kKrCues = {
    "rrn", "resident registration", "registration number", "\xec\xa3\xbc\xeb\xaf\xbc"};
const std::initializer_list<std::string_view> kZaCues = {
    "id number", "identity number", "id no",    "identity no", "south african id",
    "rsa id",    "smart id",        "green id", "id:"};
const std::initializer_list<std::string_view> kThCues = {
    "tnin",
    "thai national id",
    "thai id",
    "national id",
    "id card",
    "\xe0\xb9\x80\xe0\xb8\xa5\xe0\xb8\x82\xe0\xb8\x9b\xe0\xb8\xa3\xe0\xb8\xb0"
    "\xe0\xb8\x88\xe0\xb8\xb3\xe0\xb8\x95\xe0\xb8\xb1\xe0\xb8\xa7",
    "\xe0\xb9\x80\xe0\xb8\xa5\xe0\xb8\x82\xe0\xb8\x9a\xe0\xb8\xb1\xe0\xb8\x95"
    "\xe0\xb8\xa3"};
const std::initializer_list<std::string_view> kDeCues = {
    "steuer-id", "steuerid", "steuer id", "steueridentifikationsnummer", "identifikationsnummer",
    "idnr",      "id-nr",    "tax id",    "tax identification",          "finanzamt"};

// NHS and ABN scores without a cue sit below every phone reading of the same digits (0.6 and
// up), so a number the phone scanner claims stays a phone.
const DigitIdSpec kDigitIds[] = {
    {kUkNhs,
     {3, 3, 4},
     UkNhsValid,
     "uk_nhs_mod11",
     {"nhs", "national health", "health service", "health number", "health authority", "patient",
      "hospital", "chi number", "gp surgery"},
     0.58f,
     0.58f,
     0.5f},
    // The IRS's own layout is dashed; area 9XX is never an SSN.
    {kUsItin,
     {3, 2, 4},
     UsItinValid,
     "us_itin",
     {"itin", "taxpayer", "tax id", "tax identification", "tax payer", " tin:", " tin #", " tin no",
      " tin number", "w-7", "form 1040"},
     0.85f,
     0.6f,
     0.0f},
    {kInAadhaar,
     {4, 4, 4},
     InAadhaarValid,
     "in_aadhaar_verhoeff",
     {"aadhaar", "aadhar", "adhaar", "uidai", "uid:", "uid no", "uid number",
      "\xe0\xa4\x86\xe0\xa4\xa7\xe0\xa4\xbe\xe0\xa4\xb0"},
     0.65f,
     0.65f,
     0.5f},
    {kAuAbn,
     {2, 3, 3, 3},
     AuAbnValid,
     "au_abn_mod89",
     {"abn ", "abn:", "abn#", "abn no", "australian business number", "business number"},
     0.0f,
     0.58f,
     0.5f},
    {kAuTfn, {3, 3, 3}, AuTfnValid, "au_tfn_mod11", {"tfn", "tax file"}, 0.0f, 0.58f, 0.5f},
    // The ids below hold a date of birth, which a number of their length rarely does by chance
    // (a PESEL's date and check pass about 1 number in 150).
    {kPlPesel,
     {11},
     PlPeselValid,
     "pl_pesel",
     {"pesel", "numer ewidencyjny", "nr ewid", "identification number"},
     0.0f,
     0.0f,
     0.5f},
    // The personnummer's own layout is dashed (YYMMDD-NNNC); compact, ten digits need a cue.
    {kSePersonnummer,
     {6, 4},
     SePersonnummerValid,
     "se_personnummer_luhn",
     kSeCues,
     0.6f,
     0.0f,
     0.0f},
    {kSePersonnummer,
     {8, 4},
     SePersonnummerValid,
     "se_personnummer_luhn",
     kSeCues,
     0.8f,
     0.0f,
     0.5f},
    // The resident registration number (YYMMDD-GNNNNNN) as issued before October 2020, with its
    // region code and check digit; then as issued since, its last six digits random.
    {kKrRrn, {6, 7}, KrRrnCheckedValid, "kr_rrn", kKrCues, 0.85f, 0.0f, 0.5f},
    {kKrRrn, {6, 7}, KrRrnShapeValid, "kr_rrn", kKrCues, 0.6f, 0.0f, 0.0f},
    // YYMMDD SSSS C A Z, compact or spaced 6-4-3: date, citizenship digit, 8 or 9, Luhn (about
    // 1 random number in 4,600 passes).
    {kZaIdNumber, {13}, ZaIdNumberValid, "za_id_luhn", kZaCues, 0.0f, 0.0f, 0.8f},
    {kZaIdNumber, {6, 4, 3}, ZaIdNumberValid, "za_id_luhn", kZaCues, 0.0f, 0.8f, 0.0f},
    // The cues are written whole: "sin" alone begins "since" and "single".
    {kCaSin,
     {3, 3, 3},
     CaSinValid,
     "ca_sin_luhn",
     {"sin:", "sin#", "sin #", "sin number", "s.i.n", "social insurance", "assurance sociale",
      "nas:", "n.a.s"},
     0.6f,
     0.55f,
     0.0f},
    // Compact, thirteen digits are also barcodes and millisecond timestamps (about 1 in 16 passes
    // the check): a cue is needed; the card's own 1-4-5-2-1 layout is enough.
    {kThTnin, {1, 4, 5, 2, 1}, ThTninValid, "th_tnin", kThCues, 0.85f, 0.85f, 0.0f},
    {kThTnin, {13}, ThTninValid, "th_tnin", kThCues, 0.0f, 0.0f, 0.0f},
    // Eleven digits, compact, are many things (about 1 in 65 passes): a cue is needed; spaced
    // 2-3-3-3 as the tax office prints it (an ABN's layout too, whose reading wins at 0.58).
    {kDeTaxId, {2, 3, 3, 3}, DeTaxIdValid, "de_tax_id", kDeCues, 0.0f, 0.5f, 0.0f},
    {kDeTaxId, {11}, DeTaxIdValid, "de_tax_id", kDeCues, 0.0f, 0.0f, 0.0f},
};

// Whether [s, e) stands alone: no word byte, digit run or "+" joined on either side.
bool StandsAlone(std::string_view text, size_t s, size_t e) {
  if (s > 0 &&
      (IsWordByte(text[s - 1]) || text[s - 1] == '+' || text[s - 1] == '-' || text[s - 1] == '/'))
    return false;
  if (e < text.size() && (IsWordByte(text[e]) || text[e] == '-' || text[e] == '/' ||
                          (text[e] == '.' && e + 1 < text.size() && IsAlnum(text[e + 1]))))
    return false;
  return true;
}

void ScanDigitId(std::string_view text, const DigitIdSpec& spec, size_t end, Candidates& out) {
  for (bool compact : {false, true}) {
    if (!compact && spec.layout.size() == 1) continue;  // one group: the compact form only
    char sep = 0;
    const size_t s = GroupedDigitsBefore(text, end, spec.layout, compact, &sep);
    if (s == std::string_view::npos) continue;
    if (!spec.valid(DigitsOnly(text.substr(s, end - s)))) return;
    float score = compact ? spec.compact : sep == '-' ? spec.dashed : spec.spaced;
    if (NearKeyword(text, s, end, 48, 0, spec.cues)) {
      score = kCueScore;
    } else if (compact && !StandsAlone(text, s, end)) {
      return;  // a part of a longer id: "boundary=\"1618492860--2051301190--113853680\""
    } else if (PhoneContext(text, s, end) || NegativeNumberContext(text, s, end) ||
               NearKeyword(
                   text, s, end, 32, 0,
                   {"card", "visa", "credit", "debit", "account", "acct", "routing", "passport",
                    "ssn", "social security", "licen", "sort code", "pesel", "personnummer", "rrn",
                    "resident registration", "social insurance", "steuer", "tnin"})) {
      return;  // another type's cue: a number that passes this check by chance
    }
    if (score > 0) AddCandidate(out, s, end, spec.type, score, spec.detector);
    return;
  }
}

bool CueNear(std::string_view text, size_t s, size_t e,
             std::initializer_list<std::string_view> cues) {
  return NearKeyword(text, s, e, 48, 0, cues);
}

// "AB 12 34 56 C" or "AB123456C".
// "AB 12 34 56 C", "AB123456C", "AB 123456 C": an optional single space between the prefix,
// each digit pair and the suffix. Lower case ("ab123456c") only after a cue.
void ScanUkNino(std::string_view text, size_t end, Candidates& out) {
  // Read backwards: suffix, three digit pairs, prefix (9 characters, up to 4 spaces between).
  std::string reversed;
  size_t s = end;
  for (int k = 0; k < 9; ++k) {
    if (s == 0) return;
    if (k == 1 || k == 3 || k == 5 || k == 7) {
      if (text[s - 1] == ' ') --s;
      if (s == 0) return;
    }
    reversed.push_back(text[s - 1]);
    --s;
  }
  std::string compact(reversed.rbegin(), reversed.rend());
  const bool lower = UpperAsciiInPlace(compact);
  if (!UkNinoValid(compact) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(text, s, end,
                           {"national insurance", "nino", "ni number", "ni no", "n.i. number",
                            "ni:", "nin:", "insurance number"});
  if (lower && !cue) return;
  AddCandidate(out, s, end, kUkNino, cue ? 0.97f : 0.85f, "uk_nino");
}

void ScanInPan(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end - 10;
  std::string pan(text.substr(s, 10));
  const bool lower = UpperAsciiInPlace(pan);
  if (!InPanValid(pan) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(text, s, end, {"pan", "permanent account", "income tax", "it dept"});
  if (lower && !cue) return;  // "afzpk7190k" as typed into a form, only after a PAN cue
  AddCandidate(out, s, end, kInPan, cue ? 0.95f : 0.8f, "in_pan");
}

// "12345678Z", "12345678-Z", "1234567 L" (a DNI written without its leading zero).
void ScanEsNif(std::string_view text, size_t end, Candidates& out) {
  const char letter = text[end - 1];
  size_t d = end - 1;
  if (d > 0 && (text[d - 1] == '-' || text[d - 1] == ' ')) --d;
  size_t s = d;
  while (s > 0 && d - s < 9 && IsDigit(text[s - 1])) --s;
  std::string_view digits = text.substr(s, d - s);
  if (!EsNifValid(digits, letter) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(
      text, s, end, {"nif", "dni", "n.i.f", "d.n.i", "documento nacional", "identidad", "nie"});
  AddCandidate(out, s, end, kEsNif, cue ? 0.97f : 0.85f, "es_nif_mod23");
}

// "X1234567L", "Y1234567-G", "Z1234567 M": the NIE of a foreign resident (upper case only, as
// issued; the DNI scanner leaves these alone because the prefix letter is glued to its digits).
void ScanEsNie(std::string_view text, size_t end, Candidates& out) {
  const char letter = text[end - 1];
  size_t d = end - 1;
  if (text[d - 1] == '-' || text[d - 1] == ' ') --d;
  const size_t s = d - 8;
  std::string compact(text.substr(s, 8));
  compact.push_back(letter);
  if (!EsNieValid(compact) || !StandsAlone(text, s, end)) return;
  const bool cue =
      CueNear(text, s, end, {"nie", "n.i.e", "extranjero", "foreigner", "residen", "nif"});
  AddCandidate(out, s, end, kEsNie, cue ? 0.97f : 0.85f, "es_nie_mod23");
}

void ScanSgNricFin(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end - 9;
  std::string id(text.substr(s, 9));
  const bool lower = UpperAsciiInPlace(id);
  if (!SgNricValid(id) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(
      text, s, end, {"nric", "fin", "identity card", "ic no", "ic number", "i/c", "singapore"});
  // Lower case ("s2740116c") and the M series (its check table is not verified) need a cue.
  if ((lower || id[0] == 'M') && !cue) return;
  AddCandidate(out, s, end, kSgNricFin, cue ? 0.97f : 0.85f, "sg_nric_fin");
}

// "RSSMRA85T10A562S"; lower case ("rssmra85t10a562s") only after a cue.
void ScanItFiscalCode(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end - 16;
  char code[16];
  bool lower = false;
  for (size_t k = 0; k < 16; ++k) {
    const char c = text[s + k];
    lower |= IsLower(static_cast<unsigned char>(c));
    code[k] = IsLower(static_cast<unsigned char>(c)) ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (!ItFiscalCodeValid(std::string_view(code, 16)) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(text, s, end,
                           {"codice fiscale", "cod. fisc", "cod.fisc", "c.f.", "cf:", "cf ",
                            "fiscal code", "tax code", "codice fisc"});
  if (lower && !cue) return;
  AddCandidate(out, s, end, kItFiscalCode, cue ? 0.97f : 0.85f, "it_fiscal_code");
}

// A codice fiscale is found from its first digit run, the year's (the name letters before it) or,
// where the year or day is written in omocodia letters, the day's or the place's. (A Hyperscan
// pattern of its shape, with no literal to anchor on, cost 0.8% of detect's instructions on
// prose; digit runs are few, and most have no letter right before them.)
void ScanItFiscalCodeAt(std::string_view text, size_t first_digit, Candidates& out) {
  if (first_digit == 0 || !IsAlpha(text[first_digit - 1])) return;
  for (const size_t back : {size_t{6}, size_t{9}, size_t{12}}) {
    if (first_digit < back || first_digit - back + 16 > text.size()) continue;
    const size_t s = first_digit - back;
    // The month, the place and the check are letters (most words glued to digits fail here).
    if (!IsAlpha(text[s + 8]) || !IsAlpha(text[s + 11]) || !IsAlpha(text[s + 15])) continue;
    bool letters = true;  // a digit in between: the code's first digit run is an earlier one
    for (size_t k = s; k < first_digit && letters; ++k) letters = IsAlpha(text[k]);
    if (letters) ScanItFiscalCode(text, s + 16, out);
  }
}

// "131052-308T": the date, the century sign and the individual number decide with the check.
void ScanFiHetu(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end - 11;
  if (!FiHetuValid(text.substr(s, 11)) || !StandsAlone(text, s, end)) return;
  const bool cue = CueNear(text, s, end,
                           {"hetu", "henkil\xc3\xb6tunnus", "henkilotunnus", "personbeteckning",
                            "sotu", "identity code", "personal id",
                            "syntym\xc3\xa4"
                            "aika"});
  AddCandidate(out, s, end, kFiHetu, cue ? 0.97f : 0.85f, "fi_hetu");
}

// A henkilötunnus from the start of its date's digit run: six digits, the century sign, three
// digits and the check character (found here rather than by a prefilter pattern, which starting
// with digits ran on every number: +0.4% of detect's instructions on the benchmark's documents).
void ScanFiHetuAt(std::string_view text, size_t first_digit, Candidates& out) {
  const size_t end = first_digit + 11;
  if (end > text.size()) return;
  for (size_t k = first_digit; k < first_digit + 10; ++k)
    if (k != first_digit + 6 && !IsDigit(text[k])) return;
  ScanFiHetu(text, end, out);
}

// The number of digits of each kDigitIds layout.
const std::array<uint8_t, std::size(kDigitIds)>& LayoutDigits() {
  static const auto totals = [] {
    std::array<uint8_t, std::size(kDigitIds)> t{};
    for (size_t k = 0; k < std::size(kDigitIds); ++k)
      for (int g : kDigitIds[k].layout) t[k] = static_cast<uint8_t>(t[k] + g);
    return t;
  }();
  return totals;
}

}  // namespace

void ScanGovId(std::string_view text, PiiType type, size_t end, Candidates& out) {
  switch (type) {
    case kUkNino:
      return ScanUkNino(text, end, out);
    case kInPan:
      return ScanInPan(text, end, out);
    case kEsNif:
      return ScanEsNif(text, end, out);
    case kSgNricFin:
      return ScanSgNricFin(text, end, out);
    case kEsNie:
      return ScanEsNie(text, end, out);
    default:
      return;
  }
}

uint64_t DigitIdTypes() {
  uint64_t mask = 0;
  for (const DigitIdSpec& spec : kDigitIds) mask |= uint64_t{1} << spec.type;
  return mask | uint64_t{1} << kItFiscalCode | uint64_t{1} << kFiHetu;
}

void ScanDigitIds(std::string_view text, uint64_t types, Candidates& out) {
  const size_t n = text.size();
  static constexpr std::array<ByteRange, 1> kDigits = {{{'0', '9'}}};
  size_t i = 0;
  while (i < n) {
    i = FindByteInRanges(text, i, kDigits);  // most text has no digit for a long way
    if (i == n) break;
    if (types >> kItFiscalCode & 1) ScanItFiscalCodeAt(text, i, out);
    if (types >> kFiHetu & 1) ScanFiHetuAt(text, i, out);
    // One run of digit groups joined by single spaces or dashes: every id here stands alone,
    // so it can only end where the run ends.
    size_t e = i;
    while (e < n && (IsDigit(text[e]) || ((text[e] == ' ' || text[e] == '-') && e + 1 < n &&
                                          IsDigit(text[e + 1]) && IsDigit(text[e - 1]))))
      ++e;
    const size_t digits_and_seps = e - i;
    if (digits_and_seps >= 9 && digits_and_seps <= 17) {  // 9 digits to 13 and 4 separators
      size_t digits = 0;
      for (size_t k = i; k < e; ++k) digits += IsDigit(text[k]);
      // An id spans its whole run (GroupedDigitsBefore), so only layouts of as many digits fit.
      const auto& layout_digits = LayoutDigits();
      for (size_t k = 0; k < std::size(kDigitIds); ++k)
        if ((types & (uint64_t{1} << kDigitIds[k].type)) && layout_digits[k] == digits)
          ScanDigitId(text, kDigitIds[k], e, out);
    }
    i = e;
  }
}

}  // namespace refinery::pii
