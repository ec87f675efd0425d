#include "refinery/detect/keyed_values.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/ascii.h"
#include "refinery/core/find.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/signature_names.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

KeyKind KindOfKey(std::string_view key) {
  if (key.size() < 3 || key.size() > 32) return KeyKind::kNone;
  std::string k;
  for (char c : key) {
    if (c == '_' || c == '-' || c == ' ' || c == '.') continue;
    if (!IsAlpha(static_cast<unsigned char>(c))) return KeyKind::kNone;
    k.push_back(AsciiLower(c));
  }
  // A date of birth's column ("dob" of a roster's CSV: only the first row's date, right under
  // its header, had the cue that DATE_OF_BIRTH needs).
  static constexpr std::string_view kBirthDate[] = {
      "dob",          "dateofbirth",     "birthdate",         "birthday",
      "geburtsdatum", "fechanacimiento", "fechadenacimiento", "datedenaissance",
      "datanascita",  "datadinascita",   "geboortedatum",     "datadenascimento"};
  if (IsOneOf(k, kBirthDate)) return KeyKind::kBirthDate;
  if (k == "ort") return KeyKind::kPlace;  // German "place" ("Name;Geburtsdatum;Ort")
  if (key.size() < 4) return KeyKind::kNone;
  static constexpr std::string_view kGiven[] = {"firstname", "givenname", "forename", "fname",
                                                "first",     "vorname",   "prenom",   "nombre"};
  static constexpr std::string_view kFamily[] = {"last",       "lastname",  "surname",
                                                 "familyname", "lname",     "nachname",
                                                 "apellido",   "apellidos", "nomdefamille"};
  static constexpr std::string_view kFull[] = {
      "fullname",     "displayname",    "contactname",   "customername",  "patientname",
      "employeename", "clientname",     "personname",    "ownername",     "authorname",
      "membername",   "studentname",    "username_full", "recipientname", "sendername",
      "holdername",   "cardholdername", "accountholder", "accountname",   "beneficiaryname",
      "guardianname", "parentname",     "spousename",    "nextofkin",     "emergencycontact"};
  static constexpr std::string_view kPlace[] = {
      "city",         "town",       "birthplace", "placeofbirth", "hometown", "cityofbirth",
      "municipality", "village",    "ciudad",     "ville",        "stadt",    "locality",
      "wohnort",      "geburtsort", "lieu",       "localidad",    "plaats",   "woonplaats",
      "comune",       "miasto",     "miejscowosc"};
  if (IsOneOf(k, kGiven)) return KeyKind::kGiven;
  if (IsOneOf(k, kFamily)) return KeyKind::kFamily;
  if (IsOneOf(k, kFull)) return KeyKind::kFull;
  if (k == "name") return KeyKind::kName;
  if (IsOneOf(k, kPlace)) return KeyKind::kPlace;
  // A town or country of some role ("delivery_city", "billingCity", "country",
  // "country_of_residence"; session fifty-eight).
  // (An identifier's suffix only: a CSV header's test reads a sentence's words between commas
  // as fields, "the name of any town".)
  if (((k.ends_with("city") || k.ends_with("town")) && k.size() <= 16 &&
       key.find(' ') == std::string_view::npos) ||
      k == "country" || k == "countryofresidence" || k == "countryofbirth")
    return KeyKind::kPlace;
  static constexpr std::string_view kAddress[] = {
      "address",         "streetaddress", "street",         "addressline1",  "addressline",
      "address1",        "homeaddress",   "mailingaddress", "postaladdress", "billingaddress",
      "shippingaddress", "adresse",       "direccion",      "anschrift",     "indirizzo"};
  if (IsOneOf(k, kAddress)) return KeyKind::kAddress;
  static constexpr std::string_view kAccount[] = {"user",       "username",  "login",
                                                  "screenname", "userlogin", "loginname"};
  if (IsOneOf(k, kAccount)) return KeyKind::kAccount;
  return KeyKind::kNone;
}

namespace {

// Whether `v` is one to four capitalised words of letters (hyphens, apostrophes and
// particles such as "de", "van" inside), as a name or a town is written; returns the count.
size_t NameWords(std::string_view v) {
  if (v.empty() || v.size() > 60) return 0;
  size_t words = 0;
  for (size_t i = 0; i < v.size();) {
    size_t e = i;
    while (e < v.size() && v[e] != ' ') ++e;
    const std::string_view w = v.substr(i, e - i);
    if (w.empty()) return 0;
    const auto c0 = static_cast<unsigned char>(w[0]);
    const bool particle = w == "de" || w == "da" || w == "van" || w == "von" || w == "der" ||
                          w == "del" || w == "la" || w == "le" || w == "di" || w == "bin" ||
                          w == "al" || w == "dos" || w == "das";
    if (!particle && !(IsUpper(c0) || c0 >= 0xC3)) return 0;
    for (char ch : w) {
      const auto c = static_cast<unsigned char>(ch);
      if (!(IsAlpha(c) || c >= 0x80 || c == '-' || c == '\'' || c == '.')) return 0;
    }
    ++words;
    i = e;
    while (i < v.size() && v[i] == ' ') ++i;
  }
  return words <= 4 ? words : 0;
}

// The end of an account name's run from `s`: letters, digits, '.', '_' and '-', read to at most
// 41 bytes (callers take a run of up to 40).
size_t AccountNameEnd(std::string_view text, size_t s) { return UserNameRunEnd(text, s, 40); }

// The account name [s, e) of a log or URL as a PERSON (detector "keyed_value"), as a handle
// is; not a system's or a service's account ("root", "www-data", "postgres"), a placeholder or a
// number.
void AddAccountName(std::string_view text, size_t s, size_t e, Candidates& out) {
  static constexpr std::string_view kAccounts[] = {
      "root", "admin", "administrator", "nobody", "www-data", "postgres", "mysql", "guest",
      "anonymous", "system", "daemon", "ubuntu", "ec2-user", "git", "jenkins", "test", "user",
      "null", "none", "unknown", "default", "service", "operator", "redis", "nginx", "apache",
      "sshd", "backup", "oracle", "pi", "centos", "debian", "ftp", "ftpuser", "support", "info",
      "www", "mail", "tomcat", "hadoop", "docker", "deploy",
      // A key's value that says how a login went ('"login": "success"').
      "success", "failed", "failure", "true", "false", "yes", "no", "ok", "enabled", "disabled",
      "required", "optional", "pending", "active"};
  const std::string value = AsciiLowered(text.substr(s, e - s));
  bool letter = false;
  for (char c : value) letter |= IsAlpha(static_cast<unsigned char>(c));
  if (!letter || IsOneOf(value, kAccounts) || value.starts_with("${") || value.starts_with("svc"))
    return;
  AddCandidate(out, s, e, kPerson, kDisplayNameScore, "keyed_value");
}

// A date written in digits: year-month-day, or day and month in either order before a year of
// two or four digits, one kind of separator ("1998-04-12", "12/04/1998", "04.12.98"), that is a
// day of the calendar read one of those ways.
bool NumericCalendarDate(std::string_view v) {
  int parts[3], lengths[3], n = 0;
  char sep = 0;
  for (size_t i = 0; i < v.size();) {
    if (n == 3) return false;
    size_t j = i;
    int value = 0;
    while (j < v.size() && IsDigit(static_cast<unsigned char>(v[j])) && j - i < 4)
      value = value * 10 + (v[j++] - '0');
    if (j == i) return false;
    parts[n] = value;
    lengths[n++] = static_cast<int>(j - i);
    if (j == v.size()) break;
    if ((v[j] != '-' && v[j] != '/' && v[j] != '.') || (sep && v[j] != sep)) return false;
    sep = v[j];
    i = j + 1;
    if (i == v.size()) return false;
  }
  if (n != 3) return false;
  if (lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2)
    return IsCalendarDate(parts[0], parts[1], parts[2]);
  if (lengths[0] > 2 || lengths[1] > 2 || (lengths[2] != 2 && lengths[2] != 4)) return false;
  const int year = lengths[2] == 4 ? parts[2] : 2000;  // two digits: any century's 29 February
  return IsCalendarDate(year, parts[1], parts[0]) || IsCalendarDate(year, parts[0], parts[1]);
}

// Adds the value [s, e) of a key of kind `kind` when it has a name's, a town's, an address's,
// an account's or (a date of birth) a calendar date's shape.
void AddValue(const ner::NerModel* model, std::string_view text, size_t s, size_t e, KeyKind kind,
              Candidates& out) {
  while (s < e && text[s] == ' ') ++s;
  while (e > s && text[e - 1] == ' ') --e;
  const std::string_view v = text.substr(s, e - s);
  if (kind == KeyKind::kBirthDate) {
    if (NumericCalendarDate(v)) AddCandidate(out, s, e, kDob, 0.85f, "keyed_value");
    return;
  }
  if (kind == KeyKind::kAddress) {
    // A postal address: a house number or postcode and a capitalised word, with a space; not
    // an IP, e-mail, web or wallet address.
    bool digit = false, capital = false;
    for (char ch : v) {
      digit |= IsDigit(static_cast<unsigned char>(ch));
      capital |= IsUpper(static_cast<unsigned char>(ch));
    }
    if (digit && capital && v.size() >= 8 && v.size() <= 120 &&
        v.find(' ') != std::string_view::npos && v.find('@') == std::string_view::npos &&
        v.find("://") == std::string_view::npos)
      AddCandidate(out, s, e, kStreet, kDisplayNameScore, "keyed_value");
    return;
  }
  if (kind == KeyKind::kAccount) {
    // One word of an account's letters with a lower-case letter ("tomasz.w"; not Slack's
    // "U024BE7LH", an id).
    if (v.size() >= 2 && v.size() <= 40 && AccountNameEnd(v, 0) == v.size() &&
        std::any_of(v.begin(), v.end(),
                    [](char c) { return IsLower(static_cast<unsigned char>(c)); }))
      AddAccountName(text, s, e, out);
    return;
  }
  const size_t words = NameWords(v);
  if (words == 0 || (NameFlags(v) & (kNonName | kTitle))) return;
  if (kind == KeyKind::kName) {
    // "name" names packages, jobs and files as often: two to four words, the first a given name.
    const std::string_view first = v.substr(0, v.find(' '));
    if (words < 2 || !((NameFlags(first) & kFirstName) ||
                       (model && (model->gazetteer().LookupWord(first) &
                                  (ner::kGazFirstCommon | ner::kGazFirstMid)))))
      return;
  }
  if ((kind == KeyKind::kGiven || kind == KeyKind::kFamily) && words > 3) return;
  AddCandidate(out, s, e, kind == KeyKind::kPlace ? kLocation : kPerson, kDisplayNameScore,
               "keyed_value");
}

// The key that ends right before `end` (after an optional closing quote): letters, digits,
// '_', '-', '.'. Empty when none.
std::string_view KeyBefore(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0 && end - b < 40) {
    const auto c = static_cast<unsigned char>(text[b - 1]);
    if (!(IsAlpha(c) || IsDigit(c) || c == '_' || c == '-' || c == '.')) break;
    --b;
  }
  return text.substr(b, end - b);
}

// A log's or URL's user name written without quotes after its key ("user=jdoe", "login=m.garcia",
// "?username=kpatel&"): a PERSON (detector "keyed_value"), as a handle is. Not a system's or a
// service's account ("user=root", "user=www-data", "user=postgres"), a placeholder or a number.
void UnquotedUser(std::string_view text, size_t eq, Candidates& out) {
  const std::string_view key = KeyBefore(text, eq);
  static constexpr std::string_view kUserKeys[] = {"user",  "username", "user_name", "userName",
                                                   "login", "USER",     "USERNAME",  "LOGNAME"};
  if (!IsOneOf(key, kUserKeys)) return;
  if (eq > key.size() && IsAlpha(static_cast<unsigned char>(text[eq - key.size() - 1]))) return;
  const size_t s = eq + 1;
  const size_t e = AccountNameEnd(text, s);
  if (e - s < 3 || e - s > 40) return;  // (one without a letter: AddAccountName)
  if (e < text.size() && !(text[e] == ' ' || text[e] == '&' || text[e] == ',' || text[e] == ';' ||
                           text[e] == '\n' || text[e] == '\r' || text[e] == '\t' || text[e] == ')'))
    return;
  AddAccountName(text, s, e, out);
}

// A value after an unquoted key that is a program's identifier and a colon, as YAML, logs and
// dumped records write them ("first_name: Ngozi, last_name: Okafor", "lastName: Okafor"): the
// key holds '_' or a capital after a small letter (prose's "Last name:" is the forms' rule's,
// and prose's "First:" no key), it starts the line or follows a blank, '{', ',' or '-', and
// the value runs to the end of the line, a comma, a semicolon or a brace.
void UnquotedIdentifierValue(const ner::NerModel& model, std::string_view text, size_t colon,
                             Candidates& out) {
  if (colon + 2 >= text.size() || text[colon + 1] != ' ') return;
  const std::string_view key = KeyBefore(text, colon);
  if (key.size() < 4) return;
  bool identifier = key.find('_') != std::string_view::npos;
  for (size_t k = 1; k < key.size() && !identifier; ++k)
    identifier = IsLower(static_cast<unsigned char>(key[k - 1])) &&
                 IsUpper(static_cast<unsigned char>(key[k]));
  if (!identifier) return;
  const size_t key_start = colon - key.size();
  if (key_start > 0) {
    const char b = text[key_start - 1];
    if (!(b == ' ' || b == '\t' || b == '\n' || b == '{' || b == ',' || b == '-')) return;
  }
  const KeyKind kind = KindOfKey(key);
  if (kind == KeyKind::kNone || kind == KeyKind::kAccount) return;
  const size_t vs = colon + 2;
  size_t ve = vs;
  while (ve < text.size() && ve - vs <= 120 && text[ve] != '\n' && text[ve] != '\r' &&
         text[ve] != ',' && text[ve] != ';' && text[ve] != '}' && text[ve] != '"')
    ++ve;
  if (ve - vs > 120 || (ve < text.size() && text[ve] == '"')) return;
  AddValue(&model, text, vs, ve, kind, out);
}

// Key-value pairs at each `sep` (':' or '='): a quoted key before a colon ('"first_name":',
// "'city':"), a key before '=' whose value is quoted (last_name='Lopez'). Found with memchr,
// which passes over prose that holds few colons and fewer '=' at a vector's speed.
void KeyValuePairs(const ner::NerModel& model, std::string_view text, char sep, Candidates& out) {
  for (size_t at = FindSubstring(text, std::string_view(&sep, 1)); at != std::string_view::npos;
       at = FindSubstring(text, std::string_view(&sep, 1), at + 1)) {
    size_t v = at + 1, key_end = at;
    if (sep == ':') {
      if (at >= 3 && text[at - 1] != '"' && text[at - 1] != '\'') {
        UnquotedIdentifierValue(model, text, at, out);
        continue;
      }
      // '"first_name": "Maria"': a quote closes the key.
      if (at < 3 || (text[at - 1] != '"' && text[at - 1] != '\'')) continue;
      key_end = at - 1;
      while (v < text.size() && text[v] == ' ') ++v;
    }
    if (sep == '=' && v < text.size() && text[v] != '"' && text[v] != '\'') {
      if (text[v] != ' ') {
        UnquotedUser(text, at, out);
        continue;
      }
      // An assignment written with spaces ("full_name = 'Gwendolyn Ashby'" of SQL's SET,
      // 'first_name = "Maria"' of Python): one space each side.
      if (at < 2 || text[at - 1] != ' ' || v + 1 >= text.size() ||
          (text[v + 1] != '"' && text[v + 1] != '\''))
        continue;
      ++v;
      key_end = at - 1;
    }
    if (v >= text.size() || (text[v] != '"' && text[v] != '\'')) continue;
    const std::string_view key = KeyBefore(text, key_end);
    if (key.empty()) continue;
    if (sep == ':' &&
        (key_end - key.size() == 0 || text[key_end - key.size() - 1] != text[key_end]))
      continue;
    const KeyKind kind = KindOfKey(key);
    if (kind == KeyKind::kNone) continue;
    // The value: up to the quote that opened it, on the same line.
    const char quote = text[v];
    const size_t vs = v + 1;
    size_t ve = vs;
    while (ve < text.size() && ve - vs <= 120 && text[ve] != quote && text[ve] != '\n') ++ve;
    if (ve >= text.size() || text[ve] != quote) continue;
    AddValue(&model, text, vs, ve, kind, out);
  }
}

void XmlElements(const ner::NerModel& model, std::string_view text, Candidates& out) {
  for (size_t at = FindSubstring(text, "<"); at != std::string_view::npos;
       at = FindSubstring(text, "<", at + 1)) {
    if (at + 1 >= text.size() || text[at + 1] != '/') continue;
    size_t e = at + 2;
    while (e < text.size() && e - at < 40 && text[e] != '>') ++e;
    if (e >= text.size() || text[e] != '>') continue;
    const std::string_view tag = text.substr(at + 2, e - at - 2);
    const KeyKind kind = KindOfKey(tag);
    if (kind == KeyKind::kNone) continue;
    // The opening tag right before the value: "<tag>" (attributes allowed) on the same line.
    size_t open = at;
    while (open > 0 && at - open <= 122 && text[open - 1] != '>' && text[open - 1] != '\n') --open;
    if (open == 0 || text[open - 1] != '>') continue;
    const size_t lt = text.rfind('<', open - 1);
    if (lt == std::string_view::npos || text.compare(lt + 1, tag.size(), tag) != 0) continue;
    AddValue(&model, text, open, at, kind, out);
  }
}

// The fields of the line [s, e) split at `sep` (no quoting: a field with the separator inside
// makes the row's count differ, and the row is skipped).
void SplitFields(std::string_view text, size_t s, size_t e,
                 std::vector<std::pair<size_t, size_t>>& fields, char sep) {
  fields.clear();
  size_t f = s;
  for (size_t i = s; i <= e; ++i) {
    if (i == e || text[i] == sep) {
      fields.emplace_back(f, i);
      f = i + 1;
    }
  }
}

// The kinds of the columns of a CSV text's header (its first line: 2 to 40 fields of
// identifiers, one of them a key of a kind KindOfKey knows) and the header line's end; 0 when
// the first line is no such header.
size_t CsvHeader(std::string_view text, std::vector<KeyKind>& kinds, char& sep) {
  kinds.clear();
  const size_t line_end = text.find('\n');
  if (line_end == std::string_view::npos || line_end > 800) return 0;
  size_t header_end = line_end;
  if (header_end > 0 && text[header_end - 1] == '\r') --header_end;
  // The separator the header uses: ',' or, as spreadsheets of many European locales export and
  // as tables are pasted, ';' or a tab ("Name;Geburtsdatum;Ort" read its rows' towns as persons).
  const std::string_view header = text.substr(0, header_end);
  sep = header.find(',') != std::string_view::npos   ? ','
        : header.find(';') != std::string_view::npos ? ';'
                                                     : '\t';
  std::vector<std::pair<size_t, size_t>> fields;
  SplitFields(text, 0, header_end, fields, sep);
  if (fields.size() < 2 || fields.size() > 40) return 0;
  bool any = false;
  for (const auto& [s, e] : fields) {
    std::string_view h = text.substr(s, e - s);
    if (h.size() >= 2 && (h.front() == '"' || h.front() == '\'') && h.back() == h.front())
      h = h.substr(1, h.size() - 2);
    for (char c : h)
      if (!(IsAlpha(static_cast<unsigned char>(c)) || IsDigit(static_cast<unsigned char>(c)) ||
            c == '_' || c == '-' || c == ' ' || c == '.'))
        return 0;  // a header is identifiers
    kinds.push_back(KindOfKey(h));
    any |= kinds.back() != KeyKind::kNone;
  }
  return any ? line_end : 0;
}

void CsvColumns(const ner::NerModel& model, std::string_view text, Candidates& out) {
  std::vector<KeyKind> kinds;
  char sep;
  const size_t line_end = CsvHeader(text, kinds, sep);
  if (line_end == 0) return;
  std::vector<std::pair<size_t, size_t>> fields;
  for (size_t s = line_end + 1; s < text.size();) {
    size_t e = text.find('\n', s);
    if (e == std::string_view::npos) e = text.size();
    size_t row_end = e;
    if (row_end > s && text[row_end - 1] == '\r') --row_end;
    SplitFields(text, s, row_end, fields, sep);
    if (fields.size() == kinds.size()) {
      for (size_t k = 0; k < kinds.size(); ++k) {
        if (kinds[k] == KeyKind::kNone) continue;
        auto [fs, fe] = fields[k];
        if (fe - fs >= 2 && (text[fs] == '"' || text[fs] == '\'') && text[fe - 1] == text[fs]) {
          ++fs;
          --fe;
        }
        AddValue(&model, text, fs, fe, kinds[k], out);
      }
    }
    s = e + 1;
  }
}

// An SQL identifier at `i`, bare or quoted ("first_name", `first_name`, "first_name",
// [first_name]); sets [s, e) to its letters and returns the position after it, or 0.
size_t SqlIdentifier(std::string_view text, size_t i, size_t& s, size_t& e) {
  if (i >= text.size()) return 0;
  const char open = text[i];
  const char close = open == '`' ? '`' : open == '"' ? '"' : open == '[' ? ']' : 0;
  s = close ? i + 1 : i;
  e = s;
  while (e < text.size() && e - s < 64 &&
         (IsAlpha(static_cast<unsigned char>(text[e])) ||
          IsDigit(static_cast<unsigned char>(text[e])) || text[e] == '_'))
    ++e;
  if (e == s) return 0;
  if (!close) return e;
  return e < text.size() && text[e] == close ? e + 1 : 0;
}

size_t SkipSqlSpace(std::string_view text, size_t i) {
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
    ++i;
  return i;
}

// Past the spaces at `i`: whether a comma is there; `i` is then past it and the spaces after it,
// else at the byte after the spaces.
bool SkipSqlComma(std::string_view text, size_t& i) {
  i = SkipSqlSpace(text, i);
  if (i >= text.size() || text[i] != ',') return false;
  i = SkipSqlSpace(text, i + 1);
  return true;
}

// The end (past the closing quote) of the string literal whose opening quote is at `i`: at most
// 200 bytes, '' inside it a quote; 0 when it does not close.
size_t SqlStringEnd(std::string_view text, size_t i) {
  const size_t vs = i + 1;
  size_t ve = vs;
  while (ve < text.size() && ve - vs <= 200) {
    if (text[ve] == '\'') {
      if (ve + 1 < text.size() && text[ve + 1] == '\'') {
        ve += 2;
        continue;
      }
      break;
    }
    ++ve;
  }
  return ve < text.size() && text[ve] == '\'' ? ve + 1 : 0;
}

// The end of a value that is no string at `i` (a number, NULL, TRUE, a function call without
// commas: "NOW()"): at most 64 bytes and one call, so a text that is no tuple is left at once;
// 0 when it is none.
size_t SqlBareValueEnd(std::string_view text, size_t i) {
  const size_t value = i;
  bool called = false;
  while (i < text.size() && i - value < 64 && text[i] != ',' && text[i] != ')' && text[i] != '\'' &&
         text[i] != '\n') {
    if (text[i] == '(') {
      const size_t close = text.find(')', i);
      if (called || close == std::string_view::npos || close - value >= 64) break;
      called = true;
      i = close;
    }
    ++i;
  }
  if (i >= text.size() || i - value >= 64 || text[i] == '(' || text[i] == '\'' || text[i] == '\n')
    return 0;
  return i;
}

// The cells of the table row [s, e) written with pipes ("| Amara Okafor | Enugu |", with or
// without the outer pipes): [begin, end) of each, spaces kept (AddValue trims them).
void SplitPipeRow(std::string_view text, size_t s, size_t e,
                  std::vector<std::pair<size_t, size_t>>& cells) {
  cells.clear();
  while (s < e && text[s] == ' ') ++s;
  while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\r')) --e;
  if (s < e && text[s] == '|') ++s;
  if (e > s && text[e - 1] == '|') --e;
  size_t c = s;
  for (size_t i = s; i <= e; ++i) {
    if (i == e || text[i] == '|') {
      cells.emplace_back(c, i);
      c = i + 1;
    }
  }
}

// Whether [s, e) is a Markdown table's rule line ("|---|:---:|", "--- | ---"): pipes, dashes,
// colons and spaces only, a dash and a pipe among them.
bool PipeRuleLine(std::string_view text, size_t s, size_t e) {
  bool dash = false, pipe = false;
  for (size_t i = s; i < e; ++i) {
    const char c = text[i];
    if (c == '-') {
      dash = true;
    } else if (c == '|') {
      pipe = true;
    } else if (c != ':' && c != ' ' && c != '\r') {
      return false;
    }
  }
  return dash && pipe;
}

// A Markdown table's columns, as CsvColumns reads a CSV's: the header is the line before the
// rule ("| Name | City | Role |\n|---|---|---|"), the rows the lines after it that have as many
// cells. Session fifty-eight ("| Amara Okafor | Enugu | Lead |" left the town).
void PipeTableColumns(const ner::NerModel& model, std::string_view text, Candidates& out) {
  // (Most texts hold no '|' and no "--": one search of the bytes for each finds the first rule's
  // line or none.)
  if (std::memchr(text.data(), '|', text.size()) == nullptr) return;
  const size_t rule = FindSubstring(text, "--");
  if (rule == std::string_view::npos) return;
  std::vector<KeyKind> kinds;
  std::vector<std::pair<size_t, size_t>> cells;
  auto line_start = [&](size_t pos) {
    const size_t nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
  };
  auto line_end = [&](size_t pos) {
    const size_t nl = text.find('\n', pos);
    return nl == std::string_view::npos ? text.size() : nl;
  };
  for (size_t rs = line_start(rule); rs < text.size();) {
    const size_t re = line_end(rs);
    if (rs == 0 || !PipeRuleLine(text, rs, re)) {
      rs = re + 1;
      continue;
    }
    const size_t hs = line_start(rs - 1);
    SplitPipeRow(text, hs, rs - 1, cells);
    kinds.clear();
    bool any = false;
    for (const auto& [cs, ce] : cells) {
      std::string_view h = text.substr(cs, ce - cs);
      while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
      while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
      kinds.push_back(KindOfKey(h));
      any |= kinds.back() != KeyKind::kNone;
    }
    rs = re + 1;
    if (!any || kinds.size() < 2 || kinds.size() > 40) continue;
    // The rows: the lines after the rule with as many cells, up to a line without a pipe.
    for (; rs < text.size();) {
      const size_t e = line_end(rs);
      if (text.substr(rs, e - rs).find('|') == std::string_view::npos) break;
      SplitPipeRow(text, rs, e, cells);
      if (cells.size() == kinds.size())
        for (size_t k = 0; k < kinds.size(); ++k)
          if (kinds[k] != KeyKind::kNone)
            AddValue(&model, text, cells[k].first, cells[k].second, kinds[k], out);
      rs = e + 1;
    }
  }
}

}  // namespace

size_t CsvHeaderEnd(std::string_view text) {
  std::vector<KeyKind> kinds;
  char sep;
  return CsvHeader(text, kinds, sep);
}

void AddKeyedValues(const ner::NerModel& model, std::string_view text, Candidates& out) {
  KeyValuePairs(model, text, ':', out);
  KeyValuePairs(model, text, '=', out);
  XmlElements(model, text, out);
  CsvColumns(model, text, out);
  PipeTableColumns(model, text, out);
}

void ScanCommentOwner(std::string_view text, size_t end, Candidates& out) {
  const size_t e = AccountNameEnd(text, end);
  if (e - end < 2 || e - end > 40 || e >= text.size() || text[e] != ')') return;
  AddAccountName(text, end, e, out);
}

void ScanAccountMention(std::string_view text, size_t end, Candidates& out) {
  const size_t s = end;
  size_t e = AccountNameEnd(text, s);
  if (e - s > 40) return;
  // A full stop or dash that ends the run ends the sentence ("the user interface."), not the
  // name ("m.oconnor").
  while (e > s && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
  if (e - s < 3) return;
  // Ends at a space, a line's end or punctuation that ends a clause.
  if (e < text.size() &&
      !(text[e] == ' ' || text[e] == '\n' || text[e] == '\r' || text[e] == ',' || text[e] == ')' ||
        text[e] == ';' || text[e] == '.' || text[e] == '\t' || text[e] == '!' || text[e] == '?'))
    return;
  const std::string_view v = text.substr(s, e - s);
  // An account's name: a digit, '_' or '.' in it. (One lower-case word is as often the
  // language's: "owner: the finance team", "Reporter: see above", "login: invalid".)
  if (!IsLower(static_cast<unsigned char>(v[0])) ||
      v.find_first_of("_.0123456789") == std::string_view::npos)
    return;
  AddAccountName(text, s, e, out);
}

void ScanQuotedAccount(std::string_view text, size_t end, Candidates& out) {
  // `end` is the value's first byte, after its opening quote.
  if (end == 0) return;
  const char quote = text[end - 1];
  const size_t e = AccountNameEnd(text, end);
  if (e - end < 3 || e - end > 40 || e >= text.size() || text[e] != quote) return;
  const std::string_view v = text.substr(end, e - end);
  // An account's name as ScanAccountMention reads one: a digit, '_' or '.' in it ("user 'the
  // admin'" and "account 'savings'" are words).
  if (v.find_first_of("_.0123456789") == std::string_view::npos) return;
  AddAccountName(text, end, e, out);
}

void ScanLogAccount(std::string_view text, size_t end, Candidates& out) {
  // (The phrase is "... for " or "... user "; "Failed password for invalid user oracle" is
  // read at its second phrase.)
  const size_t s = end;
  if (text.compare(s, 13, "invalid user ") == 0) return;
  const size_t e = AccountNameEnd(text, s);
  if (e - s < 2 || e - s > 40) return;
  // What follows it in the log, not in prose ("asked for user feedback from the survey"):
  // sshd's " from " and an address, PAM's "(uid=".
  const bool for_user = s >= 9 && text.compare(s - 9, 9, "for user ") == 0;
  const bool from_address =
      text.compare(e, 6, " from ") == 0 && e + 6 < text.size() &&
      (IsDigit(static_cast<unsigned char>(text[e + 6])) || (text[e + 6] == ':' && !for_user));
  if (!from_address && text.compare(e, 5, "(uid=") != 0) return;
  AddAccountName(text, s, e, out);
}

// The values of an SQL INSERT with a column list ("INSERT INTO users (first_name, last_name)
// VALUES ('Ifeoma', 'Chukwu'), ('Bartholomew', 'Okonkwo');"), as a CSV's columns: a quoted value
// under a column of a kind KindOfKey knows.
void ScanSqlInsert(std::string_view text, size_t end, Candidates& out) {
  thread_local std::vector<KeyKind> kinds;
  thread_local std::vector<std::pair<size_t, size_t>> strings;  // quoted value or (0, 0)
  size_t s, e;
  // The table, with its schema ("public.users").
  size_t i = SqlIdentifier(text, SkipSqlSpace(text, end), s, e);
  while (i && i < text.size() && text[i] == '.') i = SqlIdentifier(text, i + 1, s, e);
  if (!i) return;
  i = SkipSqlSpace(text, i);
  if (i >= text.size() || text[i] != '(') return;
  kinds.clear();
  bool any = false;
  for (i = SkipSqlSpace(text, i + 1); kinds.size() < 64;) {
    const size_t next = SqlIdentifier(text, i, s, e);
    if (!next) break;
    kinds.push_back(KindOfKey(text.substr(s, e - s)));
    any |= kinds.back() != KeyKind::kNone;
    i = next;
    if (!SkipSqlComma(text, i)) break;
  }
  if (!any || i >= text.size() || text[i] != ')') return;
  i = SkipSqlSpace(text, i + 1);
  if (text.size() - i < 6 ||
      !(text.compare(i, 6, "VALUES") == 0 || text.compare(i, 6, "values") == 0))
    return;
  i = SkipSqlSpace(text, i + 6);
  // The tuples, one after another.
  while (i < text.size() && text[i] == '(') {
    strings.clear();
    i = SkipSqlSpace(text, i + 1);
    bool ok = true;
    while (ok && i < text.size() && strings.size() <= kinds.size()) {
      size_t value_end;
      if (text[i] == '\'') {
        value_end = SqlStringEnd(text, i);
        if (value_end != 0) strings.emplace_back(i + 1, value_end - 1);
      } else {
        value_end = SqlBareValueEnd(text, i);
        if (value_end != 0) strings.emplace_back(0, 0);
      }
      ok = value_end != 0;
      i = value_end;
      if (ok && !SkipSqlComma(text, i)) break;
    }
    if (!ok || i >= text.size() || text[i] != ')') break;
    if (strings.size() == kinds.size())
      for (size_t k = 0; k < kinds.size(); ++k)
        if (kinds[k] != KeyKind::kNone && strings[k].second > strings[k].first)
          AddValue(nullptr, text, strings[k].first, strings[k].second, kinds[k], out);
    i = SkipSqlSpace(text, i + 1);
    if (i < text.size() && text[i] == ',') i = SkipSqlSpace(text, i + 1);
  }
}

}  // namespace refinery::pii
