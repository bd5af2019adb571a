#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/error_table.h"
#include "http/global_stats.h"
#include "http/index_lookup.h"
#include "http/index_stats_json.h"
#include "http/json_body.h"
#include "http/routes.h"
#include "util/rfc3339.h"

namespace myriad::http {
namespace {

using index_mapper::IndexMapper;
using index_mapper::IndexMeta;
using index_mapper::IndexMetaView;

Response Json(const boost::json::object& o) { return Ok(o); }

boost::json::object IndexJson(const IndexMeta& m) {
  boost::json::object o;
  o["uid"] = m.uid;
  o["createdAt"] = FormatRfc3339(m.created_at_ns);
  o["updatedAt"] = FormatRfc3339(m.updated_at_ns);
  if (m.primary_key) {
    o["primaryKey"] = *m.primary_key;
  } else {
    o["primaryKey"] = nullptr;
  }
  return o;
}

Response ListIndexes(const IndexMapper& mapper, const Request& req) {
  const std::optional<uint64_t> offset = QueryNumber(req, "offset", 0);
  if (!offset) return BadQueryNumber("invalid_index_offset", "offset", *req.Query("offset"));
  const std::optional<uint64_t> limit = QueryNumber(req, "limit", 20);
  if (!limit) return BadQueryNumber("invalid_index_limit", "limit", *req.Query("limit"));

  boost::json::array results;
  uint64_t total = 0;
  if (req.SeesEveryIndex()) {
    Result<std::vector<IndexMeta>> page = mapper.ListIndexes(*offset, *limit);
    if (!page.ok()) return StatusResponse(page.status(), "internal");
    Result<uint64_t> count = mapper.CountIndexes();
    if (!count.ok()) return StatusResponse(count.status(), "internal");
    for (const IndexMeta& m : *page) results.push_back(IndexJson(m));
    total = *count;
  } else {
    // A key limited to some indexes: the page and the total count only those
    // it may see, so the catalogue is read through (registry only, no env opens).
    Status st = mapper.ForEachIndex([&](const IndexMetaView& m) {
      if (!req.MaySee(m.uid)) return;
      if (total >= *offset && total - *offset < *limit) results.push_back(IndexJson(m.ToMeta()));
      ++total;
    });
    if (!st.ok()) return StatusResponse(st, "internal");
  }
  boost::json::object o;
  o["results"] = std::move(results);
  o["offset"] = *offset;
  o["limit"] = *limit;
  o["total"] = total;
  return Json(o);
}

}  // namespace

namespace {

std::string InvalidUidMessage(std::string_view uid) {
  return "`" + std::string(uid) +
         "` is not a valid index uid. Index uid can be an integer or a string containing only "
         "alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 "
         "bytes.";
}

}  // namespace

std::optional<Response> CheckIndexUid(std::string_view uid) {
  if (index_mapper::IsValidIndexUid(uid)) return std::nullopt;
  return ErrorResponse("invalid_index_uid", InvalidUidMessage(uid));
}

Result<IndexMeta> FindIndex(const IndexMapper& mapper, std::string_view uid) {
  if (!index_mapper::IsValidIndexUid(uid)) return Status::InvalidArgument(InvalidUidMessage(uid));
  Result<IndexMeta> meta = mapper.GetIndex(std::string(uid));
  if (!meta.ok() && meta.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("Index `" + std::string(uid) + "` not found.");
  }
  return meta;
}

Response FindIndexError(const Status& st) {
  if (st.code() == StatusCode::kInvalidArgument) {
    return ErrorResponse("invalid_index_uid", st.message());
  }
  return StatusResponse(st, "index_not_found");
}

void AddIndexReadRoutes(Router& router, IndexMapper& mapper, IndexingProbe indexing) {
  router.Add("GET", "/indexes",
             [&mapper](const Request& req, const PathParams&) { return ListIndexes(mapper, req); });
  router.Add("GET", "/indexes/{uid}", [&mapper](const Request&, const PathParams& params) {
    Result<IndexMeta> meta = FindIndex(mapper, params.Get("uid"));
    return meta.ok() ? Json(IndexJson(*meta)) : FindIndexError(meta.status());
  });
  router.Add("GET", "/indexes/{uid}/stats",
             [&mapper, indexing](const Request&, const PathParams& params) {
               Result<IndexMeta> meta = FindIndex(mapper, params.Get("uid"));
               if (!meta.ok()) return FindIndexError(meta.status());
               std::string body;
               AppendIndexStats(body, *meta, indexing());
               return Response{200, std::move(body)};
             });
  auto stats = std::make_shared<GlobalStats>(mapper, indexing);
  router.Add("GET", "/stats",
             [stats](const Request& req, const PathParams&) { return stats->Answer(req); });
}

}  // namespace myriad::http
