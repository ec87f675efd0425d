#include "refinery/score/toxicity_templates.h"

#include <string_view>
#include <tuple>

#include "refinery/score/toxicity_features.h"

namespace refinery {

namespace {

using toxicity_internal::Mix;
using toxicity_internal::WordHash;

const std::vector<std::string_view> kIntents = {"I will",
                                                "I'm going to",
                                                "I am going to",
                                                "I'm gonna",
                                                "we will",
                                                "we're going to",
                                                "I want to",
                                                "I'd love to",
                                                "someone needs to",
                                                "somebody should",
                                                "they should",
                                                "we should",
                                                "I'll",
                                                "let's",
                                                "I swear I'll",
                                                "I promise I will",
                                                "I can't wait to",
                                                "we must",
                                                "I'm about to",
                                                "I plan to"};
const std::vector<std::string_view> kViolent = {"kill",
                                                "shoot",
                                                "stab",
                                                "murder",
                                                "hang",
                                                "burn",
                                                "beat",
                                                "strangle",
                                                "drown",
                                                "slaughter",
                                                "behead",
                                                "lynch",
                                                "gas",
                                                "hurt",
                                                "torture",
                                                "butcher",
                                                "choke",
                                                "execute",
                                                "exterminate",
                                                "break the legs of",
                                                "cut the throat of",
                                                "put a bullet in",
                                                "run over"};
const std::vector<std::string_view> kBenign = {
    "help",      "meet",     "call",      "visit",      "thank",    "support",
    "hug",       "teach",    "invite",    "welcome",    "feed",     "protect",
    "hire",      "pay",      "interview", "defend",     "cook for", "write to",
    "listen to", "vote for", "sit with",  "dance with", "work with"};
const std::vector<std::string_view> kPersons = {"you",
                                                "him",
                                                "her",
                                                "them",
                                                "your whole family",
                                                "your mother",
                                                "your kids",
                                                "every one of you",
                                                "all of them",
                                                "my neighbour",
                                                "that guy",
                                                "the teacher"};
const std::vector<std::string_view> kGroups = {
    "muslims",         "jews",         "gay people", "women",      "immigrants", "black people",
    "disabled people", "trans people", "refugees",   "christians", "asians",     "mexicans",
    "lesbians",        "arabs",        "gypsies",    "hindus",     "old people", "foreigners"};
const std::vector<std::string_view> kGroupFrames = {
    "all {}", "every one of the {}",     "the next {} I see", "those {}", "some {}",
    "{}",     "any {} who comes near me"};
const std::vector<std::string_view> kTails = {"",
                                              " tomorrow",
                                              " tonight",
                                              " next week",
                                              " when I find you",
                                              " if they come back",
                                              " with my own hands",
                                              " one by one"};
const std::vector<std::string_view> kPassive = {
    "killed",       "shot",    "hanged", "burned alive", "gassed",   "wiped out",
    "exterminated", "lynched", "beaten", "tortured",     "put down", "stabbed"};
const std::vector<std::string_view> kPassiveFrames = {"{} should be {}",  "{} deserve to be {}",
                                                      "{} need to be {}", "{} must all be {}",
                                                      "I want {} {}",     "{} ought to be {}"};
const std::vector<std::string_view> kNegatedFrames = {
    "{} should never be {}", "nobody deserves to be {1}, not even {0}",
    "it is a crime when {} are {}", "no one wants {} {}", "{} must not be {}"};
const std::vector<std::string_view> kReports = {
    "police arrested the man who {} a shop owner",   "the suspect {} two people last night",
    "the report says soldiers {} prisoners in 1944", "the film shows how the killer {} his victims",
    "witnesses said the gunman {} a tourist",        "the court heard that he {} his neighbour"};
const std::vector<std::string_view> kPast = {"shot", "stabbed",   "killed",   "attacked",
                                             "beat", "strangled", "murdered", "hurt"};
const std::vector<std::string_view> kIdioms = {
    "kill some time",       "kill the lights",      "shoot a photo of the bridge",
    "beat the traffic",     "burn the old letters", "hang the picture",
    "execute the script",   "beat the record",      "blow up the balloons",
    "crush the garlic",     "smash the high score", "kill the process",
    "shoot you an email",   "hit the gym",          "attack the problem",
    "destroy them at chess"};

std::string Fill(std::string_view frame, std::string_view a, std::string_view b = "") {
  std::string out;
  size_t arg = 0;
  for (size_t i = 0; i < frame.size(); ++i) {
    if (frame[i] == '{' && i + 1 < frame.size()) {
      size_t close = frame.find('}', i);
      std::string_view inside = frame.substr(i + 1, close - i - 1);
      size_t which = inside.empty() ? arg++ : static_cast<size_t>(inside[0] - '0');
      out.append(which == 0 ? a : b);
      i = close;
      continue;
    }
    out.push_back(frame[i]);
  }
  return out;
}

std::string Sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  s.push_back('.');
  return s;
}

// Keeps about `per_mille` of every 1000 combinations, chosen by a hash of the text.
bool Keep(const std::string& s, uint64_t per_mille) {
  return Mix(WordHash(s) ^ 0x5eedULL) % 1000 < per_mille;
}

}  // namespace

std::vector<TemplateSentence> ThreatTemplateSentences() {
  std::vector<TemplateSentence> out;
  auto add = [&](std::string s, int label, bool group, uint64_t per_mille) {
    s = Sentence(std::move(s));
    if (Keep(s, per_mille)) out.push_back({std::move(s), label, group});
  };
  for (std::string_view intent : kIntents) {
    for (std::string_view tail : kTails) {
      // Violent verbs make threats, benign ones the matching harmless sentences; each aimed at a
      // person (kept per_person of every 1000) or at a group (2 of every 1000).
      for (const auto& [verbs, label, per_person] :
           {std::tuple{&kViolent, 1, 12}, std::tuple{&kBenign, 0, 14}}) {
        for (std::string_view v : *verbs) {
          const std::string head = std::string(intent) + " " + std::string(v) + " ";
          for (std::string_view p : kPersons)
            add(head + std::string(p) + std::string(tail), label, false, per_person);
          for (std::string_view g : kGroups)
            for (std::string_view f : kGroupFrames)
              add(head + Fill(f, g) + std::string(tail), label, true, 2);
        }
      }
      for (std::string_view idiom : kIdioms) {
        add(std::string(intent) + " " + std::string(idiom) + std::string(tail), 0, false, 250);
      }
    }
  }
  for (std::string_view g : kGroups) {
    for (std::string_view pp : kPassive) {
      for (std::string_view f : kPassiveFrames) add(Fill(f, g, pp), 1, true, 300);
      for (std::string_view f : kNegatedFrames) add(Fill(f, g, pp), 0, true, 300);
    }
  }
  for (std::string_view r : kReports) {
    for (std::string_view past : kPast) add(Fill(r, past), 0, false, 1000);
  }
  return out;
}

}  // namespace refinery
