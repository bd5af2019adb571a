#include "engine/search/word_list_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/search/typo/sorted_vector_dictionary.h"

namespace myriad::engine {
namespace {

// A reader of `words` that counts its calls.
struct CountingRead {
  std::vector<std::string> words;
  int calls = 0;
  std::function<Result<typo::WordList>()> Fn() {
    return [this]() -> Result<typo::WordList> {
      ++calls;
      typo::SortedVectorDictionary dict(words);
      return typo::WordList::Read(dict);
    };
  }
};

TEST(WordListCacheTest, BuildsOnTheNthSearchOfASnapshotAndKeepsItForThatSnapshotOnly) {
  WordListCache cache(/*max_bytes=*/1 << 20, /*build_after=*/3);
  CountingRead read{{"alpha", "beta"}};
  for (int i = 0; i < 2; ++i) {
    auto got = cache.Get("index-a", 7, read.Fn());
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, nullptr);  // not worth reading yet: the caller walks LMDB
  }
  auto third = cache.Get("index-a", 7, read.Fn());
  ASSERT_TRUE(third.ok() && *third);
  EXPECT_EQ((**third)[1], "beta");
  auto again = cache.Get("index-a", 7, read.Fn());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *third);
  EXPECT_EQ(read.calls, 1);
  EXPECT_EQ(cache.bytes(), (*third)->bytes());

  // A write made snapshot 8: the list of 7 is never handed out for it.
  read.words = {"alpha", "beta", "gamma"};
  auto after_write = cache.Get("index-a", 8, read.Fn());
  ASSERT_TRUE(after_write.ok());
  EXPECT_EQ(*after_write, nullptr);
  EXPECT_EQ(cache.bytes(), 0u);
  cache.Get("index-a", 8, read.Fn()).value();
  auto rebuilt = cache.Get("index-a", 8, read.Fn());
  ASSERT_TRUE(rebuilt.ok() && *rebuilt);
  EXPECT_EQ((*rebuilt)->size(), 3u);

  // Another index with the same snapshot id has its own list.
  auto other = cache.Get("index-b", 8, read.Fn());
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, nullptr);
}

TEST(WordListCacheTest, TheLeastRecentlyUsedListsGoFirstPastTheBound) {
  CountingRead read{{}};
  for (int i = 0; i < 1000; ++i) read.words.push_back("word" + std::to_string(10000 + i));
  typo::SortedVectorDictionary dict(read.words);
  const size_t one = typo::WordList::Read(dict)->bytes();
  WordListCache cache(/*max_bytes=*/2 * one, /*build_after=*/1);
  ASSERT_TRUE(*cache.Get("a", 1, read.Fn()));
  ASSERT_TRUE(*cache.Get("b", 1, read.Fn()));
  ASSERT_TRUE(*cache.Get("a", 1, read.Fn()));  // a is now the most recent
  ASSERT_TRUE(*cache.Get("c", 1, read.Fn()));  // evicts b
  EXPECT_EQ(read.calls, 3);
  EXPECT_LE(cache.bytes(), 2 * one);
  ASSERT_TRUE(*cache.Get("a", 1, read.Fn()));
  EXPECT_EQ(read.calls, 3);
  ASSERT_TRUE(*cache.Get("b", 1, read.Fn()));
  EXPECT_EQ(read.calls, 4);
}

TEST(WordListCacheTest, AFailedReadIsReportedAndNotCached) {
  WordListCache cache(1 << 20, 1);
  auto failed =
      cache.Get("a", 1, []() -> Result<typo::WordList> { return Status::Corruption("bad page"); });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace myriad::engine
