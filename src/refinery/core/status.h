// Errors as values. Expected failures of one record, file or request are returned as
// absl::Status / absl::StatusOr; exceptions are kept for the CLI edge only.
//
// abseil 20220623 (Debian bookworm) ships Status and StatusOr but no status macros, so the
// two we use live here.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace refinery {

using absl::Status;
using absl::StatusOr;

}  // namespace refinery

#define REFINERY_CONCAT_INNER(a, b) a##b
#define REFINERY_CONCAT(a, b) REFINERY_CONCAT_INNER(a, b)

// Returns from the enclosing function when `expr` yields a non-OK status.
#define RETURN_IF_ERROR(expr)                            \
  do {                                                   \
    ::absl::Status refinery_status_ = (expr);            \
    if (!refinery_status_.ok()) return refinery_status_; \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, F())` declares x from an OK StatusOr or returns its status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  REFINERY_ASSIGN_OR_RETURN_IMPL(REFINERY_CONCAT(refinery_statusor_, __LINE__), lhs, expr)
#define REFINERY_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
