// IndexPattern: an index uid ("movies") or a prefix pattern ("tenant_1_*",
// "*") as API keys and tenant tokens name the indexes they reach.
//
// Thread safety: a value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace myriad::auth {

class IndexPattern {
 public:
  // nullopt unless `text` is "*", an index uid, or an index uid followed by
  // '*' (the characters of a uid: ASCII letters, digits, '-', '_'; at most 512
  // bytes), as Meilisearch's IndexUidPattern.
  static std::optional<IndexPattern> Parse(std::string_view text);

  bool Matches(std::string_view index) const;
  bool MatchesAll() const { return prefix_ && text_ == "*"; }
  bool is_exact() const { return !prefix_; }
  // As given: "movies", "tenant_*".
  const std::string& text() const { return text_; }

 private:
  IndexPattern(std::string text, bool prefix) : text_(std::move(text)), prefix_(prefix) {}
  std::string text_;
  bool prefix_;
};

// True when one of `patterns` matches `index`.
bool AnyMatches(const std::vector<IndexPattern>& patterns, std::string_view index);

}  // namespace myriad::auth
