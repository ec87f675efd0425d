// libFuzzer target: any expression compiles or fails with a message, in bounded time.
#include <cstddef>
#include <cstdint>
#include <string>

#include "refinery/io/record_parser.h"
#include "refinery/pipeline/predicate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string text_field = "text";
  static refinery::RecordParser parser(&text_field, "id");
  static const std::string line =
      std::string(R"({"text": "hello", "n": 3, "meta": {"tags": ["a"]}})") + std::string(64, '\0');
  static auto record = parser.Parse(std::string_view(line.data(), line.size() - 64), {"fuzz", 1});
  auto predicate =
      refinery::Predicate::Compile(std::string_view(reinterpret_cast<const char*>(data), size));
  if (predicate.ok()) (*predicate)->Matches(*record);
  return 0;
}
