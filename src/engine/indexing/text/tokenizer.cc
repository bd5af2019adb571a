#include "engine/indexing/text/tokenizer.h"

#include <utility>

#include "engine/indexing/text/normalize.h"
#include "engine/indexing/text/script_runs.h"
#include "engine/indexing/text/segment_matcher.h"
#include "engine/indexing/text/word_breaker.h"

namespace myriad::text {
namespace {

// milli's position rule: what lies between the previous word and the next one.
class PositionCounter {
 public:
  void OnSeparator(SegmentKind kind) {
    if (previous_ == Previous::kNothing) return;  // leading separators do not count
    if (kind == SegmentKind::kHardSeparator) {
      previous_ = Previous::kHard;
    } else if (previous_ != Previous::kHard) {
      previous_ = Previous::kSoft;
    }
  }

  uint32_t OnWord() {
    switch (previous_) {
      case Previous::kNothing:
        break;
      case Previous::kHard:
        position_ += kHardSeparatorDistance;
        break;
      default:
        position_ += 1;
    }
    previous_ = Previous::kWord;
    return position_;
  }

 private:
  enum class Previous { kNothing, kWord, kSoft, kHard };
  Previous previous_ = Previous::kNothing;
  uint32_t position_ = 0;
};

class TokenizeRun {
 public:
  TokenizeRun(std::string_view text, const SegmentMatcher& matcher, const WordBreaker& breaker,
              std::vector<Token>* out)
      : text_(text), matcher_(matcher), breaker_(breaker), out_(out) {}

  void Run() {
    size_t pos = 0;
    while (pos < text_.size()) {
      SegmentMatch m = matcher_.MatchAt(text_, pos);
      if (m.kind == SegmentKind::kSoftSeparator || m.kind == SegmentKind::kHardSeparator) {
        positions_.OnSeparator(m.kind);
        pos += m.length;
        continue;
      }
      if (m.kind == SegmentKind::kDictionaryWord) {
        EmitWord(pos, pos + m.length);
        pos += m.length;
        continue;
      }
      // A stretch of text up to the next separator or dictionary word.
      const size_t begin = pos;
      bool ascii = true;
      do {
        ascii = ascii && static_cast<unsigned char>(text_[pos]) < 0x80;
        pos += m.length;
        if (pos == text_.size()) break;
        m = matcher_.MatchAt(text_, pos);
      } while (m.kind == SegmentKind::kText);
      if (ascii) {
        EmitWord(begin, pos);
      } else {
        EmitStretch(begin, pos);
      }
    }
  }

 private:
  void EmitStretch(size_t begin, size_t end) {
    runs_.clear();
    SplitScriptRuns(text_, begin, end, &runs_);
    for (const ScriptRun& run : runs_) {
      if (!run.needs_dictionary) {
        EmitWord(run.begin, run.end);
        continue;
      }
      words_.clear();
      breaker_.Split(text_, run.begin, run.end, &words_);
      for (const auto& [b, e] : words_) EmitWord(b, e);
    }
  }

  void EmitWord(size_t begin, size_t end) {
    // Normalizes straight into the new token: no copy of the word.
    Token& t = out_->emplace_back();
    AppendNormalizedWord(text_.substr(begin, end - begin), &t.word);
    if (t.word.empty()) {
      out_->pop_back();
      return;
    }
    t.position = positions_.OnWord();
    if (t.word.size() > kMaxWordBytes) {
      out_->pop_back();
      return;
    }
    t.byte_start = static_cast<uint32_t>(begin);
    t.byte_len = static_cast<uint32_t>(end - begin);
    t.is_number = IsNumber(t.word);
  }

  std::string_view text_;
  const SegmentMatcher& matcher_;
  const WordBreaker& breaker_;
  std::vector<Token>* out_;
  PositionCounter positions_;
  std::vector<ScriptRun> runs_;
  std::vector<std::pair<size_t, size_t>> words_;
};

}  // namespace

Tokenizer::Tokenizer(const TokenizerOptions& options)
    : matcher_(std::make_unique<SegmentMatcher>(options)),
      breaker_(std::make_unique<WordBreaker>()) {}

Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

std::vector<Token> Tokenizer::Tokenize(std::string_view utf8) const {
  std::vector<Token> out;
  TokenizeInto(utf8, &out);
  return out;
}

void Tokenizer::TokenizeInto(std::string_view utf8, std::vector<Token>* out) const {
  TokenizeRun(utf8, *matcher_, *breaker_, out).Run();
}

}  // namespace myriad::text
