#include "scheduler/task_record.h"

#include <boost/json.hpp>
#include <exception>

namespace myriad::scheduler {
namespace {

namespace json = boost::json;

template <typename Value>
json::value OrNull(const std::optional<Value>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

template <typename Int>
std::optional<Int> OptionalInt(const json::object& o, std::string_view key) {
  const json::value& v = o.at(key);
  if (v.is_null()) return std::nullopt;
  return json::value_to<Int>(v);
}

std::optional<std::string> OptionalString(const json::object& o, std::string_view key) {
  const json::value& v = o.at(key);
  if (v.is_null()) return std::nullopt;
  return std::string(v.as_string());
}

}  // namespace

std::string EncodeTaskRecord(const Task& task) {
  json::object o;
  o["uid"] = task.uid;
  o["batch_uid"] = OrNull(task.batch_uid);
  o["index_uid"] = OrNull(task.index_uid);
  o["status"] = TaskStatusName(task.status);
  o["kind"] = TaskKindName(task.kind);
  o["canceled_by"] = OrNull(task.canceled_by);
  o["details"] = task.details;
  if (task.error) {
    o["error"] = json::object{{"message", task.error->message},
                              {"code", task.error->code},
                              {"type", task.error->type},
                              {"link", task.error->link}};
  } else {
    o["error"] = nullptr;
  }
  o["enqueued_at_ns"] = task.enqueued_at_ns;
  o["started_at_ns"] = OrNull(task.started_at_ns);
  o["finished_at_ns"] = OrNull(task.finished_at_ns);
  o["payload_uuid"] = OrNull(task.payload_uuid);
  o["payload_bytes"] = task.payload_bytes;
  o["params"] = task.params;
  if (task.custom_metadata) o["custom_metadata"] = *task.custom_metadata;
  return json::serialize(o);
}

Result<Task> DecodeTaskRecord(std::string_view bytes) {
  try {
    const json::object o = json::parse(bytes).as_object();
    Task t;
    t.uid = json::value_to<uint32_t>(o.at("uid"));
    t.batch_uid = OptionalInt<uint32_t>(o, "batch_uid");
    t.index_uid = OptionalString(o, "index_uid");
    auto status = ParseTaskStatus(o.at("status").as_string());
    auto kind = ParseTaskKind(o.at("kind").as_string());
    if (!status || !kind) return Status::Corruption("task record: unknown status or kind");
    t.status = *status;
    t.kind = *kind;
    t.canceled_by = OptionalInt<uint32_t>(o, "canceled_by");
    t.details = o.at("details").as_object();
    if (const json::value& e = o.at("error"); !e.is_null()) {
      const json::object& eo = e.as_object();
      t.error = TaskError{
          std::string(eo.at("message").as_string()), std::string(eo.at("code").as_string()),
          std::string(eo.at("type").as_string()), std::string(eo.at("link").as_string())};
    }
    t.enqueued_at_ns = json::value_to<int64_t>(o.at("enqueued_at_ns"));
    t.started_at_ns = OptionalInt<int64_t>(o, "started_at_ns");
    t.finished_at_ns = OptionalInt<int64_t>(o, "finished_at_ns");
    t.payload_uuid = OptionalString(o, "payload_uuid");
    t.payload_bytes = json::value_to<uint64_t>(o.at("payload_bytes"));
    t.params = o.at("params").as_object();
    if (const json::value* metadata = o.if_contains("custom_metadata")) {
      t.custom_metadata = std::string(metadata->as_string());
    }
    return t;
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("task record: ") + e.what());
  }
}

}  // namespace myriad::scheduler
