#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "http/error_table.h"
#include "http/index_lookup.h"
#include "http/json_body.h"
#include "http/rfc3339.h"
#include "http/routes.h"
#include "util/mutex.h"

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

// `s` as a JSON string. Names that need no escape, nearly all of them, are
// appended as they are, without the string boost::json::serialize allocates.
void AppendJsonString(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
  });
  if (!plain) {
    out += boost::json::serialize(boost::json::string_view(s));
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

// An index's stats as JSON text. Written directly, not through a document
// tree: GET /stats writes 100,000 of them, and the tree cost most of its time.
// `Meta` is an IndexMeta or, for the registry walk, an IndexMetaView.
template <typename Meta>
void AppendIndexStats(std::string& out, const Meta& m, const std::optional<std::string>& indexing) {
  const auto number = [&out](std::string_view key, uint64_t n) {
    char digits[24];
    out += key;
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  };
  number("{\"numberOfDocuments\":", m.document_count);
  number(",\"rawDocumentDbSize\":", m.used_bytes);
  number(",\"avgDocumentSize\":", m.document_count == 0 ? 0 : m.used_bytes / m.document_count);
  out += indexing == m.uid ? ",\"isIndexing\":true" : ",\"isIndexing\":false";
  out += ",\"numberOfEmbeddings\":0,\"numberOfEmbeddedDocuments\":0,\"fieldDistribution\":{";
  bool first = true;
  const auto field = [&](std::string_view name, uint64_t count) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, name);
    number(":", count);
  };
  if constexpr (std::is_same_v<Meta, IndexMetaView>) {
    m.ForEachField(field);
  } else {
    for (const auto& [name, count] : m.field_distribution) field(name, count);
  }
  out += "}}";
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

// The last answer of GET /stats that showed every index. At 100,000 indexes
// it takes 60 ms or more to build (a walk of 35 MB of registry records, 35 MB
// of text), and polling dashboards ask for it again while nothing changed.
// Thread safety: guarded by `mu`.
struct StatsCache {
  Mutex mu;
  uint64_t generation GUARDED_BY(mu) = 0;
  std::optional<std::string> indexing GUARDED_BY(mu);
  std::shared_ptr<const std::string> body GUARDED_BY(mu);
};

Response GlobalStats(const IndexMapper& mapper, const IndexingProbe& probe, StatsCache& cache,
                     const Request& req) {
  // Read before the walk's transaction begins: if it has not moved when the
  // next request comes, nothing the walk read has changed.
  const uint64_t generation = mapper.CatalogueGeneration();
  const std::optional<std::string> indexing = probe();
  const bool whole = req.SeesEveryIndex();
  if (whole) {
    std::shared_ptr<const std::string> cached;
    {
      MutexLock lock(cache.mu);
      if (cache.body && cache.generation == generation && cache.indexing == indexing) {
        cached = cache.body;
      }
    }
    if (cached) return Response{200, *cached};
  }
  uint64_t database_bytes = 0;
  std::optional<int64_t> last_update;
  // The answer is written in one string, in one pass: at 100,000 indexes it
  // is 35 MB, and every copy or regrowth of it (each a fresh mmap to fault in)
  // cost as much as the walk. The head, known only after the walk, goes into
  // room left at the front; what it does not fill stays as leading whitespace.
  constexpr size_t kHeadRoom = 192;
  std::string body(kHeadRoom, ' ');
  // Untouched reserved pages cost nothing, so the guess is generous.
  if (Result<uint64_t> count = mapper.CountIndexes(); count.ok()) body.reserve(*count * 1024);
  body += '{';
  const Status st = mapper.ForEachIndex([&](const IndexMetaView& m) {
    // The database size stays global, as Meilisearch's; only the indexes are filtered.
    database_bytes += m.used_bytes;
    if (!req.MaySee(m.uid)) return;
    last_update = std::max(last_update.value_or(m.updated_at_ns), m.updated_at_ns);
    if (body.size() > kHeadRoom + 1) body += ',';
    AppendJsonString(body, m.uid);
    body += ':';
    AppendIndexStats(body, m, indexing);
  });
  body += "}}";
  if (!st.ok()) return StatusResponse(st, "internal");
  boost::json::object o;
  o["databaseSize"] = database_bytes;
  o["usedDatabaseSize"] = database_bytes;
  if (last_update) {
    o["lastUpdate"] = FormatRfc3339(*last_update);
  } else {
    o["lastUpdate"] = nullptr;
  }
  std::string head = boost::json::serialize(o);
  head.back() = ',';
  head += "\"indexes\":";
  if (head.size() <= kHeadRoom) {
    body.replace(kHeadRoom - head.size(), head.size(), head);
  } else {
    body.replace(0, kHeadRoom, head);
  }
  if (whole) {
    auto shared = std::make_shared<const std::string>(body);
    MutexLock lock(cache.mu);
    cache.generation = generation;
    cache.indexing = indexing;
    cache.body = std::move(shared);
  }
  return Response{200, std::move(body)};
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
  auto cache = std::make_shared<StatsCache>();
  router.Add("GET", "/stats", [&mapper, indexing, cache](const Request& req, const PathParams&) {
    return GlobalStats(mapper, indexing, *cache, req);
  });
}

}  // namespace myriad::http
