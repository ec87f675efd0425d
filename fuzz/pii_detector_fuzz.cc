// libFuzzer target: the PII detector and the anonymizer on arbitrary bytes. Checks that spans
// are sorted, disjoint and inside the text, and that surrogate anonymization terminates.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "refinery/anonymize/anonymizer.h"
#include "refinery/detect/pii_detector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto detector = refinery::PiiDetector::Create({}).value();
  static auto anonymizer = [] {
    refinery::AnonymizerOptions o;
    o.default_operator = refinery::AnonymizeOperator::kSurrogate;
    return refinery::Anonymizer::Create(o).value();
  }();
  static auto scratch = detector->NewScratch();
  static auto anon_scratch = anonymizer->NewScratch();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t cps = 0;
  for (unsigned char c : text) cps += (c & 0xC0) != 0x80;
  auto spans = detector->Detect(text, *scratch);
  size_t last = 0;
  for (const auto& s : spans) {
    if (s.start < last || s.end <= s.start || s.end > cps) std::abort();
    last = s.end;
  }
  std::string out = anonymizer->Apply(text, spans, *anon_scratch, nullptr);
  if (spans.empty() && out != text) std::abort();
  return 0;
}
