#include "refinery/gdr/repair.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>

#include "refinery/core/utf8.h"
#include "refinery/gdr/chunking.h"
#include "refinery/gdr/kept_text.h"

namespace refinery::gdr {

size_t ReplaceWord(std::string& text, std::string_view value, std::string_view by) {
  if (value.empty()) return 0;
  auto alnum = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  size_t n = 0, pos = 0;
  while ((pos = text.find(value, pos)) != std::string::npos) {
    size_t end = pos + value.size();
    bool left_ok = pos == 0 || !alnum(text[pos - 1]) || !alnum(value.front());
    bool right_ok = end >= text.size() || !alnum(text[end]) || !alnum(value.back());
    if (left_ok && right_ok) {
      text.replace(pos, value.size(), by);
      pos += by.size();
      ++n;
    } else {
      ++pos;
    }
  }
  return n;
}

namespace {

bool AsciiLetters(std::string_view w) {
  if (w.empty()) return false;
  for (unsigned char c : w) {
    if (!std::isalpha(c)) return false;
  }
  return true;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Capitalised words that are not names, which a model changes for grammar (a title or a
// pronoun fitted to the fake) or at a sentence start.
bool CommonCapitalised(const std::string& lower) {
  static const char* kWords[] = {
      "the",   "this", "that",  "these", "those", "his", "her",   "hers",  "him",    "she",
      "they",  "them", "their", "you",   "your",  "our", "its",   "mrs",   "miss",   "mister",
      "madam", "sir",  "dear",  "and",   "but",   "for", "not",   "with",  "from",   "into",
      "when",  "then", "there", "here",  "what",  "who", "which", "where", "why",    "how",
      "all",   "any",  "some",  "one",   "two",   "new", "old",   "hello", "thanks", "regards"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

// `by` in the case of `like`: all lower, all upper, or as the model wrote it.
std::string InCaseOf(std::string_view like, const std::string& by) {
  bool lower = true, upper = true;
  for (unsigned char c : like) {
    if (std::isupper(c)) lower = false;
    if (std::islower(c)) upper = false;
  }
  std::string out = by;
  if (lower) return LowerAscii(by);
  if (upper && like.size() > 1) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

size_t PropagateModelReplacements(std::string_view original, std::string& candidate) {
  std::vector<TextWord> a = SplitWords(original), b = SplitWords(candidate);
  // lower-case original word -> the model's replacement ("" when it made two different ones).
  std::map<std::string, std::string> by_model;
  auto word = [](std::string_view text, const TextWord& w) {
    return text.substr(w.begin, w.end - w.begin);
  };
  for (const WordStretch& coarse : AlignWords(a, b)) {
    for (const WordStretch& st : SplitStretch(a, b, coarse)) {
      // The name-like words on each side: capitalised, letters only, no title or pronoun.
      auto name_like = [](std::string_view w) {
        return w.size() >= 3 && AsciiLetters(w) && std::isupper(static_cast<unsigned char>(w[0])) &&
               !CommonCapitalised(LowerAscii(w));
      };
      std::vector<std::string_view> from, to;
      for (size_t x = st.a0; x < st.a1; ++x) {
        if (name_like(word(original, a[x]))) from.push_back(word(original, a[x]));
      }
      for (size_t y = st.b0; y < st.b1; ++y) {
        if (name_like(word(candidate, b[y]))) to.push_back(word(candidate, b[y]));
      }
      if (from.empty() || to.empty() || (from.size() != to.size() && from.size() > 4)) continue;
      for (size_t k = 0; k < from.size(); ++k) {
        // Word for word when the counts match; else first to first, last to last, and the
        // words between to the last.
        std::string_view by = from.size() == to.size() ? to[k] : k == 0 ? to.front() : to.back();
        std::string key = LowerAscii(from[k]);
        if (key == LowerAscii(by)) continue;
        auto [it, fresh] = by_model.emplace(key, std::string(by));
        if (!fresh && it->second != by) it->second.clear();
      }
    }
  }
  size_t replaced = 0;
  for (const auto& [key, to] : by_model) {
    if (to.empty()) continue;
    std::string lower = LowerAscii(candidate);
    std::string out;
    size_t pos = 0, last = 0;
    while ((pos = lower.find(key, pos)) != std::string::npos) {
      size_t end = pos + key.size();
      auto word_byte = [&](size_t p) {
        unsigned char c = static_cast<unsigned char>(candidate[p]);
        return std::isalnum(c) || c >= 0x80;
      };
      bool whole =
          (pos == 0 || !word_byte(pos - 1)) && (end >= candidate.size() || !word_byte(end));
      // Inside a token that holds '@' or starts with '#': a handle, a hashtag or an e-mail
      // address, where names are run together ("@annakowalski", "anna.k@..."). Only longer
      // words, which do not occur by chance inside another.
      bool in_handle = false;
      if (!whole && key.size() >= 4) {
        size_t ts = pos, te = end;
        auto token_byte = [&](size_t p) {
          unsigned char c = static_cast<unsigned char>(candidate[p]);
          return !std::isspace(c) && c != ',' && c != ';' && c != '(' && c != ')' && c != '<' &&
                 c != '>' && c != '"' && c != '\'';
        };
        while (ts > 0 && token_byte(ts - 1)) --ts;
        while (te < candidate.size() && token_byte(te)) ++te;
        std::string_view token = std::string_view(candidate).substr(ts, te - ts);
        in_handle = token.find('@') != std::string_view::npos || token.front() == '#';
      }
      if (!whole && !in_handle) {
        pos = end;
        continue;
      }
      std::string_view like = std::string_view(candidate).substr(pos, key.size());
      out.append(candidate, last, pos - last);
      out += InCaseOf(like, to);
      last = end;
      pos = end;
      ++replaced;
    }
    if (last > 0) {
      out.append(candidate, last, std::string::npos);
      candidate = std::move(out);
    }
  }
  return replaced;
}

RepairResult RepairLeaks(std::string_view original, std::string_view candidate,
                         const PiiLeakState& state, const Anonymizer& surrogates) {
  RepairResult out;
  out.text = std::string(candidate);
  std::vector<std::pair<std::string, std::string>> by_model =
      InferReplacements(original, candidate, state.spans);
  // Longest values first, so that "Anna Kowalski" is replaced before "Anna".
  std::vector<size_t> order(state.values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return state.values[x].size() > state.values[y].size(); });
  auto scratch = surrogates.NewScratch();
  auto leaks_any = [&](std::string_view s) {
    for (const std::string& v : state.values) {
      if (ContainsWord(s, v)) return true;
    }
    return false;
  };
  for (size_t k : order) {
    const std::string& value = state.values[k];
    if (!ContainsWord(out.text, value)) continue;
    std::string by;
    for (const auto& [from, to] : by_model) {
      if (from == value && !to.empty() && !leaks_any(to)) by = to;
    }
    bool from_model = !by.empty();
    if (by.empty()) {
      PiiSpan span;
      span.start = 0;
      span.end = CodePointCount(value);
      span.type = state.types[k];
      span.score = 1;
      by = surrogates.Apply(value, {span}, *scratch, nullptr);
      if (by == value || by.empty() || leaks_any(by)) by = "<" + state.types[k] + ">";
    }
    if (ReplaceWord(out.text, value, by) > 0) {
      out.values_replaced++;
      if (from_model) out.from_model++;
    }
  }
  return out;
}

}  // namespace refinery::gdr
