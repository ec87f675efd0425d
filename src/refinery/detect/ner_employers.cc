#include "refinery/detect/ner_employers.h"

#include <array>
#include <span>

#include "refinery/core/ascii.h"
#include "refinery/detect/name_gazetteer.h"

namespace refinery::ner {

namespace {

// A cue: the word before the name (`last`) and, when the cue has two words, the word before it
// (`first`, any case: "Previously at Philips"). After a workplace cue a name is a workplace or a
// school and never a person ("a contract with" and "partnered with" name persons too: "a
// tentative contract with Muhammed Ali"); after a weak cue it may also be a person's ("joined
// Smith on stage", "works for Mrs Patel").
struct Cue {
  std::string_view last;
  std::span<const std::string_view> first;  // empty: the last word alone is the cue
  bool weak;
};
constexpr std::string_view kAt[] = {
    "works", "worked", "working", "work", "job", "years", "career", "employee", "employees",
    "intern", "interned", "internship", "studied", "studies", "studying", "teaches", "taught",
    "teaching", "lecturer", "professor", "analyst", "engineer", "researcher", "scientist",
    "executive", "previously", "formerly", "tenure", "enrolled",
    // Session forty-two: the market report's people and figures of a firm ("Analysts at
    // Jefferies", "Economists at Nomura", "Revenue at Genmab rose", "Profits at Calpine").
    "analysts", "economist", "economists", "strategist", "strategists", "executives", "traders",
    "revenue", "revenues", "sales", "profit", "profits", "earnings", "turnover"};
constexpr std::string_view kFrom[] = {"graduated", "graduating", "degree"};
constexpr std::string_view kOf[] = {"graduate",  "alumnus",    "alumni",   "shares",
                                    "executive", "co-founder", "cofounder"};
constexpr std::string_view kIn[] = {"shares", "stake"};
constexpr std::string_view kForStrong[] = {"spokesman", "spokeswoman", "spokesperson"};
constexpr std::string_view kTo[] = {"accepted", "admitted"};
constexpr std::string_view kForWeak[] = {"works", "worked", "working", "work"};
constexpr std::string_view kBy[] = {"employed", "hired"};
constexpr Cue kCues[] = {{"at", kAt, false},      {"from", kFrom, false},     {"of", kOf, false},
                         {"in", kIn, false},      {"for", kForStrong, false}, {"to", kTo, false},
                         {"for", kForWeak, true}, {"by", kBy, true},          {"joined", {}, true},
                         {"joins", {}, true},     {"joining", {}, true},      {"founded", {}, true},
                         {"left", {}, true},      {"quit", {}, true}};

// Whether `w` (2 to 7 bytes) may be a cue's last word: its length, first letter (any case) and
// second letter, in one bit test before any comparison of strings (this runs for most entities
// of a text). The bits are derived from kCues, so that a cue added there is let through here.
constexpr size_t CueKey(size_t size, char first, char second) {
  return (size * 26 + static_cast<size_t>((first | 0x20) - 'a')) * 26 +
         static_cast<size_t>(second - 'a');
}
constexpr size_t kCueKeys = 8 * 26 * 26;
constexpr std::array<uint64_t, (kCueKeys + 63) / 64> kCueBits = [] {
  std::array<uint64_t, (kCueKeys + 63) / 64> bits{};
  for (const Cue& cue : kCues) {
    const size_t key = CueKey(cue.last.size(), cue.last[0], cue.last[1]);
    bits[key / 64] |= uint64_t{1} << (key % 64);
  }
  return bits;
}();
bool MaybeCueWord(std::string_view w) {
  if (w.size() < 2 || w.size() > 7) return false;
  const char a = static_cast<char>(w[0] | 0x20), b = w[1];
  if (a < 'a' || a > 'z' || b < 'a' || b > 'z') return false;
  const size_t key = CueKey(w.size(), a, b);
  return (kCueBits[key / 64] >> (key % 64)) & 1;
}

// The word that ends right before byte `end` (ASCII letters and '-'), empty when none.
std::string_view WordBefore(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0 && end - b < 16 && (IsAsciiLetter(text[b - 1]) || (text[b - 1] == '-' && b < end)))
    --b;
  if (b > 0 && IsAsciiLetter(text[b - 1])) return {};  // longer than any cue's word
  return text.substr(b, end - b);
}

}  // namespace

void MarkEmployersAndSchools(std::string_view text, const NerGazetteer& gazetteer,
                             std::vector<NerEntity>& entities,
                             std::vector<std::string>& not_persons) {
  for (NerEntity& e : entities) {
    // (An organisation after a cue is confirmed: later guesses from the word alone, such as a
    // surname read as a firm's, leave it.)
    if (e.by_rule || e.start < 4) continue;
    // Every cue ends in a space after a lower-case letter: most entities stop at that test.
    if (text[e.start - 1] != ' ' || text[e.start - 2] < 'a' || text[e.start - 2] > 'z') continue;
    size_t end = e.start - 1;  // the space before the name
    if (end >= 4 && text.compare(end - 4, 4, " the") == 0) end -= 4;
    const std::string_view last = WordBefore(text, end);
    if (!MaybeCueWord(last)) continue;
    bool strong = false, weak = false;
    std::string_view first;
    bool first_read = false;
    for (const Cue& cue : kCues) {
      if (last != cue.last &&
          !((last[0] >= 'A' && last[0] <= 'Z') && EqualsIgnoringAsciiCase(last, cue.last)))
        continue;
      bool hit = cue.first.empty();
      if (!hit) {
        if (!first_read) {
          const size_t before = static_cast<size_t>(last.data() - text.data());
          first = before >= 2 && text[before - 1] == ' ' ? WordBefore(text, before - 1)
                                                         : std::string_view();
          first_read = true;
        }
        for (std::string_view w : cue.first) {
          if (!first.empty() && (first == w || ((first[0] >= 'A' && first[0] <= 'Z') &&
                                                EqualsIgnoringAsciiCase(first, w)))) {
            hit = true;
            break;
          }
        }
      }
      if (hit) {
        (cue.weak ? weak : strong) = true;
        break;
      }
    }
    if (!strong && !weak) continue;
    const std::string_view span = text.substr(e.start, e.end - e.start);
    // A name, not a handle or punctuation the tagger took ("joining @ shadkmusic").
    if (!(span[0] >= 'A' && span[0] <= 'Z') && !(span[0] & 0x80)) continue;
    if (span.find(',') != std::string_view::npos || span.find('\n') != std::string_view::npos)
      continue;
    const uint16_t place = gazetteer.LookupPhrase(span);
    if (place & (kGazCountry | kGazRegion)) continue;
    if (weak) {
      if (span.find(' ') != std::string_view::npos) continue;
      if (place & (kGazCity | kGazBigCity)) continue;
      if (pii::NameFlags(span) & (pii::kFirstName | pii::kLastName)) continue;
    }
    if (e.label == kPer) not_persons.push_back(AsciiLowered(span));
    if (e.label == kOrg || e.label == kPer || e.label == kLoc) {
      e.label = kOrg;
      e.by_rule = true;
    }
  }
}

}  // namespace refinery::ner
