#include "util/utf8.h"

#include <gtest/gtest.h>

#include <string_view>

namespace myriad {
namespace {

void ExpectDecodes(std::string_view text, char32_t code, size_t size) {
  const Utf8Char c = DecodeUtf8(text, 0);
  EXPECT_EQ(c.code, code) << testing::PrintToString(text);
  EXPECT_EQ(c.size, size) << testing::PrintToString(text);
}

TEST(Utf8, DecodesOneToFourByteSequences) {
  ExpectDecodes("a", U'a', 1);
  ExpectDecodes(std::string_view("\0", 1), 0, 1);
  ExpectDecodes("\xC3\xA9", U'\u00E9', 2);
  ExpectDecodes("\xE6\x9D\xB1", U'\u6771', 3);
  ExpectDecodes("\xF0\x9F\x98\x80", U'\U0001F600', 4);
  ExpectDecodes("\xF4\x8F\xBF\xBF", U'\U0010FFFF', 4);
}

TEST(Utf8, AnIllFormedSequenceIsOneInvalidByte) {
  for (std::string_view bad : {
           "\x80",                                                      // a continuation byte alone
           "\xFF", "\xF5\x80\x80\x80",                                  // bytes that never lead
           "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xF0\x80\x80\x80",  // overlong
           "\xED\xA0\x80",                                              // a surrogate
           "\xF4\x90\x80\x80",                                          // above U+10FFFF
           "\xC3", "\xE6\x9D",                                          // truncated
           "\xE6\x41\x41",  // a lead byte without its continuation
       }) {
    ExpectDecodes(bad, kInvalidCodePoint, 1);
  }
}

TEST(Utf8, CountsEachInvalidByteAsOneChar) {
  EXPECT_EQ(CountUtf8Chars(""), 0u);
  EXPECT_EQ(CountUtf8Chars("a\xC3\xA9\xE6\x9D\xB1\xFF\xC0\x80"), 6u);
  // A sequence that starts before `end` counts whole.
  EXPECT_EQ(CountUtf8Chars("a\xE6\x9D\xB1z", 0, 2), 2u);
  EXPECT_EQ(CountUtf8Chars("a\xE6\x9D\xB1z", 1, 5), 2u);
}

}  // namespace
}  // namespace myriad
