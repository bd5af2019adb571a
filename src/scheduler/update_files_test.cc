#include "scheduler/update_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "index_mapper/index_meta.h"
#include "storage/storage_test_util.h"

namespace myriad::scheduler {
namespace {

using myriad::testing::TempDir;

std::unique_ptr<UpdateFiles> OpenFiles(const TempDir& dir) {
  auto files = UpdateFiles::Open(dir.Sub("update_files"));
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  return std::move(files).value();
}

TEST(UpdateFiles, WriteReadListRemoveSurviveReopen) {
  TempDir dir;
  std::string a_uuid;
  std::string b_uuid;
  const std::string binary("a\0b\n{\"id\":1}", 12);
  {
    auto files = OpenFiles(dir);
    auto a = files->Write(R"([{"id":1,"title":"Carol"}])");
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto b = files->Write(binary);
    ASSERT_TRUE(b.ok());
    EXPECT_NE(*a, *b);
    EXPECT_TRUE(index_mapper::IsValidUuid(*a));
    a_uuid = *a;
    b_uuid = *b;
    EXPECT_TRUE(std::filesystem::exists(dir.Sub("update_files") + "/" + a_uuid));
  }
  auto files = OpenFiles(dir);
  EXPECT_EQ(*files->Read(a_uuid), R"([{"id":1,"title":"Carol"}])");
  EXPECT_EQ(*files->Read(b_uuid), binary);
  EXPECT_EQ(*files->Size(b_uuid), 12u);
  std::vector<std::string> expected = {a_uuid, b_uuid};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(*files->List(), expected);

  ASSERT_TRUE(files->Remove(a_uuid).ok());
  EXPECT_EQ(files->Read(a_uuid).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(files->Remove(a_uuid).code(), StatusCode::kNotFound);
  EXPECT_EQ(*files->List(), std::vector<std::string>{b_uuid});
}

TEST(UpdateFiles, EmptyPayloadIsAFile) {
  TempDir dir;
  auto files = OpenFiles(dir);
  auto uuid = files->Write("");
  ASSERT_TRUE(uuid.ok());
  EXPECT_EQ(*files->Read(*uuid), "");
  EXPECT_EQ(*files->Size(*uuid), 0u);
}

TEST(UpdateFiles, MalformedUuidsNeverBecomePaths) {
  TempDir dir;
  auto files = OpenFiles(dir);
  // A file outside the store that a path traversal would reach.
  { std::ofstream(dir.Sub("secret")) << "secret"; }
  for (const char* bad : {"../secret", "", "secret", "0F2D3C4B-1A2B-4C3D-8E9F-0A1B2C3D4E5F",
                          "0f2d3c4b-1a2b-4c3d-8e9f-0a1b2c3d4e5",
                          "0f2d3c4b/1a2b-4c3d-8e9f-0a1b2c3d4e5f", "/etc/passwd"}) {
    EXPECT_EQ(files->Read(bad).status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(files->Size(bad).status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(files->Remove(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(std::filesystem::exists(dir.Sub("secret")));
}

TEST(UpdateFiles, OpenRemovesCrashLeftoversAndListIgnoresStrangers) {
  TempDir dir;
  std::string kept;
  {
    auto files = OpenFiles(dir);
    kept = *files->Write("payload");
  }
  const std::string base = dir.Sub("update_files");
  const std::string leftover = base + "/.tmp-" + index_mapper::NewUuid();
  { std::ofstream(leftover) << "half a payload"; }
  { std::ofstream(base + "/README") << "not a payload"; }
  auto files = OpenFiles(dir);
  EXPECT_FALSE(std::filesystem::exists(leftover));
  EXPECT_EQ(*files->List(), std::vector<std::string>{kept});
  EXPECT_EQ(*files->Read(kept), "payload");
}

}  // namespace
}  // namespace myriad::scheduler
