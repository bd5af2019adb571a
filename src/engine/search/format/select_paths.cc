#include "engine/search/format/select_paths.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <string_view>
#include <vector>

namespace myriad::format {
namespace {

using Selectors = std::vector<std::string_view>;

boost::json::object SelectObject(boost::json::object&& object, const Selectors& selectors);

boost::json::array SelectArray(boost::json::array&& array, const Selectors& selectors) {
  boost::json::array out;
  for (boost::json::value& v : array) {
    if (v.is_array()) {
      out.emplace_back(SelectArray(std::move(v.get_array()), selectors));
    } else if (v.is_object()) {
      boost::json::object selected = SelectObject(std::move(v.get_object()), selectors);
      if (!selected.empty()) out.emplace_back(std::move(selected));
    }
    // Scalars in an array selected through a sub-path are dropped, as Meilisearch does.
  }
  return out;
}

boost::json::object SelectObject(boost::json::object&& object, const Selectors& selectors) {
  boost::json::object out;
  Selectors sub;
  for (auto& [key_sv, value] : object) {
    const std::string_view key = key_sv;
    const bool named = std::find(selectors.begin(), selectors.end(), key) != selectors.end();
    if (named && key.find('.') == std::string_view::npos) {
      out.emplace(key, std::move(value));
      continue;
    }
    sub.clear();
    for (std::string_view s : selectors) {
      if (s.size() > key.size() + 1 && s.starts_with(key) && s[key.size()] == '.') {
        sub.push_back(s.substr(key.size() + 1));
      }
    }
    if (!sub.empty()) {
      if (value.is_array()) {
        out.emplace(key, SelectArray(std::move(value.get_array()), sub));
      } else if (value.is_object()) {
        out.emplace(key, SelectObject(std::move(value.get_object()), sub));
      }
    } else if (named) {
      out.emplace(key, std::move(value));
    }
  }
  return out;
}

}  // namespace

boost::json::object SelectPaths(boost::json::object&& document,
                                std::span<const std::string> selectors) {
  return SelectObject(std::move(document), Selectors(selectors.begin(), selectors.end()));
}

}  // namespace myriad::format
