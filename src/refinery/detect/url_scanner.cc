// URLs: "http(s)://", "ftp://" and "www." addresses whose host ends in a real top-level domain
// (or is an IPv4 address after a scheme), and bare host names under the generic TLDs
// ("example.com/docs"). Trailing prose punctuation and an unbalanced closing
// bracket are not part of the URL. Credentials, e-mail and IP addresses inside a URL keep
// their own, higher-scored spans (see KeptInsideUrl).
#include <algorithm>
#include <cstring>
#include <string>

#include "refinery/core/ascii.h"
#include "refinery/detect/pii_scanners.h"
#include "refinery/detect/validators.h"

namespace refinery::pii {

namespace {

constexpr size_t kMaxUrl = 2048;

// Generic and sponsored TLDs common in text. Two-letter country codes are all accepted (the
// unassigned ones are too rare in prose to matter), punycode TLDs too.
bool KnownTld(std::string_view tld) {
  if (tld.size() == 2) return IsAlpha(tld[0]) && IsAlpha(tld[1]);
  std::string l = AsciiLowered(tld);
  if (l.size() > 4 && l.compare(0, 4, "xn--") == 0) return true;
  static const char* const kTlds[] = {
      "com",    "org",    "net",   "edu",       "gov",      "mil",     "int",     "info",
      "biz",    "name",   "pro",   "mobi",      "aero",     "coop",    "museum",  "jobs",
      "travel", "tel",    "asia",  "cat",       "post",     "app",     "dev",     "page",
      "xyz",    "online", "site",  "website",   "tech",     "store",   "shop",    "blog",
      "cloud",  "club",   "live",  "news",      "top",      "wiki",    "art",     "design",
      "media",  "agency", "email", "digital",   "network",  "systems", "company", "services",
      "world",  "today",  "space", "studio",    "global",   "academy", "school",  "health",
      "io",     "law",    "bank",  "insurance", "finance",  "church",  "social",  "group",
      "life",   "link",   "press", "solutions", "software", "center",  "works",   "zone"};
  for (const char* t : kTlds)
    if (l == t) return true;
  return false;
}

bool HostByte(unsigned char c) { return IsAlnum(c) || c == '-' || c == '.' || c >= 0x80; }

// Bytes a URL's path, query or fragment may hold in running text.
bool PathByte(unsigned char c) {
  if (c <= ' ' || c == 0x7f) return false;
  return std::strchr("\"'<>`{}|\\^", c) == nullptr;
}

// Whether [s, e) is a host name with a known TLD (or, after a scheme, an IPv4 address).
bool ValidHost(std::string_view host, bool scheme) {
  if (host.empty() || host.size() > 253) return false;
  uint8_t ip[4];
  if (scheme && ParseIpv4(host, ip)) return true;
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  for (size_t i = 0; i < host.size(); ++i) {
    const bool edge = i == 0 || host[i - 1] == '.' || i + 1 == host.size() || host[i + 1] == '.';
    if (host[i] == '.' && i > 0 && host[i - 1] == '.') return false;  // empty label
    if (host[i] == '-' && edge) return false;
  }
  return KnownTld(host.substr(dot + 1));
}

// Prose punctuation after a URL is not part of it; a closing bracket only when it closes one
// opened inside the URL ("(see https://en.wikipedia.org/wiki/Foo_(bar))"). The new end.
size_t TrimUrlEnd(std::string_view text, size_t start, size_t host_end, size_t e) {
  while (e > host_end) {
    const char c = text[e - 1];
    if (std::strchr(".,;:!?*", c)) {
      --e;
      continue;
    }
    if (c == ')' || c == ']') {
      const char open = c == ')' ? '(' : '[';
      std::string_view u = text.substr(start, e - start);
      if (std::count(u.begin(), u.end(), open) < std::count(u.begin(), u.end(), c)) {
        --e;
        continue;
      }
    }
    break;
  }
  return e;
}

// A social network's profile in the URL ending at `e` whose host is [hs, host_end): the user's
// name or handle in its path ("linkedin.com/in/elin-lindqvist", "instagram.com/jess.wanders",
// "github.com/mfischer") is a person of its own, replaced where URLs are not (anonymize's
// default: the URL itself is report-only). Session fifty.
void AddProfileName(std::string_view text, size_t hs, size_t host_end, size_t e, Candidates& out) {
  std::string_view host = text.substr(hs, host_end - hs);
  if (host.size() > 4 && EqualsIgnoringAsciiCase(host.substr(0, 4), "www.")) host.remove_prefix(4);
  struct Site {
    std::string_view host, prefix;
  };
  static constexpr Site kSites[] = {
      {"linkedin.com", "/in/"}, {"facebook.com", "/"}, {"instagram.com", "/"},
      {"twitter.com", "/"},     {"x.com", "/"},        {"github.com", "/"},
      {"tiktok.com", "/@"},     {"medium.com", "/@"},  {"youtube.com", "/@"},
      {"threads.net", "/@"},    {"gitlab.com", "/"},   {"uk.linkedin.com", "/in/"}};
  for (const Site& site : kSites) {
    if (!EqualsIgnoringAsciiCase(host, site.host)) continue;
    const size_t s = host_end + site.prefix.size();
    if (s >= e || text.substr(host_end, site.prefix.size()) != site.prefix) return;
    size_t n = s;
    while (n < e && (IsAlnum(text[n]) || text[n] == '-' || text[n] == '_' || text[n] == '.')) ++n;
    while (n > s && (text[n - 1] == '.' || text[n - 1] == '-')) --n;
    const std::string_view slug = text.substr(s, n - s);
    // (The sites' own pages are no one's: "facebook.com/groups/...", "github.com/features".)
    static constexpr std::string_view kPages[] = {
        "groups",   "pages",    "events",        "watch",    "share",       "sharer", "login",
        "signup",   "search",   "hashtag",       "explore",  "home",        "about",  "help",
        "settings", "features", "orgs",          "topics",   "marketplace", "i",      "intent",
        "company",  "school",   "jobs",          "feed",     "p",           "reel",   "stories",
        "status",   "messages", "notifications", "policies", "privacy",     "legal",  "sponsors"};
    if (slug.size() < 3 || slug.size() > 64 || IsOneOf(slug, kPages)) return;
    AddCandidate(out, s, n, kPerson, 0.75f, "profile_url");
    return;
  }
}

// "example.com", "docs.example.org/guide?x=1", "bbc.co.uk": a host without scheme or "www."
// (those have their own triggers), `end` at its TLD. Not a host when glued to '@' (e-mail),
// '/' or ':' (a path or a scheme URL), '.' after a word (a file or code name), nor when the
// TLD is written in capitals ("System.Net", "ASP.NET": code, not hosts).
void ScanBareHost(std::string_view text, size_t end, Candidates& out) {
  size_t start = end;
  while (start > 0 && (IsAlnum(text[start - 1]) || text[start - 1] == '-' ||
                       (text[start - 1] == '.' && start >= 2 && IsAlnum(text[start - 2]))))
    --start;
  if (start > 0 && (IsWordByte(text[start - 1]) || std::strchr("@./:\\-", text[start - 1]))) return;
  if (end - start >= 4 && EqualsIgnoringAsciiCase(text.substr(start, 4), "www."))
    return;  // the "www." trigger reports it
  size_t host_end = end;
  while (host_end < text.size() &&
         (IsAlnum(text[host_end]) || text[host_end] == '-' ||
          (text[host_end] == '.' && host_end + 1 < text.size() && IsAlnum(text[host_end + 1]))))
    ++host_end;
  std::string_view host = text.substr(start, host_end - start);
  const size_t dot = host.rfind('.');
  std::string_view tld = host.substr(dot + 1);
  for (char c : tld)
    if (!IsLower(c)) return;
  // Only the TLDs the trigger names ("acme.company" is no bare host): a generic one, or a
  // country code under co / com / org / ac / gov.
  bool bare = false;
  for (std::string_view g : {"com", "org", "net", "edu", "gov"}) bare |= tld == g;
  if (!bare && tld.size() == 2 && dot != std::string_view::npos && dot > 0) {
    const size_t dot2 = host.rfind('.', dot - 1);
    std::string_view sld = host.substr(dot2 == std::string_view::npos ? 0 : dot2 + 1,
                                       dot - (dot2 == std::string_view::npos ? 0 : dot2 + 1));
    for (std::string_view g : {"co", "com", "org", "ac", "gov"}) bare |= sld == g;
    bare &= dot2 != std::string_view::npos;  // "co.uk" alone is no host
  }
  if (!bare || !ValidHost(host, false)) return;
  size_t e = host_end;
  if (e < text.size() && (text[e] == '@' || text[e] == '(' || IsWordByte(text[e]))) return;
  if (e < text.size() && text[e] == '/') {
    const size_t limit = std::min(text.size(), start + kMaxUrl);
    while (e < limit && PathByte(text[e])) ++e;
  }
  e = TrimUrlEnd(text, start, host_end, e);
  AddCandidate(out, start, e, kUrl, 0.55f, "url_host");
  AddProfileName(text, start, host_end, e, out);
}

}  // namespace

bool KeptInsideUrl(uint16_t type) {
  return type == kPassword || type == kApiKey || type == kAuthToken || type == kPrivateKey ||
         type == kEmail || type == kIp;
}

void ScanUrl(std::string_view text, size_t end, int form, Candidates& out) {
  if (form == 2) return ScanBareHost(text, end, out);
  const bool www = form == 1;
  size_t start, host;
  if (www) {
    start = end - 4;  // "www."
    host = start;
    if (start > 0 && (IsWordByte(text[start - 1]) || text[start - 1] == '.' ||
                      text[start - 1] == '/' || text[start - 1] == '@'))
      return;  // part of a scheme URL (scanned from its scheme) or of another word
  } else {
    host = end;  // after "://"
    start = end - 3;
    while (start > 0 && end - start < 10 && IsAlpha(text[start - 1])) --start;
    if (start > 0 && IsWordByte(text[start - 1])) return;
  }
  // Authority: up to the first '/', '?' or '#'; credentials end at its last '@'.
  size_t i = host;
  const size_t limit = std::min(text.size(), start + kMaxUrl);
  while (i < limit && PathByte(text[i]) && text[i] != '/' && text[i] != '?' && text[i] != '#') ++i;
  size_t authority_end = i;
  size_t at = text.substr(host, authority_end - host).rfind('@');
  size_t hs = at == std::string_view::npos ? host : host + at + 1;
  if (www && hs != host) return;
  size_t he = hs;
  while (he < authority_end && HostByte(text[he])) ++he;
  size_t host_end = he;
  while (host_end > hs && text[host_end - 1] == '.') --host_end;  // "see www.x.com."
  if (!ValidHost(text.substr(hs, host_end - hs), !www)) return;
  size_t e = host_end;
  if (he == authority_end || (text[he] == ':' && he + 1 < text.size() && IsDigit(text[he + 1]))) {
    e = he;
    if (e < authority_end && text[e] == ':') {
      ++e;
      while (e < authority_end && IsDigit(text[e])) ++e;
    }
    if (e == authority_end) {
      while (e < limit && PathByte(text[e])) ++e;
    }
  }
  e = TrimUrlEnd(text, start, host_end, e);
  AddCandidate(out, start, e, kUrl, 0.6f, www ? "url_www" : "url");
  AddProfileName(text, hs, host_end, e, out);
}

}  // namespace refinery::pii
