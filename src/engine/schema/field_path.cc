#include "engine/schema/field_path.h"

namespace myriad::engine {

bool PathIsUnder(std::string_view path, std::string_view attribute) {
  return path.size() >= attribute.size() && path.compare(0, attribute.size(), attribute) == 0 &&
         (path.size() == attribute.size() || path[attribute.size()] == '.');
}

bool MatchesPattern(std::string_view pattern, std::string_view field) {
  if (pattern == "*") return true;
  if (pattern.size() >= 2 && pattern.starts_with('*') && pattern.ends_with('*')) {
    return field.find(pattern.substr(1, pattern.size() - 2)) != std::string_view::npos;
  }
  if (pattern.starts_with('*')) return field.ends_with(pattern.substr(1));
  if (pattern.ends_with('*')) return field.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == field;
}

}  // namespace myriad::engine
