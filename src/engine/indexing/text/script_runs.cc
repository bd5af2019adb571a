#include "engine/indexing/text/script_runs.h"

#include <unicode/uscript.h>

#include "util/utf8.h"

namespace myriad::text {
namespace {

UScriptCode ScriptClass(char32_t cp) {
  if (cp < 0x80) {
    const bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return letter ? USCRIPT_LATIN : USCRIPT_COMMON;
  }
  if (cp == kInvalidCodePoint) return USCRIPT_COMMON;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
  if (U_FAILURE(status)) return USCRIPT_COMMON;
  switch (script) {
    case USCRIPT_INHERITED:
    case USCRIPT_UNKNOWN:
      return USCRIPT_COMMON;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
      return USCRIPT_HAN;
    default:
      return script;
  }
}

bool NeedsDictionary(UScriptCode script) {
  return script == USCRIPT_HAN || script == USCRIPT_THAI || script == USCRIPT_LAO ||
         script == USCRIPT_KHMER || script == USCRIPT_MYANMAR;
}

}  // namespace

void SplitScriptRuns(std::string_view text, size_t begin, size_t end, std::vector<ScriptRun>* out) {
  UScriptCode current = USCRIPT_COMMON;
  size_t run_begin = begin;
  size_t pos = begin;
  while (pos < end) {
    const Utf8Char c = DecodeUtf8(text, pos);
    const UScriptCode script = ScriptClass(c.code);
    if (script != USCRIPT_COMMON && script != current) {
      if (current != USCRIPT_COMMON) {
        out->push_back({run_begin, pos, NeedsDictionary(current)});
        run_begin = pos;
      }
      current = script;
    }
    pos += c.size;
  }
  out->push_back({run_begin, end, NeedsDictionary(current)});
}

}  // namespace myriad::text
