#include "engine/documents/engine_error.h"

namespace myriad::engine {

std::string_view EngineErrorCode(EngineError error) {
  switch (error) {
    case EngineError::kMalformedPayload:
      return "malformed_payload";
    case EngineError::kMissingPayload:
      return "missing_payload";
    case EngineError::kMissingDocumentId:
      return "missing_document_id";
    case EngineError::kInvalidDocumentId:
      return "invalid_document_id";
    case EngineError::kPrimaryKeyNoCandidate:
      return "index_primary_key_no_candidate_found";
    case EngineError::kPrimaryKeyMultipleCandidates:
      return "index_primary_key_multiple_candidates_found";
    case EngineError::kPrimaryKeyAlreadyExists:
      return "index_primary_key_already_exists";
    case EngineError::kDocumentNotFound:
      return "document_not_found";
    case EngineError::kInvalidCsvDelimiter:
      return "invalid_document_csv_delimiter";
    case EngineError::kOther:
      break;
  }
  return "internal";
}

EngineFailure DocumentNotFound(std::string_view external_id) {
  return {EngineError::kDocumentNotFound, "Document `" + std::string(external_id) + "` not found."};
}

Status EngineStatus::ToStatus() const {
  if (const Status* status = std::get_if<Status>(&v_)) return *status;
  const EngineFailure& f = std::get<EngineFailure>(v_);
  StatusCode code = f.error == EngineError::kDocumentNotFound ? StatusCode::kNotFound
                                                              : StatusCode::kInvalidArgument;
  return Status(code, f.message);
}

std::string_view EngineStatus::message() const {
  if (const Status* status = std::get_if<Status>(&v_)) return status->message();
  return std::get<EngineFailure>(v_).message;
}

}  // namespace myriad::engine
