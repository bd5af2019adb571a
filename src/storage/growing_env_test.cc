#include "storage/growing_env.h"

#include <gtest/gtest.h>

#include "storage/key_codec.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::storage {
namespace {

using testing::TempDir;

// Writes `n` 1,000-byte values in one write, which GrowingEnv may replay.
Status WriteValues(GrowingEnv& env, Database db, uint32_t n) {
  return env.Write([&](WriteTxn& txn) -> Status {
    for (uint32_t i = 0; i < n; ++i) {
      MYRIAD_RETURN_IF_ERROR(txn.Put(db, EncodeU32BE(i), std::string(1000, 'v')));
    }
    return Status::Ok();
  });
}

std::unique_ptr<Env> SmallEnv(const TempDir& dir) {
  EnvOptions options;
  options.map_size = 256 * kKiB;
  options.no_sync = true;
  return std::move(Env::Open(dir.Sub("env"), options)).value();
}

TEST(GrowingEnv, GrowsAndReplaysInsteadOfFailing) {
  TempDir dir;
  GrowingEnv env(SmallEnv(dir), "the test env");
  auto db = env.env().OpenDatabase("main", true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(WriteValues(env, *db, 5000).ok());  // ~5 MB into a 256 KiB map
  EXPECT_GE(env.Usage()->map_size, 4 * kMiB);
  uint64_t count = 0;
  ASSERT_TRUE(env.Read([&](const ReadTxn& txn) -> Status {
                   MYRIAD_ASSIGN_OR_RETURN(count, txn.EntryCount(*db));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(count, 5000u);
}

TEST(GrowingEnv, RefusesOnceAtItsCapAndKeepsWorking) {
  TempDir dir;
  GrowingEnv env(SmallEnv(dir), "the test env", kMiB);
  auto db = env.env().OpenDatabase("main", true);
  ASSERT_TRUE(db.ok());
  Status st = WriteValues(env, *db, 5000);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(st.message().find("the test env is full"), std::string::npos) << st.ToString();
  EXPECT_EQ(env.Usage()->map_size, kMiB);
  EXPECT_TRUE(WriteValues(env, *db, 10).ok());
}

}  // namespace
}  // namespace myriad::storage
