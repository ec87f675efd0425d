#include "refinery/pipeline/progress.h"

#include <unistd.h>

#include <cstdio>

namespace refinery {

ProgressReporter::ProgressReporter(ProgressMode mode, const ProgressCounters& counters,
                                   uint64_t raw_bytes_total)
    : counters_(counters), total_(raw_bytes_total), start_(std::chrono::steady_clock::now()) {
  if (mode == ProgressMode::kQuiet) return;
  bar_ = mode == ProgressMode::kBar || (mode == ProgressMode::kAuto && ::isatty(STDERR_FILENO));
  enabled_ = true;
  thread_ = std::thread([this] { Loop(); });
}

ProgressReporter::~ProgressReporter() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (bar_) std::fprintf(stderr, "\r\033[K");
}

void ProgressReporter::Loop() {
  const auto period = bar_ ? std::chrono::milliseconds(250) : std::chrono::seconds(5);
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, period, [&] { return stop_; })) Print(false);
}

void ProgressReporter::Print(bool) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (seconds <= 0) return;
  uint64_t records = counters_.records_in.load();
  uint64_t bytes = counters_.bytes_in.load();
  uint64_t raw = counters_.raw_bytes_done.load();
  char eta[64] = "";
  if (total_ > 0 && raw > 0 && raw <= total_) {
    double remaining = seconds * static_cast<double>(total_ - raw) / static_cast<double>(raw);
    std::snprintf(eta, sizeof(eta), " %5.1f%% ETA %.0fs", 100.0 * raw / total_, remaining);
  }
  std::fprintf(stderr, "%s%llu records (%.0f/s) %.1f MB (%.1f MB/s) out %llu%s%s",
               bar_ ? "\r\033[K" : "refinery: ", static_cast<unsigned long long>(records),
               records / seconds, bytes / 1e6, bytes / 1e6 / seconds,
               static_cast<unsigned long long>(counters_.records_out.load()), eta,
               bar_ ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace refinery
