#include "scheduler/scheduler.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <system_error>

#include "engine/documents/document_payload.h"
#include "engine/documents/document_store.h"
#include "engine/schema/parse_settings.h"
#include "index_mapper/index_meta.h"
#include "scheduler/index_swap.h"
#include "storage/free_pages.h"
#include "types/environment_error.h"
#include "util/byte_size.h"
#include "util/clock.h"

namespace myriad::scheduler {
namespace {

TaskError MakeError(std::string code, std::string message, std::string type) {
  TaskError e;
  e.link = "https://docs.meilisearch.com/errors#" + code;
  e.code = std::move(code);
  e.message = std::move(message);
  e.type = std::move(type);
  return e;
}

TaskError RequestError(std::string code, std::string message) {
  return MakeError(std::move(code), std::move(message), "invalid_request");
}

// An error of the machine or the files, not of the request.
TaskError EnvironmentError(const Status& st) {
  types::EnvironmentError e = types::DescribeEnvironmentError(st);
  return MakeError(std::string(e.code), std::move(e.message), std::string(e.type));
}

TaskError IndexNotFound(const std::string& uid) {
  return RequestError("index_not_found", "Index `" + uid + "` not found.");
}

TaskError FromEngine(const Status& st) {
  if (st.IsRequestError()) return RequestError(st.error_code(), st.message());
  return EnvironmentError(st);
}

std::vector<uint32_t> UidsParam(const boost::json::object& params) {
  std::vector<uint32_t> uids;
  if (const boost::json::value* v = params.if_contains("uids"); v && v->is_array()) {
    for (const auto& uid : v->get_array()) {
      if (uid.is_number()) uids.push_back(uid.to_number<uint32_t>());
    }
  }
  return uids;
}

// False when the key that enqueued the task lacked `indexes.create`.
bool AllowsIndexCreation(const boost::json::object& params) {
  const boost::json::value* allow = params.if_contains("allowIndexCreation");
  return allow == nullptr || !allow->is_bool() || allow->get_bool();
}

std::optional<std::string> StringParam(const boost::json::object& params, const char* key) {
  const boost::json::value* v = params.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

// A document addition's params `replace` (absent: true) and `skipCreation`.
engine::AddMode AddModeOf(const Task& task) {
  const boost::json::value* replace = task.params.if_contains("replace");
  const boost::json::value* skip = task.params.if_contains("skipCreation");
  return {.replace = replace == nullptr || !replace->is_bool() || replace->get_bool(),
          .skip_creation = skip != nullptr && skip->is_bool() && skip->get_bool()};
}

boost::json::value OptionalString(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

// Copies the index's document count and field distribution (and a new primary
// key) to the registry, where whole-catalogue questions read them.
Status RecordStats(index_mapper::IndexMapper& mapper, const index_mapper::IndexHandle& handle,
                   const engine::DocumentStore& store,
                   const std::optional<std::string>& primary_key) {
  index_mapper::IndexStatsUpdate stats;
  stats.primary_key = primary_key;
  {
    MYRIAD_ASSIGN_OR_RETURN(index_mapper::IndexReadTxn txn, handle.BeginRead());
    MYRIAD_ASSIGN_OR_RETURN(stats.document_count, store.Count(txn.txn()));
    MYRIAD_ASSIGN_OR_RETURN(stats.field_distribution, store.FieldDistribution(txn.txn()));
  }
  return mapper.UpdateStats(handle, stats);
}

engine::PayloadFormat FormatParam(const boost::json::object& params) {
  const std::string format = StringParam(params, "format").value_or("json");
  if (format == "ndjson") return engine::PayloadFormat::kNdjson;
  if (format == "csv") return engine::PayloadFormat::kCsv;
  return engine::PayloadFormat::kJson;
}

// The ids a deletion by id names (the route stored them as strings).
std::vector<std::string> DeletionIds(const Task& task) {
  std::vector<std::string> ids;
  if (const boost::json::value* v = task.params.if_contains("ids"); v && v->is_array()) {
    for (const auto& id : v->get_array()) {
      if (id.is_string()) ids.emplace_back(id.get_string());
    }
  }
  return ids;
}

using Documents = std::vector<boost::json::object>;
// A task's payload as documents, or the error that fails the task.
using ParsedPayload = std::variant<Documents, TaskError>;

ParsedPayload ParsePayload(const UpdateFiles& files, const Task& task) {
  auto payload = files.Read(task.payload_uuid.value_or(""));
  if (!payload.ok()) return EnvironmentError(payload.status());
  char delimiter = ',';
  if (auto d = StringParam(task.params, "csvDelimiter"); d && d->size() == 1) delimiter = (*d)[0];
  auto parsed = engine::ParseDocuments(*payload, FormatParam(task.params), delimiter);
  if (!parsed.ok()) return FromEngine(parsed.status());
  return std::move(parsed).value();
}

// Index creation, deletion and rename commit in the registry, their outcome
// later in the task store: a kill between the two would run the task again and
// report index_already_exists or index_not_found for the change it made itself.
// So once its checks pass, a task records durably in its params that it is
// making the change (with the details it reports); a run after a restart that
// finds the change made reports it done.
constexpr const char* kCatalogueChange = "catalogueChange";

bool CatalogueChangeStarted(const Task& task) { return task.params.contains(kCatalogueChange); }

// The index's free list now, or nullopt when it cannot be read (the room
// estimate then learns from the growth alone).
std::optional<storage::FreePages> FreeList(const index_mapper::IndexHandle& handle) {
  auto txn = handle.BeginRead();
  if (!txn.ok()) return std::nullopt;
  auto free = storage::CountFreePages(txn->txn());
  if (!free.ok()) return std::nullopt;
  return *free;
}

// The bytes a committed write took from the free list, given the list just
// before it and just after its commit (see storage/free_pages.h).
uint64_t ReusedBytes(const std::optional<storage::FreePages>& before,
                     const std::optional<storage::FreePages>& after, uint32_t page_size) {
  if (!before || !after) return 0;
  const uint64_t kept = after->total_pages - std::min(after->total_pages, after->newest_pages);
  return (before->total_pages - std::min(before->total_pages, kept)) * page_size;
}

// Meilisearch's cap: beyond it, the oldest finished tasks are deleted.
constexpr uint64_t kMaxStoredTasks = 1'000'000;

}  // namespace

Result<std::unique_ptr<Scheduler>> Scheduler::Start(TaskStore& tasks, UpdateFiles& files,
                                                    index_mapper::IndexMapper& mapper,
                                                    BatchLimits limits, TaskRunners runners) {
  MYRIAD_RETURN_IF_ERROR(tasks.RequeueProcessing());
  std::unique_ptr<Scheduler> scheduler(
      new Scheduler(tasks, files, mapper, limits, std::move(runners)));
  scheduler->thread_ = std::thread([s = scheduler.get()] { s->Run(); });
  return scheduler;
}

Scheduler::~Scheduler() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<Task> Scheduler::Register(Task task, std::optional<std::string_view> payload) {
  if (payload) {
    MYRIAD_ASSIGN_OR_RETURN(task.payload_uuid, files_.Write(*payload));
    task.payload_bytes = payload->size();
  }
  const std::optional<std::string> payload_uuid = task.payload_uuid;
  auto stored = tasks_.Enqueue(std::move(task));
  if (!stored.ok()) {
    if (payload_uuid) (void)files_.Remove(*payload_uuid);
    return stored.status();
  }
  {
    MutexLock lock(mu_);
    ++registered_;
  }
  wake_.notify_all();
  return stored;
}

std::optional<std::string> Scheduler::ProcessingIndex() const {
  MutexLock lock(mu_);
  return processing_index_;
}

void Scheduler::Run() {
  const auto index_exists = [this](const std::string& uid) { return mapper_.Exists(uid); };
  for (;;) {
    uint64_t seen;
    {
      MutexLock lock(mu_);
      if (stopping_) return;
      seen = registered_;
    }
    bool failed = false;
    // A window of the queue: NextBatch never takes more than max_tasks of it.
    auto enqueued = tasks_.Enqueued(limits_.max_tasks);
    if (!enqueued.ok()) {
      failed = true;
    } else if (Batch batch = NextBatch(*enqueued, index_exists, limits_); !batch.empty()) {
      std::vector<Task> members;
      for (Task& t : *enqueued) {
        if (std::binary_search(batch.task_uids.begin(), batch.task_uids.end(), t.uid)) {
          members.push_back(std::move(t));
        }
      }
      if (RunBatch(batch, std::move(members))) {
        if (halted_.load()) return;
        continue;
      }
      failed = true;
    }
    // Idle until a registration; after a task store failure, retry within a second.
    MutexLock lock(mu_);
    const auto retry_at = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (!stopping_ && registered_ == seen) {
      if (!failed) {
        wake_.wait(mu_);
      } else if (wake_.wait_until(mu_, retry_at) == std::cv_status::timeout) {
        break;
      }
    }
  }
}

bool Scheduler::RunBatch(const Batch& batch, std::vector<Task> tasks) {
  const int64_t started = WallClockNs();
  for (Task& t : tasks) {
    t.status = TaskStatus::kProcessing;
    t.batch_uid = batch.task_uids.front();  // unique and increasing, like the tasks
    t.started_at_ns = started;
  }
  if (!tasks_.UpdateAll(tasks).ok()) return false;
  {
    MutexLock lock(mu_);
    processing_index_ = batch.index_uid;
  }
  if (ApplyDocumentBatch(tasks)) {
    if (halted_.load()) return true;
    const int64_t finished = WallClockNs();
    for (Task& t : tasks) {
      t.status = t.error ? TaskStatus::kFailed : TaskStatus::kSucceeded;
      t.finished_at_ns = finished;
    }
  } else {
    for (Task& t : tasks) {
      Apply(t);
      if (halted_.load()) return true;  // as if killed: nothing more is recorded
      t.status = t.error ? TaskStatus::kFailed : TaskStatus::kSucceeded;
      t.finished_at_ns = WallClockNs();
    }
  }
  {
    MutexLock lock(mu_);
    processing_index_.reset();
  }
  // Stopping first leaves the batch processing: the restart runs it again.
  if (!RecordOutcomes(tasks)) return true;
  for (const Task& t : tasks) {
    if (t.payload_uuid) (void)files_.Remove(*t.payload_uuid);
  }
  if (Result<uint64_t> stored = tasks_.Count(); stored.ok() && *stored > kMaxStoredTasks) {
    (void)tasks_.DeleteOldestFinished(kMaxStoredTasks);
  }
  return true;
}

bool Scheduler::RecordOutcomes(const std::vector<Task>& tasks) {
  // A swap's history move commits with its outcome: a rerun after a kill
  // between the two would otherwise move the history twice.
  std::vector<index_mapper::IndexSwap> swapped;
  for (const Task& t : tasks) {
    if (t.kind != TaskKind::kIndexSwap || t.error) continue;
    for (index_mapper::IndexSwap& s : SwapsOf(t.details)) swapped.push_back(std::move(s));
  }
  for (;;) {
    if (tasks_.UpdateAll(tasks, swapped, tasks.front().uid).ok()) return true;
    MutexLock lock(mu_);
    if (stopping_) return false;
    wake_.wait_for(mu_, std::chrono::seconds(1));
    if (stopping_) return false;
  }
}

void Scheduler::Apply(Task& task) {
  switch (task.kind) {
    case TaskKind::kIndexCreation:
      return ApplyIndexCreation(task);
    case TaskKind::kIndexUpdate:
      return ApplyIndexUpdate(task);
    case TaskKind::kIndexDeletion:
      return ApplyIndexDeletion(task);
    case TaskKind::kDocumentAdditionOrUpdate:
    case TaskKind::kDocumentDeletion:
      return ApplyDocuments(task);
    case TaskKind::kSettingsUpdate:
      return ApplySettings(task);
    case TaskKind::kTaskCancelation:
      return ApplyTaskCancelation(task);
    case TaskKind::kTaskDeletion:
      return ApplyTaskDeletion(task);
    case TaskKind::kIndexSwap:
      return ApplyIndexSwap(task);
    case TaskKind::kDumpCreation:
      if (runners_.dump_creation) return runners_.dump_creation(task);
      break;
    case TaskKind::kSnapshotCreation:
      if (runners_.snapshot_creation) return runners_.snapshot_creation(task);
      break;
    default:
      break;
  }
  task.error = MakeError(
      "internal",
      "tasks of type `" + std::string(TaskKindName(task.kind)) + "` are not supported yet",
      "internal");
}

Status Scheduler::StartCatalogueChange(Task& task, boost::json::object details) {
  task.params[kCatalogueChange] = std::move(details);
  return tasks_.Update(task);
}

bool Scheduler::HaltAfterCommit() {
  if (!faults_.halt_after_next_commit.exchange(false)) return false;
  halted_.store(true);
  return true;
}

void Scheduler::ApplyIndexCreation(Task& task) {
  const std::string& uid = *task.index_uid;
  const std::optional<std::string> pk = StringParam(task.params, "primaryKey");
  task.details["primaryKey"] = OptionalString(pk);
  const bool exists = mapper_.Exists(uid);
  if (exists && CatalogueChangeStarted(task)) return;  // created before a restart
  if (!exists && index_mapper::IsValidIndexUid(uid)) {
    if (Status st = StartCatalogueChange(task, {}); !st.ok()) {
      return void(task.error = EnvironmentError(st));
    }
  }
  auto created = mapper_.CreateIndex(uid, pk);
  if (created.ok()) {
    (void)HaltAfterCommit();
    return;
  }
  const Status& st = created.status();
  if (st.code() == StatusCode::kAlreadyExists) {
    task.error = RequestError("index_already_exists", "Index `" + uid + "` already exists.");
  } else if (st.code() == StatusCode::kInvalidArgument) {
    task.error = RequestError("invalid_index_uid", st.message());
  } else {
    task.error = EnvironmentError(st);
  }
}

void Scheduler::ApplyIndexDeletion(Task& task) {
  const std::string& uid = *task.index_uid;
  auto meta = mapper_.GetIndex(uid);
  if (!meta.ok()) {
    if (meta.status().code() == StatusCode::kNotFound && CatalogueChangeStarted(task)) {
      // Deleted before a restart: the count recorded then.
      task.details["deletedDocuments"] = task.params.at(kCatalogueChange).at("deletedDocuments");
      return;
    }
    task.details["deletedDocuments"] = 0;
    task.error = meta.status().code() == StatusCode::kNotFound ? IndexNotFound(uid)
                                                               : EnvironmentError(meta.status());
    return;
  }
  task.details["deletedDocuments"] = meta->document_count;
  if (Status started = StartCatalogueChange(task, {{"deletedDocuments", meta->document_count}});
      !started.ok()) {
    return void(task.error = EnvironmentError(started));
  }
  room_.Forget(uid);
  Status st = mapper_.DeleteIndex(uid);
  if (st.ok() && HaltAfterCommit()) return;
  if (st.code() == StatusCode::kNotFound) {
    task.error = IndexNotFound(uid);
  } else if (!st.ok()) {
    task.error = EnvironmentError(st);
  }
}

void Scheduler::ApplyIndexUpdate(Task& task) {
  const std::string& uid = *task.index_uid;
  const std::optional<std::string> pk = StringParam(task.params, "primaryKey");
  const std::optional<std::string> new_uid = StringParam(task.params, "newUid");
  task.details["primaryKey"] = OptionalString(pk);
  if (new_uid) {
    task.details["oldIndexUid"] = uid;
    task.details["newIndexUid"] = *new_uid;
    // Renamed before a restart (and the primary key set before that).
    if (CatalogueChangeStarted(task) && !mapper_.Exists(uid) && mapper_.Exists(*new_uid)) return;
  }
  if (pk) {
    auto handle = mapper_.Acquire(uid);
    if (!handle.ok()) {
      task.error = handle.status().code() == StatusCode::kNotFound
                       ? IndexNotFound(uid)
                       : EnvironmentError(handle.status());
      return;
    }
    auto store = engine::DocumentStore::Open(
        [&](const std::string& name, bool create) { return handle->OpenDatabase(name, create); });
    if (!store.ok()) return void(task.error = EnvironmentError(store.status()));
    auto txn = handle->BeginWrite();
    if (!txn.ok()) return void(task.error = EnvironmentError(txn.status()));
    Status set = store->SetPrimaryKey(txn->txn(), *pk);
    if (!set.ok()) {
      task.error = FromEngine(set);
      if (set.IsRequestError()) {
        task.error->message = "Index `" + uid + "`: " + task.error->message;
      }
      return;
    }
    if (Status st = std::move(*txn).Commit(); !st.ok())
      return void(task.error = EnvironmentError(st));
    if (Status st = RecordStats(mapper_, *handle, *store, pk); !st.ok()) {
      return void(task.error = EnvironmentError(st));
    }
  }
  if (new_uid) {
    if (mapper_.Exists(uid) && !mapper_.Exists(*new_uid)) {
      if (Status started = StartCatalogueChange(task, {}); !started.ok()) {
        return void(task.error = EnvironmentError(started));
      }
    }
    room_.Forget(uid);
    Status st = mapper_.RenameIndex(uid, *new_uid);
    if (st.ok() && HaltAfterCommit()) return;
    if (st.code() == StatusCode::kNotFound) {
      task.error = IndexNotFound(uid);
    } else if (st.code() == StatusCode::kAlreadyExists) {
      task.error = RequestError("index_already_exists", "Index `" + *new_uid + "` already exists.");
    } else if (st.code() == StatusCode::kInvalidArgument) {
      task.error = RequestError("invalid_index_uid", st.message());
    } else if (!st.ok()) {
      task.error = EnvironmentError(st);
    }
  } else if (!pk && !mapper_.Exists(uid)) {
    task.error = IndexNotFound(uid);
  }
}

void Scheduler::ApplyIndexSwap(Task& task) {
  const std::vector<index_mapper::IndexSwap> swaps = SwapsOf(task.details);
  const auto uuid_of = [this](const std::string& uid) -> std::string {
    auto meta = mapper_.GetIndex(uid);
    return meta.ok() ? meta->uuid : std::string();
  };
  // What each named uid holds once swapped ("" for none): a run after a
  // restart that finds the catalogue so made the swap before the kill.
  if (CatalogueChangeStarted(task)) {
    bool done = true;
    for (const auto& [uid, uuid] : task.params.at(kCatalogueChange).at("uuids").as_object()) {
      done = done && uuid_of(std::string(uid)) == uuid.as_string();
    }
    if (done) return;
  }
  if (auto refusal =
          CheckSwapTargets(swaps, [this](const std::string& uid) { return mapper_.Exists(uid); })) {
    return void(task.error = RequestError(std::move(refusal->code), std::move(refusal->message)));
  }
  std::map<std::string, std::string> after;
  for (const index_mapper::IndexSwap& s : swaps) {
    for (const std::string& uid : {s.lhs, s.rhs}) after.try_emplace(uid, uuid_of(uid));
  }
  for (const index_mapper::IndexSwap& s : swaps) std::swap(after[s.lhs], after[s.rhs]);
  boost::json::object uuids;
  for (const auto& [uid, uuid] : after) uuids[uid] = uuid;
  if (Status st = StartCatalogueChange(task, {{"uuids", std::move(uuids)}}); !st.ok()) {
    return void(task.error = EnvironmentError(st));
  }
  for (const index_mapper::IndexSwap& s : swaps) {
    room_.Forget(s.lhs);
    room_.Forget(s.rhs);
  }
  Status st = mapper_.SwapIndexes(swaps);
  if (st.ok() && HaltAfterCommit()) return;
  if (!st.ok()) task.error = EnvironmentError(st);
}

void Scheduler::ApplyDocuments(Task& task) {
  const std::string& uid = *task.index_uid;
  const bool adding = task.kind == TaskKind::kDocumentAdditionOrUpdate;
  const std::optional<std::string> pk = StringParam(task.params, "primaryKey");

  // Parse before touching the index: a bad payload fails alone.
  std::vector<boost::json::object> documents;
  if (adding) {
    auto payload = files_.Read(task.payload_uuid.value_or(""));
    if (!payload.ok()) return void(task.error = EnvironmentError(payload.status()));
    char delimiter = ',';
    if (auto d = StringParam(task.params, "csvDelimiter"); d && d->size() == 1) delimiter = (*d)[0];
    auto parsed = engine::ParseDocuments(*payload, FormatParam(task.params), delimiter);
    if (!parsed.ok()) return void(task.error = FromEngine(parsed.status()));
    documents = std::move(parsed).value();
  }

  // Adding documents to a missing index creates it, as Meilisearch does, when
  // the key that sent them may create indexes.
  auto handle = AcquireIndex(uid, adding && AllowsIndexCreation(task.params), pk);
  if (auto* error = std::get_if<TaskError>(&handle)) return void(task.error = std::move(*error));
  const index_mapper::IndexHandle& index_handle = std::get<index_mapper::IndexHandle>(handle);
  auto index = OpenIndex(index_handle);
  if (!index.ok()) return void(task.error = EnvironmentError(index.status()));

  // Room for what the payload will become, as this index's past tasks taught.
  auto used_before = Prepare(index_handle, room_.Estimate(uid, task.payload_bytes));
  if (!used_before.ok()) return void(task.error = EnvironmentError(used_before.status()));
  const std::optional<storage::FreePages> free_before =
      adding ? FreeList(index_handle) : std::nullopt;
  uint64_t affected = 0;
  std::optional<std::string> primary_key;
  Status st = WriteIndex(index_handle, [&](storage::WriteTxn& txn) {
    Status result;
    if (adding) {
      auto outcome = index->AddDocuments(txn, documents, pk, AddModeOf(task));
      result = outcome.status();
      if (outcome.ok()) {
        affected = outcome->indexed_documents;
        primary_key = outcome->primary_key;
      }
    } else if (const boost::json::value* filter = task.params.if_contains("filter")) {
      auto deleted = index->DeleteByFilter(txn, uid, *filter);
      result = deleted.status();
      if (deleted.ok()) affected = *deleted;
    } else if (task.params.if_contains("all") != nullptr) {
      auto deleted = index->Clear(txn);
      result = deleted.status();
      if (deleted.ok()) affected = *deleted;
    } else {
      auto deleted = index->DeleteDocuments(txn, DeletionIds(task));
      result = deleted.status();
      if (deleted.ok()) affected = *deleted;
    }
    return result;
  });
  if (halted_.load()) return;
  if (!st.ok()) return void(task.error = FromEngine(st));
  if (adding) {
    task.details["indexedDocuments"] = affected;
    if (auto used_after = index_handle.Usage(); used_after.ok()) {
      // What it wrote: the file's growth plus the free pages it reused, which the
      // next task may not find.
      const uint64_t grown =
          used_after->used_bytes - std::min(used_after->used_bytes, *used_before);
      const uint64_t reused =
          ReusedBytes(free_before, FreeList(index_handle), used_after->page_size);
      room_.Observe(uid, task.payload_bytes, grown + reused);
    }
  } else {
    task.details["deletedDocuments"] = affected;
  }
  if (Status stats = RecordStats(mapper_, index_handle, index->store(), primary_key); !stats.ok()) {
    task.error = EnvironmentError(stats);
  }
}

bool Scheduler::ApplyDocumentBatch(std::vector<Task>& tasks) {
  const auto batchable = [](const Task& t) {
    if (t.kind == TaskKind::kDocumentAdditionOrUpdate) return true;
    return t.kind == TaskKind::kDocumentDeletion && t.params.contains("ids") &&
           !t.params.contains("filter") && !t.params.contains("all");
  };
  if (tasks.empty() || !tasks.front().index_uid ||
      !std::all_of(tasks.begin(), tasks.end(), batchable)) {
    return false;
  }
  const std::string& uid = *tasks.front().index_uid;
  // A missing index is created by the first task that may create it: task by task.
  auto acquired = mapper_.Acquire(uid);
  if (!acquired.ok()) return false;
  const index_mapper::IndexHandle& handle = *acquired;
  auto fail_all = [&](const TaskError& error) {
    for (Task& t : tasks) t.error = error;
    return true;
  };
  auto index = OpenIndex(handle);
  if (!index.ok()) return fail_all(EnvironmentError(index.status()));

  uint64_t payload_bytes = 0;
  for (const Task& t : tasks) payload_bytes += t.payload_bytes;
  auto used_before = Prepare(handle, room_.Estimate(uid, payload_bytes));
  if (!used_before.ok()) return fail_all(EnvironmentError(used_before.status()));
  const std::optional<storage::FreePages> free_before = FreeList(handle);

  // Per task: its own failure, or how many documents it indexed or deleted.
  // Filled by the write, which runs again after MDB_MAP_FULL.
  std::vector<std::optional<TaskError>> errors;
  std::vector<uint64_t> affected;
  std::optional<std::string> primary_key;
  Status st = WriteIndex(handle, [&](storage::WriteTxn& txn) -> Status {
    errors.assign(tasks.size(), std::nullopt);
    affected.assign(tasks.size(), 0);
    primary_key.reset();
    MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<engine::DocumentBatch> batch,
                            index->BeginDocumentBatch(txn));
    // The next addition's payload is read and parsed on another thread while
    // this one is indexed (parsing is a tenth of the work): at most two
    // payloads' documents are in memory.
    std::future<ParsedPayload> next;
    size_t next_index = tasks.size();
    const auto Prefetch = [&](size_t from) {
      next_index = from;
      while (next_index < tasks.size() &&
             tasks[next_index].kind != TaskKind::kDocumentAdditionOrUpdate) {
        ++next_index;
      }
      if (next_index == tasks.size()) return;
      try {
        next = std::async(std::launch::async,
                          [this, &t = tasks[next_index]] { return ParsePayload(files_, t); });
      } catch (const std::system_error&) {
        next = {};  // no thread: parsed in turn
      }
    };
    Prefetch(0);
    for (size_t i = 0; i < tasks.size(); ++i) {
      const Task& task = tasks[i];
      if (task.kind == TaskKind::kDocumentDeletion) {
        MYRIAD_ASSIGN_OR_RETURN(affected[i], batch->DeleteDocuments(DeletionIds(task)));
        continue;
      }
      ParsedPayload parsed =
          i == next_index && next.valid() ? next.get() : ParsePayload(files_, task);
      Prefetch(i + 1);
      if (TaskError* error = std::get_if<TaskError>(&parsed)) {
        errors[i] = std::move(*error);
        continue;
      }
      auto outcome = batch->AddDocuments(std::get<Documents>(std::move(parsed)),
                                         StringParam(task.params, "primaryKey"), AddModeOf(task));
      if (!outcome.ok()) {
        if (!outcome.status().IsRequestError()) return outcome.status();
        errors[i] = FromEngine(outcome.status());  // it wrote nothing (DocumentBatch)
        continue;
      }
      affected[i] = outcome->indexed_documents;
      primary_key = outcome->primary_key;
    }
    return batch->Finish();
  });
  if (halted_.load()) return true;
  if (!st.ok()) return fail_all(FromEngine(st));
  for (size_t i = 0; i < tasks.size(); ++i) {
    Task& task = tasks[i];
    if (errors[i]) {
      task.error = std::move(errors[i]);
    } else if (task.kind == TaskKind::kDocumentAdditionOrUpdate) {
      task.details["indexedDocuments"] = affected[i];
    } else {
      task.details["deletedDocuments"] = affected[i];
    }
  }
  if (auto used_after = handle.Usage(); used_after.ok()) {
    const uint64_t grown = used_after->used_bytes - std::min(used_after->used_bytes, *used_before);
    const uint64_t reused = ReusedBytes(free_before, FreeList(handle), used_after->page_size);
    room_.Observe(uid, payload_bytes, grown + reused);
  }
  // As task by task: only a task that succeeded updates the registry (and the
  // index's updatedAt).
  if (std::any_of(tasks.begin(), tasks.end(), [](const Task& t) { return !t.error; })) {
    if (Status stats = RecordStats(mapper_, handle, index->store(), primary_key); !stats.ok()) {
      for (Task& t : tasks) {
        if (!t.error) t.error = EnvironmentError(stats);
      }
    }
  }
  return true;
}

void Scheduler::ApplySettings(Task& task) {
  const std::string& uid = *task.index_uid;
  const boost::json::value* body = task.params.if_contains("settings");
  auto patch = settings::ParseSettingsPatch(body != nullptr ? *body : boost::json::object());
  if (auto* error = std::get_if<settings::SettingsError>(&patch)) {
    return void(task.error = RequestError(error->code, error->message));
  }
  // Updating the settings of a missing index creates it, as Meilisearch does,
  // when the key that sent them may create indexes.
  auto handle = AcquireIndex(uid, AllowsIndexCreation(task.params), std::nullopt);
  if (auto* error = std::get_if<TaskError>(&handle)) return void(task.error = std::move(*error));
  const index_mapper::IndexHandle& index_handle = std::get<index_mapper::IndexHandle>(handle);
  auto index = OpenIndex(index_handle);
  if (!index.ok()) return void(task.error = EnvironmentError(index.status()));
  // A reindex rewrites the search structures: room for as much as the index holds.
  auto used = Prepare(index_handle, 0);
  if (!used.ok()) return void(task.error = EnvironmentError(used.status()));
  if (auto grown = Prepare(index_handle, *used + RoomEstimator::kFixedBytes); !grown.ok()) {
    return void(task.error = EnvironmentError(grown.status()));
  }
  Status st = WriteIndex(index_handle, [&](storage::WriteTxn& txn) {
    return index->UpdateSettings(txn, std::get<settings::SettingsPatch>(patch));
  });
  if (halted_.load()) return;
  if (!st.ok()) task.error = FromEngine(st);
}

std::variant<index_mapper::IndexHandle, TaskError> Scheduler::AcquireIndex(
    const std::string& uid, bool create, const std::optional<std::string>& primary_key) {
  auto handle = mapper_.Acquire(uid);
  if (!handle.ok() && handle.status().code() == StatusCode::kNotFound && create) {
    auto created = mapper_.CreateIndex(uid, primary_key);
    if (!created.ok() && created.status().code() != StatusCode::kAlreadyExists) {
      return created.status().code() == StatusCode::kInvalidArgument
                 ? RequestError("invalid_index_uid", created.status().message())
                 : EnvironmentError(created.status());
    }
    handle = mapper_.Acquire(uid);
  }
  if (!handle.ok()) {
    return handle.status().code() == StatusCode::kNotFound ? IndexNotFound(uid)
                                                           : EnvironmentError(handle.status());
  }
  return std::move(handle).value();
}

Result<engine::Index> Scheduler::OpenIndex(const index_mapper::IndexHandle& handle) {
  MYRIAD_RETURN_IF_ERROR(handle.CreateDatabases(engine::Index::DatabaseNames()));
  return engine::Index::Open(
      [&](const std::string& name, bool create) { return handle.OpenDatabase(name, create); });
}

Result<uint64_t> Scheduler::Prepare(const index_mapper::IndexHandle& handle, uint64_t room) {
  if (room > 0 && !faults_.skip_room.load()) {
    MYRIAD_RETURN_IF_ERROR(mapper_.EnsureRoom(handle, room));
  }
  MYRIAD_ASSIGN_OR_RETURN(storage::EnvUsage usage, handle.Usage());
  return usage.used_bytes;
}

Status Scheduler::WriteIndex(const index_mapper::IndexHandle& handle,
                             const std::function<Status(storage::WriteTxn&)>& write) {
  for (;;) {
    auto txn = handle.BeginWrite();
    if (!txn.ok()) return txn.status();
    Status st = write(txn->txn());
    Status committed = st;
    if (st.ok()) {
      committed = faults_.fail_next_commit.exchange(false)
                      ? Status::IoError("injected fault: the index commit failed")
                      : std::move(*txn).Commit();
      if (committed.ok() && faults_.halt_after_next_commit.exchange(false)) {
        halted_.store(true);
        return committed;
      }
    }
    if (committed.code() == StatusCode::kMapFull) {
      // The room asked for fell short: grow and replay, and count it.
      replays_.fetch_add(1);
      { auto drop = std::move(*txn); }
      MYRIAD_RETURN_IF_ERROR(mapper_.GrowAfterMapFull(handle));
      continue;
    }
    if (!st.ok()) return st;
    return committed;
  }
}

void Scheduler::ApplyTaskCancelation(Task& task) {
  std::vector<Task> canceled;
  for (uint32_t uid : UidsParam(task.params)) {
    auto t = tasks_.Get(uid);
    // Only what has not started can be canceled: the batch in progress is this one.
    if (!t.ok() || t->status != TaskStatus::kEnqueued) continue;
    t->status = TaskStatus::kCanceled;
    t->canceled_by = task.uid;
    t->finished_at_ns = WallClockNs();
    canceled.push_back(std::move(*t));
  }
  if (Status st = tasks_.UpdateAll(canceled); !st.ok()) {
    return void(task.error = EnvironmentError(st));
  }
  for (const Task& t : canceled) {
    if (t.payload_uuid) (void)files_.Remove(*t.payload_uuid);
  }
  task.details["canceledTasks"] = canceled.size();
}

void Scheduler::ApplyTaskDeletion(Task& task) {
  auto deleted = tasks_.Delete(UidsParam(task.params));
  if (!deleted.ok()) return void(task.error = EnvironmentError(deleted.status()));
  task.details["deletedTasks"] = *deleted;
}

}  // namespace myriad::scheduler
