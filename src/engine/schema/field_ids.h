// FieldIds: the index's flattened field names and their 16-bit ids, in order of
// first appearance (the order "*" ranks searchable fields in, as Meilisearch).
// Stored in the document store's `main` database under kMainFieldIds.
//
// Thread safety: a value; one thread mutates it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/txn.h"
#include "util/result.h"

namespace myriad::engine {

// Key of `main`: JSON array of field names (flattened, dotted paths); a
// field's id is its index.
inline constexpr std::string_view kMainFieldIds = "field_ids";

class FieldIds {
 public:
  static constexpr size_t kMaxFields = 65535;

  // REQUIRES: `main` is the index's main database.
  static Result<FieldIds> Load(const storage::Txn& txn, storage::Database main);
  // Writes the names when fields were added since Load.
  Status Store(storage::WriteTxn& txn, storage::Database main);

  std::optional<uint16_t> Find(std::string_view name) const;
  // The id of `name`, assigning the next one to a new name; kResourceExhausted
  // past kMaxFields.
  Result<uint16_t> FindOrAdd(std::string_view name);
  const std::string& Name(uint16_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint16_t> ids_;
  bool dirty_ = false;
};

}  // namespace myriad::engine
