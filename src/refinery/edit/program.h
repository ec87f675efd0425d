// Edit programs (RefineX / ProX): the parsed form of a program and its hand-written parser.
//
// Grammar (one call per line; literal arguments only; `#` comments and ``` fences ignored):
//   program := { stmt? NEWLINE }        stmt := NAME "(" [ arg { "," arg } ] ")"
//   arg     := [ NAME "=" ] literal     literal := INT | STRING | True | False
// Strings are '..' or "..", with \n \t \r \0 \\ \' \" \xHH \uXXXX escapes. Model output is
// never evaluated and never turned into a regex: the parser only builds the Op list below.
// A malformed statement is skipped and reported with its line and column; the rest of the
// program still parses (errors are counted per document by the executor's policy).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace refinery::edit {

enum class OpKind : uint8_t {
  kKeepDoc,         // keep_doc()
  kDropDoc,         // drop_doc()
  kRemoveLines,     // remove_lines(line_start, line_end)   inclusive, 0-based
  kRemoveAllLines,  // remove_lines(all=True)
  kRemoveStr,       // remove_str(line, s, occurrence=-1)
  kNormalize,       // normalize(source_str, target_str)
  kSkipChunk,       // skip_chunk()   no-op
  kKeepAll,         // keep_all()     no-op
};

// The function name of an op kind as written in programs ("remove_lines", ...).
std::string_view OpName(OpKind kind);

struct Op {
  OpKind kind = OpKind::kKeepDoc;
  int64_t line_start = 0;    // remove_lines
  int64_t line_end = 0;      // remove_lines
  int64_t line = 0;          // remove_str
  int64_t occurrence = -1;   // remove_str: 0-based occurrence, -1 = every occurrence
  std::string text;          // remove_str: s; normalize: source_str
  std::string target;        // normalize: target_str
  uint32_t source_line = 0;  // 1-based line of the statement in the program text
};

struct ParseError {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes
  std::string cause;    // short machine-readable cause ("unknown_function", "bad_string", ...)
  std::string message;  // human-readable
  std::string ToString() const;  // "line 3, column 14: unknown function 'foo'"
};

// Bounds that keep hostile programs cheap. Exceeding one is an error, never a crash.
struct ProgramLimits {
  size_t max_program_bytes = 1 << 20;  // longer programs are truncated (and an error is counted)
  size_t max_ops = 10000;              // further statements are errors
  size_t max_literal_bytes = 4096;     // longer string literals are errors
};

struct Program {
  std::vector<Op> ops;
  std::vector<ParseError> errors;
};

// Parses program text. Never fails as a whole: bad statements become `errors`.
Program ParseProgram(std::string_view text, const ProgramLimits& limits = {});

// Writes one op as a canonical statement (what ParseProgram reads back to an equal op).
std::string FormatOp(const Op& op);
// Writes a Python-style string literal with escapes.
std::string QuoteString(std::string_view s);

}  // namespace refinery::edit
