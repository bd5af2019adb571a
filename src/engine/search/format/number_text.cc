#include "engine/search/format/number_text.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace myriad::format {
namespace {

template <typename Int>
void AppendInteger(Int v, std::string* out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// ryu's layout (as serde_json prints f64): with `digits` the shortest round-trip
// significand and the value = 0.digits x 10^point, plain notation when the decimal
// point falls within 16 digits (or 5 zeros after it), else scientific.
void AppendDouble(double v, std::string* out) {
  if (!std::isfinite(v)) {  // JSON has no such numbers; serde_json prints null
    out->append("null");
    return;
  }
  if (v == 0) {
    out->append(std::signbit(v) ? "-0.0" : "0.0");
    return;
  }
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, r.ptr - buf);  // [-]d[.ddd]e[+-]xx
  if (sci.front() == '-') {
    out->push_back('-');
    sci.remove_prefix(1);
  }
  const size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  std::string_view exp_text = sci.substr(e + 1);
  const bool negative_exp = exp_text.front() == '-';
  if (exp_text.front() == '-' || exp_text.front() == '+') exp_text.remove_prefix(1);
  int exp10 = 0;
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exp10);
  if (negative_exp) exp10 = -exp10;
  const int length = static_cast<int>(digits.size());
  const int point = exp10 + 1;  // digits before the decimal point
  if (point >= length && point <= 16) {
    out->append(digits).append(static_cast<size_t>(point - length), '0').append(".0");
  } else if (point > 0 && point <= 16) {
    out->append(digits, 0, point).append(".").append(digits, point);
  } else if (point > -5 && point <= 0) {
    out->append("0.").append(static_cast<size_t>(-point), '0').append(digits);
  } else {
    out->push_back(digits[0]);
    if (length > 1) out->append(".").append(digits, 1);
    out->append("e");
    AppendInteger(point - 1, out);
  }
}

}  // namespace

void AppendNumberText(const boost::json::value& number, std::string* out) {
  switch (number.kind()) {
    case boost::json::kind::int64:
      AppendInteger(number.get_int64(), out);
      break;
    case boost::json::kind::uint64:
      AppendInteger(number.get_uint64(), out);
      break;
    case boost::json::kind::double_:
      AppendDouble(number.get_double(), out);
      break;
    default:
      break;
  }
}

}  // namespace myriad::format
