#include "refinery/score/quality_ngrams.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "refinery/score/quality_rules.h"

namespace refinery::quality {
namespace {

using Gram = std::vector<std::string>;

Gram GramAt(const std::vector<std::string>& words, size_t i, size_t n) {
  return Gram(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i + n));
}

size_t JoinedLength(const Gram& g, size_t sep) {
  size_t len = 0;
  for (const std::string& w : g) len += w.size();
  return len + sep * (g.size() - 1);
}

// datatrove's find_top_duplicate over the n-grams (Counter + most_common(1): the first n-gram
// to be counted among those with the highest count), as {count, len(" ".join(gram))}.
std::pair<size_t, size_t> ReferenceTop(const std::vector<std::string>& words, size_t n) {
  if (words.size() < n) return {0, 0};
  std::map<Gram, std::pair<size_t, size_t>> counts;  // gram -> {count, first position}
  for (size_t i = 0; i + n <= words.size(); ++i) {
    auto [it, inserted] = counts.try_emplace(GramAt(words, i, n), 0, i);
    ++it->second.first;
  }
  const Gram* best = nullptr;
  size_t best_count = 0, best_first = 0;
  for (const auto& [gram, cf] : counts) {
    if (cf.first > best_count || (cf.first == best_count && cf.second < best_first)) {
      best = &gram;
      best_count = cf.first;
      best_first = cf.second;
    }
  }
  return {best_count, JoinedLength(*best, 1)};
}

// datatrove's find_all_duplicate: characters of the n-grams seen before, skipping them.
size_t ReferenceDuplicate(const std::vector<std::string>& words, size_t n) {
  std::set<Gram> unique;
  size_t chars = 0, i = 0;
  while (i + n <= words.size()) {
    Gram g = GramAt(words, i, n);
    if (unique.count(g)) {
      chars += JoinedLength(g, 0);
      i += n;
    } else {
      unique.insert(std::move(g));
      ++i;
    }
  }
  return chars;
}

// The index skips positions whose n-gram occurs once; every answer must still be the plain
// algorithms' over all positions, whatever the order the n are asked in.
TEST(NGramIndexTest, MatchesTheReferenceAlgorithmsOnRandomWordSequences) {
  std::mt19937 rng(7);
  const std::vector<std::string> vocab = {"a", "bb", "the", "of", "cat", "sat", "x", "mat", "on"};
  NGramIndex index;
  std::vector<Token> tokens;
  for (int round = 0; round < 400; ++round) {
    // Small vocabularies and copied stretches make repeats (and ties) common.
    std::vector<std::string> words;
    const size_t vocab_size = 2 + rng() % (vocab.size() - 1);
    const size_t length = rng() % 120;
    while (words.size() < length) {
      if (words.size() > 8 && rng() % 6 == 0) {
        size_t from = rng() % (words.size() - 4), n = 2 + rng() % 10;
        for (size_t k = 0; k < n && words.size() < length; ++k) words.push_back(words[from + k]);
      } else {
        words.push_back(vocab[rng() % vocab_size]);
      }
    }
    std::string text;
    for (const std::string& w : words) text += w + " ";
    Tokenize(text, TokenizerMode::kFast, tokens);
    ASSERT_EQ(tokens.size(), words.size());
    index.Reset(tokens);
    for (int q = 0; q < 12; ++q) {
      const size_t n = 1 + rng() % 11;
      if (rng() % 2 == 0) {
        EXPECT_EQ(index.TopGram(n), ReferenceTop(words, n)) << "round " << round << " n " << n;
      } else {
        EXPECT_EQ(index.DuplicateChars(n), ReferenceDuplicate(words, n))
            << "round " << round << " n " << n;
      }
    }
  }
}

TEST(NGramIndexTest, ShortSequences) {
  NGramIndex index;
  std::vector<Token> tokens;
  Tokenize("one two", TokenizerMode::kFast, tokens);
  index.Reset(tokens);
  EXPECT_EQ(index.TopGram(3), (std::pair<size_t, size_t>{0, 0}));
  EXPECT_EQ(index.DuplicateChars(3), 0u);
  EXPECT_EQ(index.TopGram(2), (std::pair<size_t, size_t>{1, 7}));  // "one two"
  EXPECT_EQ(index.TopGram(1), (std::pair<size_t, size_t>{1, 3}));  // "one", the first
}

// C4's phrase tests read line.lower(): the one-pass search must find phrases in any ASCII case
// and through KELVIN SIGN, whose lower case is "k".
TEST(QualityC4Phrases, CaseAndKelvinSign) {
  QualityOptions o;
  o.gopher_quality = o.gopher_repetition = o.fineweb = false;
  QualityRules rules(o);
  QualityScratch scratch;
  const std::string keep = "The council met on Tuesday to discuss the budget.";
  for (const std::string line :
       {"This site uses coo\u212aies to work well.", "Please enable JAVASCRIPT in the browser.",
        "Read our Privacy Policy before you go on.", "Our TERMS of USE apply to every visitor.",
        "We describe the use of cookies right here."}) {
    QualityResult r = rules.Evaluate(keep + "\n" + line, scratch, false, false, true);
    EXPECT_EQ(r.c4_kept_text, keep) << line;
  }
  QualityResult lorem = rules.Evaluate("Some LOREM Ipsum text goes here.", scratch, true);
  EXPECT_EQ(lorem.metrics["c4_lorem_ipsum"], true);
  // U+0130 lowers to "i" + U+0307: "\u0130avascript" is not "javascript".
  QualityResult dotted =
      rules.Evaluate(keep + "\nThe word j\u0130vascript is not it.", scratch, false, false, true);
  EXPECT_EQ(dotted.c4_kept_text, keep + "\nThe word j\u0130vascript is not it.");
}

}  // namespace
}  // namespace refinery::quality
