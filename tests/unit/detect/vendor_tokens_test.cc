// The vendor table (src/refinery/detect/vendor_tokens.cc): every row is well-formed and a token
// built from the row alone is found by the detector under that row's name, so adding a vendor
// is adding a row.
#include "refinery/detect/vendor_tokens.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

#include "refinery/detect/pii_detector.h"

namespace refinery::pii {
namespace {

// The characters of an alphabet, in a fixed varied order.
std::string AlphabetChars(TokenAlphabet a) {
  std::string out;
  const char* kOrder = "q7Xk2Lm9Pz4Rt8Wb3Nc6Vh5Jd1Fg0Ys_-.=+/~$aEiOuBCDGHIKMQSTUZjlnoprsvwxy";
  for (const char* c = kOrder; *c; ++c)
    if (InAlphabet(a, static_cast<unsigned char>(*c))) out.push_back(*c);
  return out;
}

std::string Token(const VendorToken& v) {
  std::string lead, tail;
  const std::string lead_chars = AlphabetChars(v.lead_alphabet);
  for (size_t i = 0; i < v.lead; ++i) lead.push_back(lead_chars[(i * 7 + 3) % lead_chars.size()]);
  std::string chars = AlphabetChars(v.alphabet);
  // Inner separators only: a tail must not end in '-', '.', '=' or '/'.
  std::string alnum;
  for (char c : chars)
    if (isalnum(static_cast<unsigned char>(c))) alnum.push_back(c);
  for (size_t i = 0; i < v.min; ++i) {
    const std::string& pool = (i % 5 == 4 && i + 1 < v.min) ? chars : alnum;
    tail.push_back(pool[(i * 11 + 5) % pool.size()]);
  }
  return lead + v.prefix + tail + v.suffix;
}

TEST(VendorTokens, RowsAreWellFormed) {
  size_t n = 0;
  const VendorToken* rows = VendorTokens(&n);
  ASSERT_GT(n, 100u);
  std::set<std::string> names;
  for (size_t i = 0; i < n; ++i) {
    const VendorToken& v = rows[i];
    EXPECT_TRUE(names.insert(v.name).second) << "duplicate name " << v.name;
    EXPECT_GE(std::strlen(v.prefix), 2u) << v.name;
    EXPECT_LE(v.min, v.max) << v.name;
    // The random part is the tail, or the characters before a literal end (MaxMind "_mmk").
    EXPECT_GE(v.min + v.lead, 8) << v.name << ": a random part this short is not a secret";
    EXPECT_FALSE(AlphabetChars(v.alphabet).empty()) << v.name;
  }
}

TEST(VendorTokens, EveryRowIsFound) {
  auto detector = PiiDetector::Create({});
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto scratch = (*detector)->NewScratch();
  size_t n = 0;
  const VendorToken* rows = VendorTokens(&n);
  for (size_t i = 0; i < n; ++i) {
    const std::string token = Token(rows[i]);
    const std::string text = "config: " + token + " end";
    bool found = false;
    for (const PiiSpan& s : (*detector)->DetectBytes(text, *scratch))
      found |= s.start == 8 && s.end == 8 + token.size();
    EXPECT_TRUE(found) << rows[i].name << ": " << token;
  }
}

TEST(VendorTokens, GithubChecksum) {
  // Base62 CRC32 of the 30 random characters, left-padded to 6; computed independently with
  // Python's zlib.crc32 for this tail.
  EXPECT_TRUE(GithubChecksumValid("aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1", "3shKL4"));
  EXPECT_FALSE(GithubChecksumValid("aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1", "3shKL5"));
  EXPECT_FALSE(GithubChecksumValid("aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU2", "3shKL4"));
}

}  // namespace
}  // namespace refinery::pii
