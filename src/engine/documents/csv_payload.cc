#include "engine/documents/csv_payload.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <system_error>

namespace myriad::engine {
namespace {

Status Malformed(const std::string& reason) {
  return Status::RequestError("malformed_payload",
                              "The `csv` payload provided is malformed: `" + reason + "`.");
}

// Splits RFC 4180 records. Lenient where the csv crate behind Meilisearch is
// (a quote inside an unquoted field, text after a closing quote), strict on an
// unclosed quote, which otherwise swallows the rest of the payload silently.
class CsvReader {
 public:
  CsvReader(std::string_view in, char delimiter) : in_(in), delimiter_(delimiter) {}

  // The next non-empty record into `fields`, and the line it starts on; false at the end.
  Result<bool> Next(std::vector<std::string>& fields, size_t& line) {
    while (pos_ < in_.size() && (in_[pos_] == '\n' || in_[pos_] == '\r')) {
      if (in_[pos_] == '\n') ++line_;
      ++pos_;
    }
    if (pos_ == in_.size()) return false;
    line = line_;
    fields.clear();
    while (true) {
      std::string field;
      if (in_[pos_] == '"') {
        const size_t quote_line = line_;
        ++pos_;
        while (true) {
          if (pos_ == in_.size()) {
            return Malformed("unclosed quote opened at line " + std::to_string(quote_line));
          }
          char c = in_[pos_++];
          if (c == '"') {
            if (pos_ < in_.size() && in_[pos_] == '"') {
              field.push_back('"');
              ++pos_;
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          field.push_back(c);
        }
      }
      while (pos_ < in_.size() && in_[pos_] != delimiter_ && in_[pos_] != '\n' &&
             in_[pos_] != '\r') {
        field.push_back(in_[pos_++]);
      }
      fields.push_back(std::move(field));
      if (pos_ < in_.size() && in_[pos_] == delimiter_) {
        ++pos_;
        if (pos_ == in_.size()) {  // a trailing delimiter ends the record with an empty field
          fields.emplace_back();
          return true;
        }
        continue;
      }
      if (pos_ < in_.size() && in_[pos_] == '\r') ++pos_;
      if (pos_ < in_.size() && in_[pos_] == '\n') {
        ++pos_;
        ++line_;
      }
      return true;
    }
  }

 private:
  std::string_view in_;
  const char delimiter_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

enum class ColumnType { kString, kNumber, kBoolean };

struct Column {
  std::string name;
  ColumnType type;
};

// Meilisearch's rule: split on the last ':'; an unknown type keeps the whole header.
Column ParseHeader(const std::string& header) {
  size_t colon = header.rfind(':');
  if (colon != std::string::npos) {
    std::string_view type = std::string_view(header).substr(colon + 1);
    std::string name = header.substr(0, colon);
    if (type == "string") return {std::move(name), ColumnType::kString};
    if (type == "number") return {std::move(name), ColumnType::kNumber};
    if (type == "boolean") return {std::move(name), ColumnType::kBoolean};
  }
  return {header, ColumnType::kString};
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <typename T>
bool ParseWhole(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

Result<boost::json::value> ParseCell(const std::string& cell, ColumnType type, size_t line) {
  if (type == ColumnType::kString) {
    if (cell.empty()) return boost::json::value(nullptr);
    return boost::json::value(boost::json::string(cell));
  }
  std::string_view text = Trim(cell);
  if (text.empty()) return boost::json::value(nullptr);
  if (type == ColumnType::kBoolean) {
    if (text == "true") return boost::json::value(true);
    if (text == "false") return boost::json::value(false);
    return Malformed("Error parsing boolean \"" + cell + "\" at line " + std::to_string(line) +
                     ": provided string was not `true` or `false`");
  }
  std::string_view unsigned_text = text;
  if (unsigned_text.size() > 1 && unsigned_text.front() == '+') unsigned_text.remove_prefix(1);
  int64_t integer = 0;
  if (ParseWhole(unsigned_text, integer)) return boost::json::value(integer);
  double number = 0;
  if (ParseWhole(unsigned_text, number) && std::isfinite(number)) {
    return boost::json::value(number);
  }
  return Malformed("Error parsing number \"" + cell + "\" at line " + std::to_string(line) +
                   ": invalid float literal");
}

}  // namespace

Result<std::vector<boost::json::object>> ParseCsvDocuments(std::string_view body, char delimiter) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (body.starts_with(kUtf8Bom)) body.remove_prefix(kUtf8Bom.size());
  // Documents are stored and answered as JSON text, which must be UTF-8 (the
  // JSON formats are checked by their parser; the csv crate checks this too).
  if (!simdjson::validate_utf8(body.data(), body.size())) {
    return Malformed("CSV error: the payload is not valid UTF-8");
  }
  CsvReader reader(body, delimiter);
  std::vector<std::string> fields;
  size_t line = 0;
  std::vector<boost::json::object> documents;
  MYRIAD_ASSIGN_OR_RETURN(bool has_header, reader.Next(fields, line));
  if (!has_header) return documents;
  std::vector<Column> columns;
  columns.reserve(fields.size());
  for (const std::string& header : fields) columns.push_back(ParseHeader(header));

  while (true) {
    MYRIAD_ASSIGN_OR_RETURN(bool has_record, reader.Next(fields, line));
    if (!has_record) break;
    if (fields.size() != columns.size()) {
      return Malformed("CSV error: record at line " + std::to_string(line) + " has " +
                       std::to_string(fields.size()) + " fields, but the header has " +
                       std::to_string(columns.size()) + " fields");
    }
    boost::json::object document;
    document.reserve(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      MYRIAD_ASSIGN_OR_RETURN(boost::json::value value,
                              ParseCell(fields[i], columns[i].type, line));
      document.insert_or_assign(columns[i].name, std::move(value));
    }
    documents.push_back(std::move(document));
  }
  return documents;
}

}  // namespace myriad::engine
