#include "engine/document_payload.h"

#include <string>

#include "engine/csv_payload.h"
#include "engine/json_value.h"

namespace myriad::engine {
namespace {

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

EngineFailure MalformedJson(PayloadFormat format, std::string_view reason) {
  return {EngineError::kMalformedPayload,
          "The `" + std::string(PayloadFormatName(format)) +
              "` payload provided is malformed. `Couldn't serialize document value: " +
              std::string(reason) + "`."};
}

EngineResult<std::vector<boost::json::object>> ParseJson(std::string_view body) {
  JsonReader reader;
  Result<boost::json::value> root = reader.Parse(body);
  if (!root.ok()) return MalformedJson(PayloadFormat::kJson, root.status().message());
  std::vector<boost::json::object> documents;
  if (root->is_object()) {
    documents.push_back(std::move(root->get_object()));
    return documents;
  }
  if (!root->is_array()) {
    return MalformedJson(PayloadFormat::kJson,
                         "invalid type: expected a map or a sequence of maps");
  }
  boost::json::array& array = root->get_array();
  documents.reserve(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_object()) {
      return MalformedJson(PayloadFormat::kJson, "invalid type: element " + std::to_string(i) +
                                                     " of the array is not a map");
    }
    documents.push_back(std::move(array[i].get_object()));
  }
  return documents;
}

EngineResult<std::vector<boost::json::object>> ParseNdjson(std::string_view body) {
  JsonReader reader;
  std::vector<boost::json::object> documents;
  size_t line_number = 0;
  while (!body.empty()) {
    ++line_number;
    size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body.remove_prefix(end == std::string_view::npos ? body.size() : end + 1);
    if (IsBlank(line)) continue;
    Result<boost::json::object> document = reader.ParseObject(line);
    if (!document.ok()) {
      return MalformedJson(PayloadFormat::kNdjson,
                           document.status().message() + " at line " + std::to_string(line_number));
    }
    documents.push_back(std::move(document).value());
  }
  return documents;
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

EngineResult<std::vector<boost::json::object>> ParseDocuments(std::string_view body,
                                                              PayloadFormat format,
                                                              char csv_delimiter) {
  if (IsBlank(body)) {
    return EngineFailure{EngineError::kMissingPayload,
                         "A " + std::string(PayloadFormatName(format)) + " payload is missing."};
  }
  switch (format) {
    case PayloadFormat::kJson:
      return ParseJson(body);
    case PayloadFormat::kNdjson:
      return ParseNdjson(body);
    case PayloadFormat::kCsv:
      if (csv_delimiter == '"' || csv_delimiter == '\n' || csv_delimiter == '\r' ||
          static_cast<unsigned char>(csv_delimiter) > 0x7F) {
        return EngineFailure{EngineError::kInvalidCsvDelimiter,
                             "The csv delimiter can not be a quote, a line break or a "
                             "non-ASCII character."};
      }
      return ParseCsvDocuments(body, csv_delimiter);
  }
  return MalformedJson(format, "unknown payload format");
}

EngineResult<char> ParseCsvDelimiter(std::string_view param) {
  size_t characters = 0;
  for (char c : param) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;  // not a continuation
  }
  if (characters != 1) {
    return EngineFailure{EngineError::kInvalidCsvDelimiter,
                         "Invalid value in parameter `csvDelimiter`: expected a string of one "
                         "character, but found the following string of " +
                             std::to_string(characters) + " characters: `" + std::string(param) +
                             "`"};
  }
  if (param.size() != 1) {
    return EngineFailure{
        EngineError::kInvalidCsvDelimiter,
        "csv delimiter must be an ascii character. Found: `" + std::string(param) + "`"};
  }
  return param[0];
}

}  // namespace myriad::engine
