// The transform verbs: `refinery VERB IN... -o OUT` runs the one-step pipeline [{STEP: flags}],
// and every flag comes from the step's parameter table (cli_params.h). A verb is one row here:
// its command, its step, what it does and examples for --help.
#include "cli_common.h"

namespace refinery::cli {
namespace {

// Rows, in the order the functions below use them.
enum TransformRow {
  kDetect,
  kAnonymize,
  kEdit,
  kScoreToxicity,
  kScoreQuality,
  kScoreLang,
  kScoreAi
};

struct Row {
  const char* name;
  const char* step_type;
  const char* description;
  const char* examples;  // shown at the end of --help
};

constexpr Row kTransformVerbs[] = {
    {"detect", "pii_detect",
     "Detect PII and secrets (e-mail, phone, card, IBAN, IP, MAC, SSN, crypto, ids, dates of "
     "birth, addresses, names, API keys, tokens, private keys, passwords); adds refinery.pii",
     "  refinery detect mail.jsonl -o out/\n"
     "  refinery detect logs.jsonl.zst -o spans.jsonl --types IP_ADDRESS,EMAIL_ADDRESS\n"
     "  refinery detect code.jsonl -o out/ --types API_KEY,AUTH_TOKEN,PRIVATE_KEY,PASSWORD\n"
     "Spans are {\"start\",\"end\",\"type\",\"score\",\"detector\"} in code points. See "
     "docs/pii.md."},
    {"anonymize", "pii_anonymize",
     "Detect PII and secrets and replace them: placeholder (<EMAIL_ADDRESS>), mask, keyed hash, "
     "redact, or realistic format-preserving surrogates",
     "  refinery anonymize mail.jsonl -o out/ --operator surrogate\n"
     "  PII_KEY=s3cret refinery anonymize in.jsonl -o out/ --operator hash --key-env PII_KEY\n"
     "  refinery anonymize in.jsonl -o out/ --operator placeholder --type-operator "
     "PERSON=surrogate --type-operator CREDIT_CARD=mask --mask-tail 4\n"
     "Writes refinery.pii, refinery.anonymize [{type,start,end,surrogate,out_start,out_end}] and\n"
     "refinery.status. Originals are never written unless --keep-originals."},
    {"edit", "edit",
     "Refine records with edit programs (remove_lines, remove_str, drop_doc, normalize, ...): "
     "from a {\"id\",\"program\"} table, the built-in refine model, or an LLM",
     "  refinery edit pages.jsonl -o out/ --programs programs.jsonl\n"
     "  refinery edit pages.jsonl.zst -o refined.jsonl.zst --model models/refiner.bin\n"
     "  refinery edit pages.jsonl -o out/ --model refiner --deletion-only --min-words 0\n"
     "  refinery edit pages.jsonl -o out/ --llm http://127.0.0.1:8000/v1 --model "
     "Qwen/Qwen2.5-7B-Instruct\n"
     "Each record gets refinery.status (kept|changed|dropped) and refinery.edits (the op log\n"
     "with resolved line ranges, code point spans and per-op errors). See docs/edit-programs.md."},
    {"toxicity", "toxicity_score",
     "refinery.scores.toxicity (document P(toxic)), .toxicity_max_sentence, .toxicity_lexicon "
     "and refinery.toxic_spans (lexicon hits, code points)",
     "  refinery score toxicity data.jsonl -o scored.jsonl\n"
     "  refinery score toxicity 'raw/*.jsonl.zst' -o out/scored --sentences true\n"
     "  refinery score toxicity data.jsonl -o - --model models/toxicity.bin --spans false\n"
     "Then filter: refinery run with `- filter: {where: \"refinery.scores.toxicity < 0.5\"}`.\n"},
    {"quality", "quality_filter",
     "Gopher quality/repetition, C4 and FineWeb rules: refinery.quality {passed, failed} and "
     "refinery.scores.quality, or drop failing records (--mode filter)",
     "  refinery score quality web.jsonl -o annotated.jsonl\n"
     "  refinery score quality 'crawl/*.jsonl.zst' -o out/clean --mode filter\n"
     "  refinery score quality web.jsonl -o - --metrics true --min_doc_words 20 --c4 false\n"
     "Rule names and defaults: docs/scoring.md.\n"},
    {"lang", "lang_id",
     "Language identification (CLD2): refinery.lang {code, confidence, reliable}; optionally "
     "keep only some languages",
     "  refinery score lang data.jsonl -o tagged.jsonl\n"
     "  refinery score lang 'crawl/*.jsonl.zst' -o out/en --languages en --min_confidence 0.8\n"},
    {"ai", "ai_score", "refinery.scores.ai_human: probability that a record is human-written",
     "  refinery score ai data.jsonl -o scored.jsonl --model detector.bin\n"
     "  refinery score ai 'synth/*.jsonl.zst' -o out/scored --model detector.bin --threshold 0.3\n"
     "Train the model with `refinery train detector`.\n"},
};

Verb Add(CLI::App& app, TransformRow row) {
  const Row& r = kTransformVerbs[row];
  return AddTransformVerb(app, {r.name, r.step_type, r.description, r.examples, nullptr, nullptr});
}

}  // namespace

Verb AddDetectVerb(CLI::App& app) { return Add(app, kDetect); }
Verb AddAnonymizeVerb(CLI::App& app) { return Add(app, kAnonymize); }
Verb AddEditVerb(CLI::App& app) { return Add(app, kEdit); }
Verb AddScoreToxicityVerb(CLI::App& app) { return Add(app, kScoreToxicity); }
Verb AddScoreQualityVerb(CLI::App& app) { return Add(app, kScoreQuality); }
Verb AddScoreLangVerb(CLI::App& app) { return Add(app, kScoreLang); }
Verb AddScoreAiVerb(CLI::App& app) { return Add(app, kScoreAi); }

}  // namespace refinery::cli
