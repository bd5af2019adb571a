#include "backup/dump_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "backup/tar_gz.h"
#include "scheduler/task_store.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;
using myriad::testing::TempDir;

void WriteText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

ImportOptions Options(std::vector<std::string>* progress) {
  ImportOptions options;
  options.mapper.budget.usable_bytes = 64 * kGiB;
  options.mapper.budget.max_map_bytes = 64 * kGiB;
  options.mapper.budget.limits.fd_limit = 20000;
  options.mapper.budget.limits.max_map_count = 65530;
  options.no_sync = true;
  options.progress = [progress](const std::string& line) { progress->push_back(line); };
  return options;
}

// A dump as a newer Meilisearch writes it, by hand: one index, a task of a
// type Myriad does not know (`upgradeDatabase`) beside one it does.
void WriteDumpTree(const fs::path& root, const std::string& queue) {
  WriteText(root / "metadata.json",
            R"({"dumpVersion":"V6","dbVersion":"1.20.0","dumpDate":"2025-01-01T00:00:00Z"})");
  WriteText(root / "keys.jsonl", "");
  WriteText(root / "tasks/queue.jsonl", queue);
  WriteText(root / "indexes/movies/metadata.json",
            R"({"uid":"movies","primaryKey":"id","createdAt":"2025-01-01T00:00:00Z",)"
            R"("updatedAt":"2025-01-01T00:00:00Z"})");
  WriteText(root / "indexes/movies/settings.json", R"({"searchableAttributes":["title"],)"
                                                   R"("aFutureSetting":true})");
  WriteText(root / "indexes/movies/documents.jsonl",
            "{\"id\":1,\"title\":\"Alien\"}\n"
            "{\"id\":2,\"title\":\"Brazil\"}\n");
}

TEST(DumpImport, TasksAndSettingsMyriadDoesNotKnowAreLeftOutWithAWord) {
  TempDir dir;
  WriteDumpTree(dir.Sub("tree"),
                R"({"uid":0,"indexUid":null,"status":"succeeded","type":"upgradeDatabase",)"
                R"("enqueuedAt":"2025-01-01T00:00:00Z"})"
                "\n"
                R"({"uid":1,"indexUid":"movies","status":"succeeded","type":"indexCreation",)"
                R"("enqueuedAt":"2025-01-01T00:00:01Z"})"
                "\n");
  ASSERT_TRUE(WriteTarGz(dir.Sub("tree"), dir.Sub("x.dump")).ok());
  std::vector<std::string> progress;
  Status st = ImportDump(dir.Sub("x.dump"), dir.Sub("db"), Options(&progress));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("db.importing")));
  EXPECT_FALSE(fs::exists(dir.Sub("db.dump-extract")));
  auto said = [&](const std::string& text) {
    for (const std::string& line : progress) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(said("`upgradeDatabase` is not known to Myriad"))
      << ::testing::PrintToString(progress);
  EXPECT_TRUE(said("`aFutureSetting` is not supported")) << ::testing::PrintToString(progress);
  auto tasks = scheduler::TaskStore::Open(dir.Sub("db/tasks"), 0, true);
  ASSERT_TRUE(tasks.ok());
  EXPECT_EQ(*(*tasks)->Count(), 1u);
  EXPECT_EQ((*tasks)->Get(1)->kind, scheduler::TaskKind::kIndexCreation);
  auto mapper = index_mapper::IndexMapper::Open([&] {
    index_mapper::IndexMapperOptions o = Options(&progress).mapper;
    o.root = dir.Sub("db");
    return o;
  }());
  ASSERT_TRUE(mapper.ok());
  EXPECT_EQ((*mapper)->GetIndex("movies")->document_count, 2u);
}

TEST(DumpImport, AMalformedDumpLeavesNoDatabase) {
  TempDir dir;
  WriteDumpTree(dir.Sub("tree"), "{\"uid\":0,\"status\":\"done\"}\n");
  ASSERT_TRUE(WriteTarGz(dir.Sub("tree"), dir.Sub("bad.dump")).ok());
  std::vector<std::string> progress;
  Status st = ImportDump(dir.Sub("bad.dump"), dir.Sub("db"), Options(&progress));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("queue.jsonl"), std::string::npos) << st.ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("db")));
  EXPECT_FALSE(fs::exists(dir.Sub("db.importing")));
  EXPECT_FALSE(fs::exists(dir.Sub("db.dump-extract")));
}

}  // namespace
}  // namespace myriad::backup
