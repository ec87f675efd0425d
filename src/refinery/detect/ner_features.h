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
  bool looked_up = false;  // DescribeTokens: lookup and gaz came from its WordFactsCache
};

// Per thread, what DescribeTokens looks up for a plain all-ASCII word, by its TokenHash: the
// gazetteer's bits for the word alone and its hand-written name-list bits. The words of a text
// repeat, and both lookups read tables far larger than the caches. The bits are one gazetteer's,
// so the cache is emptied when another (its model's id) uses it.
class WordFactsCache {
 public:
  struct Slot {
    uint64_t word = 0;
    uint32_t hand = 0;    // TokenGaz bits of the name lists (HandFlags)
    uint16_t lookup = 0;  // the gazetteer's bits
    bool used = false;
  };
  static constexpr size_t kSlots = 4096;  // 64 KiB

  void Bind(uint64_t owner_id) {
    if (owner_id == owner_id_) return;
    slots_.assign(kSlots, Slot{});
    owner_id_ = owner_id;
  }
  bool bound() const { return !slots_.empty(); }
  // TokenHash is mixed already: its low bits index the table.
  Slot& SlotFor(uint64_t word) { return slots_[word & (kSlots - 1)]; }

 private:
  std::vector<Slot> slots_;
  uint64_t owner_id_ = 0;
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
// all-ASCII words (and tokens with typographic quotes or dashes, hashed as folded: Token::
// folded_punctuation) have one (their name flags are looked up from it).
// With `cache` (bound to this gazetteer's model), the facts of such words are taken from it
// and kept in it.
void DescribeTokens(std::string_view text, const Token* tokens, size_t n,
                    const NerGazetteer& gazetteer, std::vector<TokenInfo>& info,
                    const uint8_t* only = nullptr, const uint64_t* word_hashes = nullptr,
                    WordFactsCache* cache = nullptr);

CaseMode SentenceCaseMode(const Token* tokens, size_t n);

// Which of a token's features TokenFeatures makes: its own (word, shape, affixes, length, case
// in its context, gazetteer bits: the same wherever the same word is written the same way at
// the same kind of place, so the tagger caches their sums), those that read its neighbours, or
// all of them.
enum FeatureParts : uint8_t { kOwnFeatures = 1, kContextFeatures = 2, kAllFeatures = 3 };

// Appends the bucket indices (hash & mask) of token i's features (`parts` of them) to `out`, in
// one fixed order. With `prefetch_rows` (the tagger's weight table, rows of kRowWeights), each
// bucket's row is prefetched as the bucket is made, so that the reads of the rows, random in a
// table far larger than the caches, overlap.
inline constexpr size_t kRowWeights = 8;
void TokenFeatures(const TokenInfo* info, size_t n, size_t i, CaseMode mode, uint32_t mask,
                   std::vector<uint32_t>& out, const int16_t* prefetch_rows = nullptr,
                   FeatureParts parts = kAllFeatures);

// Everything a token's own features are made from (`first`: it starts its sentence), the text's
// bytes raw: tokens with equal keys have the same own features.
struct OwnFeatureKey {
  uint64_t word = 0, shape = 0;
  uint64_t affix = 0;  // first 3 bytes, last 4 bytes, length (up to 255)
  uint32_t gaz = 0;
  uint32_t rest = 0;  // case bits of the lookup, case class, case mode, first; bit 31 set
  bool operator==(const OwnFeatureKey& o) const {
    return word == o.word && shape == o.shape && affix == o.affix && gaz == o.gaz && rest == o.rest;
  }
};
OwnFeatureKey OwnFeaturesKey(const TokenInfo& t, CaseMode mode, bool first);

}  // namespace refinery::ner
