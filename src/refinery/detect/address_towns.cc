#include "refinery/detect/address_towns.h"

#include <algorithm>
#include <string_view>

#include "refinery/core/ascii.h"
#include "refinery/detect/address_parts.h"
#include "refinery/detect/ner_dates.h"
#include "refinery/detect/ner_pii.h"

namespace refinery::pii {

namespace {

// The start of a European postcode that ends right before byte `end` (a space then the town
// follow): four or five digits ("10117", "1010"), Czech and Slovak "100 00", Polish "31-042";
// `end` when none does.
size_t PostcodeStartBefore(std::string_view text, size_t end) {
  size_t d = end;
  while (d > 0 && IsDigit(static_cast<unsigned char>(text[d - 1])) && end - d < 5) --d;
  const size_t digits = end - d;
  if (digits >= 4 && digits <= 5) return d;
  // "100 00" / "040 01" and "31-042": two groups.
  if (digits == 2 && d >= 4 && text[d - 1] == ' ' && IsDigit(text[d - 2]) && IsDigit(text[d - 3]) &&
      IsDigit(text[d - 4]) && (d == 4 || !IsAlnum(static_cast<unsigned char>(text[d - 5]))))
    return d - 4;
  if (digits == 3 && d >= 3 && text[d - 1] == '-' && IsDigit(text[d - 2]) && IsDigit(text[d - 3]) &&
      (d == 3 || !IsAlnum(static_cast<unsigned char>(text[d - 4]))))
    return d - 3;
  return end;
}

// The start of the house number that ends at byte `end` ("77", "1511/230", "5-7", "28a"): one to
// four digits, a letter, a "/" or "-" and more digits after them, a space before; npos when
// there is none.
size_t HouseNumberStart(std::string_view text, size_t end) {
  size_t h = end;
  if (h > 0 && IsAsciiLetter(text[h - 1])) --h;  // "12a"
  size_t d = h;
  while (d > 0 &&
         (IsDigit(static_cast<unsigned char>(text[d - 1])) || text[d - 1] == '/' ||
          text[d - 1] == '-') &&
         h - d < 9)
    --d;
  if (d == h || !IsDigit(static_cast<unsigned char>(text[d])) || d < 3 || text[d - 1] != ' ')
    return std::string_view::npos;
  size_t run = d;
  while (run < h && IsDigit(static_cast<unsigned char>(text[run]))) ++run;
  return run - d > 4 ? std::string_view::npos : d;
}

// The start of the street's name that ends at byte `end` (the space before the house number):
// one to four words back, the first capitalised, the others capitalised or a particle ("Unter
// den Linden", "Am Sandtorkai"); npos when no capitalised word is there.
size_t StreetNameStart(std::string_view text, size_t end) {
  static constexpr std::string_view kParticles[] = {
      "den", "der", "dem", "des", "am", "an", "im",  "auf", "zum", "zur", "von", "van", "de",
      "la",  "le",  "di",  "del", "da", "do", "dos", "das", "du",  "na",  "nad", "pod"};
  size_t street = std::string_view::npos;
  size_t w_end = end;
  for (int words = 0; words < 4 && w_end > 0; ++words) {
    size_t w = w_end;
    while (w > 0 && (IsAlpha(static_cast<unsigned char>(text[w - 1])) || text[w - 1] & 0x80 ||
                     text[w - 1] == '-' || text[w - 1] == '.'))
      --w;
    if (w == w_end) break;
    const std::string_view word = text.substr(w, w_end - w);
    if (IsUpper(static_cast<unsigned char>(word[0])) || (word[0] & 0x80))
      street = w;
    else if (!IsOneOf(word, kParticles))
      break;
    if (w == 0 || text[w - 1] != ' ') break;
    w_end = w - 1;
  }
  return street;
}

// The first word of `span`: up to its first space.
std::string_view FirstWord(std::string_view span) { return span.substr(0, span.find(' ')); }

}  // namespace

void AddStreetsBeforePostcodeTowns(const ner::NerModel& model, std::string_view text,
                                   const std::vector<ner::NerEntity>& entities, Candidates& out) {
  std::vector<std::pair<uint32_t, uint32_t>> streets;  // (start, greatest end so far)
  bool streets_read = false;
  uint32_t added_end = 0;
  for (const ner::NerEntity& e : entities) {
    if (e.label != ner::kLoc || e.start < 12 || text[e.start - 1] != ' ') continue;
    const size_t post = PostcodeStartBefore(text, e.start - 1);
    if (post == e.start - 1 || post < 8) continue;
    // ", " (or a line break) before the postcode, the house number before that.
    size_t h = post;
    if (text[h - 1] == ' ' && text[h - 2] == ',')
      h -= 2;
    else if (text[h - 1] == '\n' || (text[h - 1] == ' ' && text[h - 2] == '\n'))
      h -= text[h - 1] == '\n' ? 1 : 2;
    else
      continue;
    const size_t number_end = h;
    const size_t d = HouseNumberStart(text, number_end);
    if (d == std::string_view::npos) continue;
    const size_t street = StreetNameStart(text, d - 1);
    if (street == std::string_view::npos) continue;
    // Not a word general text writes in lower case before the number ("Chapter 5, 1984 London",
    // "Section 3, 1000 Brussels").
    {
      size_t w = d - 1;
      while (w > street && text[w - 1] != ' ') --w;
      // Nor a date's month ("January 3, 2014 Preston", a dateline), nor an abbreviation ("Vol.
      // 12, 2014 London"; the street scanners read "Hauptstr. 5").
      const std::string_view last = text.substr(w, d - 1 - w);
      if ((GazetteerBits(model, last) & ner::kGazCaseLower) || ner::IsMonthName(last) ||
          last.back() == '.')
        continue;
    }
    // Where the street starts: the text's or a line's start, a comma, a colon, a lower-case word.
    if (street > 0) {
      const char before = street >= 2 ? text[street - 2] : '\n';
      const bool lower_word =
          text[street - 1] == ' ' && IsLower(static_cast<unsigned char>(before));
      if (!(text[street - 1] == '\n' || lower_word ||
            (text[street - 1] == ' ' && (before == ',' || before == ':' || before == '\n'))))
        continue;
    }
    // A city of the gazetteer, or any town of the tagger's after a postcode that is no plain
    // four digits, which years are too ("Praha" after "100 00").
    if (!(model.gazetteer().LookupWord(FirstWord(text.substr(e.start, e.end - e.start))) &
          (ner::kGazCity | ner::kGazBigCity)) &&
        e.start - 1 - post == 4 && IsDigit(static_cast<unsigned char>(text[post + 3])))
      continue;
    const uint32_t s = static_cast<uint32_t>(street);
    const uint32_t end =
        static_cast<uint32_t>(std::max<size_t>(e.end, AddressTail(text, number_end)));
    // Where no street is yet: the scanners' streets, sorted once at the first address here,
    // with the greatest end up to each, and the ones added here (in the text's order).
    if (!streets_read) {
      for (const Candidate& c : out)
        if (c.type == kStreet) streets.emplace_back(c.start, c.end);
      std::sort(streets.begin(), streets.end());
      for (size_t k = 1; k < streets.size(); ++k)
        streets[k].second = std::max(streets[k].second, streets[k - 1].second);
      streets_read = true;
    }
    const auto before_end =
        std::lower_bound(streets.begin(), streets.end(), std::make_pair(end, uint32_t{0}));
    const bool known =
        (before_end != streets.begin() && (before_end - 1)->second > s) || added_end > s;
    if (known) continue;
    out.push_back(Candidate{s, end, kStreet, 0.8f, "street_address_eu"});
    added_end = end;
  }
}

}  // namespace refinery::pii
