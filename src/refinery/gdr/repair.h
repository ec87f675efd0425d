// Repair of a rewrite whose only fault is a few original values the model left in place: each
// surviving value is replaced, as a whole word, by the model's own replacement for the same
// value elsewhere in the text where it made one (so a person keeps one name), else by the
// anonymizer's surrogate. The repaired text is then checked again like any candidate.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/gdr/criteria.h"

namespace refinery::gdr {

struct RepairResult {
  std::string text;
  size_t values_replaced = 0;  // distinct original values replaced
  size_t from_model = 0;       // of which with the model's own replacement
};

// `surrogates` must be an anonymizer whose operator writes surrogates.
RepairResult RepairLeaks(std::string_view original, std::string_view candidate,
                         const PiiLeakState& state, const Anonymizer& surrogates);

// Where the model replaced a name in one place but not in another: a capitalised word of the
// original that the model replaced word for word (found by aligning `candidate` with
// `original`) and that still occurs in `candidate` (in any case, or inside an @handle, a
// #hashtag or an e-mail address) gets the model's replacement there too, in the case of the
// occurrence, so that a person keeps one name and a value the detectors miss does not survive
// in its other spellings. Common capitalised words (articles, pronouns, titles) and words of
// fewer than 3 letters are left alone, as are words the model mapped two ways. Returns the
// number of occurrences replaced.
size_t PropagateModelReplacements(std::string_view original, std::string& candidate);

// Replaces every whole-word occurrence of `value` in `text` by `by`; the count replaced.
size_t ReplaceWord(std::string& text, std::string_view value, std::string_view by);

}  // namespace refinery::gdr
