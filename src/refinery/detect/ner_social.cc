#include "refinery/detect/ner_social.h"

#include <algorithm>
#include <string>
#include <utility>

#include "refinery/core/ascii.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_features.h"
#include "refinery/detect/ner_pii.h"

namespace refinery::pii {

namespace {

// Whether the lower-case word `w` may start a name written in lower case: a common US given
// name of the tagger's gazetteer that general text does not write in lower case as a word and
// that is no big place ("emily", "louis", "sam"; not "will", "mark", "grace").
// `hash` is the word's TokenHash where the tokenizer made one, else 0.
bool LowerCaseNameSeed(const ner::NerModel& model, std::string_view w, uint64_t hash) {
  if (w.size() < 2) return false;
  const uint16_t gaz = hash != 0
                           ? model.gazetteer().Lookup(ner::PhraseCombine(ner::PhraseStart(), hash))
                           : GazetteerBits(model, w);
  if (!(gaz & ner::kGazFirstCommon) ||
      (gaz & (ner::kGazCaseLower | ner::kGazBigCity | ner::kGazCountry | ner::kGazRegion)))
    return false;
  return !(NameFlags(w) & (kNonName | kTitle | kOrgSuffix | kStreetSuffix));
}

// Words after which a lower-case given name is an ordinary noun ("a cup of joe", "every stone",
// "his mark").
bool NounDeterminer(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "a",    "an",  "the",     "of",   "every", "each",  "his",   "her",   "my",
      "your", "our", "their",   "its",  "this",  "that",  "these", "those", "some",
      "any",  "no",  "another", "such", "what",  "which", "whose"};
  return IsOneOfIgnoringAsciiCase(w, kWords);
}

}  // namespace

void AddLowerCaseNames(const ner::NerModel& model, std::string_view text, ner::NerScratch& scratch,
                       std::vector<ner::NerEntity>& entities, Candidates& out) {
  const std::vector<ner::Token>& toks = scratch.tokens;
  const size_t n = toks.size();
  if (n == 0 || ner::WrittenInMixedCase(toks.data(), n)) return;
  // The mixed-case sentences holding a seed, as byte ranges; the seeds' starts. Collected first:
  // tagging again overwrites the tokens.
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  std::vector<uint32_t> seeds;
  for (size_t b = 0; b < n;) {
    size_t e = b + 1;
    while (e < n && !toks[e].sentence_start) ++e;
    const size_t before = seeds.size();
    if (ner::SentenceCaseMode(toks.data() + b, e - b) == ner::kMixedCase) {
      for (size_t i = b; i < e; ++i) {
        if (toks[i].cap != ner::kCapLower ||
            !LowerCaseNameSeed(model, TokenText(text, toks[i]), scratch.word_hashes[i]))
          continue;
        if (i > b && NounDeterminer(TokenText(text, toks[i - 1]))) continue;
        seeds.push_back(toks[i].start);
      }
    }
    if (seeds.size() > before) sentences.emplace_back(toks[b].start, toks[e - 1].end);
    b = e;
  }
  if (seeds.empty()) return;
  std::string lowered;
  for (const auto& [s, e] : sentences) {
    lowered.assign(text.substr(s, e - s));
    for (char& ch : lowered) ch = AsciiLower(ch);
    model.Tag(lowered, scratch, entities);
    for (const ner::NerEntity& ent : entities) {
      if (ent.label != ner::kPer) continue;
      const uint32_t start = s + ent.start, end = s + ent.end;
      const std::string_view span = text.substr(start, end - start);
      // Written wholly in lower case in the post, one to three words.
      bool lower = true;
      size_t words = 1;
      for (char ch : span) {
        lower &= !IsUpper(static_cast<unsigned char>(ch));
        words += ch == ' ';
      }
      if (!lower || words > 3) continue;
      auto it = std::lower_bound(seeds.begin(), seeds.end(), start);
      if (it == seeds.end() || *it >= end) continue;
      out.push_back(Candidate{start, end, kPerson, kRuleStandaloneScore, "ner"});
    }
  }
}

}  // namespace refinery::pii
