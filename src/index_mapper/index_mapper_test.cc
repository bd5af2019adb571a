#include "index_mapper/index_mapper.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <thread>

#include "index_mapper/index_mapper_test_util.h"
#include "index_mapper/map_sizing.h"

namespace myriad::index_mapper {
namespace {

using testing::CountIndexDirs;
using testing::kSmallEnvCharge;
using testing::OpenMapper;
using testing::ReadValueSize;
using testing::SmallBudget;
using testing::TempDir;
using testing::WriteValues;

TEST(IndexMapper, CatalogueOperationsNeverOpenAnEnv) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(mapper->CreateIndex("idx" + std::to_string(i), "id").ok());
  }
  EXPECT_EQ(mapper->CreateIndex("idx3").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(mapper->CreateIndex("bad/uid").status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(mapper->RenameIndex("idx0", "first").ok());
  EXPECT_EQ(mapper->RenameIndex("first", "no/slash").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(mapper->DeleteIndex("idx1").ok());
  EXPECT_EQ(mapper->DeleteIndex("idx1").code(), StatusCode::kNotFound);
  EXPECT_EQ(*mapper->CountIndexes(), 49u);
  auto page = mapper->ListIndexes(0, 5);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->size(), 5u);
  EXPECT_EQ(mapper->GetIndex("first")->primary_key, "id");
  EXPECT_EQ(mapper->Stats().open_envs, 0u);
  EXPECT_EQ(mapper->Stats().misses, 0u);
  EXPECT_EQ(CountIndexDirs(dir.path()), 0u);
}

TEST(IndexMapper, CatalogueSurvivesRestart) {
  TempDir dir;
  {
    auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
    ASSERT_TRUE(mapper->CreateIndex("movies").ok());
    auto h = mapper->Acquire("movies");
    ASSERT_TRUE(h.ok());
    ASSERT_TRUE(WriteValues(*mapper, *h, 0, 10, 100).ok());
  }
  auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
  auto h = mapper->Acquire("movies");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(*ReadValueSize(*h, 9), 100u);
  EXPECT_EQ(mapper->Acquire("absent").status().code(), StatusCode::kNotFound);
}

TEST(IndexMapper, MapsAreSizedToTheirData) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB));
  ASSERT_TRUE(mapper->CreateIndex("small").ok());
  ASSERT_TRUE(mapper->CreateIndex("big").ok());
  {
    auto small = mapper->Acquire("small");
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small->Usage()->map_size, kMinMapBytes);
    auto big = mapper->Acquire("big");
    ASSERT_TRUE(big.ok());
    ASSERT_TRUE(mapper->EnsureRoom(*big, 200 * kMiB).ok());
    ASSERT_TRUE(WriteValues(*mapper, *big, 0, 2000, 4000).ok());  // ~8 MiB in a big map
    EXPECT_GE(big->Usage()->map_size, 200 * kMiB);
  }
  // Reopened: the map follows the data, not the size it once had.
  auto reopened = OpenMapper(dir.path(), SmallBudget(kGiB));
  auto big = reopened->Acquire("big");
  ASSERT_TRUE(big.ok());
  const uint64_t file =
      std::filesystem::file_size(dir.path() + "/indexes/" + big->uuid() + "/data.mdb");
  EXPECT_EQ(big->Usage()->map_size, MapSizeFor(file, kGiB));
  EXPECT_LT(big->Usage()->map_size, 64 * kMiB);
  EXPECT_EQ(*ReadValueSize(*big, 1999), 4000u);
}

TEST(IndexMapper, BudgetIsChargedInBytesAndEvictsLeastRecentlyUsed) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(3 * kSmallEnvCharge));
  for (const char* uid : {"a", "b", "c", "d"}) ASSERT_TRUE(mapper->CreateIndex(uid).ok());
  for (const char* uid : {"a", "b", "c"}) ASSERT_TRUE(mapper->Acquire(uid).ok());
  EXPECT_EQ(mapper->Stats().open_envs, 3u);
  EXPECT_EQ(mapper->Stats().charged_bytes, 3 * kSmallEnvCharge);
  ASSERT_TRUE(mapper->Acquire("b").ok());  // a is now the least recently used
  auto d = mapper->Acquire("d");
  ASSERT_TRUE(d.ok());
  auto stats = mapper->Stats();
  EXPECT_EQ(stats.open_envs, 3u);
  EXPECT_EQ(stats.evictions, 1u);
  EXPECT_LE(stats.charged_bytes, 3 * kSmallEnvCharge);
  const uint64_t misses = stats.misses;
  ASSERT_TRUE(mapper->Acquire("b").ok());  // still open: a hit
  ASSERT_TRUE(mapper->Acquire("c").ok());
  EXPECT_EQ(mapper->Stats().misses, misses);
  ASSERT_TRUE(mapper->Acquire("a").ok());  // evicted: a miss
  EXPECT_EQ(mapper->Stats().misses, misses + 1);
}

TEST(IndexMapper, OpenCountIsBoundedByFileDescriptors) {
  TempDir dir;
  // 64 fds are kept for sockets and files; 3 per env leaves room for exactly 2.
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB, /*fd_limit=*/64 + 2 * 3));
  for (const char* uid : {"a", "b", "c"}) ASSERT_TRUE(mapper->CreateIndex(uid).ok());
  EXPECT_EQ(mapper->Stats().max_open_envs, 2u);
  for (const char* uid : {"a", "b", "c", "a", "b", "c"}) ASSERT_TRUE(mapper->Acquire(uid).ok());
  EXPECT_EQ(mapper->Stats().open_envs, 2u);
  EXPECT_EQ(mapper->Stats().evictions, 4u);
}

// An evicted env keeps its fds until the evicting thread has closed it, outside
// the mapper's lock; an open meanwhile must wait for that, not take the fds too.
TEST(IndexMapper, AnOpenWaitsForTheFdsOfEnvsBeingClosed) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB, /*fd_limit=*/64 + 2 * 3),
                           std::chrono::milliseconds(50));
  for (const char* uid : {"a", "b", "c", "d"}) ASSERT_TRUE(mapper->CreateIndex(uid).ok());
  for (const char* uid : {"a", "b"}) ASSERT_TRUE(mapper->Acquire(uid).ok());
  // While c's open closes a, a second open finds only a's closing fds in its
  // way: it waits (here, on the closing thread itself, until pinned_wait).
  std::optional<Status> during_close;
  mapper->faults().before_close = [&] {
    if (!during_close) during_close = mapper->Acquire("d").status();
  };
  ASSERT_TRUE(mapper->Acquire("c").ok());
  ASSERT_TRUE(during_close.has_value());
  EXPECT_EQ(during_close->code(), StatusCode::kAddressSpaceExhausted) << during_close->ToString();
  EXPECT_EQ(mapper->Stats().open_envs, 2u);
  ASSERT_TRUE(mapper->Acquire("d").ok());  // a is closed now: d evicts b
  EXPECT_EQ(mapper->Stats().open_envs, 2u);
}

// An index deleted while an open of it waits for room: the open fails, and its
// files, left to the opener, are removed all the same.
TEST(IndexMapper, AnIndexDeletedWhileItsOpenWaitsLeavesNoFiles) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kSmallEnvCharge));
  ASSERT_TRUE(mapper->CreateIndex("pinned").ok());
  // Up to a few attempts: the delete must land while the open waits, after the
  // open's miss is counted.
  bool waited = false;
  for (int attempt = 0; attempt < 5 && !waited; ++attempt) {
    ASSERT_TRUE(mapper->CreateIndex("gone").ok());
    {
      auto gone = mapper->Acquire("gone");  // its directory exists from now on
      ASSERT_TRUE(gone.ok());
    }
    auto pinned = mapper->Acquire("pinned");  // evicts `gone`, and holds the budget
    ASSERT_TRUE(pinned.ok());
    const uint64_t misses = mapper->Stats().misses;
    Status opened;
    std::thread opener([&] { opened = mapper->Acquire("gone").status(); });
    while (mapper->Stats().misses == misses) std::this_thread::yield();
    ASSERT_TRUE(mapper->DeleteIndex("gone").ok());
    opener.join();
    waited = opened.code() == StatusCode::kAddressSpaceExhausted;
    EXPECT_TRUE(waited || opened.code() == StatusCode::kNotFound) << opened.ToString();
  }
  EXPECT_TRUE(waited);
  EXPECT_EQ(testing::CountIndexDirs(dir.path()), 1u);  // `pinned`'s alone
}

TEST(IndexMapper, PinnedEnvIsNeverClosedAndClosesWhenReleased) {
  TempDir dir;
  auto mapper =
      OpenMapper(dir.path(), SmallBudget(2 * kSmallEnvCharge), std::chrono::milliseconds(100));
  for (const char* uid : {"a", "b", "c"}) ASSERT_TRUE(mapper->CreateIndex(uid).ok());
  auto a = mapper->Acquire("a");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(WriteValues(*mapper, *a, 0, 3, 10, /*ensure_room=*/false).ok());
  auto b = mapper->Acquire("b");
  ASSERT_TRUE(b.ok());
  // Budget full and every env pinned: the open waits, then fails, naming the cause.
  auto c = mapper->Acquire("c");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kAddressSpaceExhausted);
  EXPECT_NE(c.status().message().find("in use"), std::string::npos) << c.status().ToString();
  // Both pinned envs still work.
  EXPECT_EQ(*ReadValueSize(*a, 2), 10u);
  // Asking for a pinned index again is a hit, not a deadlock.
  auto a2 = mapper->Acquire("a");
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(*ReadValueSize(*a2, 0), 10u);
  // Once its handles drop, the env marked for closing closes and c fits.
  { IndexHandle drop_a = std::move(*a); }
  { IndexHandle drop_a2 = std::move(*a2); }
  auto c2 = mapper->Acquire("c");
  ASSERT_TRUE(c2.ok()) << c2.status().ToString();
  EXPECT_LE(mapper->Stats().charged_bytes, 2 * kSmallEnvCharge);
  EXPECT_EQ(mapper->Stats().open_envs, 2u);
}

TEST(IndexMapper, ReleasedPinLetsAWaitingOpenProceed) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kSmallEnvCharge), std::chrono::seconds(30));
  for (const char* uid : {"a", "b"}) ASSERT_TRUE(mapper->CreateIndex(uid).ok());
  auto a = mapper->Acquire("a");
  ASSERT_TRUE(a.ok());
  std::atomic<bool> opened{false};
  std::thread opener([&] {
    auto b = mapper->Acquire("b");
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    opened = true;
  });
  // The opener cannot finish while `a` is pinned; poll until it is waiting.
  while (mapper->Stats().misses < 1) std::this_thread::yield();
  EXPECT_FALSE(opened.load());
  { IndexHandle drop = std::move(*a); }
  opener.join();
  EXPECT_TRUE(opened.load());
  EXPECT_EQ(mapper->Stats().open_envs, 1u);
}

TEST(IndexMapper, IndexLargerThanTheWholeBudgetFailsAloneAndCleanly) {
  TempDir dir;
  {
    auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB));
    ASSERT_TRUE(mapper->CreateIndex("huge").ok());
    ASSERT_TRUE(mapper->CreateIndex("small").ok());
    auto huge = mapper->Acquire("huge");
    ASSERT_TRUE(WriteValues(*mapper, *huge, 0, 3000, 4000).ok());  // ~12 MiB
    auto small = mapper->Acquire("small");
    ASSERT_TRUE(WriteValues(*mapper, *small, 0, 10, 10).ok());
  }
  auto mapper = OpenMapper(dir.path(), SmallBudget(8 * kMiB));
  auto huge = mapper->Acquire("huge");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), StatusCode::kAddressSpaceExhausted);
  auto small = mapper->Acquire("small");
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(*ReadValueSize(*small, 9), 10u);
  // Growing past the budget fails the same way, and the index keeps working.
  Status grow = mapper->EnsureRoom(*small, 64 * kMiB);
  EXPECT_EQ(grow.code(), StatusCode::kAddressSpaceExhausted);
  EXPECT_EQ(*ReadValueSize(*small, 9), 10u);
  EXPECT_EQ(mapper->Stats().charged_bytes, kSmallEnvCharge);
}

TEST(IndexMapper, EnsureRoomGrowsInPlaceBeforeTheWrite) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB));
  ASSERT_TRUE(mapper->CreateIndex("movies").ok());
  auto h = mapper->Acquire("movies");
  ASSERT_TRUE(h.ok());
  ASSERT_TRUE(WriteValues(*mapper, *h, 0, 10, 100).ok());
  const uint64_t before = h->Usage()->map_size;
  // 40 MiB in one txn would hit MDB_MAP_FULL in the original map without growth.
  ASSERT_TRUE(WriteValues(*mapper, *h, 10, 10000, 4000).ok());
  EXPECT_GT(h->Usage()->map_size, before);
  EXPECT_GE(mapper->Stats().growths, 1u);
  EXPECT_EQ(mapper->Stats().charged_bytes, h->Usage()->map_size + vas::kEnvOverheadBytes);
  EXPECT_EQ(*ReadValueSize(*h, 5), 100u);
  EXPECT_EQ(*ReadValueSize(*h, 10009), 4000u);
  // Room already there: no growth.
  const uint64_t growths = mapper->Stats().growths;
  ASSERT_TRUE(mapper->EnsureRoom(*h, kKiB).ok());
  EXPECT_EQ(mapper->Stats().growths, growths);
}

TEST(IndexMapper, MapFullThenGrowAfterMapFullThenReplaySucceeds) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB));
  ASSERT_TRUE(mapper->CreateIndex("movies").ok());
  auto h = mapper->Acquire("movies");
  ASSERT_TRUE(h.ok());
  Status st = WriteValues(*mapper, *h, 0, 1000, 4000, /*ensure_room=*/false);
  ASSERT_EQ(st.code(), StatusCode::kMapFull) << st.ToString();
  while (st.code() == StatusCode::kMapFull) {
    ASSERT_TRUE(mapper->GrowAfterMapFull(*h).ok());
    st = WriteValues(*mapper, *h, 0, 1000, 4000, /*ensure_room=*/false);
  }
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(*ReadValueSize(*h, 999), 4000u);
}

TEST(IndexMapper, FailedRemapReopensAtTheOldSizeAndReportsIt) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB));
  ASSERT_TRUE(mapper->CreateIndex("movies").ok());
  auto h = mapper->Acquire("movies");
  ASSERT_TRUE(h.ok());
  ASSERT_TRUE(WriteValues(*mapper, *h, 0, 50, 1000).ok());
  const uint64_t map_before = h->Usage()->map_size;
  const uint64_t charged_before = mapper->Stats().charged_bytes;
  mapper->faults().fail_next_remap = true;
  Status st = mapper->EnsureRoom(*h, 100 * kMiB);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("movies"), std::string::npos) << st.ToString();
  EXPECT_EQ(mapper->Stats().failed_growths, 1u);
  // Reopened at its old size; data intact; budget back as it was; writes work.
  EXPECT_EQ(h->Usage()->map_size, map_before);
  EXPECT_EQ(mapper->Stats().charged_bytes, charged_before);
  EXPECT_EQ(*ReadValueSize(*h, 49), 1000u);
  ASSERT_TRUE(WriteValues(*mapper, *h, 50, 2000, 1000).ok());
  EXPECT_EQ(*ReadValueSize(*h, 2049), 1000u);
}

TEST(IndexMapper, DeletedIndexFilesGoWhenTheLastHandleDrops) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
  ASSERT_TRUE(mapper->CreateIndex("gone").ok());
  ASSERT_TRUE(mapper->CreateIndex("cold").ok());
  std::string gone_dir;
  {
    auto h = mapper->Acquire("gone");
    ASSERT_TRUE(h.ok());
    ASSERT_TRUE(WriteValues(*mapper, *h, 0, 5, 10).ok());
    gone_dir = dir.path() + "/indexes/" + h->uuid();
    auto cold = mapper->Acquire("cold");
    ASSERT_TRUE(WriteValues(*mapper, *cold, 0, 5, 10).ok());
  }
  auto h = mapper->Acquire("gone");
  ASSERT_TRUE(mapper->DeleteIndex("gone").ok());
  EXPECT_EQ(mapper->Acquire("gone").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(std::filesystem::exists(gone_dir));
  EXPECT_EQ(*ReadValueSize(*h, 4), 10u);  // the holder keeps reading
  { IndexHandle drop = std::move(*h); }
  EXPECT_FALSE(std::filesystem::exists(gone_dir));
  // A deleted index with no handle (open but unpinned) goes at once.
  ASSERT_TRUE(mapper->DeleteIndex("cold").ok());
  EXPECT_EQ(CountIndexDirs(dir.path()), 0u);
  EXPECT_EQ(mapper->Stats().open_envs, 0u);
  // The uid can be taken again, by a new, empty index.
  ASSERT_TRUE(mapper->CreateIndex("gone").ok());
  auto again = mapper->Acquire("gone");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ReadValueSize(*again, 4).status().code(), StatusCode::kNotFound);
}

TEST(IndexMapper, RestartRemovesDirectoriesTheRegistryDoesNotKnow) {
  TempDir dir;
  {
    auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
    ASSERT_TRUE(mapper->CreateIndex("kept").ok());
    ASSERT_TRUE(mapper->Acquire("kept").ok());
  }
  // A crash between a deletion's commit and its file removal leaves this behind.
  std::filesystem::create_directories(dir.path() + "/indexes/" + NewUuid());
  auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
  EXPECT_EQ(CountIndexDirs(dir.path()), 1u);
  EXPECT_TRUE(mapper->Acquire("kept").ok());
}

TEST(IndexMapper, RenameKeepsTheData) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
  ASSERT_TRUE(mapper->CreateIndex("old").ok());
  {
    auto h = mapper->Acquire("old");
    ASSERT_TRUE(WriteValues(*mapper, *h, 0, 3, 7).ok());
  }
  ASSERT_TRUE(mapper->RenameIndex("old", "new").ok());
  EXPECT_EQ(mapper->Acquire("old").status().code(), StatusCode::kNotFound);
  auto h = mapper->Acquire("new");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*ReadValueSize(*h, 2), 7u);
}

TEST(IndexMapper, StatsAreRecordedInTheRegistry) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(64 * kMiB));
  ASSERT_TRUE(mapper->CreateIndex("movies").ok());
  auto h = mapper->Acquire("movies");
  ASSERT_TRUE(WriteValues(*mapper, *h, 0, 100, 1000).ok());
  IndexStatsUpdate stats;
  stats.document_count = 100;
  stats.field_distribution = {{"a", 100}};
  ASSERT_TRUE(mapper->UpdateStats(*h, stats).ok());
  auto meta = mapper->GetIndex("movies");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->document_count, 100u);
  EXPECT_EQ(meta->field_distribution.at("a"), 100u);
  EXPECT_GE(meta->used_bytes, 100u * 1000);
  EXPECT_GE(meta->updated_at_ns, meta->created_at_ns);
}

}  // namespace
}  // namespace myriad::index_mapper
