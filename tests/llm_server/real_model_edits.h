// The test server's "careful real model" (--real-edits R): what a real model does besides
// replacing the personal values, each kind at rate R (seeded per document and attempt), so that
// verification is tested against harmless edits a scripted rewrite never makes and against the
// answer shapes real models use around the document. Compiled into the test server only.
//
// Edits inside the document (they keep every sentence and may not be rejected):
//   pronoun     "Mr."/"Ms."/"Mrs." before a replaced name, and "he"/"she"/"his"/"her"/"him"
//               shortly after it, changed to fit the fake
//   article     "a"/"an" before a replaced word fixed for the fake's first letter
//   whitespace  runs of spaces and tabs collapsed, trailing spaces cut, CRLF made LF
//   quotes      straight quotes made typographic (“ ” ’), or typographic ones straight
//   rewrap      single line breaks inside a paragraph joined (or long lines wrapped at 80)
//   name_words  a two-word name's fake given one or three words instead
//   variants    the replaced names' words also replaced in lower case and inside @handles and
//               e-mail local parts (without it they stay: the model missed them)
//   city_state  "City, ST 12345" replaced as a whole
//   period      a final period dropped, or one added
// Answer shapes (at most one per answer):
//   fence       the answer in a ``` code fence (around the tags, inside them, or without tags)
//   preamble    "Here is the refined document:" and the document without tags, or a closing
//               remark after the tags
//   bare        the document alone, without tags
//   newlines    blank lines inside the tags around the document
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace real_model_edits {

inline const std::vector<std::string>& AllKinds() {
  static const std::vector<std::string> k = {
      "pronoun",    "article", "whitespace", "quotes",   "rewrap", "name_words", "variants",
      "city_state", "period",  "fence",      "preamble", "bare",   "newlines"};
  return k;
}

struct Settings {
  double rate = 0;  // chance of each kind (per answer or per occurrence)
  std::set<std::string> kinds{AllKinds().begin(), AllKinds().end()};  // the kinds in use
};

inline bool WordByte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

inline bool AllAlphaWords(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!std::isalpha(c) && c != ' ' && c != '-' && c != '\'') return false;
  }
  return true;
}

inline std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Replaces whole-word occurrences of `from` (exact bytes) by `to`.
inline size_t ReplaceWhole(std::string& text, const std::string& from, const std::string& to) {
  size_t n = 0, pos = 0;
  while (!from.empty() && (pos = text.find(from, pos)) != std::string::npos) {
    size_t end = pos + from.size();
    bool left = pos == 0 || !WordByte(text[pos - 1]);
    bool right = end >= text.size() || !WordByte(text[end]);
    if (left && right) {
      text.replace(pos, from.size(), to);
      pos += to.size();
      ++n;
    } else {
      ++pos;
    }
  }
  return n;
}

class Editor {
 public:
  Editor(const Settings& s, uint64_t seed) : s_(s), rng_(seed) {}

  bool On(const char* kind) { return s_.kinds.count(kind) > 0 && Coin(); }
  bool Coin() {
    return s_.rate > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < s_.rate;
  }
  const std::vector<std::string>& applied() const { return applied_; }

  // The document's edits. `replaced`: original value -> fake, as this answer replaced them.
  std::string EditDocument(std::string text, std::map<std::string, std::string> replaced) {
    if (Enabled("name_words")) NameWords(text, replaced);
    if (Enabled("variants") && On("variants")) Variants(text, replaced);
    if (Enabled("city_state")) CityState(text);
    if (Enabled("pronoun")) Pronouns(text, replaced);
    if (Enabled("article")) Articles(text, replaced);
    if (Enabled("whitespace") && On("whitespace")) Whitespace(text);
    if (Enabled("quotes") && On("quotes")) Quotes(text);
    if (Enabled("rewrap") && On("rewrap")) Rewrap(text);
    if (Enabled("period") && On("period")) Period(text);
    return text;
  }

  // The whole answer around the edited document.
  std::string Envelope(const std::string& text) {
    std::string tagged = "Here is the refined document.\n<refined>\n" + text + "\n</refined>";
    if (Enabled("fence") && On("fence")) {
      Mark("fence");
      switch (Pick(3)) {
        case 0:
          return "```\n<refined>\n" + text + "\n</refined>\n```";
        case 1:
          return "<refined>\n```\n" + text + "\n```\n</refined>";
        default:
          return "```text\n" + text + "\n```";
      }
    }
    if (Enabled("preamble") && On("preamble")) {
      Mark("preamble");
      if (Pick(2) == 0) return "Here is the refined document:\n\n" + text;
      return tagged + "\n\nLet me know if you need anything else.";
    }
    if (Enabled("bare") && On("bare")) {
      Mark("bare");
      return text;
    }
    if (Enabled("newlines") && On("newlines")) {
      Mark("newlines");
      return "<refined>\n\n" + text + "\n\n</refined>\n";
    }
    return tagged;
  }

 private:
  bool Enabled(const char* kind) const { return s_.kinds.count(kind) > 0 && s_.rate > 0; }
  void Mark(const char* kind) {
    if (std::find(applied_.begin(), applied_.end(), kind) == applied_.end()) {
      applied_.push_back(kind);
    }
  }
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  void NameWords(std::string& text, std::map<std::string, std::string>& replaced) {
    static const char* kMiddle[] = {"Maria", "Jean", "Lee", "Ann"};
    for (auto& [orig, fake] : replaced) {
      std::vector<std::string> w = SplitWords(fake);
      if (w.size() != 2 || !AllAlphaWords(orig) || !AllAlphaWords(fake) || !Coin()) continue;
      std::string other = Pick(2) == 0 ? w[0] : w[0] + " " + kMiddle[Pick(4)] + " " + w[1];
      if (ReplaceWhole(text, fake, other) > 0) {
        fake = other;
        Mark("name_words");
      }
    }
  }

  // Each word of a replaced name, found in lower case or inside @handles and e-mail local
  // parts, replaced by the matching word of the fake.
  void Variants(std::string& text, const std::map<std::string, std::string>& replaced) {
    for (const auto& [orig, fake] : replaced) {
      if (!AllAlphaWords(orig) || !AllAlphaWords(fake)) continue;
      std::vector<std::string> o = SplitWords(orig), f = SplitWords(fake);
      if (o.empty() || f.empty()) continue;
      for (size_t k = 0; k < o.size(); ++k) {
        std::string from = Lower(o[k]);
        std::string to = Lower(k < f.size() ? f[k] : f.back());
        if (from.size() < 3 || from == to) continue;
        // Lower-case words, and any occurrence inside a token that holds '@'.
        size_t pos = 0;
        while ((pos = Lower(text).find(from, pos)) != std::string::npos) {
          size_t end = pos + from.size();
          size_t ts = pos, te = end;
          while (ts > 0 && !std::isspace(static_cast<unsigned char>(text[ts - 1]))) --ts;
          while (te < text.size() && !std::isspace(static_cast<unsigned char>(text[te]))) ++te;
          bool in_handle = text.substr(ts, te - ts).find('@') != std::string::npos;
          bool whole = (pos == 0 || !WordByte(text[pos - 1])) &&
                       (end >= text.size() || !WordByte(text[end]));
          bool lower = std::islower(static_cast<unsigned char>(text[pos])) != 0;
          if (in_handle || (whole && lower)) {
            text.replace(pos, from.size(), to);
            Mark("variants");
            pos += to.size();
          } else {
            pos = end;
          }
        }
      }
    }
  }

  void CityState(std::string& text) {
    static const char* kCities[] = {"Fairview, OR 97035", "Riverton, WY 82501",
                                    "Oakdale, MN 55128"};
    // "Word[ Word], XX 12345"
    for (size_t i = 0; i + 10 < text.size(); ++i) {
      if (text[i] != ',' || text[i + 1] != ' ') continue;
      size_t s = i + 2;
      if (s + 8 > text.size() || !std::isupper(static_cast<unsigned char>(text[s])) ||
          !std::isupper(static_cast<unsigned char>(text[s + 1])) || text[s + 2] != ' ') {
        continue;
      }
      size_t d = s + 3, e = d;
      while (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) ++e;
      if (e - d != 5 || (e < text.size() && WordByte(text[e]))) continue;
      // The city: one or two capitalised words before the comma.
      size_t b = i;
      int words = 0;
      auto alpha = [&](size_t p) { return std::isalpha(static_cast<unsigned char>(text[p])); };
      auto upper = [&](size_t p) { return std::isupper(static_cast<unsigned char>(text[p])); };
      while (true) {
        size_t w = b;
        while (w > 0 && alpha(w - 1)) --w;
        if (w == b || !upper(w)) break;
        b = w;
        ++words;
        if (words == 2 || b < 2 || text[b - 1] != ' ' || !alpha(b - 2)) break;
        size_t w2 = b - 1;
        while (w2 > 0 && alpha(w2 - 1)) --w2;
        if (!upper(w2)) break;
        b = b - 1;  // the space before: the next pass takes the word before it
      }
      if (words == 0 || !Coin()) continue;
      std::string by = kCities[Pick(3)];
      text.replace(b, e - b, by);
      Mark("city_state");
      i = b + by.size();
    }
  }

  // Where each fake starts in the text.
  std::vector<size_t> FakePositions(const std::string& text,
                                    const std::map<std::string, std::string>& replaced) {
    std::vector<size_t> at;
    for (const auto& [orig, fake] : replaced) {
      if (!AllAlphaWords(fake)) continue;
      size_t pos = 0;
      while ((pos = text.find(fake, pos)) != std::string::npos) {
        at.push_back(pos);
        pos += fake.size();
      }
    }
    std::sort(at.begin(), at.end());
    return at;
  }

  void Pronouns(std::string& text, const std::map<std::string, std::string>& replaced) {
    static const std::pair<const char*, const char*> kSwap[] = {
        {"he", "she"}, {"she", "he"}, {"his", "her"}, {"him", "her"}, {"her", "his"},
        {"He", "She"}, {"She", "He"}, {"His", "Her"}, {"Her", "His"}};
    static const std::pair<const char*, const char*> kTitle[] = {
        {"Mr. ", "Ms. "}, {"Ms. ", "Mr. "}, {"Mrs. ", "Mr. "}};
    std::vector<size_t> at = FakePositions(text, replaced);
    for (size_t k = at.size(); k-- > 0;) {  // back to front: earlier offsets stay valid
      size_t pos = at[k];
      if (!Coin()) continue;
      // A pronoun within the next 60 bytes.
      size_t end = std::min(text.size(), pos + 60);
      for (size_t p = pos + 1; p < end; ++p) {
        if (WordByte(text[p - 1])) continue;
        bool done = false;
        for (auto& [from, to] : kSwap) {
          std::string f = from;
          if (text.compare(p, f.size(), f) == 0 &&
              (p + f.size() >= text.size() || !WordByte(text[p + f.size()]))) {
            text.replace(p, f.size(), to);
            Mark("pronoun");
            done = true;
            break;
          }
        }
        if (done) break;
      }
      for (auto& [from, to] : kTitle) {
        std::string f = from;
        if (pos >= f.size() && text.compare(pos - f.size(), f.size(), f) == 0) {
          text.replace(pos - f.size(), f.size(), to);
          Mark("pronoun");
          break;
        }
      }
    }
  }

  void Articles(std::string& text, const std::map<std::string, std::string>& replaced) {
    std::vector<size_t> at = FakePositions(text, replaced);
    for (size_t k = at.size(); k-- > 0;) {
      size_t pos = at[k];
      bool vowel = std::string("AEIOUaeiou").find(text[pos]) != std::string::npos;
      for (const char* art : {"a ", "an ", "A ", "An "}) {
        std::string a = art;
        if (pos < a.size() || text.compare(pos - a.size(), a.size(), a) != 0) continue;
        if (pos > a.size() && WordByte(text[pos - a.size() - 1])) continue;
        bool is_an = a.size() == 3;
        if (is_an == vowel || !Coin()) break;
        std::string fixed = std::string(1, a[0]) + (vowel ? "n " : " ");
        text.replace(pos - a.size(), a.size(), fixed);
        Mark("article");
        break;
      }
    }
  }

  void Whitespace(std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      if (c == '\t') c = ' ';
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
      if (c == '\n') {
        while (!out.empty() && out.back() == ' ') out.pop_back();
      }
      out.push_back(c);
    }
    if (out != text) Mark("whitespace");
    text = std::move(out);
  }

  void Quotes(std::string& text) {
    std::string out;
    bool curly = text.find("\xe2\x80\x9c") != std::string::npos ||
                 text.find("\xe2\x80\x99") != std::string::npos;
    if (curly) {
      for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xe2\x80\x9c") == 0 || text.compare(i, 3, "\xe2\x80\x9d") == 0) {
          out.push_back('"');
          i += 2;
        } else if (text.compare(i, 3, "\xe2\x80\x98") == 0 ||
                   text.compare(i, 3, "\xe2\x80\x99") == 0) {
          out.push_back('\'');
          i += 2;
        } else {
          out.push_back(text[i]);
        }
      }
    } else {
      bool open = true;
      for (char c : text) {
        if (c == '"') {
          out += open ? "\xe2\x80\x9c" : "\xe2\x80\x9d";
          open = !open;
        } else if (c == '\'') {
          out += "\xe2\x80\x99";
        } else {
          out.push_back(c);
        }
      }
    }
    if (out != text) Mark("quotes");
    text = std::move(out);
  }

  void Rewrap(std::string& text) {
    std::string out;
    bool joined = false;
    for (size_t i = 0; i < text.size(); ++i) {
      bool single = text[i] == '\n' && i > 0 && text[i - 1] != '\n' && i + 1 < text.size() &&
                    text[i + 1] != '\n' && std::isalnum(static_cast<unsigned char>(text[i + 1]));
      if (single) {
        out.push_back(' ');
        joined = true;
      } else {
        out.push_back(text[i]);
      }
    }
    if (!joined) {  // no line to join: wrap long lines at 80 columns instead
      out.clear();
      size_t col = 0, last_space = std::string::npos;
      for (char c : text) {
        out.push_back(c);
        if (c == '\n') {
          col = 0;
          last_space = std::string::npos;
          continue;
        }
        if (c == ' ') last_space = out.size() - 1;
        if (++col > 80 && last_space != std::string::npos) {
          out[last_space] = '\n';
          col = out.size() - 1 - last_space;
          last_space = std::string::npos;
        }
      }
    }
    if (out != text) Mark("rewrap");
    text = std::move(out);
  }

  void Period(std::string& text) {
    if (text.empty()) return;
    if (text.back() == '.') {
      text.pop_back();
    } else if (std::isalnum(static_cast<unsigned char>(text.back()))) {
      text.push_back('.');
    } else {
      return;
    }
    Mark("period");
  }

  const Settings& s_;
  std::mt19937_64 rng_;
  std::vector<std::string> applied_;
};

}  // namespace real_model_edits
