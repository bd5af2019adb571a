// CropWindow: which part of a text a cropped value keeps, as milli chooses it
// (search/new/matches: best_match_interval.rs and Matcher::crop_bounds).
//
//   1. Among the runs of matches that fit in `crop_words` words, take the best by, in
//      order: most distinct query words, smallest gaps between consecutive matches
//      (each gap counted up to 7 words), most consecutive pairs in query order. Ties
//      keep the earliest run. No run fits -> the first match alone.
//   2. Grow the window from that run one word at a time, alternating sides (left
//      first), stepping over separators, preferring to cross a soft separator over a
//      hard one, until it holds `crop_words` words or the text ends.
//   Without matches the window is the first `crop_words` words. Separators before the
//   first word are kept when the window starts at the text's start.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <span>

#include "engine/search/format/text_units.h"

namespace myriad::format {

struct CropMatch {
  uint32_t unit = 0;        // index in the units
  uint32_t word = 0;        // number of word units before it
  uint32_t query_word = 0;  // WordMatch::query_word
};

struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// The bytes of the text to keep.
// REQUIRES: crop_words > 0; units cover a text of `text_size` bytes in order; matches
// are word units of `units`, in text order.
ByteRange CropWindow(std::span<const TextUnit> units, std::span<const CropMatch> matches,
                     uint32_t crop_words, uint32_t text_size);

}  // namespace myriad::format
