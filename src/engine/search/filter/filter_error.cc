#include "engine/search/filter/filter_error.h"

#include "engine/search/filter/filter_chars.h"
#include "util/utf8.h"

namespace myriad::filter {

std::string FormatDiagnostic(std::string_view text, std::string_view source, std::size_t begin,
                             std::size_t end) {
  const std::size_t column = Utf8Column(source, begin);
  const std::size_t size = CountUtf8Chars(source, begin, end);
  std::string out(text);
  out += '\n';
  out += std::to_string(column);
  out += ':';
  out += std::to_string(column + size);
  out += ' ';
  out += SanitizeUtf8(source);
  return out;
}

}  // namespace myriad::filter
