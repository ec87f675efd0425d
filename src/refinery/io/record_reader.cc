#include "refinery/io/record_reader.h"

#include <cstring>

#include "refinery/io/files.h"
#include "refinery/io/record_parser.h"
#include "refinery/io/shard_plan.h"

namespace refinery {

struct RecordReader::Impl {
  RecordReaderOptions options;
  std::vector<InputFile> files;
  std::vector<PartPlan> parts;
  size_t next_part = 0;
  std::unique_ptr<PartReader> reader;
  std::unique_ptr<RecordParser> parser;
};

RecordReader::RecordReader() : impl_(std::make_unique<Impl>()) {}
RecordReader::~RecordReader() = default;

StatusOr<std::unique_ptr<RecordReader>> RecordReader::Open(const std::vector<std::string>& inputs,
                                                           RecordReaderOptions options) {
  std::unique_ptr<RecordReader> r(new RecordReader());
  ASSIGN_OR_RETURN(r->impl_->files, ResolveInputs(inputs));
  r->impl_->options = std::move(options);
  r->impl_->parts = PlanShard(r->impl_->files, 1, 0, UINT64_MAX);
  r->impl_->parser =
      std::make_unique<RecordParser>(&r->impl_->options.text_field, r->impl_->options.id_field);
  return r;
}

StatusOr<bool> RecordReader::Next(Record& record) {
  Impl& m = *impl_;
  while (true) {
    if (!m.reader) {
      if (m.next_part == m.parts.size()) return false;
      const PartPlan& part = m.parts[m.next_part++];
      ASSIGN_OR_RETURN(m.reader, PartReader::Open(m.files[part.file], part, LineStart{},
                                                  m.options.max_record_bytes));
    }
    InputLine line;
    ASSIGN_OR_RETURN(bool more, m.reader->Next(line));
    if (!more) {
      m.reader.reset();
      continue;
    }
    SourceLocation source{m.files[m.parts[m.next_part - 1].file].path, line.line};
    if (line.oversize) {
      ++rejected_;
      if (first_reject_reason_.empty()) first_reject_reason_ = "line exceeds max_record_bytes";
      continue;
    }
    // The reader's block keeps simdjson's padding readable after every line.
    StatusOr<Record> parsed = m.parser->Parse(line.bytes, source);
    if (!parsed.ok()) {
      ++rejected_;
      if (first_reject_reason_.empty())
        first_reject_reason_ = std::string(parsed.status().message());
      continue;
    }
    record = std::move(parsed).value();
    return true;
  }
}

}  // namespace refinery
