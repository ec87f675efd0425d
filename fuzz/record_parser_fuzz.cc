// libFuzzer target: any bytes as one input line must parse or be rejected, never crash; a
// line with a NUL byte is never accepted (the parser relies on simdjson for that); a parsed
// record must serialize back to valid JSON (also after a text change), and a record whose
// text was deferred must give the same text as one that copied it.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "refinery/core/raw_fields.h"
#include "refinery/io/record_parser.h"

namespace {

size_t DistinctKeys(const std::vector<refinery::RawField>& fields) {
  std::set<std::string> keys;
  std::string scratch;
  for (const auto& f : fields) keys.emplace(refinery::DecodeKey(f.key, scratch));
  return keys.size();
}

}  // namespace

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
  // The raw field splitter (used to re-serialize changed records) must see every field of any
  // line the parser accepted.
  std::vector<refinery::RawField> fields;
  if (!refinery::SplitObjectFields(std::string_view(line.data(), size), fields)) __builtin_trap();
  auto object = refinery::Json::parse(std::string_view(line.data(), size), nullptr, false);
  if (object.is_object() && DistinctKeys(fields) != object.size()) __builtin_trap();
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
