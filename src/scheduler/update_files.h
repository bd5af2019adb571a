// UpdateFiles: the payloads of enqueued tasks, one file per payload named by a
// random UUID, in a directory of their own (`<db>/update_files`).
//
// A payload is durable (file and directory entry fsynced) before Write returns,
// so the task naming it can be enqueued after it. Only names that pass
// index_mapper::IsValidUuid ever become paths.
//
// Thread safety: every method may be called concurrently (each file is written
// once, under a fresh name, and renamed into place).
// Ownership: owns nothing but the directory's path.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace myriad::scheduler {

class UpdateFiles {
 public:
  // Creates `dir` when missing, and removes the temporary files a crash left.
  static Result<std::unique_ptr<UpdateFiles>> Open(const std::string& dir);

  // Stores `bytes` durably under a new UUID, which it returns.
  Result<std::string> Write(std::string_view bytes);
  // kInvalidArgument for a malformed uuid, kNotFound when absent.
  Result<std::string> Read(std::string_view uuid) const;
  // The payload's size in bytes. Errors as Read.
  Result<uint64_t> Size(std::string_view uuid) const;
  // Errors as Read.
  Status Remove(std::string_view uuid);
  // The uuids of every stored payload, sorted.
  Result<std::vector<std::string>> List() const;

  const std::string& dir() const { return dir_; }

 private:
  explicit UpdateFiles(std::string dir) : dir_(std::move(dir)) {}
  // The path of `uuid`, or kInvalidArgument when it is not a valid uuid.
  Result<std::string> PathOf(std::string_view uuid) const;

  const std::string dir_;
};

}  // namespace myriad::scheduler
