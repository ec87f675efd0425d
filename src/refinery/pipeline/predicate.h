// The `filter` step's predicate language: a small, safe expression language over record fields.
//
//   refinery.scores.toxicity < 0.5 and not exists(refinery.pii)
//   len(text) >= 200 or meta.source in ["wiki", "books"]
//   lower(meta.lang) == "en" && contains(text, "recipe")
//
// Operands: numbers, strings ('..' or ".."), true, false, null, field paths (dotted; `text` is
// the record's current text), and functions exists(path), len(x) (code points of a string,
// elements of an array or object), lower(x), contains(x, y), startswith(x, y).
// Operators: == != < <= > >= (numbers, or strings byte-wise), `in [literal, ...]`,
// and/&&, or/||, not/!, parentheses. A comparison involving a missing field is false; a bare
// operand is true when it is true, a non-zero number, a non-empty string or a non-empty
// collection. Expressions are parsed once into an immutable tree; evaluation allocates little
// and takes time linear in the expression's size.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "refinery/core/record.h"
#include "refinery/core/status.h"

namespace refinery {

class Predicate {
 public:
  // Errors give the column: "column 14: expected ')'".
  static StatusOr<std::shared_ptr<const Predicate>> Compile(std::string_view expression);
  ~Predicate();

  bool Matches(const Record& record) const;

  struct Node;

 private:
  Predicate() = default;
  std::unique_ptr<Node> root_;
};

}  // namespace refinery
