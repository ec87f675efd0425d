#include "refinery/detect/ner_gazetteer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "refinery/core/hash.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_features.h"
#include "refinery/detect/ner_tokenizer.h"
#include "refinery/io/files.h"
#include "refinery/io/tsv.h"

namespace refinery::ner {

namespace {

StatusOr<uint64_t> ParseCount(std::string_view s, const std::string& path, size_t line,
                              const char* field) {
  uint64_t v = 0;
  if (s.empty()) return uint64_t{0};
  for (char c : s) {
    if (c < '0' || c > '9')
      return absl::InvalidArgumentError(path + ":" + std::to_string(line) + ": field '" + field +
                                        "' is not a number");
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

void WritePlaces(ModelWriter& w, const std::vector<Place>& places) {
  w.U64(places.size());
  for (const Place& p : places) {
    w.String(p.name);
    w.U64(p.population);
    // The country and the region as one string ("US.TX"; "US" for a country): a second
    // string's length field for each of the ~37,000 places made the model 8% larger.
    w.String(p.region.empty() ? p.country : p.country + "." + p.region);
  }
}

std::vector<Place> ReadPlaces(ModelReader& r) {
  std::vector<Place> out;
  const uint64_t n = r.U64();
  if (n > (uint64_t{1} << 24)) {
    r.Fail("place list too long");
    return out;
  }
  out.reserve(n);
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    Place p;
    p.name = r.String();
    p.population = r.U64();
    const std::string_view where = r.StringView();
    const size_t dot = where.find('.');
    p.country = std::string(where.substr(0, dot));
    if (dot != std::string_view::npos) p.region = std::string(where.substr(dot + 1));
    out.push_back(std::move(p));
  }
  return out;
}

// Reads past a list ReadPlaces would read, checking its lengths, without building it.
void SkipPlaces(ModelReader& r) {
  const uint64_t n = r.U64();
  if (n > (uint64_t{1} << 24)) {
    r.Fail("place list too long");
    return;
  }
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    r.StringView();
    r.U64();
    r.StringView();
  }
}

}  // namespace

const NerGazetteer::PlaceLists& NerGazetteer::Places() const {
  PlaceLists& p = *places_;
  if (!p.encoded.empty()) {
    std::call_once(p.decoded, [&p] {
      // Read checked these bytes (SkipPlaces), so the lists decode whole.
      ModelReader r(p.encoded);
      p.cities = ReadPlaces(r);
      p.countries = ReadPlaces(r);
      p.regions = ReadPlaces(r);
    });
  }
  return p;
}

uint64_t TokenHash(std::string_view token) {
  uint64_t h = kTokenHashBasis;
  for (size_t i = 0; i < token.size(); ++i) {
    unsigned char c = token[i];
    if (c >= 'A' && c <= 'Z') {
      c += 32;
    } else if (c == 0xC3 && i + 1 < token.size()) {
      // Latin-1 capitals (U+00C0..U+00DE, not U+00D7) fold onto their small letters.
      unsigned char d = token[i + 1];
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d += 0x20;
      h = TokenHashStep(h, c);
      h = TokenHashStep(h, d);
      ++i;
      continue;
    } else if (c == 0xE2 && i + 2 < token.size() &&
               static_cast<unsigned char>(token[i + 1]) == 0x80 &&
               static_cast<unsigned char>(token[i + 2]) == 0x99) {
      c = '\'';  // typographic apostrophe = ASCII apostrophe
      i += 2;
    }
    h = TokenHashStep(h, c);
  }
  return TokenHashFinish(h);
}

void NerGazetteer::Add(std::string_view name, uint16_t bits) {
  std::vector<Token> toks;
  Tokenize(name, toks);
  if (toks.empty() || toks.size() > 6) return;
  uint64_t h = PhraseStart();
  for (size_t i = 0; i < toks.size(); ++i) {
    h = PhraseCombine(h, TokenHash(name.substr(toks[i].start, toks[i].end - toks[i].start)));
    if (i + 1 < toks.size()) entries_.push_back({h ? h : 1, kGazPrefix});
  }
  entries_.push_back({h ? h : 1, bits});
  max_phrase_tokens_ = std::max(max_phrase_tokens_, toks.size());
}

void NerGazetteer::SizeTable(size_t entries) {
  size_t cap = 16;
  while (cap < entries * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
}

void NerGazetteer::Insert(uint64_t key, uint16_t bits) {
  // A key listed twice (a city that is also a region, a phrase's prefix) gets both bit sets.
  for (size_t i = key & mask_;; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.key == key) {
      slot.bits |= bits;
      return;
    }
    if (slot.key == 0) {
      slot = {key, bits};
      return;
    }
  }
}

void NerGazetteer::Finish() {
  SizeTable(entries_.size());
  for (const auto& [key, bits] : entries_) Insert(key, bits);
  entries_.clear();
  entries_.shrink_to_fit();
}

namespace {

// Counts, per word, how often mixed-case sentences of `path` (a TSV whose first column is the
// text, header row; `\n` escapes are sentence breaks like any other) write it in lower case and
// capitalised, away from the start of a sentence.
Status CountCase(const std::string& path,
                 std::unordered_map<uint64_t, std::array<uint32_t, 3>>& counts) {
  ASSIGN_OR_RETURN(const std::string data, ReadFileDecompressed(path));
  std::vector<Token> toks;
  size_t line_no = 0;
  for (size_t at = 0; at < data.size();) {
    size_t end = data.find('\n', at);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + at, end - at);
    at = end + 1;
    if (++line_no == 1) continue;  // header
    line = line.substr(0, line.find('\t'));
    Tokenize(line, toks, nullptr, /*column_cells=*/false);
    for (size_t b = 0; b < toks.size();) {
      size_t e = b + 1;
      while (e < toks.size() && !toks[e].sentence_start) ++e;
      if (SentenceCaseMode(toks.data() + b, e - b) == kMixedCase) {
        for (size_t i = b + 1; i < e; ++i) {
          const CapClass c = toks[i].cap;
          if (c != kCapLower && c != kCapTitle && c != kCapUpper) continue;
          // After a quote, colon or bullet a capital may start a sentence of its own.
          const Token& prev = toks[i - 1];
          if (prev.cap == kCapPunct && line[prev.start] != ',' && line[prev.start] != '(') continue;
          auto& n = counts[TokenHash(line.substr(toks[i].start, toks[i].end - toks[i].start))];
          n[c == kCapLower ? 0 : c == kCapTitle ? 1 : 2] += 1;
        }
      }
      b = e;
    }
  }
  return absl::OkStatus();
}

}  // namespace

StatusOr<NerGazetteer> NerGazetteer::Build(const std::string& dir, const std::string& corpus_dir) {
  NerGazetteer g;
  if (!corpus_dir.empty()) {
    std::unordered_map<uint64_t, std::array<uint32_t, 3>> counts;
    for (const char* file : {"toxic_spans_civil_comments.tsv.gz", "stormfront_degibert2018.tsv",
                             "implicit_hate_elsherief2021.tsv", "paradetox_dev.tsv"}) {
      RETURN_IF_ERROR(CountCase(corpus_dir + "/" + file, counts));
    }
    for (const auto& [word, n] : counts) {
      const auto [lower, title, upper] = n;
      if (lower + title + upper < 2) continue;  // one sighting says little
      const uint16_t bits = upper >= 9 * (lower + title) ? kGazCaseUpper
                            : lower >= 9 * title         ? kGazCaseLower
                            : title >= 9 * lower         ? kGazCaseTitle
                                                         : kGazCaseMixed;
      const uint64_t key = PhraseCombine(PhraseStart(), word);
      g.entries_.push_back({key ? key : 1, bits});
    }
  }
  const std::string names = dir + "/first_names_us_ssa_2010_2014.tsv";
  RETURN_IF_ERROR(ForEachTsvRow(
      names, {"name", "count", "female_count", "male_count"},
      [&](const auto& f, size_t line) -> Status {
        ASSIGN_OR_RETURN(uint64_t count, ParseCount(f[1], names, line, "count"));
        ASSIGN_OR_RETURN(uint64_t female, ParseCount(f[2], names, line, "female_count"));
        ASSIGN_OR_RETURN(uint64_t male, ParseCount(f[3], names, line, "male_count"));
        uint16_t bits = kGazFirstRare;
        if (count >= 200) bits |= kGazFirstMid;
        if (count >= 2000) bits |= kGazFirstCommon;
        if (count >= 20 && female * 10 >= count * 9) bits |= kGazFemale;
        if (count >= 20 && male * 10 >= count * 9) bits |= kGazMale;
        g.Add(f[0], bits);
        return absl::OkStatus();
      }));
  // The project's hand-written given names of Europe, Africa and Asia that births in the US
  // rarely or never carry ("Helmut", "Wim", "Zemin"): as features they must look like the SSA
  // names the weights were learned on, so they get a mid-frequency name's bits.
  for (std::string_view w : pii::WorldFirstNames()) g.Add(w, kGazFirstRare | kGazFirstMid);
  const std::string cities = dir + "/geonames_cities15000.tsv";
  RETURN_IF_ERROR(
      ForEachTsvRow(cities, {"name", "population", "country_code", "asciiname", "admin1_code"},
                    [&](const auto& f, size_t line) -> Status {
                      ASSIGN_OR_RETURN(uint64_t pop, ParseCount(f[1], cities, line, "population"));
                      const uint16_t bits = kGazCity | (pop >= 1000000 ? kGazBigCity : 0);
                      g.Add(f[0], bits);
                      if (f[3] != f[0]) g.Add(f[3], bits);
                      g.places_->cities.push_back(
                          Place{std::string(f[0]), pop, std::string(f[2]), std::string(f[4])});
                      return absl::OkStatus();
                    }));
  std::stable_sort(g.places_->cities.begin(), g.places_->cities.end(),
                   [](const Place& a, const Place& b) { return a.population > b.population; });
  const std::string countries = dir + "/geonames_countries.tsv";
  RETURN_IF_ERROR(ForEachTsvRow(
      countries, {"name", "population", "iso2"}, [&](const auto& f, size_t line) -> Status {
        ASSIGN_OR_RETURN(uint64_t pop, ParseCount(f[1], countries, line, "population"));
        g.Add(f[0], kGazCountry);
        g.places_->countries.push_back(Place{std::string(f[0]), pop, std::string(f[2]), {}});
        return absl::OkStatus();
      }));
  const std::string regions = dir + "/geonames_admin1.tsv";
  RETURN_IF_ERROR(
      ForEachTsvRow(regions, {"name", "asciiname", "code"}, [&](const auto& f, size_t) -> Status {
        g.Add(f[0], kGazRegion);
        if (f[1] != f[0]) g.Add(f[1], kGazRegion);
        // The code is the country's and the region's: "US.TX".
        const size_t dot = f[2].find('.');
        g.places_->regions.push_back(Place{
            std::string(f[0]), 0, std::string(f[2].substr(0, dot)),
            dot == std::string_view::npos ? std::string() : std::string(f[2].substr(dot + 1))});
        return absl::OkStatus();
      }));
  const std::string legal = dir + "/org_legal_suffixes_cleanco.tsv";
  RETURN_IF_ERROR(ForEachTsvRow(legal, {"suffix"}, [&](const auto& f, size_t) -> Status {
    if (f[0].size() < 2) return absl::OkStatus();
    g.Add(f[0], kGazLegalForm);
    g.legal_forms_.emplace_back(f[0]);
    return absl::OkStatus();
  }));
  // The notices travel inside the model: a model built without them could not be shipped.
  for (const char* lic : {"LICENSE-geonames", "LICENSE-ssa", "LICENSE-cleanco"}) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(dir + "/" + lic));
    g.notices_ += std::string("== ") + lic + " ==\n" + text + "\n";
  }
  g.Finish();
  return g;
}

void NerGazetteer::Write(ModelWriter& w) const {
  // The entries, sorted by key (the lookup table is rebuilt at load: half the bytes).
  std::vector<std::pair<uint64_t, uint16_t>> entries;
  for (const Slot& slot : slots_)
    if (slot.key) entries.push_back({slot.key, slot.bits});
  std::sort(entries.begin(), entries.end());
  std::string keys, bits;
  for (const auto& [k, b] : entries) {
    keys.append(reinterpret_cast<const char*>(&k), 8);
    bits.append(reinterpret_cast<const char*>(&b), 2);
  }
  w.U64(max_phrase_tokens_);
  w.U64(entries.size());
  w.String(keys);
  w.String(bits);
  WritePlaces(w, cities());
  WritePlaces(w, countries());
  WritePlaces(w, regions());
  w.U64(legal_forms_.size());
  for (const std::string& s : legal_forms_) w.String(s);
  w.String(notices_);
}

StatusOr<NerGazetteer> NerGazetteer::Read(ModelReader& r, std::shared_ptr<const void> owner) {
  NerGazetteer g;
  g.max_phrase_tokens_ = r.U64();
  const uint64_t count = r.U64();
  const std::string_view keys = r.StringView(), bits = r.StringView();
  if (r.ok() &&
      (count > (uint64_t{1} << 26) || keys.size() != count * 8 || bits.size() != count * 2 ||
       g.max_phrase_tokens_ == 0 || g.max_phrase_tokens_ > 16)) {
    r.Fail("gazetteer table has inconsistent sizes");
  }
  // Inserted straight from the file's arrays: a table of entries first cost ~400 page faults
  // at every start.
  g.SizeTable(r.ok() ? count : 0);
  for (uint64_t i = 0; r.ok() && i < count; ++i) {
    uint64_t key;
    uint16_t b;
    std::memcpy(&key, keys.data() + i * 8, 8);
    std::memcpy(&b, bits.data() + i * 2, 2);
    g.Insert(key ? key : 1, b);
  }
  if (owner == nullptr) {
    g.places_->cities = ReadPlaces(r);
    g.places_->countries = ReadPlaces(r);
    g.places_->regions = ReadPlaces(r);
  } else {
    const std::string_view rest = r.Rest();
    for (int list = 0; list < 3; ++list) SkipPlaces(r);
    g.places_->encoded = rest.substr(0, rest.size() - r.remaining());
    g.places_->owner = std::move(owner);
  }
  const uint64_t n = r.U64();
  if (n > (uint64_t{1} << 20)) r.Fail("legal form list too long");
  for (uint64_t i = 0; i < n && r.ok(); ++i) g.legal_forms_.push_back(r.String());
  g.notices_ = r.String();
  if (!r.ok()) return absl::DataLossError("gazetteer: truncated or malformed");
  return g;
}

}  // namespace refinery::ner
