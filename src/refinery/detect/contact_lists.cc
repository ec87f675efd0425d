#include "refinery/detect/contact_lists.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace refinery::pii {

namespace {

constexpr size_t kMinRows = 5;
constexpr double kMinPersonShare = 0.7;
constexpr size_t kMaxNameWords = 5;

bool NameByte(unsigned char c) {
  return IsAlpha(c) || c >= 0x80 || c == '.' || c == '\'' || c == '-';
}

// Whether the token at `pos` (up to a blank) is an e-mail address: letters or digits before an
// '@', a '.' after it.
bool AddressAt(std::string_view line, size_t pos) {
  size_t e = pos;
  while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
  const std::string_view token = line.substr(pos, e - pos);
  const size_t at = token.find('@');
  return at != std::string_view::npos && at > 0 &&
         IsAlnum(static_cast<unsigned char>(token[at - 1])) &&
         token.find('.', at + 1) != std::string_view::npos;
}

// The NAME of a "NAME<gap>ADDRESS" line, as [start, end) within the line, or start == end.
std::pair<size_t, size_t> RowName(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 1 < line.size() && (line[i] == '*' || line[i] == '-') && line[i + 1] == ' ') i += 2;
  const size_t start = i;
  if (i >= line.size()) return {0, 0};
  const auto first = static_cast<unsigned char>(line[i]);
  if (!(IsUpper(first) || first >= 0x80)) return {0, 0};
  size_t end = i, words = 0;
  while (i < line.size() && words < kMaxNameWords) {
    size_t e = i;
    while (e < line.size() && NameByte(static_cast<unsigned char>(line[e]))) ++e;
    if (e == i) break;
    end = e;
    ++words;
    // One space goes on to the next word; anything else ends the name.
    if (e + 1 < line.size() && line[e] == ' ' && line[e + 1] != ' ' && line[e + 1] != '<' &&
        line[e + 1] != '(') {
      i = e + 1;
      continue;
    }
    i = e;
    break;
  }
  if (words == 0 || i >= line.size()) return {0, 0};
  // The gap: a tab, two spaces or more, " <" or " (", then the address.
  size_t p = i;
  if (line[p] == '\t' || line.substr(p, 2) == "  ") {
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    if (p < line.size() && (line[p] == '<' || line[p] == '(')) ++p;
  } else if (line.substr(p, 2) == " <" || line.substr(p, 2) == " (") {
    p += 2;
  } else {
    return {0, 0};
  }
  if (p >= line.size() || !AddressAt(line, p)) return {0, 0};
  return {start, end};
}

}  // namespace

void AddContactListPersons(std::string_view text, uint16_t person_type, uint64_t other_types,
                           float score, std::set<std::pair<uint32_t, uint32_t>>& taken,
                           std::vector<Candidate>& kept) {
  size_t ats = 0;
  for (const char* p = text.data(); ats < kMinRows;) {
    p = static_cast<const char*>(std::memchr(p, '@', text.data() + text.size() - p));
    if (p == nullptr) return;
    ++ats, ++p;
  }
  // The rows, in order: the NAME's bytes in the text, and whether it starts a new block.
  struct Row {
    uint32_t start, end;
    bool new_block;
  };
  std::vector<Row> rows;
  bool previous_was_row = false;
  for (size_t b = 0; b < text.size();) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    const auto [s, t] = RowName(text.substr(b, e - b));
    if (t > s) {
      rows.push_back(
          {static_cast<uint32_t>(b + s), static_cast<uint32_t>(b + t), !previous_was_row});
      previous_was_row = true;
    } else {
      previous_was_row = false;
    }
    b = e + 1;
  }
  if (rows.size() < kMinRows) return;
  // The accepted spans overlapping a row's name, by the taken tree (ordered by end, then start),
  // and each span's candidate by its start (accepted spans are disjoint).
  std::unordered_map<uint32_t, size_t> by_start;
  for (size_t k = 0; k < kept.size(); ++k) by_start.emplace(kept[k].start, k);
  auto overlapping = [&](const Row& r) {
    std::vector<size_t> out;
    for (auto it = taken.upper_bound({r.start, UINT32_MAX});
         it != taken.end() && it->second < r.end; ++it)
      if (auto found = by_start.find(it->second); found != by_start.end())
        out.push_back(found->second);
    return out;
  };
  bool removed = false;
  for (size_t b = 0; b < rows.size();) {
    size_t e = b + 1;
    while (e < rows.size() && !rows[e].new_block) ++e;
    if (e - b < kMinRows) {
      b = e;
      continue;
    }
    // Each row's overlapping spans, read once for the count and again for the replacement.
    std::vector<std::vector<size_t>> spans(e - b);
    std::vector<bool> person(e - b);
    size_t persons = 0;
    for (size_t k = b; k < e; ++k) {
      spans[k - b] = overlapping(rows[k]);
      for (size_t idx : spans[k - b])
        person[k - b] = person[k - b] || kept[idx].type == person_type;
      persons += person[k - b];
    }
    if (static_cast<double>(persons) >= kMinPersonShare * static_cast<double>(e - b)) {
      for (size_t k = b; k < e; ++k) {
        if (person[k - b]) continue;
        const Row& r = rows[k];
        // Spans of the other types inside the name give way; any other span keeps it.
        const std::vector<size_t>& inside = spans[k - b];
        const bool blocked = std::any_of(inside.begin(), inside.end(), [&](size_t idx) {
          const Candidate& c = kept[idx];
          return !(other_types & (uint64_t{1} << c.type)) || c.start < r.start || c.end > r.end;
        });
        if (blocked) continue;
        for (size_t idx : inside) {
          taken.erase({kept[idx].end, kept[idx].start});
          kept[idx].score = -1;  // removed below
          removed = true;
        }
        taken.emplace(r.end, r.start);
        kept.push_back(Candidate{r.start, r.end, person_type, score, "person_list"});
      }
    }
    b = e;
  }
  if (removed)
    kept.erase(
        std::remove_if(kept.begin(), kept.end(), [](const Candidate& c) { return c.score < 0; }),
        kept.end());
}

}  // namespace refinery::pii
