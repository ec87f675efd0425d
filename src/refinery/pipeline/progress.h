// Progress reporting: a live line on a terminal (records/s, MB/s, ETA), a log line every few
// seconds otherwise, nothing with --quiet. Counters are atomics updated by the reader/writer.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "refinery/pipeline/runner.h"

namespace refinery {

struct ProgressCounters {
  std::atomic<uint64_t> raw_bytes_done{0};  // input bytes consumed (compressed if compressed)
  std::atomic<uint64_t> records_in{0};
  std::atomic<uint64_t> records_out{0};
  std::atomic<uint64_t> bytes_in{0};  // uncompressed
};

class ProgressReporter {
 public:
  // `raw_bytes_total` is 0 when unknown (stdin).
  ProgressReporter(ProgressMode mode, const ProgressCounters& counters, uint64_t raw_bytes_total);
  ~ProgressReporter();  // stops the thread and clears the live line

 private:
  void Loop();
  void Print(bool final_line);

  const ProgressCounters& counters_;
  uint64_t total_;
  bool bar_ = false;
  bool enabled_ = false;
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace refinery
