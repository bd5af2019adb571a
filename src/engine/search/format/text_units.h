// TextUnit: a text cut into words and separators the way charabia's token stream is,
// which milli's crop walks (words count toward cropLength; separators only decide
// which side grows, soft before hard).
//
// Our Tokenizer reports words only; the gaps between them are re-split here with the
// default separator list: each default separator (leftmost-longest, so ". " and ", "
// are one hard unit) is one unit, and a run of other characters (a word the Tokenizer
// dropped, e.g. over kMaxWordBytes) is one word unit. Custom separatorTokens inside a
// gap are cut per code point as soft units (charabia would keep them whole).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/indexing/text/token.h"

namespace myriad::format {

enum class UnitKind : uint8_t { kWord, kSoftSeparator, kHardSeparator };

struct TextUnit {
  uint32_t byte_start = 0;
  uint32_t byte_end = 0;
  UnitKind kind = UnitKind::kWord;
};

// Replaces *units with the units of `text` in order, covering it entirely, and
// *token_units with, for each of `tokens`, the index of its unit.
// REQUIRES: tokens are the Tokenizer's words of `text`, in order; outputs not null.
void SplitIntoUnits(std::string_view text, std::span<const text::Token> tokens,
                    std::vector<TextUnit>* units, std::vector<uint32_t>* token_units);

}  // namespace myriad::format
