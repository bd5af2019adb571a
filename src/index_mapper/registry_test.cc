#include "index_mapper/registry.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index_mapper/index_meta.h"
#include "storage/storage_test_util.h"

namespace myriad::index_mapper {
namespace {

using myriad::testing::TempDir;

IndexMeta Meta(const std::string& uid) {
  IndexMeta m;
  m.uid = uid;
  m.uuid = NewUuid();
  m.primary_key = "id";
  m.created_at_ns = 1;
  m.updated_at_ns = 2;
  return m;
}

TEST(Registry, CreateGetListRenameDeleteSurviveReopen) {
  TempDir dir;
  IndexMeta movies = Meta("movies");
  {
    auto reg = Registry::Open(dir.Sub("registry"), true);
    ASSERT_TRUE(reg.ok());
    ASSERT_TRUE((*reg)->Create(movies).ok());
    ASSERT_TRUE((*reg)->Create(Meta("books")).ok());
    ASSERT_TRUE((*reg)->Create(Meta("zines")).ok());
    EXPECT_EQ((*reg)->Create(Meta("books")).code(), StatusCode::kAlreadyExists);
    ASSERT_TRUE((*reg)->Rename("zines", "art", 5).ok());
    EXPECT_EQ((*reg)->Rename("zines", "x", 5).code(), StatusCode::kNotFound);
    EXPECT_EQ((*reg)->Rename("art", "books", 5).code(), StatusCode::kAlreadyExists);
    ASSERT_TRUE((*reg)->Delete("books").ok());
    EXPECT_EQ((*reg)->Delete("books").code(), StatusCode::kNotFound);
  }
  auto reg = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(reg.ok());
  auto got = (*reg)->Get("movies");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, movies);
  auto list = (*reg)->List(0, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].uid, "art");
  EXPECT_EQ((*list)[0].updated_at_ns, 5);
  EXPECT_EQ((*list)[1].uid, "movies");
  EXPECT_EQ((*reg)->List(1, 10)->size(), 1u);
  EXPECT_EQ((*reg)->List(0, 1)->size(), 1u);
  EXPECT_EQ(*(*reg)->Count(), 2u);
}

TEST(Registry, SwapsInOrderAllOrNothing) {
  TempDir dir;
  auto reg = std::move(Registry::Open(dir.Sub("registry"), true)).value();
  const IndexMeta a = Meta("a"), b = Meta("b"), c = Meta("c");
  for (const IndexMeta& m : {a, b, c}) ASSERT_TRUE(reg->Create(m).ok());
  // b's record goes to a, a's to b, then (in order) the new b's — a's — to d.
  ASSERT_TRUE(reg->Swap({{"a", "b", false}, {"b", "d", true}}, 7).ok());
  EXPECT_EQ(reg->Get("a")->uuid, b.uuid);
  EXPECT_EQ(reg->Get("d")->uuid, a.uuid);
  EXPECT_EQ(reg->Get("d")->uid, "d");
  EXPECT_EQ(reg->Get("d")->updated_at_ns, 7);
  EXPECT_EQ(reg->Get("b").status().code(), StatusCode::kNotFound);
  // A failing step undoes the steps before it.
  EXPECT_EQ(reg->Swap({{"a", "c", false}, {"x", "c", false}}, 8).code(), StatusCode::kNotFound);
  EXPECT_EQ(reg->Swap({{"a", "c", false}, {"d", "c", true}}, 8).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(reg->Get("a")->uuid, b.uuid);
  EXPECT_EQ(reg->Get("c")->uuid, c.uuid);
  EXPECT_EQ(*reg->Count(), 3u);
}

TEST(Registry, GrowsItsOwnMapInsteadOfRefusing) {
  TempDir dir;
  auto reg = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(reg.ok());
  // ~100 MiB of primary keys: more than the initial 64 MiB map.
  IndexMeta meta = Meta("big");
  meta.primary_key = std::string(1 << 20, 'k');
  for (int i = 0; i < 100; ++i) {
    meta.uid = "big" + std::to_string(i);
    ASSERT_TRUE((*reg)->Create(meta).ok()) << i;
  }
  EXPECT_EQ(*(*reg)->Count(), 100u);
  EXPECT_EQ((*reg)->Get("big99")->primary_key->size(), size_t{1} << 20);
}

using Uids = std::optional<std::vector<std::string>>;

TEST(Registry, ChangedSinceNamesTheUidsEachWriteTouched) {
  TempDir dir;
  auto opened = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(opened.ok());
  Registry& reg = **opened;
  EXPECT_EQ(reg.Generation(), 0u);
  EXPECT_EQ(reg.ChangedSince(0, 0), Uids(std::vector<std::string>{}));

  ASSERT_TRUE(reg.Create(Meta("c")).ok());
  ASSERT_TRUE(reg.Create(Meta("a")).ok());
  ASSERT_TRUE(reg.Create(Meta("b")).ok());
  const uint64_t created = reg.Generation();
  EXPECT_EQ(created, 3u);
  EXPECT_EQ(reg.ChangedSince(0, created), Uids({"a", "b", "c"}));
  EXPECT_EQ(reg.ChangedSince(1, created), Uids({"a", "b"}));
  EXPECT_EQ(reg.ChangedSince(1, 2), Uids({"a"}));

  IndexMeta b = *reg.Get("b");
  b.document_count = 7;
  ASSERT_TRUE(reg.Update(b).ok());
  EXPECT_EQ(reg.ChangedSince(created, reg.Generation()), Uids({"b"}));
  const uint64_t updated = reg.Generation();
  ASSERT_TRUE(reg.Delete("a").ok());
  EXPECT_EQ(reg.ChangedSince(updated, reg.Generation()), Uids({"a"}));
  const uint64_t deleted = reg.Generation();
  ASSERT_TRUE(reg.Rename("c", "d", 9).ok());
  EXPECT_EQ(reg.ChangedSince(deleted, reg.Generation()), Uids({"c", "d"}));
  // A write that fails is logged too: a reader re-reads for nothing, never misses one.
  const uint64_t renamed = reg.Generation();
  EXPECT_EQ(reg.Create(Meta("b")).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(reg.ChangedSince(renamed, reg.Generation()), Uids({"b"}));
  // Deduplicated and sorted across writes.
  EXPECT_EQ(reg.ChangedSince(created, reg.Generation()), Uids({"a", "b", "c", "d"}));
  EXPECT_EQ(reg.ChangedSince(reg.Generation(), reg.Generation()), Uids(std::vector<std::string>{}));
  // Not a window of writes that happened.
  EXPECT_EQ(reg.ChangedSince(2, 1), std::nullopt);
  EXPECT_EQ(reg.ChangedSince(0, reg.Generation() + 1), std::nullopt);
}

TEST(Registry, ChangedSinceIsNulloptOnceTheLogIsTrimmedPastIt) {
  TempDir dir;
  auto opened = Registry::Open(dir.Sub("registry"), true, /*change_log_entries=*/4);
  ASSERT_TRUE(opened.ok());
  Registry& reg = **opened;
  for (const char* uid : {"a", "b", "c", "d"}) ASSERT_TRUE(reg.Create(Meta(uid)).ok());
  EXPECT_EQ(reg.ChangedSince(0, 4), Uids({"a", "b", "c", "d"}));
  ASSERT_TRUE(reg.Create(Meta("e")).ok());
  ASSERT_TRUE(reg.Create(Meta("f")).ok());
  // Writes 1 and 2 were dropped: since 0 or 1 cannot be answered.
  EXPECT_EQ(reg.ChangedSince(0, 6), std::nullopt);
  EXPECT_EQ(reg.ChangedSince(1, 6), std::nullopt);
  EXPECT_EQ(reg.ChangedSince(1, 3), std::nullopt);
  EXPECT_EQ(reg.ChangedSince(2, 6), Uids({"c", "d", "e", "f"}));
  EXPECT_EQ(reg.ChangedSince(5, 6), Uids({"f"}));
}

TEST(Registry, ForEachOfReadsTheNamedRecords) {
  TempDir dir;
  auto opened = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(opened.ok());
  Registry& reg = **opened;
  IndexMeta b = Meta("b");
  b.document_count = 3;
  ASSERT_TRUE(reg.Create(b).ok());
  std::vector<std::pair<std::string, std::optional<uint64_t>>> seen;
  ASSERT_TRUE(reg.ForEachOf({"a", "b"},
                            [&](const std::string& uid, const IndexMetaView* m) {
                              EXPECT_TRUE(m == nullptr || m->uid == uid);
                              seen.emplace_back(
                                  uid, m ? std::optional(m->document_count) : std::nullopt);
                            })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::optional<uint64_t>>>{{"a", std::nullopt},
                                                                                {"b", 3}}));
}

TEST(Registry, CatchingUpThroughChangedSinceMissesNoConcurrentWrite) {
  TempDir dir;
  auto opened = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(opened.ok());
  Registry& reg = **opened;
  // A reader keeps a copy of the catalogue (uid -> document count) up to date
  // the way GET /stats does: generation first, then the changed records.
  std::map<std::string, uint64_t> copy;
  uint64_t seen = 0;
  const auto catch_up = [&] {
    const uint64_t now = reg.Generation();
    const Uids changed = reg.ChangedSince(seen, now);
    ASSERT_TRUE(changed);
    ASSERT_TRUE(reg.ForEachOf(*changed,
                              [&](const std::string& uid, const IndexMetaView* m) {
                                if (m) {
                                  copy[uid] = m->document_count;
                                } else {
                                  copy.erase(uid);
                                }
                              })
                    .ok());
    seen = now;
  };
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&reg, w] {
      for (int i = 0; i < 100; ++i) {
        const std::string uid = "w" + std::to_string(w) + "-" + std::to_string(i % 20);
        if (reg.Get(uid).ok()) {
          if (i % 3 == 0) {
            EXPECT_TRUE(reg.Delete(uid).ok());
          } else {
            IndexMeta m = *reg.Get(uid);
            ++m.document_count;
            EXPECT_TRUE(reg.Update(m).ok());
          }
        } else {
          EXPECT_TRUE(reg.Create(Meta(uid)).ok());
        }
        if (i % 7 == 0) {
          const std::string to = uid + "-r";
          if (reg.Rename(uid, to, 1).ok()) {
            EXPECT_TRUE(reg.Rename(to, uid, 1).ok());
          }
        }
      }
    });
  }
  std::thread reader([&] {
    for (int i = 0; i < 200; ++i) catch_up();
  });
  for (std::thread& t : writers) t.join();
  reader.join();
  catch_up();
  std::map<std::string, uint64_t> truth;
  ASSERT_TRUE(
      reg.ForEach([&](const IndexMetaView& m) { truth[std::string(m.uid)] = m.document_count; })
          .ok());
  EXPECT_FALSE(truth.empty());
  EXPECT_EQ(copy, truth);
}

TEST(IndexMeta, CodecRoundTripsAndRejectsGarbage) {
  IndexMeta m = Meta("a");
  m.primary_key.reset();
  m.document_count = 12345;
  m.field_distribution = {{"id", 12345}, {"title", 7}};
  m.used_bytes = 1 << 30;
  auto back = DecodeIndexMeta("a", EncodeIndexMeta(m));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, m);
  std::string bytes = EncodeIndexMeta(m);
  EXPECT_EQ(DecodeIndexMeta("a", bytes.substr(0, bytes.size() - 1)).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(DecodeIndexMeta("a", "").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(DecodeIndexMeta("a", bytes + "x").status().code(), StatusCode::kCorruption);
  // A field count beyond the fields written: the low byte of the u32 count,
  // before "id" and "title" (each a u32 length, the name, a u64 count).
  std::string more_fields = bytes;
  more_fields[bytes.size() - (4 + 2 + 8) - (4 + 5 + 8) - 1] = 3;
  EXPECT_EQ(DecodeIndexMeta("a", more_fields).status().code(), StatusCode::kCorruption);
}

TEST(IndexMeta, AViewReadsTheRecordInPlace) {
  IndexMeta m = Meta("a");
  m.field_distribution = {{"id", 3}, {"title", 2}};
  const std::string bytes = EncodeIndexMeta(m);
  auto view = IndexMetaView::Parse("a", bytes);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->uuid, m.uuid);
  EXPECT_GE(view->uuid.data(), bytes.data());
  EXPECT_LT(view->uuid.data(), bytes.data() + bytes.size());
  std::vector<std::pair<std::string, uint64_t>> fields;
  view->ForEachField([&](std::string_view f, uint64_t n) { fields.emplace_back(f, n); });
  EXPECT_EQ(fields, (std::vector<std::pair<std::string, uint64_t>>{{"id", 3}, {"title", 2}}));
  EXPECT_EQ(view->ToMeta(), m);
}

TEST(IndexMeta, UidAndUuidValidation) {
  EXPECT_TRUE(IsValidIndexUid("movies_2-b"));
  EXPECT_TRUE(IsValidIndexUid(std::string(400, 'a')));
  for (const std::string& bad : {std::string(), std::string(401, 'a'), std::string("../etc"),
                                 std::string("a b"), std::string("é"), std::string("a/b")}) {
    EXPECT_FALSE(IsValidIndexUid(bad)) << bad;
  }
  const std::string u = NewUuid();
  EXPECT_TRUE(IsValidUuid(u)) << u;
  EXPECT_NE(u, NewUuid());
  EXPECT_EQ(u[14], '4');
  EXPECT_FALSE(IsValidUuid("../../../../etc/passwd-0000000000000"));
}

}  // namespace
}  // namespace myriad::index_mapper
