#include "engine/documents/document_leaves.h"

namespace myriad::engine {
namespace {

void Visit(std::string& path, const boost::json::value& v, int32_t array_index,
           const std::function<void(const Leaf&)>& f) {
  if (v.is_object() && !v.get_object().empty()) {
    const size_t base = path.size();
    for (const auto& field : v.get_object()) {
      path.resize(base);
      if (base != 0) path.push_back('.');
      path.append(field.key());
      Visit(path, field.value(), array_index, f);
    }
    path.resize(base);
  } else if (v.is_array() && !v.get_array().empty()) {
    const boost::json::array& array = v.get_array();
    for (size_t i = 0; i < array.size(); ++i) {
      Visit(path, array[i], array_index >= 0 ? array_index : static_cast<int32_t>(i), f);
    }
  } else {
    f(Leaf{path, v, array_index});
  }
}

}  // namespace

void ForEachLeaf(const boost::json::object& document, const std::function<void(const Leaf&)>& f) {
  std::string path;
  for (const auto& field : document) {
    path.assign(field.key());
    Visit(path, field.value(), -1, f);
  }
}

}  // namespace myriad::engine
