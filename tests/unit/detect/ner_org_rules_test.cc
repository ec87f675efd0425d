// The organisation rules over the tagger's tags (ner_acronyms.cc, ner_institutions.cc), on tags
// written by hand so that the rules are tested whatever the shipped model reads.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_acronyms.h"
#include "refinery/detect/ner_institutions.h"
#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery {
namespace {

using ner::BeginTag;
using ner::InsideTag;
using ner::kLoc;
using ner::kOrg;
using ner::kPer;

TEST(Acronyms, AbbreviatesNameByTheInitialsInOrder) {
  EXPECT_TRUE(ner::AbbreviatesName("CSHL", "Cold Spring Harbor Laboratory"));
  EXPECT_TRUE(ner::AbbreviatesName("MUSL", "Multi-State Lottery Association"));
  EXPECT_TRUE(ner::AbbreviatesName("LSWR", "London and South Western Railway"));
  EXPECT_TRUE(ner::AbbreviatesName("UFT", "Universidade Federal do Tocantins"));
  EXPECT_FALSE(ner::AbbreviatesName("NAPF", "National Alliance Party"));
  EXPECT_FALSE(ner::AbbreviatesName("UCLA", "Looney"));
  // The first letter must start a word: "ABC" is not in "xAbc Bank Corp" from its "A".
  EXPECT_FALSE(ner::AbbreviatesName("ABC", "Tabby Bank Corp"));
  EXPECT_FALSE(ner::AbbreviatesName("", "Bank"));
}

// Tokens of `text` with `label` over the words of `name` (its first occurrence).
struct Tagged {
  std::vector<ner::Token> tokens;
  std::vector<uint8_t> tags;
  std::vector<int32_t> margins;
};
Tagged Tag(std::string_view text, std::string_view name, ner::NerLabel label) {
  Tagged t;
  ner::Tokenize(text, t.tokens);
  t.tags.assign(t.tokens.size(), 0);
  t.margins.assign(t.tokens.size(), -5);
  const size_t at = text.find(name);
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    if (t.tokens[i].start < at || t.tokens[i].end > at + name.size()) continue;
    t.tags[i] = t.tokens[i].start == at ? BeginTag(label) : InsideTag(label);
  }
  return t;
}

// The tag of the token that starts at the `nth` occurrence of `word` in `text`.
uint8_t TagAt(const Tagged& t, std::string_view text, std::string_view word, int nth = 0) {
  size_t at = text.find(word);
  while (nth-- > 0) at = text.find(word, at + 1);
  for (size_t i = 0; i < t.tokens.size(); ++i)
    if (t.tokens[i].start == at) return t.tags[i];
  ADD_FAILURE() << "no token at " << word;
  return 255;
}

TEST(Acronyms, DefinitionLabelsTheAcronymAndItsLaterMentions) {
  const std::string text =
      "The Cold Spring Harbor Laboratory (CSHL) is on Long Island. A geneticist at CSHL found "
      "jumping genes.";
  Tagged t = Tag(text, "Cold Spring Harbor Laboratory", kOrg);
  EXPECT_GT(ner::MarkDefinedAcronyms(text, t.tokens, t.tags, t.margins), 0u);
  EXPECT_EQ(TagAt(t, text, "CSHL", 0), BeginTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "CSHL", 1), BeginTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "Island"), 0);
  // A place defines a place.
  const std::string place = "They trained at Johnson Space Center (JSC) in Houston.";
  Tagged p = Tag(place, "Johnson Space Center", kLoc);
  ner::MarkDefinedAcronyms(place, p.tokens, p.tags, p.margins);
  EXPECT_EQ(TagAt(p, place, "JSC"), BeginTag(kLoc));
}

TEST(Acronyms, PersonsUntaggedNamesAndMismatchesDefineNothing) {
  for (const auto& [text, name, label] :
       std::vector<std::tuple<std::string, std::string, ner::NerLabel>>{
           {"Looney (UCLA) scored 5 points and UCLA won.", "Looney", kPer},
           {"Delegates of the National Alliance Party (NAPF) met.", "National Alliance Party",
            kOrg},
       }) {
    Tagged t = Tag(text, name, label);
    ner::MarkDefinedAcronyms(text, t.tokens, t.tags, t.margins);
    const size_t open = text.find('(');
    EXPECT_EQ(TagAt(t, text, text.substr(open + 1, text.find(')') - open - 1)), 0) << text;
  }
  const std::string untagged = "Computer Aided Design (CAD) tools help.";
  Tagged u = Tag(untagged, "nothing here", kOrg);
  ner::MarkDefinedAcronyms(untagged, u.tokens, u.tags, u.margins);
  EXPECT_EQ(TagAt(u, untagged, "CAD"), 0);
}

// Runs MarkInstitutionNames over `t` with the shipped model's gazetteer.
void MarkInstitutions(std::string_view text, Tagged& t) {
  auto model = ner::NerModel::Default();
  ASSERT_TRUE(model.ok()) << model.status();
  std::vector<ner::Token> tokens;
  std::vector<uint64_t> hashes;
  ner::Tokenize(text, tokens, &hashes);
  ASSERT_EQ(tokens.size(), t.tokens.size());
  EXPECT_GT(
      ner::MarkInstitutionNames(text, tokens, hashes, (*model)->gazetteer(), t.tags, t.margins),
      0u);
}

TEST(Institutions, HeadNounNamesOverrideThePlaceInside) {
  const std::string text = "The hospital has cooperated with the University of Mostar on training.";
  Tagged t = Tag(text, "Mostar", kLoc);
  MarkInstitutions(text, t);
  EXPECT_EQ(TagAt(t, text, "University"), BeginTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "of"), InsideTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "Mostar"), InsideTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "training"), 0);
  for (size_t i = 0; i < t.tokens.size(); ++i)
    EXPECT_TRUE(t.tags[i] == 0 || t.margins[i] > 0) << "token " << i;
}

TEST(Institutions, TaggerEntityRunningPastTheNameStartsAgain) {
  // "Premier League club": the tagger's organisation loses "club".
  const std::string text = "He has scored against every single Premier League club this season.";
  Tagged t = Tag(text, "Premier League club", kOrg);
  MarkInstitutions(text, t);
  EXPECT_EQ(TagAt(t, text, "Premier"), BeginTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "League"), InsideTag(kOrg));
  EXPECT_EQ(TagAt(t, text, "club"), 0);
}

TEST(Institutions, CommonNounPhrasesAndHeadlinesAreLeftAlone) {
  for (const std::string text : {"Best School Lunch Ideas For Busy Parents",
                                 "He said that High School was a hard time for everyone."}) {
    Tagged t = Tag(text, "nothing here", kOrg);
    MarkInstitutions(text, t);
    EXPECT_EQ(TagAt(t, text, "School"), 0) << text;
  }
}

}  // namespace
}  // namespace refinery
