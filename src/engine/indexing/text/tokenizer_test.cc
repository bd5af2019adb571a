#include "engine/indexing/text/tokenizer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/indexing/text/normalize.h"

namespace myriad::text {
namespace {

std::vector<std::string> Words(const std::vector<Token>& tokens) {
  std::vector<std::string> words;
  for (const Token& t : tokens) words.push_back(t.word);
  return words;
}

std::vector<uint32_t> Positions(const std::vector<Token>& tokens) {
  std::vector<uint32_t> positions;
  for (const Token& t : tokens) positions.push_back(t.position);
  return positions;
}

using W = std::vector<std::string>;
using P = std::vector<uint32_t>;

TEST(TokenizerTest, AsciiSentenceSoftAndHardSeparators) {
  const Tokenizer tokenizer;
  const std::string text = "The quick (\"brown\") fox. Jumps, over; 42 dogs!\nEnd";
  const std::vector<Token> tokens = tokenizer.Tokenize(text);
  EXPECT_EQ(Words(tokens),
            (W{"the", "quick", "brown", "fox", "jumps", "over", "42", "dogs", "end"}));
  // ". " ", " ";" "!" are hard (+8); spaces, quotes, parentheses and '\n' are soft.
  EXPECT_EQ(Positions(tokens), (P{0, 1, 2, 3, 11, 19, 27, 28, 36}));
  for (const Token& t : tokens) {
    EXPECT_EQ(NormalizeWord(text.substr(t.byte_start, t.byte_len)), t.word);
  }
  EXPECT_EQ(tokens[2].byte_start, 12u);
  EXPECT_EQ(tokens[2].byte_len, 5u);
  EXPECT_TRUE(tokens[6].is_number);
  EXPECT_FALSE(tokens[7].is_number);
}

TEST(TokenizerTest, AsciiSeparatorRulesFollowCharabia) {
  const Tokenizer tokenizer;
  struct Case {
    std::string text;
    W words;
    P positions;
  };
  const Case cases[] = {
      // A lone '.' or ',' is soft; followed by a space it is hard.
      {"3.14 a,b", {"3", "14", "a", "b"}, {0, 1, 2, 3}},
      {"a. b, c", {"a", "b", "c"}, {0, 8, 16}},
      // '-', '_' and '\'' are soft separators.
      {"kebab-case snake_case it's",
       {"kebab", "case", "snake", "case", "it", "s"},
       {0, 1, 2, 3, 4, 5}},
      // "$ < = > ^ | ~" do not separate.
      {"a=b $5 x|y", {"a=b", "$5", "x|y"}, {0, 1, 2}},
      // A soft separator after a hard one does not lower the distance; leading
      // separators do not count.
      {"  ...one!  two", {"one", "two"}, {0, 8}},
      {"", {}, {}},
      {" \t\n.,", {}, {}},
  };
  for (const Case& c : cases) {
    const std::vector<Token> tokens = tokenizer.Tokenize(c.text);
    EXPECT_EQ(Words(tokens), c.words) << c.text;
    EXPECT_EQ(Positions(tokens), c.positions) << c.text;
  }
}

TEST(TokenizerTest, CaseFoldingAndDiacritics) {
  const Tokenizer tokenizer;
  const std::string text = "ÉCOLE café Ångström Straße ŒUVRE naïve ﬁne";
  const std::vector<Token> tokens = tokenizer.Tokenize(text);
  // Like charabia: lowercase (not full case folding), so "ß" stays.
  EXPECT_EQ(Words(tokens), (W{"ecole", "cafe", "angstrom", "straße", "oeuvre", "naive", "fine"}));
  EXPECT_EQ(Positions(tokens), (P{0, 1, 2, 3, 4, 5, 6}));
  for (const Token& t : tokens) {
    EXPECT_EQ(NormalizeWord(text.substr(t.byte_start, t.byte_len)), t.word);
  }
  EXPECT_EQ(text.substr(tokens[2].byte_start, tokens[2].byte_len), "Ångström");
}

TEST(TokenizerTest, CjkIsSegmentedIntoSeveralWords) {
  const Tokenizer tokenizer;
  const std::string text = "东京大学的学生";
  const std::vector<Token> tokens = tokenizer.Tokenize(text);
  ASSERT_GT(tokens.size(), 1u);
  std::string joined;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      EXPECT_EQ(tokens[i].position, tokens[i - 1].position + 1);
    }
    EXPECT_EQ(text.substr(tokens[i].byte_start, tokens[i].byte_len), tokens[i].word);
    joined += tokens[i].word;
  }
  EXPECT_EQ(joined, text);
}

TEST(TokenizerTest, JapaneseThaiAndMixedScripts) {
  const Tokenizer tokenizer;
  EXPECT_GT(tokenizer.Tokenize("私は東京に住んでいます").size(), 2u);
  EXPECT_GT(tokenizer.Tokenize("ภาษาไทยง่ายนิดเดียว").size(), 2u);
  // A change of script splits; the ideographic full stop is hard.
  const std::vector<Token> tokens = tokenizer.Tokenize("東京Tokyo。Москва");
  ASSERT_GE(tokens.size(), 3u);
  EXPECT_EQ(tokens[tokens.size() - 2].word, "tokyo");
  EXPECT_EQ(tokens.back().word, "москва");
  EXPECT_EQ(tokens.back().position, tokens[tokens.size() - 2].position + kHardSeparatorDistance);
}

TEST(TokenizerTest, SeparatorTokensAddSeparators) {
  TokenizerOptions options;
  options.separator_tokens = {"|", "&amp;"};
  const Tokenizer tokenizer(options);
  EXPECT_EQ(Words(tokenizer.Tokenize("x|y tom&amp;jerry")), (W{"x", "y", "tom", "jerry"}));
  EXPECT_EQ(Words(Tokenizer().Tokenize("x|y tom&amp;jerry")), (W{"x|y", "tom", "amp", "jerry"}));
}

TEST(TokenizerTest, NonSeparatorTokensKeepWordsTogether) {
  TokenizerOptions options;
  options.non_separator_tokens = {"#", "-", "."};
  const Tokenizer tokenizer(options);
  EXPECT_EQ(Words(tokenizer.Tokenize("C# e-mail 3.14. End")), (W{"c#", "e-mail", "3.14", "end"}));
  // ". " stays a hard separator.
  EXPECT_EQ(Positions(tokenizer.Tokenize("C# e-mail 3.14. End")), (P{0, 1, 2, 10}));
  EXPECT_EQ(Words(Tokenizer().Tokenize("C# e-mail")), (W{"c", "e", "mail"}));
}

TEST(TokenizerTest, DictionaryKeepsEntriesAsOneWord) {
  TokenizerOptions options;
  options.dictionary = {"J. R. R.", "J. K.", "Dr."};
  const Tokenizer tokenizer(options);
  const std::string text = "J. R. R. Tolkien. J. K. Rowling. Dr. Seuss";
  const std::vector<Token> tokens = tokenizer.Tokenize(text);
  EXPECT_EQ(Words(tokens), (W{"j. r. r.", "tolkien", "j. k.", "rowling", "dr.", "seuss"}));
  EXPECT_EQ(Positions(tokens), (P{0, 1, 9, 10, 18, 19}));
  EXPECT_EQ(tokens[0].byte_len, 8u);
  EXPECT_EQ(Tokenizer().Tokenize(text).size(), 9u);
}

TEST(TokenizerTest, InvalidUtf8NeverEscapesTheInput) {
  const Tokenizer tokenizer;
  const std::string inputs[] = {
      std::string("caf\xE9 ok"),        std::string("\xFF\xFE\xFD"),
      std::string("ab\xE4\xB8"),        std::string("\xC0\xAF x \xED\xA0\x80 y"),
      std::string("\xF4\x90\x80\x80z"), std::string("中\x80文"),
  };
  for (const std::string& s : inputs) {
    for (const Token& t : tokenizer.Tokenize(s)) {
      EXPECT_LE(t.byte_start + t.byte_len, s.size());
      EXPECT_FALSE(t.word.empty());
    }
    (void)NormalizeWord(s);
  }
  EXPECT_EQ(Words(tokenizer.Tokenize(inputs[0])), (W{"caf", "ok"}));
}

TEST(TokenizerTest, OverlongWordsAreDroppedButKeepTheirPosition) {
  const Tokenizer tokenizer;
  const std::string longest(kMaxWordBytes, 'a');
  const std::string too_long(kMaxWordBytes + 1, 'b');
  const std::vector<Token> tokens = tokenizer.Tokenize(longest + " " + too_long + " end");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].word, longest);
  EXPECT_EQ(tokens[1].word, "end");
  EXPECT_EQ(tokens[1].position, 2u);
}

TEST(TokenizerTest, NumbersAreFlagged) {
  const Tokenizer tokenizer;
  const std::vector<Token> tokens = tokenizer.Tokenize("2024 v2 ２０２４ 3°F");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_TRUE(tokens[0].is_number);
  EXPECT_FALSE(tokens[1].is_number);
  EXPECT_EQ(tokens[2].word, "2024");  // full-width digits decompose (NFKD)
  EXPECT_TRUE(tokens[2].is_number);
  EXPECT_EQ(tokens[3].word, "3°f");
  EXPECT_FALSE(tokens[3].is_number);
}

TEST(TokenizerTest, AppendsIntoExistingVector) {
  const Tokenizer tokenizer;
  std::vector<Token> out;
  tokenizer.TokenizeInto("one two", &out);
  tokenizer.TokenizeInto("three", &out);
  EXPECT_EQ(Words(out), (W{"one", "two", "three"}));
  EXPECT_EQ(out[2].position, 0u);
}

TEST(TokenizerTest, OneInstanceServesManyThreads) {
  const Tokenizer tokenizer;
  const std::string text = "东京大学的学生 and the café";
  const std::vector<Token> expected = tokenizer.Tokenize(text);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 200; ++k) mismatches[i] += tokenizer.Tokenize(text) != expected;
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// Throughput on the Debian corpus: MYRIAD_TEXT_CORPUS=/tmp/text-corpus.ndjson
// text_test --gtest_also_run_disabled_tests --gtest_filter=*Throughput*
TEST(TokenizerTest, DISABLED_Throughput) {
  const char* path = std::getenv("MYRIAD_TEXT_CORPUS");
  ASSERT_NE(path, nullptr);
  std::ifstream in(path);
  std::vector<std::string> texts;
  std::string line;
  const std::string key = "\"description\": \"";
  while (std::getline(in, line)) {
    const size_t at = line.find(key);
    if (at == std::string::npos) continue;
    const size_t begin = at + key.size();
    size_t end = begin;
    while (end < line.size() && !(line[end] == '"' && line[end - 1] != '\\')) ++end;
    texts.push_back(line.substr(begin, end - begin));  // JSON escapes left as is
  }
  const Tokenizer tokenizer;
  std::vector<Token> tokens;
  size_t bytes = 0, words = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& t : texts) {
    tokens.clear();
    tokenizer.TokenizeInto(t, &tokens);
    bytes += t.size();
    words += tokens.size();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu texts, %zu bytes, %zu words in %.3f s: %.1f MB/s, %.2f us/text\n", texts.size(),
              bytes, words, s, bytes / s / 1e6, s * 1e6 / texts.size());
}

}  // namespace
}  // namespace myriad::text
