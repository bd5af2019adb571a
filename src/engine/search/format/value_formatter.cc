#include "engine/search/format/value_formatter.h"

#include <boost/json/object.hpp>

namespace myriad::format {

ValueFormatter::ValueFormatter(const text::Tokenizer& tokenizer, const MatchFn& match,
                               FormatStyle style)
    : tokenizer_(tokenizer), match_(match), style_(style) {}

void ValueFormatter::Analyze(std::string_view text) {
  text_ = text;
  tokens_.clear();
  matches_.clear();
  tokenizer_.TokenizeInto(text, &tokens_);
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const text::Token& token = tokens_[i];
    const std::optional<WordMatch> m = match_(token, text.substr(token.byte_start, token.byte_len));
    if (!m) continue;
    const uint32_t length = m->highlight_bytes == 0 || m->highlight_bytes > token.byte_len
                                ? token.byte_len
                                : m->highlight_bytes;
    matches_.push_back({static_cast<uint32_t>(i), token.byte_start + length, m->query_word});
  }
}

void ValueFormatter::AppendMatchBounds(std::span<const size_t> array_indices,
                                       boost::json::array* out) const {
  for (const Match& m : matches_) {
    const uint32_t start = tokens_[m.token].byte_start;
    boost::json::object bounds;
    bounds.reserve(array_indices.empty() ? 2 : 3);
    bounds.emplace("start", start);
    bounds.emplace("length", m.highlight_end - start);
    if (!array_indices.empty()) {
      boost::json::array indices;
      indices.reserve(array_indices.size());
      for (size_t index : array_indices) indices.emplace_back(index);
      bounds.emplace("indices", std::move(indices));
    }
    out->emplace_back(std::move(bounds));
  }
}

ByteRange ValueFormatter::Crop(uint32_t crop_words) {
  SplitIntoUnits(text_, tokens_, &units_, &token_units_);
  crop_matches_.clear();
  // milli counts word units before a match: a gap word (one the Tokenizer dropped)
  // counts too, so the count comes from the units, not the token index.
  uint32_t words = 0;
  size_t next_unit = 0;
  for (const Match& m : matches_) {
    const uint32_t unit = token_units_[m.token];
    for (; next_unit < unit; ++next_unit) {
      if (units_[next_unit].kind == UnitKind::kWord) ++words;
    }
    crop_matches_.push_back({unit, words, m.query_word});
  }
  return CropWindow(units_, crop_matches_, crop_words, static_cast<uint32_t>(text_.size()));
}

void ValueFormatter::AppendFormatted(bool highlight, uint32_t crop_words, std::string* out) {
  const ByteRange window =
      crop_words > 0 ? Crop(crop_words) : ByteRange{0, static_cast<uint32_t>(text_.size())};
  if (window.begin > 0) out->append(style_.crop_marker);
  uint32_t pos = window.begin;
  if (highlight) {
    for (const Match& m : matches_) {
      const text::Token& token = tokens_[m.token];
      const uint32_t end = token.byte_start + token.byte_len;
      // Words never straddle the window (it is cut between units): a match is in or out.
      if (token.byte_start < window.begin || end > window.end) continue;
      out->append(text_.substr(pos, token.byte_start - pos));
      out->append(style_.pre_tag);
      out->append(text_.substr(token.byte_start, m.highlight_end - token.byte_start));
      out->append(style_.post_tag);
      out->append(text_.substr(m.highlight_end, end - m.highlight_end));
      pos = end;
    }
  }
  out->append(text_.substr(pos, window.end - pos));
  if (window.end < text_.size()) out->append(style_.crop_marker);
}

}  // namespace myriad::format
