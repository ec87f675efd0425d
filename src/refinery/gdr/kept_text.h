// The minimal-change check of a rewrite (criterion `keep_text`, failure reason `lost_text`):
// every part of the original outside the replaced values must still be in the candidate, in
// order. A global distance lets a model drop 40% of a document ("[… rest unchanged …]", a
// truncated reply, an answer to the document instead of the document) as long as the total
// stays under a threshold; this check looks where the change happens instead.
//
// Both texts are split into words (runs of letters and digits; punctuation, typographic
// quotes and dashes, and spaces of any kind separate them, so whitespace, quote and line-wrap
// changes change no word); the candidate is aligned to the original greedily, resynchronising
// on three-word anchors. Each stretch where they differ is a replacement and is tolerated when
// it is small: at most `max_gap_words` original words outside the values the detector found
// (a name, an address line, a number the detector missed, a pronoun or article fitted to the
// fake) and at most 2x + `max_gap_words` candidate words in its place. Capitalised original
// words replaced by at least as many capitalised words (a run of names the detector missed)
// do not count. Words added where nothing was replaced are limited to `max_inserted_words`.
// Anything bigger (a dropped sentence or paragraph, an added answer or preamble, a
// translation, a cut end) fails.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "refinery/detect/pii_detector.h"
#include "refinery/gdr/criteria.h"

namespace refinery::gdr {

struct KeptTextOptions {
  size_t max_gap_words = 8;
  size_t max_inserted_words = 3;
};

// A word of a text: the hash of its bytes and where it lies.
struct TextWord {
  uint64_t hash;
  size_t begin, end;  // byte offsets
};
std::vector<TextWord> SplitWords(std::string_view text);

// A stretch where two word sequences differ: words [a0, a1) of the first stand where words
// [b0, b1) of the second are. Between two stretches both have the same words.
struct WordStretch {
  size_t a0, a1, b0, b1;
};
std::vector<WordStretch> AlignWords(const std::vector<TextWord>& a, const std::vector<TextWord>& b);
// The parts of stretch `st` that differ once the words both sides kept in it (their longest
// common subsequence) are taken out: "Mr. John Smith said he" -> "Ms. Ann Lee said she" gives
// "Mr John Smith" -> "Ms Ann Lee" and "he" -> "she". `st` itself when it is too long to compare
// (over 16,384 word pairs).
std::vector<WordStretch> SplitStretch(const std::vector<TextWord>& a,
                                      const std::vector<TextWord>& b, const WordStretch& st);

// `detector` (optional) marks the words inside detected values, which may be replaced by
// surrogates of any length.
std::shared_ptr<const Criterion> MakeKeptTextCriterion(std::shared_ptr<const PiiDetector> detector,
                                                       KeptTextOptions options = {});

// The largest changed stretch (original words outside detected spans, candidate words) and
// where it starts (word index in the original), for tests and the audit.
struct KeptTextReport {
  size_t original_words = 0;
  size_t worst_original_gap = 0;   // undetected original words in the worst stretch
  size_t worst_candidate_gap = 0;  // candidate words in the worst stretch
  size_t worst_at = 0;             // word index of the worst stretch in the original
  bool pass = true;
};
KeptTextReport CheckKeptText(std::string_view original, std::string_view candidate,
                             const std::vector<PiiSpan>& byte_spans,
                             const KeptTextOptions& options);

}  // namespace refinery::gdr
