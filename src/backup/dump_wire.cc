#include "backup/dump_wire.h"

#include <boost/json/serialize.hpp>
#include <cctype>
#include <ctime>
#include <optional>
#include <roaring/roaring.hh>
#include <vector>

#include "util/rfc3339.h"

namespace myriad::backup {
namespace {

using scheduler::Task;
using scheduler::TaskKind;

std::string SnakeCase(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

std::string CamelCase(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

boost::json::object RenameKeys(const boost::json::object& in,
                               std::string (*rename)(std::string_view)) {
  boost::json::object out;
  for (const auto& [key, value] : in) out[rename(key)] = value;
  return out;
}

const boost::json::value* Field(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

boost::json::value StringOrNull(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = Field(o, key);
  return v != nullptr && v->is_string() ? *v : boost::json::value(nullptr);
}

// A RoaringBitmap as roaring-rs serializes it through serde: its portable
// bytes, which serde_json writes as an array of numbers.
boost::json::array BitmapBytes(const boost::json::object& params) {
  Roaring bitmap;
  if (const boost::json::value* uids = Field(params, "uids"); uids && uids->is_array()) {
    for (const auto& uid : uids->get_array()) {
      if (uid.is_number()) bitmap.add(uid.to_number<uint32_t>());
    }
  }
  std::vector<char> bytes(bitmap.getSizeInBytes(/*portable=*/true));
  bitmap.write(bytes.data(), /*portable=*/true);
  boost::json::array out;
  for (char b : bytes) out.push_back(int64_t{static_cast<unsigned char>(b)});
  return out;
}

Result<boost::json::array> BitmapUids(const boost::json::value& bytes) {
  if (!bytes.is_array()) return Status::InvalidArgument("a task bitmap is not an array of bytes");
  std::string raw;
  for (const auto& b : bytes.get_array()) {
    boost::system::error_code ec;
    const int64_t byte = b.is_double() ? -1 : b.to_number<int64_t>(ec);
    if (ec || byte < 0 || byte > 255) {
      return Status::InvalidArgument("a task bitmap is not an array of bytes");
    }
    raw.push_back(static_cast<char>(byte));
  }
  boost::json::array uids;
  if (raw.empty()) return uids;
  roaring_bitmap_t* bitmap = roaring_bitmap_portable_deserialize_safe(raw.data(), raw.size());
  if (bitmap == nullptr) return Status::InvalidArgument("a task bitmap does not decode");
  roaring_uint32_iterator_t* it = roaring_create_iterator(bitmap);
  while (it->has_value) {
    uids.push_back(it->current_value);
    roaring_advance_uint32_iterator(it);
  }
  roaring_free_uint32_iterator(it);
  roaring_bitmap_free(bitmap);
  return uids;
}

// `type`: serde's externally tagged KindDump.
boost::json::value KindToDump(const Task& t) {
  const boost::json::object& p = t.params;
  const boost::json::object& d = t.details;
  const auto allow = [&] {
    const boost::json::value* v = Field(p, "allowIndexCreation");
    return v == nullptr || !v->is_bool() || v->get_bool();
  };
  const auto tagged = [](const char* tag, boost::json::object content) {
    return boost::json::value(boost::json::object{{tag, std::move(content)}});
  };
  switch (t.kind) {
    case TaskKind::kDocumentAdditionOrUpdate: {
      const boost::json::value* replace = Field(p, "replace");
      const boost::json::value* received = Field(d, "receivedDocuments");
      return tagged(
          "documentImport",
          {{"primary_key", StringOrNull(p, "primaryKey")},
           {"method", replace && replace->is_bool() && !replace->get_bool() ? "UpdateDocuments"
                                                                            : "ReplaceDocuments"},
           {"documents_count", received ? *received : boost::json::value(0)},
           {"allow_index_creation", allow()}});
    }
    case TaskKind::kDocumentDeletion:
      if (const boost::json::value* filter = Field(p, "filter")) {
        return tagged("documentDeletionByFilter", {{"filter", *filter}});
      }
      if (Field(p, "all")) return "documentClear";
      return tagged("documentDeletion",
                    {{"documents_ids", Field(p, "ids") ? *Field(p, "ids") : boost::json::array()}});
    case TaskKind::kSettingsUpdate:
      return tagged("settings",
                    {{"settings", d}, {"is_deletion", false}, {"allow_index_creation", allow()}});
    case TaskKind::kIndexCreation:
      return tagged("indexCreation", {{"primary_key", StringOrNull(p, "primaryKey")}});
    case TaskKind::kIndexUpdate:
      return tagged("indexUpdate", {{"primary_key", StringOrNull(p, "primaryKey")},
                                    {"uid", StringOrNull(p, "newUid")}});
    case TaskKind::kIndexDeletion:
      return "indexDeletion";
    case TaskKind::kIndexSwap:
      return tagged("indexSwap",
                    {{"swaps", Field(d, "swaps") ? *Field(d, "swaps") : boost::json::array()}});
    case TaskKind::kTaskCancelation:
    case TaskKind::kTaskDeletion:
      return tagged(t.kind == TaskKind::kTaskCancelation ? "taskCancelation" : "tasksDeletion",
                    {{"query", StringOrNull(d, "originalFilter")}, {"tasks", BitmapBytes(p)}});
    case TaskKind::kDumpCreation:
      return tagged("dumpCreation", {{"keys", boost::json::array()}, {"instance_uid", nullptr}});
    case TaskKind::kSnapshotCreation:
      return "snapshotCreation";
  }
  return nullptr;
}

// The Rust variant of Details a task of this kind carries.
const char* DetailsVariant(const Task& t) {
  switch (t.kind) {
    case TaskKind::kDocumentAdditionOrUpdate:
      return "DocumentAdditionOrUpdate";
    case TaskKind::kDocumentDeletion:
      if (Field(t.params, "filter")) return "DocumentDeletionByFilter";
      if (Field(t.params, "all")) return "ClearAll";
      return "DocumentDeletion";
    case TaskKind::kSettingsUpdate:
      return "SettingsUpdate";
    case TaskKind::kIndexCreation:
    case TaskKind::kIndexUpdate:
      return "IndexInfo";
    case TaskKind::kIndexDeletion:
      return "ClearAll";
    case TaskKind::kIndexSwap:
      return "IndexSwap";
    case TaskKind::kTaskCancelation:
      return "TaskCancelation";
    case TaskKind::kTaskDeletion:
      return "TaskDeletion";
    case TaskKind::kDumpCreation:
      return "Dump";
    case TaskKind::kSnapshotCreation:
      return nullptr;
  }
  return nullptr;
}

// The kind, params and details of a task from its KindDump and Details.
Status KindFromDump(const boost::json::value& type, const boost::json::object* details, Task& t) {
  std::string tag;
  const boost::json::object* content = nullptr;
  static const boost::json::object kEmpty;
  if (type.is_string()) {
    tag = std::string(type.get_string());
    content = &kEmpty;
  } else if (type.is_object() && type.get_object().size() == 1 &&
             type.get_object().begin()->value().is_object()) {
    tag = std::string(type.get_object().begin()->key());
    content = &type.get_object().begin()->value().get_object();
  } else {
    return Status::InvalidArgument("a task's `type` is neither a string nor a one-key object");
  }
  const boost::json::object& c = *content;
  const auto copy_string = [&](std::string_view from, const char* to) {
    if (const boost::json::value* v = Field(c, from); v && v->is_string()) t.params[to] = *v;
  };
  const auto allow = [&] {
    const boost::json::value* v = Field(c, "allow_index_creation");
    if (v && v->is_bool() && !v->get_bool()) t.params["allowIndexCreation"] = false;
  };
  if (tag == "documentImport") {
    t.kind = TaskKind::kDocumentAdditionOrUpdate;
    t.params["format"] = "ndjson";
    const boost::json::value* method = Field(c, "method");
    t.params["replace"] =
        !(method && method->is_string() && method->get_string() == "UpdateDocuments");
    copy_string("primary_key", "primaryKey");
    allow();
  } else if (tag == "documentDeletion") {
    t.kind = TaskKind::kDocumentDeletion;
    boost::json::array ids;
    if (const boost::json::value* v = Field(c, "documents_ids"); v && v->is_array()) {
      for (const auto& id : v->get_array()) {
        ids.push_back(id.is_string() ? id : boost::json::value(boost::json::serialize(id)));
      }
    }
    t.params["ids"] = std::move(ids);
  } else if (tag == "documentClear") {
    t.kind = TaskKind::kDocumentDeletion;
    t.params["all"] = true;
  } else if (tag == "documentDeletionByFilter") {
    t.kind = TaskKind::kDocumentDeletion;
    t.params["filter"] = Field(c, "filter") ? *Field(c, "filter") : boost::json::value("");
  } else if (tag == "settings") {
    t.kind = TaskKind::kSettingsUpdate;
    const boost::json::value* settings = Field(c, "settings");
    t.params["settings"] = settings && settings->is_object() ? *settings : boost::json::object();
    allow();
  } else if (tag == "indexCreation") {
    t.kind = TaskKind::kIndexCreation;
    copy_string("primary_key", "primaryKey");
  } else if (tag == "indexUpdate") {
    t.kind = TaskKind::kIndexUpdate;
    copy_string("primary_key", "primaryKey");
    copy_string("uid", "newUid");
  } else if (tag == "indexDeletion") {
    t.kind = TaskKind::kIndexDeletion;
  } else if (tag == "indexSwap") {
    t.kind = TaskKind::kIndexSwap;
  } else if (tag == "taskCancelation" || tag == "tasksDeletion") {
    t.kind = tag == "taskCancelation" ? TaskKind::kTaskCancelation : TaskKind::kTaskDeletion;
    if (const boost::json::value* tasks = Field(c, "tasks")) {
      MYRIAD_ASSIGN_OR_RETURN(boost::json::array uids, BitmapUids(*tasks));
      t.params["uids"] = std::move(uids);
    }
  } else if (tag == "dumpCreation") {
    t.kind = TaskKind::kDumpCreation;
  } else if (tag == "snapshotCreation") {
    t.kind = TaskKind::kSnapshotCreation;
  } else {
    return Status::NotFound("a task of type `" + tag + "` is not known to Myriad");
  }
  if (details != nullptr && details->size() == 1 && details->begin()->value().is_object()) {
    const boost::json::object& inner = details->begin()->value().get_object();
    if (details->begin()->key() == "SettingsUpdate") {
      const boost::json::value* settings = Field(inner, "settings");
      if (settings && settings->is_object()) t.details = settings->get_object();
    } else {
      t.details = RenameKeys(inner, &CamelCase);
    }
  }
  if (t.kind == TaskKind::kSettingsUpdate && t.details.empty()) {
    t.details = t.params.at("settings").get_object();
  }
  if (t.kind == TaskKind::kIndexSwap && !t.details.contains("swaps")) {
    t.details["swaps"] = Field(c, "swaps") ? *Field(c, "swaps") : boost::json::array();
  }
  return Status::Ok();
}

Result<int64_t> Instant(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = Field(o, key);
  if (v == nullptr || !v->is_string()) {
    return Status::InvalidArgument("`" + std::string(key) + "` is not an RFC 3339 date");
  }
  return ParseRfc3339(v->get_string(), LoneDate::kItsMidnight);
}

Result<std::optional<int64_t>> OptionalInstant(const boost::json::object& o, std::string_view key) {
  if (Field(o, key) == nullptr) return std::optional<int64_t>();
  MYRIAD_ASSIGN_OR_RETURN(int64_t ns, Instant(o, key));
  return std::optional<int64_t>(ns);
}

std::optional<std::string> OptionalString(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = Field(o, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

Result<std::vector<std::string>> StringList(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = Field(o, key);
  if (v == nullptr || !v->is_array()) {
    return Status::InvalidArgument("`" + std::string(key) + "` is not a list of strings");
  }
  std::vector<std::string> out;
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) {
      return Status::InvalidArgument("`" + std::string(key) + "` is not a list of strings");
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

}  // namespace

boost::json::object TaskToDump(const Task& t) {
  boost::json::object o;
  o["uid"] = t.uid;
  if (t.batch_uid) o["batchUid"] = *t.batch_uid;
  o["indexUid"] = t.index_uid ? boost::json::value(*t.index_uid) : boost::json::value(nullptr);
  o["status"] = scheduler::TaskStatusName(t.status);
  o["type"] = KindToDump(t);
  if (t.canceled_by) o["canceledBy"] = *t.canceled_by;
  if (const char* variant = DetailsVariant(t); variant && !t.details.empty()) {
    o["details"] = boost::json::object{{variant, t.kind == TaskKind::kSettingsUpdate
                                                     ? boost::json::object{{"settings", t.details}}
                                                     : RenameKeys(t.details, &SnakeCase)}};
  }
  if (t.error) {
    o["error"] = boost::json::object{{"message", t.error->message},
                                     {"code", t.error->code},
                                     {"type", t.error->type},
                                     {"link", t.error->link}};
  }
  o["enqueuedAt"] = FormatRfc3339(t.enqueued_at_ns);
  if (t.started_at_ns) o["startedAt"] = FormatRfc3339(*t.started_at_ns);
  if (t.finished_at_ns) o["finishedAt"] = FormatRfc3339(*t.finished_at_ns);
  if (t.custom_metadata) o["customMetadata"] = *t.custom_metadata;
  return o;
}

Result<Task> TaskFromDump(const boost::json::value& line) {
  if (!line.is_object()) return Status::InvalidArgument("a task line is not a JSON object");
  const boost::json::object& o = line.get_object();
  Task t;
  const boost::json::value* uid = Field(o, "uid");
  if (uid == nullptr || !uid->is_number()) return Status::InvalidArgument("a task has no `uid`");
  t.uid = uid->to_number<uint32_t>();
  const auto with_uid = [&](const Status& st) {
    return Status(st.code(), "task " + std::to_string(t.uid) + ": " + st.message());
  };
  if (const boost::json::value* b = Field(o, "batchUid"); b && b->is_number()) {
    t.batch_uid = b->to_number<uint32_t>();
  }
  t.index_uid = OptionalString(o, "indexUid");
  const std::optional<std::string> status = OptionalString(o, "status");
  const std::optional<scheduler::TaskStatus> parsed =
      status ? scheduler::ParseTaskStatus(*status) : std::nullopt;
  if (!parsed) return with_uid(Status::InvalidArgument("unknown `status`"));
  t.status = *parsed;
  const boost::json::value* type = Field(o, "type");
  if (type == nullptr) return with_uid(Status::InvalidArgument("no `type`"));
  const boost::json::value* details = Field(o, "details");
  if (Status st = KindFromDump(
          *type, details && details->is_object() ? &details->get_object() : nullptr, t);
      !st.ok()) {
    return with_uid(st);
  }
  if (const boost::json::value* c = Field(o, "canceledBy"); c && c->is_number()) {
    t.canceled_by = c->to_number<uint32_t>();
  }
  if (const boost::json::value* e = Field(o, "error"); e && e->is_object()) {
    const boost::json::object& err = e->get_object();
    t.error = scheduler::TaskError{OptionalString(err, "message").value_or(""),
                                   OptionalString(err, "code").value_or("internal"),
                                   OptionalString(err, "type").value_or("internal"),
                                   OptionalString(err, "link").value_or("")};
  }
  auto enqueued = Instant(o, "enqueuedAt");
  auto started = OptionalInstant(o, "startedAt");
  auto finished = OptionalInstant(o, "finishedAt");
  if (!enqueued.ok()) return with_uid(enqueued.status());
  if (!started.ok()) return with_uid(started.status());
  if (!finished.ok()) return with_uid(finished.status());
  t.enqueued_at_ns = *enqueued;
  t.started_at_ns = *started;
  t.finished_at_ns = *finished;
  t.custom_metadata = OptionalString(o, "customMetadata");
  return t;
}

boost::json::object KeyToDump(const auth::ApiKey& key) {
  boost::json::array actions(key.actions.begin(), key.actions.end());
  boost::json::array indexes(key.indexes.begin(), key.indexes.end());
  return {{"description", key.description ? boost::json::value(*key.description) : nullptr},
          {"name", key.name ? boost::json::value(*key.name) : nullptr},
          {"uid", key.uid},
          {"actions", std::move(actions)},
          {"indexes", std::move(indexes)},
          {"expires_at",
           key.expires_at_ns ? boost::json::value(FormatRfc3339(*key.expires_at_ns)) : nullptr},
          {"created_at", FormatRfc3339(key.created_at_ns)},
          {"updated_at", FormatRfc3339(key.updated_at_ns)}};
}

Result<auth::ApiKey> KeyFromDump(const boost::json::value& line) {
  if (!line.is_object()) return Status::InvalidArgument("a key line is not a JSON object");
  const boost::json::object& o = line.get_object();
  auth::ApiKey key;
  const std::optional<std::string> uid = OptionalString(o, "uid");
  if (!uid) return Status::InvalidArgument("a key has no `uid`");
  auto canonical = auth::CanonicalUuid(*uid);
  if (!canonical.ok()) return Status::InvalidArgument("the key uid `" + *uid + "` is not a uuid");
  key.uid = *canonical;
  key.name = OptionalString(o, "name");
  key.description = OptionalString(o, "description");
  const auto in_key = [&](const Status& st) {
    return Status::InvalidArgument("key " + key.uid + ": " + st.message());
  };
  auto actions = StringList(o, "actions");
  auto indexes = StringList(o, "indexes");
  auto expires = OptionalInstant(o, "expires_at");
  auto created = Instant(o, "created_at");
  auto updated = Instant(o, "updated_at");
  if (!actions.ok()) return in_key(actions.status());
  if (!indexes.ok()) return in_key(indexes.status());
  if (!expires.ok()) return in_key(expires.status());
  if (!created.ok()) return in_key(created.status());
  if (!updated.ok()) return in_key(updated.status());
  key.actions = std::move(*actions);
  key.indexes = std::move(*indexes);
  key.expires_at_ns = *expires;
  key.created_at_ns = *created;
  key.updated_at_ns = *updated;
  return key;
}

boost::json::object IndexMetadataToDump(const index_mapper::IndexMeta& meta) {
  return {{"uid", meta.uid},
          {"primaryKey", meta.primary_key ? boost::json::value(*meta.primary_key) : nullptr},
          {"createdAt", FormatRfc3339(meta.created_at_ns)},
          {"updatedAt", FormatRfc3339(meta.updated_at_ns)}};
}

std::string DumpUid(int64_t unix_ns) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ns / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[96];  // room for any int, so that no field can be cut
  std::snprintf(out, sizeof out, "%04d%02d%02d-%02d%02d%02d%03u", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<unsigned>(unix_ns / 1'000'000 % 1000));
  return out;
}

}  // namespace myriad::backup
