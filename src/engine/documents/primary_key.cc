#include "engine/documents/primary_key.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <vector>

namespace myriad::engine {
namespace {

constexpr size_t kMaxDocumentIdBytes = 511;  // LMDB's default key size limit

bool EndsWithIdIgnoringCase(std::string_view name) {
  if (name.size() < 2) return false;
  char i = name[name.size() - 2];
  char d = name[name.size() - 1];
  return (i == 'i' || i == 'I') && (d == 'd' || d == 'D');
}

}  // namespace

Result<std::string> InferPrimaryKey(const boost::json::object& first_document) {
  std::vector<std::string> candidates;
  for (const auto& field : first_document) {
    if (EndsWithIdIgnoringCase(field.key())) candidates.emplace_back(field.key());
  }
  if (candidates.empty()) {
    return Status::RequestError(
        "index_primary_key_no_candidate_found",
        "The primary key inference failed as the engine did not find any field ending with `id` "
        "in its name. Please specify the primary key manually using the `primaryKey` query "
        "parameter.");
  }
  if (candidates.size() > 1) {
    std::sort(candidates.begin(), candidates.end());
    return Status::RequestError("index_primary_key_multiple_candidates_found",
                                "The primary key inference failed as the engine found " +
                                    std::to_string(candidates.size()) +
                                    " fields ending with `id` in their names: '" + candidates[0] +
                                    "' and '" + candidates[1] +
                                    "'. Please specify the primary key manually using the "
                                    "`primaryKey` query parameter.");
  }
  return std::move(candidates[0]);
}

bool IsValidDocumentId(std::string_view id) {
  if (id.empty() || id.size() > kMaxDocumentIdBytes) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

Result<std::string> ExternalDocumentId(const boost::json::object& document,
                                       std::string_view primary_key) {
  const boost::json::value* value = document.if_contains(primary_key);
  if (value == nullptr) {
    return Status::RequestError("missing_document_id",
                                "Document doesn't have a `" + std::string(primary_key) +
                                    "` attribute: `" + boost::json::serialize(document) + "`.");
  }
  if (value->is_int64()) return std::to_string(value->get_int64());
  if (value->is_uint64()) return std::to_string(value->get_uint64());
  if (value->is_string() && IsValidDocumentId(value->get_string())) {
    return std::string(value->get_string());
  }
  return Status::RequestError(
      "invalid_document_id",
      "Document identifier `" + boost::json::serialize(*value) +
          "` is invalid. A document identifier can be of type integer or string, only composed "
          "of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can "
          "not be more than 511 bytes.");
}

}  // namespace myriad::engine
