// Document payloads on any input. The first byte picks the format (JSON,
// NDJSON, CSV) and the CSV delimiter; the rest is the body. The property:
// CountDocuments, which refuses bad payloads before they are queued, accepts
// exactly what ParseDocuments accepts, with the same count or the same error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/documents/document_payload.h"

using myriad::engine::PayloadFormat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr PayloadFormat kFormats[] = {PayloadFormat::kJson, PayloadFormat::kNdjson,
                                        PayloadFormat::kCsv};
  const PayloadFormat format = kFormats[data[0] % 3];
  const char delimiter = (data[0] / 3) % 2 == 0 ? ',' : ';';
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  auto parsed = myriad::engine::ParseDocuments(body, format, delimiter);
  auto counted = myriad::engine::CountDocuments(body, format, delimiter);
  if (parsed.ok() != counted.ok()) __builtin_trap();
  if (parsed.ok() && parsed->size() != *counted) __builtin_trap();
  if (!parsed.ok() && parsed.status().IsRequestError() && counted.status().IsRequestError() &&
      parsed.status().error_code() != counted.status().error_code()) {
    __builtin_trap();
  }
  return 0;
}
