#include "refinery/detect/addressed_names.h"

#include <string>

#include "refinery/core/ascii.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {
namespace {

// Clauses that address the person named after them, whole and lower-cased.
constexpr std::string_view kFormulas[] = {
    // thanks, greetings, farewells, apologies, praise
    "thanks",
    "thank you",
    "thanks so much",
    "thank you so much",
    "many thanks",
    "sorry",
    "so sorry",
    "hi",
    "hey",
    "hello",
    "hi there",
    "hey there",
    "bye",
    "goodbye",
    "good night",
    "goodnight",
    "good morning",
    "good evening",
    "good afternoon",
    "morning",
    "night",
    "good luck",
    "well done",
    "congrats",
    "congratulations",
    "cheers",
    "welcome",
    "welcome back",
    "yes",
    "no",
    "yeah",
    "okay",
    "ok",
    "please",
    "listen",
    "look",
    "wait",
    "come on",
    "come here",
    "sit down",
    "hurry up",
    "calm down",
    "of course",
    "happy birthday",
    "good job",
    "great job",
    "nice work",
    "take care",
    "see you",
    "see you soon",
    "oh",
    "ah",
    "trust me",
    "go on",
    "stop",
    "relax",
    "get in",
    "get up",
    "wake up",
    "be careful",
    "careful",
    "don't worry",
    "dont worry",
    "never mind",
    "excuse me",
    "pardon me",
    "love you",
    "miss you",
    "bless you",
    "all right",
    "alright",
    "right",
    "sure",
    "true",
    "indeed"};

}  // namespace

bool AddressedAtClauseEnd(std::string_view text, uint32_t start, uint32_t end) {
  if (start < 3 || end > text.size() || text[start - 1] != ' ' || text[start - 2] != ',')
    return false;
  // After: the sentence's end, or ", " and a word in lower case.
  if (end < text.size()) {
    const char c = text[end];
    const bool closes = c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r';
    const bool goes_on = c == ',' && end + 2 < text.size() && text[end + 1] == ' ' &&
                         IsLower(static_cast<unsigned char>(text[end + 2]));
    if (!closes && !goes_on) return false;
    // ("Thanks, St. Louis" and "Hi, Mr. Smith" are no one word before the sentence's end.)
    if (c == '.' && end + 1 < text.size() && text[end + 1] != ' ' && text[end + 1] != '\n')
      return false;
  }
  // The clause: from the sentence's start (".", "!", "?", a line break, a colon, a quotation
  // mark or the text's start) to the comma; no other comma inside it.
  const size_t comma = start - 2;
  size_t from = comma;
  while (from > 0) {
    const char c = text[from - 1];
    // (A speaker's label or a quotation opens the clause: "MARGARET: Sit down, Devon.")
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '"' || c == ':' || c == ';' ||
        c == '(')
      break;
    if (c == ',') return false;
    if (comma - from > 48) return false;
    --from;
  }
  while (from < comma && text[from] == ' ') ++from;
  if (from >= comma) return false;
  std::string clause;
  int words = 1;
  bool capital_after_first = false;
  for (size_t k = from; k < comma; ++k) {
    const char c = text[k];
    if (c == ' ') {
      ++words;
      if (k + 1 < comma && IsUpper(static_cast<unsigned char>(text[k + 1])) &&
          !(text[k + 1] == 'I' && (k + 2 == comma || !IsAsciiLetter(text[k + 2]))))
        capital_after_first = true;
    }
    clause.push_back(AsciiLower(c));
  }
  if (words > 6) return false;
  for (std::string_view f : kFormulas)
    if (clause == f) return true;
  if (capital_after_first) return false;
  const std::string_view c(clause);
  return c.ends_with(" you") || c.ends_with(" me");
}

bool IsLineLabel(std::string_view text, uint32_t start, uint32_t end) {
  return (start == 0 || text[start - 1] == '\n') && end + 1 < text.size() && text[end] == ':' &&
         text[end + 1] == ' ';
}

std::vector<uint32_t> PersonLabelLines(std::string_view text,
                                       const std::function<bool(std::string_view)>& person) {
  std::vector<uint32_t> starts;
  for (size_t at = 0; at < text.size() && starts.size() < 2;) {
    size_t e = at;
    while (e < text.size() && e - at < 24 && IsUpper(static_cast<unsigned char>(text[e]))) ++e;
    if (e - at >= 2 && IsLineLabel(text, static_cast<uint32_t>(at), static_cast<uint32_t>(e)) &&
        person(text.substr(at, e - at)))
      starts.push_back(static_cast<uint32_t>(at));
    const size_t nl = text.find('\n', e);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return starts;
}

}  // namespace refinery::pii
