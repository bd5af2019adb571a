#include "engine/indexing/search_config.h"

#include "engine/schema/field_path.h"

namespace myriad::engine {

std::optional<uint32_t> SearchConfig::SearchableRank(std::string_view path, uint16_t fid) const {
  if (searchable.empty()) return fid;
  for (size_t i = 0; i < searchable.size(); ++i) {
    if (searchable[i] == "*" || PathIsUnder(path, searchable[i])) {
      return static_cast<uint32_t>(i);
    }
  }
  return std::nullopt;
}

bool SearchConfig::IsFacet(std::string_view path) const {
  for (const std::string& attribute : facet_attributes) {
    if (attribute == "*" || PathIsUnder(path, attribute)) return true;
    if (!attribute.empty() && attribute.back() == '*' &&
        path.substr(0, attribute.size() - 1) ==
            std::string_view(attribute).substr(0, attribute.size() - 1)) {
      return true;
    }
  }
  return false;
}

}  // namespace myriad::engine
