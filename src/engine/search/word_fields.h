// Reading sdbs::kWordFieldDocids: the documents holding one word, field by field.
//
// Thread safety: as the cursor's transaction (one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <roaring/roaring.hh>

#include "storage/cursor.h"
#include "util/result.h"

namespace myriad::engine {

// Calls `f(field id, documents)` for each field that holds word `word_id`, in
// field id order, moving `cursor` (on kWordFieldDocids). Stops at f's first
// error and returns it.
Status ForEachWordField(storage::Cursor& cursor, uint32_t word_id,
                        const std::function<Status(uint16_t, Roaring)>& f);

}  // namespace myriad::engine
