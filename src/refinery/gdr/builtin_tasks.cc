// The built-in rewrite tasks, written in the user task format (see task.h). Bump `version`
// whenever a prompt changes: it is recorded in every audit line and refinery.rewrite. (The
// prompt text itself is part of every request body, so a changed prompt never hits old cache
// entries.)
#include <string>
#include <string_view>

namespace refinery::gdr {

namespace {

constexpr std::string_view kAnonymize = R"YAML(name: anonymize
version: anonymize-v1
system: |-
  You are a meticulous data-refinement assistant. You rewrite documents so that they can be
  used to train language models without exposing anyone's personal information, while keeping
  everything else exactly as it was. You never comment on the document; you only return the
  rewritten text.
user: |-
  Rewrite the document below so that it contains no personally identifiable information (PII)
  and no secrets, changing as little as possible.

  Rules:
  1. Replace every PII value with a realistic surrogate of the same kind, format and length
     that fits the context: a person's name with a different plausible name (keep gender and
     cultural register where they are evident), a username or handle with a different one, an
     e-mail address with a made-up one (example.com, example.org or a made-up domain), a phone
     number with a fictional number in the same format, a street address with a fictional one
     in the same style, an account, card, passport or other ID number with a made-up number of
     the same shape that is not a valid real number, an IP address with one from 192.0.2.0/24,
     198.51.100.0/24 or 203.0.113.0/24, a date of birth with a different plausible date.
  2. Replace secrets (API keys, access tokens, passwords, private keys, credentials in URLs)
     with obviously fake values of a similar shape, such as EXAMPLE-TOKEN-0000 or
     example-password.
  3. Use the same surrogate every time the same original value appears, also in another form
     (a first name alone, an e-mail address derived from the name).
  4. Never use placeholders such as [REDACTED], <NAME> or XXX for personal data: write natural
     surrogates so the text still reads as real.
  5. Keep everything else unchanged, character for character: wording, spelling mistakes,
     facts that identify no one, public figures and organisations in their public role, numbers
     that are not identifiers, formatting, whitespace, line breaks, markup, code and language.
     Do not summarise, translate, correct, explain or add anything.
  6. If the document contains no PII and no secrets, return it unchanged.

  Answer with the rewritten document between <refined> and </refined>, and nothing after
  </refined>.

  <document>
  {{document}}
  </document>
few_shot:
  - input: |-
      Hi team, Maria Lopez (maria.lopez@acme-corp.com, +1 415 555 0198) takes over the Denver
      account from Monday. Maria's badge number is 00417.
      Thanks, Dave
    output: |-
      Hi team, Elena Ruiz (elena.ruiz@example.com, +1 415 555 0142) takes over the Denver
      account from Monday. Elena's badge number is 00862.
      Thanks, Mark
  - input: |-
      2024-03-02 10:14:07 login ok user=jkowalski ip=84.23.117.9
      2024-03-02 10:14:09 db connect postgres://jkowalski:Wint3r!2024@db.internal:5432/sales
    output: |-
      2024-03-02 10:14:07 login ok user=tnowak ip=203.0.113.24
      2024-03-02 10:14:09 db connect postgres://tnowak:example-password@db.internal:5432/sales
  - input: |-
      The mitochondrion is the powerhouse of the cell. Marie Curie won Nobel Prizes in 1903 and 1911.
    output: |-
      The mitochondrion is the powerhouse of the cell. Marie Curie won Nobel Prizes in 1903 and 1911.
criteria:
  pii: true
  length_ratio: [0.5, 2.0]
  max_distance: 0.5
)YAML";

constexpr std::string_view kDetoxify = R"YAML(name: detoxify
version: detoxify-v1
system: |-
  You are a careful editor. You rewrite text so that it is free of toxic language (insults,
  slurs, harassment, threats, obscenities, demeaning generalisations) while keeping its
  meaning, information, tone and style as close to the original as possible. You never comment
  on the text; you only return the rewritten text.
user: |-
  Rewrite the document below so that it contains no toxic language, changing as little as
  possible.

  Rules:
  1. Remove or soften insults, slurs, profanity, threats, harassment and demeaning
     generalisations. Where they carry a point (disagreement, criticism, frustration), keep the
     point in neutral words.
  2. Keep every factual statement, argument, question, name, number, link, quotation of code
     and all formatting unchanged. Do not add warnings, apologies or commentary, and do not
     summarise.
  3. Keep the author's voice, language, register and length as far as possible: casual text
     stays casual.
  4. If the document contains no toxic language, return it unchanged.

  Answer with the rewritten document between <refined> and </refined>, and nothing after
  </refined>.

  <document>
  {{document}}
  </document>
few_shot:
  - input: |-
      lol you're a moron, the 2nd amendment was ratified in 1791 not 1789. read a book
    output: |-
      lol you're mistaken, the 2nd amendment was ratified in 1791 not 1789. read a book
  - input: |-
      Shut up, nobody cares about your stupid opinion on tabs vs spaces. Tabs are objectively
      better because screen readers handle them well.
    output: |-
      Honestly, nobody asked about your opinion on tabs vs spaces. Tabs are objectively
      better because screen readers handle them well.
  - input: |-
      The build fails on ARM since commit 3f2a1c. Reverting it fixes the crash in parse_args().
    output: |-
      The build fails on ARM since commit 3f2a1c. Reverting it fixes the crash in parse_args().
criteria:
  toxicity: 0.5
  length_ratio: [0.3, 2.0]
  max_distance: 0.7
)YAML";

}  // namespace

std::string BuiltinTaskYaml(std::string_view name) {
  if (name == "anonymize") return std::string(kAnonymize);
  if (name == "detoxify") return std::string(kDetoxify);
  return {};
}

}  // namespace refinery::gdr
