#include "engine/search/typo/lmdb_word_dictionary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "engine/search/typo/derive_words.h"
#include "engine/search/typo/sorted_vector_dictionary.h"
#include "storage/env.h"
#include "storage/storage_test_util.h"
#include "storage/txn.h"

namespace myriad::typo {
namespace {

TEST(LmdbWordDictionaryTest, SameDerivationsAsSortedVector) {
  myriad::testing::TempDir dir;
  storage::EnvOptions options;
  options.map_size = 64 << 20;
  options.no_sync = true;
  auto env = storage::Env::Open(dir.Sub("env"), options);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  auto db = (*env)->OpenDatabase("words", true);
  ASSERT_TRUE(db.ok());

  std::mt19937 rng(31);
  static const char* const kAlphabet[] = {"a", "b", "c", "\xC3\xA9", "\xE6\x9D\xB1", "\xFF"};
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) {
    std::string w;
    for (size_t n = 1 + rng() % 9; n > 0; --n) w += kAlphabet[rng() % std::size(kAlphabet)];
    words.push_back(w);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  {
    auto txn = storage::WriteTxn::Begin(**env);
    ASSERT_TRUE(txn.ok());
    for (const std::string& w : words) ASSERT_TRUE(txn->Put(*db, w, "docids").ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }

  auto txn = storage::ReadTxn::Begin(**env);
  ASSERT_TRUE(txn.ok());
  auto lmdb = LmdbWordDictionary::Open(*txn, *db);
  ASSERT_TRUE(lmdb.ok()) << lmdb.status().ToString();
  SortedVectorDictionary vec(words);
  TypoRules rules;
  rules.min_one_typo = 3;
  rules.min_two_typos = 6;
  size_t matched = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string& query = words[rng() % words.size()];
    for (bool is_prefix : {false, true}) {
      DeriveStats lmdb_stats;
      DeriveStats vec_stats;
      auto from_lmdb = DeriveWords(**lmdb, query, is_prefix, rules, {}, &lmdb_stats);
      auto from_vec = DeriveWords(vec, query, is_prefix, rules, {}, &vec_stats);
      ASSERT_TRUE(from_lmdb.ok() && from_vec.ok());
      ASSERT_EQ(*from_lmdb, *from_vec) << query;
      EXPECT_EQ(lmdb_stats.seeks, vec_stats.seeks);
      EXPECT_EQ(lmdb_stats.words_visited, vec_stats.words_visited);
      matched += from_lmdb->size();
    }
  }
  EXPECT_GT(matched, 400u);  // the comparison was not vacuous
}

}  // namespace
}  // namespace myriad::typo
