// Distillation (RefineX): turns an expert's end-to-end refinement (raw -> refined) into the
// minimal deletion program that reproduces it.
//
// 1. Line-level diff (Myers, bounded) between raw and refined lines.
// 2. Inside each changed region, every refined line is paired with the next raw line of which
//    it is a subsequence (the expert trimmed that line); unpaired raw lines are removed with
//    remove_lines; unpaired refined lines are insertions.
// 3. Character-level diff (Myers on code points) inside each pair gives the deleted spans;
//    each becomes remove_str(line, s, occurrence) (occurrence -1 when every occurrence of s on
//    the line goes). Spans slide to word boundaries when that yields the same text.
// 4. When the expert inserted or substituted text (refined is not a subsequence of raw), the
//    program can only approximate: tiny kept gaps between deletions are merged and
//    mostly-deleted lines are promoted to remove_lines; the pair is rejected when the expert
//    inserted too much (a rewrite, not a cleaning) or when the program's result strays too
//    far from the expert's text.
// Guarantee: whenever refined is a subsequence of raw that keeps the line breaks between kept
// text (the expert deleted whole lines and text inside lines, but never joined two lines, which
// no deletion program can express), the program executed on raw (with no word policy) yields
// refined exactly; every emitted program is executed and checked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refinery::edit {

struct DistillOptions {
  double max_inserted_ratio = 0.05;  // inserted chars / refined chars; above: rejected
  double max_distance = 0.05;    // edit distance(result, refined) / refined chars; above: rejected
  size_t max_line_edits = 3000;  // bound of the line-level diff (D)
  size_t max_char_edits = 3000;  // bound of each character-level diff
  size_t max_line_chars = 100000;  // longer paired lines are not diffed (rejected)
  size_t merge_gap = 2;            // approximate programs: kept gaps up to this merge
  double promote_ratio = 0.8;      // approximate programs: lines this much deleted go whole
};

enum class DistillOutcome { kUntouched, kEmptied, kExact, kApproximate, kRejected };
const char* DistillOutcomeName(DistillOutcome outcome);

struct DistillResult {
  DistillOutcome outcome = DistillOutcome::kRejected;
  std::string program;        // empty when rejected
  std::string reject_reason;  // expert_inserted_too_much, result_strays_from_expert,
                              // diff_too_large, line_too_long, unaddressable_span,
                              // check_failed
  uint64_t raw_chars = 0;
  uint64_t deleted_chars = 0;
  uint64_t inserted_chars = 0;
  double distance = 0;  // edit distance(result, refined) / refined chars (0 for exact)
};

DistillResult DistillProgram(std::string_view raw, std::string_view refined,
                             const DistillOptions& options = {});

// Myers diff of two sequences, bounded by `max_edits`; fills the matched index pairs in order.
// False when the sequences differ by more than max_edits insertions + deletions.
template <typename T>
bool MyersMatches(const T* a, size_t n, const T* b, size_t m, size_t max_edits,
                  std::vector<std::pair<uint32_t, uint32_t>>& matches);

// Edit distance (insertions + deletions) of two texts in code points, or -1 past max_edits.
int64_t IndelDistance(std::string_view a, std::string_view b, size_t max_edits);

}  // namespace refinery::edit
