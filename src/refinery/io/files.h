// Files: input resolution (files, directories, globs, stdin) and crash-safe writes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "refinery/core/json.h"
#include "refinery/core/status.h"
#include "refinery/io/compression.h"

namespace refinery {

struct InputFile {
  std::string path;  // as given or as found; "-" for stdin
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  Compression compression = Compression::kNone;
};

// Expands each spec (a file, a directory searched recursively for *.jsonl, *.jsonl.gz,
// *.jsonl.zst and *.parquet, a glob, or "-") into a sorted, de-duplicated list. A missing file, a
// glob that matches nothing or an unreadable file is an error naming it.
StatusOr<std::vector<InputFile>> ResolveInputs(const std::vector<std::string>& specs);

// Writes `content` to `path` through a temporary file, fsync and rename, so readers see the
// old content or the new, never a mix.
Status WriteFileAtomic(const std::string& path, std::string_view content);
StatusOr<std::string> ReadFile(const std::string& path);
// ReadFile, decompressing a `.gz` or `.zst` file (by its name) as it reads.
StatusOr<std::string> ReadFileDecompressed(const std::string& path);
// Reads and parses a small JSON file (a marker, run.json, a summary). NotFound when the file does
// not exist, DataLoss when it is not valid JSON; errors name the file.
StatusOr<Json> ReadJsonFile(const std::string& path);
// fsyncs a directory so renames in it are durable.
Status SyncDirectory(const std::string& dir);

}  // namespace refinery
