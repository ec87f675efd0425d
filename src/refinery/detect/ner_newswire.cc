#include "refinery/detect/ner_newswire.h"

#include <algorithm>
#include <utility>

#include "refinery/core/ascii.h"
#include "refinery/detect/ner_model.h"

namespace refinery::ner {

namespace {

bool IsNameWord(const Token& t) { return t.cap == kCapTitle || t.cap == kCapUpper; }

// "1996-08-30", "30/08/1996", "08.30.96": digits with at least one date separator.
bool IsNumericDate(std::string_view w) {
  size_t digits = 0, seps = 0;
  for (char c : w) {
    if ((c >= '0' && c <= '9')) {
      ++digits;
    } else if (c == '-' || c == '/' || c == '.') {
      ++seps;
    } else {
      return false;
    }
  }
  return digits >= 4 && seps >= 1 && seps <= 2;
}

bool IsWholeNumber(std::string_view w) {
  if (w.empty() || w.size() > 3) return false;
  for (char c : w)
    if (!(c >= '0' && c <= '9')) return false;
  return true;
}

// "(Reuters) -", "(AP)": the wire-service credit after a dateline's place.
bool IsWireCredit(std::string_view text, const Token* t, size_t n) {
  static constexpr std::string_view kServices[] = {"reuters", "reuter", "ap", "afp", "upi", "dpa"};
  return n >= 3 && TokenText(text, t[0]) == "(" && TokenText(text, t[2]) == ")" &&
         IsOneOfIgnoringAsciiCase(TokenText(text, t[1]), kServices);
}

// Tags [b, e) as one entity of `label`.
void TagRun(std::vector<uint8_t>& tags, size_t b, size_t e, NerLabel label) {
  for (size_t k = b; k < e; ++k) tags[k] = k == b ? BeginTag(label) : InsideTag(label);
}

// A run of capitalised words from token `b` (initials such as "St." count); returns its end.
size_t NameRunEnd(const std::vector<Token>& tokens, size_t b, size_t e) {
  size_t k = b;
  while (k < e && (IsNameWord(tokens[k]) || tokens[k].cap == kCapInitial)) ++k;
  return k;
}

void MarkDateline(std::string_view text, const std::vector<Token>& tokens, size_t b, size_t e,
                  std::vector<uint8_t>& tags, std::vector<int32_t>& margins) {
  size_t k = b, words = 0;
  while (k < e) {
    if (IsNameWord(tokens[k])) {
      ++words;
      ++k;
    } else if (k > b && TokenText(text, tokens[k]) == "," && k + 1 < e &&
               IsNameWord(tokens[k + 1])) {
      ++k;
    } else {
      break;
    }
  }
  if (words == 0 || words > 5 || k == e) return;
  const bool date =
      k + 1 == e && tokens[k].cap == kCapDigit && IsNumericDate(TokenText(text, tokens[k]));
  if (!date && !IsWireCredit(text, tokens.data() + k, e - k)) return;
  for (size_t p = b; p < k;) {
    size_t q = p;
    while (q < k && IsNameWord(tokens[q])) ++q;
    TagRun(tags, p, q, kLoc);
    for (size_t r = p; r < q; ++r) margins[r] = std::max(margins[r], 1);
    p = q + 1;  // past the comma
  }
}

// A bracketed list of scorers starting at token `k` ("(Kluivert 12, Litmanen 40)"): each entry a
// run of capitalised words and a whole number. Returns the token after ")", or `k` when the
// tokens there are no such list; `persons` receives the [begin, end) of each name.
size_t ScorerList(std::string_view text, const std::vector<Token>& tokens, size_t k, size_t e,
                  std::vector<std::pair<size_t, size_t>>& persons) {
  if (k >= e || TokenText(text, tokens[k]) != "(") return k;
  const size_t found = persons.size();
  for (size_t i = k + 1; i < e;) {
    const size_t run = NameRunEnd(tokens, i, e);
    if (run == i || run + 1 >= e || !IsWholeNumber(TokenText(text, tokens[run]))) break;
    persons.emplace_back(i, run);
    const std::string_view next = TokenText(text, tokens[run + 1]);
    if (next == ")") return run + 2;
    if (next != ",") break;
    i = run + 2;
  }
  persons.resize(found);
  return k;
}

void MarkResultLine(std::string_view text, const std::vector<Token>& tokens, size_t b, size_t e,
                    std::vector<uint8_t>& tags, std::vector<int32_t>& margins) {
  std::vector<std::pair<size_t, size_t>> scorers;
  const size_t run1 = NameRunEnd(tokens, b, e);
  if (run1 == b || run1 + 1 >= e || !IsWholeNumber(TokenText(text, tokens[run1]))) return;
  const size_t team2 = ScorerList(text, tokens, run1 + 1, e, scorers);
  const size_t run2 = NameRunEnd(tokens, team2, e);
  if (run2 == team2 || run2 >= e || !IsWholeNumber(TokenText(text, tokens[run2]))) return;
  if (ScorerList(text, tokens, run2 + 1, e, scorers) != e && run2 + 1 != e) return;
  TagRun(tags, b, run1, kOrg);
  TagRun(tags, team2, run2, kOrg);
  for (const auto& [pb, pe] : scorers) {
    TagRun(tags, pb, pe, kPer);
    for (size_t r = pb; r < pe; ++r) margins[r] = std::max(margins[r], 1);
  }
}

}  // namespace

void MarkNewswireLines(std::string_view text, const std::vector<Token>& tokens,
                       std::vector<uint8_t>& tags, std::vector<int32_t>& margins) {
  auto line_start = [&](size_t i) {
    if (i == 0) return true;
    for (uint32_t p = tokens[i - 1].end; p < tokens[i].start; ++p)
      if (text[p] == '\n') return true;
    return false;
  };
  const size_t n = tokens.size();
  for (size_t b = 0; b < n;) {
    size_t e = b + 1;
    while (e < n && !line_start(e)) ++e;
    // Both shapes are short lines that start with a capitalised word (result lines with their
    // scorers are longer).
    if (e - b <= 64 && IsNameWord(tokens[b])) {
      MarkDateline(text, tokens, b, e, tags, margins);
      MarkResultLine(text, tokens, b, e, tags, margins);
    }
    b = e;
  }
}

}  // namespace refinery::ner
