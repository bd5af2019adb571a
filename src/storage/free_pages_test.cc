#include "storage/free_pages.h"

#include <gtest/gtest.h>

#include "storage/key_codec.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::storage {
namespace {

using testing::TempDir;

FreePages Count(const Env& env) {
  ReadTxn txn = std::move(ReadTxn::Begin(env)).value();
  auto free = CountFreePages(txn);
  EXPECT_TRUE(free.ok()) << free.status().ToString();
  return free.ok() ? *free : FreePages{};
}

void Write(Env& env, Database db, bool put) {
  WriteTxn txn = std::move(WriteTxn::Begin(env)).value();
  for (uint32_t i = 0; i < 100; ++i) {
    // Two overflow pages per value.
    Status st =
        put ? txn.Put(db, EncodeU32BE(i), std::string(5000, 'x')) : txn.Delete(db, EncodeU32BE(i));
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  ASSERT_TRUE(std::move(txn).Commit().ok());
}

TEST(CountFreePages, SeesWhatATxnFreedAndWhatTheNextReused) {
  TempDir dir;
  EnvOptions options;
  options.map_size = 16 * kMiB;
  auto env = std::move(Env::Open(dir.Sub("env"), options)).value();
  Database db = *env->OpenDatabase("values", true);
  EXPECT_EQ(Count(*env).total_pages, 0u);

  Write(*env, db, true);
  Write(*env, db, false);
  const FreePages freed = Count(*env);
  EXPECT_GE(freed.newest_pages, 200u);  // the deletion's overflow pages
  EXPECT_GE(freed.total_pages, freed.newest_pages);

  // LMDB reuses a txn's pages once a later txn committed (the previous snapshot
  // stays readable until then).
  {
    WriteTxn txn = std::move(WriteTxn::Begin(*env)).value();
    ASSERT_TRUE(txn.Put(db, "spacer", "1").ok());
    ASSERT_TRUE(std::move(txn).Commit().ok());
  }
  // Writing the values again reuses those pages: the file barely grows.
  const FreePages before = Count(*env);
  const uint64_t used_before = env->Usage()->used_bytes;
  Write(*env, db, true);
  const FreePages after = Count(*env);
  const uint64_t reused = before.total_pages + after.newest_pages - after.total_pages;
  EXPECT_GE(reused, 200u);
  EXPECT_LT(env->Usage()->used_bytes - used_before, 200u * 4096);
}

}  // namespace
}  // namespace myriad::storage
