#include "backup/tar_gz.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;

struct ArchiveWriteCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ArchiveReadCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string ErrorText(archive* a, const char* fallback) {
  const char* message = archive_error_string(a);
  return message ? message : fallback;
}

Status ArchiveError(archive* a, const std::string& what) {
  return Status::IoError(what + ": " + ErrorText(a, "unknown libarchive error"));
}

Status FsyncPath(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::IoError("cannot open " + path + " to sync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Status::IoError("cannot sync " + path);
}

// Appends one file's bytes, read in chunks so a large documents file is never
// held in memory whole.
Status AppendFile(archive* a, const fs::path& path, const std::string& name, uint64_t size) {
  std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK) return ArchiveError(a, name);
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::vector<char> buffer(1 << 20);
  uint64_t written = 0;
  while (size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get())) {
    if (archive_write_data(a, buffer.data(), n) != static_cast<la_ssize_t>(n)) {
      return ArchiveError(a, name);
    }
    written += n;
  }
  if (written != size) return Status::IoError(path.string() + " changed while it was archived");
  return Status::Ok();
}

Status AppendDirectory(archive* a, const std::string& name) {
  std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFDIR);
  archive_entry_set_perm(entry.get(), 0755);
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK) return ArchiveError(a, name);
  return Status::Ok();
}

}  // namespace

Status WriteTarGz(const std::string& dir, const std::string& archive_path, int gzip_level) {
  const std::string part = archive_path + ".part";
  {
    std::unique_ptr<archive, ArchiveWriteCloser> a(archive_write_new());
    const std::string level = std::to_string(gzip_level);
    if (archive_write_add_filter_gzip(a.get()) != ARCHIVE_OK ||
        archive_write_set_filter_option(a.get(), "gzip", "compression-level", level.c_str()) !=
            ARCHIVE_OK ||
        archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK ||
        archive_write_open_filename(a.get(), part.c_str()) != ARCHIVE_OK) {
      return ArchiveError(a.get(), "cannot create " + part);
    }
    std::error_code ec;
    // Sorted, so that the same tree always gives the same archive.
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      paths.push_back(it->path());
    }
    if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
      const std::string name = fs::relative(path, dir).string();
      const fs::file_status st = fs::symlink_status(path, ec);
      if (ec) return Status::IoError("cannot read " + path.string() + ": " + ec.message());
      if (fs::is_directory(st)) {
        MYRIAD_RETURN_IF_ERROR(AppendDirectory(a.get(), name));
      } else if (fs::is_regular_file(st)) {
        MYRIAD_RETURN_IF_ERROR(AppendFile(a.get(), path, name, fs::file_size(path)));
      }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) return ArchiveError(a.get(), part);
  }
  MYRIAD_RETURN_IF_ERROR(FsyncPath(part));
  std::error_code ec;
  fs::rename(part, archive_path, ec);
  if (ec) return Status::IoError("cannot rename " + part + ": " + ec.message());
  return FsyncPath(fs::path(archive_path).parent_path().empty()
                       ? "."
                       : fs::path(archive_path).parent_path().string());
}

Status ExtractTarGz(const std::string& archive_path, const std::string& dir) {
  std::unique_ptr<archive, ArchiveReadCloser> in(archive_read_new());
  archive_read_support_filter_gzip(in.get());
  archive_read_support_format_tar(in.get());
  if (archive_read_open_filename(in.get(), archive_path.c_str(), 1 << 20) != ARCHIVE_OK) {
    return Status::InvalidArgument(
        archive_path + " is not a tar.gz archive: " + ErrorText(in.get(), "unreadable"));
  }
  std::unique_ptr<archive, ArchiveWriteCloser> out(archive_write_disk_new());
  // The names are checked here (they are then prefixed with `dir`, which is
  // absolute when the caller's is); libarchive still refuses `..` and links.
  archive_write_disk_set_options(out.get(),
                                 ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS);
  const fs::path root(dir);
  for (;;) {
    archive_entry* entry = nullptr;
    const int rc = archive_read_next_header(in.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK) {
      return Status::InvalidArgument(
          archive_path + " is truncated or corrupt: " + ErrorText(in.get(), "unreadable"));
    }
    const mode_t type = archive_entry_filetype(entry);
    if (type != AE_IFREG && type != AE_IFDIR) {
      return Status::InvalidArgument(archive_path + " holds an entry that is neither a file " +
                                     "nor a directory: " + archive_entry_pathname(entry));
    }
    const std::string name = archive_entry_pathname(entry);
    const fs::path relative(name);
    bool escapes = relative.is_absolute() || name.empty();
    for (const fs::path& part : relative) escapes = escapes || part == "..";
    if (escapes) {
      return Status::InvalidArgument("refusing the entry `" + name + "` of " + archive_path +
                                     ": it would land outside the extraction directory");
    }
    archive_entry_set_pathname(entry, (root / name).c_str());
    if (archive_write_header(out.get(), entry) != ARCHIVE_OK) {
      return Status::InvalidArgument("refusing the entry `" + name + "` of " + archive_path + ": " +
                                     ErrorText(out.get(), "unsafe"));
    }
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
      const int r = archive_read_data_block(in.get(), &block, &size, &offset);
      if (r == ARCHIVE_EOF) break;
      if (r != ARCHIVE_OK) {
        return Status::InvalidArgument(
            archive_path + " is truncated or corrupt: " + ErrorText(in.get(), "unreadable"));
      }
      if (archive_write_data_block(out.get(), block, size, offset) != ARCHIVE_OK) {
        return ArchiveError(out.get(), "cannot write " + name);
      }
    }
    if (archive_write_finish_entry(out.get()) != ARCHIVE_OK) {
      return ArchiveError(out.get(), "cannot write " + name);
    }
  }
  if (archive_write_close(out.get()) != ARCHIVE_OK) return ArchiveError(out.get(), dir);
  return Status::Ok();
}

}  // namespace myriad::backup
