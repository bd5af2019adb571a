#include "types/environment_error.h"

#include <gtest/gtest.h>

namespace myriad::types {
namespace {

TEST(EnvironmentError, MapsEachEnvironmentStatus) {
  struct Want {
    Status status;
    std::string_view code;
    std::string_view type;
  };
  const Want cases[] = {
      {Status::AddressSpaceExhausted("no hole"), "address_space_exhausted", "system"},
      {Status::NoSpace("commit"), "no_space_left_on_device", "system"},
      // A limit of ours, not a full disk.
      {Status::ResourceExhausted("task uids are exhausted"), "internal", "internal"},
      {Status::IoError("disk"), "internal", "internal"},
      {Status::Corruption("page"), "internal", "internal"},
      {Status::MapFull("full"), "internal", "internal"},
      {Status::Busy("busy"), "internal", "internal"},
      {Status::Internal("bug"), "internal", "internal"},
      {Status::NotFound("a caller error without a code"), "internal", "internal"},
  };
  for (const Want& w : cases) {
    const EnvironmentError e = DescribeEnvironmentError(w.status);
    EXPECT_EQ(e.code, w.code) << w.status.ToString();
    EXPECT_EQ(e.type, w.type) << w.status.ToString();
  }
}

TEST(EnvironmentError, MessagesAreTheStatusOrMeilisearchsForAFullDisk) {
  EXPECT_EQ(DescribeEnvironmentError(Status::IoError("write x: EIO")).message, "write x: EIO");
  EXPECT_EQ(DescribeEnvironmentError(Status::NoSpace("write update file")).message,
            "There is no more space left on the device. Consider increasing the size of the "
            "disk/partition. (write update file)");
}

}  // namespace
}  // namespace myriad::types
