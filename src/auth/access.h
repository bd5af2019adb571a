// Access: what one authenticated request may see, as handlers need it once the
// route's action is granted: which indexes, and which filter a tenant token
// adds to searches.
//
// Thread safety: immutable once built; share it freely (shared_ptr<const Access>).
#pragma once

#include <algorithm>
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/index_pattern.h"
#include "auth/tenant_token.h"

namespace myriad::auth {

class Access {
 public:
  // The master key, or a server without one: every index, no filter.
  static Access Everything() { return Access(std::nullopt, std::nullopt); }
  // An API key restricted to `key_indexes`, with the rules of the tenant
  // token it signed, if the bearer was one.
  // `may_create_indexes`: the key has `indexes.create`.
  static Access ForKey(std::vector<IndexPattern> key_indexes,
                       std::optional<SearchRules> token_rules, bool may_create_indexes) {
    Access access(std::move(key_indexes), std::move(token_rules));
    access.may_create_indexes_ = may_create_indexes;
    return access;
  }

  // True when both the key and the token (if any) reach `index`.
  bool CanSeeIndex(std::string_view index) const {
    return (!key_indexes_ || AnyMatches(*key_indexes_, index)) &&
           (!token_rules_ || token_rules_->AllowsIndex(index));
  }
  // True when no index is hidden (so lists need no filtering).
  bool SeesEveryIndex() const {
    auto all = [](const IndexPattern& p) { return p.MatchesAll(); };
    return (!key_indexes_ || std::any_of(key_indexes_->begin(), key_indexes_->end(), all)) &&
           !token_rules_;
  }
  // The filter the tenant token imposes on searches of `index`; null when none.
  boost::json::value SearchFilter(std::string_view index) const {
    return token_rules_ ? token_rules_->FilterFor(index) : boost::json::value(nullptr);
  }
  bool is_tenant_token() const { return token_rules_.has_value(); }
  // Whether a write this access makes (documents, settings) may create the
  // index it names when it is missing, as Meilisearch's allow_index_creation:
  // only with `indexes.create` (the index itself is checked by CanSeeIndex).
  bool MayCreateIndexes() const { return may_create_indexes_; }

 private:
  Access(std::optional<std::vector<IndexPattern>> key_indexes,
         std::optional<SearchRules> token_rules)
      : key_indexes_(std::move(key_indexes)), token_rules_(std::move(token_rules)) {}

  std::optional<std::vector<IndexPattern>> key_indexes_;  // unset: every index
  std::optional<SearchRules> token_rules_;
  bool may_create_indexes_ = true;
};

}  // namespace myriad::auth
