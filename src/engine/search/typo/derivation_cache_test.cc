#include "engine/search/typo/derivation_cache.h"

#include <gtest/gtest.h>

namespace myriad::typo {
namespace {

DerivationCache::Derivations Of(std::vector<Derivation> d) {
  return std::make_shared<const std::vector<Derivation>>(std::move(d));
}

TEST(DerivationCacheTest, KeepsAWordAndItsPrefixApart) {
  DerivationCache cache;
  EXPECT_EQ(cache.Find("ora", true), nullptr);
  cache.Insert("ora", true, Of({{"ora", 0, false}, {"orange", 0, true}}));
  ASSERT_NE(cache.Find("ora", true), nullptr);
  EXPECT_EQ(cache.Find("ora", true)->size(), 2u);
  EXPECT_EQ(cache.Find("ora", false), nullptr);
  cache.Insert("ora", false, Of({{"ora", 0, false}}));
  EXPECT_EQ(cache.Find("ora", false)->size(), 1u);
  EXPECT_EQ(cache.Find("ora", true)->size(), 2u);
  // The first derivations inserted stay (both are the same walk's).
  cache.Insert("ora", false, Of({}));
  EXPECT_EQ(cache.Find("ora", false)->size(), 1u);
}

TEST(DerivationCacheTest, StartsOverPastItsBound) {
  DerivationCache cache(/*max_derivations=*/4);
  cache.Insert("a", false, Of({{"a", 0, false}, {"b", 1, false}}));
  cache.Insert("c", false, Of({{"c", 0, false}, {"d", 1, false}}));
  EXPECT_EQ(cache.size(), 2u);
  cache.Insert("e", false, Of({{"e", 0, false}}));  // 5 > 4: the others go
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Find("a", false), nullptr);
  EXPECT_NE(cache.Find("e", false), nullptr);
}

}  // namespace
}  // namespace myriad::typo
