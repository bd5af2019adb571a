#include "engine/documents/field_distribution.h"

#include <boost/json/serialize.hpp>

#include "engine/documents/json_value.h"

namespace myriad::engine {

void AddFields(FieldCounts& distribution, const boost::json::object& document) {
  for (const auto& field : document) ++distribution[std::string(field.key())];
}

void RemoveFields(FieldCounts& distribution, const boost::json::object& document) {
  for (const auto& field : document) {
    auto it = distribution.find(std::string(field.key()));
    if (it == distribution.end()) continue;
    if (--it->second == 0) distribution.erase(it);
  }
}

std::string EncodeFieldDistribution(const FieldCounts& distribution) {
  boost::json::object object;
  object.reserve(distribution.size());
  for (const auto& [field, count] : distribution) object.emplace(field, count);
  return boost::json::serialize(object);
}

Result<FieldCounts> DecodeFieldDistribution(std::string_view text) {
  JsonReader reader;
  Result<boost::json::object> object = reader.ParseObject(text);
  if (!object.ok()) {
    return Status::Corruption("field distribution: " + object.status().message());
  }
  FieldCounts distribution;
  for (const auto& field : *object) {
    const boost::json::value& count = field.value();
    if (count.is_uint64()) {
      distribution.emplace(field.key(), count.get_uint64());
    } else if (count.is_int64() && count.get_int64() >= 0) {
      distribution.emplace(field.key(), static_cast<uint64_t>(count.get_int64()));
    } else {
      return Status::Corruption("field distribution: count of `" + std::string(field.key()) +
                                "` is not a non-negative integer");
    }
  }
  return distribution;
}

}  // namespace myriad::engine
