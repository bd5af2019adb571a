#include "http/global_stats.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <string_view>

#include "http/error_table.h"
#include "http/index_stats_json.h"
#include "util/rfc3339.h"

namespace myriad::http {
namespace {

using index_mapper::IndexMetaView;

// The head (sizes, last update), known only once every index is read, goes
// into room left at the front of the body, right-aligned: what it does not
// fill stays as leading whitespace. So the 35 MB body is written once, in
// place, never moved to make room for it.
constexpr size_t kHeadRoom = 192;

// Returns how many bytes the body grew by: 0 unless the head outgrew its room
// (it takes about 140 bytes at most), and then the fragments moved by that.
size_t WriteHead(std::string& body, uint64_t database_bytes, std::optional<int64_t> last_update) {
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
    return 0;
  }
  body.replace(0, kHeadRoom, head);
  return head.size() - kHeadRoom;
}

// The uid of the fragment at `begin` of `body`: valid uids need no escape.
std::string_view UidAt(const std::string& body, size_t begin) {
  const size_t end = body.find('"', begin + 1);
  return std::string_view(body).substr(begin + 1, end - begin - 1);
}

Response Shared(std::shared_ptr<const std::string> body) {
  Response r;
  r.shared_body = std::move(body);
  return r;
}

}  // namespace

std::shared_ptr<const GlobalStats::Snapshot> GlobalStats::Current() const {
  MutexLock lock(mu_);
  return snapshot_;
}

Response GlobalStats::Answer(const Request& req) {
  if (!req.SeesEveryIndex()) {
    ++walks_;
    Result<std::string> body = Walk(req, indexing_(), nullptr);
    if (!body.ok()) return StatusResponse(body.status(), "internal");
    return Response{200, std::move(*body)};
  }
  // Read before any record: if it has not moved, nothing read since has changed.
  uint64_t generation = mapper_.CatalogueGeneration();
  std::optional<std::string> indexing = indexing_();
  std::shared_ptr<const Snapshot> last = Current();
  if (last && last->generation == generation && last->indexing == indexing) {
    ++hits_;
    return Shared(last->body);
  }
  MutexLock build(build_mu_);
  // Another request may have built what this one needs while it waited.
  generation = mapper_.CatalogueGeneration();
  indexing = indexing_();
  last = Current();
  if (last && last->generation == generation && last->indexing == indexing) {
    ++hits_;
    return Shared(last->body);
  }
  std::shared_ptr<const Snapshot> next;
  if (last) {
    Result<std::shared_ptr<const Snapshot>> patched = Patch(*last, generation, indexing);
    if (!patched.ok()) return StatusResponse(patched.status(), "internal");
    next = std::move(*patched);
    if (next) ++patches_;
  }
  if (!next) {
    ++walks_;
    auto walked = std::make_shared<Snapshot>();
    walked->generation = generation;
    walked->indexing = indexing;
    Result<std::string> body = Walk(req, indexing, &walked->entries);
    if (!body.ok()) return StatusResponse(body.status(), "internal");
    walked->body = std::make_shared<const std::string>(std::move(*body));
    next = std::move(walked);
  }
  {
    MutexLock lock(mu_);
    snapshot_ = next;
  }
  return Shared(next->body);
}

Result<std::string> GlobalStats::Walk(const Request& req,
                                      const std::optional<std::string>& indexing,
                                      std::vector<Entry>* entries) const {
  uint64_t database_bytes = 0;
  std::optional<int64_t> last_update;
  std::string body(kHeadRoom, ' ');
  // Every regrowth of a 35 MB string is a fresh mmap to fault in; untouched
  // reserved pages cost nothing, so the guess is generous.
  if (Result<uint64_t> count = mapper_.CountIndexes(); count.ok()) {
    body.reserve(*count * 1024);
    if (entries) entries->reserve(*count);
  }
  body += '{';
  const Status st = mapper_.ForEachIndex([&](const IndexMetaView& m) {
    // The database size stays global, as Meilisearch's; only the indexes are filtered.
    database_bytes += m.used_bytes;
    if (!req.MaySee(m.uid)) return;
    last_update = std::max(last_update.value_or(m.updated_at_ns), m.updated_at_ns);
    if (body.size() > kHeadRoom + 1) body += ',';
    const size_t begin = body.size();
    AppendJsonString(body, m.uid);
    body += ':';
    AppendIndexStats(body, m, indexing);
    if (entries) entries->push_back(Entry{begin, body.size(), m.used_bytes, m.updated_at_ns});
  });
  if (!st.ok()) return st;
  body += "}}";
  if (const size_t moved = WriteHead(body, database_bytes, last_update); moved && entries) {
    for (Entry& e : *entries) {
      e.begin += moved;
      e.end += moved;
    }
  }
  return body;
}

Result<std::shared_ptr<const GlobalStats::Snapshot>> GlobalStats::Patch(
    const Snapshot& last, uint64_t generation, const std::optional<std::string>& indexing) const {
  std::optional<std::vector<std::string>> changed =
      mapper_.CatalogueChangedSince(last.generation, generation);
  if (!changed) return std::shared_ptr<const Snapshot>();
  if (indexing != last.indexing) {
    // Their isIndexing flips. A uid that is not valid names no index.
    for (const auto* uid : {&last.indexing, &indexing}) {
      if (*uid && index_mapper::IsValidIndexUid(**uid)) changed->push_back(**uid);
    }
    std::sort(changed->begin(), changed->end());
    changed->erase(std::unique(changed->begin(), changed->end()), changed->end());
  }
  if (changed->size() > max_patched_) return std::shared_ptr<const Snapshot>();

  // The changed records read again, in one transaction: the fragments of those
  // that exist, in `fresh`, in uid order.
  std::string fresh;
  std::vector<std::optional<Entry>> records;
  records.reserve(changed->size());
  MYRIAD_RETURN_IF_ERROR(
      mapper_.ForEachIndexOf(*changed, [&](const std::string&, const IndexMetaView* m) {
        if (!m) {
          records.emplace_back();
          return;
        }
        const size_t begin = fresh.size();
        AppendJsonString(fresh, m->uid);
        fresh += ':';
        AppendIndexStats(fresh, *m, indexing);
        records.push_back(Entry{begin, fresh.size(), m->used_bytes, m->updated_at_ns});
      }));

  // The new body as pieces in order: runs of unchanged entries of the old
  // body (with the commas between them), and the fresh fragments. Entries
  // keep their offsets in their piece's source until the body is written.
  const std::string& old = *last.body;
  struct Piece {
    const std::string* source;
    size_t begin, end;              // in source
    size_t first_entry, end_entry;  // the entries it holds
  };
  std::vector<Piece> pieces;
  auto next = std::make_shared<Snapshot>();
  next->generation = generation;
  next->indexing = indexing;
  std::vector<Entry>& entries = next->entries;
  entries.reserve(last.entries.size() + changed->size());
  size_t kept = 0;  // the old entries before it are placed
  const auto keep_until = [&](size_t to) {
    if (to == kept) return;
    pieces.push_back(Piece{&old, last.entries[kept].begin, last.entries[to - 1].end, entries.size(),
                           entries.size() + (to - kept)});
    entries.insert(entries.end(), last.entries.begin() + kept, last.entries.begin() + to);
    kept = to;
  };
  for (size_t k = 0; k < changed->size(); ++k) {
    const std::string_view uid = (*changed)[k];
    const auto at = std::lower_bound(
        last.entries.begin() + kept, last.entries.end(), uid,
        [&old](const Entry& e, std::string_view u) { return UidAt(old, e.begin) < u; });
    keep_until(at - last.entries.begin());
    if (at != last.entries.end() && UidAt(old, at->begin) == uid) ++kept;  // replaced or deleted
    if (const std::optional<Entry>& record = records[k]) {
      pieces.push_back(
          Piece{&fresh, record->begin, record->end, entries.size(), entries.size() + 1});
      entries.push_back(*record);
    }
  }
  keep_until(last.entries.size());

  uint64_t database_bytes = 0;
  std::optional<int64_t> last_update;
  size_t size = kHeadRoom + 1 + 2;
  for (const Entry& e : entries) {
    database_bytes += e.used_bytes;
    last_update = std::max(last_update.value_or(e.updated_at_ns), e.updated_at_ns);
  }
  for (const Piece& p : pieces) size += p.end - p.begin + 1;
  std::string body;
  body.reserve(size);
  body.assign(kHeadRoom, ' ');
  body += '{';
  for (const Piece& p : pieces) {
    if (&p != pieces.data()) body += ',';
    const size_t at = body.size();
    body.append(*p.source, p.begin, p.end - p.begin);
    for (size_t e = p.first_entry; e < p.end_entry; ++e) {
      entries[e].begin = entries[e].begin - p.begin + at;
      entries[e].end = entries[e].end - p.begin + at;
    }
  }
  body += "}}";
  if (const size_t moved = WriteHead(body, database_bytes, last_update); moved) {
    for (Entry& e : entries) {
      e.begin += moved;
      e.end += moved;
    }
  }
  next->body = std::make_shared<const std::string>(std::move(body));
  return std::shared_ptr<const Snapshot>(std::move(next));
}

}  // namespace myriad::http
