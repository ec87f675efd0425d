// The tagger's per-thread caches (ner_features.h, ner_model.h) change no score: a token's own
// features follow from its OwnFeaturesKey, and a text tagged with warm caches gets the tags,
// margins and leads of the same text tagged with cold ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "refinery/core/build_info.h"
#include "refinery/detect/ner_features.h"
#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {
namespace {

// Words that differ only in case, in non-ASCII letters past the eighth shape class, in length,
// in their affixes, and that sit at sentence starts or not, in every case mode.
TEST(NerFeatureCache, TokensWithEqualKeysHaveEqualOwnFeatures) {
  const std::vector<std::string> words = {
      "paris",       "Paris",      "PARIS",    "Smith",    "smith",  "SMITH",
      "AbCbCbCbCb",  "AbCbCbCbcb", "Éric",     "éric",     "ÉRIC",   "ÉcoleÉcoleÉ",
      "ÉcoleÉcoleé", "x",          "X",        "ab",       "Ab",     "O'Brien",
      "o'brien",     "3rd",        "1999",     "@maria",   "#Obama", "http://a.b",
      ",",           ".",          "Jean-Luc", "jean-luc", "Müller", "MÜLLER"};
  auto model = NerModel::Default();
  ASSERT_TRUE(model.ok()) << model.status();
  std::mt19937 rng(5);
  struct Seen {
    OwnFeatureKey key;
    std::vector<uint32_t> own;
    std::string text;
  };
  std::vector<Seen> seen;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const size_t n = 1 + rng() % 6;
    for (size_t k = 0; k < n; ++k) text += (k ? " " : "") + words[rng() % words.size()];
    std::vector<Token> tokens;
    Tokenize(text, tokens);
    std::vector<TokenInfo> info;
    DescribeTokens(text, tokens.data(), tokens.size(), (*model)->gazetteer(), info);
    for (size_t i = 0; i < tokens.size(); ++i) {
      for (CaseMode mode : {kMixedCase, kAllCaps, kAllLower}) {
        std::vector<uint32_t> own;
        TokenFeatures(info.data(), tokens.size(), i, mode, (1u << 18) - 1, own, nullptr,
                      kOwnFeatures);
        const bool first = info[i].sentence_start || i == 0;
        seen.push_back({OwnFeaturesKey(info[i], mode, first), own, std::string(info[i].text)});
      }
    }
  }
  size_t equal_keys = 0;
  for (size_t a = 0; a < seen.size(); a += 7) {
    for (size_t b = a + 1; b < seen.size(); ++b) {
      if (!(seen[a].key == seen[b].key)) continue;
      ++equal_keys;
      ASSERT_EQ(seen[a].own, seen[b].own) << seen[a].text << " / " << seen[b].text;
    }
  }
  EXPECT_GT(equal_keys, 1000u);  // the draw repeats tokens: the check above did run
}

// Own and context features together are the whole feature set, in the order TokenFeatures
// makes it for the trainer.
TEST(NerFeatureCache, OwnAndContextFeaturesMakeTheWholeSet) {
  auto model = NerModel::Default();
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string text = "Mr. Jacques Chirac met Barack Obama in Paris , France on Monday .";
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::vector<TokenInfo> info;
  DescribeTokens(text, tokens.data(), tokens.size(), (*model)->gazetteer(), info);
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::vector<uint32_t> all, own, context;
    TokenFeatures(info.data(), tokens.size(), i, kMixedCase, (1u << 18) - 1, all);
    TokenFeatures(info.data(), tokens.size(), i, kMixedCase, (1u << 18) - 1, own, nullptr,
                  kOwnFeatures);
    TokenFeatures(info.data(), tokens.size(), i, kMixedCase, (1u << 18) - 1, context, nullptr,
                  kContextFeatures);
    EXPECT_FALSE(own.empty());
    EXPECT_FALSE(context.empty());
    std::vector<uint32_t> both = own;
    both.insert(both.end(), context.begin(), context.end());
    std::sort(both.begin(), both.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(both, all) << "token " << i;
  }
}

// A text whose words come back in other cases, places and modes: tagged once more with the
// caches the first pass filled, every tag, margin and lead is the cold pass's.
TEST(NerFeatureCache, WarmCachesTagAsColdOnes) {
  auto model = NerModel::Default();
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string text =
      "Jacques Chirac met Barack Obama in Paris. Paris is where Chirac lived. "
      "PARIS BEATS LYON AS CHIRAC WATCHES. paris was quiet and chirac slept. "
      "On Monday Obama flew to Lyon, France. The Licensor grants the Work. the licensor said. "
      "Éric Müller of Zürich met ÉRIC MÜLLER. @obama #Paris smith Smith SMITH. "
      "Jacques Chirac met Barack Obama in Paris. Paris is where Chirac lived.";
  std::vector<NerEntity> cold_entities, warm_entities;
  NerScratch cold, warm;
  (*model)->Tag(text, warm, warm_entities);  // fills warm's caches
  (*model)->Tag(text, warm, warm_entities);
  (*model)->Tag(text, cold, cold_entities);
  ASSERT_EQ(cold.tags, warm.tags);
  EXPECT_EQ(cold.margins, warm.margins);
  EXPECT_EQ(cold.leads, warm.leads);
  ASSERT_EQ(cold_entities.size(), warm_entities.size());
  EXPECT_GT(cold_entities.size(), 5u);
  // Each model object has its own id, so a scratch used by another one starts over.
  auto other = NerModel::Load(BuildSourceDir() + "/models/ner.bin");
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE((*other)->id(), (*model)->id());
}

// Binding a cache to another owner empties it; binding it to the same one keeps it.
TEST(NerFeatureCache, BindingToAnotherModelEmptiesTheCaches) {
  OwnFeatureCache own;
  own.Bind(1);
  OwnFeatureKey key;
  key.word = 42;
  key.rest = 1u << 31;
  OwnFeatureCache::Slot& slot = own.SlotFor(key);
  slot.key = key;
  slot.sums[0] = 7;
  own.Bind(1);
  EXPECT_TRUE(own.SlotFor(key).key == key);
  own.Bind(2);
  EXPECT_FALSE(own.SlotFor(key).key == key);
  WordFactsCache facts;
  facts.Bind(1);
  facts.SlotFor(42) = {42, 3, 4, true};
  facts.Bind(1);
  EXPECT_TRUE(facts.SlotFor(42).used);
  facts.Bind(2);
  EXPECT_FALSE(facts.SlotFor(42).used);
}

}  // namespace
}  // namespace refinery::ner
