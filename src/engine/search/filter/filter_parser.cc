// A hand-written port of the *behaviour* of Meilisearch's nom parser
// (crates/filter-parser): the same alternatives in the same order, the same
// backtracking points, so that the same error, at the same span, wins.
//
// nom distinguishes a recoverable Error (the next alternative is tried) from a
// Failure (a `cut`: the whole parse stops) and Incomplete (an escape sequence
// cut short); each function here returns that outcome and leaves the error of
// the last failed attempt in `err_`, as nom's `alt` keeps the last error.
#include "engine/search/filter/filter_parser.h"

#include <boost/json/serialize.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/search/filter/filter_chars.h"
#include "engine/search/filter/filter_unescape.h"

namespace myriad::filter {
namespace {

constexpr int kMaxDepth = 150;

enum class Outcome { kOk, kError, kFailure, kIncomplete };

enum class ErrorKind {
  kInternal,
  kReservedGeo,
  kGeoRadius,
  kGeoRadiusArgumentCount,
  kGeoBoundingBox,
  kGeoPolygon,
  kGeoPolygonNotEnoughPoints,
  kGeoCoordinatesNotPair,
  kMisusedGeoRadius,
  kMisusedGeoBoundingBox,
  kInvalidPrimary,
  kInvalidEscapedNumber,
  kExpectedEof,
  kIncomplete,
  kExpectedValue,
  kExpectedReservedKeyword,  // ExpectedValue(ReservedKeyword)
  kMalformedValue,
  kInOpeningBracket,
  kInClosingBracket,
  kInExpectedValue,
  kReservedKeyword,
  kMissingClosingDelimiter,
  kChar,
  kDepthLimitReached,
};

struct SyntaxError {
  ErrorKind kind = ErrorKind::kInternal;
  std::size_t begin = 0;  // the context span, bytes of the input
  std::size_t end = 0;
  const char* name = "";  // kReservedGeo: the reserved word
  std::size_t count = 0;  // argument / point / coordinate counts
  char delimiter = 0;     // kMissingClosingDelimiter, kChar
};

std::string Message(const SyntaxError& e, std::string_view input) {
  const std::string_view fragment = input.substr(e.begin, e.end - e.begin);
  const std::string escaped = EscapeDebug(fragment);
  bool blank = true;
  for (std::size_t pos = 0; pos < fragment.size() && blank;) {
    const Utf8Char d = DecodeRustChar(fragment, pos);
    blank = IsRustWhitespace(d.code);
    pos += d.size;
  }
  switch (e.kind) {
    case ErrorKind::kExpectedValue:
    case ErrorKind::kExpectedReservedKeyword:
      if (blank) return "Was expecting a value but instead got nothing.";
      if (e.kind == ErrorKind::kExpectedReservedKeyword) {
        return "Was expecting a value but instead got `" + escaped +
               "`, which is a reserved keyword. To use `" + escaped +
               "` as a field name or a value, surround it by quotes.";
      }
      return "Was expecting a value but instead got `" + escaped + "`.";
    case ErrorKind::kMalformedValue:
      return "Malformed value: `" + escaped + "`.";
    case ErrorKind::kMissingClosingDelimiter:
      return "Expression `" + escaped + "` is missing the following closing delimiter: `" +
             std::string(1, e.delimiter) + "`.";
    case ErrorKind::kInvalidPrimary:
      return std::string(
                 "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, "
                 "`TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`, `IS NOT NULL`, `IS EMPTY`, `IS NOT "
                 "EMPTY`, `CONTAINS`, `NOT CONTAINS`, `STARTS WITH`, `NOT STARTS WITH`, "
                 "`_geoRadius`, `_geoBoundingBox` or `_geoPolygon` ") +
             (blank ? "but instead got nothing." : "at `" + escaped + "`.");
    case ErrorKind::kInvalidEscapedNumber:
      return "Found an invalid escaped sequence number: `" + escaped + "`.";
    case ErrorKind::kExpectedEof:
      return "Found unexpected characters at the end of the filter: `" + escaped +
             "`. You probably forgot an `OR` or an `AND` rule.";
    case ErrorKind::kIncomplete:
      return "The filter is incomplete and requires Unknown additional bytes to be parsed.";
    case ErrorKind::kGeoRadius:
      return "The `_geoRadius` filter must be in the form: `_geoRadius(latitude, longitude, "
             "radius, optionalResolution)`.";
    case ErrorKind::kGeoRadiusArgumentCount:
      return "Was expecting 3 or 4 arguments for `_geoRadius`, but instead found " +
             std::to_string(e.count) + ".";
    case ErrorKind::kGeoBoundingBox:
      return "The `_geoBoundingBox` filter expects two pairs of arguments: "
             "`_geoBoundingBox([latitude, longitude], [latitude, longitude])`.";
    case ErrorKind::kGeoPolygon:
      return "The `_geoPolygon` filter doesn't match the expected format: "
             "`_geoPolygon([latitude, longitude], [latitude, longitude])`.";
    case ErrorKind::kGeoPolygonNotEnoughPoints:
      return "The `_geoPolygon` filter expects at least 3 points but only " +
             std::to_string(e.count) + " were specified";
    case ErrorKind::kGeoCoordinatesNotPair:
      return "Was expecting 2 coordinates but instead found " + std::to_string(e.count) + ".";
    case ErrorKind::kReservedGeo:
      return std::string("`") + e.name +
             "` is a reserved keyword and thus can't be used as a filter expression. Use the "
             "`_geoRadius(latitude, longitude, distance)` or `_geoBoundingBox([latitude, "
             "longitude], [latitude, longitude])` built-in rules to filter on `_geo` "
             "coordinates.";
    case ErrorKind::kMisusedGeoRadius:
      return "The `_geoRadius` filter is an operation and can't be used as a value.";
    case ErrorKind::kMisusedGeoBoundingBox:
      return "The `_geoBoundingBox` filter is an operation and can't be used as a value.";
    case ErrorKind::kInOpeningBracket:
      return "Expected `[` after `IN` keyword.";
    case ErrorKind::kInClosingBracket:
      return "Expected matching `]` after the list of field names given to `IN[`";
    case ErrorKind::kInExpectedValue:
      return "Expected only comma-separated field names inside `IN[..]` but instead found `" +
             escaped + "`.";
    case ErrorKind::kDepthLimitReached:
      return "The filter exceeded the maximum depth limit. Try rewriting the filter so that it "
             "contains fewer nested conditions.";
    case ErrorKind::kReservedKeyword:
    case ErrorKind::kChar:
    case ErrorKind::kInternal:
      break;
  }
  // Meilisearch maps these away before they reach the user; reaching here is a
  // bug in this port, reported as Meilisearch reports its internal errors.
  return "Encountered an internal `Tag` error while parsing your filter. Please fill an issue";
}

bool IsValueComponent(char32_t c) {
  return c == '_' || c == '-' || c == '.' || IsRustAlphanumeric(c);
}

bool IsSyntaxComponent(char32_t c) {
  return c == '(' || c == ')' || c == '=' || c == '<' || c == '>' || c == '!' ||
         IsRustWhitespace(c);
}

bool IsKeyword(std::string_view s) {
  static constexpr std::string_view kKeywords[] = {
      "AND",  "OR",    "IN",       "NOT",    "TO",   "EXISTS",     "IS",
      "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH", "_geoRadius", "_geoBoundingBox"};
  for (std::string_view k : kKeywords) {
    if (s == k) return true;
  }
  return false;
}

FilterExpr Wrap(FilterCondition c) { return FilterExpr{std::move(c)}; }
FilterExpr Negate(FilterExpr e) {
  // `NOT NOT x` is `x`, as in Meilisearch.
  if (auto* n = std::get_if<FilterNot>(&e.node)) return std::move(*n->child);
  return FilterExpr{FilterNot{std::make_unique<FilterExpr>(std::move(e))}};
}

class Parser {
 public:
  explicit Parser(std::shared_ptr<const std::string> source)
      : source_(std::move(source)), in_(*source_) {}

  std::variant<FilterExpr, FilterError> Run() {
    std::size_t next = 0;
    FilterExpr expr;
    Outcome o = ParseOr(0, 0, &next, &expr);
    if (o == Outcome::kOk && next != in_.size()) {
      o = Outcome::kError;
      Fail(ErrorKind::kExpectedEof, next);
    }
    if (o == Outcome::kOk) return expr;
    if (o == Outcome::kIncomplete) Fail(ErrorKind::kIncomplete, 0);
    return FilterError{FormatDiagnostic(Message(err_, in_), in_, err_.begin, err_.end)};
  }

 private:
  // ---- primitives ----
  bool AtEnd(std::size_t pos) const { return pos >= in_.size(); }
  char At(std::size_t pos) const { return pos < in_.size() ? in_[pos] : '\0'; }

  // Records an error whose context runs from `begin` to the end of the input,
  // as most of nom's contexts do.
  void Fail(ErrorKind kind, std::size_t begin) { Fail(kind, begin, in_.size()); }
  void Fail(ErrorKind kind, std::size_t begin, std::size_t end) {
    err_ = SyntaxError{};
    err_.kind = kind;
    err_.begin = begin;
    err_.end = end;
  }

  std::size_t SkipMultispace(std::size_t pos) const {
    while (pos < in_.size() && IsMultispace(in_[pos])) ++pos;
    return pos;
  }
  std::size_t SkipWhitespace(std::size_t pos) const {
    while (pos < in_.size()) {
      const Utf8Char d = DecodeRustChar(in_, pos);
      if (!IsRustWhitespace(d.code)) break;
      pos += d.size;
    }
    return pos;
  }
  std::size_t SkipWord(std::size_t pos) const {
    while (pos < in_.size()) {
      const Utf8Char d = DecodeRustChar(in_, pos);
      if (!IsValueComponent(d.code)) break;
      pos += d.size;
    }
    return pos;
  }
  bool StartsWith(std::size_t pos, std::string_view tag) const {
    return in_.substr(std::min(pos, in_.size())).substr(0, tag.size()) == tag;
  }
  // nom's `word_exact`: the whole word at pos is `tag`; *end is after it.
  bool WordIs(std::size_t pos, std::string_view tag, std::size_t* end) const {
    const std::size_t e = SkipWord(pos);
    if (e == pos || in_.substr(pos, e - pos) != tag) return false;
    *end = e;
    return true;
  }
  // `tag(t)` then `multispace1`.
  bool TagThenSpace(std::size_t pos, std::string_view tag, std::size_t* end) const {
    if (!StartsWith(pos, tag)) return false;
    pos += tag.size();
    if (!IsMultispace(At(pos))) return false;
    *end = SkipMultispace(pos);
    return true;
  }
  FilterToken MakeToken(std::size_t begin, std::size_t end, std::string value) const {
    return FilterToken{std::move(value), source_, begin, end};
  }

  // ---- numbers (nom's recognize_float) ----
  Outcome RecognizeFloat(std::size_t pos, std::size_t* end) {
    std::size_t p = pos;
    if (At(p) == '+' || At(p) == '-') ++p;
    const auto digits = [&](std::size_t q) {
      while (q < in_.size() && in_[q] >= '0' && in_[q] <= '9') ++q;
      return q;
    };
    std::size_t q = digits(p);
    if (q > p) {
      p = q;
      if (At(p) == '.') p = digits(p + 1);
    } else {
      if (At(p) != '.') return Fail(ErrorKind::kChar, p), Outcome::kError;
      q = digits(p + 1);
      if (q == p + 1) return Fail(ErrorKind::kInternal, p + 1), Outcome::kError;
      p = q;
    }
    if (At(p) == 'e' || At(p) == 'E') {
      std::size_t r = p + 1;
      if (At(r) == '+' || At(r) == '-') ++r;
      const std::size_t s = digits(r);
      if (s == r) return Fail(ErrorKind::kInternal, r), Outcome::kFailure;  // nom's cut(digit1)
      p = s;
    }
    *end = p;
    return Outcome::kOk;
  }

  // separated_list1(tag(","), ws(recognize_float))
  Outcome FloatList(std::size_t pos, std::size_t* next, std::vector<FilterToken>* out) {
    std::size_t cur = pos;
    bool first = true;
    for (;;) {
      std::size_t p = cur;
      if (!first) {
        if (At(p) != ',') break;
        ++p;
      }
      const std::size_t start = SkipMultispace(p);
      std::size_t end;
      const Outcome o = RecognizeFloat(start, &end);
      if (o == Outcome::kFailure || (o == Outcome::kError && first)) return o;
      if (o == Outcome::kError) break;
      out->push_back(MakeToken(start, end, std::string(in_.substr(start, end - start))));
      cur = SkipMultispace(end);
      first = false;
    }
    *next = cur;
    return Outcome::kOk;
  }

  // separated_list1(tag(","), ws(delimited('[', FloatList, ']')))
  Outcome PointList(std::size_t pos, std::size_t* next,
                    std::vector<std::vector<FilterToken>>* out) {
    std::size_t cur = pos;
    bool first = true;
    for (;;) {
      std::size_t p = cur;
      if (!first) {
        if (At(p) != ',') break;
        ++p;
      }
      p = SkipMultispace(p);
      Outcome o = Outcome::kOk;
      std::vector<FilterToken> coords;
      std::size_t after = p;
      if (At(p) != '[') {
        Fail(ErrorKind::kChar, p);
        o = Outcome::kError;
      } else {
        o = FloatList(p + 1, &after, &coords);
        if (o == Outcome::kOk && At(after) != ']') {
          Fail(ErrorKind::kChar, after);
          o = Outcome::kError;
        }
      }
      if (o == Outcome::kFailure || (o == Outcome::kError && first)) return o;
      if (o == Outcome::kError) break;
      out->push_back(std::move(coords));
      cur = SkipMultispace(after + 1);
      first = false;
    }
    *next = cur;
    return Outcome::kOk;
  }

  // An error or failure inside a geo function's arguments becomes a failure
  // of `kind`, keeping where it happened (nom's map_cut).
  Outcome CutAs(ErrorKind kind) {
    const std::size_t begin = err_.begin, end = err_.end;
    Fail(kind, begin, end);
    return Outcome::kFailure;
  }

  // ---- geo ----
  Outcome ParseGeoRadius(std::size_t pos, std::size_t* next, FilterExpr* out) {
    std::size_t p;
    if (!WordIs(SkipMultispace(pos), "_geoRadius", &p))
      return Fail(ErrorKind::kInternal, pos), Outcome::kError;
    if (At(p) != '(') return Fail(ErrorKind::kChar, p), CutAs(ErrorKind::kGeoRadius);
    std::vector<FilterToken> args;
    std::size_t after;
    if (FloatList(p + 1, &after, &args) != Outcome::kOk) return CutAs(ErrorKind::kGeoRadius);
    if (At(after) != ')') return Fail(ErrorKind::kChar, after), CutAs(ErrorKind::kGeoRadius);
    *next = after + 1;
    if (args.size() < 3 || args.size() > 4) {
      Fail(ErrorKind::kGeoRadiusArgumentCount, *next);
      err_.count = args.size();
      return Outcome::kFailure;
    }
    GeoRadius geo{args[0], args[1], args[2], std::nullopt};
    if (args.size() == 4) geo.resolution = args[3];
    out->node = std::move(geo);
    return Outcome::kOk;
  }

  Outcome CheckPairs(const std::vector<std::vector<FilterToken>>& points, std::size_t fallback) {
    for (const auto& point : points) {
      if (point.size() != 2) {
        if (point.empty()) {
          Fail(ErrorKind::kGeoCoordinatesNotPair, fallback);
        } else {
          Fail(ErrorKind::kGeoCoordinatesNotPair, point[0].begin, point[0].end);
        }
        err_.count = point.size();
        return Outcome::kFailure;
      }
    }
    return Outcome::kOk;
  }

  Outcome ParseGeoBoundingBox(std::size_t pos, std::size_t* next, FilterExpr* out) {
    std::size_t p;
    if (!WordIs(SkipMultispace(pos), "_geoBoundingBox", &p))
      return Fail(ErrorKind::kInternal, pos), Outcome::kError;
    if (At(p) != '(') return Fail(ErrorKind::kChar, p), CutAs(ErrorKind::kGeoBoundingBox);
    std::vector<std::vector<FilterToken>> points;
    std::size_t after;
    if (PointList(p + 1, &after, &points) != Outcome::kOk) return CutAs(ErrorKind::kGeoBoundingBox);
    if (At(after) != ')') return Fail(ErrorKind::kChar, after), CutAs(ErrorKind::kGeoBoundingBox);
    *next = after + 1;
    if (points.size() != 2) return Fail(ErrorKind::kGeoBoundingBox, *next), Outcome::kFailure;
    if (CheckPairs(points, *next) != Outcome::kOk) return Outcome::kFailure;
    out->node = GeoBoundingBox{{points[0][0], points[0][1]}, {points[1][0], points[1][1]}};
    return Outcome::kOk;
  }

  Outcome ParseGeoPolygon(std::size_t pos, std::size_t* next, FilterExpr* out) {
    std::size_t p;
    if (!WordIs(SkipMultispace(pos), "_geoPolygon", &p))
      return Fail(ErrorKind::kInternal, pos), Outcome::kError;
    if (At(p) != '(') return Fail(ErrorKind::kChar, p), CutAs(ErrorKind::kGeoPolygon);
    std::vector<std::vector<FilterToken>> points;
    std::size_t after;
    if (PointList(p + 1, &after, &points) != Outcome::kOk) return CutAs(ErrorKind::kGeoPolygon);
    std::size_t close = after;
    const std::size_t comma = SkipMultispace(after);
    if (At(comma) == ',') close = SkipMultispace(comma + 1);  // a trailing comma is tolerated
    if (At(close) != ')') return Fail(ErrorKind::kChar, close), CutAs(ErrorKind::kGeoPolygon);
    *next = close + 1;
    if (points.size() < 3) {
      const auto& last = points.back();  // PointList yields at least one point
      if (last.empty()) {
        Fail(ErrorKind::kGeoPolygonNotEnoughPoints, *next);
      } else {
        Fail(ErrorKind::kGeoPolygonNotEnoughPoints, last.back().begin, last.back().end);
      }
      err_.count = points.size();
      return Outcome::kFailure;
    }
    if (CheckPairs(points, *next) != Outcome::kOk) return Outcome::kFailure;
    GeoPolygon polygon;
    for (auto& point : points) polygon.points.push_back({point[0], point[1]});
    out->node = std::move(polygon);
    return Outcome::kOk;
  }

  // `_geoPoint(..)`, `_geoDistance(..)` and `_geo(..)` are never allowed: a
  // Failure as soon as the name is seen, an Error otherwise.
  Outcome ReservedGeo(std::size_t pos) {
    const std::size_t p = SkipMultispace(pos);
    const char* name = nullptr;
    std::size_t end;
    if (StartsWith(p, "_geoPoint")) {
      name = "_geoPoint";
    } else if (StartsWith(p, "_geoDistance")) {
      name = "_geoDistance";
    } else if (WordIs(p, "_geo", &end)) {
      name = "_geo";
    }
    if (name == nullptr) return Fail(ErrorKind::kInternal, pos), Outcome::kError;
    Fail(ErrorKind::kReservedGeo, pos);
    err_.name = name;
    return Outcome::kFailure;
  }

  // ---- values ----
  Outcome ParseValue(std::size_t pos, std::size_t* next, FilterToken* out) {
    const std::size_t p = SkipWhitespace(pos);
    {
      const std::size_t q = SkipMultispace(p);
      if (StartsWith(q, "_geoPoint") || StartsWith(q, "_geoDistance")) return ReservedGeo(p);
      std::size_t end;
      if (WordIs(q, "_geo", &end)) return ReservedGeo(p);
    }
    std::size_t ignored;
    FilterExpr scratch;
    if (ParseGeoRadius(p, &ignored, &scratch) != Outcome::kError) {
      return Fail(ErrorKind::kMisusedGeoRadius, p), Outcome::kFailure;
    }
    if (ParseGeoBoundingBox(p, &ignored, &scratch) != Outcome::kError) {
      return Fail(ErrorKind::kMisusedGeoBoundingBox, p), Outcome::kFailure;
    }

    std::size_t begin, end, after;
    std::string raw;
    const char quote = At(p);
    if (quote == '\'' || quote == '"') {
      begin = p + 1;
      bool escaped = false;
      std::size_t q = begin;
      while (q < in_.size() && in_[q] != quote) {
        if (in_[q] == '\\') {
          if (q + 1 >= in_.size())
            return Fail(ErrorKind::kMalformedValue, begin), Outcome::kFailure;
          const Utf8Char d = DecodeRustChar(in_, q + 1);
          escaped |= d.code == static_cast<char32_t>(quote);
          q += 1 + d.size;
        } else {
          q += DecodeRustChar(in_, q).size;
        }
      }
      end = std::min(q, in_.size());
      if (end >= in_.size()) {
        Fail(ErrorKind::kMissingClosingDelimiter, p);
        err_.delimiter = quote;
        return Outcome::kFailure;
      }
      raw = std::string(in_.substr(begin, end - begin));
      if (escaped) {
        // Only the quote's own escape is removed here; unescaping below does the rest.
        const std::string from = std::string("\\") + quote;
        std::string replaced;
        for (std::size_t i = 0; i < raw.size();) {
          if (raw.compare(i, 2, from) == 0) {
            replaced += quote;
            i += 2;
          } else {
            replaced += raw[i++];
          }
        }
        raw = std::move(replaced);
      }
      after = end + 1;
    } else {
      begin = p;
      end = SkipWord(p);
      const std::string_view word = in_.substr(begin, end - begin);
      if (end == begin || IsKeyword(word)) {
        std::size_t stop = p;
        while (stop < in_.size()) {
          const Utf8Char d = DecodeRustChar(in_, stop);
          if (IsSyntaxComponent(d.code)) break;
          stop += d.size;
        }
        Fail(end == begin ? ErrorKind::kExpectedValue : ErrorKind::kExpectedReservedKeyword, p,
             stop);
        return Outcome::kError;
      }
      raw = std::string(word);
      after = end;
    }
    std::string value;
    switch (UnescapeValue(raw, &value)) {
      case UnescapeStatus::kOk:
        break;
      case UnescapeStatus::kIncomplete:
        return Outcome::kIncomplete;
      case UnescapeStatus::kInvalidNumber:
        return Fail(ErrorKind::kInvalidEscapedNumber, begin, end), Outcome::kError;
      case UnescapeStatus::kInvalidChar:
        return Fail(ErrorKind::kMalformedValue, begin, end), Outcome::kError;
    }
    *out = MakeToken(begin, end, std::move(value));
    *next = SkipMultispace(after);
    return Outcome::kOk;
  }

  // nom's `cut`: an Error here stops the whole parse.
  static Outcome Cut(Outcome o) { return o == Outcome::kError ? Outcome::kFailure : o; }

  // "IN" WS* "[" value_list "]", from just after the attribute.
  Outcome ParseInBody(std::size_t pos, std::size_t* next, std::vector<FilterToken>* out) {
    std::size_t p;
    if (!WordIs(SkipMultispace(pos), "IN", &p))
      return Fail(ErrorKind::kInternal, pos), Outcome::kError;
    p = SkipMultispace(p);
    if (At(p) != '[') return Fail(ErrorKind::kInOpeningBracket, p), Outcome::kFailure;
    std::size_t cur = p + 1;
    FilterToken token;
    std::size_t after;
    Outcome o = ParseValue(cur, &after, &token);
    if (o == Outcome::kFailure || o == Outcome::kIncomplete) return o;
    if (o == Outcome::kOk) {
      out->push_back(std::move(token));
      cur = after;
      for (;;) {
        const std::size_t comma = SkipMultispace(cur);
        if (At(comma) != ',') break;
        o = ParseValue(SkipMultispace(comma + 1), &after, &token);
        if (o == Outcome::kFailure || o == Outcome::kIncomplete) return o;
        if (o == Outcome::kError) break;
        out->push_back(std::move(token));
        cur = after;
      }
      const std::size_t comma = SkipMultispace(cur);
      if (At(comma) == ',') cur = SkipMultispace(comma + 1);
    }
    const std::size_t close = SkipMultispace(cur);
    if (At(close) != ']') {
      Fail(AtEnd(cur) ? ErrorKind::kInClosingBracket : ErrorKind::kInExpectedValue, cur);
      return Outcome::kFailure;
    }
    *next = SkipMultispace(close + 1);
    return Outcome::kOk;
  }

  Outcome ParsePrimary(std::size_t pos, int depth, std::size_t* next, FilterExpr* out) {
    if (depth > kMaxDepth) return Fail(ErrorKind::kDepthLimitReached, pos), Outcome::kError;
    Outcome o;
    // "(" expression ")"
    {
      const std::size_t p = SkipMultispace(pos);
      if (At(p) == '(') {
        std::size_t after;
        o = Cut(ParseOr(SkipMultispace(p + 1), depth + 1, &after, out));
        if (o != Outcome::kOk) return o;
        const std::size_t close = SkipMultispace(after);
        if (At(close) != ')') {
          Fail(ErrorKind::kMissingClosingDelimiter, pos);
          err_.delimiter = ')';
          return Outcome::kFailure;
        }
        *next = SkipMultispace(close + 1);
        return Outcome::kOk;
      }
    }
    o = ParseGeoRadius(pos, next, out);
    if (o != Outcome::kError) return o;
    o = ParseGeoBoundingBox(pos, next, out);
    if (o != Outcome::kError) return o;
    o = ParseGeoPolygon(pos, next, out);
    if (o != Outcome::kError) return o;

    FilterToken fid;
    std::size_t p;
    // Every remaining operator starts with a value: parse it once.  When it is
    // an Error, every alternative fails the same way, the reserved-keyword case
    // being the only one reported as is.
    o = ParseValue(pos, &p, &fid);
    if (o == Outcome::kFailure || o == Outcome::kIncomplete) return o;
    if (o == Outcome::kOk) {
      o = ParseOperator(std::move(fid), p, next, out);
      if (o != Outcome::kError) return o;
    } else if (err_.kind == ErrorKind::kExpectedReservedKeyword) {
      return Outcome::kFailure;
    }
    // Meilisearch also tries `_geo`, `_geoDistance` and `_geoPoint` here, but
    // ParseValue above has already failed on those.
    return Fail(ErrorKind::kInvalidPrimary, pos), Outcome::kError;
  }

  // Everything after the attribute, in Meilisearch's order: IN, NOT IN,
  // comparisons, IS [NOT] NULL, IS [NOT] EMPTY, [NOT] EXISTS, TO, [NOT]
  // CONTAINS, [NOT] STARTS WITH.  `p` is just after the attribute (and its
  // trailing spaces).
  Outcome ParseOperator(FilterToken fid, std::size_t p, std::size_t* next, FilterExpr* out) {
    std::vector<FilterToken> list;
    Outcome o = ParseInBody(p, next, &list);
    if (o != Outcome::kError) {
      if (o == Outcome::kOk)
        *out = Wrap(FilterCondition{std::move(fid), FilterOp::kIn, std::move(list)});
      return o;
    }
    std::size_t q;
    if (WordIs(p, "NOT", &q)) {
      o = ParseInBody(q, next, &list);
      if (o != Outcome::kError) {
        if (o == Outcome::kOk) {
          *out = Negate(Wrap(FilterCondition{std::move(fid), FilterOp::kIn, std::move(list)}));
        }
        return o;
      }
    }
    static constexpr std::pair<std::string_view, FilterOp> kComparisons[] = {
        {"<=", FilterOp::kLowerOrEqual}, {">=", FilterOp::kGreaterOrEqual},
        {"!=", FilterOp::kNotEqual},     {"<", FilterOp::kLower},
        {">", FilterOp::kGreater},       {"=", FilterOp::kEqual}};
    for (const auto& [tag, op] : kComparisons) {
      if (!StartsWith(p, tag)) continue;
      FilterToken value;
      o = Cut(ParseValue(p + tag.size(), next, &value));
      if (o != Outcome::kOk) return o;
      *out = Wrap(FilterCondition{std::move(fid), op, {std::move(value)}});
      return Outcome::kOk;
    }
    return ParseKeywordOperator(std::move(fid), p, next, out);
  }

  Outcome ParseKeywordOperator(FilterToken fid, std::size_t p, std::size_t* next, FilterExpr* out) {
    const auto simple = [&](FilterOp op, bool negated, std::size_t end) {
      FilterExpr e = Wrap(FilterCondition{std::move(fid), op, {}});
      *out = negated ? Negate(std::move(e)) : std::move(e);
      *next = end;
      return Outcome::kOk;
    };
    std::size_t q, r;
    if (TagThenSpace(p, "IS", &q)) {
      if (StartsWith(q, "NULL")) return simple(FilterOp::kIsNull, false, q + 4);
      if (TagThenSpace(q, "NOT", &r) && StartsWith(r, "NULL")) {
        return simple(FilterOp::kIsNull, true, r + 4);
      }
      if (StartsWith(q, "EMPTY")) return simple(FilterOp::kIsEmpty, false, q + 5);
      if (TagThenSpace(q, "NOT", &r) && StartsWith(r, "EMPTY")) {
        return simple(FilterOp::kIsEmpty, true, r + 5);
      }
    }
    if (StartsWith(p, "EXISTS")) return simple(FilterOp::kExists, false, p + 6);
    if (TagThenSpace(p, "NOT", &q) && StartsWith(q, "EXISTS")) {
      return simple(FilterOp::kExists, true, q + 6);
    }
    // value value "TO" WS+ value
    {
      FilterToken from;
      Outcome o = ParseValue(p, &q, &from);
      if (o == Outcome::kFailure || o == Outcome::kIncomplete) return o;
      if (o == Outcome::kOk && TagThenSpace(q, "TO", &r)) {
        FilterToken to;
        o = Cut(ParseValue(r, next, &to));
        if (o != Outcome::kOk) return o;
        *out = Wrap(
            FilterCondition{std::move(fid), FilterOp::kBetween, {std::move(from), std::move(to)}});
        return Outcome::kOk;
      }
    }
    const auto with_value = [&](FilterOp op, bool negated, std::size_t at) {
      FilterToken value;
      const Outcome o = Cut(ParseValue(at, next, &value));
      if (o != Outcome::kOk) return o;
      FilterExpr e = Wrap(FilterCondition{std::move(fid), op, {std::move(value)}});
      *out = negated ? Negate(std::move(e)) : std::move(e);
      return Outcome::kOk;
    };
    if (StartsWith(p, "CONTAINS")) return with_value(FilterOp::kContains, false, p + 8);
    if (TagThenSpace(p, "NOT", &q) && StartsWith(q, "CONTAINS")) {
      return with_value(FilterOp::kContains, true, q + 8);
    }
    if (StartsWith(p, "STARTS WITH")) return with_value(FilterOp::kStartsWith, false, p + 11);
    if (TagThenSpace(p, "NOT", &q) && StartsWith(q, "STARTS WITH")) {
      return with_value(FilterOp::kStartsWith, true, q + 11);
    }
    return Fail(ErrorKind::kInternal, p), Outcome::kError;
  }

  // ---- boolean structure ----
  Outcome ParseNot(std::size_t pos, int depth, std::size_t* next, FilterExpr* out) {
    if (depth > kMaxDepth) return Fail(ErrorKind::kDepthLimitReached, pos), Outcome::kError;
    std::size_t p;
    if (WordIs(SkipMultispace(pos), "NOT", &p)) {
      FilterExpr inner;
      const Outcome o = Cut(ParseNot(SkipMultispace(p), depth + 1, next, &inner));
      if (o == Outcome::kOk) *out = Negate(std::move(inner));
      return o;
    }
    return ParsePrimary(pos, depth + 1, next, out);
  }

  // and = not ("AND" not)*   and   or = and ("OR" and)*
  Outcome ParseAnd(std::size_t pos, int depth, std::size_t* next, FilterExpr* out) {
    return ParseChain<FilterAnd>(pos, depth, "AND", &Parser::ParseNot, next, out);
  }
  Outcome ParseOr(std::size_t pos, int depth, std::size_t* next, FilterExpr* out) {
    return ParseChain<FilterOr>(pos, depth, "OR", &Parser::ParseAnd, next, out);
  }

  template <typename Node>
  Outcome ParseChain(std::size_t pos, int depth, std::string_view keyword,
                     Outcome (Parser::*operand)(std::size_t, int, std::size_t*, FilterExpr*),
                     std::size_t* next, FilterExpr* out) {
    if (depth > kMaxDepth) return Fail(ErrorKind::kDepthLimitReached, pos), Outcome::kError;
    FilterExpr first;
    std::size_t cur;
    Outcome o = (this->*operand)(pos, depth + 1, &cur, &first);
    if (o != Outcome::kOk) return o;
    Node node;
    for (;;) {
      std::size_t p;
      if (!WordIs(SkipMultispace(cur), keyword, &p)) break;
      FilterExpr more;
      o = Cut((this->*operand)(SkipMultispace(p), depth + 1, &cur, &more));
      if (o != Outcome::kOk) return o;
      if (node.children.empty()) node.children.push_back(std::move(first));
      node.children.push_back(std::move(more));
    }
    *out = node.children.empty() ? std::move(first) : FilterExpr{std::move(node)};
    *next = cur;
    return Outcome::kOk;
  }

  std::shared_ptr<const std::string> source_;
  std::string_view in_;
  SyntaxError err_;
};

bool IsBlank(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const Utf8Char d = DecodeRustChar(text, pos);
    if (!IsRustWhitespace(d.code)) return false;
    pos += d.size;
  }
  return true;
}

FilterError WrongType(std::string_view expected, const boost::json::value& found) {
  return FilterError{"Invalid syntax for the filter parameter: `expected " + std::string(expected) +
                     ", found: " + boost::json::serialize(found) + "`."};
}

}  // namespace

std::variant<ParsedFilter, FilterError> ParseFilter(std::string_view text) {
  if (IsBlank(text)) return ParsedFilter{};
  Parser parser(std::make_shared<const std::string>(text));
  auto result = parser.Run();
  if (auto* error = std::get_if<FilterError>(&result)) return std::move(*error);
  return ParsedFilter{std::move(std::get<FilterExpr>(result))};
}

std::variant<ParsedFilter, FilterError> ParseFilterValue(const boost::json::value& value) {
  if (value.is_null()) return ParsedFilter{};
  if (const auto* s = value.if_string()) return ParseFilter(std::string_view(*s));
  const auto* array = value.if_array();
  if (array == nullptr) return WrongType("String, Array", value);
  // Element types are all checked before any string is parsed, as Meilisearch does.
  for (const auto& element : *array) {
    if (element.is_string()) continue;
    const auto* inner = element.if_array();
    if (inner == nullptr) return WrongType("String, [String]", element);
    for (const auto& rule : *inner) {
      if (!rule.is_string()) return WrongType("String", rule);
    }
  }
  std::vector<FilterExpr> ands;
  for (const auto& element : *array) {
    if (const auto* s = element.if_string()) {
      auto parsed = ParseFilter(std::string_view(*s));
      if (auto* error = std::get_if<FilterError>(&parsed)) return std::move(*error);
      if (auto& expr = std::get<ParsedFilter>(parsed)) ands.push_back(std::move(*expr));
      continue;
    }
    std::vector<FilterExpr> ors;
    for (const auto& rule : element.get_array()) {
      auto parsed = ParseFilter(std::string_view(rule.get_string()));
      if (auto* error = std::get_if<FilterError>(&parsed)) return std::move(*error);
      if (auto& expr = std::get<ParsedFilter>(parsed)) ors.push_back(std::move(*expr));
    }
    if (ors.size() == 1) {
      ands.push_back(std::move(ors[0]));
    } else if (ors.size() > 1) {
      ands.push_back(FilterExpr{FilterOr{std::move(ors)}});
    }
  }
  if (ands.empty()) return ParsedFilter{};
  if (ands.size() == 1) return ParsedFilter{std::move(ands[0])};
  return ParsedFilter{FilterExpr{FilterAnd{std::move(ands)}}};
}

}  // namespace myriad::filter
