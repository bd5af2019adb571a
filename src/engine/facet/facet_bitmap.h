// Roaring bitmaps as facet values (CRoaring's portable format).  The same
// format as engine/bitmap_codec.h, which lives in the engine library above us.
//
// Thread safety: pure functions.
#pragma once

#include <roaring/roaring.hh>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::facet {

std::string EncodeFacetBitmap(const Roaring& bitmap);
// kCorruption when `bytes` is not a portable Roaring bitmap.
Result<Roaring> DecodeFacetBitmap(std::string_view bytes);

}  // namespace myriad::facet
