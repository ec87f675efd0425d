// Features of the named-entity tagger, hashed into the rows of one flat weight table: word
// identity (lower-cased) of the token and its neighbours, shape, prefixes and suffixes,
// capitalisation in context (conjoined with the sentence's case mode: mixed, ALL CAPS or all
// lower case, so that the model does not lean on capitals where the text has none), position in
// the sentence, and gazetteer membership (first names, surnames, titles, cities, countries,
// regions, legal forms). Training and tagging call the same code, so they cannot drift apart.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_gazetteer.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {

// What the tagger knows about one token before features are made.
struct TokenInfo {
  std::string_view text;
  uint64_t word = 0;     // TokenHash (lower-cased identity)
  uint64_t shape = 0;    // hash of the collapsed shape ("Xx", "X.X.", "dd-dd")
  uint32_t gaz = 0;      // GazBit | TokenGaz bits below
  uint64_t gaz_key = 0;  // gazetteer key of the word alone ("@"/"#" dropped)
  uint16_t lookup = 0;   // the gazetteer's bits for that key
  CapClass cap = kCapPunct;
  bool sentence_start = false;
};

// Gazetteer facts per token, beyond GazBit (bits 8 and up): where the token sits in a matched
// place name, and the hand-written name lists of name_gazetteer.h.
enum TokenGaz : uint32_t {
  kTokPlaceBegin = 1u << 8,   // first token of a city/country/region name
  kTokPlaceInside = 1u << 9,  // later token of one
  kTokSurname = 1u << 10,
  kTokTitle = 1u << 11,       // Mr, Dr, Prof ...
  kTokNonName = 1u << 12,     // capitalised words that are never a name
  kTokOrgWord = 1u << 13,     // University, Bank, Inc ...
  kTokStreetWord = 1u << 14,  // Street, Road ...
  kTokHandFirst = 1u << 15,   // first names of other naming traditions
};

enum CaseMode : uint8_t { kMixedCase, kAllCaps, kAllLower };

// Fills `info` for the tokens of one sentence (gazetteer phrases are matched inside it). With
// `only` (n flags), tokens whose flag is 0 are left empty: the tagger skips them. With
// `word_hashes` (n entries, Tokenize's), a token's non-zero entry is its TokenHash, and only
// all-ASCII words have one (their name flags are looked up from it).
void DescribeTokens(std::string_view text, const Token* tokens, size_t n,
                    const NerGazetteer& gazetteer, std::vector<TokenInfo>& info,
                    const uint8_t* only = nullptr, const uint64_t* word_hashes = nullptr);

CaseMode SentenceCaseMode(const Token* tokens, size_t n);

// Appends the bucket indices (hash & mask) of token i's features to `out`. With `prefetch_rows`
// (the tagger's weight table, rows of kRowWeights), each bucket's row is prefetched as the
// bucket is made, so that the reads of the rows, random in a table far larger than the caches,
// overlap.
inline constexpr size_t kRowWeights = 8;
void TokenFeatures(const TokenInfo* info, size_t n, size_t i, CaseMode mode, uint32_t mask,
                   std::vector<uint32_t>& out, const int16_t* prefetch_rows = nullptr);

}  // namespace refinery::ner
