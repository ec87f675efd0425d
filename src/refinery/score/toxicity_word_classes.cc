#include "refinery/score/toxicity_word_classes.h"

#include <string_view>
#include <vector>

#include "refinery/score/toxicity_features.h"

namespace refinery::toxicity_internal {
namespace {

struct ClassList {
  uint16_t cls;
  std::vector<std::string_view> words;
};

// Words are written as the tokenizer sees them: lower case, apostrophes dropped.
const std::vector<ClassList>& Lists() {
  static const std::vector<ClassList> lists = {
      {kNegator, {"not",      "no",     "never",   "dont",    "doesnt", "didnt",   "isnt",
                  "arent",    "wasnt",  "werent",  "cant",    "cannot", "wont",    "wouldnt",
                  "shouldnt", "nobody", "nothing", "neither", "nor",    "without", "hardly",
                  "aint",     "havent", "hasnt",   "stop",    "against"}},
      {kGroup,
       {"muslim",    "muslims",     "islam",        "islamic",    "jew",         "jews",
        "jewish",    "christian",   "christians",   "hindu",      "hindus",      "sikh",
        "sikhs",     "buddhist",    "buddhists",    "atheist",    "atheists",    "catholic",
        "catholics", "black",       "blacks",       "white",      "whites",      "asian",
        "asians",    "chinese",     "mexican",      "mexicans",   "hispanic",    "hispanics",
        "latino",    "latinos",     "latina",       "latinas",    "arab",        "arabs",
        "african",   "africans",    "indian",       "indians",    "immigrant",   "immigrants",
        "refugee",   "refugees",    "migrant",      "migrants",   "foreigner",   "foreigners",
        "gay",       "gays",        "lesbian",      "lesbians",   "bisexual",    "bisexuals",
        "trans",     "transgender", "transgenders", "queer",      "homosexual",  "homosexuals",
        "lgbt",      "lgbtq",       "woman",        "women",      "girl",        "girls",
        "female",    "females",     "feminist",     "feminists",  "disabled",    "handicapped",
        "cripple",   "cripples",    "deaf",         "blind",      "autistic",    "retarded",
        "elderly",   "old",         "gypsy",        "gypsies",    "roma",        "romani",
        "nonbinary", "men",         "man",          "boys",       "pakistani",   "pakistanis",
        "somali",    "somalis",     "syrian",       "syrians",    "palestinian", "palestinians",
        "israeli",   "israelis",    "russian",      "russians",   "japanese",    "korean",
        "koreans",   "nigerian",    "nigerians",    "haitian",    "haitians",    "blacks",
        "negroes",   "poor",        "homeless",     "minorities", "minority",    "moslem",
        "moslems",   "queers",      "dykes",        "tranny",     "trannies"}},
      {kViolent,
       {"kill",      "kills",       "killing",     "killed",       "murder",        "murdered",
        "murdering", "shoot",       "shooting",    "shot",         "stab",          "stabbing",
        "stabbed",   "hang",        "hanged",      "hanging",      "lynch",         "lynched",
        "burn",      "burned",      "burnt",       "beat",         "beating",       "punch",
        "slaughter", "slaughtered", "exterminate", "exterminated", "extermination", "eradicate",
        "wipe",      "gas",         "gassed",      "behead",       "beheaded",      "strangle",
        "choke",     "drown",       "drowned",     "rape",         "raped",         "torture",
        "tortured",  "hurt",        "harm",        "attack",       "destroy",       "eliminate",
        "bomb",      "nuke",        "execute",     "executed",     "deport",        "die",
        "dead",      "massacre",    "genocide",    "slit",         "smash",         "crush",
        "strangled", "butcher",     "annihilate",  "cull",         "purge",         "hunt",
        "bash",      "skin",        "gut",         "castrate",     "curbstomp",     "murda"}},
      {kTarget,
       {"you",    "u",        "ya",     "him",       "her",      "them",  "they",     "yourself",
        "urself", "yours",    "people", "person",    "everyone", "all",   "every",    "each",
        "kids",   "children", "family", "wife",      "husband",  "son",   "daughter", "mother",
        "mom",    "father",   "dad",    "neighbour", "neighbor", "boss",  "teacher",  "these",
        "those",  "ur",       "thee",   "his",       "whoever",  "anyone"}},
      {kIntent, {"will",    "ill",   "gonna",   "going",    "want",  "wanna", "gotta", "shall",
                 "should",  "must",  "deserve", "deserves", "ought", "lets",  "plan",  "planning",
                 "promise", "swear", "wish",    "hope",     "need",  "needs", "youll", "theyll"}},
      {kDehuman,
       {"animal",      "animals",     "vermin",    "rats",      "rat",       "cockroaches",
        "cockroach",   "parasite",    "parasites", "subhuman",  "subhumans", "savage",
        "savages",     "scum",        "filth",     "filthy",    "disease",   "plague",
        "cancer",      "trash",       "garbage",   "apes",      "ape",       "monkeys",
        "monkey",      "pigs",        "swine",     "dogs",      "beasts",    "insects",
        "leeches",     "invaders",    "invasion",  "primitive", "inferior",  "degenerate",
        "degenerates", "barbarians",  "barbaric",  "worthless", "useless",   "disgusting",
        "pests",       "infestation", "breed",     "breeding",  "mongrels",  "criminals",
        "terrorists",  "rapists",     "thugs",     "lazy",      "stupid",    "dirty",
        "evil",        "uncivilized", "backward"}},
      {kCopula, {"are", "is", "were", "was", "r", "arent", "isnt", "werent", "wasnt"}},
      {kModal,
       {"should", "must", "need", "needs", "deserve", "deserves", "ought", "shouldnt", "mustnt"}},
      {kCannot, {"cant", "cannot", "never", "couldnt", "wont"}},
      {kHeadNoun,
       {"people", "peoples", "folk", "folks", "men", "women", "guys", "kids", "persons", "couples",
        "families", "children", "community", "communities", "person", "man", "woman", "girls",
        "boys"}},
      // Between the group and its predicate: "are ALL criminals", "should JUST BE deported",
      // "need TO go", "are SO lazy"; negators are read separately (they negate the predicate).
      {kFiller, {"a",          "an",          "the",       "all",        "so",        "just",
                 "really",     "very",        "too",       "such",       "truly",     "always",
                 "simply",     "completely",  "totally",   "mostly",     "basically", "be",
                 "been",       "being",       "to",        "only",       "also",      "still",
                 "even",       "clearly",     "obviously", "naturally",  "literally", "generally",
                 "inherently", "genetically", "mentally",  "more",       "less",      "most",
                 "pretty",     "quite",       "usually",   "actually",   "honestly",  "frankly",
                 "seriously",  "definitely",  "certainly", "absolutely", "utterly",   "nothing",
                 "not",        "no",          "never",     "ever",       "go",        "get"}},
      {kAttitude,
       {"hate",    "hates",   "hated",  "hating",  "despise",  "despises", "despised", "loathe",
        "loathes", "loathed", "detest", "detests", "detested", "dislike",  "dislikes", "resent",
        "resents", "abhor",   "abhors", "stand",   "tolerate", "trust",    "fear"}},
      {kLike, {"like"}},
      {kReport, {"say",     "says",       "said",      "saying",  "think",     "thinks", "thought",
                 "believe", "believes",   "believed",  "claim",   "claims",    "agree",  "true",
                 "suggest", "suggests",   "mean",      "accept",  "feel",      "imply",  "implies",
                 "pretend", "assume",     "assumes",   "argue",   "consider",  "buy",    "claiming",
                 "claimed", "suggesting", "post",      "posting", "posted",    "write",  "writing",
                 "wrote",   "repeat",     "repeating", "spread",  "spreading", "tweet",  "tweeting",
                 "tweeted", "shout",      "shouting",  "shouted", "call",      "calling"}},
      {kDenounce,
       {"wrong",      "stop",         "quit",     "racist",  "bigoted", "sexist", "hateful",
        "disgusting", "unacceptable", "shameful", "ashamed", "who",     "tired",  "sick",
        "condemn",    "condemned",    "vile",     "cruel",   "bigotry", "racism"}},
  };
  return lists;
}

WordClassTable BuildTable() {
  WordClassTable t;
  constexpr size_t kMask = WordClassTable::kSlots - 1;
  for (const ClassList& list : Lists()) {
    for (std::string_view w : list.words) {
      uint64_t h = WordHash(w);
      size_t s = Mix(h) & kMask;
      while (t.keys[s] != 0 && t.keys[s] != h) s = (s + 1) & kMask;
      t.keys[s] = h;
      t.classes[s] |= list.cls;
    }
  }
  return t;
}

}  // namespace

const WordClassTable& WordClasses() {
  static const WordClassTable table = BuildTable();
  return table;
}

uint16_t WordClassOf(uint64_t h) { return WordClasses().Lookup(h, Mix(h)); }

}  // namespace refinery::toxicity_internal
