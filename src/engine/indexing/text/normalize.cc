#include "engine/indexing/text/normalize.h"

#include <unicode/errorcode.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace myriad::text {
namespace {

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void AppendNormalizedAscii(std::string_view word, std::string* out) {
  for (char c : word) {
    if (c >= 'A' && c <= 'Z') {
      out->push_back(static_cast<char>(c + ('a' - 'A')));
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
      out->push_back(c);
    }
  }
}

// The script that decides step 4: the first code point that belongs to a real script.
UScriptCode WordScript(const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    const UScriptCode script = uscript_getScript(s.char32At(i), &status);
    if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return script;
    }
    status = U_ZERO_ERROR;
  }
  return USCRIPT_COMMON;
}

bool StripsMarks(UScriptCode script) {
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_HEBREW ||
         script == USCRIPT_ARABIC || script == USCRIPT_THAI;
}

void AppendNormalizedUnicode(std::string_view word, std::string* out) {
  icu::ErrorCode status;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (status.isFailure()) return;  // No ICU data: nothing sensible to produce.

  // fromUTF8 substitutes U+FFFD for ill-formed sequences.
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString decomposed = nfkd->normalize(source, status);
  if (status.isFailure()) return;
  decomposed.toLower(icu::Locale::getRoot());
  const UScriptCode script = WordScript(decomposed);
  const bool strip_marks = StripsMarks(script);

  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    const int8_t type = u_charType(c);
    if (type == U_CONTROL_CHAR) continue;
    if (strip_marks && type == U_NON_SPACING_MARK) continue;
    if (script == USCRIPT_LATIN && (c == 0x153 || c == 0xE6)) {  // œ æ
      kept.append(c == 0x153 ? u"oe" : u"ae");
      continue;
    }
    kept.append(c);
  }
  if (script == USCRIPT_GREEK && kept.length() > 0 && kept.charAt(kept.length() - 1) == 0x3C2) {
    kept.setCharAt(kept.length() - 1, 0x3C3);  // final sigma
  }
  const icu::UnicodeString composed = nfc->normalize(kept, status);
  if (status.isFailure()) return;
  composed.toUTF8String(*out);
}

}  // namespace

void AppendNormalizedWord(std::string_view word, std::string* out) {
  if (IsAscii(word)) {
    AppendNormalizedAscii(word, out);
  } else {
    AppendNormalizedUnicode(word, out);
  }
}

std::string NormalizeWord(std::string_view word) {
  std::string out;
  AppendNormalizedWord(word, &out);
  return out;
}

bool IsNumber(std::string_view w) {
  if (w.empty()) return false;
  bool ascii = true;
  for (char c : w) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    if (c < '0' || c > '9') return false;
  }
  if (ascii) return true;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(w.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(w.data(), i, n, c);
    if (c < 0 || !u_isdigit(c)) return false;
  }
  return true;
}

}  // namespace myriad::text
