#include "engine/indexing/text/segment_matcher.h"

#include <algorithm>

#include "engine/indexing/text/separators.h"
#include "util/utf8.h"

namespace myriad::text {
namespace {

// The code point `s` consists of, or kInvalidCodePoint if it is not exactly one.
char32_t SingleCodePoint(std::string_view s) {
  if (s.empty()) return kInvalidCodePoint;
  const Utf8Char c = DecodeUtf8(s, 0);
  return c.size == s.size() ? c.code : kInvalidCodePoint;
}

bool Contains(const std::vector<char32_t>& sorted, char32_t cp) {
  return std::binary_search(sorted.begin(), sorted.end(), cp);
}

SegmentKind SeparatorKind(std::string_view s) {
  return IsHardSeparator(s) ? SegmentKind::kHardSeparator : SegmentKind::kSoftSeparator;
}

}  // namespace

SegmentMatcher::SegmentMatcher(const TokenizerOptions& options) {
  const auto& removed = options.non_separator_tokens;
  const auto is_removed = [&](std::string_view s) {
    return std::find(removed.begin(), removed.end(), s) != removed.end();
  };

  for (char32_t c = 0; c < 128; ++c) {
    const char ch = static_cast<char>(c);
    ascii_kind_[c] = IsDefaultSeparator(c) && !is_removed(std::string_view(&ch, 1))
                         ? SeparatorKind(std::string_view(&ch, 1))
                         : SegmentKind::kText;
  }
  for (const std::string& r : removed) {
    const char32_t cp = SingleCodePoint(r);
    if (cp != kInvalidCodePoint && cp >= 0x80) removed_code_points_.push_back(cp);
  }
  for (std::string_view s : DefaultMultiCodePointSeparators()) {
    if (!is_removed(s)) AddPattern(std::string(s), SeparatorKind(s));
  }
  for (const std::string& s : options.separator_tokens) {
    if (s.empty() || is_removed(s)) continue;
    const char32_t cp = SingleCodePoint(s);
    if (cp == kInvalidCodePoint) {
      AddPattern(s, SeparatorKind(s));
    } else if (cp < 0x80) {
      ascii_kind_[cp] = SeparatorKind(s);
    } else {
      added_code_points_.push_back(cp);
    }
  }
  std::sort(added_code_points_.begin(), added_code_points_.end());
  std::sort(removed_code_points_.begin(), removed_code_points_.end());
  for (const std::string& word : options.dictionary) {
    if (!word.empty() && !IsSeparatorString(word)) AddPattern(word, SegmentKind::kDictionaryWord);
  }
  for (auto& list : patterns_) {
    std::stable_sort(list.begin(), list.end(), [](const Pattern& a, const Pattern& b) {
      return a.text.size() > b.text.size();
    });
  }
}

void SegmentMatcher::AddPattern(std::string text, SegmentKind kind) {
  auto& list = patterns_[static_cast<unsigned char>(text[0])];
  for (const Pattern& p : list) {
    if (p.text == text) return;  // separators were added first and win
  }
  list.push_back(Pattern{std::move(text), kind});
}

bool SegmentMatcher::IsSingleSeparator(char32_t cp) const {
  if (cp < 0x80) return ascii_kind_[cp] != SegmentKind::kText;
  if (Contains(added_code_points_, cp)) return true;
  if (Contains(removed_code_points_, cp)) return false;
  return IsDefaultSeparator(cp);
}

bool SegmentMatcher::IsSeparatorString(std::string_view s) const {
  const char32_t cp = SingleCodePoint(s);
  if (cp != kInvalidCodePoint) return IsSingleSeparator(cp);
  for (const Pattern& p : patterns_[static_cast<unsigned char>(s[0])]) {
    if (p.text == s) return p.kind != SegmentKind::kDictionaryWord;
  }
  return false;
}

SegmentMatch SegmentMatcher::MatchPatternOrCodePoint(std::string_view text, size_t pos) const {
  const unsigned char b = static_cast<unsigned char>(text[pos]);
  for (const Pattern& p : patterns_[b]) {
    if (text.compare(pos, p.text.size(), p.text) == 0) {
      return {p.kind, static_cast<uint32_t>(p.text.size())};
    }
  }
  if (b < 0x80) return {ascii_kind_[b], 1};
  const Utf8Char c = DecodeUtf8(text, pos);
  if (c.code == kInvalidCodePoint) return {SegmentKind::kSoftSeparator, 1};
  if (!IsSingleSeparator(c.code)) return {SegmentKind::kText, static_cast<uint32_t>(c.size)};
  return {SeparatorKind(text.substr(pos, c.size)), static_cast<uint32_t>(c.size)};
}

}  // namespace myriad::text
