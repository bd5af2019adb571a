#include "engine/schema/json_error_messages.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "util/utf8.h"

namespace myriad::settings {
namespace {

std::string_view SingleKindDescription(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kBoolean:
      return "a boolean";
    case JsonKind::kInteger:
      return "a positive integer";
    case JsonKind::kNegativeInteger:
      return "a negative integer";
    case JsonKind::kFloat:
      return "a number";
    case JsonKind::kString:
      return "a string";
    case JsonKind::kArray:
      return "an array";
    case JsonKind::kObject:
      return "an object";
  }
  return "a different value";
}

// deserr joins "a, b, or c" and merges integer+float kinds into "a number".
std::string KindsDescription(std::vector<JsonKind> kinds) {
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  if (kinds.empty()) return "a different value";
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < kinds.size()) {
    auto at = [&](size_t k, JsonKind want) { return k < kinds.size() && kinds[k] == want; };
    bool is_int = at(i, JsonKind::kInteger) || at(i, JsonKind::kNegativeInteger);
    if (at(i, JsonKind::kInteger) && at(i + 1, JsonKind::kNegativeInteger) &&
        at(i + 2, JsonKind::kFloat)) {
      parts.emplace_back("a number");
      i += 3;
    } else if (is_int && at(i + 1, JsonKind::kFloat)) {
      parts.emplace_back("a number");
      i += 2;
    } else if (at(i, JsonKind::kInteger) && at(i + 1, JsonKind::kNegativeInteger)) {
      parts.emplace_back("an integer");
      i += 2;
    } else {
      parts.emplace_back(SingleKindDescription(kinds[i]));
      i += 1;
    }
  }
  std::string out = parts[0];
  for (size_t k = 1; k < parts.size(); ++k) {
    bool last = k + 1 == parts.size();
    if (!last) {
      out += ", " + parts[k];
    } else {
      out += (parts.size() == 2 ? " or " : ", or ") + parts[k];
    }
  }
  return out;
}

std::string Location(std::string_view path, std::string_view article) {
  if (path.empty()) return "";
  return std::string(article) + " `" + std::string(path) + "`";
}

std::string QuotedList(std::span<const std::string_view> words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ", ";
    out += '`';
    out.append(words[i]);
    out += '`';
  }
  return out;
}

void AppendSerdeString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// ryu's layout of the shortest round-trip digits, as serde_json prints f64.
void AppendSerdeDouble(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  if (!sci.empty() && sci[0] == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exp10 = 0;
  std::string_view exp_text = sci.substr(e_pos + 1);
  if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exp10);
  if (digits == "0") {
    out += "0.0";
    return;
  }
  const int n = static_cast<int>(digits.size());
  const int kk = exp10 + 1;  // value = 0.digits * 10^kk
  if (kk >= n && kk <= 16) {
    out += digits + std::string(static_cast<size_t>(kk - n), '0') + ".0";
  } else if (kk > 0 && kk <= 16) {
    out += digits.substr(0, static_cast<size_t>(kk)) + "." + digits.substr(static_cast<size_t>(kk));
  } else if (kk > -5 && kk <= 0) {
    out += "0." + std::string(static_cast<size_t>(-kk), '0') + digits;
  } else if (n == 1) {
    out += digits + "e" + std::to_string(kk - 1);
  } else {
    out += digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(kk - 1);
  }
}

void AppendSerde(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out += "null";
      break;
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case boost::json::kind::int64:
      out += std::to_string(v.get_int64());
      break;
    case boost::json::kind::uint64:
      out += std::to_string(v.get_uint64());
      break;
    case boost::json::kind::double_:
      AppendSerdeDouble(v.get_double(), out);
      break;
    case boost::json::kind::string:
      AppendSerdeString(v.get_string(), out);
      break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        AppendSerde(e, out);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& m : v.get_object()) {
        if (!first) out += ',';
        first = false;
        AppendSerdeString(m.key(), out);
        out += ':';
        AppendSerde(m.value(), out);
      }
      out += '}';
      break;
    }
  }
}

// Rust's strsim works on `&str`, which is valid UTF-8; the names compared here
// come from parsed JSON, so the U+FFFD of an invalid byte never shows.
std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const Utf8Char c = DecodeUtf8(s, i);
    out += c.code == kInvalidCodePoint ? U'\uFFFD' : c.code;
    i += c.size;
  }
  return out;
}

// Unrestricted Damerau-Levenshtein (Lowrance-Wagner), as strsim computes it.
size_t DamerauLevenshtein(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size(), m = b.size();
  if (n == 0) return m;
  if (m == 0) return n;
  const size_t width = m + 2;
  const size_t max_dist = n + m;
  std::vector<size_t> d((n + 2) * width, 0);
  auto at = [&](size_t i, size_t j) -> size_t& { return d[i * width + j]; };
  at(0, 0) = max_dist;
  for (size_t i = 0; i <= n; ++i) {
    at(i + 1, 0) = max_dist;
    at(i + 1, 1) = i;
  }
  for (size_t j = 0; j <= m; ++j) {
    at(0, j + 1) = max_dist;
    at(1, j + 1) = j;
  }
  std::map<char32_t, size_t> last_row;
  for (size_t i = 1; i <= n; ++i) {
    size_t db = 0;
    for (size_t j = 1; j <= m; ++j) {
      auto it = last_row.find(b[j - 1]);
      size_t k = it == last_row.end() ? 0 : it->second;
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t substitution = at(i, j) + cost;
      size_t insertion = at(i, j + 1) + 1;
      size_t deletion = at(i + 1, j) + 1;
      size_t transposition = at(k, db) + (i - k - 1) + 1 + (j - db - 1);
      if (cost == 0) db = j;
      at(i + 1, j + 1) = std::min({substitution, insertion, deletion, transposition});
    }
    last_row[a[i - 1]] = i;
  }
  return at(n + 1, m + 1);
}

}  // namespace

JsonKind KindOf(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return JsonKind::kNull;
    case boost::json::kind::bool_:
      return JsonKind::kBoolean;
    case boost::json::kind::int64:
      return v.get_int64() < 0 ? JsonKind::kNegativeInteger : JsonKind::kInteger;
    case boost::json::kind::uint64:
      return JsonKind::kInteger;
    case boost::json::kind::double_:
      return JsonKind::kFloat;
    case boost::json::kind::string:
      return JsonKind::kString;
    case boost::json::kind::array:
      return JsonKind::kArray;
    case boost::json::kind::object:
      return JsonKind::kObject;
  }
  return JsonKind::kNull;
}

std::string SerdeJsonText(const boost::json::value& v) {
  std::string out;
  AppendSerde(v, out);
  return out;
}

std::string InvalidTypeMessage(std::string_view path, std::initializer_list<JsonKind> accepted,
                               const boost::json::value& found) {
  JsonKind kind = KindOf(found);
  std::string received = kind == JsonKind::kNull ? "null"
                                                 : std::string(SingleKindDescription(kind)) +
                                                       ": `" + SerdeJsonText(found) + "`";
  return "Invalid value type" + Location(path, " at") + ": expected " +
         KindsDescription(std::vector<JsonKind>(accepted)) + ", but found " + received;
}

std::string UnknownFieldMessage(std::string_view path, std::string_view key,
                                std::span<const std::string_view> accepted) {
  return "Unknown field `" + std::string(key) + "`" + Location(path, " inside") + ": " +
         DidYouMean(key, accepted) + "expected one of " + QuotedList(accepted);
}

std::string UnknownValueMessage(std::string_view path, std::string_view value,
                                std::span<const std::string_view> accepted) {
  return "Unknown value `" + std::string(value) + "`" + Location(path, " at") + ": " +
         DidYouMean(value, accepted) + "expected one of " + QuotedList(accepted);
}

std::string UnexpectedMessage(std::string_view path, std::string_view detail) {
  return "Invalid value" + Location(path, " at") + ": " + std::string(detail);
}

std::string MissingFieldMessage(std::string_view path, std::string_view field) {
  return "Missing field `" + std::string(field) + "`" + Location(path, " inside");
}

std::string DidYouMean(std::string_view received, std::span<const std::string_view> accepted) {
  // Thresholds on the byte length, as deserr's helper.
  const size_t len = received.size();
  size_t allowed = 0;
  if (len <= 3) return "";
  if (len <= 7) {
    allowed = 1;
  } else if (len <= 12) {
    allowed = 2;
  } else if (len <= 17) {
    allowed = 3;
  } else if (len <= 24) {
    allowed = 4;
  } else {
    allowed = 5;
  }
  const std::u32string r = CodePoints(received);
  std::string_view best;
  size_t best_distance = allowed + 1;
  for (std::string_view candidate : accepted) {
    size_t distance = DamerauLevenshtein(r, CodePoints(candidate));
    if (distance < best_distance) {  // strict: the first minimum wins
      best_distance = distance;
      best = candidate;
    }
  }
  if (best_distance > allowed) return "";
  return "did you mean `" + std::string(best) + "`? ";
}

}  // namespace myriad::settings
