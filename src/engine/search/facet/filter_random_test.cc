// EvaluateFilter against a brute-force evaluator over random documents and
// random filters.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "engine/indexing/facet/facet_value.h"
#include "engine/search/facet/facet_test_util.h"

namespace myriad::facet {
namespace {

using testing::FacetIndex;

const char* const kWords[] = {"Apple", "apple", "BANANA", "cherry", "date", "10", "-2", "Éclair"};
const char* const kNumbers[] = {"-10", "-2", "-0.5", "0", "1", "2.5", "10", "100"};
const char* const kFields[] = {"s", "n", "m", "z"};

std::string RandomLeaf(std::mt19937& rng) {
  switch (rng() % 3) {
    case 0:
      return boost::json::serialize(boost::json::value(kWords[rng() % 8]));
    case 1:
      return kNumbers[rng() % 8];
    default:
      return rng() % 2 ? "true" : "false";
  }
}

std::string RandomDoc(std::mt19937& rng) {
  std::string doc = "{";
  for (const char* field : kFields) {
    if (rng() % 4 == 0) continue;  // missing
    if (doc.size() > 1) doc += ',';
    doc += std::string("\"") + field + "\":";
    const unsigned shape = rng() % 6;
    if (shape == 0) {
      doc += "null";
    } else if (shape == 1) {
      doc += "[";
      const unsigned n = rng() % 3;
      for (unsigned i = 0; i < n; ++i) doc += (i ? "," : "") + RandomLeaf(rng);
      doc += "]";
    } else {
      doc += RandomLeaf(rng);
    }
  }
  return doc + "}";
}

// The leaves of `field` in `doc`.
std::vector<boost::json::value> Leaves(const boost::json::object& doc, const std::string& field) {
  auto it = doc.find(field);
  if (it == doc.end()) return {};
  if (it->value().is_array()) {
    return {it->value().get_array().begin(), it->value().get_array().end()};
  }
  return {it->value()};
}

// The normalized string form of a leaf, if it has one (strings and bools).
std::optional<std::string> StringOf(const boost::json::value& v) {
  if (v.is_string() && !v.get_string().empty()) return NormalizeFacetString(v.get_string());
  if (v.is_bool()) return std::string(v.get_bool() ? "true" : "false");
  return std::nullopt;
}
std::optional<double> NumberOf(const boost::json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  return std::nullopt;
}

using DocPredicate = std::function<bool(const boost::json::object&)>;
struct RandomFilter {
  std::string text;
  DocPredicate matches;
};

std::string Quote(const std::string& v) { return "'" + v + "'"; }

std::string RandomValue(std::mt19937& rng) {
  if (rng() % 2) return kNumbers[rng() % 8];
  std::string w = kWords[rng() % 8];
  if (rng() % 2) {
    for (char& c : w) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return w;
}

RandomFilter RandomCondition(std::mt19937& rng) {
  const std::string field = kFields[rng() % 4];
  const std::string v = RandomValue(rng);
  const std::string nv = NormalizeFacetString(v);
  const std::optional<double> num = ParseFiniteNumber(v);
  const auto equal = [field, nv, num](const boost::json::object& d) {
    for (const auto& leaf : Leaves(d, field)) {
      if (StringOf(leaf) == nv) return true;
      if (num && NumberOf(leaf) == num) return true;
    }
    return false;
  };
  // Range over numbers (when the bound reads as one) and normalized strings.
  const auto range = [field](std::optional<double> nlo, std::optional<double> nhi, bool have_num,
                             bool have_str, std::optional<std::string> slo,
                             std::optional<std::string> shi, bool lo_incl,
                             bool hi_incl) -> DocPredicate {
    return [=](const boost::json::object& d) {
      for (const auto& leaf : Leaves(d, field)) {
        if (auto n = NumberOf(leaf); n && have_num) {
          if ((!nlo || *n > *nlo || (lo_incl && *n == *nlo)) &&
              (!nhi || *n < *nhi || (hi_incl && *n == *nhi))) {
            return true;
          }
        }
        if (auto s = StringOf(leaf); s && have_str) {
          if ((!slo || *s > *slo || (lo_incl && *s == *slo)) &&
              (!shi || *s < *shi || (hi_incl && *s == *shi))) {
            return true;
          }
        }
      }
      return false;
    };
  };
  switch (rng() % 8) {
    case 0:
      return {field + " = " + Quote(v), equal};
    case 1:
      return {field + " != " + Quote(v), [equal](const auto& d) { return !equal(d); }};
    case 2:
      return {field + " < " + Quote(v),
              range(std::nullopt, num, num.has_value(), true, std::nullopt, nv, true, false)};
    case 3:
      return {field + " >= " + Quote(v),
              range(num, std::nullopt, num.has_value(), true, nv, std::nullopt, true, true)};
    case 4:
      return {field + " > " + Quote(v),
              range(num, std::nullopt, num.has_value(), true, nv, std::nullopt, false, true)};
    case 5: {
      const std::string w = RandomValue(rng);
      const std::optional<double> wnum = ParseFiniteNumber(w);
      const std::string nw = NormalizeFacetString(w);
      // An inverted range is empty, on each side (numbers, strings) separately.
      const bool numbers = num && wnum && *num <= *wnum;
      return {field + " " + Quote(v) + " TO " + Quote(w),
              range(num, wnum, numbers, nv <= nw, nv, nw, true, true)};
    }
    case 6: {
      const std::string w = RandomValue(rng);
      const std::string nw = NormalizeFacetString(w);
      const std::optional<double> wnum = ParseFiniteNumber(w);
      return {field + " IN [" + Quote(v) + ", " + Quote(w) + "]",
              [=](const boost::json::object& d) {
                for (const auto& leaf : Leaves(d, field)) {
                  if (StringOf(leaf) == nv || StringOf(leaf) == nw) return true;
                  if ((num && NumberOf(leaf) == num) || (wnum && NumberOf(leaf) == wnum)) {
                    return true;
                  }
                }
                return false;
              }};
    }
    default:
      return {field + " EXISTS", [field](const auto& d) { return d.contains(field); }};
  }
}

RandomFilter RandomExpr(std::mt19937& rng, int depth) {
  const unsigned kind = depth >= 3 ? 0 : rng() % 4;
  if (kind == 0) return RandomCondition(rng);
  if (kind == 1) {
    RandomFilter inner = RandomExpr(rng, depth + 1);
    return {"NOT (" + inner.text + ")", [m = inner.matches](const auto& d) { return !m(d); }};
  }
  RandomFilter a = RandomExpr(rng, depth + 1);
  RandomFilter b = RandomExpr(rng, depth + 1);
  if (kind == 2) {
    return {"(" + a.text + ") AND (" + b.text + ")",
            [x = a.matches, y = b.matches](const auto& d) { return x(d) && y(d); }};
  }
  return {"(" + a.text + ") OR (" + b.text + ")",
          [x = a.matches, y = b.matches](const auto& d) { return x(d) || y(d); }};
}

TEST(FilterRandomTest, MatchesBruteForce) {
  std::mt19937 rng(20240607);
  FacetIndex index;
  std::map<uint32_t, std::string> docs;
  for (uint32_t id = 0; id < 300; ++id) docs[id * 3] = RandomDoc(rng);  // sparse ids
  index.Put(docs);
  // Replace a third and delete a tenth, so removals are exercised too.
  std::map<uint32_t, std::string> changes;
  for (uint32_t id = 0; id < 300; id += 3) changes[id * 3] = RandomDoc(rng);
  for (uint32_t id = 1; id < 300; id += 10) changes[id * 3] = "";
  index.Put(changes);

  int non_trivial = 0;
  for (int i = 0; i < 200; ++i) {
    const RandomFilter f = RandomExpr(rng, 0);
    std::string want;
    size_t count = 0;
    for (const auto& [id, doc] : index.docs()) {
      if (!f.matches(doc)) continue;
      want += (want.empty() ? "" : ",") + std::to_string(id);
      ++count;
    }
    if (count != 0 && count != index.docs().size()) ++non_trivial;
    ASSERT_EQ(index.Filter(f.text), "[" + want + "]") << f.text;
  }
  EXPECT_GT(non_trivial, 100);  // the filters do discriminate
}

}  // namespace
}  // namespace myriad::facet
