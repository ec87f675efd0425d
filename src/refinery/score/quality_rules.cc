#include "refinery/score/quality_rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "refinery/core/hash.h"
#include "refinery/score/quality_ngrams.h"
#include "refinery/score/quality_text.h"
#include "refinery/score/quality_tokenizer.h"

namespace refinery {

namespace {

using quality::Token;

uint64_t HashBytes(std::string_view str) { return Murmur3Mix64(Fnv1a64(str)); }

// find_duplicates: (number of duplicate elements, their total length in code points).
std::pair<size_t, size_t> FindDuplicates(const std::vector<std::string_view>& items,
                                         quality::FlatMap& map, std::vector<uint8_t>& hash_it) {
  // Equal items have equal byte lengths: only items whose length occurs twice are hashed
  // (hashing is byte by byte; lines of a document rarely share a length).
  map.Reset(items.size());
  size_t shared_lengths = 0;
  for (std::string_view s : items) {
    bool inserted;
    const uint32_t c = ++map.slots[map.Find(Murmur3Mix64(s.size()), inserted)].count;
    if (c == 2) ++shared_lengths;
  }
  if (shared_lengths == 0) return {0, 0};
  hash_it.resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    bool inserted;
    hash_it[i] = map.slots[map.Find(Murmur3Mix64(items[i].size()), inserted)].count >= 2;
  }
  map.Reset(items.size());
  size_t dup = 0, dup_chars = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!hash_it[i]) continue;
    bool inserted;
    map.Find(HashBytes(items[i]), inserted);
    if (!inserted) {
      ++dup;
      dup_chars += quality::PyLen(items[i]);
    }
  }
  return {dup, dup_chars};
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

size_t CountOf(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

constexpr std::string_view kStopWords[] = {"the", "be", "to", "of", "and", "that", "have", "with"};
// C4's phrases, each with what it marks: the line is lorem ipsum, JavaScript or policy text.
enum PhraseKind { kLorem, kJavascript, kPolicy, kPhraseKinds };
struct Phrase {
  std::string_view text;
  PhraseKind kind;
};
constexpr Phrase kPhrases[] = {{"lorem ipsum", kLorem},     {"javascript", kJavascript},
                               {"terms of use", kPolicy},   {"privacy policy", kPolicy},
                               {"cookie policy", kPolicy},  {"uses cookies", kPolicy},
                               {"use of cookies", kPolicy}, {"use cookies", kPolicy}};

// Python's str.lower() for the ASCII phrases C4 looks for: ASCII letters, plus the two
// non-ASCII characters whose lower case is ASCII (KELVIN SIGN -> k, and U+0130 -> i + dot).
void LowerForPhrases(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
    } else if (in.compare(i, 3, "\u212a") == 0) {
      out.push_back('k');
      i += 2;
    } else if (in.compare(i, 2, "\u0130") == 0) {
      out.append("i\u0307");
      i += 1;
    } else {
      out.push_back(c);
    }
  }
}

// C4's CITATION_REGEX.sub("", line): removes "[<digits>]" (no digits too), "[edit]" and
// "[citation needed]".
void RemoveCitations(std::string_view line, std::string& out) {
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '[') {
      size_t j = i + 1;
      while (j < line.size()) {
        size_t len;
        char32_t c = quality::DecodeAt(line, j, len);
        if (!(c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit(static_cast<UChar32>(c)))) break;
        j += len;
      }
      if (j < line.size() && line[j] == ']') {
        i = j + 1;
        continue;
      }
      if (line.compare(i, 6, "[edit]") == 0) {
        i += 6;
        continue;
      }
      if (line.compare(i, 17, "[citation needed]") == 0) {
        i += 17;
        continue;
      }
    }
    out.push_back(line[i++]);
  }
}

bool Off(double threshold) { return threshold < 0; }

// How far to count words for a `count < threshold` test: the smallest count that fails it.
size_t CountLimit(double threshold) {
  if (threshold <= 0) return 0;
  if (threshold >= 1e18) return SIZE_MAX;
  return static_cast<size_t>(std::ceil(threshold));
}

struct PhraseHits {
  bool found[kPhraseKinds] = {};
};

// C4's phrase tests on line.lower().
PhraseHits FindPhrasesLowered(std::string_view line, std::string& lower) {
  LowerForPhrases(line, lower);
  PhraseHits h;
  for (const Phrase& p : kPhrases) {
    h.found[p.kind] = h.found[p.kind] || lower.find(p.text) != std::string::npos;
  }
  return h;
}

// `phrase` (lower case ASCII) at line[i], ASCII letters compared without case.
bool PhraseAt(std::string_view line, size_t i, std::string_view phrase) {
  if (line.size() - i < phrase.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k) {
    char c = line[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != phrase[k]) return false;
  }
  return true;
}

// The same in one pass over the line without a lower-cased copy: lower() changes only ASCII
// letters' bytes unless the line holds KELVIN SIGN or U+0130, which take the copy.
PhraseHits FindPhrases(std::string_view line, std::string& lower) {
  constexpr uint16_t kSpecial = 1u << 15;  // 0xE2 or 0xC4: KELVIN SIGN (E2 84 AA), U+0130 (C4 B0)
  // Per byte: the phrases that may start there (bit i = kPhrases[i]), in either case.
  static constexpr std::array<uint16_t, 256> kStarts = [] {
    std::array<uint16_t, 256> t{};
    for (size_t i = 0; i < std::size(kPhrases); ++i) {
      auto c = static_cast<unsigned char>(kPhrases[i].text[0]);
      t[c] |= static_cast<uint16_t>(1u << i);
      t[c - 32] |= static_cast<uint16_t>(1u << i);
    }
    t[0xE2] = t[0xC4] = kSpecial;
    return t;
  }();
  PhraseHits h;
  for (size_t i = 0; i < line.size(); ++i) {
    const uint16_t starts = kStarts[static_cast<unsigned char>(line[i])];
    if (starts == 0) continue;
    if (starts == kSpecial) {
      if (line.compare(i, 3, "\u212a") == 0 || line.compare(i, 2, "\u0130") == 0) {
        return FindPhrasesLowered(line, lower);
      }
      continue;
    }
    for (size_t p = 0; p < std::size(kPhrases); ++p) {
      if ((starts >> p & 1) && !h.found[kPhrases[p].kind] && PhraseAt(line, i, kPhrases[p].text)) {
        h.found[kPhrases[p].kind] = true;
      }
    }
  }
  return h;
}

}  // namespace

struct QualityScratch::Impl {
  std::vector<Token> tokens, fw_tokens, line_tokens;
  std::vector<std::string_view> lines, paras, rep_lines, fw_lines, words;
  std::string lower, cited, c4_text;
  quality::FlatMap map;
  std::vector<uint8_t> flags;
  quality::NGramIndex ngrams;
};

QualityScratch::QualityScratch() : impl_(std::make_unique<Impl>()) {}
QualityScratch::~QualityScratch() = default;

Status QualityOptions::SetFromJson(const Json& j) {
  if (!j.is_object()) return absl::InvalidArgumentError("quality options: expected an object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = it.key();  // plain variables: lambdas below capture them
    const Json& value = it.value();
    auto num = [&](double& field) -> Status {
      if (!value.is_number()) return absl::InvalidArgumentError(key + ": expected a number");
      field = value.get<double>();
      return absl::OkStatus();
    };
    auto flag = [&](bool& field) -> Status {
      if (!value.is_boolean()) return absl::InvalidArgumentError(key + ": expected true/false");
      field = value.get<bool>();
      return absl::OkStatus();
    };
    auto pairs = [&](std::vector<std::pair<int, double>>& field) -> Status {
      // {"2": 0.2, "3": 0.18} or [[2, 0.2], [3, 0.18]]
      field.clear();
      if (value.is_object()) {
        for (const auto& [n, f] : value.items()) {
          if (!f.is_number()) return absl::InvalidArgumentError(key + ": values must be numbers");
          field.emplace_back(std::atoi(n.c_str()), f.get<double>());
        }
      } else if (value.is_array()) {
        for (const auto& p : value) {
          if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
            return absl::InvalidArgumentError(key + ": expected [[n, fraction], ...]");
          }
          field.emplace_back(p[0].get<int>(), p[1].get<double>());
        }
      } else {
        return absl::InvalidArgumentError(key + ": expected {n: fraction, ...}");
      }
      for (const auto& [n, f] : field) {
        if (n < 1 || n > 64) return absl::InvalidArgumentError(key + ": n must be in [1, 64]");
      }
      return absl::OkStatus();
    };
#define REFINERY_NUM(name)      \
  if (key == #name) {           \
    RETURN_IF_ERROR(num(name)); \
    continue;                   \
  }
#define REFINERY_FLAG(name)      \
  if (key == #name) {            \
    RETURN_IF_ERROR(flag(name)); \
    continue;                    \
  }
    REFINERY_FLAG(gopher_quality)
    REFINERY_FLAG(gopher_repetition)
    REFINERY_FLAG(c4)
    REFINERY_FLAG(fineweb)
    REFINERY_NUM(min_doc_words)
    REFINERY_NUM(max_doc_words)
    REFINERY_NUM(min_avg_word_length)
    REFINERY_NUM(max_avg_word_length)
    REFINERY_NUM(max_symbol_word_ratio)
    REFINERY_NUM(max_bullet_lines_ratio)
    REFINERY_NUM(max_ellipsis_lines_ratio)
    REFINERY_NUM(min_alpha_words_ratio)
    REFINERY_NUM(min_stop_words)
    REFINERY_NUM(dup_line_frac)
    REFINERY_NUM(dup_para_frac)
    REFINERY_NUM(dup_line_char_frac)
    REFINERY_NUM(dup_para_char_frac)
    REFINERY_NUM(c4_min_sentences)
    REFINERY_NUM(c4_min_words_per_line)
    REFINERY_NUM(c4_max_word_length)
    REFINERY_FLAG(c4_remove_citations)
    REFINERY_FLAG(fineweb_after_c4)
    REFINERY_FLAG(c4_lorem_ipsum)
    REFINERY_FLAG(c4_curly_bracket)
    REFINERY_FLAG(c4_javascript)
    REFINERY_FLAG(c4_policy)
    REFINERY_NUM(fineweb_line_punct_ratio)
    REFINERY_NUM(fineweb_short_line_ratio)
    REFINERY_NUM(fineweb_short_line_length)
    REFINERY_NUM(fineweb_char_dup_ratio)
    REFINERY_NUM(fineweb_list_ratio)
#undef REFINERY_NUM
#undef REFINERY_FLAG
    if (key == "tokenizer") {
      if (!value.is_string() || (value != "reference" && value != "fast")) {
        return absl::InvalidArgumentError(key + ": expected reference or fast");
      }
      tokenizer = value.get<std::string>();
      continue;
    }
    if (key == "order") {
      static const std::vector<std::string> kFamilies = {"gopher_repetition", "gopher_quality",
                                                         "c4", "fineweb"};
      std::vector<std::string> families;
      if (value.is_string()) {
        std::string list = value.get<std::string>();
        for (size_t b = 0; b <= list.size();) {
          size_t e = std::min(list.find(',', b), list.size());
          families.push_back(list.substr(b, e - b));
          b = e + 1;
        }
      } else if (value.is_array()) {
        for (const auto& f : value) {
          if (!f.is_string()) return absl::InvalidArgumentError(key + ": expected family names");
          families.push_back(f.get<std::string>());
        }
      } else {
        return absl::InvalidArgumentError(key + ": expected a list of rule families");
      }
      for (const std::string& f : families) {
        if (std::find(kFamilies.begin(), kFamilies.end(), f) == kFamilies.end()) {
          return absl::InvalidArgumentError(key + ": unknown rule family '" + f +
                                            "' (gopher_repetition, gopher_quality, c4, fineweb)");
        }
        if (std::count(families.begin(), families.end(), f) > 1) {
          return absl::InvalidArgumentError(key + ": '" + f + "' is listed twice");
        }
      }
      order = std::move(families);
      continue;
    }
    if (key == "top_n_grams") {
      RETURN_IF_ERROR(pairs(top_n_grams));
      continue;
    }
    if (key == "dup_n_grams") {
      RETURN_IF_ERROR(pairs(dup_n_grams));
      continue;
    }
    return absl::InvalidArgumentError("unknown quality option '" + key + "'");
  }
  return absl::OkStatus();
}

Json QualityOptions::ToJson() const {
  Json j = Json::object();
  auto pairs = [](const std::vector<std::pair<int, double>>& v) {
    Json o = Json::object();
    for (const auto& [n, f] : v) o[std::to_string(n)] = f;
    return o;
  };
  j["gopher_quality"] = gopher_quality;
  j["gopher_repetition"] = gopher_repetition;
  j["c4"] = c4;
  j["fineweb"] = fineweb;
  j["min_doc_words"] = min_doc_words;
  j["max_doc_words"] = max_doc_words;
  j["min_avg_word_length"] = min_avg_word_length;
  j["max_avg_word_length"] = max_avg_word_length;
  j["max_symbol_word_ratio"] = max_symbol_word_ratio;
  j["max_bullet_lines_ratio"] = max_bullet_lines_ratio;
  j["max_ellipsis_lines_ratio"] = max_ellipsis_lines_ratio;
  j["min_alpha_words_ratio"] = min_alpha_words_ratio;
  j["min_stop_words"] = min_stop_words;
  j["dup_line_frac"] = dup_line_frac;
  j["dup_para_frac"] = dup_para_frac;
  j["dup_line_char_frac"] = dup_line_char_frac;
  j["dup_para_char_frac"] = dup_para_char_frac;
  j["top_n_grams"] = pairs(top_n_grams);
  j["dup_n_grams"] = pairs(dup_n_grams);
  j["c4_min_sentences"] = c4_min_sentences;
  j["c4_min_words_per_line"] = c4_min_words_per_line;
  j["c4_max_word_length"] = c4_max_word_length;
  j["c4_remove_citations"] = c4_remove_citations;
  j["fineweb_after_c4"] = fineweb_after_c4;
  j["tokenizer"] = tokenizer;
  j["order"] = order;
  j["c4_lorem_ipsum"] = c4_lorem_ipsum;
  j["c4_curly_bracket"] = c4_curly_bracket;
  j["c4_javascript"] = c4_javascript;
  j["c4_policy"] = c4_policy;
  j["fineweb_line_punct_ratio"] = fineweb_line_punct_ratio;
  j["fineweb_short_line_ratio"] = fineweb_short_line_ratio;
  j["fineweb_short_line_length"] = fineweb_short_line_length;
  j["fineweb_char_dup_ratio"] = fineweb_char_dup_ratio;
  j["fineweb_list_ratio"] = fineweb_list_ratio;
  return j;
}

namespace {

// What the C4 line pass found; FineWeb may judge `kept` (the published recipe's order).
struct C4Outcome {
  size_t sentences = 0;
  size_t kept_words = 0;  // words of the kept text (what FineWeb's list ratio divides by)
  bool lorem = false, curly = false;
};

// `tokens` are the words of the whole `text`: a kept line that is a slice of the text (no
// citation removed) reuses them, since words never cross a line break.
C4Outcome RunC4Lines(std::string_view text, const std::vector<Token>& tokens,
                     const QualityOptions& o, quality::TokenizerMode mode, QualityScratch::Impl& s,
                     std::string& kept) {
  C4Outcome r;
  kept.clear();
  quality::PySplitLines(text, s.lines);
  for (std::string_view raw : s.lines) {
    std::string_view line = quality::PyStrip(raw);
    const std::string_view words_of = line;  // words are counted before citations go
    if (o.c4_remove_citations && line.find('[') != std::string_view::npos) {
      RemoveCitations(line, s.cited);
      if (s.cited.size() != line.size()) line = s.cited;  // otherwise keep the slice of text
    }
    bool terminal = (EndsWith(line, ".") || EndsWith(line, "?") || EndsWith(line, "!") ||
                     EndsWith(line, "\"") || EndsWith(line, "'")) &&
                    !EndsWith(line, "...");
    if (!terminal) continue;
    if (!Off(o.c4_min_words_per_line) &&
        static_cast<double>(quality::PyCountWords(words_of, CountLimit(o.c4_min_words_per_line))) <
            o.c4_min_words_per_line) {
      continue;
    }
    // A word is no longer (in code points) than the line is in bytes.
    if (!Off(o.c4_max_word_length) && static_cast<double>(words_of.size()) > o.c4_max_word_length) {
      quality::PySplitWhitespace(words_of, s.words);
      bool too_long = false;
      for (std::string_view w : s.words) {
        if (quality::PyLen(w) > o.c4_max_word_length) {
          too_long = true;
          break;
        }
      }
      if (too_long) continue;
    }
    const PhraseHits phrases = FindPhrases(line, s.lower);
    if (o.c4_lorem_ipsum && phrases.found[kLorem]) r.lorem = true;
    if (o.c4_javascript && phrases.found[kJavascript]) continue;
    if (o.c4_curly_bracket && line.find('{') != std::string_view::npos) r.curly = true;
    if (o.c4_policy && phrases.found[kPolicy]) continue;
    const Token* first;
    const Token* last;
    if (line.data() >= text.data() && line.data() + line.size() <= text.data() + text.size()) {
      auto b = static_cast<uint32_t>(line.data() - text.data());
      auto e = static_cast<uint32_t>(b + line.size());
      first = std::lower_bound(tokens.data(), tokens.data() + tokens.size(), b,
                               [](const Token& t, uint32_t at) { return t.begin < at; });
      last = std::lower_bound(first, tokens.data() + tokens.size(), e,
                              [](const Token& t, uint32_t at) { return t.begin < at; });
    } else {
      quality::Tokenize(line, mode, s.line_tokens);
      first = s.line_tokens.data();
      last = first + s.line_tokens.size();
    }
    r.sentences += quality::CountSentences(first, last);
    r.kept_words += static_cast<size_t>(last - first);
    if (!kept.empty()) kept.push_back('\n');
    kept.append(line);
  }
  // "\n".join(kept_lines).strip()
  std::string_view stripped = quality::PyStrip(kept);
  if (stripped.size() != kept.size()) kept = std::string(stripped);
  return r;
}

}  // namespace

QualityResult QualityRules::Evaluate(std::string_view text, QualityScratch& scratch,
                                     bool with_metrics, bool stop_at_first_failure,
                                     bool want_c4_text) const {
  const QualityOptions& o = options_;
  QualityScratch::Impl& s = scratch.impl();
  const quality::TokenizerMode mode =
      o.tokenizer == "fast" ? quality::TokenizerMode::kFast : quality::TokenizerMode::kReference;
  QualityResult r;
  bool stop = false;
  auto check = [&](const char* name, double value, double threshold, bool fail_if_above) {
    if (stop || Off(threshold)) return;
    ++r.rules_checked;
    if (with_metrics) r.metrics[name] = value;
    bool fail = fail_if_above ? value > threshold : value < threshold;
    if (fail) {
      r.failed.emplace_back(name);
      if (stop_at_first_failure) stop = true;
    }
  };
  auto check_flag = [&](const char* name, bool enabled, bool fail) {
    if (stop || !enabled) return;
    ++r.rules_checked;
    if (with_metrics) r.metrics[name] = fail;
    if (fail) {
      r.failed.emplace_back(name);
      if (stop_at_first_failure) stop = true;
    }
  };

  const size_t text_cp = quality::PyLen(text);
  // Words of the whole text; C4 reuses them line by line (see RunC4Lines).
  const bool need_tokens = o.gopher_quality || o.gopher_repetition || o.c4 || o.fineweb;
  if (need_tokens) {
    quality::Tokenize(text, mode, s.tokens);
  } else {
    s.tokens.clear();
  }
  const auto& tokens = s.tokens;
  const double n_words = static_cast<double>(tokens.size());

  auto gopher_quality = [&] {
    if (!o.gopher_quality || stop) return;
    size_t non_symbol = 0, non_symbol_len = 0, alpha = 0;
    uint32_t stop_words_seen = 0;  // bit per distinct stop word
    for (const Token& t : tokens) {
      if (!t.symbol) {
        ++non_symbol;
        non_symbol_len += t.cp_len;
      }
      if (t.has_alpha) ++alpha;
      std::string_view w = text.substr(t.begin, t.end - t.begin);
      if (w.size() <= 4) {
        for (size_t k = 0; k < std::size(kStopWords); ++k) {
          if (w == kStopWords[k]) stop_words_seen |= 1u << k;
        }
      }
    }
    check("gopher_short_doc", non_symbol, o.min_doc_words, false);
    check("gopher_long_doc", non_symbol, o.max_doc_words, true);
    double avg = non_symbol ? static_cast<double>(non_symbol_len) / non_symbol : 0;
    check("gopher_below_avg_word_length", avg, o.min_avg_word_length, false);
    check("gopher_above_avg_word_length", avg, o.max_avg_word_length, true);
    double denom = std::max(n_words, 1.0);
    check("gopher_too_many_hashes", CountOf(text, "#") / denom, o.max_symbol_word_ratio, true);
    check("gopher_too_many_ellipsis", (CountOf(text, "...") + CountOf(text, "\u2026")) / denom,
          o.max_symbol_word_ratio, true);
    if (!o.c4) quality::PySplitLines(text, s.lines);  // else C4's line pass, run first, did
    size_t bullets = 0, ellipsis_lines = 0;
    for (std::string_view line : s.lines) {
      std::string_view left = quality::PyLStrip(line);
      if (StartsWith(left, "\u2022") || StartsWith(left, "-")) ++bullets;
      std::string_view right = quality::PyRStrip(line);
      if (EndsWith(right, "...") || EndsWith(right, "\u2026")) ++ellipsis_lines;
    }
    double nl = std::max<double>(s.lines.size(), 1);
    check("gopher_too_many_bullets", bullets / nl, o.max_bullet_lines_ratio, true);
    check("gopher_too_many_end_ellipsis", ellipsis_lines / nl, o.max_ellipsis_lines_ratio, true);
    check("gopher_below_alpha_threshold", n_words > 0 ? alpha / n_words : 0,
          o.min_alpha_words_ratio, false);
    check("gopher_too_few_stop_words", static_cast<double>(__builtin_popcount(stop_words_seen)),
          o.min_stop_words, false);
  };

  auto gopher_repetition = [&] {
    if (!o.gopher_repetition || stop || text_cp == 0) return;
    const double len = static_cast<double>(text_cp);
    // Paragraphs: the stripped text split on runs of >= 2 newlines.
    s.paras.clear();
    std::string_view stripped = quality::PyStrip(text);
    {
      size_t b = 0, i = 0;
      while (i <= stripped.size()) {
        if (i == stripped.size()) {
          s.paras.push_back(stripped.substr(b));
          break;
        }
        if (stripped[i] == '\n' && i + 1 < stripped.size() && stripped[i + 1] == '\n') {
          s.paras.push_back(stripped.substr(b, i - b));
          while (i < stripped.size() && stripped[i] == '\n') ++i;
          b = i;
          continue;
        }
        ++i;
      }
    }
    auto [pd, pdc] = FindDuplicates(s.paras, s.map, s.flags);
    check("dup_para_frac", static_cast<double>(pd) / s.paras.size(), o.dup_para_frac, true);
    check("dup_para_char_frac", pdc / len, o.dup_para_char_frac, true);
    // Lines: re.split("\n+", text).
    std::vector<std::string_view>& lines = s.rep_lines;
    lines.clear();
    {
      size_t b = 0, i = 0;
      while (i <= text.size()) {
        if (i == text.size()) {
          lines.push_back(text.substr(b));
          break;
        }
        if (text[i] == '\n') {
          lines.push_back(text.substr(b, i - b));
          while (i < text.size() && text[i] == '\n') ++i;
          b = i;
          continue;
        }
        ++i;
      }
    }
    auto [ld, ldc] = FindDuplicates(lines, s.map, s.flags);
    check("dup_line_frac", static_cast<double>(ld) / lines.size(), o.dup_line_frac, true);
    check("dup_line_char_frac", ldc / len, o.dup_line_char_frac, true);

    s.ngrams.Reset(tokens);
    for (const auto& [n, frac] : o.top_n_grams) {
      if (stop || Off(frac) || tokens.size() < static_cast<size_t>(n)) continue;
      auto [count, chars] = s.ngrams.TopGram(static_cast<size_t>(n));
      check(fmt::format("top_{}_gram", n).c_str(),
            static_cast<double>(count) * static_cast<double>(chars) / len, frac, true);
    }
    for (const auto& [n, frac] : o.dup_n_grams) {
      if (stop || Off(frac)) continue;
      size_t repeated = s.ngrams.DuplicateChars(static_cast<size_t>(n));
      check(fmt::format("duplicated_{}_n_grams", n).c_str(), repeated / len, frac, true);
    }
  };

  // The C4 line pass runs once; its verdicts are reported in C4's turn, and its kept lines are
  // what FineWeb judges in the published recipe.
  C4Outcome c4;
  if (o.c4) c4 = RunC4Lines(text, tokens, o, mode, s, s.c4_text);
  auto c4_rules = [&] {
    if (!o.c4 || stop) return;
    check_flag("c4_lorem_ipsum", o.c4_lorem_ipsum, c4.lorem);
    check_flag("c4_curly_bracket", o.c4_curly_bracket, c4.curly);
    check("c4_too_few_sentences", static_cast<double>(c4.sentences), o.c4_min_sentences, false);
  };

  auto fineweb = [&] {
    if (!o.fineweb || stop) return;
    const bool on_c4 = o.c4 && o.fineweb_after_c4;
    std::string_view fw_text = on_c4 ? std::string_view(s.c4_text) : text;
    // lines = text.split("\n"), then the ones whose strip() is not empty.
    std::vector<std::string_view>& lines = s.fw_lines;
    lines.clear();
    size_t newlines = 0;
    {
      size_t b = 0;
      for (size_t i = 0; i <= fw_text.size(); ++i) {
        if (i == fw_text.size() || fw_text[i] == '\n') {
          std::string_view line = fw_text.substr(b, i - b);
          if (!quality::PyStrip(line).empty()) lines.push_back(line);
          if (i < fw_text.size()) ++newlines;
          b = i + 1;
        }
      }
    }
    if (lines.empty()) {
      check_flag("fineweb_empty", true, true);
      return;
    }
    double nl = static_cast<double>(lines.size());
    size_t punct = 0, short_lines = 0;
    for (std::string_view line : lines) {
      if (quality::InTerminalPunctuation(quality::LastCodePoint(line))) ++punct;
      if (quality::PyLen(line) <= o.fineweb_short_line_length) ++short_lines;
    }
    check("fineweb_line_punct_ratio", punct / nl, o.fineweb_line_punct_ratio, false);
    check("fineweb_short_line_ratio", short_lines / nl, o.fineweb_short_line_ratio, true);
    auto [d, dc] = FindDuplicates(lines, s.map, s.flags);
    (void)d;
    size_t chars_no_nl = quality::PyLen(fw_text) - newlines;
    check("fineweb_char_dup_ratio", chars_no_nl ? static_cast<double>(dc) / chars_no_nl : 0,
          o.fineweb_char_dup_ratio, true);
    const size_t words = on_c4 ? c4.kept_words : tokens.size();
    check("fineweb_list_ratio", words == 0 ? 0 : newlines / static_cast<double>(words),
          o.fineweb_list_ratio, true);
  };

  for (const std::string& family : o.order) {
    if (family == "gopher_repetition") {
      gopher_repetition();
    } else if (family == "gopher_quality") {
      gopher_quality();
    } else if (family == "c4") {
      c4_rules();
    } else if (family == "fineweb") {
      fineweb();
    }
  }
  if (want_c4_text && o.c4) r.c4_kept_text = s.c4_text;
  return r;
}

}  // namespace refinery
