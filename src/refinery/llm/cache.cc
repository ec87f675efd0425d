#include "refinery/llm/cache.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace refinery::llm {

struct LlmCache::Impl {
  std::mutex mu;
  sqlite3* db = nullptr;
  sqlite3_stmt* get = nullptr;
  sqlite3_stmt* put = nullptr;
  ~Impl() {
    if (get) sqlite3_finalize(get);
    if (put) sqlite3_finalize(put);
    if (db) sqlite3_close(db);
  }
};

namespace {

Status SqlError(sqlite3* db, const std::string& path, const char* what) {
  return absl::UnavailableError(std::string("llm cache ") + path + ": " + what + ": " +
                                (db ? sqlite3_errmsg(db) : "?"));
}

}  // namespace

StatusOr<std::unique_ptr<LlmCache>> LlmCache::Open(const std::string& path) {
  std::unique_ptr<LlmCache> cache(new LlmCache());
  cache->path_ = path;
  cache->impl_ = std::make_unique<Impl>();
  Impl& im = *cache->impl_;
  std::error_code ec;
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  if (sqlite3_open_v2(path.c_str(), &im.db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return SqlError(im.db, path, "cannot open");
  }
  sqlite3_busy_timeout(im.db, 30000);
  const char* setup =
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS responses ("
      "  key TEXT PRIMARY KEY, value TEXT NOT NULL, created INTEGER NOT NULL"
      ") WITHOUT ROWID;";
  // Switching a new file to WAL takes an exclusive lock for which SQLite does not call the
  // busy handler, so processes opening one cache at once retry here (up to ~30 s).
  for (int attempt = 0;; ++attempt) {
    char* err = nullptr;
    int rc = sqlite3_exec(im.db, setup, nullptr, nullptr, &err);
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    if (rc == SQLITE_OK) break;
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt == 1500) {
      return absl::UnavailableError("llm cache " + path + ": cannot set up: " + msg);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (sqlite3_prepare_v2(im.db, "SELECT value FROM responses WHERE key = ?1", -1, &im.get,
                         nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(im.db,
                         "INSERT OR REPLACE INTO responses(key, value, created) "
                         "VALUES (?1, ?2, strftime('%s','now'))",
                         -1, &im.put, nullptr) != SQLITE_OK) {
    return SqlError(im.db, path, "cannot prepare");
  }
  return cache;
}

LlmCache::~LlmCache() = default;

std::optional<std::string> LlmCache::Get(std::string_view key) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  sqlite3_stmt* st = impl_->get;
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  std::optional<std::string> out;
  if (sqlite3_step(st) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    int n = sqlite3_column_bytes(st, 0);
    if (text) out.emplace(text, static_cast<size_t>(n));
  }
  sqlite3_reset(st);
  return out;
}

Status LlmCache::PutMany(const std::vector<std::pair<std::string, std::string>>& entries) {
  if (entries.empty()) return absl::OkStatus();
  std::lock_guard<std::mutex> lock(impl_->mu);
  sqlite3* db = impl_->db;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqlError(db, path_, "cannot begin");
  }
  for (const auto& [key, value] : entries) {
    sqlite3_stmt* st = impl_->put;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
      Status s = SqlError(db, path_, "cannot write");
      sqlite3_reset(st);
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return s;
    }
    sqlite3_reset(st);
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = SqlError(db, path_, "cannot commit");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  }
  return absl::OkStatus();
}

}  // namespace refinery::llm
