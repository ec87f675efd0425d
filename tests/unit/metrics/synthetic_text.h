// Generated test texts: "human-like" (varied vocabulary, sentence lengths and punctuation)
// and "machine-like" (templated, uniform sentences). Deterministic for a seed.
#pragma once

#include <random>
#include <string>

namespace refinery::metrics::testing {

inline std::string HumanLikeText(std::mt19937_64& rng) {
  static const char* words[] = {
      "honestly", "the",   "bus",      "was",     "late",      "again",   "so",      "i",
      "walked",   "past",  "bakery",   "smelled", "amazing",   "my",      "sister",  "says",
      "weird",    "cat",   "fence",    "rain",    "yesterday", "kinda",   "coffee",  "broke",
      "laptop",   "fixed", "it",       "with",    "tape",      "lol",     "grandma", "garden",
      "tomatoes", "huge",  "neighbor", "dog",     "barked",    "all",     "night",   "tired",
      "meeting",  "boss",  "forgot",   "keys",    "train",     "station", "cold",    "soup",
      "bike",     "flat",  "tire",     "movie",   "boring",    "ending",  "twist",   "friend"};
  const size_t nw = sizeof(words) / sizeof(words[0]);
  static const char* ends[] = {".", "!", "?", "...", ".", "!!", "."};
  std::string out;
  int sentences = 2 + static_cast<int>(rng() % 5);
  for (int s = 0; s < sentences; ++s) {
    int len = 2 + static_cast<int>(rng() % 22);
    for (int k = 0; k < len; ++k) {
      std::string w = words[rng() % nw];
      if (k == 0 && rng() % 3 != 0) w[0] = static_cast<char>(std::toupper(w[0]));
      out += w;
      if (k + 1 < len) {
        int r = static_cast<int>(rng() % 12);
        out += r == 0 ? ", " : r == 1 ? " - " : r == 2 ? " (" : " ";
        if (r == 2) out += std::string(words[rng() % nw]) + ") ";
      }
    }
    out += ends[rng() % 7];
    out += rng() % 4 == 0 ? "\n" : " ";
  }
  return out;
}

inline std::string MachineLikeText(std::mt19937_64& rng) {
  static const char* topics[] = {"technology",    "education",  "sustainability", "innovation",
                                 "communication", "healthcare", "leadership",     "creativity"};
  static const char* fields[] = {"modern society", "the global economy", "our daily lives",
                                 "the workplace", "future generations"};
  static const char* templates[] = {"{T} is an important aspect of {F}.",
                                    "It is essential to consider the role of {T} in {F}.",
                                    "Furthermore, {T} plays a crucial role in shaping {F}.",
                                    "Additionally, {T} offers numerous benefits for {F}.",
                                    "In conclusion, {T} remains a key factor in {F}.",
                                    "Overall, understanding {T} helps us navigate {F}."};
  std::string out;
  int sentences = 3 + static_cast<int>(rng() % 3);
  for (int s = 0; s < sentences; ++s) {
    std::string t = templates[rng() % 6];
    std::string topic = topics[rng() % 8];
    std::string field = fields[rng() % 5];
    if (t.rfind("{T}", 0) == 0) topic[0] = static_cast<char>(std::toupper(topic[0]));
    size_t p;
    while ((p = t.find("{T}")) != std::string::npos) t.replace(p, 3, topic);
    while ((p = t.find("{F}")) != std::string::npos) t.replace(p, 3, field);
    out += t;
    if (s + 1 < sentences) out += " ";
  }
  return out;
}

}  // namespace refinery::metrics::testing
