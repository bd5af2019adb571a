#include "auth/index_pattern.h"

#include <algorithm>

namespace myriad::auth {
namespace {

bool IsUidChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::optional<IndexPattern> IndexPattern::Parse(std::string_view text) {
  const bool prefix = !text.empty() && text.back() == '*';
  const std::string_view uid = prefix ? text.substr(0, text.size() - 1) : text;
  if (!prefix && uid.empty()) return std::nullopt;
  if (uid.size() > 512 || !std::all_of(uid.begin(), uid.end(), IsUidChar)) return std::nullopt;
  return IndexPattern(std::string(text), prefix);
}

bool IndexPattern::Matches(std::string_view index) const {
  if (!prefix_) return index == text_;
  return index.starts_with(std::string_view(text_).substr(0, text_.size() - 1));
}

bool AnyMatches(const std::vector<IndexPattern>& patterns, std::string_view index) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const IndexPattern& p) { return p.Matches(index); });
}

}  // namespace myriad::auth
