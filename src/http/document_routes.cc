#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "engine/documents/document_payload.h"
#include "engine/documents/document_store.h"
#include "engine/documents/select_fields.h"
#include "engine/search/filter/filter_parser.h"
#include "http/body_fields.h"
#include "http/error_table.h"
#include "http/index_lookup.h"
#include "http/index_read.h"
#include "http/json_body.h"
#include "http/task_response.h"
#include "http/write_routes.h"

namespace myriad::http {
namespace {

using scheduler::Task;
using scheduler::TaskKind;

// `?customMetadata=`, which every document write carries to its task.
Task DocumentTask(const Request& req, TaskKind kind, std::string_view uid) {
  Task task;
  task.kind = kind;
  task.index_uid = std::string(uid);
  if (auto metadata = req.Query("customMetadata")) task.custom_metadata = std::string(*metadata);
  return task;
}

// The payload format a Content-Type names, or the 415 response.
std::variant<engine::PayloadFormat, Response> FormatOf(const Request& req) {
  auto type = AcceptedMediaType(req, {"application/json", "application/x-ndjson", "text/csv"});
  if (auto* error = std::get_if<Response>(&type)) return std::move(*error);
  const std::string_view media = std::get<std::string_view>(type);
  if (media == "application/json") return engine::PayloadFormat::kJson;
  if (media == "application/x-ndjson") return engine::PayloadFormat::kNdjson;
  return engine::PayloadFormat::kCsv;
}

Response AddDocuments(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid,
                      bool replace) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  auto format = FormatOf(req);
  if (auto* error = std::get_if<Response>(&format)) return *error;
  char delimiter = ',';
  if (auto param = req.Query("csvDelimiter")) {
    auto parsed = engine::ParseCsvDelimiter(*param);
    if (!parsed.ok()) return StatusResponse(parsed.status(), "internal");
    delimiter = *parsed;
    if (std::get<engine::PayloadFormat>(format) != engine::PayloadFormat::kCsv) {
      return ErrorResponse(
          "invalid_content_type",
          "The Content-Type `" +
              std::string(std::get<engine::PayloadFormat>(format) == engine::PayloadFormat::kJson
                              ? "application/json"
                              : "application/x-ndjson") +
              "` does not support the use of a csv delimiter. The csv delimiter can only be used "
              "with the Content-Type `text/csv`.");
    }
  }
  const std::optional<std::string_view> skip = req.Query("skipCreation");
  if (skip && *skip != "true" && *skip != "false") {
    return ErrorResponse("invalid_skip_creation",
                         "Invalid value in parameter `skipCreation`: could not parse `" +
                             std::string(*skip) + "` as a boolean.");
  }
  // Checked now to refuse a bad payload at once and to count the documents
  // (without building them); the scheduler parses it from the update file.
  auto documents =
      engine::CountDocuments(req.body, std::get<engine::PayloadFormat>(format), delimiter);
  if (!documents.ok()) return StatusResponse(documents.status(), "internal");

  Task task = DocumentTask(req, TaskKind::kDocumentAdditionOrUpdate, uid);
  task.params["format"] = engine::PayloadFormatName(std::get<engine::PayloadFormat>(format));
  task.params["csvDelimiter"] = std::string(1, delimiter);
  task.params["replace"] = replace;
  if (!req.MayCreateIndexes()) task.params["allowIndexCreation"] = false;
  if (auto pk = req.Query("primaryKey")) task.params["primaryKey"] = *pk;
  if (skip) task.params["skipCreation"] = *skip == "true";
  task.details["receivedDocuments"] = *documents;
  task.details["indexedDocuments"] = nullptr;
  return EnqueueTask(scheduler, std::move(task), req.body);
}

Response DeleteDocuments(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid,
                         std::optional<std::vector<std::string>> ids) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  Task task = DocumentTask(req, TaskKind::kDocumentDeletion, uid);
  if (ids) {
    boost::json::array list;
    for (const std::string& id : *ids) list.emplace_back(id);
    task.params["ids"] = std::move(list);
    task.details["providedIds"] = ids->size();
    task.details["deletedDocuments"] = nullptr;
    task.details["originalFilter"] = nullptr;
  } else {
    task.params["all"] = true;
    task.details["deletedDocuments"] = nullptr;
  }
  return EnqueueTask(scheduler, std::move(task));
}

Response DeleteBatch(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const boost::json::value& v = std::get<boost::json::value>(parsed);
  if (!v.is_array()) {
    return ErrorResponse("bad_request", "The body must be a JSON array of document ids.");
  }
  std::vector<std::string> ids;
  for (const boost::json::value& id : v.get_array()) {
    if (id.is_string()) {
      ids.emplace_back(id.get_string());
    } else if (id.is_int64() || id.is_uint64()) {
      ids.push_back(boost::json::serialize(id));
    } else {
      return ErrorResponse("invalid_document_id",
                           "Document identifier `" + boost::json::serialize(id) +
                               "` is invalid. A document identifier can be of type integer or "
                               "string, only composed of alphanumeric characters (a-z A-Z 0-9), "
                               "hyphens (-) and underscores (_), and can not be more than 511 "
                               "bytes.");
    }
  }
  return DeleteDocuments(scheduler, req, uid, std::move(ids));
}

// POST /documents/delete: a deletion task for the documents a filter selects.
Response DeleteByFilter(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  auto opened = BodyFields::Open(std::get<boost::json::value>(parsed), {"filter"}, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const boost::json::value* filter = std::get<BodyFields>(opened).Raw("filter");
  if (filter == nullptr) return ErrorResponse("missing_document_filter", "Missing field `filter`");
  // The syntax is checked now; whether the attributes are filterable, when the task runs.
  auto syntax = filter::ParseFilterValue(*filter);
  if (const filter::FilterError* e = std::get_if<filter::FilterError>(&syntax)) {
    return ErrorResponse("invalid_document_filter", e->message);
  }
  if (!std::get<std::optional<filter::FilterExpr>>(syntax)) {
    return ErrorResponse("invalid_document_filter", "Sending an empty filter is forbidden.");
  }
  Task task = DocumentTask(req, TaskKind::kDocumentDeletion, uid);
  task.params["filter"] = *filter;
  task.details["providedIds"] = 0;
  task.details["deletedDocuments"] = nullptr;
  task.details["originalFilter"] = boost::json::serialize(*filter);
  return EnqueueTask(scheduler, std::move(task));
}

// What GET /documents and POST /documents/fetch ask for.
struct BrowseQuery {
  uint64_t offset = 0;
  uint64_t limit = 20;
  std::optional<std::vector<std::string>> fields;  // nullopt: every field
  std::optional<std::vector<std::string>> ids;     // nullopt: every document
  boost::json::value filter;                       // null: none
  std::vector<std::string> sort;
};

Response BrowseDocuments(index_mapper::IndexMapper& mapper, std::string_view uid,
                         const BrowseQuery& query) {
  return ReadIndex(mapper, uid, [&](const engine::Index& index, const storage::ReadTxn& txn) {
    const engine::DocumentStore& store = index.store();
    Result<engine::DocumentPage> page = engine::DocumentPage();
    if (!query.filter.is_null() || !query.sort.empty()) {
      // No index uid: Meilisearch's document fetch names no index in its filter
      // errors (its search does), and the official client's tests hold it to that.
      auto selected = index.BrowseIds(txn, /*uid=*/"", query.filter, query.sort);
      if (!selected.ok()) return StatusResponse(selected.status(), "internal");
      if (query.ids) {
        auto named = store.InternalIds(txn, *query.ids);
        if (!named.ok()) return StatusResponse(named.status(), "internal");
        std::erase_if(*selected, [&](uint32_t id) {
          return !std::binary_search(named->begin(), named->end(), id);
        });
      }
      page = store.ListAmong(txn, *selected, query.offset, query.limit);
    } else if (query.ids) {
      auto ids = store.InternalIds(txn, *query.ids);
      if (!ids.ok()) return StatusResponse(ids.status(), "internal");
      page = store.ListAmong(txn, *ids, query.offset, query.limit);
    } else {
      page = store.List(txn, query.offset, query.limit);
    }
    if (!page.ok()) return StatusResponse(page.status(), "internal");
    boost::json::array results;
    for (const boost::json::object& doc : page->documents) {
      results.push_back(query.fields ? engine::SelectFields(doc, *query.fields) : doc);
    }
    boost::json::object o;
    o["results"] = std::move(results);
    o["offset"] = query.offset;
    o["limit"] = query.limit;
    o["total"] = page->total;
    return Ok(o);
  });
}

Response GetDocuments(index_mapper::IndexMapper& mapper, const Request& req, std::string_view uid) {
  BrowseQuery query;
  const std::optional<uint64_t> offset = QueryNumber(req, "offset", 0);
  if (!offset) return BadQueryNumber("invalid_document_offset", "offset", *req.Query("offset"));
  const std::optional<uint64_t> limit = QueryNumber(req, "limit", 20);
  if (!limit) return BadQueryNumber("invalid_document_limit", "limit", *req.Query("limit"));
  query.offset = *offset;
  query.limit = *limit;
  query.fields = QueryList(req, "fields");
  query.ids = QueryList(req, "ids");
  if (auto filter = req.Query("filter")) query.filter = boost::json::string(*filter);
  if (auto sort = QueryList(req, "sort")) query.sort = std::move(*sort);
  return BrowseDocuments(mapper, uid, query);
}

// POST /documents/fetch: GET /documents's options in a JSON body.
Response FetchDocuments(index_mapper::IndexMapper& mapper, const Request& req,
                        std::string_view uid) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  auto opened = BodyFields::Open(
      std::get<boost::json::value>(parsed),
      {"offset", "limit", "fields", "retrieveVectors", "ids", "filter", "sort"}, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const BodyFields& body = std::get<BodyFields>(opened);
  BrowseQuery query;
  std::optional<uint64_t> offset, limit;
  std::optional<bool> retrieve_vectors;
  if (auto e = body.Uint("offset", "invalid_document_offset", offset)) return *e;
  if (auto e = body.Uint("limit", "invalid_document_limit", limit)) return *e;
  if (auto e = body.StringList("fields", "invalid_document_fields", query.fields)) return *e;
  if (auto e =
          body.Bool("retrieveVectors", "invalid_document_retrieve_vectors", retrieve_vectors)) {
    return *e;
  }
  if (const boost::json::value* ids = body.Raw("ids")) {
    if (!ids->is_array()) return InvalidFieldType("invalid_document_ids", "ids", "an array", *ids);
    query.ids.emplace();
    for (const boost::json::value& id : ids->get_array()) {
      if (id.is_string()) {
        query.ids->emplace_back(id.get_string());
      } else if (id.is_int64() || id.is_uint64()) {
        query.ids->push_back(boost::json::serialize(id));
      } else {
        return InvalidFieldType("invalid_document_ids", "ids", "a string or an integer", id);
      }
    }
  }
  if (const boost::json::value* filter = body.Raw("filter")) query.filter = *filter;
  std::optional<std::vector<std::string>> sort;
  if (auto e = body.StringList("sort", "invalid_document_sort", sort)) return *e;
  if (sort) query.sort = std::move(*sort);
  query.offset = offset.value_or(0);
  query.limit = limit.value_or(20);
  return BrowseDocuments(mapper, uid, query);
}

Response GetDocument(index_mapper::IndexMapper& mapper, const Request& req, std::string_view uid,
                     std::string_view id) {
  const auto fields = QueryList(req, "fields");
  return ReadIndex(mapper, uid, [&](const engine::Index& index, const storage::ReadTxn& txn) {
    const engine::DocumentStore& store = index.store();
    auto doc = store.Get(txn, id);
    if (!doc.ok()) return StatusResponse(doc.status(), "internal");
    if (!*doc) return StatusResponse(engine::DocumentNotFound(id), "internal");
    return Ok(fields ? engine::SelectFields(**doc, *fields) : **doc);
  });
}

}  // namespace

void AddDocumentRoutes(Router& router, index_mapper::IndexMapper& mapper,
                       scheduler::Scheduler& scheduler) {
  router.Add("POST", "/indexes/{uid}/documents",
             [&scheduler](const Request& req, const PathParams& p) {
               return AddDocuments(scheduler, req, p.Get("uid"), /*replace=*/true);
             });
  router.Add("PUT", "/indexes/{uid}/documents",
             [&scheduler](const Request& req, const PathParams& p) {
               return AddDocuments(scheduler, req, p.Get("uid"), /*replace=*/false);
             });
  router.Add("DELETE", "/indexes/{uid}/documents",
             [&scheduler](const Request& req, const PathParams& p) {
               return DeleteDocuments(scheduler, req, p.Get("uid"), std::nullopt);
             });
  router.Add("POST", "/indexes/{uid}/documents/delete-batch",
             [&scheduler](const Request& req, const PathParams& p) {
               return DeleteBatch(scheduler, req, p.Get("uid"));
             });
  router.Add("GET", "/indexes/{uid}/documents", [&mapper](const Request& req, const PathParams& p) {
    return GetDocuments(mapper, req, p.Get("uid"));
  });
  router.Add("POST", "/indexes/{uid}/documents/delete",
             [&scheduler](const Request& req, const PathParams& p) {
               return DeleteByFilter(scheduler, req, p.Get("uid"));
             });
  router.Add("POST", "/indexes/{uid}/documents/fetch",
             [&mapper](const Request& req, const PathParams& p) {
               return FetchDocuments(mapper, req, p.Get("uid"));
             });
  router.Add("GET", "/indexes/{uid}/documents/{id}",
             [&mapper](const Request& req, const PathParams& p) {
               return GetDocument(mapper, req, p.Get("uid"), p.Get("id"));
             });
  router.Add("DELETE", "/indexes/{uid}/documents/{id}",
             [&scheduler](const Request& req, const PathParams& p) {
               return DeleteDocuments(scheduler, req, p.Get("uid"),
                                      std::vector<std::string>{std::string(p.Get("id"))});
             });
}

}  // namespace myriad::http
