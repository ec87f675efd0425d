#include "refinery/io/record_parser.h"

#include <cstring>

#include <simdjson.h>

#include "refinery/core/utf8.h"

namespace refinery {
namespace {

const char* TypeName(simdjson::dom::element_type t) {
  switch (t) {
    case simdjson::dom::element_type::ARRAY:
      return "array";
    case simdjson::dom::element_type::OBJECT:
      return "object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "number";
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::BOOL:
      return "boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "value";
}

}  // namespace

struct RecordParser::Impl {
  simdjson::dom::parser parser;
  const std::string* text_field;
  std::string id_field;
  bool defer_text = false;

  // Makes `record` from a parsed line, or says why the line is not one.
  Status MakeRecord(simdjson::dom::element root, std::string_view line, SourceLocation source,
                    StringArena* texts, Record& record) const;
};

Status RecordParser::Impl::MakeRecord(simdjson::dom::element root, std::string_view line,
                                      SourceLocation source, StringArena* texts,
                                      Record& record) const {
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return absl::InvalidArgumentError(std::string("not a JSON object (found ") +
                                      TypeName(root.type()) + ")");
  }
  // One pass over the fields; the first of duplicate keys counts, as in a lookup.
  simdjson::dom::element text_value, id_value;
  bool has_text = false, has_id = false, has_refinery = false;
  for (simdjson::dom::key_value_pair field : object) {
    if (!has_text && field.key == *text_field) {
      text_value = field.value;
      has_text = true;
    }
    if (!has_id && field.key == id_field) {
      id_value = field.value;
      has_id = true;
    }
    has_refinery = has_refinery || field.key == "refinery";
  }
  if (!has_text) return absl::InvalidArgumentError("field \"" + *text_field + "\": missing");
  if (!text_value.is_string()) {
    return absl::InvalidArgumentError("field \"" + *text_field + "\": expected a string, found " +
                                      TypeName(text_value.type()));
  }
  std::string_view id;
  std::string id_json;  // a non-string id is kept as its JSON text
  if (has_id && !id_value.is_null() && id_value.get_string().get(id)) {
    id_json = simdjson::minify(id_value);
    id = id_json;
  }
  if (defer_text) {
    record.InitValidatedDeferText(line, source, id, has_refinery, text_field);
    return absl::OkStatus();
  }
  std::string_view text = text_value.get_string().value_unsafe();
  // The parsed text lives in the parser's buffer, which the next line overwrites.
  if (texts) text = texts->Copy(text);
  record.InitValidated(line, source, id, text, texts != nullptr, has_refinery, text_field);
  return absl::OkStatus();
}

RecordParser::RecordParser(const std::string* text_field, std::string id_field, bool defer_text)
    : impl_(std::make_unique<Impl>()) {
  impl_->text_field = text_field;
  impl_->id_field = std::move(id_field);
  impl_->defer_text = defer_text;
}

RecordParser::~RecordParser() = default;

StatusOr<Record> RecordParser::Parse(std::string_view line, SourceLocation source,
                                     StringArena* texts) {
  Record record;
  RETURN_IF_ERROR(ParseInto(line, source, texts, record));
  return record;
}

Status RecordParser::ParseInto(std::string_view line, SourceLocation source, StringArena* texts,
                               Record& record) {
  simdjson::dom::element root;
  // simdjson validates UTF-8 over the whole line as part of parsing, and rejects a NUL byte
  // anywhere (an unescaped control character in a string, or no JSON token outside one), so
  // only a line that failed is searched for one, to say so.
  auto error = impl_->parser.parse(line.data(), line.size(), false).get(root);
  if (error && std::memchr(line.data(), '\0', line.size()) != nullptr) {
    return absl::InvalidArgumentError("line contains a NUL byte");
  }
  if (error == simdjson::UTF8_ERROR) return absl::InvalidArgumentError("invalid UTF-8");
  if (error) {
    return absl::InvalidArgumentError(std::string("malformed JSON: ") +
                                      simdjson::error_message(error));
  }
  return impl_->MakeRecord(root, line, source, texts, record);
}

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Json RejectLine(const SourceLocation& source, std::string_view reason, std::string_view raw,
                uint64_t oversize_bytes) {
  Json j{
      {"file", std::string(source.file)}, {"line", source.line}, {"reason", std::string(reason)}};
  if (oversize_bytes > 0) {
    j["bytes"] = oversize_bytes;
  } else if (IsValidUtf8(raw)) {
    j["raw"] = std::string(raw);
  } else {
    j["raw_base64"] = Base64Encode(raw);
  }
  return j;
}

}  // namespace refinery
