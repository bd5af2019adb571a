#include "http/error_table.h"

#include <array>
#include <boost/json/serialize.hpp>
#include <cassert>
#include <string>

#include "types/environment_error.h"

namespace myriad::http {
namespace {

constexpr ErrorType kReq = ErrorType::kInvalidRequest;
constexpr ErrorType kAuth = ErrorType::kAuth;
constexpr ErrorType kInt = ErrorType::kInternal;
constexpr ErrorType kSys = ErrorType::kSystem;

// Sorted by nothing in particular: lookups are rare (only on errors) and the
// table is small, so a linear scan keeps it one readable list.
constexpr std::array kErrors = {
    // Indexes.
    ErrorInfo{"index_not_found", 404, kReq},
    ErrorInfo{"index_already_exists", 409, kReq},
    ErrorInfo{"invalid_index_uid", 400, kReq},
    ErrorInfo{"missing_index_uid", 400, kReq},
    ErrorInfo{"invalid_index_primary_key", 400, kReq},
    ErrorInfo{"invalid_index_offset", 400, kReq},
    ErrorInfo{"invalid_index_limit", 400, kReq},
    ErrorInfo{"index_primary_key_no_candidate_found", 400, kReq},
    ErrorInfo{"index_primary_key_multiple_candidates_found", 400, kReq},
    ErrorInfo{"index_primary_key_already_exists", 400, kReq},
    ErrorInfo{"invalid_swap_duplicate_index_found", 400, kReq},
    ErrorInfo{"invalid_swap_indexes", 400, kReq},
    ErrorInfo{"missing_swap_indexes", 400, kReq},
    ErrorInfo{"invalid_swap_rename", 400, kReq},
    // Backups.
    ErrorInfo{"dump_process_failed", 500, kInt},
    // Documents and payloads.
    ErrorInfo{"missing_document_id", 400, kReq},
    ErrorInfo{"invalid_skip_creation", 400, kReq},
    ErrorInfo{"invalid_document_id", 400, kReq},
    ErrorInfo{"document_not_found", 404, kReq},
    ErrorInfo{"malformed_payload", 400, kReq},
    ErrorInfo{"missing_payload", 400, kReq},
    ErrorInfo{"payload_too_large", 413, kReq},
    ErrorInfo{"missing_content_type", 415, kReq},
    ErrorInfo{"invalid_content_type", 415, kReq},
    ErrorInfo{"invalid_document_csv_delimiter", 400, kReq},
    ErrorInfo{"invalid_document_fields", 400, kReq},
    ErrorInfo{"invalid_document_filter", 400, kReq},
    ErrorInfo{"invalid_document_sort", 400, kReq},
    ErrorInfo{"missing_document_filter", 400, kReq},
    ErrorInfo{"invalid_document_offset", 400, kReq},
    ErrorInfo{"invalid_document_limit", 400, kReq},
    ErrorInfo{"invalid_document_ids", 400, kReq},
    ErrorInfo{"invalid_document_retrieve_vectors", 400, kReq},
    // Search.
    ErrorInfo{"invalid_search_q", 400, kReq},
    ErrorInfo{"invalid_search_filter", 400, kReq},
    ErrorInfo{"invalid_search_sort", 400, kReq},
    ErrorInfo{"invalid_search_facets", 400, kReq},
    ErrorInfo{"invalid_search_limit", 400, kReq},
    ErrorInfo{"invalid_search_offset", 400, kReq},
    ErrorInfo{"invalid_search_page", 400, kReq},
    ErrorInfo{"invalid_search_hits_per_page", 400, kReq},
    ErrorInfo{"invalid_search_attributes_to_retrieve", 400, kReq},
    ErrorInfo{"invalid_search_attributes_to_highlight", 400, kReq},
    ErrorInfo{"invalid_search_attributes_to_crop", 400, kReq},
    ErrorInfo{"invalid_search_attributes_to_search_on", 400, kReq},
    ErrorInfo{"invalid_search_crop_length", 400, kReq},
    ErrorInfo{"invalid_search_crop_marker", 400, kReq},
    ErrorInfo{"invalid_search_distinct", 400, kReq},
    ErrorInfo{"invalid_search_highlight_post_tag", 400, kReq},
    ErrorInfo{"invalid_search_highlight_pre_tag", 400, kReq},
    ErrorInfo{"invalid_search_matching_strategy", 400, kReq},
    ErrorInfo{"invalid_search_ranking_score_threshold", 400, kReq},
    ErrorInfo{"invalid_search_retrieve_vectors", 400, kReq},
    ErrorInfo{"invalid_search_show_matches_position", 400, kReq},
    ErrorInfo{"invalid_search_show_ranking_score", 400, kReq},
    ErrorInfo{"invalid_search_show_ranking_score_details", 400, kReq},
    ErrorInfo{"invalid_search_locales", 400, kReq},
    // Facet search.
    ErrorInfo{"missing_facet_search_facet_name", 400, kReq},
    ErrorInfo{"invalid_facet_search_facet_name", 400, kReq},
    ErrorInfo{"invalid_facet_search_query", 400, kReq},
    ErrorInfo{"invalid_facet_search_exhaustive_facet_count", 400, kReq},
    ErrorInfo{"facet_search_disabled", 400, kReq},
    // Settings: invalid_settings_<field>.
    ErrorInfo{"invalid_settings_ranking_rules", 400, kReq},
    ErrorInfo{"invalid_settings_displayed_attributes", 400, kReq},
    ErrorInfo{"invalid_settings_searchable_attributes", 400, kReq},
    ErrorInfo{"invalid_settings_filterable_attributes", 400, kReq},
    ErrorInfo{"invalid_settings_sortable_attributes", 400, kReq},
    ErrorInfo{"invalid_settings_distinct_attribute", 400, kReq},
    ErrorInfo{"invalid_settings_stop_words", 400, kReq},
    ErrorInfo{"invalid_settings_synonyms", 400, kReq},
    ErrorInfo{"invalid_settings_typo_tolerance", 400, kReq},
    ErrorInfo{"invalid_settings_faceting", 400, kReq},
    ErrorInfo{"invalid_settings_pagination", 400, kReq},
    ErrorInfo{"invalid_settings_proximity_precision", 400, kReq},
    ErrorInfo{"invalid_settings_separator_tokens", 400, kReq},
    ErrorInfo{"invalid_settings_non_separator_tokens", 400, kReq},
    ErrorInfo{"invalid_settings_dictionary", 400, kReq},
    ErrorInfo{"invalid_settings_search_cutoff_ms", 400, kReq},
    ErrorInfo{"invalid_settings_embedders", 400, kReq},
    ErrorInfo{"invalid_settings_facet_search", 400, kReq},
    ErrorInfo{"invalid_settings_localized_attributes", 400, kReq},
    ErrorInfo{"invalid_settings_prefix_search", 400, kReq},
    // Auth and keys.
    ErrorInfo{"missing_authorization_header", 401, kAuth},
    ErrorInfo{"invalid_api_key", 403, kAuth},
    ErrorInfo{"missing_master_key", 401, kAuth},
    ErrorInfo{"api_key_not_found", 404, kReq},
    ErrorInfo{"api_key_already_exists", 409, kReq},
    ErrorInfo{"invalid_api_key_actions", 400, kReq},
    ErrorInfo{"invalid_api_key_indexes", 400, kReq},
    ErrorInfo{"invalid_api_key_expires_at", 400, kReq},
    ErrorInfo{"invalid_api_key_uid", 400, kReq},
    ErrorInfo{"missing_api_key_actions", 400, kReq},
    ErrorInfo{"missing_api_key_indexes", 400, kReq},
    ErrorInfo{"missing_api_key_expires_at", 400, kReq},
    ErrorInfo{"immutable_api_key_uid", 400, kReq},
    ErrorInfo{"immutable_api_key_actions", 400, kReq},
    ErrorInfo{"immutable_api_key_indexes", 400, kReq},
    ErrorInfo{"immutable_api_key_expires_at", 400, kReq},
    ErrorInfo{"immutable_api_key_created_at", 400, kReq},
    ErrorInfo{"immutable_api_key_updated_at", 400, kReq},
    ErrorInfo{"immutable_api_key_key", 400, kReq},
    ErrorInfo{"invalid_api_key_name", 400, kReq},
    ErrorInfo{"invalid_api_key_description", 400, kReq},
    ErrorInfo{"invalid_api_key_offset", 400, kReq},
    ErrorInfo{"invalid_api_key_limit", 400, kReq},
    ErrorInfo{"index_scoped_api_key_with_global_action", 400, kReq},
    // Tasks.
    ErrorInfo{"task_not_found", 404, kReq},
    ErrorInfo{"batch_not_found", 404, kReq},
    ErrorInfo{"invalid_batch_uid", 400, kReq},
    ErrorInfo{"missing_task_filters", 400, kReq},
    ErrorInfo{"invalid_task_uid", 400, kReq},
    ErrorInfo{"invalid_task_uids", 400, kReq},
    ErrorInfo{"invalid_task_types", 400, kReq},
    ErrorInfo{"invalid_task_statuses", 400, kReq},
    ErrorInfo{"invalid_task_canceled_by", 400, kReq},
    ErrorInfo{"invalid_task_limit", 400, kReq},
    ErrorInfo{"invalid_task_from", 400, kReq},
    ErrorInfo{"invalid_task_reverse", 400, kReq},
    ErrorInfo{"invalid_task_batch_uids", 400, kReq},
    ErrorInfo{"invalid_task_before_enqueued_at", 400, kReq},
    ErrorInfo{"invalid_task_after_enqueued_at", 400, kReq},
    ErrorInfo{"invalid_task_before_started_at", 400, kReq},
    ErrorInfo{"invalid_task_after_started_at", 400, kReq},
    ErrorInfo{"invalid_task_before_finished_at", 400, kReq},
    ErrorInfo{"invalid_task_after_finished_at", 400, kReq},
    // Generic.
    ErrorInfo{"bad_request", 400, kReq},
    ErrorInfo{"internal", 500, kInt},
    ErrorInfo{"address_space_exhausted", 503, kSys},
    ErrorInfo{"too_many_tasks", 503, kSys},
    ErrorInfo{"no_space_left_on_device", 422, kSys},
};

constexpr ErrorInfo kUnknownCode{"internal", 500, kInt};

}  // namespace

std::string_view ErrorTypeName(ErrorType type) {
  switch (type) {
    case ErrorType::kInvalidRequest:
      return "invalid_request";
    case ErrorType::kAuth:
      return "auth";
    case ErrorType::kInternal:
      return "internal";
    case ErrorType::kSystem:
      return "system";
  }
  return "internal";
}

std::span<const ErrorInfo> AllErrors() { return kErrors; }

const ErrorInfo* FindError(std::string_view code) {
  for (const ErrorInfo& e : kErrors) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

boost::json::object ErrorJson(std::string_view code, std::string_view message) {
  const ErrorInfo* info = FindError(code);
  assert(info != nullptr && "error code missing from the error table");
  boost::json::object o;
  o["message"] = message;
  o["code"] = code;
  o["type"] = ErrorTypeName((info != nullptr ? *info : kUnknownCode).type);
  o["link"] = "https://docs.meilisearch.com/errors#" + std::string(code);
  return o;
}

Response ErrorResponse(std::string_view code, std::string_view message) {
  const ErrorInfo* info = FindError(code);
  Response r;
  r.status = (info != nullptr ? *info : kUnknownCode).http_status;
  r.body = boost::json::serialize(ErrorJson(code, message));
  return r;
}

Response StatusResponse(const Status& status, std::string_view caller_code) {
  if (status.IsRequestError()) return ErrorResponse(status.error_code(), status.message());
  if (status.IsCallerError()) return ErrorResponse(caller_code, status.message());
  const types::EnvironmentError e = types::DescribeEnvironmentError(status);
  return ErrorResponse(e.code, e.message);
}

}  // namespace myriad::http
