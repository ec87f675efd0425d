// English function words that the name rules ask about, one list each.
#pragma once

#include <string_view>

namespace refinery::ner {

// A determiner: an article, a demonstrative, a possessive, a quantifier or a wh-determiner ("a",
// "the", "those", "her", "every", "no", "another", "which", "whose"), any case. After one a
// capitalised word is a noun's or a described thing's rather than a name ("the Knight said",
// "a cup of joe", "the company Smith founded").
bool IsDeterminer(std::string_view w);

// A pronoun of the third person singular that names a person, in lower case: "he", "she", "him",
// "his", "her", "hers", "himself", "herself", and "he" or "she" with a contraction ("he'd",
// "she’ll"). One after a capitalised word says the word was a person's name ("Miles said he'd").
bool IsPersonalPronoun(std::string_view w);

}  // namespace refinery::ner
