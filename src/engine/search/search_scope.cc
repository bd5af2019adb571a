#include "engine/search/search_scope.h"

#include <algorithm>
#include <set>

#include "engine/schema/field_path.h"

namespace myriad::engine {
namespace {

bool UnderAny(std::string_view path, const auto& attributes) {
  return std::any_of(attributes.begin(), attributes.end(),
                     [&](const std::string& a) { return PathIsUnder(path, a); });
}

// Meilisearch's error for an attribute `attributesToSearchOn` cannot search.
Status NotSearchable(const std::string& name, const settings::IndexSettings& settings,
                     const FieldIds& fields) {
  std::set<std::string> searchable;
  if (settings.searchable_attributes) {
    searchable.insert(settings.searchable_attributes->begin(),
                      settings.searchable_attributes->end());
  } else {
    for (size_t fid = 0; fid < fields.size(); ++fid) {
      searchable.insert(fields.Name(static_cast<uint16_t>(fid)));
    }
  }
  std::string listed;
  bool hidden = false;
  for (const std::string& s : searchable) {
    if (!settings.DisplaysAllFields() && !UnderAny(s, *settings.displayed_attributes)) {
      hidden = true;
      continue;
    }
    listed += (listed.empty() ? "" : ", ") + s;
  }
  if (hidden) listed += listed.empty() ? "<..hidden-attributes>" : ", <..hidden-attributes>";
  return Status::RequestError("invalid_search_attributes_to_search_on",
                              "Attribute `" + name +
                                  "` is not searchable. Available searchable attributes are: `" +
                                  listed + "`.");
}

}  // namespace

Result<FieldScope> SearchScope(const settings::IndexSettings& settings, const SearchConfig& config,
                               const FieldIds& fields,
                               const std::optional<std::vector<std::string>>& search_on) {
  const auto& no_typos = settings.typo_tolerance.disable_on_attributes;
  if (!search_on && no_typos.empty()) return FieldScope();
  if (search_on) {
    for (const std::string& name : *search_on) {
      bool searchable = false;
      if (settings.searchable_attributes) {
        searchable = UnderAny(name, *settings.searchable_attributes);
      } else {
        for (size_t fid = 0; fid < fields.size() && !searchable; ++fid) {
          searchable = PathIsUnder(fields.Name(static_cast<uint16_t>(fid)), name);
        }
      }
      if (!searchable) return NotSearchable(name, settings, fields);
    }
  }
  FieldScope scope;
  scope.max_typos.assign(fields.size(), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto fid = static_cast<uint16_t>(i);
    const std::string& name = fields.Name(fid);
    if (!config.SearchableRank(name, fid)) continue;
    if (search_on && !UnderAny(name, *search_on)) continue;
    scope.max_typos[i] = UnderAny(name, no_typos) ? 0 : 2;
  }
  return scope;
}

}  // namespace myriad::engine
