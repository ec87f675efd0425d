#include "refinery/pipeline/predicate.h"

#include <cctype>
#include <charconv>
#include <vector>

#include "refinery/core/utf8.h"

namespace refinery {

namespace {

constexpr size_t kMaxExpressionBytes = 64 * 1024;
constexpr int kMaxDepth = 64;

using Value = FieldValue;
using Type = FieldValue::Type;

enum class Op {
  kLiteral,
  kPath,
  kExists,
  kLen,
  kLower,
  kContains,
  kStartsWith,
  kNot,
  kAnd,
  kOr,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn
};

}  // namespace

struct Predicate::Node {
  Op op;
  Value literal;           // kLiteral
  std::string path;        // kPath, kExists
  std::vector<Value> set;  // kIn
  std::vector<std::unique_ptr<Node>> kids;
};

namespace {

using Node = Predicate::Node;

bool Truthy(const Value& v) {
  switch (v.type) {
    case Type::kBool:
      return v.boolean;
    case Type::kNumber:
      return v.number != 0;
    case Type::kString:
      return !v.string.empty();
    case Type::kArray:
    case Type::kObject:
      return v.size > 0;
    default:
      return false;
  }
}

Value Bool(bool b) {
  Value v;
  v.type = Type::kBool;
  v.boolean = b;
  return v;
}

// -1, 0, 1, or 2 when the values do not compare.
int Compare(const Value& a, const Value& b) {
  if (a.type == Type::kMissing || b.type == Type::kMissing) return 2;
  if (a.type != b.type) return 2;
  switch (a.type) {
    case Type::kNumber:
      return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
    case Type::kString: {
      int c = a.string.compare(b.string);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case Type::kBool:
      return a.boolean == b.boolean ? 0 : 2;
    case Type::kNull:
      return 0;
    default:
      return 2;
  }
}

Value Eval(const Node& n, const Record& r) {
  switch (n.op) {
    case Op::kLiteral:
      return n.literal;
    case Op::kPath:
      return r.Get(n.path);
    case Op::kExists:
      return Bool(r.Get(n.path).type != Type::kMissing);
    case Op::kLen: {
      Value v = Eval(*n.kids[0], r);
      Value out;
      if (v.type == Type::kString) {
        out.type = Type::kNumber;
        out.number = static_cast<double>(CodePointCount(v.string));
      } else if (v.type == Type::kArray || v.type == Type::kObject) {
        out.type = Type::kNumber;
        out.number = static_cast<double>(v.size);
      }
      return out;
    }
    case Op::kLower: {
      Value v = Eval(*n.kids[0], r);
      if (v.type == Type::kString) {
        for (char& c : v.string) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      return v;
    }
    case Op::kContains:
    case Op::kStartsWith: {
      Value a = Eval(*n.kids[0], r), b = Eval(*n.kids[1], r);
      if (a.type != Type::kString || b.type != Type::kString) return Bool(false);
      if (n.op == Op::kContains) return Bool(a.string.find(b.string) != std::string::npos);
      return Bool(a.string.compare(0, b.string.size(), b.string) == 0);
    }
    case Op::kNot:
      return Bool(!Truthy(Eval(*n.kids[0], r)));
    case Op::kAnd:
      return Bool(Truthy(Eval(*n.kids[0], r)) && Truthy(Eval(*n.kids[1], r)));
    case Op::kOr:
      return Bool(Truthy(Eval(*n.kids[0], r)) || Truthy(Eval(*n.kids[1], r)));
    case Op::kIn: {
      Value v = Eval(*n.kids[0], r);
      for (const Value& candidate : n.set) {
        if (Compare(v, candidate) == 0) return Bool(true);
      }
      return Bool(false);
    }
    default: {
      int c = Compare(Eval(*n.kids[0], r), Eval(*n.kids[1], r));
      if (c == 2) return Bool(false);
      switch (n.op) {
        case Op::kEq:
          return Bool(c == 0);
        case Op::kNe:
          return Bool(c != 0);
        case Op::kLt:
          return Bool(c < 0);
        case Op::kLe:
          return Bool(c <= 0);
        case Op::kGt:
          return Bool(c > 0);
        default:
          return Bool(c >= 0);
      }
    }
  }
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  StatusOr<std::unique_ptr<Node>> ParseAll() {
    auto node = ParseOr(0);
    if (!error_.empty()) return Error();
    SkipSpace();
    if (pos_ != s_.size()) {
      Fail("unexpected '" + std::string(s_.substr(pos_, 1)) + "'");
      return Error();
    }
    return node;
  }

 private:
  Status Error() const {
    return absl::InvalidArgumentError("column " + std::to_string(error_pos_ + 1) + ": " + error_);
  }
  void Fail(const std::string& message) {
    if (!error_.empty()) return;
    error_ = message;
    error_pos_ = pos_;
  }
  void SkipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Accept(std::string_view token) {
    SkipSpace();
    if (s_.substr(pos_, token.size()) != token) return false;
    // Word operators must not run into an identifier (`order` is not `or` + `der`).
    if (std::isalpha(static_cast<unsigned char>(token[0]))) {
      size_t end = pos_ + token.size();
      if (end < s_.size() &&
          (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) {
        return false;
      }
    }
    pos_ += token.size();
    return true;
  }
  void Expect(std::string_view token) {
    if (!Accept(token)) Fail("expected '" + std::string(token) + "'");
  }

  std::unique_ptr<Node> Make(Op op, std::unique_ptr<Node> a = nullptr,
                             std::unique_ptr<Node> b = nullptr) {
    auto n = std::make_unique<Node>();
    n->op = op;
    if (a) n->kids.push_back(std::move(a));
    if (b) n->kids.push_back(std::move(b));
    return n;
  }

  std::unique_ptr<Node> ParseOr(int depth) {
    auto left = ParseAnd(depth);
    while (error_.empty() && (Accept("or") || Accept("||")))
      left = Make(Op::kOr, std::move(left), ParseAnd(depth));
    return left;
  }
  std::unique_ptr<Node> ParseAnd(int depth) {
    auto left = ParseNot(depth);
    while (error_.empty() && (Accept("and") || Accept("&&")))
      left = Make(Op::kAnd, std::move(left), ParseNot(depth));
    return left;
  }
  std::unique_ptr<Node> ParseNot(int depth) {
    if (depth > kMaxDepth) {
      Fail("expression nested too deeply");
      return Make(Op::kLiteral);
    }
    SkipSpace();
    if (s_.substr(pos_, 2) != "!=" && Accept("!")) return Make(Op::kNot, ParseNot(depth + 1));
    if (Accept("not")) return Make(Op::kNot, ParseNot(depth + 1));
    return ParseComparison(depth);
  }
  std::unique_ptr<Node> ParseComparison(int depth) {
    auto left = ParseOperand(depth);
    if (!error_.empty()) return left;
    static const std::pair<std::string_view, Op> kOps[] = {{"==", Op::kEq}, {"!=", Op::kNe},
                                                           {"<=", Op::kLe}, {">=", Op::kGe},
                                                           {"<", Op::kLt},  {">", Op::kGt}};
    for (const auto& [token, op] : kOps) {
      if (Accept(token)) return Make(op, std::move(left), ParseOperand(depth));
    }
    if (Accept("in")) {
      auto n = Make(Op::kIn, std::move(left));
      Expect("[");
      while (error_.empty()) {
        auto item = ParseOperand(depth);
        if (item->op != Op::kLiteral) {
          Fail("'in' takes a list of literals");
          break;
        }
        n->set.push_back(item->literal);
        if (Accept("]")) break;
        Expect(",");
      }
      return n;
    }
    return left;
  }
  std::unique_ptr<Node> ParseOperand(int depth) {
    SkipSpace();
    if (pos_ >= s_.size()) {
      Fail("expected a value");
      return Make(Op::kLiteral);
    }
    char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      if (depth > kMaxDepth) {
        Fail("expression nested too deeply");
        return Make(Op::kLiteral);
      }
      auto inner = ParseOr(depth + 1);
      Expect(")");
      return inner;
    }
    if (c == '"' || c == '\'') return ParseString(c);
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') return ParseNumber();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos_;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                  s_[pos_] == '_' || s_[pos_] == '.' || s_[pos_] == '-')) {
        ++pos_;
      }
      std::string word(s_.substr(start, pos_ - start));
      auto n = Make(Op::kLiteral);
      if (word == "true" || word == "True" || word == "false" || word == "False") {
        n->literal = Bool(word[0] == 't' || word[0] == 'T');
        return n;
      }
      if (word == "null" || word == "None") {
        n->literal.type = Type::kNull;
        return n;
      }
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == '(') return ParseCall(word, start, depth);
      n->op = Op::kPath;
      n->path = word;
      return n;
    }
    Fail("expected a value, field or function");
    return Make(Op::kLiteral);
  }
  std::unique_ptr<Node> ParseCall(const std::string& name, size_t name_start, int depth) {
    ++pos_;  // '('
    static const std::pair<std::string_view, std::pair<Op, int>> kFuncs[] = {
        {"exists", {Op::kExists, 1}},
        {"len", {Op::kLen, 1}},
        {"lower", {Op::kLower, 1}},
        {"contains", {Op::kContains, 2}},
        {"startswith", {Op::kStartsWith, 2}}};
    for (const auto& [fname, spec] : kFuncs) {
      if (name != fname) continue;
      auto n = Make(spec.first);
      for (int i = 0; i < spec.second && error_.empty(); ++i) {
        if (i > 0) Expect(",");
        auto arg = ParseOr(depth + 1);
        if (spec.first == Op::kExists) {
          if (arg->op != Op::kPath) Fail("exists() takes a field path");
          n->path = arg->path;
        } else {
          n->kids.push_back(std::move(arg));
        }
      }
      Expect(")");
      return n;
    }
    pos_ = name_start;
    Fail("unknown function '" + name + "' (known: exists, len, lower, contains, startswith)");
    return Make(Op::kLiteral);
  }
  std::unique_ptr<Node> ParseString(char quote) {
    ++pos_;
    auto n = Make(Op::kLiteral);
    n->literal.type = Type::kString;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c == '\\' && pos_ < s_.size()) {
        char e = s_[pos_++];
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
      n->literal.string.push_back(c);
    }
    if (pos_ >= s_.size()) {
      Fail("unterminated string");
      return n;
    }
    ++pos_;
    return n;
  }
  std::unique_ptr<Node> ParseNumber() {
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
            s_[pos_] == '-' || s_[pos_] == 'e' || s_[pos_] == 'E' || s_[pos_] == '+')) {
      ++pos_;
    }
    auto n = Make(Op::kLiteral);
    n->literal.type = Type::kNumber;
    auto [ptr, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, n->literal.number);
    if (ec != std::errc() || ptr != s_.data() + pos_) {
      pos_ = start;
      Fail("invalid number");
    }
    return n;
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
  size_t error_pos_ = 0;
};

}  // namespace

Predicate::~Predicate() = default;

StatusOr<std::shared_ptr<const Predicate>> Predicate::Compile(std::string_view expression) {
  if (expression.size() > kMaxExpressionBytes) {
    return absl::InvalidArgumentError("expression longer than 64 KiB");
  }
  Parser parser(expression);
  ASSIGN_OR_RETURN(auto root, parser.ParseAll());
  std::shared_ptr<Predicate> p(new Predicate());
  p->root_ = std::move(root);
  return std::shared_ptr<const Predicate>(std::move(p));
}

bool Predicate::Matches(const Record& record) const { return Truthy(Eval(*root_, record)); }

}  // namespace refinery
