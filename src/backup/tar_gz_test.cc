#include "backup/tar_gz.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/storage_test_util.h"

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;
using myriad::testing::TempDir;

void WriteText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A tar.gz with one entry of `type` named `name`, written with libarchive
// directly: what a hostile file could hold.
void WriteOneEntry(const std::string& archive_path, const std::string& name, mode_t type) {
  archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  ASSERT_EQ(archive_write_open_filename(a, archive_path.c_str()), ARCHIVE_OK);
  archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, name.c_str());
  archive_entry_set_filetype(entry, type);
  archive_entry_set_perm(entry, 0644);
  if (type == AE_IFLNK) archive_entry_set_symlink(entry, "/etc");
  const std::string body = "evil";
  archive_entry_set_size(entry, type == AE_IFREG ? static_cast<la_int64_t>(body.size()) : 0);
  ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
  if (type == AE_IFREG) archive_write_data(a, body.data(), body.size());
  archive_entry_free(entry);
  archive_write_close(a);
  archive_write_free(a);
}

TEST(TarGz, ATreeComesBackAsItWas) {
  TempDir dir;
  const fs::path tree = dir.Sub("tree");
  WriteText(tree / "metadata.json", "{\"a\":1}");
  WriteText(tree / "indexes/movies/documents.jsonl", std::string(3 << 20, 'x'));  // > one chunk
  fs::create_directories(tree / "empty");
  const std::string archive = dir.Sub("tree.tar.gz");
  ASSERT_TRUE(WriteTarGz(tree.string(), archive).ok());
  EXPECT_FALSE(fs::exists(archive + ".part"));
  fs::create_directories(dir.Sub("out"));
  Status st = ExtractTarGz(archive, dir.Sub("out"));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(ReadText(dir.Sub("out/metadata.json")), "{\"a\":1}");
  EXPECT_EQ(ReadText(dir.Sub("out/indexes/movies/documents.jsonl")), std::string(3 << 20, 'x'));
  EXPECT_TRUE(fs::is_directory(dir.Sub("out/empty")));
}

TEST(TarGz, EntriesThatWouldLeaveTheDirectoryAreRefused) {
  TempDir dir;
  fs::create_directories(dir.Sub("out/inner"));
  struct Case {
    std::string name;
    mode_t type;
  };
  const std::vector<Case> cases = {{"../evil", AE_IFREG},
                                   {"inner/../../evil", AE_IFREG},
                                   {dir.Sub("evil"), AE_IFREG},
                                   {"link", AE_IFLNK}};
  for (const Case& c : cases) {
    const std::string archive = dir.Sub("hostile.tar.gz");
    WriteOneEntry(archive, c.name, c.type);
    Status st = ExtractTarGz(archive, dir.Sub("out/inner"));
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.name << ": " << st.ToString();
    EXPECT_FALSE(fs::exists(dir.Sub("evil"))) << c.name;
    EXPECT_FALSE(fs::exists(dir.Sub("out/evil"))) << c.name;
    EXPECT_FALSE(fs::exists(dir.Sub("out/inner/link"))) << c.name;
  }
}

TEST(TarGz, WhatIsNotACompleteTarGzIsRefused) {
  TempDir dir;
  WriteText(dir.Sub("text"), "this is not an archive");
  fs::create_directories(dir.Sub("out"));
  Status st = ExtractTarGz(dir.Sub("text"), dir.Sub("out"));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("not a tar.gz archive"), std::string::npos) << st.ToString();

  // A real archive cut in half: the documents are incompressible enough that
  // the cut falls inside an entry's data.
  const fs::path tree = dir.Sub("tree");
  std::string noise;
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < (1 << 20); ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    noise.push_back(static_cast<char>(x));
  }
  WriteText(tree / "documents.jsonl", noise);
  ASSERT_TRUE(WriteTarGz(tree.string(), dir.Sub("whole.tar.gz")).ok());
  const std::string whole = ReadText(dir.Sub("whole.tar.gz"));
  WriteText(dir.Sub("cut.tar.gz"), whole.substr(0, whole.size() / 2));
  st = ExtractTarGz(dir.Sub("cut.tar.gz"), dir.Sub("out"));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("truncated or corrupt"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace myriad::backup
