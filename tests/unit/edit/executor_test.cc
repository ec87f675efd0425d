#include "refinery/edit/executor.h"

#include <gtest/gtest.h>

namespace refinery::edit {
namespace {

// A document long enough that the word policy does not interfere.
const char* kDoc =
    "Home | News | Sport | Contact\n"                                        // 0
    "We use cookies to improve your experience. Accept all\n"                // 1
    "The council approved the new budget on Tuesday after a long debate.\n"  // 2
    "Members argued about the cost of the bridge for several hours.\n"       // 3
    "Share this: Facebook Twitter Email\n"                                   // 4
    "Copyright 2024 Example News";                                           // 5

EditResult Exec(std::string_view text, std::string_view program, EditPolicy policy = {}) {
  return ExecuteProgram(text, ParseProgram(program), policy);
}

TEST(Executor, RemovesLinesInOriginalCoordinates) {
  EditResult r = Exec(kDoc, "remove_lines(0, 1)\nremove_lines(4, 5)\n");
  ASSERT_EQ(r.status, EditStatus::kChanged) << r.reason;
  EXPECT_EQ(r.text,
            "The council approved the new budget on Tuesday after a long debate.\n"
            "Members argued about the cost of the bridge for several hours.");
  EXPECT_EQ(r.lines_removed, 4u);
  EXPECT_EQ(r.error_count, 0u);
  ASSERT_EQ(r.ops.size(), 2u);
  EXPECT_EQ(r.ops[1].line_from, 4);
  EXPECT_EQ(r.ops[1].line_to, 5);
}

TEST(Executor, OrderOfOpsDoesNotMatter) {
  EditResult a = Exec(kDoc, "remove_lines(4, 5)\nremove_str(2, ' on Tuesday')\nremove_lines(0, 1)");
  EditResult b = Exec(kDoc, "remove_lines(0, 1)\nremove_str(2, ' on Tuesday')\nremove_lines(4, 5)");
  ASSERT_EQ(a.status, EditStatus::kChanged);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.text,
            "The council approved the new budget after a long debate.\n"
            "Members argued about the cost of the bridge for several hours.");
}

TEST(Executor, RemoveStrOccurrences) {
  std::string doc = std::string(kDoc) + "\nthe the the end of the story is near, the reader";
  EditResult every = Exec(doc, "remove_str(6, 'the ')");
  ASSERT_EQ(every.status, EditStatus::kChanged) << every.reason;
  EXPECT_TRUE(every.text.ends_with("\nend of story is near, reader"));
  EditResult second = Exec(doc, "remove_str(6, 'the ', occurrence=1)");
  EXPECT_TRUE(second.text.ends_with("\nthe the end of the story is near, the reader"));
  EditResult missing = Exec(doc, "remove_str(6, 'the ', occurrence=9)");
  EXPECT_EQ(missing.error_count, 1u);
  EXPECT_EQ(missing.ops[0].error_cause, "not_found");
  EXPECT_EQ(missing.status, EditStatus::kKept);
}

TEST(Executor, SpansAreCodePointsIntoTheOriginal) {
  std::string doc = "caf\xC3\xA9 caf\xC3\xA9 bar\nsecond line with enough words to stay kept here";
  EditPolicy policy;
  policy.min_words = 0;
  EditResult r = Exec(doc, "remove_str(0, 'bar')", policy);
  ASSERT_EQ(r.status, EditStatus::kChanged);
  ASSERT_EQ(r.ops[0].spans.size(), 1u);
  EXPECT_EQ(r.ops[0].spans[0], (std::pair<uint64_t, uint64_t>{10, 13}));
}

TEST(Executor, RemovedLinesAbsorbSpansAndDeletionsMerge) {
  EditResult r = Exec(kDoc,
                      "remove_lines(4, 4)\nremove_str(4, 'Share')\n"
                      "remove_str(2, 'approved the new')\nremove_str(2, 'the new budget ')");
  ASSERT_EQ(r.status, EditStatus::kChanged);
  EXPECT_EQ(r.error_count, 0u);
  EXPECT_TRUE(r.ops[1].absorbed);
  EXPECT_NE(r.text.find("The council on Tuesday"), std::string::npos) << r.text;
}

TEST(Executor, ReplacementConflictIsAnErrorAndSkipped) {
  EditPolicy policy;
  policy.max_errors = 5;
  EditResult r = Exec(kDoc, "remove_str(2, 'new budget')\nnormalize('budget', 'plan')", policy);
  ASSERT_EQ(r.status, EditStatus::kChanged);
  EXPECT_EQ(r.error_count, 1u);
  EXPECT_EQ(r.ops[1].error_cause, "conflict");
  EXPECT_NE(r.text.find("approved the  on"), std::string::npos) << r.text;
}

TEST(Executor, NormalizeReplacesEverywhereUnlessDeletionOnly) {
  EditResult r = Exec(kDoc, "normalize('the', 'THE')");
  ASSERT_EQ(r.status, EditStatus::kChanged);
  EXPECT_NE(r.text.find("approved THE new budget"), std::string::npos);
  EXPECT_NE(r.text.find("cost of THE bridge"), std::string::npos);
  EditPolicy del;
  del.deletion_only = true;
  EditResult d = Exec(kDoc, "normalize('the', 'THE')", del);
  EXPECT_EQ(d.status, EditStatus::kKept);
  EXPECT_EQ(d.ops[0].error_cause, "normalize_disabled");
}

TEST(Executor, DeletionOnlyOutputIsASubsequence) {
  EditPolicy del;
  del.deletion_only = true;
  EditResult r =
      Exec(kDoc, "remove_lines(0,1)\nremove_str(3, 'several ')\nremove_str(2, 'a')", del);
  ASSERT_EQ(r.status, EditStatus::kChanged);
  EXPECT_TRUE(IsSubsequence(r.text, kDoc));
  EXPECT_FALSE(IsSubsequence("xyz", kDoc));
}

TEST(Executor, DocumentPolicy) {
  EXPECT_EQ(Exec(kDoc, "drop_doc()\nkeep_doc()").reason, "drop_doc");
  EXPECT_EQ(Exec(kDoc, "keep_doc()").status, EditStatus::kKept);
  EditResult all = Exec(kDoc, "remove_lines(all=True)");
  EXPECT_EQ(all.status, EditStatus::kDropped);
  EXPECT_EQ(all.reason, "kept_word_ratio");
  EditResult few = Exec(kDoc, "remove_lines(0, 3)\nremove_lines(5, 5)");
  EXPECT_EQ(few.status, EditStatus::kDropped);
  EXPECT_EQ(few.reason, "min_words") << few.words_out;
  // Two errors exceed the default budget of one: the original text is kept.
  EditResult errs = Exec(kDoc, "remove_lines(0, 0)\nremove_lines(90, 91)\nbogus()");
  EXPECT_EQ(errs.status, EditStatus::kKept);
  EXPECT_TRUE(errs.fell_back);
  EXPECT_EQ(errs.reason, "too_many_errors");
  EXPECT_EQ(errs.error_count, 2u);
  // One error is within budget.
  EditResult one = Exec(kDoc, "remove_lines(0, 0)\nremove_lines(90, 91)");
  EXPECT_EQ(one.status, EditStatus::kChanged);
  EXPECT_EQ(one.ops[1].error_cause, "line_out_of_range");
  // line_end past the end is clamped.
  EditResult clamp = Exec(kDoc, "remove_lines(4, 1000000000)");
  EXPECT_EQ(clamp.status, EditStatus::kChanged);
  EXPECT_TRUE(clamp.ops[0].clamped);
  EXPECT_EQ(clamp.ops[0].line_to, 5);
}

TEST(Executor, LogJson) {
  Program p = ParseProgram("remove_lines(0, 1)\nremove_str(2, 'new ')\nfoo()");
  EditResult r = ExecuteProgram(kDoc, p, {});
  Json j = EditLogJson(p, r);
  EXPECT_EQ(j["status"], "changed");
  EXPECT_EQ(j["errors"], 1);
  EXPECT_EQ(j["ops"][0]["lines"], Json::array({0, 1}));
  EXPECT_EQ(j["ops"][1]["op"], "remove_str(2, \"new \")");
  EXPECT_EQ(j["parse_errors"][0]["line"], 3);
  EXPECT_EQ(j["parse_errors"][0]["error"], "unknown_function");
}

TEST(Executor, LinesJoinWithNewlines) {
  EditPolicy loose;
  loose.min_words = 0;
  loose.min_kept_word_ratio = 0;
  EXPECT_EQ(Exec("a\nb\n", "remove_lines(1, 1)", loose).text, "a\n");
  EXPECT_EQ(Exec("a\nb", "remove_lines(1, 1)", loose).text, "a");
  EXPECT_EQ(Exec("a\nb", "remove_lines(0, 0)", loose).text, "b");
  EXPECT_EQ(Exec("a\n\nb", "remove_lines(1, 1)", loose).text, "a\nb");
}

TEST(Executor, HostileProgramsStayCheap) {
  // Many searches over a big line are cut off by the work budget.
  std::string doc(1 << 20, 'a');
  std::string program;
  for (int i = 0; i < 10000; ++i) program += "remove_str(0, 'b')\n";
  EditResult r = Exec(doc, program);
  EXPECT_EQ(r.status, EditStatus::kKept);
  EXPECT_GT(r.error_count, 100u);
  EXPECT_EQ(r.ops.back().error_cause, "work_budget");
  // Huge ranges cost nothing.
  EditResult range = Exec(kDoc, "remove_lines(0, 4611686018427387904)");
  EXPECT_EQ(range.status, EditStatus::kDropped);
}

}  // namespace
}  // namespace refinery::edit
