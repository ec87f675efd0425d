// The content-addressed response cache of the LLM client: one SQLite file (WAL mode) shared by
// all of a user's runs and safe to use from several processes at once. Keys are hex SHA-256
// digests of canonical request bodies (llm/protocol.h CacheKey); values are serialised
// responses. Thread-safe (one connection behind a mutex).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refinery/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace refinery::llm {

class LlmCache {
 public:
  // Opens (creating directories and the table as needed) the cache at `path`.
  static StatusOr<std::unique_ptr<LlmCache>> Open(const std::string& path);
  ~LlmCache();
  LlmCache(const LlmCache&) = delete;
  LlmCache& operator=(const LlmCache&) = delete;

  std::optional<std::string> Get(std::string_view key);
  // Writes all entries in one transaction (durable against a process crash once it returns).
  Status PutMany(const std::vector<std::pair<std::string, std::string>>& entries);
  const std::string& path() const { return path_; }

 private:
  LlmCache() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace refinery::llm
