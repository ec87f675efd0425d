#include "refinery/detect/mail_parts.h"

#include <cstring>

#include "refinery/core/ascii.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

namespace {

constexpr size_t kLineLimit = 256;  // bytes looked back for a line's start (RFC 5322: 78 a line)
constexpr int kContinuations = 8;   // folded lines looked back for a field's name

// The start of the line holding `pos`, or npos when it lies more than kLineLimit bytes back.
size_t LineStart(std::string_view text, size_t pos) {
  const size_t floor = pos > kLineLimit ? pos - kLineLimit : 0;
  const void* nl = memrchr(text.data() + floor, '\n', pos - floor);
  if (nl != nullptr) return static_cast<const char*>(nl) - text.data() + 1;
  return floor == 0 ? 0 : std::string_view::npos;
}

bool Base64Byte(unsigned char c) { return IsAlnum(c) || c == '+' || c == '/' || c == '='; }

// Fields whose values machines write. Exact names, then prefixes ("X-MS-Exchange-..."). Not
// "References" or "In-Reply-To": a paper's "References:" heads an indented list of authors.
bool MachineFieldName(std::string_view name) {
  static constexpr std::string_view kNames[] = {"received",
                                                "return-path",
                                                "content-type",
                                                "content-transfer-encoding",
                                                "content-disposition",
                                                "content-id",
                                                "mime-version",
                                                "message-id",
                                                "dkim-signature",
                                                "domainkey-signature",
                                                "authentication-results",
                                                "received-spf",
                                                "x-mailer",
                                                "x-mimeole",
                                                "x-originating-ip",
                                                "x-priority",
                                                "x-msmail-priority",
                                                "x-beenthere",
                                                "x-mailman-version",
                                                "x-virus-scanned",
                                                "x-received",
                                                "precedence",
                                                "errors-to",
                                                "thread-index",
                                                "x-original-arrival-time",
                                                "user-agent"};
  static constexpr std::string_view kPrefixes[] = {"x-ms-", "x-spam", "x-google-", "x-gm-",
                                                   "arc-",  "list-",  "x-mailman"};
  if (IsOneOfIgnoringAsciiCase(name, kNames)) return true;
  for (std::string_view p : kPrefixes)
    if (name.size() > p.size() && EqualsIgnoringAsciiCase(name.substr(0, p.size()), p)) return true;
  return false;
}

}  // namespace

bool InMachineHeader(std::string_view text, size_t pos) {
  size_t line = LineStart(text, pos);
  for (int k = 0; k <= kContinuations && line != std::string_view::npos; ++k) {
    if (line < text.size() && (text[line] == ' ' || text[line] == '\t')) {
      // A folded line continues the field above it.
      if (line == 0) return false;
      line = LineStart(text, line - 1);
      continue;
    }
    size_t colon = line;
    while (colon < text.size() && colon - line < 40 && (IsAlnum(text[colon]) || text[colon] == '-'))
      ++colon;
    return colon > line && colon < text.size() && text[colon] == ':' &&
           MachineFieldName(text.substr(line, colon - line));
  }
  return false;
}

bool OnBoundaryLine(std::string_view text, size_t start) {
  if (start < 2 || text.compare(start - 2, 2, "--") != 0 || (start > 2 && text[start - 3] != '\n'))
    return false;
  size_t stop = start;
  while (stop < text.size() && stop - start <= 70 && text[stop] != '\n' && text[stop] != '\r' &&
         text[stop] != ' ')
    ++stop;
  return stop == text.size() || text[stop] == '\n' || text[stop] == '\r';
}

bool InEncodedLine(std::string_view text, size_t start, size_t end) {
  // Out from the span to the line's ends, stopping at the first byte no base64 line holds (in
  // prose, the space beside a word).
  size_t line = start;
  while (line > 0 && start - line <= kLineLimit && Base64Byte(text[line - 1])) --line;
  if (line > 0 && text[line - 1] != '\n') return false;
  size_t stop = end;
  while (stop < text.size() && stop - line <= kLineLimit && Base64Byte(text[stop])) ++stop;
  if (stop < text.size() && text[stop] != '\n' && text[stop] != '\r') return false;
  if (stop - line < 40) return false;
  bool digit = false, upper = false, lower = false;
  for (size_t i = line; i < stop; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    digit |= IsDigit(c);
    upper |= IsUpper(c);
    lower |= IsLower(c);
  }
  return digit && upper && lower;
}

}  // namespace refinery::pii
