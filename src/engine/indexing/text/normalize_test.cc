#include "engine/indexing/text/normalize.h"

#include <gtest/gtest.h>

#include "engine/indexing/text/separators.h"

namespace myriad::text {
namespace {

TEST(NormalizeTest, Table) {
  struct Case {
    const char* in;
    const char* out;
  } const cases[] = {
      {"Hello", "hello"},
      {"ÉCOLE", "ecole"},
      {"café", "cafe"},
      {"cafe\u0301", "cafe"},
      {"Ångström", "angstrom"},
      {"Straße", "straße"},
      {"ŒUVRE", "oeuvre"},
      {"ﬁ", "fi"},
      {"ＡＢＣ", "abc"},
      {"Москва", "москва"},
      {"й", "й"},
      {"ΣΟΦΟΣ", "σοφοσ"},
      {"İstanbul", "istanbul"},
      {"a\x01"
       "b",
       "ab"},
      {"東京", "東京"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeWord(c.in), c.out) << c.in;
}

TEST(NormalizeTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(NormalizeWord("\xC3"), "\xEF\xBF\xBD");
  EXPECT_EQ(NormalizeWord("A\xFF"
                          "b\xC3\xA9"),
            "a\xEF\xBF\xBD"
            "be");
}

TEST(NormalizeTest, IsNumber) {
  EXPECT_TRUE(IsNumber("0123"));
  EXPECT_TRUE(IsNumber("٣٤"));  // Arabic-Indic digits
  EXPECT_FALSE(IsNumber(""));
  EXPECT_FALSE(IsNumber("12a"));
  EXPECT_FALSE(IsNumber("1.5"));
}

TEST(SeparatorsTest, HardAndSoft) {
  for (const char* hard : {". ", ", ", "!", "?", ";", "。", "\xD8\x9F"}) {
    EXPECT_TRUE(IsHardSeparator(hard)) << hard;
  }
  for (const char* soft : {".", ",", " ", "\n", "-", "_", "'", "(", "\xC2\xA0"}) {
    EXPECT_FALSE(IsHardSeparator(soft)) << soft;
  }
  EXPECT_TRUE(IsDefaultSeparator(U'\u3001'));
  EXPECT_TRUE(IsDefaultSeparator(U'\u2260'));
  EXPECT_TRUE(IsDefaultSeparator(U'\u00A0'));
  EXPECT_FALSE(IsDefaultSeparator(U'\u2226'));
  EXPECT_FALSE(IsDefaultSeparator(U'$'));
  EXPECT_FALSE(IsDefaultSeparator(U'é'));
}

}  // namespace
}  // namespace myriad::text
