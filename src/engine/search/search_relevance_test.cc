// The relevance suite: expected top results on the 1,990-document Debian sample
// for exact, prefix, typo, multi-word and phrase queries. Each expectation is a
// package whose name or summary is the only good answer to its query.
#include <gtest/gtest.h>

#include "engine/search_test_util.h"

namespace myriad::engine {
namespace {

class RelevanceTest : public testing::IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    Settings(R"({"searchableAttributes":["package","summary","description"],
                 "filterableAttributes":["section"]})");
    AddDebianSample();
  }

  std::string Top(const std::string& q) {
    std::vector<std::string> hits = Hits(q, "package");
    return hits.empty() ? "<no hit>" : hits.front();
  }
};

TEST_F(RelevanceTest, ExactWord) {
  EXPECT_EQ(Top("muttprint"), "muttprint");
  EXPECT_EQ(Top("shelr"), "shelr");
}

TEST_F(RelevanceTest, PrefixOfTheLastWord) {
  EXPECT_EQ(Top("muttpr"), "muttprint");
  EXPECT_EQ(Top("screencas"), "shelr");
}

TEST_F(RelevanceTest, Typos) {
  EXPECT_EQ(Top("mutprint"), "muttprint");   // a letter missing (8 letters: 1 typo)
  EXPECT_EQ(Top("muttprnit"), "muttprint");  // a transposition
  EXPECT_EQ(Top("screencastnig"), "shelr");  // 13 letters: 2 typos allowed
}

TEST_F(RelevanceTest, SeveralWords) {
  EXPECT_EQ(Top("interactive application firewall"), "python3-opensnitch-ui");
  EXPECT_EQ(Top("capstone disassembly rust"), "librust-capstone-sys-dev");
}

TEST_F(RelevanceTest, Phrase) {
  EXPECT_EQ(Top("\"open sound control\""), "libghc-hosc-dev");
  std::vector<std::string> hits = Hits("\"sound control open\"", "package");
  EXPECT_TRUE(hits.empty()) << hits.front();
}

TEST_F(RelevanceTest, FilterNarrowsTheSameQuery) {
  SearchRequest request;
  request.q = "library";
  request.filter = "section = perl";
  request.limit = 50;
  for (const std::string& section : Hits(request, "section")) EXPECT_EQ(section, "perl");
  EXPECT_FALSE(Hits(request).empty());
}

}  // namespace
}  // namespace myriad::engine
