// Vendor secret formats as one data table: a literal prefix (what the Hyperscan prefilter looks
// for), the alphabet and length of the random tail, an optional fixed suffix, an optional run of
// characters that comes before the prefix, and the vendor's checksum where it publishes one.
// A new vendor is one row in vendor_tokens.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

enum class TokenAlphabet : uint8_t {
  kAlnum,           // [A-Za-z0-9]
  kAlnumUs,         // [A-Za-z0-9_]
  kB64Url,          // [A-Za-z0-9_-]
  kB64UrlDot,       // [A-Za-z0-9_.-]
  kB64UrlEq,        // [A-Za-z0-9_=-]
  kB64UrlDotTilde,  // [A-Za-z0-9_.~-]
  kBase64,          // [A-Za-z0-9+/=]
  kHexLower,        // [0-9a-f]
  kHex,             // [0-9a-fA-F]
  kHexDash,         // [0-9a-fA-F-]
  kUpperDigit,      // [A-Z0-9]
  kLowerDigit,      // [a-z0-9]
  kAlnumDash,       // [A-Za-z0-9-]
  kUrlPath,         // [A-Za-z0-9_/+-]
  kAlnumDollar,     // [A-Za-z0-9$]
  kLetters,         // [A-Za-z]
  kHexLowerUs,      // [0-9a-f_]
  kUpperDigitDash,  // [A-Z0-9-]
  kB64UrlDotEq,     // [A-Za-z0-9_.=-]
  kBase64Us,        // [A-Za-z0-9+/=_]
  kUrlPathAt,       // [A-Za-z0-9_/@+-]
};

enum class TokenChecksum : uint8_t {
  kNone,
  kGithubCrc32,  // last 6 characters: base62 CRC32 of the 30 random ones (ghp_, gho_, ...)
};

struct VendorToken {
  const char* name;  // reported as the span's detector
  const char* prefix;
  TokenAlphabet alphabet;
  uint16_t min, max;  // tail length after the prefix (suffix excluded)
  PiiType type;
  const char* suffix = "";  // fixed end ("-X" of Flutterwave keys)
  uint8_t lead = 0;         // characters of `lead_alphabet` before the prefix that belong to it
  TokenAlphabet lead_alphabet = TokenAlphabet::kAlnum;
  TokenChecksum checksum = TokenChecksum::kNone;
};

// The table (stable order: the index is the Hyperscan pattern argument).
const VendorToken* VendorTokens(size_t* count);

bool InAlphabet(TokenAlphabet a, unsigned char c);

// GitHub's token checksum: CRC32 of the 30 random characters, base62, left-padded to 6.
bool GithubChecksumValid(std::string_view random30, std::string_view check6);

// Scans a vendor token whose prefix ends at `end`.
void ScanVendorToken(std::string_view text, size_t index, size_t end, Candidates& out);

}  // namespace refinery::pii
