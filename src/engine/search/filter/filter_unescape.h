// Backslash escapes in filter values, with the rules of the `unescaper` crate
// (0.1.8) that Meilisearch applies to every value: \b \f \n \r \t \v \' \" \\ \/,
// \uXXXX and \u{X..}, \xXX (a byte taken as U+0000..U+00FF), octal \N, \NN, \NNN.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace myriad::filter {

enum class UnescapeStatus {
  kOk,
  kIncomplete,     // the text ends inside an escape (`\`, `\x4`)
  kInvalidNumber,  // bad digits in \u or \x
  kInvalidChar,    // unknown escape letter, or \u of a surrogate / beyond U+10FFFF
};

// On kOk, *out holds the unescaped text; otherwise *out is unspecified.
UnescapeStatus UnescapeValue(std::string_view text, std::string* out);

}  // namespace myriad::filter
