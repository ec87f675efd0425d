#include "refinery/edit/jsonl_input.h"

#include <fmt/format.h>

#include "refinery/io/compression.h"

namespace refinery::edit {

Status ForEachJsonLine(const std::string& path,
                       const std::function<Status(const Json& object, uint64_t line)>& fn) {
  auto source = OpenByteSource(path, path == "-" ? Compression::kNone : CompressionFromPath(path));
  if (!source.ok()) return source.status();
  std::string pending;
  std::string buf(1 << 16, '\0');
  uint64_t line = 0;
  auto handle = [&](std::string_view text) -> Status {
    ++line;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) return absl::OkStatus();
    Json object = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) {
      return absl::InvalidArgumentError(fmt::format("{}:{}: not a JSON object", path, line));
    }
    return fn(object, line);
  };
  while (true) {
    auto n = (*source)->Read(buf.data(), buf.size());
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    pending.append(buf.data(), *n);
    size_t start = 0, nl;
    while ((nl = pending.find('\n', start)) != std::string::npos) {
      RETURN_IF_ERROR(handle(std::string_view(pending).substr(start, nl - start)));
      start = nl + 1;
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) RETURN_IF_ERROR(handle(pending));
  return absl::OkStatus();
}

StatusOr<std::string> IdOf(const Json& object, const std::string& id_field, const std::string& path,
                           uint64_t line) {
  auto it = object.find(id_field);
  if (it == object.end()) {
    return absl::InvalidArgumentError(
        fmt::format("{}:{}: field '{}' is missing", path, line, id_field));
  }
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return absl::InvalidArgumentError(
      fmt::format("{}:{}: field '{}' must be a string or a number", path, line, id_field));
}

StatusOr<std::string> StringField(const Json& object, const std::string& field,
                                  const std::string& path, uint64_t line) {
  auto it = object.find(field);
  if (it == object.end()) {
    return absl::InvalidArgumentError(
        fmt::format("{}:{}: field '{}' is missing", path, line, field));
  }
  if (!it->is_string()) {
    return absl::InvalidArgumentError(
        fmt::format("{}:{}: field '{}' must be a string", path, line, field));
  }
  return it->get<std::string>();
}

StatusOr<ProgramTable> LoadProgramTable(const std::string& path, const std::string& id_field,
                                        const std::string& program_field) {
  ProgramTable table;
  Status status = ForEachJsonLine(path, [&](const Json& object, uint64_t line) -> Status {
    ASSIGN_OR_RETURN(std::string id, IdOf(object, id_field, path, line));
    ASSIGN_OR_RETURN(std::string program, StringField(object, program_field, path, line));
    if (!table.emplace(std::move(id), std::move(program)).second) {
      return absl::InvalidArgumentError(
          fmt::format("{}:{}: field '{}': id seen before", path, line, id_field));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return table;
}

}  // namespace refinery::edit
