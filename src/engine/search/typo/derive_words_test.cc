#include "engine/search/typo/derive_words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <set>

#include "engine/search/typo/sorted_vector_dictionary.h"
#include "engine/search/typo/typo_test_oracle.h"
#include "engine/search/typo/word_list.h"

namespace myriad::typo {

void PrintTo(const Derivation& d, std::ostream* os) {
  *os << "{" << d.word << ", " << int{d.typos} << (d.prefix ? ", prefix}" : "}");
}

namespace {

using testing::OracleDerive;

std::vector<std::string> Sorted(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::vector<Derivation> Derive(const std::vector<std::string>& words, std::string_view query,
                               bool is_prefix, const TypoRules& rules = {},
                               const DerivationLimits& limits = {}) {
  SortedVectorDictionary dict(words);
  Result<std::vector<Derivation>> r = DeriveWords(dict, query, is_prefix, rules, limits);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<Derivation>();
}

TEST(DeriveWordsTest, LengthThresholds) {
  const auto words = Sorted({"cats", "cat", "catsx", "house", "housr", "hous", "houze", "bhouse",
                             "ouse", "abcdefghi", "abcdefgxy", "abcdefgh"});
  // 4 letters: exact only.
  EXPECT_EQ(Derive(words, "cats", false), (std::vector<Derivation>{{"cats", 0, false}}));
  // 5 letters: one typo, same first letter.
  EXPECT_EQ(
      Derive(words, "house", false),
      (std::vector<Derivation>{
          {"house", 0, false}, {"hous", 1, false}, {"housr", 1, false}, {"houze", 1, false}}));
  // 9 letters: two typos.
  EXPECT_EQ(Derive(words, "abcdefghi", false),
            (std::vector<Derivation>{
                {"abcdefghi", 0, false}, {"abcdefgh", 1, false}, {"abcdefgxy", 2, false}}));
}

TEST(DeriveWordsTest, FirstLetterTypoCostsTwo) {
  const auto words = Sorted({"jello", "hello", "jellyfishes", "hellyfishes"});
  // 1 typo allowed: a first-letter substitution is not one typo.
  EXPECT_EQ(Derive(words, "hello", false), (std::vector<Derivation>{{"hello", 0, false}}));
  // 2 typos allowed: it is two.
  EXPECT_EQ(Derive(words, "jellyfishes", false),
            (std::vector<Derivation>{{"jellyfishes", 0, false}, {"hellyfishes", 2, false}}));
  TypoRules low;
  low.min_two_typos = 5;
  EXPECT_EQ(Derive(words, "hello", false, low),
            (std::vector<Derivation>{{"hello", 0, false}, {"jello", 2, false}}));
}

TEST(DeriveWordsTest, TranspositionCountsOne) {
  const auto words = Sorted({"hlelo", "hello", "hleol"});
  EXPECT_EQ(Derive(words, "hello", false),
            (std::vector<Derivation>{{"hello", 0, false}, {"hlelo", 1, false}}));
}

TEST(DeriveWordsTest, PrefixMode) {
  const auto words = Sorted({"princess", "prince", "print", "prinsep", "prinses", "pri", "zzz"});
  EXPECT_EQ(Derive(words, "prinse", true), (std::vector<Derivation>{{"prinsep", 0, true},
                                                                    {"prinses", 0, true},
                                                                    {"prince", 1, false},
                                                                    {"princess", 1, true}}));
  EXPECT_EQ(Derive(words, "prinse", false),
            (std::vector<Derivation>{
                {"prince", 1, false}, {"prinsep", 1, false}, {"prinses", 1, false}}));
  // Short prefixes: no typo, every word they start.
  EXPECT_EQ(Derive(words, "pri", true), (std::vector<Derivation>{{"pri", 0, false},
                                                                 {"prince", 0, true},
                                                                 {"princess", 0, true},
                                                                 {"prinsep", 0, true},
                                                                 {"prinses", 0, true},
                                                                 {"print", 0, true}}));
}

TEST(DeriveWordsTest, DisabledRules) {
  const auto words = Sorted({"hello", "hallo", "12345", "12346", "1234", "12345x"});
  TypoRules off;
  off.enabled = false;
  EXPECT_EQ(Derive(words, "hello", false, off), (std::vector<Derivation>{{"hello", 0, false}}));
  TypoRules exact_words;
  exact_words.disable_on_words = {"hello"};
  EXPECT_EQ(Derive(words, "hello", false, exact_words),
            (std::vector<Derivation>{{"hello", 0, false}}));
  EXPECT_EQ(Derive(words, "hello", false).size(), 2u);

  TypoRules numbers;
  numbers.disable_on_numbers = true;
  EXPECT_EQ(Derive(words, "12345", false, numbers), (std::vector<Derivation>{{"12345", 0, false}}));
  // Number words are never reached through a typo ("12345x" is no number);
  // prefixes still work.
  EXPECT_EQ(Derive(words, "1234x", false, numbers),
            (std::vector<Derivation>{{"12345x", 1, false}}));
  EXPECT_EQ(Derive(words, "1234", true, numbers),
            (std::vector<Derivation>{
                {"1234", 0, false}, {"12345", 0, true}, {"12345x", 0, true}, {"12346", 0, true}}));
  EXPECT_EQ(
      Derive(words, "12345", false),
      (std::vector<Derivation>{
          {"12345", 0, false}, {"1234", 1, false}, {"12345x", 1, false}, {"12346", 1, false}}));
}

TEST(DeriveWordsTest, TooLongOrEmptyQueriesDeriveNothing) {
  const std::string long_word(kMaxWordBytes + 1, 'a');
  const auto words = Sorted({long_word, "a"});
  EXPECT_TRUE(Derive(words, long_word, false).empty());
  EXPECT_TRUE(Derive(words, "", true).empty());
}

// Random words over a small alphabet with multi-byte characters and a lone
// invalid byte, so that words share prefixes and typos often land.
std::vector<std::string> RandomWords(std::mt19937& rng, size_t count, size_t max_len) {
  static const char* const kAlphabet[] = {
      "a", "b", "c", "d", "e", "\xC3\xA9", "\xC3\x9F", "\xE6\x9D\xB1", "1", "\xC3"};
  std::uniform_int_distribution<size_t> len(1, max_len);
  std::uniform_int_distribution<size_t> letter(0, std::size(kAlphabet) - 1);
  std::vector<std::string> words;
  for (size_t i = 0; i < count; ++i) {
    std::string w;
    for (size_t n = len(rng); n > 0; --n) w += kAlphabet[letter(rng)];
    words.push_back(w);
  }
  return words;
}

struct OracleCase {
  DerivationLimits limits;
  const char* name;
};

TEST(DeriveWordsTest, MatchesBruteForceOracle) {
  std::mt19937 rng(20240611);
  const OracleCase cases[] = {
      {{SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX}, "uncapped"},
      {{4, 3, 2, SIZE_MAX}, "small caps"},
  };
  for (int round = 0; round < 4; ++round) {
    const auto words = Sorted(RandomWords(rng, 2500, 9));
    SortedVectorDictionary vector_dict(words);
    Result<WordList> list = WordList::Read(vector_dict);
    ASSERT_TRUE(list.ok());
    WordListDictionary list_dict(*list);
    std::vector<std::string> queries = RandomWords(rng, 30, 11);
    for (int i = 0; i < 30; ++i) queries.push_back(words[rng() % words.size()]);
    for (const std::string& query : queries) {
      // Odd rounds walk a WordList: it must derive what any other dictionary
      // of the same words gives.
      WordDictionary& dict = round % 2 == 0 ? static_cast<WordDictionary&>(vector_dict)
                                            : static_cast<WordDictionary&>(list_dict);
      for (int typos = 0; typos <= 2; ++typos) {
        for (bool is_prefix : {false, true}) {
          for (bool numbers : {false, true}) {
            for (const OracleCase& c : cases) {
              Result<std::vector<Derivation>> got = DeriveWordsWithBudget(
                  dict, query, is_prefix, static_cast<uint8_t>(typos), numbers, c.limits);
              ASSERT_TRUE(got.ok());
              ASSERT_EQ(*got, OracleDerive(words, query, is_prefix, typos, numbers, c.limits))
                  << "query=" << query << " typos=" << typos << " prefix=" << is_prefix
                  << " numbers=" << numbers << " " << c.name;
            }
          }
        }
      }
    }
  }
}

TEST(WordListTest, SeeksFindTheFirstWordAtLeastTheKeyFromAnyPosition) {
  std::mt19937 rng(5);
  const auto words = Sorted(RandomWords(rng, 3000, 6));
  SortedVectorDictionary source(words);
  Result<WordList> list = WordList::Read(source);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), words.size());
  for (size_t i = 0; i < words.size(); ++i) ASSERT_EQ((*list)[i], words[i]);
  WordListDictionary dict(*list);
  for (int i = 0; i < 5000; ++i) {
    // From wherever the last seek left it, forward or backward.
    const std::string key = RandomWords(rng, 1, 6)[0];
    const auto expected = std::lower_bound(words.begin(), words.end(), key);
    Result<bool> on = dict.SeekAtLeast(key);
    ASSERT_TRUE(on.ok());
    ASSERT_EQ(*on, expected != words.end()) << key;
    if (*on) {
      ASSERT_EQ(dict.word(), *expected) << key;
    }
  }
  EXPECT_FALSE(*dict.SeekAtLeast("\xFF"));
  ASSERT_TRUE(*dict.SeekAtLeast(""));
  EXPECT_EQ(dict.word(), words.front());
}

TEST(DeriveWordsTest, MeilisearchCapsPerKind) {
  // 300 one-typo neighbours and 300 prefix derivations of "abcde".
  std::vector<std::string> words = {"abcde"};
  for (int i = 0; i < 300; ++i) {
    words.push_back("abcde" + std::to_string(1000 + i));  // prefix derivations
    words.push_back("abcd" + std::string(1, static_cast<char>('f' + i % 20)) +
                    std::to_string(i));  // prefix with one typo
  }
  words = Sorted(words);
  const std::vector<Derivation> got = Derive(words, "abcde", true);
  const size_t zero = std::count_if(got.begin(), got.end(),
                                    [](const Derivation& d) { return d.typos == 0 && d.prefix; });
  const size_t one =
      std::count_if(got.begin(), got.end(), [](const Derivation& d) { return d.typos == 1; });
  EXPECT_EQ(zero, 300u);  // under MAX_PREFIX_COUNT (1000)
  EXPECT_EQ(one, 150u);   // MAX_ONE_TYPO_COUNT
  EXPECT_EQ(got, OracleDerive(words, "abcde", true, 1, false, DerivationLimits()));
}

TEST(DeriveWordsTest, CallerCapBoundsTheAnswer) {
  std::mt19937 rng(7);
  const auto words = Sorted(RandomWords(rng, 3000, 6));
  SortedVectorDictionary dict(words);
  DerivationLimits capped;
  capped.max_total = 5;
  Result<std::vector<Derivation>> all = DeriveWordsWithBudget(dict, "a", true, 0, false);
  Result<std::vector<Derivation>> few = DeriveWordsWithBudget(dict, "a", true, 0, false, capped);
  ASSERT_TRUE(all.ok() && few.ok());
  ASSERT_GT(all->size(), 5u);
  ASSERT_EQ(few->size(), 5u);
  for (const Derivation& d : *few) {
    EXPECT_NE(std::find(all->begin(), all->end(), d), all->end()) << d.word;
  }
}

TEST(DeriveWordsTest, SeeksPastPrefixesThatCannotMatch) {
  std::mt19937 rng(99);
  const auto words = Sorted(RandomWords(rng, 20000, 10));
  SortedVectorDictionary dict(words);
  DeriveStats stats;
  DerivationLimits uncapped{SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX};
  Result<std::vector<Derivation>> got =
      DeriveWordsWithBudget(dict, "abcdeabcd", false, 2, false, uncapped, &stats);
  ASSERT_TRUE(got.ok());
  EXPECT_GT(stats.seeks, 1u);
  // Without seeking past dead prefixes the walk would visit every word.
  EXPECT_LT(stats.words_visited, words.size() / 4);
}

TEST(DeriveWordsTest, SeeksOnlyToUnitsTheQueryHas) {
  // After "ax" (one typo spent) only a unit of the query can follow within
  // the budget: the walk seeks to those instead of to every sibling.
  std::vector<std::string> words = {"abcde"};
  for (char c = 'a'; c <= 'z'; ++c) words.push_back(std::string("ax") + c + "zz");
  words = Sorted(words);
  SortedVectorDictionary dict(words);
  DeriveStats stats;
  Result<std::vector<Derivation>> got =
      DeriveWordsWithBudget(dict, "abcde", false, 1, false, DerivationLimits(), &stats);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, OracleDerive(words, "abcde", false, 1, false, DerivationLimits()));
  EXPECT_LT(stats.words_visited, 10u);
  EXPECT_LT(stats.seeks, 10u);
}

}  // namespace
}  // namespace myriad::typo
