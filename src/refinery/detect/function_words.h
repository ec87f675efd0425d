// English function words that the name rules ask about, one list each.
#pragma once

#include <string_view>

namespace refinery::ner {

// A determiner: an article, a demonstrative, a possessive, a quantifier or a wh-determiner ("a",
// "the", "those", "her", "every", "no", "another", "which", "whose"), any case. After one a
// capitalised word is a noun's or a described thing's rather than a name ("the Knight said",
// "a cup of joe", "the company Smith founded").
bool IsDeterminer(std::string_view w);

}  // namespace refinery::ner
