#include "refinery/gdr/chunking.h"

#include <algorithm>
#include <set>

namespace refinery::gdr {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// The best cut in text[from, limit]: after the last "\n\n", else "\n", else ". ", else " ",
// else at a UTF-8 boundary. Returns a position in (from, limit].
size_t FindCut(std::string_view text, size_t from, size_t limit) {
  std::string_view window = text.substr(from, limit - from);
  for (std::string_view sep : {std::string_view("\n\n"), std::string_view("\n"),
                               std::string_view(". "), std::string_view(" ")}) {
    size_t p = window.rfind(sep);
    if (p != std::string_view::npos && p + sep.size() > window.size() / 4) {
      return from + p + sep.size();
    }
  }
  size_t cut = limit;
  while (cut > from + 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

}  // namespace

std::vector<Chunk> SplitIntoChunks(std::string_view text, size_t max_bytes) {
  std::vector<Chunk> out;
  max_bytes = std::max<size_t>(max_bytes, 16);
  size_t pos = 0;
  while (pos < text.size() || out.empty()) {
    size_t end = text.size();
    if (end - pos > max_bytes) end = FindCut(text, pos, pos + max_bytes);
    Chunk c;
    c.begin = pos;
    c.end = end;
    size_t a = pos, b = end;
    while (a < b && IsSpace(text[a])) ++a;
    while (b > a && IsSpace(text[b - 1])) --b;
    c.lead = text.substr(pos, a - pos);
    c.core = text.substr(a, b - a);
    c.trail = text.substr(b, end - b);
    out.push_back(c);
    if (end >= text.size()) break;
    pos = end;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> InferReplacements(
    std::string_view original, std::string_view rewrite, const std::vector<PiiSpan>& spans) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  size_t search_from = 0;
  for (const PiiSpan& s : spans) {
    if (s.end <= s.start || s.end > original.size()) continue;
    std::string value(original.substr(s.start, s.end - s.start));
    // Context: up to 12 bytes on each side, within the line.
    size_t ls = s.start;
    while (ls > 0 && s.start - ls < 12 && original[ls - 1] != '\n') --ls;
    while (ls < s.start && (static_cast<unsigned char>(original[ls]) & 0xC0) == 0x80) ++ls;
    size_t re = s.end;
    while (re < original.size() && re - s.end < 12 && original[re] != '\n') ++re;
    while (re > s.end && re < original.size() &&
           (static_cast<unsigned char>(original[re]) & 0xC0) == 0x80) {
      --re;
    }
    std::string_view left = original.substr(ls, s.start - ls);
    std::string_view right = original.substr(s.end, re - s.end);
    if (left.size() < 2 && right.size() < 2) continue;
    size_t l = left.empty() ? search_from : rewrite.find(left, search_from);
    if (l == std::string_view::npos) continue;
    size_t start = l + left.size();
    size_t end;
    if (right.empty()) {
      end = rewrite.find('\n', start);
      if (end == std::string_view::npos) end = rewrite.size();
    } else {
      end = rewrite.find(right, start);
      if (end == std::string_view::npos) continue;
    }
    std::string_view repl = rewrite.substr(start, end - start);
    if (repl.empty() || repl.size() > value.size() * 4 + 24 ||
        repl.find('\n') != std::string_view::npos || repl == value) {
      continue;
    }
    search_from = end;
    if (seen.insert(value).second) out.emplace_back(value, std::string(repl));
  }
  return out;
}

}  // namespace refinery::gdr
