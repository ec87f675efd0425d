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
};

RecordParser::RecordParser(const std::string* text_field, std::string id_field)
    : impl_(std::make_unique<Impl>()) {
  impl_->text_field = text_field;
  impl_->id_field = std::move(id_field);
}

RecordParser::~RecordParser() = default;

StatusOr<Record> RecordParser::Parse(std::string_view line, SourceLocation source) {
  if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
    return absl::InvalidArgumentError("line contains a NUL byte");
  }
  simdjson::dom::element root;
  // simdjson validates UTF-8 over the whole line as part of parsing.
  auto error = impl_->parser.parse(line.data(), line.size(), false).get(root);
  if (error == simdjson::UTF8_ERROR) return absl::InvalidArgumentError("invalid UTF-8");
  if (error) {
    return absl::InvalidArgumentError(std::string("malformed JSON: ") +
                                      simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return absl::InvalidArgumentError(std::string("not a JSON object (found ") +
                                      TypeName(root.type()) + ")");
  }
  const std::string& text_field = *impl_->text_field;
  simdjson::dom::element text_value;
  if (object[text_field].get(text_value)) {
    return absl::InvalidArgumentError("field \"" + text_field + "\": missing");
  }
  std::string_view text;
  if (text_value.get_string().get(text)) {
    return absl::InvalidArgumentError("field \"" + text_field + "\": expected a string, found " +
                                      TypeName(text_value.type()));
  }
  std::string id;
  simdjson::dom::element id_value;
  if (!object[impl_->id_field].get(id_value) && !id_value.is_null()) {
    std::string_view id_string;
    if (!id_value.get_string().get(id_string)) {
      id = std::string(id_string);
    } else {
      id = simdjson::minify(id_value);
    }
  } else {
    id = std::string(source.file) + ":" + std::to_string(source.line);
  }
  simdjson::dom::element refinery_value;
  bool has_refinery = !object["refinery"].get(refinery_value);
  return Record::FromValidated(line, std::move(source), std::move(id), std::string(text),
                               has_refinery, impl_->text_field);
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
