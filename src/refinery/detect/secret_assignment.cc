// Secrets by their name: a key/token/password identifier, an assignment in one of the syntaxes
// a scanner meets in code, configuration and prose, and a literal value. Also credentials in
// URLs and passwords on database / ssh command lines.
//
// Syntaxes (identifier ID, value V):
//   ID = V, ID: V, ID := V, ID ?= V, ID += V, ID .= V, ID ::= V, ID :::= V, ID => V
//   var ID string = V, ID: string = V (Go, TypeScript), ID is V / ID was V (prose)
//   "ID", "V" (System.setProperty, headers.put, os.environ.setdefault, ...)
//   <ID>V</ID>, key="ID" value="V", name="ID" value="V", key="ID">V<
//   --ID=V, --ID V, ENV ID V (Dockerfile), "- name: ID" followed by "value: V" (Kubernetes)
#include <algorithm>
#include <cstring>
#include <string>

#include "refinery/detect/pii_scanners.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

namespace {

bool StartsWith(std::string_view s, size_t at, std::string_view p) {
  return at <= s.size() && s.size() - at >= p.size() && s.compare(at, p.size(), p) == 0;
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

bool IsUuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? v[i] != '-' : !IsHex(v[i])) return false;
  }
  return true;
}

// Values that name or locate something rather than being a secret: URLs, paths, file names,
// host names, version strings.
bool IsLocatorOrVersion(std::string_view v) {
  if (v.find("://") != std::string_view::npos) return true;
  if (v[0] == '/' || v[0] == '~' || StartsWith(v, 0, "./") || StartsWith(v, 0, "../") ||
      (v.size() > 2 && IsAlpha(v[0]) && v[1] == ':' && v[2] == '\\'))
    return true;
  const std::string l = AsciiLowered(v);
  static const char* const kFileExt[] = {
      ".pem", ".key", ".pub",        ".json",     ".yaml", ".yml",  ".txt", ".crt", ".cer", ".p12",
      ".pfx", ".jks", ".env",        ".conf",     ".cfg",  ".ini",  ".xml", ".der", ".csr", ".gpg",
      ".asc", ".ppk", ".properties", ".keystore", ".toml", ".html", ".js",  ".py",  ".sh",  ".php"};
  for (const char* ext : kFileExt)
    if (EndsWith(l, ext) && l.size() > std::strlen(ext)) return true;
  // Version: v?digits(.digits)+ with an optional -/+ suffix.
  {
    size_t i = (l[0] == 'v') ? 1 : 0;
    size_t groups = 0;
    while (i < l.size() && IsDigit(l[i])) {
      while (i < l.size() && IsDigit(l[i])) ++i;
      ++groups;
      if (i < l.size() && l[i] == '.' && i + 1 < l.size() && IsDigit(l[i + 1]))
        ++i;
      else
        break;
    }
    if (groups >= 2 && (i == l.size() || l[i] == '-' || l[i] == '+')) return true;
  }
  // Host name: lower-case labels joined by dots, the last one alphabetic ("auth.acme.io").
  if (v.find('.') != std::string_view::npos) {
    bool host = true;
    for (unsigned char c : v) host &= IsLower(c) || IsDigit(c) || c == '-' || c == '.';
    size_t dot = v.rfind('.');
    std::string_view tld = v.substr(dot + 1);
    host &= tld.size() >= 2 && tld.size() <= 24 && dot > 0;
    for (unsigned char c : tld) host &= IsLower(c);
    if (host) return true;
  }
  return false;
}

// Identifiers that name something that is not a secret.
bool NamesNonSecret(const std::string& id) {
  static const char* const kNotSecret[] = {
      "public",      "publishable", "key_id",        "keyid",     "_id",
      "primary",     "foreign",     "sort_key",      "partition", "keyboard",
      "keys",        "monkey",      "turkey",        "donkey",    "hotkey",
      "keyword",     "keynote",     "keypress",      "keydown",   "keyup",
      "tokenizer",   "tokens",      "author",        "passenger", "passage",
      "bypass",      "compass",     "passed",        "passing",   "passport",
      "secretary",   "keyframe",    "keystore_type", "sessions",  "max_token",
      "token_count", "num_token",   "token_type",    "key_type",  "keychain",
      "length",      "_url",        "_file",         "_path",     "_name",
      "_len",        "_size",       "_expir",        "forgot",    "reset_password_url",
      "cookie_name", "_header",     "_version",      "_host",     "_endpoint",
      "_uri",        "_dir",        "_format",       "_policy",   "_ttl",
      "_timeout",    "_algorithm",  "_alg",          "_prefix",   "_label",
      "_field",      "_param",      "_hint",         "_min",      "_max"};
  for (const char* ns : kNotSecret)
    if (id.find(ns) != std::string::npos) return true;
  // camelCase and bare endings: passwordPolicy, apiKeyId, authType, tokenUrl, ENCRYPTION_KEY_FILE.
  static const char* const kNotSecretEnd[] = {
      "policy", "type", "version", "url", "uri", "endpoint", "host", "header", "format", "length",
      "ttl", "prefix", "name", "path", "file", "dir", "id", "ids", "hint", "label", "field",
      "param", "env", "arn", "count", "size", "mode", "method", "scope", "scopes", "algorithm",
      "expiry", "expires", "expiration", "location",
      // what a token or password is about, not it: tokenData.description,
      // password_encryption = scram-sha-256 (PostgreSQL), packages_and_scopes_permission
      "description", "permission", "permissions", "encryption"};
  for (const char* suf : kNotSecretEnd)
    if (EndsWith(id, suf) && id.size() > std::strlen(suf)) return true;
  return false;
}

// Lower-case words joined by separators ("oauth2_client_credentials", "users:all:v2:page-1"):
// names and keys of things, not random secrets.
bool IsSlug(std::string_view v) {
  int segments = 1, digits = 0;
  for (unsigned char c : v) {
    if (c == '-' || c == '_' || c == ':' || c == '.' || c == '/') {
      ++segments;
      if (digits > 2) return false;
      digits = 0;
    } else if (IsDigit(c)) {
      ++digits;
    } else if (!IsLower(c)) {
      return false;
    }
  }
  return segments >= 2 && digits <= 2;
}

// The secret kind an identifier names, or false.
bool ClassifyIdentifier(const std::string& id, PiiType* type) {
  auto has = [&](const char* w) { return id.find(w) != std::string::npos; };
  const bool pw = id == "pw" || EndsWith(id, "_pw") || EndsWith(id, "-pw") ||
                  id.compare(0, 3, "pw_") == 0 || EndsWith(id, ".pw");
  if (has("pass") || has("pwd") || pw) {
    *type = kPassword;
  } else if (has("secret") || has("key") || has("api") || has("credential")) {
    *type = kApiKey;
  } else if (has("token") || has("auth") || has("session") || has("cookie")) {
    *type = kAuthToken;
  } else {
    return false;
  }
  return true;
}

// An identifier that names a service besides the generic words ("sendbird_token",
// "LINKEDIN_CLIENT_SECRET", "dropbox_api_key"): such services issue keys shorter than the 16
// characters asked of a bare "api_key" (Dropbox 15, LinkedIn and Sumo Logic 14), so 12 suffice.
bool NamesService(const std::string& id) {
  static const char* const kGeneric[] = {
      "credentials", "credential", "password", "personal", "private", "access", "bearer",
      "client",      "secret",     "session",  "cookie",   "oauth",   "token",  "auth",
      "user",        "api",        "key",      "app",      "bot",     "the",    "my"};
  std::string rest = id;
  for (const char* g : kGeneric) {
    const size_t n = std::strlen(g);
    for (size_t at = rest.find(g); at != std::string::npos; at = rest.find(g)) rest.erase(at, n);
  }
  int letters = 0;
  for (unsigned char c : rest) letters += IsAlpha(c);
  return letters >= 3;
}

bool IdentByte(unsigned char c) { return IsAlnum(c) || c == '_' || c == '-' || c == '.'; }

}  // namespace

void ScanUrlCredentials(std::string_view text, size_t end, Candidates& out) {
  // end is just past "://"; the scheme must be letters.
  if (end < 4 || !IsAlpha(text[end - 4])) return;
  // The authority runs to the first '/', '?', '#' or space; userinfo ends at its LAST '@'
  // (what URL parsers do), so a password may hold '@'.
  size_t i = end;
  size_t colon = std::string_view::npos, at = std::string_view::npos;
  const size_t limit = std::min(text.size(), end + 256);
  while (i < limit) {
    unsigned char c = text[i];
    if (c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '<' ||
        c == '>' || c == '`' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}' ||
        c == ',')
      break;
    if (c == '@') at = i;
    if (c == ':' && colon == std::string_view::npos) colon = i;
    ++i;
  }
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) return;
  if (at + 1 >= text.size() || !IsAlnum(text[at + 1])) return;
  std::string_view pass = text.substr(colon + 1, at - colon - 1);
  if (pass.empty() || IsPlaceholderSecret(pass)) return;
  // Above the e-mail scanner's score: "p@ss@host" must not turn into an address "ss@host".
  AddCandidate(out, colon + 1, at, kPassword, 0.97f, "url_credentials");
}

bool InUrlAuthority(std::string_view text, size_t pos) {
  const size_t stop = pos > 256 ? pos - 256 : 0;
  for (size_t i = pos; i > stop; --i) {
    unsigned char c = text[i - 1];
    if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '(') return false;
    if (c == '/') return i >= 3 && text[i - 2] == '/' && text[i - 3] == ':';
  }
  return false;
}

namespace {

// A command-line argument starting at *i, quoted or not, of at most `max` bytes: returns its
// start and leaves *i at its end (before the closing quote).
size_t CommandArgument(std::string_view text, size_t* i, size_t max) {
  char quote = 0;
  if (*i < text.size() && (text[*i] == '"' || text[*i] == '\'')) quote = text[(*i)++];
  const size_t vs = *i;
  const size_t limit = std::min(text.size(), vs + max);
  while (*i < limit && (quote ? text[*i] != quote : text[*i] > ' ') && text[*i] != '\n') ++*i;
  return vs;
}

}  // namespace

void ScanCliPassword(std::string_view text, size_t end, Candidates& out) {
  // end is just past " -p" of a mysql / mysqldump / sshpass command line.
  size_t i = end;
  const bool spaced = i < text.size() && text[i] == ' ';
  if (spaced) {
    // "mysql -p name" prompts for the password; only sshpass takes "-p VALUE".
    // The command starts at most 130 bytes back (the prefilter's window).
    const size_t from = end > 140 ? end - 140 : 0;
    if (text.substr(from, end - from).find("sshpass") == std::string_view::npos) return;
    ++i;
  }
  const size_t vs = CommandArgument(text, &i, 128);
  std::string_view v = text.substr(vs, i - vs);
  if (v.size() < 4 || IsPlaceholderSecret(v)) return;
  AddCandidate(out, vs, i, kPassword, 0.85f, "cli_password");
}

void ScanCurlUser(std::string_view text, size_t end, Candidates& out) {
  // end is just past "-u" or "--user": "-uNAME:PASS", "-u NAME:PASS", "--user=NAME:PASS",
  // quoted or not. "--user-agent" and "-upload" are other options.
  // The command, at most 300 bytes back (continuation lines included).
  const size_t from = end > 300 ? end - 300 : 0;
  const size_t cmd = text.substr(from, end - from).rfind("curl");
  if (cmd == std::string_view::npos) return;
  const size_t c0 = from + cmd;
  if ((c0 > 0 && (IsAlnum(text[c0 - 1]) || text[c0 - 1] == '_')) ||
      (c0 + 4 < text.size() && (IsAlnum(text[c0 + 4]) || text[c0 + 4] == '_')))
    return;
  size_t i = end;
  const bool long_form = end >= 2 && text[end - 2] == 'e' && text[end - 1] == 'r';
  if (i < text.size() && (text[i] == ' ' || text[i] == '='))
    ++i;
  else if (long_form)
    return;
  while (i < text.size() && text[i] == ' ') ++i;
  const size_t vs = CommandArgument(text, &i, 256);
  std::string_view v = text.substr(vs, i - vs);
  const size_t colon = v.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  // Variables and placeholders: "$USER:$PASS", "<user>:<password>", "{{ user }}:{{ pass }}".
  for (char c : {'$', '<', '{', '['})
    if (v.find(c) != std::string_view::npos) return;
  std::string_view user = v.substr(0, colon), pass = v.substr(colon + 1);
  if (pass.empty()) {
    // An API key as the user name, the password left empty (Stripe, Mailgun, Twilio docs).
    if (user.size() >= 16 && PlausibleTail(user) && !IsPlaceholderSecret(user))
      AddCandidate(out, vs, vs + colon, kApiKey, 0.85f, "curl_user");
    return;
  }
  if (pass.size() < 3 || IsPlaceholderSecret(pass)) return;
  AddCandidate(out, vs + colon + 1, vs + v.size(), kPassword, 0.85f, "curl_user");
}

void ScanSecretAssignment(std::string_view text, size_t end, Candidates& out) {
  // Identifier around the keyword.
  size_t s = end, e = end;
  while (s > 0 && end - s < 64 && IdentByte(text[s - 1])) --s;
  while (e < text.size() && e - end < 64 && IdentByte(text[e])) ++e;
  while (s < end && (text[s] == '.' || text[s] == '-')) ++s;  // "--password" is a flag
  while (e > end && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
  if (e - s > 60) return;
  std::string id;
  for (size_t k = s; k < e; ++k) id.push_back(AsciiLower(text[k]));
  if (NamesNonSecret(id)) return;
  PiiType type;
  if (!ClassifyIdentifier(id, &type)) return;
  const char before = s > 0 ? text[s - 1] : '\n';
  const bool quoted_id = before == '"' || before == '\'';
  // Bare "key" must be the identifier's last word (api_key, secretKey, X-Api-Key).
  if (type == kApiKey && id.find("secret") == std::string::npos &&
      id.find("api") == std::string::npos && id.find("credential") == std::string::npos) {
    if (!EndsWith(id, "key")) return;
    if (id == "key" && before != '"' && before != '\'' && before != ' ' && before != '\n' &&
        before != '\t' && before != '{' && before != ',')
      return;
  }
  // Operator.
  size_t i = e;
  const size_t limit = std::min(text.size(), e + 40);
  bool closed_quote = false;
  if (i < limit && (text[i] == '"' || text[i] == '\'' || text[i] == ']')) ++i, closed_quote = true;
  if (StartsWith(text, i, "[]")) i += 2;  // C: char api_token[] = "..."
  auto skip_blanks = [&] {
    while (i < limit && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  skip_blanks();
  // A type between the name and '=': Go "var apiKey string = ...", TypeScript / Python
  // "apiKey: string = ...", Rust "api_key: &str = ...".
  auto skip_type = [&](size_t at, bool any) {
    if (!any && !StartsWith(text, at, "string ") && !StartsWith(text, at, "String ") &&
        !StartsWith(text, at, "[]byte "))
      return false;
    size_t k = at;
    if (k < limit && text[k] == '&') ++k;
    const size_t ts = k;
    while (k < limit && (IsAlnum(text[k]) || text[k] == '_' || text[k] == '[' || text[k] == ']' ||
                         text[k] == '<' || text[k] == '>' || text[k] == '\'' || text[k] == '.'))
      ++k;
    if (k == ts || k - ts > 24) return false;
    while (k < limit && text[k] == ' ') ++k;
    if (k < limit && text[k] == '=' && !(k + 1 < text.size() && text[k + 1] == '=')) {
      i = k + 1;
      return true;
    }
    return false;
  };
  bool op = false, prose = false, xml_body = false;
  if (i < limit) {
    const char c = text[i];
    const char c1 = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '=' && c1 == '=') return;  // comparison
    if (c == '!' && c1 == '=') return;
    if (StartsWith(text, i, ":::=")) {
      i += 4, op = true;
    } else if (StartsWith(text, i, "::=")) {
      i += 3, op = true;
    } else if ((c == ':' || c == '?' || c == '+' || c == '.') && c1 == '=') {
      i += 2, op = true;
    } else if ((c == '=' && c1 == '>') || (c == '<' && c1 == '-')) {  // =>, R's <-
      i += 2, op = true;
    } else if (c == ':') {
      ++i, op = true;
      size_t k = i;
      while (k < limit && text[k] == ' ') ++k;
      skip_type(k, true);
    } else if (c == '=') {
      ++i, op = true;
    } else if (c == '>' && s > 0 && text[s - 1] == '<') {
      ++i, op = true, xml_body = true;  // <password>V</password>
    } else if (c == '>' && closed_quote) {
      ++i, op = true, xml_body = true;  // <entry key="apiSecret">V</entry>
    } else if (c == ',' && closed_quote && quoted_id) {
      // "KEY", "value": a call that sets a named value.
      size_t k = i + 1;
      while (k < limit && text[k] == ' ') ++k;
      if (k < limit && (text[k] == '"' || text[k] == '\'')) i = k, op = true;
    } else if (c == '{' && closed_quote && quoted_id && s >= 10 &&
               text.compare(s - 10, 10, "variable \"") == 0) {
      // Terraform: variable "db_password" { type = string  default = "V" }, the value in the
      // block's "default" (before the block's first "}").
      // (Both looked for in the block's first 400 bytes only: a text of many unclosed blocks
      // stays linear.)
      const size_t block_end = std::min(text.size(), i + 400);
      const std::string_view block = text.substr(i, block_end - i);
      const size_t d = block.find("default"), close = block.find('}');
      if (d != std::string_view::npos && (close == std::string_view::npos || d < close)) {
        size_t k = i + d + 7;
        while (k < block_end && (text[k] == ' ' || text[k] == '\t')) ++k;
        if (k < block_end && text[k] == '=') {
          ++k;
          while (k < block_end && (text[k] == ' ' || text[k] == '\t')) ++k;
          i = k, op = true;
        }
      }
    } else if (closed_quote && quoted_id && StartsWith(text, i, "value=")) {
      i += 6, op = true;  // key="ClearTextPassword" value="V"
    } else if (StartsWith(text, i, "is ") || StartsWith(text, i, "was ")) {
      i += text[i] == 'i' ? 3 : 4;
      op = true, prose = true;
      if (StartsWith(text, i, "a ") || StartsWith(text, i, "the ") || StartsWith(text, i, "an "))
        return;
    } else if (skip_type(i, false)) {
      op = true;
    } else if (s >= 2 && text[s - 1] == '-' && text[s - 2] == '-' && text[i - 1] == ' ') {
      op = true;  // --password VALUE
    } else if (id == "token" && text[i - 1] == ' ' && s >= 2 && text[s - 1] == ' ' &&
               text[s - 2] == ':' && s >= 15 &&
               (text.compare(s - 15, 13, "Authorization") == 0 ||
                text.compare(s - 15, 13, "authorization") == 0)) {
      op = true;  // "Authorization: Token VALUE"
    } else if (s >= 4 && text.compare(s - 4, 4, "ENV ") == 0 && text[i - 1] == ' ' &&
               (s == 4 || text[s - 5] == '\n')) {
      op = true;  // Dockerfile: ENV NAME value
    } else if (c == '\n' || c == '\r' || (closed_quote && (c == '\n' || c == '\r'))) {
      // Kubernetes / compose env entry: "- name: ID" then "value: V" on the next line.
      size_t k = i;
      while (k < text.size() && (text[k] == '\n' || text[k] == '\r')) ++k;
      while (k < text.size() && k - i < 40 && (text[k] == ' ' || text[k] == '\t')) ++k;
      size_t ls = s;
      while (ls > 0 && text[ls - 1] != '\n' && s - ls < 40) --ls;
      std::string_view lead = text.substr(ls, s - ls);
      if (lead.find("name:") != std::string_view::npos && StartsWith(text, k, "value:")) {
        i = k + 6, op = true;
      }
    }
  }
  if (!op) return;
  while (i < text.size() && i - e < 48 && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size()) return;
  if (text[i] == '@' && i + 1 < text.size() && text[i + 1] == '"') ++i;  // C# @"verbatim"
  char quote = 0;
  if (text[i] == '"' || text[i] == '\'' || text[i] == '`') quote = text[i++];
  size_t vs = i;
  const size_t vlimit = std::min(text.size(), vs + 512);
  if (quote) {
    while (i < vlimit && text[i] != quote && text[i] != '\n') ++i;
    if (i >= vlimit || text[i] != quote) return;
    // The attribute name of a pair, not its value: key="ClearTextPassword" value="...".
    if (StartsWith(text, i + 1, " value=")) return;
  } else {
    while (i < vlimit) {
      unsigned char c = text[i];
      if (c == '&') {
        // A query string's next parameter ("&user=...") ends the value; prose "Tr0ub4dor&3"
        // does not.
        size_t k = i + 1;
        while (k < vlimit && (IsAlnum(text[k]) || text[k] == '_')) ++k;
        if (k < text.size() && (text[k] == '=' || k == i + 1)) break;
        ++i;
        continue;
      }
      if (c <= ' ' || c == ',' || c == ';' || c == ')' || c == '}' || c == ']' || c == '"' ||
          c == '\'' || c == '<' || c == '`')
        break;
      ++i;
    }
    if (xml_body && (i >= text.size() || text[i] != '<')) return;
  }
  size_t ve = i;
  if (!quote) {
    while (ve > vs && (text[ve - 1] == '.' || text[ve - 1] == ':')) --ve;
  }
  if (ve <= vs) return;
  std::string_view value = text.substr(vs, ve - vs);
  if (IsPlaceholderSecret(value)) return;
  // UUIDs are request, session and object ids, except under a key/token/secret name
  // (HEROKU_API_KEY=<uuid>, snyk_token).
  const bool uuid = IsUuid(value);
  if (uuid && !(id.find("key") != std::string::npos || id.find("token") != std::string::npos ||
                id.find("secret") != std::string::npos))
    return;
  if (!uuid && IsLocatorOrVersion(value)) return;
  bool digit = false, upper = false, lower = false, other = false, dot = false;
  for (unsigned char c : value) {
    digit |= IsDigit(c), upper |= IsUpper(c), lower |= IsLower(c);
    other |= !(IsAlnum(c) || c == '_');
    dot |= c == '.';
  }
  if (!quote) {
    // Code, not a literal: calls, attribute chains, variables, keywords.
    // A subscript by a quoted key ends the value at its quote: "config['password']" reads
    // "config["; a type annotation "Optional[HiddenText]" reads "Optional[HiddenText".
    if (value.find('(') != std::string_view::npos || value.find('[') != std::string_view::npos ||
        value[0] == '$' || value[0] == '%' || value[0] == '{' || value[0] == '@')
      return;
    if (dot) {
      // config.password, self.token, settings.API_KEY_2024: dotted identifiers.
      bool chain = IsAlpha(value[0]) || value[0] == '_';
      for (size_t k = 0; k < value.size() && chain; ++k) {
        unsigned char c = value[k];
        chain =
            IsAlnum(c) || c == '_' ||
            (c == '.' && k + 1 < value.size() && (IsAlpha(value[k + 1]) || value[k + 1] == '_'));
      }
      if (chain || !digit) return;
    }
    if (!digit && !other && (!upper || !lower)) return;  // plain word: required, none, None
    // A variable in camelCase assigned in code ("x.description = tokenDescription"): letters
    // only, a lower-case first letter, few changes of case (a random string changes often), after
    // "= " as code writes it; a configuration's "SECRET=correctHorseBatteryStaple" or
    // "password: correctHorseBatteryStaple" is a value.
    const bool code_assignment = vs >= 2 && text[vs - 1] == ' ' && text[vs - 2] == '=';
    if (code_assignment && !digit && !other && IsLower(value[0])) {
      int case_changes = 0;
      for (size_t k = 1; k < value.size(); ++k)
        case_changes += IsUpper(value[k]) != IsUpper(value[k - 1]);
      if (case_changes <= 6 && value.size() >= 2 * static_cast<size_t>(case_changes) + 4) return;
    }
  }
  if (prose && !digit) {
    // "the password is Sunfl@wer": without a digit, a symbol inside letters; or letters whose
    // case changes four times or more ("vEAzircDGPjW"; words and brand names such as
    // "JavaScript" or "McDonald" change it at most three times).
    bool symbol = false;
    int case_changes = 0;
    for (size_t k = 1; k < value.size(); ++k) {
      if (k + 1 < value.size()) symbol |= std::strchr("!@#$%^&*+=?~", value[k]) != nullptr;
      case_changes +=
          IsAlpha(value[k]) && IsAlpha(value[k - 1]) && IsUpper(value[k]) != IsUpper(value[k - 1]);
    }
    const bool random_case = value.size() >= 8 && case_changes >= 4;
    if (!(symbol || random_case) || value.size() < 6 || !(upper || lower)) return;
  }
  float score;
  const char* det;
  if (type == kPassword) {
    if (value.size() < 4) return;
    score = quote ? 0.88f : 0.8f;
    det = "password_assignment";
  } else if (uuid) {
    score = 0.8f;
    det = "secret_assignment_uuid";
  } else {
    if (value.size() < 16) {
      // Short keys only under a service's name, and only plain random alphanumerics with letters
      // and digits ("build-2024-11" under "twitter_bot_token" is a tag).
      if (value.size() < 12 || !NamesService(id) || other || !digit || !(upper || lower)) return;
    }
    if (!(digit || (upper && lower))) return;
    if (IsSlug(value)) return;
    // A quoted phrase ("Please set your token in the settings 2") is text, not a key.
    if (std::count(value.begin(), value.end(), ' ') >= 2) return;
    if (ShannonEntropy(value) < 3.0) return;
    if (!PlausibleTail(value)) return;
    // Digests and ids named as such are not secrets.
    if (id.find("hash") != std::string::npos || id.find("sha") != std::string::npos ||
        id.find("digest") != std::string::npos || id.find("checksum") != std::string::npos)
      return;
    score = 0.85f;
    det = "secret_assignment";
  }
  AddCandidate(out, vs, ve, type, score, det);
}

}  // namespace refinery::pii
