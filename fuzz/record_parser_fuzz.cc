// libFuzzer target: any bytes as one input line must parse or be rejected, never crash, and a
// parsed record must serialize back to valid JSON (also after a text change).
#include <cstddef>
#include <cstdint>
#include <string>

#include "refinery/io/record_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string text_field = "text";
  static refinery::RecordParser parser(&text_field, "id");
  std::string line(reinterpret_cast<const char*>(data), size);
  line.append(64, '\0');
  auto record = parser.Parse(std::string_view(line.data(), size), {"fuzz", 1});
  if (!record.ok()) return 0;
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
