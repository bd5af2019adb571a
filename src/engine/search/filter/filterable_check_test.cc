#include "engine/search/filter/filterable_check.h"

#include <gtest/gtest.h>

#include "engine/search/filter/filter_parser.h"

namespace myriad::filter {
namespace {

std::string Check(std::string_view filter, const std::vector<FilterableRule>& rules,
                  std::string_view uid = "movies") {
  auto parsed = ParseFilter(filter);
  const FilterExpr& expr = *std::get<ParsedFilter>(parsed);
  auto error = CheckFilterable(expr, uid, rules);
  return error ? error->message : "OK";
}

TEST(FilterableCheckTest, LegacyNamesAndNestedPaths) {
  const auto rules = LegacyFilterableRules({"title", "id", "doggos"});
  EXPECT_EQ(Check("title = a AND (id > 1 OR NOT doggos.age 1 TO 3)", rules), "OK");
  EXPECT_EQ(Check("genre = action", rules),
            "Index `movies`: Attribute `genre` is not filterable. Available filterable attribute "
            "patterns are: `doggos`, `id`, `title`.\n1:6 genre = action");
  EXPECT_EQ(Check("titles = a", rules).substr(0, 44),
            "Index `movies`: Attribute `titles` is not fi");
  // Meilisearch's search test: quoted attribute, span inside the quotes.
  EXPECT_EQ(Check("\"many\" = \"Glass\"", LegacyFilterableRules({"title"}), ""),
            "Attribute `many` is not filterable. Available filterable attribute patterns are: "
            "`title`.\n2:6 \"many\" = \"Glass\"");
  EXPECT_EQ(Check("dog = 1", {}),
            "Index `movies`: Attribute `dog` is not filterable. This index does not have "
            "configured filterable attributes.\n1:4 dog = 1");
  // Siblings are checked last first, as Meilisearch's stack walk does.
  EXPECT_EQ(Check("a = 1 AND b = 2", rules).substr(0, 28), "Index `movies`: Attribute `b");
  EXPECT_EQ(Check("_vectors EXISTS AND _geoRadius(1, 2, 3)", rules), "OK");
}

TEST(FilterableCheckTest, Patterns) {
  const std::vector<FilterableRule> rules = {
      {false, {"release_*", "*_date"}, true}, {false, {"facet_only"}, false}, {false, {"*"}, true}};
  EXPECT_EQ(Check("release_year > 2000 AND end_date < 3 AND anything = 1", rules), "OK");
  // The first matching rule decides, even when a later one would allow it.
  EXPECT_EQ(Check("facet_only = 1", rules),
            "Index `movies`: Attribute `facet_only` is not filterable. Available filterable "
            "attribute patterns are: `*`, `*_date`, `release_*`.\n1:11 facet_only = 1");
}

}  // namespace
}  // namespace myriad::filter
