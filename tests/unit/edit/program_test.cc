#include "refinery/edit/program.h"

#include <gtest/gtest.h>

namespace refinery::edit {
namespace {

TEST(ProgramParser, ParsesEveryFunction) {
  Program p = ParseProgram(
      "keep_doc()\n"
      "drop_doc()\n"
      "remove_lines(3, 5)\n"
      "remove_lines(line_start=1, line_end=2)\n"
      "remove_lines(all=True)\n"
      "remove_str(4, \"Share this\")\n"
      "remove_str(line=4, s='x', occurrence=2)\n"
      "normalize(\"colour\", 'color')\n"
      "skip_chunk()\n"
      "keep_all()\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].ToString();
  ASSERT_EQ(p.ops.size(), 10u);
  EXPECT_EQ(p.ops[0].kind, OpKind::kKeepDoc);
  EXPECT_EQ(p.ops[1].kind, OpKind::kDropDoc);
  EXPECT_EQ(p.ops[2].kind, OpKind::kRemoveLines);
  EXPECT_EQ(p.ops[2].line_start, 3);
  EXPECT_EQ(p.ops[2].line_end, 5);
  EXPECT_EQ(p.ops[3].line_start, 1);
  EXPECT_EQ(p.ops[3].line_end, 2);
  EXPECT_EQ(p.ops[4].kind, OpKind::kRemoveAllLines);
  EXPECT_EQ(p.ops[5].kind, OpKind::kRemoveStr);
  EXPECT_EQ(p.ops[5].text, "Share this");
  EXPECT_EQ(p.ops[5].occurrence, -1);
  EXPECT_EQ(p.ops[6].occurrence, 2);
  EXPECT_EQ(p.ops[7].kind, OpKind::kNormalize);
  EXPECT_EQ(p.ops[7].text, "colour");
  EXPECT_EQ(p.ops[7].target, "color");
  EXPECT_EQ(p.ops[8].kind, OpKind::kSkipChunk);
  EXPECT_EQ(p.ops[9].kind, OpKind::kKeepAll);
  EXPECT_EQ(p.ops[9].source_line, 10u);
}

TEST(ProgramParser, PunctuationInsideStringsIsLiteral) {
  Program p = ParseProgram(R"(remove_str(0, "a, b = (c) # d)\"", occurrence=0))");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].ToString();
  ASSERT_EQ(p.ops.size(), 1u);
  EXPECT_EQ(p.ops[0].text, "a, b = (c) # d)\"");
  EXPECT_EQ(p.ops[0].occurrence, 0);
}

TEST(ProgramParser, Escapes) {
  Program p = ParseProgram(R"(normalize('it\'s\t\\', "\x41\u00e9"))");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].ToString();
  EXPECT_EQ(p.ops[0].text, "it's\t\\");
  EXPECT_EQ(p.ops[0].target, "A\xC3\xA9");
}

TEST(ProgramParser, CommentsFencesAndBlankLinesAreIgnored) {
  Program p = ParseProgram(
      "```python\n"
      "# navigation\n"
      "\n"
      "   remove_lines(0, 1)   # the menu\n"
      "```\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].ToString();
  ASSERT_EQ(p.ops.size(), 1u);
  EXPECT_EQ(p.ops[0].source_line, 4u);
}

TEST(ProgramParser, ErrorsNameLineAndColumnAndParsingContinues) {
  Program p = ParseProgram(
      "remove_lines(0, 1)\n"
      "eval('import os')\n"
      "remove_lines(2, ,3)\n"
      "remove_str(1, \"unterminated)\n"
      "remove_lines(5, 3)\n"
      "remove_lines(1, 2) extra\n"
      "remove_str(1, s=\"a\", 3)\n"
      "remove_lines(x, 2)\n"
      "keep_doc()\n");
  ASSERT_EQ(p.ops.size(), 2u);
  EXPECT_EQ(p.ops[1].kind, OpKind::kKeepDoc);
  ASSERT_EQ(p.errors.size(), 7u);
  EXPECT_EQ(p.errors[0].line, 2u);
  EXPECT_EQ(p.errors[0].column, 1u);
  EXPECT_EQ(p.errors[0].cause, "unknown_function");
  EXPECT_EQ(p.errors[0].ToString(), "line 2, column 1: unknown function 'eval'");
  EXPECT_EQ(p.errors[1].line, 3u);
  EXPECT_EQ(p.errors[1].column, 17u);
  EXPECT_EQ(p.errors[2].cause, "bad_string");
  EXPECT_EQ(p.errors[2].column, 15u);
  EXPECT_EQ(p.errors[3].cause, "bad_argument");
  EXPECT_EQ(p.errors[4].cause, "syntax");
  EXPECT_EQ(p.errors[4].column, 20u);
  EXPECT_EQ(p.errors[5].message, "positional argument after a keyword argument");
  EXPECT_EQ(p.errors[6].cause, "bad_literal");
}

TEST(ProgramParser, TypeAndArityChecks) {
  EXPECT_EQ(ParseProgram("remove_lines('1', 2)").errors.at(0).message,
            "parameter 'line_start' must be an integer");
  EXPECT_EQ(ParseProgram("drop_doc(1)").errors.at(0).message,
            "drop_doc() takes at most 0 arguments");
  EXPECT_EQ(ParseProgram("remove_str(1)").errors.at(0).cause, "missing_argument");
  EXPECT_EQ(ParseProgram("remove_lines(1, 2, line_end=3)").errors.at(0).message,
            "parameter 'line_end' given twice");
  EXPECT_EQ(ParseProgram("remove_lines(all=True, line_start=1)").errors.at(0).cause,
            "bad_argument");
  EXPECT_EQ(ParseProgram("remove_str(-1, 'a')").errors.at(0).cause, "bad_argument");
  EXPECT_EQ(ParseProgram("remove_lines(1, 99999999999999999999999)").errors.at(0).message,
            "integer out of range");
  EXPECT_EQ(ParseProgram("remove_lines(1, 2").errors.at(0).message, "expected ',' or ')'");
  EXPECT_EQ(ParseProgram("normalize('', 'x')").errors.at(0).cause, "bad_argument");
  EXPECT_EQ(ParseProgram("remove_str(0, '\\q')").errors.at(0).message, "unknown escape '\\q'");
  EXPECT_EQ(ParseProgram("remove_str(0, '\xff')").errors.at(0).message,
            "string is not valid UTF-8");
}

TEST(ProgramParser, LimitsBoundHostilePrograms) {
  ProgramLimits limits;
  limits.max_ops = 100;
  limits.max_literal_bytes = 16;
  limits.max_program_bytes = 1 << 16;
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "remove_lines(0, 0)\n";
  Program p = ParseProgram(many, limits);
  EXPECT_EQ(p.ops.size(), 100u);
  EXPECT_EQ(p.errors.back().cause, "too_many_ops");

  Program big = ParseProgram("remove_str(0, '" + std::string(100, 'a') + "')", limits);
  EXPECT_EQ(big.errors.at(0).cause, "literal_too_long");

  Program huge = ParseProgram(std::string(1 << 17, '#'), limits);
  EXPECT_EQ(huge.errors.at(0).cause, "program_too_long");
}

TEST(ProgramParser, FormatRoundTrips) {
  Program p = ParseProgram(
      "remove_lines(3, 5)\nremove_lines(all=True)\nremove_str(1, 'a\"b\\t', 2)\n"
      "remove_str(0, 'x')\nnormalize('\\t', 'y')\ndrop_doc()\n");
  ASSERT_TRUE(p.errors.empty());
  std::string text;
  for (const Op& op : p.ops) text += FormatOp(op) + "\n";
  Program q = ParseProgram(text);
  ASSERT_TRUE(q.errors.empty()) << q.errors[0].ToString();
  ASSERT_EQ(q.ops.size(), p.ops.size());
  for (size_t i = 0; i < p.ops.size(); ++i) EXPECT_EQ(FormatOp(q.ops[i]), FormatOp(p.ops[i]));
  EXPECT_EQ(FormatOp(p.ops[2]), "remove_str(1, \"a\\\"b\\t\", 2)");
}

}  // namespace
}  // namespace refinery::edit
