#include "util/byte_size.h"

#include <gtest/gtest.h>

namespace myriad {
namespace {

TEST(ByteSize, ParsesUnits) {
  EXPECT_EQ(*ParseByteSize("4096"), 4096u);
  EXPECT_EQ(*ParseByteSize("64MiB"), 64 * kMiB);
  EXPECT_EQ(*ParseByteSize("2 TiB"), 2 * kTiB);
  EXPECT_EQ(*ParseByteSize("1gb"), 1000u * 1000 * 1000);
  EXPECT_EQ(*ParseByteSize("1.5GiB"), 3 * kGiB / 2);
  EXPECT_EQ(*ParseByteSize(" 7B "), 7u);
}

TEST(ByteSize, RejectsGarbage) {
  for (const char* bad :
       {"", "MiB", "12XB", "-1", "1.2.3GiB", "99999999999999999999", "20000000TiB"}) {
    auto r = ParseByteSize(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ByteSize, Formats) {
  EXPECT_EQ(FormatByteSize(512), "512 B");
  EXPECT_EQ(FormatByteSize(64 * kMiB), "64 MiB");
  EXPECT_EQ(FormatByteSize(3 * kGiB / 2), "1.5 GiB");
}

TEST(Status, CallerErrorsAreApartFromEnvironmentErrors) {
  EXPECT_TRUE(Status::NotFound("x").IsCallerError());
  EXPECT_TRUE(Status::InvalidArgument("x").IsCallerError());
  EXPECT_FALSE(Status::MapFull("x").IsCallerError());
  EXPECT_FALSE(Status::AddressSpaceExhausted("x").IsCallerError());
  EXPECT_FALSE(Status::Ok().IsCallerError());
  EXPECT_EQ(Status::IoError("disk").WithContext("open").ToString(), "io_error: open: disk");
}

}  // namespace
}  // namespace myriad
