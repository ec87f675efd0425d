// The PII development benchmark: a seeded generator of labelled documents in many genres
// (prose, e-mail, chat, forms, logs, source code and configuration, payments, multilingual)
// with look-alike negatives (hashes, UUIDs, versions, timestamps, order numbers that fail
// Luhn, documentation IPs, placeholder secrets, invalid checksums). Gold spans are Unicode code
// point offsets. Its name lists are written separately from the detector's gazetteers, and
// about a third of its names are not in them, so PERSON recall is measured honestly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace refinery::piibench {

struct GoldSpan {
  size_t start = 0, end = 0;
  std::string type;
};

struct Doc {
  std::string id;
  std::string genre;
  std::string text;
  std::vector<GoldSpan> spans;
};

// Genres the generator writes, in order.
const std::vector<std::string>& Genres();

// Document `index` of the benchmark with `seed` (deterministic). `genre` = "" picks one.
Doc GenerateDoc(uint64_t seed, uint64_t index, const std::string& genre = "");

// {"id","genre","text","spans":[{"start","end","type"}]}
std::string ToJsonLine(const Doc& doc);

}  // namespace refinery::piibench
