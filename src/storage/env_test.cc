#include "storage/env.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/cursor.h"
#include "storage/key_codec.h"
#include "storage/lmdb_status.h"
#include "storage/storage_test_util.h"
#include "storage/txn.h"
#include "util/byte_size.h"

namespace myriad::storage {
namespace {

using testing::TempDir;

std::unique_ptr<Env> OpenOrDie(const std::string& dir, uint64_t map_size) {
  EnvOptions options;
  options.map_size = map_size;
  auto env = Env::Open(dir, options);
  EXPECT_TRUE(env.ok()) << env.status().ToString();
  return std::move(env).value();
}

// Writes `n` values of `value_size` bytes with keys 0..n-1, in one txn.
Status Fill(Env& env, Database db, int n, size_t value_size) {
  MYRIAD_ASSIGN_OR_RETURN(WriteTxn txn, WriteTxn::Begin(env));
  const std::string value(value_size, 'v');
  for (int i = 0; i < n; ++i) {
    Status st = txn.Put(db, EncodeU32BE(static_cast<uint32_t>(i)), value);
    if (!st.ok()) return st;  // the txn aborts in its destructor
  }
  return std::move(txn).Commit();
}

TEST(Env, PutGetDeleteAcrossTxns) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), kMiB);
  auto db = env->OpenDatabase("main", /*create=*/true);
  ASSERT_TRUE(db.ok());
  {
    auto txn = WriteTxn::Begin(*env);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(txn->Put(*db, "k", "v1").ok());
    ASSERT_TRUE(txn->Put(*db, "k2", "v2").ok());
    EXPECT_EQ(*txn->EntryCount(*db), 2u);
    ASSERT_TRUE(txn->Delete(*db, "k2").ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }
  {
    auto txn = ReadTxn::Begin(*env);
    ASSERT_TRUE(txn.ok());
    auto v = txn->Get(*db, "k");
    ASSERT_TRUE(v.ok());
    ASSERT_TRUE(v->has_value());
    EXPECT_EQ(**v, "v1");
    auto missing = txn->Get(*db, "nope");
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
  }
  {
    auto txn = WriteTxn::Begin(*env);
    ASSERT_TRUE(txn.ok());
    EXPECT_EQ(txn->Delete(*db, "nope").code(), StatusCode::kNotFound);
    // A not-found delete does not poison the transaction.
    ASSERT_TRUE(txn->Delete(*db, "k").ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }
  auto txn = ReadTxn::Begin(*env);
  ASSERT_TRUE(txn.ok());
  EXPECT_FALSE(txn->Get(*db, "k")->has_value());
}

TEST(Env, AbortedWriteLeavesNoTrace) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), kMiB);
  auto db = env->OpenDatabase("main", true);
  ASSERT_TRUE(db.ok());
  {
    auto txn = WriteTxn::Begin(*env);
    ASSERT_TRUE(txn->Put(*db, "k", "v").ok());
    std::move(*txn).Abort();
  }
  {
    auto txn = WriteTxn::Begin(*env);
    ASSERT_TRUE(txn->Put(*db, "k2", "v").ok());
    // Destroyed without commit: aborted.
  }
  auto txn = ReadTxn::Begin(*env);
  EXPECT_FALSE(txn->Get(*db, "k")->has_value());
  EXPECT_FALSE(txn->Get(*db, "k2")->has_value());
}

TEST(Env, MissingDatabaseIsNotFound) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), kMiB);
  auto db = env->OpenDatabase("absent", /*create=*/false);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
}

size_t LastTxnId(const Env& env) {
  MDB_envinfo info;
  EXPECT_EQ(mdb_env_info(env.raw(), &info), 0);
  return info.me_last_txnid;
}

// A new index's databases cost one commit together, and opening existing ones
// none: a first read must not wait for the env's writer.
TEST(Env, CreatesMissingDatabasesInOneCommitAndOpensExistingOnesWithoutWriting) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), kMiB);
  const size_t start = LastTxnId(*env);
  ASSERT_TRUE(env->CreateDatabases({"a", "b", "c"}).ok());
  EXPECT_EQ(LastTxnId(*env), start + 1);
  ASSERT_TRUE(env->OpenDatabase("b", true).ok());
  ASSERT_TRUE(env->CreateDatabases({"a", "b", "c"}).ok());
  EXPECT_EQ(LastTxnId(*env), start + 1);

  // Reopened: the handles are opened from the file, still without a write.
  env.reset();
  env = OpenOrDie(dir.Sub("env"), kMiB);
  const size_t reopened = LastTxnId(*env);
  ASSERT_TRUE(env->CreateDatabases({"a", "b", "c"}).ok());
  ASSERT_TRUE(env->OpenDatabase("c", true).ok());
  EXPECT_EQ(LastTxnId(*env), reopened);
  // One missing among existing ones: created alone, one commit.
  ASSERT_TRUE(env->CreateDatabases({"a", "d"}).ok());
  EXPECT_EQ(LastTxnId(*env), reopened + 1);
  EXPECT_TRUE(env->OpenDatabase("d", false).ok());
}

TEST(Env, MapFullPoisonsTheTxnUntilAborted) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), 256 * kKiB);
  auto db = env->OpenDatabase("main", true);
  ASSERT_TRUE(db.ok());
  auto txn = WriteTxn::Begin(*env);
  ASSERT_TRUE(txn.ok());
  Status st;
  const std::string value(1000, 'x');
  for (uint32_t i = 0; i < 10000 && st.ok(); ++i) st = txn->Put(*db, EncodeU32BE(i), value);
  ASSERT_EQ(st.code(), StatusCode::kMapFull) << st.ToString();
  EXPECT_TRUE(txn->failed());
  // Every later operation is refused, and commit aborts.
  EXPECT_EQ(txn->Put(*db, "small", "v").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::move(*txn).Commit().code(), StatusCode::kFailedPrecondition);
  // Nothing of the failed txn is visible, and the env still works.
  auto rtxn = ReadTxn::Begin(*env);
  ASSERT_TRUE(rtxn.ok());
  EXPECT_FALSE(rtxn->Get(*db, EncodeU32BE(0))->has_value());
}

TEST(Env, GrowsTheMapOfAnOpenEnv) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), 256 * kKiB);
  auto db = env->OpenDatabase("main", true);
  ASSERT_TRUE(db.ok());
  ASSERT_EQ(Fill(*env, *db, 2000, 1000).code(), StatusCode::kMapFull);
  ASSERT_TRUE(env->SetMapSize(16 * kMiB).ok());
  EXPECT_EQ(env->map_size(), 16 * kMiB);
  ASSERT_TRUE(Fill(*env, *db, 2000, 1000).ok());
  auto usage = env->Usage();
  ASSERT_TRUE(usage.ok());
  EXPECT_GT(usage->used_bytes, 2000u * 1000);
  EXPECT_EQ(usage->map_size, 16 * kMiB);
}

TEST(Env, ReopensWithAMapSmallerThanStoredButLargerThanData) {
  TempDir dir;
  uint64_t used = 0;
  {
    auto env = OpenOrDie(dir.Sub("env"), 64 * kMiB);
    auto db = env->OpenDatabase("main", true);
    ASSERT_TRUE(Fill(*env, *db, 500, 1000).ok());
    used = env->Usage()->used_bytes;
  }
  auto env = OpenOrDie(dir.Sub("env"), 4 * kMiB);
  ASSERT_GT(4 * kMiB, used);
  EXPECT_EQ(env->map_size(), 4 * kMiB);  // the configured size wins over the stored one
  auto db = env->OpenDatabase("main", false);
  ASSERT_TRUE(db.ok());
  auto txn = ReadTxn::Begin(*env);
  auto v = txn->Get(*db, EncodeU32BE(499));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->value_or("").size(), 1000u);
}

TEST(Env, ReopenNeverMapsLessThanTheData) {
  TempDir dir;
  uint64_t used = 0;
  {
    auto env = OpenOrDie(dir.Sub("env"), 64 * kMiB);
    auto db = env->OpenDatabase("main", true);
    ASSERT_TRUE(Fill(*env, *db, 2000, 1000).ok());
    used = env->Usage()->used_bytes;
  }
  auto env = OpenOrDie(dir.Sub("env"), 64 * kKiB);
  EXPECT_GE(env->map_size(), used);
}

TEST(Cursor, IteratesInBigEndianOrder) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), kMiB);
  auto db = env->OpenDatabase("nums", true);
  {
    auto txn = WriteTxn::Begin(*env);
    for (uint64_t n : {300u, 2u, 70000u, 1u}) ASSERT_TRUE(txn->Put(*db, EncodeU64BE(n), "x").ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }
  auto txn = ReadTxn::Begin(*env);
  auto cursor = Cursor::Open(*txn, *db);
  ASSERT_TRUE(cursor.ok());
  std::vector<uint64_t> seen;
  for (auto more = cursor->First(); more.ok() && *more; more = cursor->Next()) {
    std::string_view k = cursor->key();
    seen.push_back(*ConsumeU64BE(k));
  }
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 300, 70000}));
  auto found = cursor->Seek(EncodeU64BE(3));
  ASSERT_TRUE(found.ok() && *found);
  std::string_view k = cursor->key();
  EXPECT_EQ(*ConsumeU64BE(k), 300u);
  auto past = cursor->Seek(EncodeU64BE(70001));
  ASSERT_TRUE(past.ok());
  EXPECT_FALSE(*past);
  auto last = cursor->Last();
  ASSERT_TRUE(last.ok() && *last);
  auto prev = cursor->Prev();
  ASSERT_TRUE(prev.ok() && *prev);
  k = cursor->key();
  EXPECT_EQ(*ConsumeU64BE(k), 300u);
}

TEST(Cursor, SeekForwardStepsOrSeeksToTheFirstKeyAtLeast) {
  TempDir dir;
  auto env = OpenOrDie(dir.Sub("env"), kMiB);
  auto db = env->OpenDatabase("nums", true);
  {
    auto txn = WriteTxn::Begin(*env);
    for (uint32_t n : {10u, 20u, 30u, 40u, 50u})
      ASSERT_TRUE(txn->Put(*db, EncodeU32BE(n), "x").ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }
  auto txn = ReadTxn::Begin(*env);
  auto cursor = Cursor::Open(*txn, *db);
  ASSERT_TRUE(cursor.ok());
  auto at = [&](uint32_t target, int steps) -> std::optional<uint32_t> {
    Result<bool> on = cursor->SeekForward(EncodeU32BE(target), steps);
    EXPECT_TRUE(on.ok());
    if (!on.ok() || !*on) return std::nullopt;
    std::string_view k = cursor->key();
    return ConsumeU32BE(k);
  };
  EXPECT_EQ(at(15, 2), 20u);           // not on an entry yet: a seek
  EXPECT_EQ(at(30, 2), 30u);           // one step
  EXPECT_EQ(at(41, 1), 50u);           // too far to step: a seek
  EXPECT_EQ(at(10, 3), 10u);           // behind the cursor: a seek
  EXPECT_EQ(at(45, 8), 50u);           // stepping past it
  EXPECT_EQ(at(51, 8), std::nullopt);  // stepping off the end
  EXPECT_EQ(at(20, 8), 20u);           // after the end: a seek
  EXPECT_EQ(at(20, 8), 20u);           // already there
}

TEST(KeyCodec, SignedOrderMatchesByteOrder) {
  std::string a, b, c;
  AppendI64BE(a, -5);
  AppendI64BE(b, 0);
  AppendI64BE(c, 7);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  std::string_view v = a;
  EXPECT_EQ(ConsumeI64BE(v), -5);
  EXPECT_TRUE(v.empty());
  std::string_view short_input = "abc";
  EXPECT_FALSE(ConsumeU32BE(short_input).has_value());
}

TEST(LmdbStatus, MapsEveryFamily) {
  EXPECT_TRUE(FromLmdb(MDB_SUCCESS, "x").ok());
  EXPECT_EQ(FromLmdb(MDB_MAP_FULL, "x").code(), StatusCode::kMapFull);
  EXPECT_EQ(FromLmdb(MDB_NOTFOUND, "x").code(), StatusCode::kNotFound);
  EXPECT_EQ(FromLmdb(MDB_KEYEXIST, "x").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(FromLmdb(MDB_CORRUPTED, "x").code(), StatusCode::kCorruption);
  EXPECT_EQ(FromLmdb(MDB_READERS_FULL, "x").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(FromLmdb(MDB_BAD_TXN, "x").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(FromLmdb(ENOMEM, "x").code(), StatusCode::kAddressSpaceExhausted);
  EXPECT_EQ(FromLmdb(ENOSPC, "x").code(), StatusCode::kNoSpace);
  EXPECT_EQ(FromLmdb(EDQUOT, "x").code(), StatusCode::kNoSpace);
  EXPECT_EQ(FromLmdb(EIO, "x").code(), StatusCode::kIoError);
  {
    // A commit's EIO is a full disk only when the env's filesystem is nearly full.
    TempDir dir;
    auto env = OpenOrDie(dir.Sub("env"), kMiB);
    EXPECT_EQ(FromLmdbCommit(EIO, env->raw(), "commit").code(), StatusCode::kIoError);
    EXPECT_EQ(FromLmdbCommit(ENOSPC, env->raw(), "commit").code(), StatusCode::kNoSpace);
    EXPECT_TRUE(FromLmdbCommit(0, env->raw(), "commit").ok());
  }
  Status st = FromLmdb(MDB_MAP_FULL, "put doc 7");
  EXPECT_NE(st.message().find("put doc 7"), std::string::npos);
}

}  // namespace
}  // namespace myriad::storage
