#include "refinery/edit/distill.h"

#include <gtest/gtest.h>

#include "refinery/edit/executor.h"
#include "refinery/edit/sample_pages.h"

namespace refinery::edit {
namespace {

std::string Execute(std::string_view raw, const std::string& program) {
  EditPolicy loose;
  loose.min_words = 0;
  loose.min_kept_word_ratio = 0;
  loose.max_errors = 0;
  EditResult r = ExecuteProgram(raw, ParseProgram(program), loose);
  EXPECT_EQ(r.error_count, 0u) << program;
  if (r.status == EditStatus::kDropped) return "<dropped>";
  return r.status == EditStatus::kChanged ? r.text : std::string(raw);
}

TEST(Distill, UntouchedAndEmptied) {
  EXPECT_EQ(DistillProgram("a\nb", "a\nb").outcome, DistillOutcome::kUntouched);
  DistillResult e = DistillProgram("a\nb", " \n");
  EXPECT_EQ(e.outcome, DistillOutcome::kEmptied);
  EXPECT_EQ(e.program, "drop_doc()\n");
}

TEST(Distill, LineRemovalsAndTrims) {
  std::string raw =
      "Home | News\nCookies? Accept\nThe council met on Monday. Read more\nIt voted.\nShare\n";
  std::string refined = "The council met on Monday.\nIt voted.\n";
  DistillResult r = DistillProgram(raw, refined);
  ASSERT_EQ(r.outcome, DistillOutcome::kExact) << r.reject_reason;
  EXPECT_EQ(r.program, "remove_lines(0, 1)\nremove_lines(4, 4)\nremove_str(2, \" Read more\")\n");
  EXPECT_EQ(Execute(raw, r.program), refined);
}

TEST(Distill, RepeatedStringsUseOccurrences) {
  std::string raw = "ab ab ab cd ab";
  DistillResult r = DistillProgram(raw, "ab ab cd ab");
  ASSERT_EQ(r.outcome, DistillOutcome::kExact) << r.reject_reason;
  EXPECT_EQ(Execute(raw, r.program), "ab ab cd ab");
  // "aa" at 1 in "aaa" is not an occurrence the executor's scan lands on: it is split.
  DistillResult overlap = DistillProgram("baaab", "bab");
  ASSERT_EQ(overlap.outcome, DistillOutcome::kExact) << overlap.reject_reason;
  EXPECT_EQ(Execute("baaab", overlap.program), "bab");
  DistillResult all = DistillProgram("x, y, z", "xyz");
  ASSERT_EQ(all.outcome, DistillOutcome::kExact);
  EXPECT_EQ(all.program, "remove_str(0, \", \")\n");
}

TEST(Distill, UnicodeSpans) {
  std::string raw = "caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve \xF0\x9F\x98\x80 end";
  std::string refined = "caf\xC3\xA9 na\xC3\xAFve end";
  DistillResult r = DistillProgram(raw, refined);
  ASSERT_EQ(r.outcome, DistillOutcome::kExact) << r.reject_reason;
  EXPECT_EQ(Execute(raw, r.program), refined);
}

TEST(Distill, RewritesAreRejectedSmallInsertionsApproximated) {
  std::string raw =
      "Home\nThe council met on Monday and approved the budget for the bridge.\nShare\n";
  DistillResult rewrite =
      DistillProgram(raw, "Officials convened early this week to pass a plan.\n");
  EXPECT_EQ(rewrite.outcome, DistillOutcome::kRejected);
  EXPECT_EQ(rewrite.reject_reason, "expert_inserted_too_much");
  // One substituted character: approximate but close.
  std::string refined = "The council met on Monday and approved the budget for the bridge!\n";
  DistillResult approx = DistillProgram(raw, refined);
  ASSERT_EQ(approx.outcome, DistillOutcome::kApproximate) << approx.reject_reason;
  EXPECT_LE(approx.distance, 0.05);
  EXPECT_EQ(approx.inserted_chars, 1u);
}

// Property: random deletions (whole lines, and spans inside lines) of generated pages are
// always reproduced exactly.
TEST(Distill, RandomDeletionsAreReproducedExactly) {
  uint64_t state = 12345;
  auto next = [&]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  auto utf8_end = [](const std::string& s, size_t i) {
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  int exact = 0;
  for (const SamplePage& page : GenerateSamplePages(99, 60)) {
    std::vector<std::string> kept;
    size_t pos = 0;
    while (pos <= page.text.size()) {
      size_t nl = page.text.find('\n', pos);
      if (nl == std::string::npos) nl = page.text.size();
      std::string line = page.text.substr(pos, nl - pos);
      pos = nl + 1;
      if (next() % 100 < 20) continue;  // the whole line goes
      std::string trimmed;
      size_t i = 0;
      while (i < line.size()) {
        size_t len = 1 + next() % 12;
        size_t end = utf8_end(line, std::min(line.size(), i + len));
        if (next() % 100 >= 15) trimmed.append(line, i, end - i);
        i = end;
      }
      kept.push_back(trimmed);
    }
    std::string refined;
    for (size_t k = 0; k < kept.size(); ++k) refined += (k ? "\n" : "") + kept[k];
    if (refined.find_first_not_of(" \n") == std::string::npos) continue;
    DistillResult r = DistillProgram(page.text, refined);
    ASSERT_EQ(r.outcome, refined == page.text ? DistillOutcome::kUntouched : DistillOutcome::kExact)
        << page.id << ": " << r.reject_reason;
    EXPECT_EQ(Execute(page.text, r.program), refined) << page.id;
    ++exact;
  }
  EXPECT_GT(exact, 50);
}

TEST(Distill, GoldProgramsOfSamplePagesAreRecovered) {
  // The expert's output = the gold program's output; distillation gives back a program with
  // the same effect.
  for (const SamplePage& page : GenerateSamplePages(5, 40)) {
    std::string refined = Execute(page.text, page.program);
    ASSERT_NE(refined, "<dropped>");
    DistillResult r = DistillProgram(page.text, refined);
    ASSERT_EQ(r.outcome, refined == page.text ? DistillOutcome::kUntouched : DistillOutcome::kExact)
        << r.reject_reason;
    EXPECT_EQ(Execute(page.text, r.program), refined);
  }
}

}  // namespace
}  // namespace refinery::edit
