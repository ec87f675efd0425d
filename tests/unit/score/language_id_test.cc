#include <gtest/gtest.h>

#include "refinery/score/language_id.h"

namespace refinery {
namespace {

TEST(LanguageIdTest, DetectsCommonLanguages) {
  struct Case {
    const char* text;
    const char* code;
  };
  const Case cases[] = {
      {"The quick brown fox jumps over the lazy dog while the farmer watches from the porch.",
       "en"},
      {"Der schnelle braune Fuchs springt über den faulen Hund, während der Bauer zuschaut.", "de"},
      {"Le renard brun rapide saute par-dessus le chien paresseux pendant que le fermier "
       "regarde.",
       "fr"},
      {"El rápido zorro marrón salta sobre el perro perezoso mientras el granjero mira.", "es"},
  };
  for (const Case& c : cases) {
    LanguageGuess g = DetectLanguage(c.text);
    EXPECT_EQ(g.code, c.code) << c.text;
    EXPECT_GT(g.confidence, 0.5) << c.text;
  }
}

TEST(LanguageIdTest, UnknownForEmptyOrSymbols) {
  EXPECT_EQ(DetectLanguage("").code, "un");
  EXPECT_EQ(DetectLanguage("12345 !!! ???").code, "un");
  EXPECT_EQ(DetectLanguage("").confidence, 0.0);
}

TEST(LanguageIdTest, CutsOnCharacterBoundary) {
  std::string text = "Über";
  for (int i = 0; i < 100; ++i) text += " Das ist ein ganz normaler deutscher Satz über Häuser.";
  LanguageGuess g = DetectLanguage(text, 2);  // would cut inside "Ü"
  EXPECT_EQ(g.code, "un");
  EXPECT_EQ(DetectLanguage(text, 1000).code, "de");
}

}  // namespace
}  // namespace refinery
