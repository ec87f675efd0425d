#include "refinery/anonymize/anonymizer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "refinery/anonymize/document_places.h"
#include "refinery/anonymize/person_names.h"
#include "refinery/anonymize/surrogates.h"
#include "refinery/core/ascii.h"
#include "refinery/core/utf8.h"

namespace refinery {

namespace {

// `span` with each line break, and the spaces and reply quote marks around it, as one space.
std::string OneLine(std::string_view span) {
  std::string out;
  for (size_t i = 0; i < span.size();) {
    if (span[i] != '\r' && span[i] != '\n') {
      out.push_back(span[i++]);
      continue;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    while (i < span.size() && (span[i] == '\r' || span[i] == '\n' || span[i] == ' ' ||
                               span[i] == '\t' || span[i] == '>'))
      ++i;
    out.push_back(' ');
  }
  return out;
}

constexpr std::string_view kOperatorNames[] = {"placeholder", "mask", "hash", "redact",
                                               "surrogate"};

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
}

// A fast 64-bit hash (multiply-xorshift over 8-byte words) for unkeyed seeds.
uint64_t Hash64(std::string_view s, uint64_t seed) {
  uint64_t h = seed ^ (s.size() * 0x9E3779B97F4A7C15ull);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ (w * 0xBF58476D1CE4E5B9ull)) * 0x94D049BB133111EBull;
    h ^= h >> 31;
  }
  uint64_t w = 0;
  std::memcpy(&w, s.data() + i, s.size() - i);
  h = (h ^ (w * 0xBF58476D1CE4E5B9ull)) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  return h;
}

bool IsSeparator(char32_t c) {
  return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

// Decodes one code point and advances past it. A code point is a lead byte and the
// continuation bytes after it, the same rule the detector counts offsets with, so spans stay
// aligned even on invalid UTF-8 (invalid sequences decode to their lead byte).
char32_t NextCp(std::string_view s, size_t& i) {
  const unsigned char c = s[i];
  size_t j = i + 1;
  while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
  const size_t n = j - i;
  const size_t want = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
  char32_t cp = c;
  if (want == n && n > 1) {
    cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i = j;
  return cp;
}

// The common noun in lower case that ends a place's or organisation's name as the detector read
// it ("the Aba stadium", "Weld county", "Willamette street", "that Moscow hotel"): its length
// with the spaces before it, 0 when the name has none. A particle ends no name ("Frankfurt am
// Main" ends in a capital anyway).
size_t LowerCaseTailLength(std::string_view name) {
  if (name.size() < 5 || !(name[0] >= 'A' && name[0] <= 'Z')) return 0;
  size_t w = name.size();
  while (w > 0 && name[w - 1] >= 'a' && name[w - 1] <= 'z') --w;
  if (name.size() - w < 3 || w < 2 || name[w - 1] != ' ') return 0;
  static constexpr std::string_view kParticles[] = {"del", "der", "des",  "dos", "das",
                                                    "los", "las", "upon", "sur", "bei"};
  if (IsOneOf(name.substr(w), kParticles)) return 0;
  size_t b = w;
  while (b > 0 && name[b - 1] == ' ') --b;
  return b == 0 ? 0 : name.size() - b;
}

}  // namespace

StatusOr<AnonymizeOperator> ParseAnonymizeOperator(std::string_view name) {
  for (size_t i = 0; i < std::size(kOperatorNames); ++i) {
    if (name == kOperatorNames[i]) return static_cast<AnonymizeOperator>(i);
  }
  return absl::InvalidArgumentError("unknown operator '" + std::string(name) +
                                    "' (placeholder|mask|hash|redact|surrogate)");
}

std::string_view AnonymizeOperatorName(AnonymizeOperator op) {
  return kOperatorNames[static_cast<size_t>(op)];
}

struct Anonymizer::Impl {
  AnonymizerOptions options;
  std::string key;  // empty = unkeyed
  bool any_hash = false;
};

struct Anonymizer::Scratch::State {
  std::unordered_map<std::string, std::string> memo;  // type \x1f original -> replacement
  // The replacements given in this document (memo's values, with the memo key's type or name
  // part before them): two originals never share one ("darren" and "emeka" both became
  // "bruce", one person to a reader).
  std::unordered_set<std::string> given;
  anon::DocumentNames names;    // the document's PERSON names
  anon::DocumentPlaces places;  // the document's LOCATION places
  std::string buf;
};

Anonymizer::Scratch::Scratch(std::unique_ptr<State> state) : state_(std::move(state)) {}
Anonymizer::Scratch::~Scratch() = default;
Anonymizer::Anonymizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Anonymizer::~Anonymizer() = default;

const AnonymizerOptions& Anonymizer::options() const { return impl_->options; }

StatusOr<std::shared_ptr<const Anonymizer>> Anonymizer::Create(const AnonymizerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->any_hash = options.default_operator == AnonymizeOperator::kHash;
  for (const auto& [type, op] : options.operators) impl->any_hash |= op == AnonymizeOperator::kHash;
  if (!options.key_env.empty()) {
    const char* v = std::getenv(options.key_env.c_str());
    if (v == nullptr || *v == '\0')
      return absl::InvalidArgumentError("environment variable '" + options.key_env +
                                        "' (key_env) is not set or empty");
    impl->key = v;
  }
  if (impl->any_hash && impl->key.empty())
    return absl::InvalidArgumentError(
        "operator 'hash' needs a key: set key_env to the name of an environment variable");
  return std::shared_ptr<const Anonymizer>(new Anonymizer(std::move(impl)));
}

std::unique_ptr<Anonymizer::Scratch> Anonymizer::NewScratch() const {
  return std::unique_ptr<Scratch>(new Scratch(std::make_unique<Scratch::State>()));
}

std::string Anonymizer::Apply(std::string_view text, const std::vector<PiiSpan>& spans_in,
                              Scratch& scratch, std::vector<Replacement>* log) const {
  const Impl& im = *impl_;
  Scratch::State& st = scratch.state();
  st.memo.clear();
  st.given.clear();
  st.names.Clear();
  if (spans_in.empty()) return std::string(text);
  // Sort by start; drop spans overlapping an earlier one.
  std::vector<const PiiSpan*> spans;
  spans.reserve(spans_in.size());
  for (const PiiSpan& s : spans_in) spans.push_back(&s);
  std::stable_sort(spans.begin(), spans.end(),
                   [](const PiiSpan* a, const PiiSpan* b) { return a->start < b->start; });
  const uint64_t doc_seed = im.key.empty() ? Hash64(text, 0x5EEDull) : 0;
  auto operator_for = [&](const std::string& type) {
    auto it = im.options.operators.find(type);
    return it != im.options.operators.end() ? it->second : im.options.default_operator;
  };
  // The folded originals of this document's spans (3 to kMaxFolded characters). A surrogate that
  // contains one of them would write a real value back into the text ("Kenji Alvarez" chosen as
  // the fake for another person while the real Kenji appears in the same thread), so it is
  // drawn again. A document with many spans looks the surrogate's substrings of the originals'
  // lengths up in a set instead of searching for every original, so the work per surrogate
  // stays bounded.
  constexpr size_t kMaxFolded = 64, kLinearScan = 32;
  std::vector<std::string> originals;
  std::unordered_set<std::string_view> original_set;
  std::vector<size_t> original_lengths;  // distinct, for the set lookups
  // The document's places, so that their surrogates make one consistent map (document_places.h).
  st.places.Clear();
  if (im.options.default_operator == AnonymizeOperator::kSurrogate ||
      !im.options.operators.empty()) {
    size_t byte = 0, cp = 0;
    for (const PiiSpan* sp : spans) {
      if (sp->start < cp || operator_for(sp->type) != AnonymizeOperator::kSurrogate) continue;
      for (; cp < sp->start && byte < text.size(); ++cp) NextCp(text, byte);
      const size_t start_byte = byte;
      for (; cp < sp->end && byte < text.size(); ++cp) NextCp(text, byte);
      if (sp->type == "LOCATION")
        st.places.Add(text, text.substr(start_byte, byte - start_byte), byte);
      const std::string_view original = text.substr(start_byte, byte - start_byte);
      std::string folded = AsciiAlnumFolded(original);
      if (HasNonAscii(folded) && folded.size() <= kMaxFolded) {
        std::string ascii = anon::NameWordKey(original);  // "Montréal" as "montreal" too
        if (ascii.size() >= 3) originals.push_back(std::move(ascii));
      }
      if (folded.size() >= 3 && folded.size() <= kMaxFolded) originals.push_back(std::move(folded));
      // A person's words too: a handle's surrogate drawn as one of them put the real given name
      // back ("C:\\Users\\Priya.Sharma ... /home/jkowalczyk/" became ".../home/priya/").
      if (sp->type == "PERSON" && original.find_first_of(" ._-") != std::string_view::npos) {
        for (size_t w = 0; w < original.size();) {
          // (A capital after a small letter starts a word too, as the handle's surrogate reads
          // it: "I_GotOne" kept "GotOne" of ordinary words, read as revealing "gotone", and
          // became "<PERSON>".)
          size_t e = w;
          while (e < original.size() && IsAsciiLetter(original[e]) &&
                 !(e > w && original[e - 1] >= 'a' && original[e - 1] <= 'z' &&
                   original[e] >= 'A' && original[e] <= 'Z'))
            ++e;
          // (Not a title the surrogate keeps: "Dona Rosa" became "<PERSON>", every draw "Dona
          // ..." read as revealing "dona".)
          if (e - w >= 4 && e - w < original.size() &&
              anon::GenderOfTitle(original.substr(w, e - w)) == anon::NameGender::kUnknown)
            originals.push_back(AsciiAlnumFolded(original.substr(w, e - w)));
          w = e < original.size() && IsAsciiLetter(original[e]) ? e : e + 1;
        }
      }
    }
    if (originals.size() > kLinearScan) {
      for (const std::string& o : originals) {  // views into `originals`, which no longer grows
        original_set.insert(o);
        original_lengths.push_back(o.size());
      }
      std::sort(original_lengths.begin(), original_lengths.end());
      original_lengths.erase(std::unique(original_lengths.begin(), original_lengths.end()),
                             original_lengths.end());
    }
  }
  // With `own` (a handle's folded letters), an ordinary word inside it is no reveal: a
  // handle's surrogate keeps its words that are no names ("jaylen_the_great" ->
  // "sabine_the_great"; the word "great" made every draw a reveal, and the handle "<PERSON>").
  auto reveals_in = [&](std::string_view f, std::string_view own) {
    auto revealing = [&](std::string_view o) {
      return own.empty() || own.find(o) == std::string_view::npos || !anon::IsOrdinaryWord(o);
    };
    if (original_set.empty()) {
      for (const std::string& o : originals)
        if (f.find(o) != std::string::npos && revealing(o)) return true;
      return false;
    }
    for (size_t len : original_lengths)
      for (size_t i = 0; i + len <= f.size(); ++i)
        if (original_set.count(f.substr(i, len)) && revealing(f.substr(i, len))) return true;
    return false;
  };
  // Also without accents, where the surrogate has letters beyond ASCII ("Montréal" drawn for
  // "Toronto" beside the text's "Montreal").
  auto reveals_original = [&](std::string_view replacement, std::string_view own = {}) {
    if (originals.empty()) return false;
    const std::string folded = AsciiAlnumFolded(replacement);
    if (reveals_in(folded, own)) return true;
    return HasNonAscii(folded) && reveals_in(anon::NameWordKey(replacement), own);
  };
  // The seed of a surrogate (and the keyed hash in `mac`): with a key, HMAC-SHA256 of
  // `memo_key` (corpus-wide); without, a hash of it and of the document.
  auto seed_of = [&](const std::string& memo_key, unsigned char* mac) -> uint64_t {
    uint64_t seed;
    unsigned int mac_len = 0;
    if (!im.key.empty()) {
      HMAC(EVP_sha256(), im.key.data(), static_cast<int>(im.key.size()),
           reinterpret_cast<const unsigned char*>(memo_key.data()), memo_key.size(), mac, &mac_len);
      std::memcpy(&seed, mac, sizeof(seed));
    } else {
      seed = Hash64(memo_key, doc_seed);
    }
    return seed;
  };
  // A word of a person's name replaced on its own (person_names.h): the same given or family
  // name wherever the word is written in the document, and with a key in the corpus; never a
  // word of one of the document's real names.
  auto draw_name_word = [&](anon::NamePart part, const std::string& key) -> std::string {
    std::string memo_key = part == anon::NamePart::kGiven ? "PERSON_GIVEN" : "PERSON_FAMILY";
    memo_key.push_back('\x1f');
    memo_key.append(key);
    if (auto it = st.memo.find(memo_key); it != st.memo.end()) return it->second;
    unsigned char mac[EVP_MAX_MD_SIZE];
    anon::Rng rng(seed_of(memo_key, mac));
    const anon::NameGender gender = st.names.GenderOf(key);
    // A name of the original's tradition ("Kowalski" another Polish name); after eight draws
    // that collide with the document's names, one of the general lists.
    const anon::NameTradition tradition = st.names.TraditionOf(key);
    const int female = anon::SexToDraw(gender, key);
    std::string fresh, given_key;
    for (int attempt = 0; attempt < 12; ++attempt) {
      fresh.clear();
      if (attempt < 8)
        fresh = part == anon::NamePart::kGiven ? anon::DrawGivenNameOf(tradition, female, rng)
                                               : anon::DrawFamilyNameLike(tradition, key, rng);
      if (fresh.empty())
        fresh = part == anon::NamePart::kGiven ? anon::DrawGivenName(gender, rng)
                                               : anon::DrawFamilyName(rng);
      const std::string fresh_key = anon::NameWordKey(fresh);
      given_key = "PERSON_WORD\x1f" + fresh_key;
      // (Nor a word of another original, a handle's too: "Priya.Sharma" is no name of the
      // document's full names, and "jkowalczyk" drew "priya".)
      if (fresh_key != key && !st.names.IsNameWord(fresh_key) && !st.given.contains(given_key) &&
          !reveals_original(fresh))
        break;
    }
    st.given.insert(std::move(given_key));
    st.memo.emplace(std::move(memo_key), fresh);
    return fresh;
  };
  // People's names and their surrogates, so that an e-mail address made from a name gets an
  // address made from the same surrogate name (see anon::EmailForPerson).
  std::vector<std::pair<std::string_view, std::string>> people;
  // The keyed (or per-document) replacement of `original`, the same for the same value
  // within a document.
  // A std::function: an address's surrogate asks for its towns' (ReplaceAddressTowns).
  std::function<std::string(AnonymizeOperator, const std::string&, std::string_view)> keyed;
  bool in_address = false;                  // keyed() is drawing an address's town
  std::unordered_set<std::string> drawing;  // memo keys whose keyed() has not returned yet
  keyed = [&](AnonymizeOperator op, const std::string& type,
              std::string_view original) -> std::string {
    // A name that hard-wrapped text breaks across lines ("Ralph\nWhitmore", "Ralph\n>
    // Whitmore") is the name written on one line: the same surrogate as its other mentions,
    // made from its words. Not an address, whose lines are its form ("Flat 10\nHelen
    // route\nNew Mariamouth\nB6K 1BT").
    std::string one_line;
    if (type != "STREET_ADDRESS" && original.find('\n') != std::string_view::npos) {
      one_line = OneLine(original);
      original = one_line;
    }
    std::string memo_key = type;
    memo_key.push_back('\x1f');
    memo_key.append(original);
    if (auto it = st.memo.find(memo_key); it != st.memo.end()) return it->second;
    // A place's plan may ask for this very value's surrogate again (a country that is also a
    // region of a city before it: "Taipei, Taiwan ... the counties of Taiwan" recursed until
    // the stack overflowed): the inner draw plans nothing.
    const bool drawing_already = !drawing.insert(memo_key).second;
    unsigned char mac[EVP_MAX_MD_SIZE];
    const uint64_t seed = seed_of(memo_key, mac);
    std::string replacement;
    if (op == AnonymizeOperator::kHash) {
      static const char kHex[] = "0123456789abcdef";
      replacement = "<" + type + ":";
      for (int i = 0; i < 8; ++i) {
        replacement.push_back(kHex[mac[i] >> 4]);
        replacement.push_back(kHex[mac[i] & 15]);
      }
      replacement.push_back('>');
    } else {
      anon::Rng rng(seed);
      // A handle ("linda_01") is replaced like one, unless the document writes the word in
      // a full name too ("priya" after "Priya Raghunathan").
      const bool name_words = type == "PERSON" && (!anon::LooksLikeHandle(original) ||
                                                   st.names.HasRole(anon::NameWordKey(original)));
      // A "person" without a letter (the "@" of a handle written apart, "@ colgo", which the
      // Broad Twitter Corpus labels so) is kept: a name in its place broke the handle
      // ("Barbara hussein hey").
      const bool letterless =
          type == "PERSON" && std::none_of(original.begin(), original.end(), [](char ch) {
            return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch & 0x80);
          });
      if (letterless) replacement = std::string(original);
      if (type == "PERSON" && replacement.empty())
        replacement = anon::DrawNativeScriptName(original, rng);
      // A handle that writes words of the document's names ("@farahdives" beside "Farah
      // Khan"): those words' surrogates in it. (Its other parts are the handle's own, which the
      // document's originals hold, "_photo" of "marcuswebb_photo": no reveal of an original.
      // Its name words were drawn apart from every original.)
      bool handle_of_names = false;
      const std::string own = type == "PERSON" && anon::LooksLikeHandle(original)
                                  ? AsciiAlnumFolded(original)
                                  : std::string();
      if (type == "PERSON" && replacement.empty() && original.find(' ') == std::string_view::npos &&
          !st.names.HasRole(anon::NameWordKey(original))) {
        replacement = st.names.ReplaceInHandle(original, draw_name_word, rng);
        handle_of_names = !replacement.empty();
      }
      if (name_words && replacement.empty()) {
        replacement = st.names.Replace(original, draw_name_word, rng);
        if (replacement == original || reveals_original(replacement)) replacement = "<PERSON>";
      }
      if (type == "EMAIL_ADDRESS") {
        for (const auto& [person, fake] : people) {
          replacement = anon::EmailForPerson(original, person, fake, rng);
          if (!replacement.empty()) break;
        }
        // A given name and a family name written apart, as a record's fields write them
        // ("first_name: Ngozi, last_name: Okafor, email: ngozi.okafor@...") : the address of the
        // two together (it was drawn apart from their surrogates).
        constexpr size_t kMaxOneWord = 16;
        std::vector<const std::pair<std::string_view, std::string>*> one_word;
        for (const auto& p : people)
          if (p.first.find(' ') == std::string_view::npos && one_word.size() < kMaxOneWord)
            one_word.push_back(&p);
        for (size_t g = 0; replacement.empty() && g < one_word.size(); ++g) {
          for (size_t f = 0; replacement.empty() && f < one_word.size(); ++f) {
            if (f == g || one_word[f]->second.find(' ') != std::string::npos ||
                one_word[g]->second.find(' ') != std::string::npos)
              continue;
            const std::string person =
                std::string(one_word[g]->first) + " " + std::string(one_word[f]->first);
            const std::string fake = one_word[g]->second + " " + one_word[f]->second;
            replacement = anon::EmailForPerson(original, person, fake, rng);
          }
        }
      }
      // With a key the first draw is the corpus-wide surrogate; a draw that would reveal one
      // of this document's originals is replaced (the mapping then differs in this document
      // only: privacy first).
      // (A replacement made from the document's name words or a person's surrogate is kept:
      // its words are distinct already, and it must match the person's other mentions.)
      const bool drawn = replacement.empty();
      auto given_before = [&] { return drawn && st.given.contains(type + '\x1f' + replacement); };
      // A place's surrogate on the document's map (document_places.h), outside an address.
      anon::DocumentPlaces::Plan plan;
      if (type == "LOCATION" && !in_address && !drawing_already) {
        static const std::string kLocation = "LOCATION";
        plan = st.places.PlanFor(original, [&](std::string_view place) {
          return keyed(AnonymizeOperator::kSurrogate, kLocation, place);
        });
      }
      for (int attempt = 0; !letterless && attempt < 12 &&
                            (replacement.empty() || replacement == original ||
                             (!handle_of_names && reveals_original(replacement, own)) ||
                             (attempt < 6 && given_before()));
           ++attempt) {
        replacement = anon::DocumentPlaces::Draw(plan, original, rng);
        if (replacement.empty()) replacement = anon::MakeSurrogate(type, original, rng);
        // The town of an address is a place like any other (HIPAA's Safe Harbor removes
        // cities too): the surrogate that place gets elsewhere in the document.
        if (type == "STREET_ADDRESS") {
          static const std::string kLocation = "LOCATION";
          replacement = anon::ReplaceAddressTowns(replacement, [&](std::string_view town) {
            in_address = true;
            std::string fake = keyed(AnonymizeOperator::kSurrogate, kLocation, town);
            in_address = false;
            return fake;
          });
        }
      }
      if (!letterless &&
          (replacement == original || (!handle_of_names && reveals_original(replacement, own))))
        replacement = "<" + type + ">";
      st.given.insert(type + '\x1f' + replacement);
    }
    if (!drawing_already) drawing.erase(memo_key);
    // (The inner draw of a value that asked for itself came first: it stands.)
    const auto [it, fresh] = st.memo.emplace(std::move(memo_key), std::move(replacement));
    return it->second;
  };
  if (operator_for("PERSON") == AnonymizeOperator::kSurrogate) {
    // The document's names first (which words are given and family names, and their genders),
    // then the surrogates of those that e-mail addresses may be made from.
    std::vector<std::string_view> names;
    size_t byte = 0, cp = 0;
    for (const PiiSpan* sp : spans) {
      if (sp->type != "PERSON" || sp->start < cp) continue;
      for (; cp < sp->start && byte < text.size(); ++cp) NextCp(text, byte);
      const size_t start_byte = byte;
      for (; cp < sp->end && byte < text.size(); ++cp) NextCp(text, byte);
      names.push_back(text.substr(start_byte, byte - start_byte));
      // A name before " family" is a family name, as after a title of one ("the Adebayo
      // family" became "the Giulia family"; session fifty).
      const std::string_view after = text.substr(byte, 9);
      const bool family = after.starts_with(" family") || after.starts_with(" Family");
      anon::NamePartLabel label = anon::LabelBefore(text, start_byte);
      if (label == anon::NamePartLabel::kNone) label = anon::PluralFamilyAt(text, start_byte, byte);
      st.names.Add(OneLine(names.back()),
                   family ? std::string_view("Dr") : anon::TitleWordBefore(text, start_byte),
                   label);
    }
    if (operator_for("EMAIL_ADDRESS") == AnonymizeOperator::kSurrogate) {
      static const std::string kPerson = "PERSON";
      for (std::string_view name : names)
        people.emplace_back(name, keyed(AnonymizeOperator::kSurrogate, kPerson, name));
    }
  }

  std::string out;
  out.reserve(text.size() + 64);
  size_t byte = 0, cp = 0;  // current position in the original
  size_t last_end_cp = 0;
  long long out_shift = 0;  // code points the output has gained (or lost) so far
  for (const PiiSpan* sp : spans) {
    if (sp->end <= sp->start || sp->start < last_end_cp) continue;
    // Copy up to the span start.
    size_t b0 = byte;
    while (cp < sp->start && byte < text.size()) {
      NextCp(text, byte);
      ++cp;
    }
    out.append(text.substr(b0, byte - b0));
    if (byte >= text.size()) break;
    const size_t start_byte = byte;
    while (cp < sp->end && byte < text.size()) {
      NextCp(text, byte);
      ++cp;
    }
    const std::string_view original = text.substr(start_byte, byte - start_byte);
    const size_t start_cp = sp->start, end_cp = cp;
    last_end_cp = cp;

    AnonymizeOperator op = operator_for(sp->type);
    std::string replacement;
    switch (op) {
      case AnonymizeOperator::kPlaceholder:
        replacement = "<" + sp->type + ">";
        break;
      case AnonymizeOperator::kRedact:
        break;
      case AnonymizeOperator::kMask: {
        // Count maskable code points, keep the last mask_tail of them.
        size_t maskable = 0;
        for (size_t i = 0; i < original.size();) maskable += !IsSeparator(NextCp(original, i));
        size_t keep_from = maskable > im.options.mask_tail ? maskable - im.options.mask_tail : 0;
        size_t seen = 0;
        for (size_t i = 0; i < original.size();) {
          char32_t c = NextCp(original, i);
          if (IsSeparator(c)) {
            AppendUtf8(c, replacement);
          } else {
            AppendUtf8(seen >= keep_from ? c : im.options.mask_char, replacement);
            ++seen;
          }
        }
        break;
      }
      case AnonymizeOperator::kHash:
      case AnonymizeOperator::kSurrogate: {
        // A place's or firm's name run into a common noun ("at the Aba stadium"): the name is
        // replaced and the noun kept (the surrogate of the whole was "Najaf": the stadium lost).
        const size_t tail = op == AnonymizeOperator::kSurrogate &&
                                    (sp->type == "LOCATION" || sp->type == "ORGANIZATION")
                                ? LowerCaseTailLength(original)
                                : 0;
        replacement = keyed(op, sp->type, original.substr(0, original.size() - tail));
        replacement.append(original.substr(original.size() - tail));
        // A user handle's name ("@NRLKnights", an organisation's) stays one word after its
        // "@": "@Banerjee Media" would end the handle at "Banerjee".
        if (op == AnonymizeOperator::kSurrogate && start_byte > 0 && text[start_byte - 1] == '@' &&
            original.find(' ') == std::string_view::npos)
          replacement.erase(std::remove(replacement.begin(), replacement.end(), ' '),
                            replacement.end());
        break;
      }
    }
    out.append(replacement);
    if (log) {
      Replacement r;
      r.type = sp->type;
      r.start = start_cp;
      r.end = end_cp;
      r.surrogate = replacement;
      if (im.options.keep_originals) r.original = std::string(original);
      const size_t replacement_cp = CodePointCount(replacement);
      r.out_start = static_cast<size_t>(static_cast<long long>(start_cp) + out_shift);
      r.out_end = r.out_start + replacement_cp;
      out_shift +=
          static_cast<long long>(replacement_cp) - static_cast<long long>(end_cp - start_cp);
      log->push_back(std::move(r));
    }
  }
  out.append(text.substr(byte));
  return out;
}

}  // namespace refinery
