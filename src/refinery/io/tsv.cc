#include "refinery/io/tsv.h"

#include <fmt/format.h>

#include <algorithm>

#include "refinery/io/files.h"

namespace refinery {

std::vector<std::string_view> SplitTsvLine(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(pos));
      return fields;
    }
    fields.push_back(line.substr(pos, tab - pos));
    pos = tab + 1;
  }
}

std::string UnescapeTsvField(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 1 < field.size() && (field[i + 1] == 'n' || field[i + 1] == '\\')) {
      out.push_back(field[i + 1] == 'n' ? '\n' : '\\');
      ++i;
      continue;
    }
    out.push_back(field[i]);
  }
  return out;
}

Status ForEachTsvRow(const std::string& path, const std::vector<std::string>& columns,
                     const TsvRowFn& row) {
  ASSIGN_OR_RETURN(const std::string data, ReadFileDecompressed(path));
  std::vector<size_t> index;  // columns[k] is field index[k] of each row
  std::vector<std::string_view> fields(columns.size());
  size_t line_no = 0, pos = 0, rows = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<std::string_view> all = SplitTsvLine(line);
    if (line_no == 1) {
      for (const std::string& c : columns) {
        auto it = std::find(all.begin(), all.end(), c);
        if (it == all.end()) {
          return absl::InvalidArgumentError(fmt::format("{}:1: no column '{}'", path, c));
        }
        index.push_back(static_cast<size_t>(it - all.begin()));
      }
      continue;
    }
    if (line.empty()) continue;
    for (size_t k = 0; k < index.size(); ++k) {
      if (index[k] >= all.size()) {
        return absl::InvalidArgumentError(
            fmt::format("{}:{}: no field '{}' (column {}; the row has {})", path, line_no,
                        columns[k], index[k] + 1, all.size()));
      }
      fields[k] = all[index[k]];
    }
    ++rows;
    RETURN_IF_ERROR(row(fields, line_no));
  }
  if (rows == 0) return absl::InvalidArgumentError(path + ": no data rows");
  return absl::OkStatus();
}

}  // namespace refinery
