#include "engine/search/typo/typo_rules.h"

#include <gtest/gtest.h>

#include "engine/search/typo/damerau_levenshtein.h"
#include "engine/search/typo/utf8_units.h"

namespace myriad::typo {
namespace {

TEST(AllowedTyposTest, DefaultLengthThresholdsCountCharacters) {
  const TypoRules rules;
  const struct {
    const char* word;
    uint8_t typos;
  } cases[] = {
      {"", 0},
      {"hell", 0},
      {"hello", 1},
      {"hellowor", 1},
      {"helloworl", 2},
      {"\xC3\xA9t\xC3\xA9s", 0},                        // "étés": 4 chars, 6 bytes
      {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 1},  // 5 chars, 10 bytes
      {"\xE6\x9D\xB1\xE6\x9D\xB1\xE6\x9D\xB1\xE6\x9D\xB1\xE6\x9D\xB1\xE6\x9D\xB1\xE6\x9D\xB1"
       "\xE6\x9D\xB1\xE6\x9D\xB1",
       2},  // nine 東
  };
  for (const auto& c : cases) EXPECT_EQ(AllowedTypos(c.word, rules), c.typos) << c.word;
}

TEST(AllowedTyposTest, ConfigurableThresholds) {
  TypoRules rules;
  rules.min_one_typo = 2;
  rules.min_two_typos = 3;
  EXPECT_EQ(AllowedTypos("a", rules), 0);
  EXPECT_EQ(AllowedTypos("ab", rules), 1);
  EXPECT_EQ(AllowedTypos("abc", rules), 2);
}

TEST(AllowedTyposTest, DisabledRulesAllowNoTypo) {
  TypoRules off;
  off.enabled = false;
  EXPECT_EQ(AllowedTypos("helloworld", off), 0);

  TypoRules words;
  words.disable_on_words = {"helloworld"};
  EXPECT_EQ(AllowedTypos("helloworld", words), 0);
  EXPECT_EQ(AllowedTypos("helloworlds", words), 2);

  TypoRules numbers;
  numbers.disable_on_numbers = true;
  EXPECT_EQ(AllowedTypos("123456789", numbers), 0);
  EXPECT_EQ(AllowedTypos("12.345,67", numbers), 0);
  EXPECT_EQ(AllowedTypos("12345abc", numbers), 1);
  EXPECT_EQ(AllowedTypos("123456789", TypoRules()), 2);
}

TEST(IsNumberWordTest, DigitsAndAsciiPunctuationOnly) {
  EXPECT_TRUE(IsNumberWord("2024"));
  EXPECT_TRUE(IsNumberWord("1.5-2"));
  EXPECT_FALSE(IsNumberWord("v2"));
  EXPECT_FALSE(IsNumberWord("1\xC3\xA9"));
}

TEST(DamerauLevenshteinTest, Table) {
  const struct {
    const char* a;
    const char* b;
    uint32_t distance;
  } cases[] = {
      {"", "", 0},
      {"abc", "abc", 0},
      {"abc", "abcd", 1},
      {"abcdef", "abdcef", 1},  // a transposition costs 1
      {"hello", "jello", 1},
      {"ca", "abc", 3},  // optimal string alignment: no edit of transposed letters
      {"kitten", "sitting", 3},
      {"caf\xC3\xA9", "cafe", 1},                                   // é is one character
      {"\xE6\x9D\xB1\xE4\xBA\xAC", "\xE4\xBA\xAC\xE6\x9D\xB1", 1},  // 東京 / 京東
      {"a\xFF", "a\xFE", 1},                                        // invalid bytes are units
      {"\xC3", "\xC3\xA9", 1},                                      // a lone lead byte is not é
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DamerauLevenshtein(c.a, c.b), c.distance) << c.a << " / " << c.b;
    EXPECT_EQ(DamerauLevenshtein(c.b, c.a), c.distance) << c.b << " / " << c.a;
  }
}

TEST(Utf8UnitsTest, DecodesCodePointsAndInvalidBytes) {
  std::vector<Utf8Unit> units;
  DecodeUtf8Units("a\xC3\xA9\xE6\x9D\xB1\xFF\xC0\x80", units);
  ASSERT_EQ(units.size(), 6u);
  EXPECT_EQ(units[0].code, U'a');
  EXPECT_EQ(units[1].code, U'\u00E9');
  EXPECT_EQ(units[2].code, U'\u6771');
  EXPECT_EQ(units[3].code, kInvalidUnitBase + 0xFF);
  EXPECT_EQ(units[4].code, kInvalidUnitBase + 0xC0);  // overlong NUL: two invalid bytes
  EXPECT_EQ(units[5].code, kInvalidUnitBase + 0x80);
  EXPECT_EQ(units[2].end, 6u);
  EXPECT_EQ(CountUtf8Units("a\xC3\xA9\xE6\x9D\xB1\xFF\xC0\x80"), 6u);
}

}  // namespace
}  // namespace myriad::typo
