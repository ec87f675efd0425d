// Sequential reading of records outside a pipeline (metrics, evaluation, training tools).
// Bad lines are skipped and counted; file-level problems are errors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "refinery/core/record.h"
#include "refinery/core/status.h"

namespace refinery {

struct RecordReaderOptions {
  std::string text_field = "text";
  std::string id_field = "id";
  uint64_t max_record_bytes = 64ull << 20;
};

class RecordReader {
 public:
  // `inputs`: files, directories, globs or "-", as everywhere.
  static StatusOr<std::unique_ptr<RecordReader>> Open(const std::vector<std::string>& inputs,
                                                      RecordReaderOptions options = {});
  ~RecordReader();

  // Reads the next valid record into `record` (valid until the next call); false at the end.
  StatusOr<bool> Next(Record& record);

  // Lines skipped because they were not valid records, and the first reason seen.
  uint64_t rejected() const { return rejected_; }
  const std::string& first_reject_reason() const { return first_reject_reason_; }

 private:
  RecordReader();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t rejected_ = 0;
  std::string first_reject_reason_;
};

}  // namespace refinery
