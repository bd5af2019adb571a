#include "backup/staged_build.h"

#include <filesystem>

namespace myriad::backup {

Status BuildBeside(const std::string& db_path,
                   const std::function<Status(const std::string& building)>& build) {
  namespace fs = std::filesystem;
  const fs::path building = db_path + ".importing";
  std::error_code ec;
  fs::remove_all(building, ec);
  fs::create_directories(building, ec);
  Status st = ec ? Status::IoError("cannot create " + building.string() + ": " + ec.message())
                 : build(building.string());
  if (st.ok()) {
    fs::rename(building, db_path, ec);
    if (ec) {
      st = Status::IoError("cannot move the imported database into " + db_path + ": " +
                           ec.message());
    }
  }
  if (!st.ok()) fs::remove_all(building, ec);
  return st;
}

}  // namespace myriad::backup
