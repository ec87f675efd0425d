#include "refinery/score/toxicity_phrases.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "refinery/score/toxicity_features.h"

namespace refinery::toxicity_internal {

namespace {

// "<s>" stands for a subject: a group word or one of ExclusionSubjectWords.
constexpr std::string_view kSubject = "<s>";

struct PhraseSource {
  PhraseKind kind;
  std::string_view words;
};

// Written from what moderation guidelines list as intimidation and exclusion, then checked
// against the look-alikes of everyday text: not "you will regret" or "you'll be sorry" (reviews:
// "you will regret missing this show"), "you will pay for" ("you will pay for the tickets at
// the door"), "find you" ("the nurse will find you a bed") or "doesn't belong here" without a
// person ("this file doesn't belong here"), "coming for you" (fans: "Were coming for you
// edsheeran =D" of the BTC posts) or "know where your kids ..." (parents: "I know where your
// kids go to school, it's near the park"), "watch your back" (advice: "watch your back during
// deadlifts", "watch your back in crowded places").
constexpr PhraseSource kPhrases[] = {
    {PhraseKind::kIntimidation, "know where you live"},
    {PhraseKind::kIntimidation, "sleep with one eye open"},
    {PhraseKind::kIntimidation, "your days are numbered"},
    {PhraseKind::kIntimidation, "you have been warned"},
    {PhraseKind::kIntimidation, "youve been warned"},
    {PhraseKind::kIntimidation, "your last warning"},
    {PhraseKind::kIntimidation, "your final warning"},
    {PhraseKind::kIntimidation, "you will pay for this"},
    {PhraseKind::kIntimidation, "youll pay for this"},
    {PhraseKind::kIntimidation, "you will pay for what"},
    {PhraseKind::kIntimidation, "youll pay for what"},
    {PhraseKind::kIntimidation, "gonna pay for this"},
    {PhraseKind::kIntimidation, "going to pay for this"},
    {PhraseKind::kIntimidation, "see what happens to you"},
    {PhraseKind::kIntimidation, "shame if something happened"},
    {PhraseKind::kIntimidation, "shame if anything happened"},
    {PhraseKind::kIntimidation, "shame if something happens"},
    {PhraseKind::kIntimidation, "shame if something were to happen"},
    {PhraseKind::kIntimidation, "accidents happen to people"},
    {PhraseKind::kIntimidation, "you better watch out"},
    {PhraseKind::kIntimidation, "youd better watch out"},
    {PhraseKind::kIntimidation, "you better watch yourself"},
    {PhraseKind::kIntimidation, "youd better watch yourself"},
    // Model version 20: sextortion's threats to expose ("send me nudes or I'll tell everyone").
    {PhraseKind::kIntimidation, "or ill tell everyone"},
    {PhraseKind::kIntimidation, "or i will tell everyone"},
    {PhraseKind::kIntimidation, "or im telling everyone"},
    {PhraseKind::kExclusion, "go back where <s> came from"},
    {PhraseKind::kExclusion, "go back to where <s> came from"},
    {PhraseKind::kExclusion, "sent back where <s> came from"},
    {PhraseKind::kExclusion, "sent back to where <s> came from"},
    {PhraseKind::kExclusion, "send them back"},
    {PhraseKind::kExclusion, "send them all back"},
    {PhraseKind::kExclusion, "deport them all"},
    {PhraseKind::kExclusion, "deport all of them"},
    {PhraseKind::kExclusion, "go back to your country"},
    {PhraseKind::kExclusion, "go back to your own country"},
    {PhraseKind::kExclusion, "go back to your home country"},
    {PhraseKind::kExclusion, "go back to their country"},
    {PhraseKind::kExclusion, "go back to their own country"},
    {PhraseKind::kExclusion, "<s> dont belong here"},
    {PhraseKind::kExclusion, "<s> doesnt belong here"},
    {PhraseKind::kExclusion, "<s> do not belong here"},
    {PhraseKind::kExclusion, "<s> does not belong here"},
    {PhraseKind::kExclusion, "<s> dont belong in our"},
    {PhraseKind::kExclusion, "<s> doesnt belong in our"},
    {PhraseKind::kExclusion, "<s> do not belong in our"},
    {PhraseKind::kExclusion, "<s> dont belong in this country"},
    {PhraseKind::kExclusion, "<s> are not welcome here"},
    {PhraseKind::kExclusion, "<s> arent welcome here"},
    {PhraseKind::kExclusion, "<s> is not welcome here"},
    {PhraseKind::kExclusion, "youre not welcome here"},
    {PhraseKind::kExclusion, "nobody wants you here"},
    {PhraseKind::kExclusion, "no one wants you here"},
    {PhraseKind::kExclusion, "nobody wants your kind"},
    {PhraseKind::kExclusion, "we dont want you here"},
    {PhraseKind::kExclusion, "we do not want you here"},
    {PhraseKind::kExclusion, "we dont want your kind"},
    {PhraseKind::kExclusion, "we dont want them here"},
    {PhraseKind::kExclusion, "we dont want you people"},
    {PhraseKind::kExclusion, "get out of our country"},
    {PhraseKind::kExclusion, "get out of my country"},
    {PhraseKind::kExclusion, "leave our country"},
    {PhraseKind::kExclusion, "get out of our neighbourhood"},
    {PhraseKind::kExclusion, "get out of our neighborhood"},
    {PhraseKind::kExclusion, "get out of our town"},
    {PhraseKind::kExclusion, "<s> are not welcome in this country"},
    {PhraseKind::kExclusion, "<s> arent welcome in this country"},
    // Model version 20: bullying that shuts a person out ("nobody likes you", "nobody would miss
    // you"; not "nobody wants you", which goes on harmlessly: "nobody wants you to get hurt"),
    // and sexism that puts women in their place ("women belong in the kitchen", "girls like you
    // are only good for one thing", "women shouldn't be allowed to vote").
    {PhraseKind::kExclusion, "nobody likes you"},
    {PhraseKind::kExclusion, "no one likes you"},
    {PhraseKind::kExclusion, "noone likes you"},
    {PhraseKind::kExclusion, "everyone hates you"},
    {PhraseKind::kExclusion, "everybody hates you"},
    {PhraseKind::kExclusion, "nobody cares about you"},
    {PhraseKind::kExclusion, "no one cares about you"},
    {PhraseKind::kExclusion, "nobody would miss you"},
    {PhraseKind::kExclusion, "no one would miss you"},
    {PhraseKind::kExclusion, "nobody will miss you"},
    {PhraseKind::kExclusion, "no one will miss you"},
    {PhraseKind::kExclusion, "better place without you"},
    {PhraseKind::kExclusion, "<s> belong in the kitchen"},
    {PhraseKind::kExclusion, "<s> belongs in the kitchen"},
    {PhraseKind::kExclusion, "<s> are only good for one thing"},
    {PhraseKind::kExclusion, "youre only good for one thing"},
    {PhraseKind::kExclusion, "<s> are only good for cooking"},
    {PhraseKind::kExclusion, "go make me a sandwich"},
    {PhraseKind::kExclusion, "<s> shouldnt be allowed to vote"},
    {PhraseKind::kExclusion, "<s> should not be allowed to vote"},
};

struct Phrase {
  PhraseKind kind;
  size_t length;
  uint64_t words[RecentWords::kSize];  // 0 = a subject
};

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find(' ', b);
    if (e == std::string_view::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Sorted by their last word, which PhraseEndingAt looks up: the class kPhraseEnd has common
// words ("you", "this", "here", "our"), and trying every phrase at each of them was 3.6% of
// `refinery score toxicity`'s instructions.
const std::vector<Phrase>& Phrases() {
  static const std::vector<Phrase> phrases = [] {
    std::vector<Phrase> out;
    for (const PhraseSource& p : kPhrases) {
      const std::vector<std::string_view> words = Split(p.words);
      // A phrase is matched on the last RecentWords::kSize words at most.
      if (words.size() > RecentWords::kSize) std::abort();
      Phrase phrase{p.kind, words.size(), {}};
      for (size_t k = 0; k < words.size(); ++k)
        phrase.words[k] = words[k] == kSubject ? 0 : WordHash(words[k]);
      out.push_back(phrase);
    }
    std::stable_sort(out.begin(), out.end(), [](const Phrase& a, const Phrase& b) {
      return a.words[a.length - 1] < b.words[b.length - 1];
    });
    return out;
  }();
  return phrases;
}

}  // namespace

PhraseMatch PhraseEndingAt(const RecentWords& recent, size_t index, size_t sentence_words) {
  const RecentWords::Slot& end = recent.slots[index % RecentWords::kSize];
  if (end.index != index) return {};
  const std::vector<Phrase>& phrases = Phrases();
  auto it = std::lower_bound(phrases.begin(), phrases.end(), end.hash,
                             [](const Phrase& p, uint64_t h) { return p.words[p.length - 1] < h; });
  for (; it != phrases.end() && it->words[it->length - 1] == end.hash; ++it) {
    const Phrase& p = *it;
    if (p.length > sentence_words) continue;
    const size_t first = index + 1 - p.length;
    bool match = true;
    for (size_t k = 0; k + 1 < p.length && match; ++k) {
      const RecentWords::Slot& slot = recent.slots[(first + k) % RecentWords::kSize];
      match = slot.index == first + k && (p.words[k] == 0 ? slot.subject : slot.hash == p.words[k]);
    }
    if (match) return {p.kind, p.length};
  }
  return {};
}

// The phrases' words at `which` (0 = every word, 1 = the last, 2 = the one before the last),
// sorted, once each; the subject "<s>" is none.
std::vector<std::string_view> WordsOfPhrases(int which) {
  std::vector<std::string_view> out;
  for (const PhraseSource& p : kPhrases) {
    const std::vector<std::string_view> words = Split(p.words);
    for (size_t k = 0; k < words.size(); ++k) {
      const bool wanted = which == 0 || (which == 1 && k + 1 == words.size()) ||
                          (which == 2 && k + 2 == words.size());
      if (wanted && words[k] != kSubject) out.push_back(words[k]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<std::string_view>& PhraseEndWords() {
  static const std::vector<std::string_view> words = WordsOfPhrases(1);
  return words;
}

const std::vector<std::string_view>& PhrasePenultimateWords() {
  static const std::vector<std::string_view> words = WordsOfPhrases(2);
  return words;
}

const std::vector<std::string_view>& PhraseWords() {
  static const std::vector<std::string_view> words = WordsOfPhrases(0);
  return words;
}

const std::vector<std::string_view>& TellingWords() {
  static const std::vector<std::string_view> words = {
      "tell",   "tells",   "telling", "told",     "yell",      "yells",
      "yelled", "yelling", "scream",  "screamed", "screaming", "hear",
      "heard",  "hearing", "chant",   "chanted",  "chanting"};
  return words;
}

const std::vector<std::string_view>& ExclusionSubjectWords() {
  static const std::vector<std::string_view> words = {"you",    "they", "kind",
                                                      "people", "yall", "guys"};
  return words;
}

}  // namespace refinery::toxicity_internal
