#include "engine/schema/field_ids.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace myriad::engine {

Result<FieldIds> FieldIds::Load(const storage::Txn& txn, storage::Database main) {
  FieldIds fields;
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text, txn.Get(main, kMainFieldIds));
  if (!text) return fields;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*text, ec);
  if (ec || !v.is_array() || v.get_array().size() > kMaxFields) {
    return Status::Corruption("field ids: not a JSON array of names");
  }
  for (const boost::json::value& name : v.get_array()) {
    if (!name.is_string()) return Status::Corruption("field ids: a name is not a string");
    fields.ids_.emplace(std::string(name.get_string()),
                        static_cast<uint16_t>(fields.names_.size()));
    fields.names_.emplace_back(name.get_string());
  }
  return fields;
}

Status FieldIds::Store(storage::WriteTxn& txn, storage::Database main) {
  if (!dirty_) return Status::Ok();
  boost::json::array names;
  for (const std::string& name : names_) names.emplace_back(name);
  MYRIAD_RETURN_IF_ERROR(txn.Put(main, kMainFieldIds, boost::json::serialize(names)));
  dirty_ = false;
  return Status::Ok();
}

std::optional<uint16_t> FieldIds::Find(std::string_view name) const {
  auto it = ids_.find(std::string(name));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

Result<uint16_t> FieldIds::FindOrAdd(std::string_view name) {
  if (auto id = Find(name)) return *id;
  if (names_.size() >= kMaxFields) {
    return Status::ResourceExhausted("an index holds at most 65535 distinct fields");
  }
  const auto id = static_cast<uint16_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  dirty_ = true;
  return id;
}

}  // namespace myriad::engine
