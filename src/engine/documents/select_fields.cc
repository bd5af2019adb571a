#include "engine/documents/select_fields.h"

#include <algorithm>

namespace myriad::engine {

boost::json::object SelectFields(const boost::json::object& document,
                                 const std::vector<std::string>& fields) {
  if (std::find(fields.begin(), fields.end(), "*") != fields.end()) return document;
  boost::json::object selected;
  for (const auto& field : document) {
    if (std::find(fields.begin(), fields.end(), field.key()) != fields.end()) {
      selected.emplace(field.key(), field.value());
    }
  }
  return selected;
}

}  // namespace myriad::engine
