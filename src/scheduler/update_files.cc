#include "scheduler/update_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "index_mapper/index_meta.h"

namespace myriad::scheduler {
namespace {

constexpr std::string_view kTempPrefix = ".tmp-";

// A full disk is kNoSpace, so that the client is told so (and can retry later).
Status Errno(const std::string& what) {
  const int error = errno;
  std::string message = what + ": " + std::strerror(error);
  if (error == ENOSPC || error == EDQUOT) return Status::NoSpace(std::move(message));
  return Status::IoError(std::move(message));
}

// Closes a file descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error close() can carry for a written file.
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

Status SyncDir(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Errno("open " + dir);
  if (::fsync(fd.get()) != 0) return Errno("fsync " + dir);
  return Status::Ok();
}

Result<std::vector<std::string>> Names(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return Errno("opendir " + dir);
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
  ::closedir(d);
  return names;
}

}  // namespace

Result<std::unique_ptr<UpdateFiles>> UpdateFiles::Open(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return Errno("mkdir " + dir);
  MYRIAD_ASSIGN_OR_RETURN(std::vector<std::string> names, Names(dir));
  for (const std::string& name : names) {
    // A temporary file is a payload whose Write never returned: no task names it.
    if (std::string_view(name).starts_with(kTempPrefix)) ::unlink((dir + "/" + name).c_str());
  }
  return std::unique_ptr<UpdateFiles>(new UpdateFiles(dir));
}

Result<std::string> UpdateFiles::PathOf(std::string_view uuid) const {
  if (!index_mapper::IsValidUuid(uuid)) {
    return Status::InvalidArgument("`" + std::string(uuid) + "` is not an update file uuid");
  }
  return dir_ + "/" + std::string(uuid);
}

Result<std::string> UpdateFiles::Write(std::string_view bytes) {
  const std::string uuid = index_mapper::NewUuid();
  const std::string temp = dir_ + "/" + std::string(kTempPrefix) + uuid;
  {
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0) return Errno("create " + temp);
    while (!bytes.empty()) {
      ssize_t n = ::write(fd.get(), bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        Status st = Errno("write " + temp);
        ::unlink(temp.c_str());
        return st;
      }
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    if (::fsync(fd.get()) != 0 || !fd.Close()) {
      Status st = Errno("fsync " + temp);
      ::unlink(temp.c_str());
      return st;
    }
  }
  const std::string final_path = dir_ + "/" + uuid;
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    Status st = Errno("rename " + temp);
    ::unlink(temp.c_str());
    return st;
  }
  MYRIAD_RETURN_IF_ERROR(SyncDir(dir_));
  return uuid;
}

Result<std::string> UpdateFiles::Read(std::string_view uuid) const {
  MYRIAD_ASSIGN_OR_RETURN(std::string path, PathOf(uuid));
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status::NotFound("update file " + std::string(uuid) + " not found");
    return Errno("open " + path);
  }
  // Read straight into a string of the file's size: a payload is read once per
  // task, and can be large.
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return Errno("stat " + path);
  // One byte more than the size, so that the read that finds the end needs no growth.
  std::string out(static_cast<size_t>(st.st_size) + 1, '\0');
  size_t filled = 0;
  for (;;) {
    if (filled == out.size()) out.resize(filled + (1 << 16));  // grew since fstat
    ssize_t n = ::read(fd.get(), out.data() + filled, out.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("read " + path);
    if (n == 0) {
      out.resize(filled);
      return out;
    }
    filled += static_cast<size_t>(n);
  }
}

Result<uint64_t> UpdateFiles::Size(std::string_view uuid) const {
  MYRIAD_ASSIGN_OR_RETURN(std::string path, PathOf(uuid));
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("update file " + std::string(uuid) + " not found");
    return Errno("stat " + path);
  }
  return static_cast<uint64_t>(st.st_size);
}

Status UpdateFiles::Remove(std::string_view uuid) {
  MYRIAD_ASSIGN_OR_RETURN(std::string path, PathOf(uuid));
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return Status::NotFound("update file " + std::string(uuid) + " not found");
    return Errno("unlink " + path);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> UpdateFiles::List() const {
  MYRIAD_ASSIGN_OR_RETURN(std::vector<std::string> names, Names(dir_));
  std::erase_if(names, [](const std::string& n) { return !index_mapper::IsValidUuid(n); });
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace myriad::scheduler
