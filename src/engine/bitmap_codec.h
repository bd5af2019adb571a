// Roaring bitmaps as LMDB values (CRoaring's portable format).
//
// Thread safety: pure functions.
#pragma once

#include <roaring/roaring.hh>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::engine {

std::string EncodeBitmap(const Roaring& bitmap);
// kCorruption when `bytes` is not a portable Roaring bitmap.
Result<Roaring> DecodeBitmap(std::string_view bytes);

}  // namespace myriad::engine
