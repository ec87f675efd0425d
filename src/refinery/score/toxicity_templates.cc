#include "refinery/score/toxicity_templates.h"

#include <string_view>
#include <tuple>
#include <utility>

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
    "kill some time", "kill the lights", "shoot a photo of the bridge", "beat the traffic",
    "burn the old letters", "hang the picture", "execute the script", "beat the record",
    "blow up the balloons", "crush the garlic", "smash the high score", "kill the process",
    "shoot you an email", "hit the gym", "attack the problem", "destroy them at chess",
    // The nouns and particles of the violent phrases above in harmless ones (fifteenth round):
    // without them "legs", "bullet" or "run" alone read as threats ("They stretched their
    // legs." 0.88). ("clear my throat" cost "I will slit your throat while you sleep." its
    // threat: 0.61 -> 0.46.)
    "stretch my legs", "shave my legs", "rest my tired legs", "dodge a bullet",
    "add a bullet point", "ride the bullet train", "run over the plan again",
    "run over to the shop", "cut the birthday cake", "cut my hair short", "put a plaster on it",
    "fill the car with gas", "turn off the gas", "break the news gently", "ditch the old sofa",
    "clean out the ditch"};

// Bodily-harm threats (model version 18) and the same body parts in care, each after an
// intent and a clause that sets a scene, so that the threat is read inside a longer sentence
// ("If I see you at the gym again I will break your legs." scored 0.22 with version 17, "I will
// break your legs." 0.67).
const std::vector<std::string_view> kThreatScenes = {"",
                                                     "if I see you again ",
                                                     "next time you come near my house ",
                                                     "one more word and ",
                                                     "if you touch my car again ",
                                                     "when you get home tonight ",
                                                     "after the meeting ",
                                                     "if he shows up at the club "};
const std::vector<std::string_view> kBodyHarms = {
    "break your legs",      "snap your neck",    "smash your face in",
    "knock your teeth out", "bash your head in", "slit your throat",
    "rip your arms off",    "punch his face in", "break her jaw",
    "cut your fingers off", "crush your skull",  "break his kneecaps",
    "gouge your eyes out",  "snap their necks",  "split your head open",
    "rearrange your face",  "bust your nose",    "break every one of your ribs"};
// Intimidation without a violent verb (model version 19; toxicity_phrases.h), after scene
// clauses, and the same words and frames in everyday sentences that threaten no one.
const std::vector<std::string_view> kIntimidationScenes = {""};
const std::vector<std::string_view> kIntimidations = {
    "I know where you live",
    "you should watch your back",
    "you had better sleep with one eye open",
    "your days are numbered",
    "you have been warned",
    "this is your last warning",
    "you will pay for this",
    "you will see what happens to you",
    "it would be a shame if something happened to your family",
    "just remember that accidents happen to people who talk"};
const std::vector<std::string_view> kEverydayLookalikes = {
    "I know where you left your keys",
    "you should watch your step on the ice",
    "you had better sleep with the window open",
    "the days are getting shorter",
    "you have been selected for the team",
    "this is your last chance to register",
    "you will pay at the door",
    "you will see what happens to the dough",
    "it would be a shame if it rained on the picnic",
    "just remember that accidents happen to everyone"};
const std::vector<std::string_view> kBodyCare = {
    "massage your neck",   "wash your face",      "bandage your arm",  "check your teeth",
    "warm your hands",     "hold your hand",      "brush your teeth",  "rest your legs",
    "examine his knee",    "tape her ankle",      "shave your head",   "test your eyes",
    "ice your knee",       "paint her face",      "stretch your legs", "photograph their faces",
    "set your broken arm", "straighten your neck"};

// Wishes of harm and incitement to self-harm (eleventh round): the same wish markers, people
// and imperatives with harmless continuations, idioms of dying and care for someone at risk.
const std::vector<std::string_view> kWishes = {
    "I hope",          "I really hope", "I just hope",
    "I wish",          "I pray",        "hopefully",
    "honestly I hope", "praying that",  "I would love it if",
    "here's hoping",   "I bet",         "fingers crossed"};
// A person and whether the verb after it takes the third person ("he dies", "you die").
const std::vector<std::pair<std::string_view, bool>> kWishTargets = {
    {"you", false},
    {"u", false},
    {"they", false},
    {"he", true},
    {"she", true},
    {"your mom", true},
    {"your brother", true},
    {"your family", true},
    {"that idiot", true},
    {"every one of them", true},
    {"the whole lot of you", false},
    {"my ex", true}};
// Fears for someone's life: "{0}" the person, "{1}" the harm in its base form.
const std::vector<std::string_view> kFears = {"I'm scared {} might {}",
                                              "I worry that {} will {}",
                                              "the doctors fear {} could {}",
                                              "I'm afraid {} may {}",
                                              "we were terrified that {} would {}",
                                              "there is a risk that {} will {}",
                                              "the film shows how {} could {}"};
// Continuations as {base form, third person}.
const std::vector<std::pair<std::string_view, std::string_view>> kHarmWished = {
    {"die", "dies"},
    {"die alone", "dies alone"},
    {"get cancer", "gets cancer"},
    {"get hit by a truck", "gets hit by a truck"},
    {"burn alive", "burns alive"},
    {"rot in prison", "rots in prison"},
    {"suffer every day", "suffers every day"},
    {"bleed out", "bleeds out"},
    {"get shot", "gets shot"},
    {"get raped", "gets raped"},
    {"get stabbed", "gets stabbed"},
    {"drown", "drowns"},
    {"choke to death", "chokes to death"},
    {"get murdered", "gets murdered"},
    {"get beaten up", "gets beaten up"}};
const std::vector<std::pair<std::string_view, std::string_view>> kGoodWished = {
    {"get well soon", "gets well soon"},
    {"feel better", "feels better"},
    {"have a great day", "has a great day"},
    {"win the match", "wins the match"},
    {"get the promotion", "gets the promotion"},
    {"recover quickly", "recovers quickly"},
    {"find peace", "finds peace"},
    {"sleep well", "sleeps well"},
    {"pass the test", "passes the test"},
    {"stay safe", "stays safe"},
    {"never get sick", "never gets sick"},
    {"don't get hurt", "doesn't get hurt"},
    {"don't suffer", "doesn't suffer"},
    {"live to be a hundred", "lives to be a hundred"},
    {"make it home safely", "makes it home safely"},
    {"enjoy the concert", "enjoys the concert"},
    {"find a good doctor", "finds a good doctor"},
    {"beat the illness", "beats the illness"}};
// Curses without a wish marker, each with a kind counterpart.
const std::vector<std::string_view> kCurses = {"may you rot in hell",
                                               "may you die a slow death",
                                               "may your kids get sick",
                                               "I want you dead",
                                               "I wish you were never born",
                                               "drop dead",
                                               "you deserve to get cancer",
                                               "you should be dead",
                                               "you don't deserve to live",
                                               "die in a ditch",
                                               "burn in hell",
                                               "you better die soon"};
const std::vector<std::string_view> kBlessings = {
    "may you rest well",     "may you live a long life", "may your kids stay healthy",
    "I want you happy",      "I am glad you were born",  "drop by anytime",
    "you deserve a holiday", "you should be proud",      "you deserve to be happy",
    "sleep in a hammock",    "bake in the sun",          "you better call soon"};
const std::vector<std::string_view> kUrges = {
    "go",     "just",         "you should",   "why don't you", "do us all a favour and",
    "please", "you need to",  "you ought to", "honestly just", "somebody tell him to",
    "pls",    "seriously, go"};
const std::vector<std::string_view> kSelfHarmActs = {
    "kill yourself",    "hang yourself",  "kys",          "end your life", "drink bleach",
    "slit your wrists", "shoot yourself", "off yourself", "die already"};
const std::vector<std::string_view> kDissuasions = {
    "please don't {}",         "never {}",
    "you don't have to {}",    "nobody wants you to {}",
    "promise me you won't {}", "it's not okay to tell anyone to {}"};
const std::vector<std::string_view> kSelfCareActs = {
    "treat yourself", "take care of yourself", "enjoy yourself",   "be yourself",   "get some rest",
    "call a friend",  "drink some water",      "forgive yourself", "pace yourself", "ask for help",
    "see a doctor",   "take a break",          "sleep on it",      "go for a walk"};
const std::vector<std::string_view> kNotWorthDying = {"don't kill yourself over {}",
                                                      "no need to kill yourself over {}",
                                                      "don't work yourself to death over {}",
                                                      "I nearly died laughing at {}",
                                                      "I'd die for {}",
                                                      "I'm dying to see {}"};
const std::vector<std::string_view> kTrivia = {"the deadline", "a job",  "this project",
                                               "the homework", "a game", "the new season",
                                               "that pizza",   "a bet"};
const std::vector<std::string_view> kCare = {
    "if you want to kill yourself, please talk to someone",
    "if you feel like ending your life, call a crisis line",
    "telling a person to kill themselves is never okay",
    "the troll told her to kill herself and got banned",
    "he was suspended for telling a classmate to hang himself",
    "please don't hurt yourself, we love you",
    "she wanted to die after the divorce but got help",
    "my laptop died in the middle of the meeting",
    "the car died on the highway",
    "the torch died so we walked in the dark",
    "all the tomatoes died in the frost",
    "his father died peacefully at home",
    "the patient died of pneumonia",
    "the film is about a man who wants to end his life"};

// Identity-hate templates. Groups in the plural (subjects of generalisations) and with an
// article (one member); both lists name the same groups.
const std::vector<std::string_view> kHateGroups = {
    "muslims",      "jews",       "christians",      "hindus",    "sikhs",    "black people",
    "white people", "asians",     "mexicans",        "arabs",     "africans", "immigrants",
    "refugees",     "migrants",   "gay people",      "gay men",   "lesbians", "trans people",
    "bisexuals",    "women",      "disabled people", "gypsies",   "latinos",  "chinese people",
    "indians",      "pakistanis", "somalis",         "catholics", "atheists", "foreigners"};
const std::vector<std::string_view> kHateMembers = {
    "a muslim",    "a jew",         "a christian",    "a hindu",     "a sikh",
    "a black man", "a white guy",   "an asian",       "a mexican",   "an arab",
    "an african",  "an immigrant",  "a refugee",      "a migrant",   "a gay man",
    "a lesbian",   "a trans woman", "a bisexual",     "a woman",     "a disabled person",
    "a gypsy",     "a latino",      "a chinese girl", "an indian",   "a pakistani",
    "a somali",    "a catholic",    "an atheist",     "a foreigner", "a black woman"};
// Targets that are not protected groups: abusing them is toxic but not an identity attack.
const std::vector<std::string_view> kOtherTargets = {
    "politicians", "lawyers",  "bankers",       "landlords", "tourists",
    "journalists", "referees", "telemarketers", "spammers",  "internet trolls"};
// What a hateful generalisation says of a group (fits "{} are {}").
const std::vector<std::string_view> kHatePredicates = {"a plague on this country",
                                                       "a disease",
                                                       "a cancer on society",
                                                       "vermin",
                                                       "parasites",
                                                       "animals",
                                                       "subhuman",
                                                       "savages",
                                                       "criminals",
                                                       "thieves and liars",
                                                       "rapists",
                                                       "terrorists",
                                                       "lazy",
                                                       "dirty",
                                                       "stupid",
                                                       "inferior",
                                                       "worthless",
                                                       "a burden on the rest of us",
                                                       "disgusting",
                                                       "a threat to our children",
                                                       "mentally ill",
                                                       "filth",
                                                       "scum",
                                                       "evil",
                                                       "too dumb to vote",
                                                       "born to steal",
                                                       "a danger to everyone",
                                                       "degenerates",
                                                       "freaks",
                                                       "greedy and dishonest",
                                                       "less than human",
                                                       "a curse",
                                                       "ruining everything",
                                                       "destroying our culture",
                                                       "useless",
                                                       "primitive"};
// Positive or neutral predicates for the same frames.
const std::vector<std::string_view> kGoodPredicates = {"hard-working",
                                                       "kind",
                                                       "our neighbours",
                                                       "welcome here",
                                                       "good parents",
                                                       "valued members of this community",
                                                       "part of this country",
                                                       "honest",
                                                       "talented",
                                                       "generous",
                                                       "people like everyone else",
                                                       "smart",
                                                       "brave",
                                                       "friendly",
                                                       "equal citizens",
                                                       "a minority in this region",
                                                       "in every profession",
                                                       "from many backgrounds",
                                                       "represented in parliament",
                                                       "voting in this election",
                                                       "about a tenth of the city",
                                                       "doctors, teachers and nurses",
                                                       "celebrating this week",
                                                       "good at their jobs"};
const std::vector<std::string_view> kGeneralisations = {"{} are {}",
                                                        "all {} are {}",
                                                        "{} are all {}",
                                                        "most {} are {}",
                                                        "everyone knows {} are {}",
                                                        "I think {} are {}",
                                                        "{} have always been {}",
                                                        "let's be honest, {} are {}",
                                                        "{} will always be {}",
                                                        "the truth is that {} are {}"};
// The hateful predicate negated, quoted and denounced, or reported: not hateful.
const std::vector<std::string_view> kDenials = {
    "{} are not {}",
    "{} are never {}",
    "it is a lie that {} are {}",
    "saying that {} are {} is hateful",
    "people who claim {} are {} are wrong",
    "stop saying that {} are {}",
    "nobody should say {} are {}",
    "the idea that {} are {} is bigoted nonsense",
    "the pamphlet claimed {} are {}, and the council condemned it",
    "I was shocked when he said {} are {}",
    "it is not true that {} are {}"};
// Counter-speech: the hateful clause inside quotation marks (straight and curly) or after a
// denounced verb of saying, with the quote or report condemned: not hateful. The frames differ
// from those of the functional sets (tests/unit/score/toxicity_hatecheck*.tsv,
// toxicity_counterspeech_dev.tsv).
const std::vector<std::string_view> kQuotedDenials = {
    "repeating \"{} are {}\" is shameful",
    "quit sharing that \"{} are {}\" garbage",
    "she posted \u201c{} are {}\u201d and was rightly banned",
    "\"{} are {}\" is a hateful lie",
    "anyone who yells \"{} are {}\" has no place here",
    "the graffiti said \"{} are {}\" and the town painted over it",
    "it is wrong to claim that {} are {}",
    "repeating that {} are {} is bigoted",
    "those who say {} are {} should be ashamed",
    "it is racist to tweet that {} are {}"};
// The same quoted or reported clause endorsed: hateful, so that quoting alone does not excuse.
const std::vector<std::string_view> kQuotedEndorsed = {
    "\"{} are {}\" and everyone knows it",
    "my uncle says \"{} are {}\" and he is right",
    "I always say it: \u201c{} are {}\u201d",
};
// Denied qualities: "{} are not {}" is hateful with these (negated positive statements).
const std::vector<std::string_view> kDeniedQualities = {"welcome here",
                                                        "human",
                                                        "real citizens",
                                                        "equal to us",
                                                        "trustworthy",
                                                        "fit to raise children",
                                                        "capable of honest work",
                                                        "part of our nation",
                                                        "normal",
                                                        "worth anything"};
const std::vector<std::string_view> kDeniedFrames = {"{} are not {}", "{} will never be {}",
                                                     "{} can never be {}", "{} are not {} at all"};
const std::vector<std::string_view> kAffirmedFrames = {
    "{} are {}", "of course {} are {}", "{} have always been {}", "{} are {} like anyone else"};
// Whole sentences about a group: hateful, and the harmless ones of the same shape.
const std::vector<std::string_view> kHateAboutGroup = {"I hate {}",
                                                       "I can't stand {}",
                                                       "{} disgust me",
                                                       "I despise all {}",
                                                       "I have nothing but contempt for {}",
                                                       "{} should go back where they came from",
                                                       "{} should be banned from this country",
                                                       "{} don't belong here",
                                                       "kick all {} out of our country",
                                                       "{} should not be allowed to vote",
                                                       "{} deserve no rights",
                                                       "{} have no place in our society",
                                                       "keep {} away from our children",
                                                       "we need to get rid of {}",
                                                       "the world would be better without {}",
                                                       "{} can't be trusted",
                                                       "never trust {}",
                                                       "{} ruin every neighbourhood they move into",
                                                       "{} are taking over and must be stopped",
                                                       "{} should be sterilised",
                                                       "I really hate {}",
                                                       "I hate all {}",
                                                       "I hate {} so much",
                                                       "honestly, I hate {}",
                                                       "I absolutely despise {}",
                                                       "I hate every single one of these {}"};
const std::vector<std::string_view> kKindAboutGroup = {"I love {}",
                                                       "I really admire {}",
                                                       "I hate it when people insult {}",
                                                       "I can't stand people who mock {}",
                                                       "{} inspire me",
                                                       "{} can live wherever they want",
                                                       "{} should be welcome in this country",
                                                       "{} belong here like anyone else",
                                                       "we should support {} in our country",
                                                       "{} should be allowed to vote",
                                                       "{} deserve equal rights",
                                                       "{} have a place in our society",
                                                       "{} are welcome at our school",
                                                       "we need to protect {}",
                                                       "the world is better with {} in it",
                                                       "{} can be trusted like anyone else",
                                                       "I trust {}",
                                                       "{} improved our neighbourhood",
                                                       "{} are taking part in the festival",
                                                       "{} should be treated with respect",
                                                       "I really love {}",
                                                       "I love all {}",
                                                       "I like {} so much",
                                                       "honestly, I admire {}",
                                                       "I absolutely adore {}",
                                                       "I hate it when anyone attacks {}",
                                                       "I hate seeing {} bullied",
                                                       "I hate when {} are attacked",
                                                       "I hate how {} are treated",
                                                       "I hate that {} are mocked",
                                                       "I don't hate {}",
                                                       "I have never hated {}",
                                                       "the world would be worse without {}",
                                                       "the attacks on {} must be stopped"};
// Sentences about one member of a group.
const std::vector<std::string_view> kHateAboutMember = {"I would never hire {}",
                                                        "I would never rent my flat to {}",
                                                        "never trust {}",
                                                        "{} can't be trusted",
                                                        "you can't trust {} with anything",
                                                        "I don't want {} as my neighbour",
                                                        "I would never let {} near my kids",
                                                        "{} will always steal from you",
                                                        "no {1} deserves rights",
                                                        "I would rather die than work for {}",
                                                        "{} is not a real person",
                                                        "I refuse to be served by {}"};
const std::vector<std::string_view> kKindAboutMember = {
    "I would gladly hire {}",
    "I rented my flat to {}",
    "you can trust {}",
    "{} can be trusted like anyone else",
    "I would love {} as my neighbour",
    "I was happy to hire {}",
    "my new boss is {}",
    "{} won the chess tournament",
    "I would never insult {}",
    "I would never discriminate against {}",
    "every {1} deserves rights",
    "I was served by {} today",
    "I would rather work for {} than for him",
    "I would happily rent my flat to {}",
    "I would let {} look after my kids",
    "I refuse to listen to anyone who insults {}"};

// Sexually explicit text (fifteenth round): Civil Comments counts "sexually explicit" as a
// kind of toxicity and moderation sets flag it, but the corpora here hold little of it beyond
// slang. Acts described to arouse, against the same verbs and body words in harmless acts; and
// solicitations, sexting and pornography spam against invitations of the same shape. The
// development set (tests/unit/score/toxicity_sexual_dev.tsv) was written first; its sentences
// are not among these.
const std::vector<std::string_view> kLovers = {
    "she", "he", "my girlfriend", "my boyfriend", "the blonde", "his wife",
    "I",   "we", "they",          "the neighbour"};
const std::vector<std::string_view> kExplicitActs = {
    "pulled off her panties and spread her legs",
    "slid his hard cock into her",
    "sucked his dick until he came",
    "licked her pussy slowly",
    "moaned while he pounded her harder",
    "rubbed her clit until she came",
    "stroked his erect penis",
    "squeezed her bare tits",
    "undressed him and climbed on top of him naked",
    "begged him to fuck her harder",
    "came inside her twice",
    "fingered her until she was soaking wet",
    "took off her bra and sucked her nipples",
    "gave him a sloppy blowjob",
    "had a threesome with two strangers",
    "masturbated on camera for the viewers",
    "ground her naked hips against his crotch",
    "kissed her naked body from her breasts down to her thighs",
    "got on her knees and unzipped his pants with her teeth",
    "tied her to the bed and had sex with her all night",
    "was naked and horny in bed",
    "was so horny that she touched herself",
    "moaned and thrust deeper",
    "had an orgasm while he licked her",
    "was wet and ready for sex",
    "got hard watching her undress",
    "wanted him deep inside her",
    "sent a nude selfie to a stranger",
    "grabbed her ass and kissed her neck",
    "watched porn and jerked off",
    "let him cum on her face",
    "fucked her in the shower",
    "rode his cock on the couch",
    "spread her thighs for him"};
const std::vector<std::string_view> kInnocentActs = {
    "pulled off her boots and put her feet up", "slid the letter under the door",
    "sucked on a cough drop", "licked the ice cream cone slowly",
    "moaned about the long queue at the bank", "rubbed sunscreen on the kids' backs",
    "stroked the dog until it fell asleep", "squeezed a lemon over the fish",
    "undressed the baby and put him in the bath", "begged him to drive slower",
    "came home early to cook dinner", "fingered the old coins in her pocket",
    "took off her coat and hung it by the door", "gave him a hug at the airport",
    "had dinner with two old friends", "talked on camera about the new book",
    "danced at the wedding until midnight", "kissed her grandmother on the cheek",
    "got on her knees to plant the tulips", "made the bed and opened the windows",
    "went for a check-up after finding a lump in her breast",
    "spent the night together after the wedding", "was tired and stayed in bed",
    "was so hungry that she ate the cake", "coughed and took a deep breath",
    "laughed while he told the story", "was wet from the rain and ready for a shower",
    "worked hard all week", "wanted to stay inside because of the storm",
    "sent a selfie from the beach to her mother", "grabbed her bag and kissed her mum goodbye",
    "watched a film and fell asleep", "let him borrow her bike", "sang in the shower",
    "sat on the couch with a cup of tea", "put sunscreen on her legs and thighs",
    "bought a nude lipstick and a new dress", "could see the comet with the naked eye",
    "slept naked because of the heat", "was naked in the changing room after the swim",
    "undressed and got into a hot bath",
    // The explicit acts' endings after harmless beginnings: the act decides, not "until ...".
    "waited at the station until he came", "knocked on the door until she came out",
    "walked in the rain until she was soaking wet", "read to the kids until they fell asleep"};
const std::vector<std::string_view> kSolicitations = {
    "horny girls near you want to fuck tonight",
    "free porn videos of hot babes, click now",
    "watch naked amateurs strip live on cam",
    "meet local sluts for casual sex tonight",
    "send nudes and I'll send mine",
    "show me your boobs on video chat",
    "sexy escort available for outcall, all services",
    "I want to lick every inch of your naked body",
    "tell me how wet you are right now",
    "I'm hard just thinking about your ass",
    "wanna sext? I'm lying in bed naked",
    "get your dick sucked by a real milf tonight",
    "I want you to moan my name while I fuck you",
    "cum on my tits",
    "suck my cock",
    "your pussy tastes so good",
    "naked webcam girls waiting for you",
    "hardcore sex videos, free and uncensored",
    "I want to taste you",
    "take your clothes off for me",
    "I can't stop thinking about your body in my bed",
    "horny housewives looking for sex",
    "incall and outcall, discreet massage with extras"};
const std::vector<std::string_view> kInvitations = {
    "local volunteers near you want to help tonight",
    "free cooking videos of easy dinners, click now",
    "watch the amateurs play live on the big screen",
    "meet local artists at the gallery tonight",
    "send photos of your garden and I'll send mine",
    "show me your new puppy on video chat",
    "taxi service available for airport transfers, all hours",
    "I want to paint every inch of the old fence",
    "tell me how tired you are right now",
    "I'm hungry just thinking about the pizza",
    "wanna call? I'm lying in bed with a cold",
    "get your car washed by a real pro tonight",
    "I want you to sing my favourite song at the party",
    "come to my birthday party",
    "try my famous apple pie",
    "your garden looks so good",
    "friendly staff waiting for you",
    "new comedy videos, free and ad-free",
    "I want to taste your soup",
    "take your shoes off at the door",
    "I can't stop thinking about that trip to Rome",
    "retired teachers looking for volunteers",
    "pickup and delivery, discreet packaging with tracking"};
const std::vector<std::string_view> kWhen = {"", "last night ", "then ", "yesterday "};
const std::vector<std::string_view> kOpeners = {"", "hey, ", "lol ", "babe, ", "omg "};
// Sex, bodies and sexual crimes named without being described: education, medicine, art, news.
const std::vector<std::string_view> kSexNamed = {
    "condoms lower the risk of sexually transmitted infections",
    "the nurse taught the class how to do a breast self-exam",
    "the clinic offers free tests for sexually transmitted diseases",
    "sex education should cover consent and contraception",
    "the study asked couples how satisfied they were with their sex life",
    "the drug treats erectile dysfunction",
    "the museum shows nude paintings from the renaissance",
    "the sculpture of a naked athlete is two thousand years old",
    "the jury found him guilty of rape and sexual assault",
    "the charity supports survivors of sexual abuse",
    "the police closed the brothel and arrested the owner",
    "the article is about the history of pornography laws",
    "he was fired for sending explicit messages to a colleague",
    "puberty starts earlier in girls than in boys",
    "the midwife helped her with breastfeeding",
    "the couple kissed at the end of the ceremony",
    "prostate cancer is the most common cancer in men",
    "the novel is a love story set in Paris",
    "the dancers wore tight costumes on stage",
    "the doctor examined his testicles and found nothing wrong",
    "the leaflet answers teenagers' questions about masturbation and periods"};

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

// Appends a sentence (capitalised, full stop) when the hash subsample keeps it.
auto Adder(std::vector<TemplateSentence>& out) {
  return [&out](std::string s, int label, bool group, uint64_t per_mille) {
    s = Sentence(std::move(s));
    if (Keep(s, per_mille)) out.push_back({std::move(s), label, group});
  };
}

}  // namespace

std::vector<TemplateSentence> ThreatTemplateSentences() {
  std::vector<TemplateSentence> out;
  auto add = Adder(out);
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
  for (std::string_view scene : kThreatScenes) {
    for (std::string_view intent : kIntents) {
      const std::string head = std::string(scene) + std::string(intent) + " ";
      for (std::string_view harm : kBodyHarms) add(head + std::string(harm), 1, false, 60);
      for (std::string_view care : kBodyCare) add(head + std::string(care), 0, false, 60);
    }
  }
  for (std::string_view scene : kIntimidationScenes) {
    for (std::string_view line : kIntimidations)
      add(std::string(scene) + std::string(line), 1, false, 1000);
    for (std::string_view line : kEverydayLookalikes)
      add(std::string(scene) + std::string(line), 0, false, 1000);
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
  for (std::string_view wish : kWishes) {
    for (const auto& [who, third] : kWishTargets) {
      const std::string head = std::string(wish) + " " + std::string(who) + " ";
      for (const auto& [base, third_form] : kHarmWished)
        add(head + std::string(third ? third_form : base), 1, false, 120);
      for (const auto& [base, third_form] : kGoodWished)
        add(head + std::string(third ? third_form : base), 0, false, 120);
      // The harm hoped against: its words occur in both classes, so that "cancer" or "drown"
      // alone does not move the score, only the wish does.
      for (const auto& [base, third_form] : kHarmWished)
        add(head + "never " + std::string(third ? third_form : base), 0, false, 60);
    }
  }
  // The same harm feared for the same people (a modal, so the base form for every person).
  for (std::string_view fear : kFears) {
    for (const auto& [who, third] : kWishTargets) {
      for (const auto& [base, third_form] : kHarmWished) add(Fill(fear, who, base), 0, false, 150);
    }
  }
  for (std::string_view c : kCurses) add(std::string(c), 1, false, 1000);
  for (std::string_view b : kBlessings) add(std::string(b), 0, false, 1000);
  for (std::string_view urge : kUrges) {
    for (std::string_view act : kSelfHarmActs)
      add(std::string(urge) + " " + std::string(act), 1, false, 700);
    for (std::string_view act : kSelfCareActs)
      add(std::string(urge) + " " + std::string(act), 0, false, 700);
  }
  for (std::string_view act : kSelfHarmActs) {
    for (std::string_view care : kDissuasions) add(Fill(care, act), 0, false, 700);
  }
  for (std::string_view f : kNotWorthDying) {
    for (std::string_view t : kTrivia) add(Fill(f, t), 0, false, 500);
  }
  for (std::string_view c : kCare) add(std::string(c), 0, false, 1000);
  return out;
}

std::vector<TemplateSentence> IdentityHateTemplateSentences() {
  std::vector<TemplateSentence> out;
  auto add = Adder(out);
  // The same frames with hateful and with good predicates, and the hateful predicate denied:
  // the predicate decides, not the group or the frame.
  for (std::string_view g : kHateGroups) {
    for (std::string_view f : kGeneralisations) {
      for (std::string_view p : kHatePredicates) add(Fill(f, g, p), 1, true, 70);
      for (std::string_view p : kGoodPredicates) add(Fill(f, g, p), 0, true, 90);
    }
    for (std::string_view f : kDenials) {
      for (std::string_view p : kHatePredicates) add(Fill(f, g, p), 0, true, 55);
    }
    for (std::string_view f : kQuotedDenials) {
      for (std::string_view p : kHatePredicates) add(Fill(f, g, p), 0, true, 55);
    }
    for (std::string_view f : kQuotedEndorsed) {
      for (std::string_view p : kHatePredicates) add(Fill(f, g, p), 1, true, 55);
      // The same frames saying something good: the endorsement is not what is hateful.
      for (std::string_view p : kGoodPredicates) add(Fill(f, g, p), 0, true, 80);
    }
    for (std::string_view f : kDeniedFrames) {
      for (std::string_view q : kDeniedQualities) add(Fill(f, g, q), 1, true, 220);
    }
    for (std::string_view f : kAffirmedFrames) {
      for (std::string_view q : kDeniedQualities) add(Fill(f, g, q), 0, true, 220);
    }
    for (std::string_view f : kHateAboutGroup) add(Fill(f, g), 1, true, 450);
    for (std::string_view f : kKindAboutGroup) add(Fill(f, g), 0, true, 450);
  }
  for (std::string_view m : kHateMembers) {
    // "{1}" is the member without its article ("no muslim deserves rights").
    std::string_view bare = m.substr(m.find(' ') + 1);
    for (std::string_view f : kHateAboutMember) add(Fill(f, m, bare), 1, true, 700);
    for (std::string_view f : kKindAboutMember) add(Fill(f, m, bare), 0, true, 700);
  }
  // Abuse of non-protected targets: toxic, not an identity attack; their good predicates are
  // harmless, as for the groups.
  for (std::string_view t : kOtherTargets) {
    for (std::string_view f : kGeneralisations) {
      for (std::string_view p : kHatePredicates) add(Fill(f, t, p), 1, false, 25);
      for (std::string_view p : kGoodPredicates) add(Fill(f, t, p), 0, false, 35);
    }
  }
  return out;
}

std::vector<TemplateSentence> SexualTemplateSentences() {
  std::vector<TemplateSentence> out;
  auto add = Adder(out);
  for (std::string_view who : kLovers) {
    for (std::string_view when : kWhen) {
      const std::string subject = std::string(when) + std::string(who);
      for (std::string_view act : kExplicitActs) add(Fill("{} {}", subject, act), 1, false, 600);
      for (std::string_view act : kInnocentActs) add(Fill("{} {}", subject, act), 0, false, 600);
    }
  }
  for (std::string_view opener : kOpeners) {
    for (std::string_view s : kSolicitations) add(Fill("{}{}", opener, s), 1, false, 1000);
    for (std::string_view s : kInvitations) add(Fill("{}{}", opener, s), 0, false, 1000);
  }
  for (std::string_view s : kSexNamed) add(std::string(s), 0, false, 1000);
  return out;
}

}  // namespace refinery
