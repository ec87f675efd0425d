// `refinery detect`: the one-step pipeline [{pii_detect: ...}].
#include <memory>
#include <optional>

#include "cli_common.h"

namespace refinery::cli {

namespace {

struct DetectFlags {
  std::optional<std::string> types;
  std::optional<double> min_score;
  std::vector<std::string> allow, deny;
};

void AddDetectFlags(CLI::App* cmd, DetectFlags& f) {
  cmd->add_option("--types", f.types,
                  "Comma-separated entity types to report (default: all), e.g. "
                  "EMAIL_ADDRESS,PHONE_NUMBER,API_KEY");
  cmd->add_option("--min-score", f.min_score, "Drop spans scoring below this (default 0.5)");
  cmd->add_option("--allow", f.allow, "A value never reported as PII (repeatable)");
  cmd->add_option("--deny", f.deny,
                  "A value always reported (repeatable; TYPE:value sets its type)");
}

void PutDetectFlags(const DetectFlags& f, YAML::Node& p) {
  if (f.types) p["types"] = *f.types;
  if (f.min_score) p["min_score"] = *f.min_score;
  if (!f.allow.empty()) p["allow_list"] = f.allow;
  if (!f.deny.empty()) p["deny_list"] = f.deny;
}

}  // namespace

Verb AddDetectVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "detect";
  spec.step_type = "pii_detect";
  spec.description =
      "Detect PII and secrets (e-mail, phone, card, IBAN, IP, MAC, SSN, crypto, ids, dates of "
      "birth, addresses, names, API keys, tokens, private keys, passwords); adds refinery.pii";
  spec.examples =
      "  refinery detect mail.jsonl -o out/\n"
      "  refinery detect logs.jsonl.zst -o spans.jsonl --types IP_ADDRESS,EMAIL_ADDRESS\n"
      "  refinery detect code.jsonl -o out/ --types API_KEY,AUTH_TOKEN,PRIVATE_KEY,PASSWORD\n"
      "Spans are {\"start\",\"end\",\"type\",\"score\",\"detector\"} in code points. See "
      "docs/pii.md.";
  spec.add_flags = [](CLI::App* cmd) {
    auto f = std::make_shared<DetectFlags>();
    AddDetectFlags(cmd, *f);
    return [f](YAML::Node& p) { PutDetectFlags(*f, p); };
  };
  return AddTransformVerb(app, std::move(spec));
}

Verb AddAnonymizeVerb(CLI::App& app) {
  TransformVerbSpec spec;
  spec.name = "anonymize";
  spec.step_type = "pii_anonymize";
  spec.description =
      "Detect PII and secrets and replace them: placeholder (<EMAIL_ADDRESS>), mask, keyed hash, "
      "redact, or realistic format-preserving surrogates";
  spec.examples =
      "  refinery anonymize mail.jsonl -o out/ --operator surrogate\n"
      "  PII_KEY=s3cret refinery anonymize in.jsonl -o out/ --operator hash --key-env PII_KEY\n"
      "  refinery anonymize in.jsonl -o out/ --operator placeholder --type-operator "
      "PERSON=surrogate --type-operator CREDIT_CARD=mask --mask-tail 4\n"
      "Writes refinery.pii, refinery.anonymize [{type,start,end,surrogate,out_start,out_end}] and\n"
      "refinery.status. Originals are never written unless --keep-originals.";
  spec.add_flags = [](CLI::App* cmd) {
    struct F {
      DetectFlags detect;
      std::optional<std::string> op, key_env;
      std::optional<int64_t> mask_tail;
      std::vector<std::string> type_ops;
      bool keep_originals = false;
    };
    auto f = std::make_shared<F>();
    AddDetectFlags(cmd, f->detect);
    cmd->add_option("--operator", f->op,
                    "placeholder|mask|hash|redact|surrogate (default placeholder)");
    cmd->add_option("--type-operator", f->type_ops,
                    "TYPE=OPERATOR for one entity type (repeatable)");
    cmd->add_option("--key-env", f->key_env,
                    "Environment variable holding the key for hash and corpus-wide consistent "
                    "surrogates");
    cmd->add_option("--mask-tail", f->mask_tail, "Characters mask keeps at the end (default 4)");
    cmd->add_flag("--keep-originals", f->keep_originals,
                  "Also write the original values in refinery.anonymize (sensitive!)");
    return [f](YAML::Node& p) {
      PutDetectFlags(f->detect, p);
      if (f->op) p["operator"] = *f->op;
      if (f->key_env) p["key_env"] = *f->key_env;
      if (f->mask_tail) p["mask_tail"] = *f->mask_tail;
      if (f->keep_originals) p["keep_originals"] = true;
      if (!f->type_ops.empty()) {
        YAML::Node ops(YAML::NodeType::Map);
        for (const std::string& t : f->type_ops) {
          size_t eq = t.find('=');
          // A malformed entry is passed through so the step reports it with its name.
          if (eq == std::string::npos)
            ops[t] = "";
          else
            ops[t.substr(0, eq)] = t.substr(eq + 1);
        }
        p["operators"] = ops;
      }
    };
  };
  return AddTransformVerb(app, std::move(spec));
}

}  // namespace refinery::cli
