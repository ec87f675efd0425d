#include "refinery/core/find.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace refinery {
namespace {

// FindSubstring replaces string_view::find in whole-text scans: it must give the same position
// for every needle length memmem treats differently (1, 2, short, over 256 bytes), at every
// start, including past the end and with an empty needle.
TEST(FindSubstring, AgreesWithStringViewFind) {
  std::string text = "Hurricane Rita and Sons, in Coron and in Jordan; older: customer x";
  text += std::string(300, 'a') + "b" + std::string(300, 'a');
  const std::string long_needle = std::string(280, 'a') + "b";
  const std::string_view needles[] = {"",   "n",     "n ",        " and ",    "older",
                                      "zz", "and S", "customer ", long_needle};
  const std::string_view hay = text;
  for (std::string_view needle : needles) {
    for (size_t from = 0; from <= hay.size() + 1; ++from)
      EXPECT_EQ(FindSubstring(hay, needle, from), hay.find(needle, from))
          << "needle '" << needle.substr(0, 12) << "' from " << from;
  }
}

TEST(FindSubstring, EveryOccurrenceInTurn) {
  const std::string_view text = "n n nn  n";
  std::string seen;
  for (size_t at = FindSubstring(text, "n "); at != std::string_view::npos;
       at = FindSubstring(text, "n ", at + 1))
    seen += std::to_string(at) + ",";
  EXPECT_EQ(seen, "0,2,5,");
}

}  // namespace
}  // namespace refinery
