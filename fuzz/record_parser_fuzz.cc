// libFuzzer target: any bytes as one input line must parse or be rejected, never crash; a
// line with a NUL byte is never accepted (the parser relies on simdjson for that); a parsed
// record must serialize back to valid JSON (also after a text change), and a record whose
// text was deferred must give the same text as one that copied it.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "refinery/io/record_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string text_field = "text";
  static refinery::RecordParser parser(&text_field, "id");
  static refinery::RecordParser deferring(&text_field, "id", /*defer_text=*/true);
  std::string line(reinterpret_cast<const char*>(data), size);
  line.append(64, '\0');
  auto record = parser.Parse(std::string_view(line.data(), size), {"fuzz", 1});
  auto deferred = deferring.Parse(std::string_view(line.data(), size), {"fuzz", 1});
  if (record.ok() != deferred.ok()) __builtin_trap();
  if (!record.ok()) return 0;
  if (std::memchr(data, 0, size) != nullptr) __builtin_trap();
  if (deferred->text() != record->text()) __builtin_trap();
  std::string out;
  record->Serialize(out);
  record->set_text(std::string(record->text()) + "!");
  record->refinery()["status"] = "changed";
  out.clear();
  record->Serialize(out);
  auto reparsed = refinery::Json::parse(out, nullptr, false);
  if (reparsed.is_discarded()) __builtin_trap();
  return 0;
}
