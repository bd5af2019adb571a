// Meilisearch's default separators (charabia's DEFAULT_SEPARATORS) and which of them
// are hard (charabia's CONTEXT_SEPARATORS).
//
// Facts checked against charabia's source:
// - ASCII separators are exactly \0 \t \n \r space ! " # % & ' ( ) * + , - . / : ; ? @
//   [ \ ] _ ` { }  ('-', '_' and '\'' are soft; "$ < = > ^ | ~" are NOT separators, so
//   "a=b" stays one word).
// - Hard: '!', '?', ';', '\0', the two-character ". " and ", ", and many non-Latin
//   sentence marks ('。', '、', '؟', ...). A lone '.' or ',' (as in "3.14", "a,b") is
//   soft, and so is a newline.
// - Non-ASCII: charabia lists every punctuation (Pc Pd Ps Pe Pi Pf Po) and space
//   (Zs Zl Zp) character, plus ± × ÷ U+200C and most of U+2212..U+22FF. We test the
//   categories with ICU instead of a list; this also makes a few characters that
//   charabia's list misses separators (NO-BREAK SPACE, U+2028, U+2011...): deliberate.
//
// Thread safety: pure functions.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace myriad::text {

// Separators longer than one code point in the default list.
std::span<const std::string_view> DefaultMultiCodePointSeparators();

// Whether `cp` alone is a default separator. ASCII answers without ICU.
bool IsDefaultSeparator(char32_t cp);

// Whether the separator string `separator` is hard (else it is soft). Any string may
// be asked (custom separatorTokens are soft unless charabia lists them as hard).
bool IsHardSeparator(std::string_view separator);

}  // namespace myriad::text
