// Tab-separated files as ../shared/data writes them: a header row naming the columns, no
// quoting (a tab inside text is written as a space), `\n` and `\\` escapes inside text
// fields, LF or CRLF line ends, plain or gzip/zstd compressed (by the file name).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "refinery/core/status.h"

namespace refinery {

// Splits one line at every tab; a line without a tab is one field.
std::vector<std::string_view> SplitTsvLine(std::string_view line);

// Undoes the `\n` and `\\` escapes of a text field; any other backslash is kept.
std::string UnescapeTsvField(std::string_view field);

// Called with the fields of one data row, in the order the caller named the columns (raw, not
// unescaped), and the row's 1-based line number in the file.
using TsvRowFn = std::function<Status(const std::vector<std::string_view>& fields, size_t line)>;

// Calls `row` for every non-empty data row of the file at `path`, with `columns` looked up by
// name in the header. Errors name the file and line: a file that cannot be read, a header
// without one of `columns`, a row too short to hold one of them, a file without data rows, or
// the first error `row` returns (which stops the reading).
Status ForEachTsvRow(const std::string& path, const std::vector<std::string>& columns,
                     const TsvRowFn& row);

}  // namespace refinery
