#include "auth/action.h"

#include <gtest/gtest.h>

#include "auth/index_pattern.h"

namespace myriad::auth {
namespace {

TEST(ActionTest, PlainNamesGrantOneAction) {
  auto set = ExpandActionName("documents.add");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->count(), 1u);
  EXPECT_TRUE(Has(*set, Action::kDocumentsAdd));
  EXPECT_EQ(ActionName(Action::kDocumentsAdd), "documents.add");
}

TEST(ActionTest, WildcardsExpand) {
  auto docs = ExpandActionName("documents.*");
  ASSERT_TRUE(docs);
  EXPECT_TRUE(Has(*docs, Action::kDocumentsAdd));
  EXPECT_TRUE(Has(*docs, Action::kDocumentsGet));
  EXPECT_TRUE(Has(*docs, Action::kDocumentsDelete));
  EXPECT_FALSE(Has(*docs, Action::kSearch));

  auto all = ExpandActionName("*");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->all());
  // As in Meilisearch, `*` includes key management.
  EXPECT_TRUE(Has(*all, Action::kKeysCreate));

  auto reads = ExpandActionName("*.get");
  ASSERT_TRUE(reads);
  EXPECT_TRUE(Has(*reads, Action::kSearch));
  EXPECT_TRUE(Has(*reads, Action::kTasksGet));
  EXPECT_FALSE(Has(*reads, Action::kDocumentsAdd));
  EXPECT_FALSE(Has(*reads, Action::kKeysGet));  // no privilege escalation
}

TEST(ActionTest, EveryListedNameIsKnownAndUnknownNamesAreNot) {
  for (std::string_view name : AllActionNames()) {
    EXPECT_TRUE(ExpandActionName(name)) << name;
  }
  EXPECT_FALSE(ExpandActionName("documents"));
  EXPECT_FALSE(ExpandActionName("Search"));
  EXPECT_FALSE(ExpandActionName("keys.*"));  // not a Meilisearch action
  EXPECT_FALSE(ExpandActionNames({"search", "nope"}));
  auto both = ExpandActionNames({"search", "settings.get"});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->count(), 2u);
}

TEST(ActionTest, GlobalActionsDenyIndexScope) {
  for (std::string_view name :
       {"version", "keys.get", "dumps.*", "snapshots.create", "metrics.*"}) {
    EXPECT_TRUE(DeniesIndexScope(name)) << name;
  }
  for (std::string_view name :
       {"*", "*.get", "search", "documents.*", "stats.*", "tasks.get", "settings.update", "nope"}) {
    EXPECT_FALSE(DeniesIndexScope(name)) << name;
  }
}

TEST(IndexPatternTest, ExactAndPrefixPatterns) {
  auto exact = IndexPattern::Parse("movies");
  ASSERT_TRUE(exact);
  EXPECT_TRUE(exact->Matches("movies"));
  EXPECT_FALSE(exact->Matches("movies2"));
  EXPECT_TRUE(exact->is_exact());

  auto prefix = IndexPattern::Parse("tenant_1_*");
  ASSERT_TRUE(prefix);
  EXPECT_TRUE(prefix->Matches("tenant_1_books"));
  EXPECT_TRUE(prefix->Matches("tenant_1_"));
  EXPECT_FALSE(prefix->Matches("tenant_2_books"));
  EXPECT_FALSE(prefix->MatchesAll());

  auto all = IndexPattern::Parse("*");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->MatchesAll());
  EXPECT_TRUE(all->Matches("anything"));
}

TEST(IndexPatternTest, RefusesWhatIsNotAUidPattern) {
  for (std::string_view bad : {"", "inv@lid", "a*b", "**", "a b", "../x", "a/b"}) {
    EXPECT_FALSE(IndexPattern::Parse(bad)) << bad;
  }
  EXPECT_TRUE(IndexPattern::Parse(std::string(512, 'a')));
  EXPECT_FALSE(IndexPattern::Parse(std::string(513, 'a')));
}

}  // namespace
}  // namespace myriad::auth
