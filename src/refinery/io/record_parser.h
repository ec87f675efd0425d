// Validates one input line and turns it into a Record. One parser per thread, reused.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "refinery/core/byte_buffer.h"
#include "refinery/core/json.h"
#include "refinery/core/record.h"
#include "refinery/core/status.h"

namespace refinery {

class RecordParser {
 public:
  // `text_field` must outlive the records made. With `defer_text`, records do not copy their
  // text out of the line unless it is asked for (see Step::reads_text).
  RecordParser(const std::string* text_field, std::string id_field, bool defer_text = false);
  ~RecordParser();

  // `line` must be followed by at least 64 readable bytes (simdjson padding).
  // A line that is not a valid JSON object with a string text field is an error whose
  // message is the reject reason (e.g. `field "text": expected a string, found number`).
  // The record's text is copied into `texts` when given (it must outlive the record), else
  // into the record.
  StatusOr<Record> Parse(std::string_view line, SourceLocation source,
                         StringArena* texts = nullptr);
  // As Parse, into a fresh record made by the caller (to be discarded on error).
  Status ParseInto(std::string_view line, SourceLocation source, StringArena* texts,
                   Record& record);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The rejects.jsonl line for a record that could not be read or processed:
// {"file", "line", "reason", "raw" | "raw_base64"} (plus "step" and "id" when a step rejected it).
Json RejectLine(const SourceLocation& source, std::string_view reason, std::string_view raw,
                uint64_t oversize_bytes = 0);

std::string Base64Encode(std::string_view bytes);

}  // namespace refinery
