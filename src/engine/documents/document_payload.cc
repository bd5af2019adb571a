#include "engine/documents/document_payload.h"

#include <string>

#include "engine/documents/csv_payload.h"
#include "engine/documents/json_value.h"

namespace myriad::engine {
namespace {

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Status MalformedJson(PayloadFormat format, std::string_view reason) {
  return Status::RequestError(
      "malformed_payload",
      "The `" + std::string(PayloadFormatName(format)) +
          "` payload provided is malformed. `Couldn't serialize document value: " +
          std::string(reason) + "`.");
}

// Calls `on_document(element)` for each document of a JSON or NDJSON body,
// with ParseDocuments's errors; stops at the first one.
template <typename Fn>
Status ForEachJsonDocument(std::string_view body, PayloadFormat format, Fn&& on_document) {
  using simdjson::dom::element_type;
  JsonReader reader;
  if (format == PayloadFormat::kJson) {
    Result<simdjson::dom::element> root = reader.ParseElement(body);
    if (!root.ok()) return MalformedJson(format, root.status().message());
    if (root->type() == element_type::OBJECT) {
      on_document(*root);
      return Status::Ok();
    }
    if (root->type() != element_type::ARRAY) {
      return MalformedJson(format, "invalid type: expected a map or a sequence of maps");
    }
    simdjson::dom::array array;
    if (root->get_array().get(array) != simdjson::SUCCESS) {
      return MalformedJson(format, "invalid type: expected a map or a sequence of maps");
    }
    size_t i = 0;
    for (simdjson::dom::element item : array) {
      if (item.type() != element_type::OBJECT) {
        return MalformedJson(
            format, "invalid type: element " + std::to_string(i) + " of the array is not a map");
      }
      on_document(item);
      ++i;
    }
    return Status::Ok();
  }
  size_t line_number = 0;
  while (!body.empty()) {
    ++line_number;
    size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body.remove_prefix(end == std::string_view::npos ? body.size() : end + 1);
    if (IsBlank(line)) continue;
    Result<simdjson::dom::element> document = reader.ParseElement(line);
    std::string error;
    if (!document.ok()) {
      error = document.status().message();
    } else if (document->type() != element_type::OBJECT) {
      error = "invalid type: " + std::string(JsonKindName(JsonReader::ToValue(*document))) +
              ", expected a map";
    }
    if (!error.empty()) {
      return MalformedJson(format, error + " at line " + std::to_string(line_number));
    }
    on_document(*document);
  }
  return Status::Ok();
}

Status CheckCsvDelimiter(char csv_delimiter) {
  if (csv_delimiter == '"' || csv_delimiter == '\n' || csv_delimiter == '\r' ||
      static_cast<unsigned char>(csv_delimiter) > 0x7F) {
    return Status::RequestError("invalid_document_csv_delimiter",
                                "The csv delimiter can not be a quote, a line break or a "
                                "non-ASCII character.");
  }
  return Status::Ok();
}

Status CheckNotBlank(std::string_view body, PayloadFormat format) {
  if (!IsBlank(body)) return Status::Ok();
  return Status::RequestError(
      "missing_payload", "A " + std::string(PayloadFormatName(format)) + " payload is missing.");
}

}  // namespace

std::string_view PayloadFormatName(PayloadFormat format) {
  switch (format) {
    case PayloadFormat::kJson:
      return "json";
    case PayloadFormat::kNdjson:
      return "ndjson";
    case PayloadFormat::kCsv:
      return "csv";
  }
  return "json";
}

Result<std::vector<boost::json::object>> ParseDocuments(std::string_view body, PayloadFormat format,
                                                        char csv_delimiter) {
  MYRIAD_RETURN_IF_ERROR(CheckNotBlank(body, format));
  if (format == PayloadFormat::kCsv) {
    MYRIAD_RETURN_IF_ERROR(CheckCsvDelimiter(csv_delimiter));
    return ParseCsvDocuments(body, csv_delimiter);
  }
  std::vector<boost::json::object> documents;
  MYRIAD_RETURN_IF_ERROR(ForEachJsonDocument(body, format, [&](simdjson::dom::element e) {
    documents.push_back(std::move(JsonReader::ToValue(e).get_object()));
  }));
  return documents;
}

Result<uint64_t> CountDocuments(std::string_view body, PayloadFormat format, char csv_delimiter) {
  if (format == PayloadFormat::kCsv) {
    auto documents = ParseDocuments(body, format, csv_delimiter);
    if (!documents.ok()) return documents.status();
    return static_cast<uint64_t>(documents->size());
  }
  MYRIAD_RETURN_IF_ERROR(CheckNotBlank(body, format));
  uint64_t count = 0;
  MYRIAD_RETURN_IF_ERROR(
      ForEachJsonDocument(body, format, [&](simdjson::dom::element) { ++count; }));
  return count;
}

Result<char> ParseCsvDelimiter(std::string_view param) {
  size_t characters = 0;
  for (char c : param) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;  // not a continuation
  }
  if (characters != 1) {
    return Status::RequestError(
        "invalid_document_csv_delimiter",
        "Invalid value in parameter `csvDelimiter`: expected a string of one "
        "character, but found the following string of " +
            std::to_string(characters) + " characters: `" + std::string(param) + "`");
  }
  if (param.size() != 1) {
    return Status::RequestError(
        "invalid_document_csv_delimiter",
        "csv delimiter must be an ascii character. Found: `" + std::string(param) + "`");
  }
  return param[0];
}

}  // namespace myriad::engine
