#include "refinery/detect/ner_acronyms.h"

#include <algorithm>

#include "refinery/core/ascii.h"
#include "refinery/detect/ner_model.h"

namespace refinery::ner {

namespace {

bool IsAsciiAlnum(char c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9'); }

// A token that can be an acronym: 2 to 8 capitals, digits or "&", starting with a capital.
bool AcronymShaped(std::string_view w) {
  if (w.size() < 2 || w.size() > 8 || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  for (char c : w)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '&')) return false;
  return true;
}

struct Definition {
  std::string_view acronym;
  NerLabel label;
};

// More definitions than this in one text are not looked for (each later mention is compared
// with every definition).
constexpr size_t kMaxDefinitions = 32;

}  // namespace

bool AbbreviatesName(std::string_view acronym, std::string_view long_form) {
  if (acronym.empty() || long_form.size() <= acronym.size()) return false;
  ptrdiff_t s = static_cast<ptrdiff_t>(acronym.size()) - 1;
  ptrdiff_t l = static_cast<ptrdiff_t>(long_form.size()) - 1;
  for (; s >= 0; --s) {
    const char c = AsciiLower(acronym[static_cast<size_t>(s)]);
    if (!IsAsciiAlnum(c)) continue;
    // The acronym's first letter must start a word of the long form.
    while (l >= 0 && (AsciiLower(long_form[static_cast<size_t>(l)]) != c ||
                      (s == 0 && l > 0 && IsAsciiAlnum(long_form[static_cast<size_t>(l - 1)]))))
      --l;
    if (l < 0) return false;
    --l;
  }
  return true;
}

uint64_t MarkDefinedAcronyms(std::string_view text, const std::vector<Token>& tokens,
                             std::vector<uint8_t>& tags, std::vector<int32_t>& margins) {
  const size_t n = tokens.size();
  uint64_t steps = n;
  Definition defs[kMaxDefinitions];
  size_t count = 0;
  auto is = [&](size_t k, std::string_view w) { return TokenText(text, tokens[k]) == w; };
  for (size_t j = 1; j + 2 < n && count < kMaxDefinitions; ++j) {
    // "NAME ( ACRONYM )", the name an organisation or place of the tags.
    if (tokens[j + 1].cap != kCapUpper || !is(j, "(") || !is(j + 2, ")")) continue;
    const uint8_t last = tags[j - 1];
    if (last == 0 || (TagLabel(last) != kOrg && TagLabel(last) != kLoc) || tags[j + 1] != 0)
      continue;
    const std::string_view acronym = TokenText(text, tokens[j + 1]);
    if (!AcronymShaped(acronym)) continue;
    size_t b = j - 1;
    while (b > 0 && !IsBegin(tags[b])) --b, ++steps;
    const std::string_view name = text.substr(tokens[b].start, tokens[j - 1].end - tokens[b].start);
    if (!AbbreviatesName(acronym, name)) continue;
    const NerLabel label = TagLabel(last);
    tags[j + 1] = BeginTag(label);
    margins[j + 1] = std::max(margins[j + 1], 1);
    defs[count++] = {acronym, label};
  }
  if (count == 0) return steps;
  // The acronym's other mentions.
  for (size_t i = 0; i < n; ++i) {
    if (tokens[i].cap != kCapUpper || tags[i] != 0) continue;
    const std::string_view w = TokenText(text, tokens[i]);
    steps += count;
    for (size_t d = 0; d < count; ++d) {
      if (w != defs[d].acronym) continue;
      tags[i] = BeginTag(defs[d].label);
      margins[i] = std::max(margins[i], 1);
      break;
    }
  }
  return steps;
}

}  // namespace refinery::ner
