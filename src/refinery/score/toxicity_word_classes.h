// Small closed word classes that give the toxicity classifier features with meaning beyond
// single words: negators ("not", "never"), identity groups ("muslims", "women", "disabled"),
// violent verbs ("kill", "stab"), person targets ("you", "them", "people"), intent markers
// ("will", "gonna", "want"), dehumanising nouns ("vermin", "animals"), and the words that
// mark a generalising clause about a group ("are", "should", "cant", "people", "hate"). Hand-listed
// so that a threat or a dehumanising statement against a group the training data rarely mentions
// still fires the same feature as one against a frequent target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace refinery {
struct LexiconEntry;  // toxicity_scorer.h
}  // namespace refinery

namespace refinery::toxicity_internal {

enum WordClass : uint32_t {
  kNegator = 1,
  kGroup = 2,
  kViolent = 4,
  kTarget = 8,
  kIntent = 16,
  kDehuman = 32,
  // The roles of a generalising clause about a group (ForEachFeature's target roles):
  kCopula = 64,      // "are", "is", "were": "<group> are <word>"
  kModal = 128,      // "should", "must", "need", "deserve": "<group> should <word>"
  kCannot = 256,     // "cant", "cannot", "never": "<group> cant <word>"
  kHeadNoun = 512,   // "people", "folks", "men": "black people" is still the group
  kFiller = 1024,    // articles, "all", "so", "just", "be", "to": skipped before the predicate
  kAttitude = 2048,  // "hate", "despise", "loathe": "I hate <group>"
  // Words of two senses, profane or a slur in one and harmless in another that the words around
  // them name ("the bitch whelped six puppies", "pussy willow", "a hoe and a rake", "spotted
  // dick", "homo sapiens"): read with HarmlessSenseAround (toxicity model version 17; the bit
  // was "like" of "<group> are like <noun>" before, which the features now tell by its hash).
  kTwoSense = 4096,
  // Saying, thinking, believing ("say", "think", "believe", "true"): after a negator ("I would
  // never say", "I dont think", "it is not true") the group clauses after it in the sentence are
  // read as negated.
  kReport = 8192,
  // Denouncing or distancing words before a verb of saying ("wrong to say", "stop saying",
  // "racist to claim", "people who say"): the group clauses after that verb are read as reported
  // hate, not the writer's (counter-speech; toxicity model version 5).
  kDenounce = 16384,
  // Words the lexicon or the classifier reads as profane that are also names ("Dick", "Peter",
  // "Hooker", "Van Dyke"): written as a proper name (WrittenAsProperName) they are a name, not
  // the profanity (toxicity model version 6).
  kProperName = 32768,
  // A bodily-harm threat aimed at someone's body: a verb of harm in its base form ("break",
  // "snap", "smash", "knock", "slit"), a possessive of another person ("your", "his", "their")
  // and a part of the body ("legs", "neck", "teeth"): "I will break your legs", "I'll snap his
  // neck" (toxicity model version 18; "If I see you at the gym again I will break your legs."
  // scored 0.22 in session thirty-eight's probe, "I will snap your neck." 0.28).
  kBodyHarm = 1u << 16,
  kPossessive = 1u << 17,
  kBodyPart = 1u << 18,
  // The last word of a set phrase of intimidation or exclusion ("your last warning", "go back to
  // where you came from"; toxicity_phrases.h, model version 19), the words besides the group
  // words that may be such a phrase's subject ("you", "they", "kind"), the word before a
  // phrase's last and any word of a phrase.
  kPhraseEnd = 1u << 19,
  kExclusionSubject = 1u << 20,
  kPhrasePenult = 1u << 21,  // the word before a phrase's last
  kPhraseWord = 1u << 22,    // any word of a phrase
  kTell = 1u << 23,          // a verb of telling, before a phrase: reported (toxicity_phrases.h)
};
// The phrase classes: a word of a phrase is still a word of no class to the rest of the
// features (a misspelling's or a surname's test), so the phrases change nothing else.
constexpr uint32_t kPhraseClasses =
    kPhraseEnd | kExclusionSubject | kPhrasePenult | kPhraseWord | kTell;

// Classes of a lower-cased, apostrophe-free word given by its FNV-1a hash (0 = none).
uint32_t WordClassOf(uint64_t fnv_hash);

// The table behind WordClassOf, for a caller that looks up many words: open addressing over
// the listed words' hashes, probed from Murmur3Mix64(fnv_hash), which the feature pass
// computes anyway for the word's own feature.
struct WordClassTable {
  static constexpr size_t kSlots = 2048;  // about 600 words: a miss probes ~1.5 slots
  uint64_t keys[kSlots] = {};
  uint32_t classes[kSlots] = {};

  uint32_t Lookup(uint64_t fnv_hash, uint64_t mixed) const {
    for (size_t s = mixed & (kSlots - 1); keys[s] != 0; s = (s + 1) & (kSlots - 1)) {
      if (keys[s] == fnv_hash) return classes[s];
    }
    return 0;
  }
};
const WordClassTable& WordClasses();

// A map from the FNV-1a hashes of words made from the listed words (misspellings, joined pairs)
// to what each stands for, built once and asked of most words of a text: `Maybe` is a bit filter
// over the mixed hashes, so that most words are answered from a small array; `Find` is exact
// (null = none). A key that two different values claim keeps neither (a variant two listed
// words spell reads as none of them). Open addressing from the mixed hash; the builders keep it
// under half full, so every probe ends.
template <typename Value, size_t kFilterBitCount, size_t kSlotCount>
struct FilteredWordMap {
  static constexpr size_t kFilterBits = kFilterBitCount;
  static constexpr size_t kSlots = kSlotCount;
  static_assert((kFilterBits & (kFilterBits - 1)) == 0 && (kSlots & (kSlots - 1)) == 0);
  uint64_t filter[kFilterBits / 64] = {};
  uint64_t keys[kSlots] = {};
  Value values[kSlots] = {};

  bool Maybe(uint64_t mixed) const {
    const size_t b = (mixed >> 40) & (kFilterBits - 1);
    return (filter[b >> 6] >> (b & 63)) & 1;
  }
  const Value* Find(uint64_t fnv_hash, uint64_t mixed) const {
    for (size_t s = mixed & (kSlots - 1); keys[s] != 0; s = (s + 1) & (kSlots - 1))
      if (keys[s] == fnv_hash) return &values[s];
    return nullptr;
  }
  void Insert(uint64_t fnv_hash, uint64_t mixed, const Value& value) {
    size_t s = mixed & (kSlots - 1);
    while (keys[s] != 0 && keys[s] != fnv_hash) s = (s + 1) & (kSlots - 1);
    if (keys[s] == fnv_hash) {
      if (!(values[s] == value)) values[s] = Value{};  // two claims: neither
      return;
    }
    keys[s] = fnv_hash;
    values[s] = value;
    const size_t b = (mixed >> 40) & (kFilterBits - 1);
    filter[b >> 6] |= uint64_t{1} << (b & 63);
  }
};

// Misspellings of the listed group, attitude and dehumanising words ("mulsims", "vermni"): one
// adjacent transposition (words of five letters or more) or one dropped letter (six or more),
// mapped to the FNV-1a hash of the word and its letters, whose character n-grams the
// misspelling then reads (model version 14); variants that are listed words themselves are left
// out. A 4 KB filter: most words are answered from the L1 cache.
struct Misspelling {
  uint64_t canonical = 0;      // 0: none
  std::string_view word = {};  // the listed words are static strings
  bool operator==(const Misspelling& o) const { return canonical == o.canonical; }
};
struct MisspellingTable : FilteredWordMap<Misspelling, size_t{1} << 15, 8192> {
  bool MaybeMisspelling(uint64_t mixed) const { return Maybe(mixed); }
  // The listed word's hash (0 = none), and its letters in `word`.
  uint64_t CanonicalOf(uint64_t fnv_hash, uint64_t mixed, std::string_view* word = nullptr) const {
    const Misspelling* m = Find(fnv_hash, mixed);
    if (m == nullptr) return 0;
    if (word != nullptr) *word = m->word;
    return m->canonical;
  }
};
const MisspellingTable& Misspellings();

// Two words written without the space between them, as hate is written to slip past filters and
// functional test suites write it ("ihate" = "i" + "hate", "hatewomen", "killmuslims",
// "womenare", "arescum"; toxicity model version 22): every joined pair of "i", "we", "they" or
// "you" and an attitude or violent verb, an attitude verb and a group, a violent verb and a
// group that is no head noun ("hangmen" stays), a group and "are", "is", "should" or "must", and
// "are" or "is" and a dehumanising word, mapped to the length of its first word (11,741 joined
// words; none that is a listed word itself, and none that two pairs spell). Asked of most words
// of five letters or more.
struct JoinedWordTable : FilteredWordMap<uint8_t, size_t{1} << 19, size_t{1} << 16> {
  bool MaybeJoined(uint64_t mixed) const { return Maybe(mixed); }
  // The length of the first word, 0 when the word is no joined pair.
  size_t FirstWordLength(uint64_t fnv_hash, uint64_t mixed) const {
    const uint8_t* k = Find(fnv_hash, mixed);
    return k == nullptr ? 0 : *k;
  }
};
const JoinedWordTable& JoinedWords();

// A set of word hashes (FNV-1a of the lower-case word, as the features hash it) asked of every
// word: open addressing probed from the mixed hash the feature pass has already computed, at
// most a quarter full, so a word that is not in it costs one read of a small table.
class WordHashTable {
 public:
  WordHashTable() = default;
  explicit WordHashTable(std::vector<uint64_t> hashes);  // any order, duplicates allowed
  bool Contains(uint64_t fnv_hash, uint64_t mixed) const {
    for (size_t s = mixed & mask_; keys_[s] != 0; s = (s + 1) & mask_) {
      if (keys_[s] == fnv_hash) return true;
    }
    return false;
  }
  bool empty() const { return hashes_.empty(); }
  // The hashes, sorted and unique (what a model file stores).
  const std::vector<uint64_t>& hashes() const { return hashes_; }

 private:
  std::vector<uint64_t> hashes_;
  std::vector<uint64_t> keys_ = std::vector<uint64_t>(1, 0);  // empty: one free slot
  size_t mask_ = 0;
};

// The identity slurs of a lexicon (toxicity model version 15): its one-word entries of the
// categories "racial / ethnic slurs", "sexual orientation / gender" and "... disability" with
// severity 2 or more ("kike", "wetback", "faggot", "retard"), as the features hash them. The
// classifier gives them one shared token besides the word's own features, so a slur the training
// sources rarely use ("kike" in HateXplain, scored 0.01 in "it feels good to say kike on social
// media" by a model trained without HateXplain) takes the weight that the common ones taught.
// The model file stores the hashes: a model scores the same with its lexicon loaded or not.
std::vector<uint64_t> IdentitySlurHashes(const std::vector<LexiconEntry>& entries);

// The kProperName words (lower case).
const std::vector<std::string_view>& ProperNameWords();

// Whether the kTwoSense word at text[start, end) (bytes; `fnv_hash` its lower-case hash) is used in
// its harmless sense: one of that word's sense words ("puppies", "whelped" and "litter" for
// "bitch"; "willow" and "cat" for "pussy"; "rake", "weed" and "garden" for "hoe") stands at most
// kSenseWords words before or after it in its sentence (not past . ! ? or a line break). Reads
// at most that many words each way.
inline constexpr size_t kSenseWords = 8;
bool HarmlessSenseAround(std::string_view text, size_t start, size_t end, uint64_t fnv_hash);

// The kTwoSense words (lower case).
const std::vector<std::string_view>& TwoSenseWords();

// Whether the word at text[start, end) (bytes) is written as a proper name: in title case (an
// ASCII capital, then lower-case ASCII letters), not after a determiner, pronoun or intensifier
// that makes it a common noun ("a Dick", "You Dick", "absolute Dick"), and either before another
// capitalised word ("Dick Cheney", "Dick Van Dyke") or inside its sentence ("Moby Dick", "Philip
// K. Dick", "Mr. Dick", "I met Dick", "thanks, Dick"). A capitalised word that opens a sentence
// with a lower-case word after it ("Dick move") is not. Only asked of kProperName words.
bool WrittenAsProperName(std::string_view text, size_t start, size_t end);

}  // namespace refinery::toxicity_internal
