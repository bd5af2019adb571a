#include "engine/search/facet/filter_evaluator.h"

#include <gtest/gtest.h>

#include "engine/search/facet/facet_test_util.h"

namespace myriad::facet {
namespace {

using testing::FacetIndex;

class FilterEvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Put({
        {0, R"({"genre":"Action","price":10,"tags":["a","b"],"note":null,"x":-5})"},
        {1, R"({"genre":"action ","price":-2.5,"tags":[],"note":"","x":0})"},
        {2, R"({"genre":"Drama","price":"9","tags":["B"],"x":3.5,"ok":true})"},
        {3, R"({"genre":"Comédie","price":100,"tags":"c","x":-0.5,"ok":false})"},
        {4, R"({"title":"no genre","price":[1,20],"note":{},"x":1e10})"},
        {5, R"({"genre":"12","price":12})"},
    });
  }
  FacetIndex index_;
};

TEST_F(FilterEvaluatorTest, Operators) {
  const struct {
    const char* filter;
    const char* want;
  } cases[] = {
      // Equality: normalized strings, and numbers when the value is one.
      {"genre = action", "[0,1]"},
      {"genre = 'ACTION'", "[0,1]"},
      {"genre = comédie", "[3]"},
      {"genre = COMÉDIE", "[3]"},
      {"genre = missing", "[]"},
      {"price = 10", "[0]"},
      {"price = 10.0", "[0]"},
      {"price = 9", "[2]"},  // the string "9"
      {"price = -2.5", "[1]"},
      {"price = 20", "[4]"},
      {"genre = 12", "[5]"},
      {"ok = true", "[2]"},
      {"ok = FALSE", "[3]"},
      {"genre != action", "[2,3,4,5]"},  // documents without the field too
      {"price != 10", "[1,2,3,4,5]"},
      // Ranges: numbers, across zero, and strings lexicographically.
      {"x > 0", "[2,4]"},
      {"x >= 0", "[1,2,4]"},
      {"x < 0", "[0,3]"},
      {"x <= -0.5", "[0,3]"},
      {"x -1 TO 1", "[1,3]"},
      {"x -5 TO -5", "[0]"},
      {"x 5 TO -5", "[]"},
      {"price > 10", "[2,3,4,5]"},  // 100, 20, 12, and the string "9" > "10"
      {"price < 10", "[1,4]"},
      {"genre > d", "[2]"},
      {"genre >= comédie", "[2,3]"},
      {"genre < b", "[0,1,5]"},
      {"genre a TO c", "[0,1]"},
      // IN, NOT, AND, OR.
      {"genre IN [Action, drama]", "[0,1,2]"},
      {"genre IN []", "[]"},
      {"genre NOT IN [action]", "[2,3,4,5]"},
      {"NOT genre = action", "[2,3,4,5]"},
      {"genre = action AND price > 0", "[0]"},
      {"genre = action OR price > 50", "[0,1,2,3]"},  // "9" > "50" as strings
      {"(genre = action OR genre = drama) AND NOT (x < 0 OR tags = b)", "[1]"},
      {"tags = b", "[0,2]"},
      {"tags = c", "[3]"},
      // Flags.
      {"tags EXISTS", "[0,1,2,3]"},
      {"tags NOT EXISTS", "[4,5]"},
      {"genre EXISTS", "[0,1,2,3,5]"},
      {"note IS NULL", "[0]"},
      {"note IS NOT NULL", "[1,2,3,4,5]"},
      {"note IS EMPTY", "[1,4]"},
      {"tags IS EMPTY", "[1]"},
      {"note EXISTS", "[0,1,4]"},
      // CONTAINS / STARTS WITH.
      {"genre CONTAINS tio", "[0,1]"},
      {"genre CONTAINS MÉD", "[3]"},
      {"genre NOT CONTAINS a", "[3,4,5]"},
      {"genre STARTS WITH dr", "[2]"},
      {"genre STARTS WITH Co", "[3]"},
      {"genre STARTS WITH ''", "[0,1,2,3,5]"},
      // Unknown attributes match nothing.
      {"unknown = 1", "[]"},
      {"unknown != 1", "[]"},  // milli returns nothing before looking at the operator
  };
  for (const auto& c : cases) EXPECT_EQ(index_.Filter(c.filter), c.want) << c.filter;
}

TEST_F(FilterEvaluatorTest, NullAndEmptyInsideArraysAreNotFlagged) {
  index_.Put({{10, R"({"n":[null, ""], "e":[[], {}]})"}});
  EXPECT_EQ(index_.Filter("n IS NULL"), "[]");
  EXPECT_EQ(index_.Filter("n IS EMPTY"), "[]");
  EXPECT_EQ(index_.Filter("e IS EMPTY"), "[]");
  EXPECT_EQ(index_.Filter("n EXISTS AND e EXISTS"), "[10]");
}

TEST_F(FilterEvaluatorTest, GeoFunctionsReportMeilisearchErrors) {
  const std::vector<filter::FilterableRule> rules = filter::LegacyFilterableRules({"genre", "x"});
  const FilterScope scope{"movies", &rules};
  EXPECT_EQ(index_.Filter("_geoRadius(12, 13, 100)", scope),
            "error: Index `movies`: Attribute `_geo/_geojson` is not filterable. Available "
            "filterable attribute patterns are: `genre`, `x`.\n12:14 _geoRadius(12, 13, 100)");
  EXPECT_EQ(index_.Filter("_geoRadius(100, 13, 100)", scope),
            "error: Index `movies`: Bad latitude `100`. Latitude must be contained between -90 "
            "and 90 degrees.\n12:15 _geoRadius(100, 13, 100)");
  EXPECT_EQ(index_.Filter("_geoRadius(1, 200, 100)"),
            "error: Bad longitude `200`. Longitude must be contained between -180 and 180 "
            "degrees. Hint: try using `-160` instead.\n15:18 _geoRadius(1, 200, 100)");
  EXPECT_EQ(index_.Filter("_geoRadius(1, 2, 3, 2)"),
            "error: Invalid resolution `2`. Resolution must be between 3 and 1000.\n21:22 "
            "_geoRadius(1, 2, 3, 2)");
  EXPECT_EQ(index_.Filter("_geoBoundingBox([1, 2], [3, 4])"),
            "error: The top latitude `1` is below the bottom latitude `3`.\n29:30 "
            "_geoBoundingBox([1, 2], [3, 4])");
  EXPECT_EQ(index_.Filter("_geoPolygon([1, 2], [3, 4], [5, 6])"),
            "error: Attribute `_geojson` is not filterable. This index does not have configured "
            "filterable attributes.\n14:15 _geoPolygon([1, 2], [3, 4], [5, 6])");
  // A filterable _geo with no geo data matches nothing.
  const std::vector<filter::FilterableRule> geo = filter::LegacyFilterableRules({"_geo"});
  EXPECT_EQ(index_.Filter("_geoRadius(12, 13, 100)", FilterScope{"", &geo}), "[]");
  // milli stops an AND at an empty intersection, before the geo error.
  EXPECT_EQ(index_.Filter("genre = missing AND _geoRadius(1, 2, 3)"), "[]");
}

TEST_F(FilterEvaluatorTest, RemovalAndReplacementKeepBitmapsExact) {
  const uint64_t strings_before = index_.Entries(index_.dbs().strings);
  const uint64_t originals_before = index_.Entries(index_.dbs().originals);
  index_.Put({{2, ""}});  // delete the only document of "Drama", "9" and true
  EXPECT_EQ(index_.Filter("genre = drama"), "[]");
  EXPECT_EQ(index_.Filter("ok EXISTS"), "[3]");
  EXPECT_EQ(index_.Filter("tags = b"), "[0]");  // "b" stays for document 0
  EXPECT_EQ(index_.Entries(index_.dbs().strings), strings_before - 3);
  EXPECT_EQ(index_.Entries(index_.dbs().originals), originals_before - 2);  // bools have none
  index_.Put({{0, R"({"genre":"Drama","price":11})"}});                     // replace
  EXPECT_EQ(index_.Filter("genre = action"), "[1]");
  EXPECT_EQ(index_.Filter("genre = drama"), "[0]");
  EXPECT_EQ(index_.Filter("price = 10"), "[]");
  EXPECT_EQ(index_.Filter("price = 11"), "[0]");
  EXPECT_EQ(index_.Filter("tags EXISTS"), "[1,3]");
  EXPECT_EQ(index_.Filter("note IS NULL"), "[]");
  EXPECT_EQ(index_.Filter("x EXISTS"), "[1,3,4]");
}

TEST_F(FilterEvaluatorTest, ReplaceThenDeleteInOneTransactionLeavesNothing) {
  auto txn = storage::WriteTxn::Begin(index_.env());
  ASSERT_TRUE(txn.ok());
  FacetWriter w(index_.dbs());
  const boost::json::value v = "Zed";
  w.Add(7, 0, v);
  w.Remove(7, 0, v);
  w.Remove(0, 0, boost::json::value("Action"));
  w.Add(0, 0, boost::json::value("ACTION"));
  ASSERT_TRUE(w.Flush(*txn).ok());
  ASSERT_TRUE(std::move(*txn).Commit().ok());
  EXPECT_EQ(index_.Filter("genre = zed"), "[]");
  EXPECT_EQ(index_.Filter("genre = action"), "[0,1]");
}

TEST_F(FilterEvaluatorTest, ClearEmptiesEveryDatabase) {
  auto txn = storage::WriteTxn::Begin(index_.env());
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE(FacetWriter::Clear(*txn, index_.dbs()).ok());
  ASSERT_TRUE(std::move(*txn).Commit().ok());
  for (storage::Database db :
       {index_.dbs().strings, index_.dbs().originals, index_.dbs().numbers, index_.dbs().flags}) {
    EXPECT_EQ(index_.Entries(db), 0u);
  }
}

}  // namespace
}  // namespace myriad::facet
