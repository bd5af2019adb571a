#include "storage/env_walk.h"

#include <gtest/gtest.h>

#include "storage/key_codec.h"
#include "storage/storage_test_util.h"
#include "storage/txn.h"
#include "util/byte_size.h"

namespace myriad::storage {
namespace {

using testing::TempDir;

TEST(WalkDatabases, CountsEveryEntryOfEveryNamedDatabase) {
  TempDir dir;
  EnvOptions options;
  options.map_size = 64 * kMiB;
  auto env = std::move(Env::Open(dir.Sub("env"), options)).value();
  Database small = *env->OpenDatabase("small", true);
  Database big = *env->OpenDatabase("big", true);
  (void)*env->OpenDatabase("empty", true);
  {
    WriteTxn txn = std::move(WriteTxn::Begin(*env)).value();
    ASSERT_TRUE(txn.Put(small, "a", "1").ok());
    // Values past a page: overflow pages are walked too.
    for (uint32_t i = 0; i < 300; ++i) {
      ASSERT_TRUE(txn.Put(big, EncodeU32BE(i), std::string(5000, 'x')).ok());
    }
    ASSERT_TRUE(std::move(txn).Commit().ok());
  }
  auto walks = WalkDatabases(*env);
  ASSERT_TRUE(walks.ok()) << walks.status().ToString();
  ASSERT_EQ(walks->size(), 4u);
  EXPECT_EQ((*walks)[0].name, "");
  EXPECT_EQ((*walks)[0].entries, 3u);  // the records of the three named databases
  EXPECT_EQ((*walks)[1].name, "big");
  EXPECT_EQ((*walks)[1].entries, 300u);
  EXPECT_GT((*walks)[1].pages, 300u);
  EXPECT_EQ((*walks)[2].name, "empty");
  EXPECT_EQ((*walks)[2].entries, 0u);
  EXPECT_EQ((*walks)[3].name, "small");
  EXPECT_EQ((*walks)[3].entries, 1u);
  for (const DatabaseWalk& w : *walks) EXPECT_EQ(w.entries, w.stat_entries) << w.name;
}

TEST(WalkDatabases, AnEnvWithoutNamedDatabasesHasItsMainOnly) {
  TempDir dir;
  EnvOptions options;
  options.map_size = 4 * kMiB;
  auto env = std::move(Env::Open(dir.Sub("env"), options)).value();
  auto walks = WalkDatabases(*env);
  ASSERT_TRUE(walks.ok()) << walks.status().ToString();
  ASSERT_EQ(walks->size(), 1u);
  EXPECT_EQ((*walks)[0].entries, 0u);
}

}  // namespace
}  // namespace myriad::storage
