// ValueFormatter: highlighting, cropping and match bounds for ONE text value (a string
// field, or the text of a number), as milli's Matcher does it.
//
// Usage: Analyze(text) once, then any of AppendMatchBounds / AppendFormatted.
//
// Thread safety: not thread-safe (holds scratch buffers reused across values to keep
// formatting allocation-light). Ownership: borrows the tokenizer, the match function
// and the style strings, which must outlive it; borrows the analyzed text until the
// next Analyze.
#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/indexing/text/token.h"
#include "engine/indexing/text/tokenizer.h"
#include "engine/search/format/crop_window.h"
#include "engine/search/format/text_units.h"
#include "engine/search/format/word_match.h"

namespace myriad::format {

struct FormatStyle {
  std::string_view pre_tag;
  std::string_view post_tag;
  std::string_view crop_marker;
};

class ValueFormatter {
 public:
  ValueFormatter(const text::Tokenizer& tokenizer, const MatchFn& match, FormatStyle style);

  // Tokenizes `text` and asks the match function about each word.
  // REQUIRES: text.size() < 4 GiB; `text` stays alive until the next Analyze.
  void Analyze(std::string_view text);

  // Whether the analyzed text has at least one match.
  bool HasMatches() const { return !matches_.empty(); }

  // Appends {"start": byte offset, "length": highlighted bytes} per match, plus
  // "indices": array_indices when that is not empty (the value sits in arrays).
  // REQUIRES: Analyze was called; out != nullptr
  void AppendMatchBounds(std::span<const size_t> array_indices, boost::json::array* out) const;

  // Appends the analyzed text with matches wrapped in the tags (if `highlight`), cut
  // to a window of `crop_words` words with the marker at each cut end (if crop_words
  // is not 0; milli ignores a crop length of 0).
  // REQUIRES: Analyze was called; out != nullptr
  void AppendFormatted(bool highlight, uint32_t crop_words, std::string* out);

 private:
  struct Match {
    uint32_t token = 0;          // index in tokens_
    uint32_t highlight_end = 0;  // byte offset in the text
    uint32_t query_word = 0;
  };

  ByteRange Crop(uint32_t crop_words);

  const text::Tokenizer& tokenizer_;
  const MatchFn& match_;
  FormatStyle style_;
  std::string_view text_;
  std::vector<text::Token> tokens_;
  std::vector<Match> matches_;
  // Scratch for cropping.
  std::vector<TextUnit> units_;
  std::vector<uint32_t> token_units_;
  std::vector<CropMatch> crop_matches_;
};

}  // namespace myriad::format
