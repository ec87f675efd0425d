#include "refinery/detect/ner_forms.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/name_gazetteer.h"

namespace refinery::pii {
namespace {

// Letters (ASCII or any byte of a UTF-8 sequence: "Süßebier", "Élodie"), hyphens and
// apostrophes inside a name word.
bool IsNameByte(unsigned char c) { return IsAlpha(c) || (c & 0x80) || c == '-' || c == '\''; }

// The end of the name word that starts at `pos` (pos when there is none).
size_t WordEnd(std::string_view text, size_t pos) {
  while (pos < text.size() && IsNameByte(static_cast<unsigned char>(text[pos]))) ++pos;
  return pos;
}

// The start of the name word that ends at `end`.
size_t WordStart(std::string_view text, size_t end) {
  while (end > 0 && IsNameByte(static_cast<unsigned char>(text[end - 1]))) --end;
  return end;
}

// A word that starts with a capital.
bool StartsUpper(std::string_view w) {
  if (w.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  if (IsUpper(c)) return true;
  // Latin-1 capitals in UTF-8: C3 80..C3 9E ("É", "Ö"); lower case is C3 9F..C3 BF.
  return c == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) < 0x9F;
}

// Role nouns that forms and call logs write before a person's name ("Caller Karen Campbell",
// "Tenant Anna Young"). Words that are also names ("Driver", "Guest") are left out.
bool IsRoleNoun(std::string_view w) {
  static constexpr std::array<std::string_view, 30> kRoles = {
      "Applicant",  "Beneficiary",  "Borrower",  "Buyer",     "Caller",  "Candidate",
      "Cardholder", "Claimant",     "Client",    "Consignee", "Contact", "Customer",
      "Defendant",  "Employee",     "Landlord",  "Passenger", "Patient", "Payee",
      "Plaintiff",  "Policyholder", "Recipient", "Resident",  "Sender",  "Student",
      "Subscriber", "Suspect",      "Tenant",    "User",      "Victim",  "Visitor"};
  return std::find(kRoles.begin(), kRoles.end(), w) != kRoles.end();
}

// Particles between a given name and a surname ("van der", "de la", "von", "du").
bool IsParticle(std::string_view w) {
  static constexpr std::array<std::string_view, 20> kParticles = {
      "van", "der", "den", "de",  "la",  "los", "las", "del", "della", "di",
      "da",  "du",  "des", "von", "dem", "zu",  "ter", "ten", "dos",   "das"};
  return std::find(kParticles.begin(), kParticles.end(), w) != kParticles.end();
}

// Whether `w` is a particle written in either case ("De rosa", "Van Dyke").
bool IsParticleAnyCase(std::string_view w) {
  if (w.empty() || w.size() > 5) return false;
  char lower[5];
  for (size_t i = 0; i < w.size(); ++i)
    lower[i] =
        IsUpper(static_cast<unsigned char>(w[i])) ? static_cast<char>(w[i] - 'A' + 'a') : w[i];
  return IsParticle(std::string_view(lower, w.size()));
}

bool HasUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return IsUpper(static_cast<unsigned char>(c)); });
}

// From `pos` (just past a name), a run of " particle" words and then " Word": the end of Word,
// or 0 when the text has no such run. `lower_ok` lets Word be written in lower case (a text
// without capitals, or after a particle the name itself ended with).
size_t ParticleRunEnd(std::string_view text, size_t pos, bool need_particle, bool lower_ok) {
  int particles = 0;
  size_t best = 0;  // past a double surname that a particle joins
  while (pos < text.size() && text[pos] == ' ') {
    const size_t ws = pos + 1;
    const size_t we = WordEnd(text, ws);
    if (we == ws) return best;
    const std::string_view w = text.substr(ws, we - ws);
    if (IsParticle(w) && particles < 3) {
      ++particles;
      pos = we;
      continue;
    }
    if (particles == 0 && need_particle) return best;
    const bool upper = StartsUpper(w);
    if (!upper && !(lower_ok && IsLower(static_cast<unsigned char>(w[0])))) return best;
    if (NameFlags(w) & (kNonName | kTitle | kOrgSuffix | kStreetSuffix)) return best;
    // A word, not the start of a longer token ("de Clerc@...").
    if (we < text.size() && (IsDigit(static_cast<unsigned char>(text[we])) || text[we] == '@'))
      return best;
    // A double surname joined by a particle goes on ("van maaren-de bruin").
    if (const size_t dash = w.rfind('-');
        dash != std::string_view::npos && IsParticle(w.substr(dash + 1))) {
      pos = best = we;
      lower_ok = lower_ok || !upper;
      continue;
    }
    return we;
  }
  return best;
}

bool IsPerson(const Candidate& c) { return c.type == kPerson && c.score > 0; }

// Gives `c` [start, end) and takes in the person candidates it covers (their score too).
void Widen(Candidates& out, size_t ci, uint32_t start, uint32_t end) {
  Candidate& c = out[ci];
  c.start = start;
  c.end = end;
  for (size_t k = 0; k < out.size(); ++k) {
    if (k == ci || !IsPerson(out[k]) || out[k].start < start || out[k].end > end) continue;
    out[ci].score = std::max(out[ci].score, out[k].score);
    out[k].score = 0;
  }
}

// Whether the founders' list [start, end) stands where a firm's name does: after "at" or "the";
// after a pipe, a line start or a lower-case job title and a comma ("Music therapist, Blair,
// Harmon and Bailey") when a line end, a pipe, a full stop, a comma or "office" follows.
bool FirmListContext(std::string_view text, size_t start, size_t end) {
  bool left = start == 0 || text[start - 1] == '\n';
  if (!left && start >= 2 && text[start - 1] == ' ') {
    const char p = text[start - 2];
    if (p == '|') left = true;
    if (p == ',' && start >= 3 && IsLower(static_cast<unsigned char>(text[start - 3]))) left = true;
    const size_t ws = WordStart(text, start - 1);
    const std::string_view w = text.substr(ws, start - 1 - ws);
    // After "at" or "the" the list is a place of work whatever follows ("works at Stuart,
    // Brooks and Rose in Leeds").
    if (w == "at" || w == "the" || w == "At" || w == "The") return true;
  }
  if (!left) return false;
  if (end == text.size()) return true;
  const char n = text[end];
  if (n == '\n' || n == ',' || n == '.') return true;
  const std::string_view rest = text.substr(end);
  return rest.substr(0, 2) == " |" || rest.substr(0, 7) == " office";
}

// The firms named after founders: [start, end) of each "A, B and C" / "A and Sons" list.
void FounderLists(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>>& firms) {
  for (size_t i = text.find(" and "); i != std::string_view::npos; i = text.find(" and ", i + 1)) {
    // The word after "and".
    const size_t cs = i + 5;
    const size_t ce = WordEnd(text, cs);
    if (ce == cs || !StartsUpper(text.substr(cs, ce - cs))) continue;
    const bool sons = text.substr(cs, ce - cs) == "Sons";
    // The words before it, separated by ", ".
    int words = 1;
    size_t first = i;
    for (size_t end = i; words < 4;) {
      const size_t ws = WordStart(text, end);
      if (ws == end || !StartsUpper(text.substr(ws, end - ws))) break;
      ++words;
      first = ws;
      if (ws < 2 || text[ws - 1] != ' ' || text[ws - 2] != ',') break;
      end = ws - 2;
    }
    if (first == i) continue;
    // Three founders, or one or more with "and Sons" (a pair "A and B" is as often two people).
    if (sons ? words < 2 : (words < 3 || !FirmListContext(text, first, ce))) continue;
    firms.emplace_back(static_cast<uint32_t>(first), static_cast<uint32_t>(ce));
  }
}

}  // namespace

void ApplyPersonForms(std::string_view text, Candidates& out) {
  for (size_t ci = 0; ci < out.size(); ++ci) {
    if (!IsPerson(out[ci])) continue;
    Candidate& c = out[ci];
    // A role noun before the name: "Caller Karen Campbell".
    const size_t sp = text.find(' ', c.start);
    const std::string_view first_word = text.substr(c.start, std::min<size_t>(sp, c.end) - c.start);
    if (IsRoleNoun(first_word) && !(NameFlags(first_word) & (kFirstName | kLastName))) {
      if (sp >= c.end) {
        if (c.end < text.size() && text[c.end] == ':') c.score = 0;
        continue;
      }
      if (StartsUpper(text.substr(sp + 1, c.end - sp - 1))) c.start = static_cast<uint32_t>(sp + 1);
    }
    // Particles after the name: "Jacob van den Corput"; or the name ends in one: "Gilda De rosa".
    const std::string_view span = text.substr(c.start, c.end - c.start);
    const size_t last_space = span.rfind(' ');
    const bool ends_in_particle =
        last_space != std::string_view::npos && IsParticleAnyCase(span.substr(last_space + 1));
    size_t end = 0;
    if (ends_in_particle)
      end = ParticleRunEnd(text, c.end, false, true);
    else
      end = ParticleRunEnd(text, c.end, true, !HasUpper(span));
    if (end > c.end) Widen(out, ci, out[ci].start, static_cast<uint32_t>(end));
  }
  std::vector<std::pair<uint32_t, uint32_t>> firms;
  FounderLists(text, firms);
  for (const auto& [fs, fe] : firms)
    for (Candidate& c : out)
      if (IsPerson(c) && c.start >= fs && c.end <= fe) c.score = 0;
}

}  // namespace refinery::pii
