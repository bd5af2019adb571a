// GET/POST /keys, GET/PATCH/DELETE /keys/{key}: Meilisearch's API key routes,
// their body errors and their key object.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "auth/action.h"
#include "auth/index_pattern.h"
#include "http/body_fields.h"
#include "http/error_table.h"
#include "http/json_body.h"
#include "http/routes.h"
#include "util/clock.h"
#include "util/rfc3339.h"

namespace myriad::http {
namespace {

namespace json = boost::json;
using auth::ApiKey;

json::value OptionalString(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

// Meilisearch's KeyView, in its field order.
json::object KeyJson(const auth::Authorizer& authorizer, const ApiKey& key) {
  json::object o;
  o["name"] = OptionalString(key.name);
  o["description"] = OptionalString(key.description);
  o["key"] = authorizer.ValueOf(key);
  o["uid"] = key.uid;
  json::array actions, indexes;
  for (const std::string& a : key.actions) actions.emplace_back(a);
  for (const std::string& i : key.indexes) indexes.emplace_back(i);
  o["actions"] = std::move(actions);
  o["indexes"] = std::move(indexes);
  o["expiresAt"] =
      key.expires_at_ns ? json::value(FormatRfc3339(*key.expires_at_ns)) : json::value(nullptr);
  o["createdAt"] = FormatRfc3339(key.created_at_ns);
  o["updatedAt"] = FormatRfc3339(key.updated_at_ns);
  return o;
}

// The forms Meilisearch accepts: RFC 3339, or UTC "YYYY-MM-DDTHH:MM:SS",
// "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD"; only instants in the future.
std::optional<int64_t> ParseExpiresAt(std::string_view text) {
  std::string normalized(text);
  if (normalized.size() == 19 && (normalized[10] == 'T' || normalized[10] == ' ')) {
    normalized[10] = 'T';
    normalized += 'Z';
  }
  Result<int64_t> ns = ParseRfc3339(normalized, LoneDate::kItsMidnight);
  if (!ns.ok() || *ns <= WallClockNs()) return std::nullopt;
  return *ns;
}

Response InvalidAt(std::string_view code, std::string_view where, std::string_view why) {
  return ErrorResponse(code, "Invalid value at `" + std::string(where) + "`: " + std::string(why));
}

// A string list field: each item read by `accept`, which returns the error for a bad one.
template <typename Accept>
std::optional<Response> ReadList(const json::object& body, std::string_view field,
                                 std::string_view code, std::vector<std::string>& out,
                                 Accept accept) {
  const json::value& v = body.at(field);
  if (!v.is_array()) return InvalidFieldType(code, field, "an array", v);
  const json::array& items = v.get_array();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = std::string(field) + "[" + std::to_string(i) + "]";
    if (!items[i].is_string()) return InvalidFieldType(code, where, "a string", items[i]);
    const std::string item(items[i].get_string());
    if (auto error = accept(item, where)) return error;
    out.push_back(item);
  }
  return std::nullopt;
}

std::string ExpectedActions() {
  std::string out;
  for (std::string_view name : auth::AllActionNames()) {
    if (!out.empty()) out += ", ";
    out += "`" + std::string(name) + "`";
  }
  return out;
}

std::optional<Response> ReadNullableString(const json::object& body, std::string_view field,
                                           std::string_view code,
                                           std::optional<std::optional<std::string>>& out) {
  const json::value* v = body.if_contains(field);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) {
    out = std::optional<std::string>();
  } else if (v->is_string()) {
    out = std::optional<std::string>(std::string(v->get_string()));
  } else {
    return InvalidFieldType(code, field, "a string", *v);
  }
  return std::nullopt;
}

std::variant<ApiKey, Response> ReadCreateKey(const Request& req) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const json::value& body = std::get<json::value>(parsed);
  auto opened = BodyFields::Open(
      body, {"description", "name", "uid", "actions", "indexes", "expiresAt"}, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const json::object& o = body.get_object();
  ApiKey key;
  std::optional<std::optional<std::string>> text;
  if (auto e = ReadNullableString(o, "description", "invalid_api_key_description", text)) return *e;
  if (text) key.description = *text;
  text.reset();
  if (auto e = ReadNullableString(o, "name", "invalid_api_key_name", text)) return *e;
  if (text) key.name = *text;
  if (const json::value* uid = o.if_contains("uid")) {
    if (!uid->is_string()) return InvalidFieldType("invalid_api_key_uid", "uid", "a string", *uid);
    Result<std::string> canonical = auth::CanonicalUuid(uid->get_string());
    if (!canonical.ok()) {
      return InvalidAt("invalid_api_key_uid", ".uid", canonical.status().message());
    }
    key.uid = *canonical;
  }
  if (!o.contains("actions"))
    return ErrorResponse("missing_api_key_actions", "Missing field `actions`");
  if (auto e = ReadList(o, "actions", "invalid_api_key_actions", key.actions,
                        [](const std::string& name, const std::string& where) {
                          return auth::ExpandActionName(name)
                                     ? std::nullopt
                                     : std::optional<Response>(ErrorResponse(
                                           "invalid_api_key_actions",
                                           "Unknown value `" + name + "` at `." + where +
                                               "`: expected one of " + ExpectedActions()));
                        })) {
    return *e;
  }
  if (!o.contains("indexes"))
    return ErrorResponse("missing_api_key_indexes", "Missing field `indexes`");
  if (auto e = ReadList(o, "indexes", "invalid_api_key_indexes", key.indexes,
                        [](const std::string& pattern, const std::string& where) {
                          return auth::IndexPattern::Parse(pattern)
                                     ? std::nullopt
                                     : std::optional<Response>(InvalidAt(
                                           "invalid_api_key_indexes", "." + where,
                                           "`" + pattern +
                                               "` is not a valid index uid pattern. Index uid "
                                               "patterns can be an integer or a string containing "
                                               "only alphanumeric characters, hyphens (-) and "
                                               "underscores (_), and can not be more than 512 "
                                               "bytes."));
                        })) {
    return *e;
  }
  const json::value* expires = o.if_contains("expiresAt");
  if (expires == nullptr) {
    return ErrorResponse("missing_api_key_expires_at", "Missing field `expiresAt`");
  }
  if (!expires->is_null()) {
    if (!expires->is_string()) {
      return InvalidFieldType("invalid_api_key_expires_at", "expiresAt", "a string", *expires);
    }
    key.expires_at_ns = ParseExpiresAt(expires->get_string());
    if (!key.expires_at_ns) {
      return InvalidAt("invalid_api_key_expires_at", ".expiresAt",
                       "`" + std::string(expires->get_string()) +
                           "` is not a valid date. It should follow the RFC 3339 format to "
                           "represents a date or datetime in the future or specified as a null "
                           "value. e.g. 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'.");
    }
  }
  const bool every_index = key.indexes.empty() || std::find(key.indexes.begin(), key.indexes.end(),
                                                            "*") != key.indexes.end();
  if (!every_index) {
    for (const std::string& action : key.actions) {
      if (auth::DeniesIndexScope(action)) {
        return ErrorResponse("index_scoped_api_key_with_global_action",
                             "cannot create index-scoped API key with global action `\"" + action +
                                 "\"`\n  - Hint: remove action `\"" + action +
                                 "\"` from the action list, or remove `indexes` to make the key "
                                 "global");
      }
    }
  }
  return key;
}

std::variant<auth::KeyPatch, Response> ReadPatch(const Request& req) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const json::value& body = std::get<json::value>(parsed);
  if (!body.is_object()) {
    return ErrorResponse("bad_request", "Invalid value type: expected an object, but found " +
                                            DescribeJsonValue(body));
  }
  for (const auto& field : body.get_object()) {
    const std::string_view k = field.key();
    if (k == "description" || k == "name") continue;
    static constexpr std::pair<std::string_view, std::string_view> kImmutable[] = {
        {"uid", "immutable_api_key_uid"},
        {"actions", "immutable_api_key_actions"},
        {"indexes", "immutable_api_key_indexes"},
        {"expiresAt", "immutable_api_key_expires_at"},
        {"createdAt", "immutable_api_key_created_at"},
        {"updatedAt", "immutable_api_key_updated_at"},
    };
    for (const auto& [name, code] : kImmutable) {
      if (k == name) {
        return ErrorResponse(code, "Immutable field `" + std::string(k) +
                                       "`: expected one of `description`, `name`");
      }
    }
    return ErrorResponse("bad_request", "Unknown field `" + std::string(k) +
                                            "`: expected one of `description`, `name`");
  }
  auth::KeyPatch patch;
  const json::object& o = body.get_object();
  if (auto e =
          ReadNullableString(o, "description", "invalid_api_key_description", patch.description)) {
    return *e;
  }
  if (auto e = ReadNullableString(o, "name", "invalid_api_key_name", patch.name)) return *e;
  return patch;
}

Response ListKeys(const auth::Authorizer& authorizer, const Request& req) {
  for (const auto& param : req.query) {
    if (param.first != "offset" && param.first != "limit") {
      return ErrorResponse("bad_request", "Unknown parameter `" + param.first +
                                              "`: expected one of `offset`, `limit`");
    }
  }
  const std::optional<uint64_t> offset = QueryNumber(req, "offset", 0);
  if (!offset) return BadQueryNumber("invalid_api_key_offset", "offset", *req.Query("offset"));
  const std::optional<uint64_t> limit = QueryNumber(req, "limit", 20);
  if (!limit) return BadQueryNumber("invalid_api_key_limit", "limit", *req.Query("limit"));
  const std::vector<ApiKey> keys = authorizer.ListKeys();
  json::array results;
  for (uint64_t i = *offset; i < keys.size() && i - *offset < *limit; ++i) {
    results.push_back(KeyJson(authorizer, keys[i]));
  }
  json::object o;
  o["results"] = std::move(results);
  o["offset"] = *offset;
  o["limit"] = *limit;
  o["total"] = keys.size();
  return Ok(o);
}

Response KeyNotFoundOr(const Status& st) { return StatusResponse(st, "api_key_not_found"); }

}  // namespace

void AddKeyRoutes(Router& router, auth::Authorizer& authorizer) {
  router.Add("GET", "/keys", [&authorizer](const Request& req, const PathParams&) {
    return ListKeys(authorizer, req);
  });
  router.Add("POST", "/keys", [&authorizer](const Request& req, const PathParams&) {
    auto key = ReadCreateKey(req);
    if (auto* error = std::get_if<Response>(&key)) return *error;
    Result<ApiKey> created = authorizer.CreateKey(std::get<ApiKey>(std::move(key)));
    if (!created.ok()) {
      if (created.status().code() == StatusCode::kAlreadyExists) {
        return ErrorResponse("api_key_already_exists", created.status().message());
      }
      return StatusResponse(created.status(), "bad_request");
    }
    Response r = Ok(KeyJson(authorizer, *created));
    r.status = 201;
    return r;
  });
  router.Add("GET", "/keys/{key}", [&authorizer](const Request&, const PathParams& p) {
    Result<ApiKey> key = authorizer.FindKey(p.Get("key"));
    return key.ok() ? Ok(KeyJson(authorizer, *key)) : KeyNotFoundOr(key.status());
  });
  router.Add("PATCH", "/keys/{key}", [&authorizer](const Request& req, const PathParams& p) {
    Result<ApiKey> key = authorizer.FindKey(p.Get("key"));
    if (!key.ok()) return KeyNotFoundOr(key.status());
    auto patch = ReadPatch(req);
    if (auto* error = std::get_if<Response>(&patch)) return *error;
    Result<ApiKey> updated = authorizer.UpdateKey(key->uid, std::get<auth::KeyPatch>(patch));
    return updated.ok() ? Ok(KeyJson(authorizer, *updated)) : KeyNotFoundOr(updated.status());
  });
  router.Add("DELETE", "/keys/{key}", [&authorizer](const Request&, const PathParams& p) {
    Result<ApiKey> key = authorizer.FindKey(p.Get("key"));
    if (!key.ok()) return KeyNotFoundOr(key.status());
    const Status st = authorizer.DeleteKey(key->uid);
    if (!st.ok()) return KeyNotFoundOr(st);
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  });
}

}  // namespace myriad::http
