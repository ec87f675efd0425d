#include "refinery/edit/program.h"

#include <array>
#include <cstring>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "refinery/core/enum_names.h"
#include "refinery/core/utf8.h"

namespace refinery::edit {

namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

enum class ValueType { kInt, kString, kBool };

struct Value {
  ValueType type = ValueType::kInt;
  int64_t integer = 0;
  bool boolean = false;
  std::string string;
};

// The escapes of string literals, both ways: a character and the letter that follows the
// backslash. QuoteString writes them and the parser reads them (a single quote is read
// escaped, but written as it is inside double quotes).
constexpr std::pair<char, char> kEscapes[] = {{'\n', 'n'}, {'\t', 't'},  {'\r', 'r'}, {'\0', '0'},
                                              {'"', '"'},  {'\\', '\\'}, {'\'', '\''}};

// The letter that escapes `c` (0: written as it is, or as \xNN when a control character).
char EscapeLetter(char c) {
  for (const auto& [raw, letter] : kEscapes) {
    if (raw == c && c != '\'') return letter;
  }
  return 0;
}

// The character escape letter `letter` stands for.
char EscapedChar(char letter) {
  for (const auto& [raw, l] : kEscapes) {
    if (l == letter) return raw;
  }
  return letter;
}

std::string_view TypeName(ValueType t) {
  static constexpr const char* kNames[] = {"an integer", "a string", "True or False"};
  static_assert(std::size(kNames) == static_cast<size_t>(ValueType::kBool) + 1);
  return EnumName(t, kNames);
}

struct ParamSpec {
  const char* name;
  ValueType type;
};

struct FunctionSpec {
  const char* name;
  std::array<ParamSpec, 3> params;
  size_t param_count;
};

// remove_lines takes (line_start, line_end) or (all=True); `all` is keyword-only in practice
// but listed third so that every name binds the same way.
constexpr FunctionSpec kFunctions[] = {
    {"keep_doc", {}, 0},
    {"drop_doc", {}, 0},
    {"skip_chunk", {}, 0},
    {"keep_all", {}, 0},
    {"remove_lines",
     {{{"line_start", ValueType::kInt}, {"line_end", ValueType::kInt}, {"all", ValueType::kBool}}},
     3},
    {"remove_str",
     {{{"line", ValueType::kInt}, {"s", ValueType::kString}, {"occurrence", ValueType::kInt}}},
     3},
    {"normalize",
     {{{"source_str", ValueType::kString}, {"target_str", ValueType::kString}, {"", {}}}},
     2},
};

class LineParser {
 public:
  LineParser(std::string_view line, uint32_t line_number, const ProgramLimits& limits)
      : s_(line), line_number_(line_number), limits_(limits) {}

  // Parses one statement line. Returns nullopt for blank/comment/fence lines or on error
  // (then `error` is set).
  std::optional<Op> Parse(std::optional<ParseError>& error) {
    SkipSpace();
    if (AtEnd() || Peek() == '#') return std::nullopt;
    if (s_.substr(pos_).starts_with("```")) return std::nullopt;
    if (!IsNameStart(Peek())) return Fail("syntax", "expected a function name");
    size_t name_start = pos_;
    while (!AtEnd() && IsNameChar(Peek())) ++pos_;
    std::string_view name = s_.substr(name_start, pos_ - name_start);
    const FunctionSpec* fn = nullptr;
    for (const FunctionSpec& f : kFunctions) {
      if (name == f.name) fn = &f;
    }
    if (fn == nullptr) {
      pos_ = name_start;
      return Fail("unknown_function", fmt::format("unknown function '{}'", Clip(name)));
    }
    SkipSpace();
    if (AtEnd() || Peek() != '(') return Fail("syntax", "expected '(' after the function name");
    ++pos_;

    std::array<std::optional<Value>, 3> bound;
    size_t positional = 0;
    bool seen_keyword = false;
    SkipSpace();
    if (!AtEnd() && Peek() == ')') {
      ++pos_;
    } else {
      while (true) {
        SkipSpace();
        size_t arg_pos = pos_;
        std::string_view keyword;
        if (!AtEnd() && IsNameStart(Peek())) {
          size_t save = pos_;
          while (!AtEnd() && IsNameChar(Peek())) ++pos_;
          std::string_view word = s_.substr(save, pos_ - save);
          SkipSpace();
          if (!AtEnd() && Peek() == '=') {
            ++pos_;
            keyword = word;
          } else {
            pos_ = save;
          }
        }
        SkipSpace();
        arg_pos = keyword.empty() ? pos_ : arg_pos;
        Value value;
        if (!ParseLiteral(value)) return std::nullopt;
        size_t slot;
        if (keyword.empty()) {
          if (seen_keyword) {
            pos_ = arg_pos;
            return Fail("bad_argument", "positional argument after a keyword argument");
          }
          if (positional >= fn->param_count) {
            pos_ = arg_pos;
            return Fail("bad_argument",
                        fmt::format("{}() takes at most {} arguments", fn->name, fn->param_count));
          }
          slot = positional++;
        } else {
          seen_keyword = true;
          slot = fn->param_count;
          for (size_t k = 0; k < fn->param_count; ++k) {
            if (keyword == fn->params[k].name) slot = k;
          }
          if (slot == fn->param_count) {
            pos_ = arg_pos;
            return Fail("bad_argument",
                        fmt::format("{}() has no parameter '{}'", fn->name, Clip(keyword)));
          }
        }
        if (bound[slot].has_value()) {
          pos_ = arg_pos;
          return Fail("bad_argument",
                      fmt::format("parameter '{}' given twice", fn->params[slot].name));
        }
        if (value.type != fn->params[slot].type) {
          pos_ = arg_pos;
          return Fail("bad_argument",
                      fmt::format("parameter '{}' must be {}", fn->params[slot].name,
                                  TypeName(fn->params[slot].type)));
        }
        bound[slot] = std::move(value);
        SkipSpace();
        if (AtEnd()) return Fail("syntax", "expected ',' or ')'");
        if (Peek() == ',') {
          ++pos_;
          SkipSpace();
          if (!AtEnd() && Peek() == ')') {  // trailing comma
            ++pos_;
            break;
          }
          continue;
        }
        if (Peek() == ')') {
          ++pos_;
          break;
        }
        return Fail("syntax", "expected ',' or ')'");
      }
    }
    SkipSpace();
    if (!AtEnd() && Peek() != '#') return Fail("syntax", "unexpected text after ')'");
    return Bind(*fn, bound, error);
  }

 private:
  std::optional<Op> Bind(const FunctionSpec& fn, std::array<std::optional<Value>, 3>& bound,
                         std::optional<ParseError>& error) {
    Op op;
    op.source_line = line_number_;
    std::string_view name = fn.name;
    auto bad_argument = [&](const char* message) {
      error = MakeError(0, "bad_argument", message);
      return std::nullopt;
    };
    auto missing = [&](const char* param) {
      error = MakeError(0, "missing_argument",
                        fmt::format("{}() is missing parameter '{}'", fn.name, param));
      return std::nullopt;
    };
    if (name == "keep_doc") {
      op.kind = OpKind::kKeepDoc;
    } else if (name == "drop_doc") {
      op.kind = OpKind::kDropDoc;
    } else if (name == "skip_chunk") {
      op.kind = OpKind::kSkipChunk;
    } else if (name == "keep_all") {
      op.kind = OpKind::kKeepAll;
    } else if (name == "remove_lines") {
      bool all = bound[2].has_value() && bound[2]->boolean;
      if (all) {
        if (bound[0] || bound[1])
          return bad_argument("remove_lines(all=True) takes no line numbers");
        op.kind = OpKind::kRemoveAllLines;
        return op;
      }
      if (!bound[0]) return missing("line_start");
      if (!bound[1]) return missing("line_end");
      op.kind = OpKind::kRemoveLines;
      op.line_start = bound[0]->integer;
      op.line_end = bound[1]->integer;
      if (op.line_start < 0 || op.line_end < 0) return bad_argument("line numbers must be >= 0");
      if (op.line_end < op.line_start) return bad_argument("line_end is before line_start");
    } else if (name == "remove_str") {
      if (!bound[0]) return missing("line");
      if (!bound[1]) return missing("s");
      op.kind = OpKind::kRemoveStr;
      op.line = bound[0]->integer;
      op.text = std::move(bound[1]->string);
      if (bound[2]) op.occurrence = bound[2]->integer;
      if (op.line < 0) return bad_argument("line must be >= 0");
      if (op.occurrence < -1) return bad_argument("occurrence must be >= 0, or -1 for every one");
      if (op.text.empty()) return bad_argument("remove_str() needs a non-empty string");
      if (op.text.find('\n') != std::string::npos)
        return bad_argument("remove_str() string must be on one line");
    } else if (name == "normalize") {
      if (!bound[0]) return missing("source_str");
      if (!bound[1]) return missing("target_str");
      op.kind = OpKind::kNormalize;
      op.text = std::move(bound[0]->string);
      op.target = std::move(bound[1]->string);
      if (op.text.empty()) return bad_argument("normalize() needs a non-empty source_str");
      if (op.text.find('\n') != std::string::npos || op.target.find('\n') != std::string::npos)
        return bad_argument("normalize() strings must be single-line");
    }
    return op;
  }

  bool ParseLiteral(Value& value) {
    if (AtEnd()) return SetPending("syntax", "expected a value");
    char c = Peek();
    if (c == '"' || c == '\'') return ParseString(value);
    if (c == '-' || c == '+' || (c >= '0' && c <= '9')) return ParseInt(value);
    if (IsNameStart(c)) {
      size_t start = pos_;
      while (!AtEnd() && IsNameChar(Peek())) ++pos_;
      std::string_view word = s_.substr(start, pos_ - start);
      if (word == "True" || word == "False") {
        value.type = ValueType::kBool;
        value.boolean = word == "True";
        return true;
      }
      pos_ = start;
      return SetPending("bad_literal", fmt::format("'{}' is not a literal (integers, strings, "
                                                   "True, False)",
                                                   Clip(word)));
    }
    return SetPending("syntax", "expected a value");
  }

  bool ParseInt(Value& value) {
    size_t start = pos_;
    bool negative = false;
    if (Peek() == '-' || Peek() == '+') {
      negative = Peek() == '-';
      ++pos_;
    }
    if (AtEnd() || !(Peek() >= '0' && Peek() <= '9')) {
      pos_ = start;
      return SetPending("bad_literal", "malformed integer");
    }
    uint64_t v = 0;
    bool overflow = false;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
      if (v > (uint64_t{1} << 62)) overflow = true;
      v = v * 10 + static_cast<uint64_t>(Peek() - '0');
      ++pos_;
    }
    if (!AtEnd() && IsNameChar(Peek())) {
      pos_ = start;
      return SetPending("bad_literal", "malformed integer");
    }
    if (overflow || v > (uint64_t{1} << 62)) {
      pos_ = start;
      return SetPending("bad_literal", "integer out of range");
    }
    value.type = ValueType::kInt;
    value.integer = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
    return true;
  }

  bool ParseString(Value& value) {
    size_t start = pos_;
    char quote = Peek();
    ++pos_;
    std::string out;
    while (true) {
      if (AtEnd()) {
        pos_ = start;
        return SetPending("bad_string", "unterminated string");
      }
      char c = Peek();
      ++pos_;
      if (c == quote) break;
      if (c != '\\') {
        out.push_back(c);
      } else {
        if (AtEnd()) {
          pos_ = start;
          return SetPending("bad_string", "unterminated string");
        }
        char e = Peek();
        ++pos_;
        switch (e) {
          case 'n':
          case 't':
          case 'r':
          case '0':
          case '\\':
          case '\'':
          case '"':
            out.push_back(EscapedChar(e));
            break;
          case 'x':
          case 'u': {
            size_t digits = e == 'x' ? 2 : 4;
            uint32_t cp = 0;
            for (size_t k = 0; k < digits; ++k) {
              if (AtEnd()) {
                pos_ -= 2 + k;
                return SetPending("bad_string", "truncated \\x or \\u escape");
              }
              char h = Peek();
              int d = (h >= '0' && h <= '9')   ? h - '0'
                      : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                      : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                               : -1;
              if (d < 0) {
                pos_ -= 2 + k;
                return SetPending("bad_string", "bad hex digit in escape");
              }
              cp = cp * 16 + static_cast<uint32_t>(d);
              ++pos_;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
              pos_ -= 2 + digits;
              return SetPending("bad_string", "surrogate code point in escape");
            }
            AppendUtf8(cp, out);
            break;
          }
          default:
            pos_ -= 2;
            return SetPending("bad_string", fmt::format("unknown escape '\\{}'", e));
        }
      }
      if (out.size() > limits_.max_literal_bytes) {
        pos_ = start;
        return SetPending("literal_too_long",
                          fmt::format("string longer than {} bytes", limits_.max_literal_bytes));
      }
    }
    if (!IsValidUtf8(out)) {
      pos_ = start;
      return SetPending("bad_string", "string is not valid UTF-8");
    }
    value.type = ValueType::kString;
    value.string = std::move(out);
    return true;
  }

  std::optional<Op> Fail(std::string cause, std::string message) {
    pending_ = MakeError(pos_ + 1, std::move(cause), std::move(message));
    return std::nullopt;
  }
  bool SetPending(std::string cause, std::string message) {
    pending_ = MakeError(pos_ + 1, std::move(cause), std::move(message));
    return false;
  }

  ParseError MakeError(size_t column, std::string cause, std::string message) const {
    ParseError e;
    e.line = line_number_;
    e.column = static_cast<uint32_t>(column == 0 ? 1 : column);
    e.cause = std::move(cause);
    e.message = std::move(message);
    return e;
  }

  static std::string Clip(std::string_view s) {
    if (s.size() <= 40) return std::string(s);
    return std::string(s.substr(0, 40)) + "...";
  }

  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(Peek())) ++pos_;
  }

 public:
  std::optional<ParseError> pending_;

 private:
  std::string_view s_;
  size_t pos_ = 0;
  uint32_t line_number_;
  const ProgramLimits& limits_;
};

}  // namespace

std::string_view OpName(OpKind kind) {
  static constexpr const char* kNames[] = {"keep_doc",     "drop_doc",   "remove_lines",
                                           "remove_lines", "remove_str", "normalize",
                                           "skip_chunk",   "keep_all"};
  static_assert(std::size(kNames) == static_cast<size_t>(OpKind::kKeepAll) + 1);
  return EnumName(kind, kNames);
}

std::string ParseError::ToString() const {
  return fmt::format("line {}, column {}: {}", line, column, message);
}

Program ParseProgram(std::string_view text, const ProgramLimits& limits) {
  Program program;
  if (text.size() > limits.max_program_bytes) {
    ParseError e;
    e.line = 0;
    e.column = 0;
    e.cause = "program_too_long";
    e.message =
        fmt::format("program longer than {} bytes; the rest was ignored", limits.max_program_bytes);
    program.errors.push_back(std::move(e));
    text = text.substr(0, limits.max_program_bytes);
  }
  uint32_t line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    ++line_number;
    LineParser parser(line, line_number, limits);
    std::optional<ParseError> error;
    std::optional<Op> op = parser.Parse(error);
    if (!error && parser.pending_) error = std::move(parser.pending_);
    if (op) {
      if (program.ops.size() >= limits.max_ops) {
        ParseError e;
        e.line = line_number;
        e.column = 1;
        e.cause = "too_many_ops";
        e.message = fmt::format("more than {} statements; the rest was ignored", limits.max_ops);
        program.errors.push_back(std::move(e));
        break;
      }
      program.ops.push_back(std::move(*op));
    } else if (error) {
      program.errors.push_back(std::move(*error));
      // A flood of bad lines costs one error each, but stop collecting past the op limit.
      if (program.errors.size() > limits.max_ops) break;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return program;
}

std::string QuoteString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (char letter = EscapeLetter(c)) {
      out.push_back('\\');
      out.push_back(letter);
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string FormatOp(const Op& op) {
  switch (op.kind) {
    case OpKind::kKeepDoc:
    case OpKind::kDropDoc:
    case OpKind::kSkipChunk:
    case OpKind::kKeepAll:
      return fmt::format("{}()", OpName(op.kind));
    case OpKind::kRemoveLines:
      return fmt::format("remove_lines({}, {})", op.line_start, op.line_end);
    case OpKind::kRemoveAllLines:
      return "remove_lines(all=True)";
    case OpKind::kRemoveStr:
      if (op.occurrence == -1)
        return fmt::format("remove_str({}, {})", op.line, QuoteString(op.text));
      return fmt::format("remove_str({}, {}, {})", op.line, QuoteString(op.text), op.occurrence);
    case OpKind::kNormalize:
      return fmt::format("normalize({}, {})", QuoteString(op.text), QuoteString(op.target));
  }
  return "";
}

}  // namespace refinery::edit
