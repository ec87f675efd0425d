// Templated sentences that teach the classifier what the corpora rarely show: threats without
// profanity ("I'm going to stab ..."), wishes of harm ("I hope you get cancer") and incitement to
// self-harm ("go kill yourself"), contrasted with the same frames that are harmless (an intent
// with a benign verb, negated or reported violence, good wishes and fears for the same people,
// self-care and dissuasion, idioms such as "kill some time" or "I'd die for that pizza").
// Deterministic; a few thousand sentences.
#pragma once

#include <string>
#include <vector>

namespace refinery {

struct TemplateSentence {
  std::string text;
  int label = 0;          // 1 threat (or hate, for the identity-hate templates), 0 not
  bool at_group = false;  // the target is an identity group
};

std::vector<TemplateSentence> ThreatTemplateSentences();

// Hate against identity groups phrased without slurs or profanity — generalisations
// ("{group} are a plague on this country"), dehumanisation, exclusion ("{group} should go back
// where they came from"), expressed hatred, distrust of a member ("I would never hire a ...") —
// each frame contrasted with harmless sentences over the same groups and the same structure:
// positive or neutral statements, the hateful predicate negated, quoted and denounced, or
// reported. Every group occurs in both classes, so a group word alone does not move the score.
// Abuse of non-protected targets ("politicians are a plague") is labelled toxic with
// `at_group` false: toxicity, not identity attack. Deterministic; a few thousand sentences.
std::vector<TemplateSentence> IdentityHateTemplateSentences();

// Sexually explicit text — acts described to arouse, sexting, solicitation and pornography spam
// — against the same verbs and body words in harmless acts, invitations of the same shape, and
// sex, bodies and sexual crimes named in education, medicine, art and news. Labelled toxic
// (Civil Comments counts sexually explicit text as toxicity); `at_group` is false.
std::vector<TemplateSentence> SexualTemplateSentences();

}  // namespace refinery
