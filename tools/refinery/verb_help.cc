// The help text of the verbs that are not transform verbs (those are in transform_verbs.cc):
// what each command does and its examples, in the order `refinery --help` lists the verbs.
// Kept apart from the option tables so that the words of --help can be read and edited in one
// place; the options' own help is in their rows.
#include "cli_common.h"

namespace refinery::cli {

const VerbHelp kVerbHelp[] = {
    {"run", "Run a pipeline (YAML): input → steps → output directory",
     "  refinery run examples/quickstart.yaml\n"
     "  refinery run pipeline.yaml -i 'raw/*.jsonl.zst' -o out/run1 --threads 8\n"
     "  refinery run pipeline.yaml --resume                  # finish an interrupted run\n"
     "  refinery run pipeline.yaml --num-shards 16 --shard-index 3\n"
     "Exit codes: 0 done, 2 usage/config/IO error, 75 stopped by a signal (rerun with "
     "--resume).\n"},
    {"steps", "List the step types a pipeline can use, with their parameters and defaults",
     "  refinery steps\n"
     "  refinery steps pii_anonymize\n"
     "  refinery steps --json | jq '.[] | select(.name == \"sample\") | .params'\n"},
    {"eval edit",
     "Evaluate edit programs (predicted or from the refine model) against gold programs",
     "  refinery eval edit --docs pages.jsonl --gold gold_edits.jsonl --model models/refiner.bin "
     "--json\n"
     "  refinery eval edit --docs pages.jsonl --gold gold_edits.jsonl --pred predicted.jsonl "
     "--tokens\n"
     "  refinery eval edit --synthetic 400 --model models/refiner.bin --min-f1 0.95\n"
     "Token counts are estimates (about 4 characters per token); see docs/edit-programs.md."},
    {"eval detox",
     "Detoxification quality: STA, SIM (chrF, char cosine), FL, J vs Duplicate/Delete",
     "  refinery eval detox rewrites.jsonl --source-field original --output-field text --json\n"
     "  refinery eval detox ../shared/data/toxicity/paradetox_dev.tsv --limit 500\n"
     "  refinery eval detox --paradetox-heldout ../shared/data/toxicity --json\n"},
    {"eval pii", "PII detection quality against gold spans",
     "  refinery-piibench --seed 7 -n 2000 -o gold.jsonl\n"
     "  refinery eval pii --gold gold.jsonl --json\n"
     "  refinery detect gold.jsonl -o pred.jsonl && refinery eval pii --gold gold.jsonl "
     "--pred pred.jsonl --match overlap\n"},
    {"eval leak", "Gold PII values surviving in refined text",
     "  refinery anonymize gold.jsonl -o out/ --operator surrogate\n"
     "  refinery eval leak --gold gold.jsonl --refined out/ --json\n"},
    {"train toxicity", "Train the toxicity classifier, lexicon and fluency LM (models/toxicity.*)",
     "  refinery train toxicity -o models/toxicity.bin\n"
     "  refinery train toxicity -o /tmp/tox.bin --leave-out stormfront --json\n"
     "Writes MODEL (classifier), MODEL.lexicon.tsv, MODEL.fluency.bin and MODEL.metrics.json\n"
     "(with MODEL's .bin removed from the name). Same data + flags = byte-identical files.\n"},
    {"train refiner", "Train the refine model (line keep/remove classifier) on edit programs",
     "  refinery train refiner --synthetic 2000 --seed 1 -o models/refiner.bin\n"
     "  refinery train refiner --input pages.jsonl --programs gold_edits.jsonl -o my_refiner.bin\n"
     "  refinery distill pairs.jsonl -o programs.jsonl && \\\n"
     "    refinery train refiner --input raw.jsonl --programs programs.jsonl -o refiner.bin\n"
     "Training is deterministic: the same data and flags give the same model bytes."},
    {"train detector", "Train a human- vs machine-written text detector (for `score ai`)",
     "  refinery train detector --human real.jsonl --machine gpt.jsonl -o models/my-detector.bin\n"
     "  refinery score ai new.jsonl -o scored.jsonl --model models/my-detector.bin\n"
     "No detector model ships with Refinery: train one on data you may use.\n"},
    {"train ner",
     "Train the named-entity tagger for PERSON / LOCATION / ORGANIZATION (models/ner.bin)",
     "  refinery train ner -o models/ner.bin\n"
     "  refinery train ner --data ../shared/data --epochs 6 -o /tmp/ner.bin --json\n"
     "Held out (never trained on): BTC test, WNUT17 dev, GUM test, the last fifth of wikigold\n"
     "and of UNER EWT dev. Scores are exact-span precision/recall/F1. Same data + flags =\n"
     "byte-identical model.\n"},
    {"metrics",
     "Dataset diversity and information metrics (distinct-n, MTLD, self-BLEU, Vendi, ...)",
     "  refinery metrics data/raw.jsonl.zst\n"
     "  refinery metrics raw.jsonl out/refined/ synthetic.jsonl --json > metrics.json\n"
     "  refinery metrics 'shards/*.jsonl.gz' --sample-docs 5000 --seed 7 --json\n"
     "Each input is one corpus; embeddings of all inputs share one IDF so distances compare.\n"
     "Definitions: docs/metrics.md.\n"},
    {"compare", "Side-by-side HTML + JSON report: RAW vs REFINED [vs SYNTHETIC]",
     "  refinery compare data/raw.jsonl out/run1 --report out/report\n"
     "  refinery compare raw.jsonl refined.jsonl synthetic.jsonl --report rep --gold gold.jsonl\n"
     "  refinery compare raw.jsonl.zst refined/ --report rep --pii spans --no-toxicity --json\n"
     "Records of RAW and REFINED are joined by id for the per-record Δ and the samples.\n"},
    {"order", "Sort records by a score (curriculum / ordered training)",
     "  refinery order scored.jsonl -o curriculum.jsonl --by refinery.scores.quality "
     "--descending\n"
     "  refinery order scored/ -o manifest.jsonl --by refinery.scores.ai_human --descending "
     "--manifest\n"
     "Ties keep input order. Reordered output holds the records in memory; --manifest keeps only\n"
     "ids and scores.\n"},
    {"mix", "Combine sources with target proportions or token quotas (seeded, with provenance)",
     "  refinery mix -s real=data/real.jsonl -s gpt=synth/gpt.jsonl -p real=0.7,gpt=0.3 --total "
     "10000 -o mix.jsonl\n"
     "  refinery mix -s real=real/ -s llama=llama.jsonl.zst --token-quota real=5e6,llama=1e6 -o "
     "mix.jsonl.zst\n"
     "Each output record gets refinery.mix {source, file, line}; the manifest records the "
     "plan.\n"},
    {"distill", "Distil expert end-to-end refinements into minimal deletion programs",
     "  refinery distill pairs.jsonl -o programs.jsonl\n"
     "  refinery distill pairs.jsonl.zst -o programs.jsonl --json\n"
     "  refinery distill --raw raw.jsonl --refined rewritten.jsonl -o programs.jsonl\n"
     "Outcomes: untouched (refined == raw: keep_doc()), emptied (refined is blank: drop_doc()),\n"
     "exact (the program reproduces refined), approximate (the expert also inserted a little;\n"
     "the result is within --max-distance), rejected (with a reason). Rejected pairs get no\n"
     "program. See docs/edit-programs.md."},
    {"slurm submit",
     "Write an sbatch array script into the run's output directory and submit it: one array\n"
     "task per shard, each running `refinery run PIPELINE --num-shards N --shard-index I\n"
     "--resume`. Submitting again runs only the shards that are not done, queued or running.",
     "  refinery slurm submit pipeline.yaml --tasks 64 --max-parallel 16 --time 4:00:00 \\\n"
     "      --cpus 8 --mem 16G --partition cpu --output /scratch/out/run1\n"
     "  refinery slurm submit pipeline.yaml --tasks 64 --output /scratch/out/run1   # again:\n"
     "      # resubmits only the unfinished shards\n"
     "  refinery slurm submit pipeline.yaml --tasks 4 --dry-run   # look at the script first\n"
     "Prints the job id(s) on stdout. Then: refinery slurm status DIR; refinery merge DIR.\n"},
    {"slurm status",
     "Per-shard state of a sharded run (done, running, pending, failed, unsubmitted) from the\n"
     "completion markers in DIR and squeue/sacct, with records and bytes done so far.",
     "  refinery slurm status /scratch/out/run1\n"
     "  refinery slurm status /scratch/out/run1 --json\n"
     "  refinery slurm status /scratch/out/run1 --wait --interval 30 && refinery merge "
     "/scratch/out/run1\n"
     "Without accounting (sacct) a task that left squeue without its marker reads as failed.\n"},
    {"merge",
     "Check that every shard of a sharded run finished with the same config hash, then write\n"
     "summary.json, rejects.jsonl and the other <channel>.jsonl files combined in shard order.",
     "  refinery merge /scratch/out/run1\n"
     "  refinery merge /scratch/out/run1 --concat /scratch/out/run1.jsonl.zst\n"
     "  refinery merge out/run1 --json | jq .records\n"
     "Exit 2 (naming the shards) when a shard is missing or ran with another config.\n"},
};

const VerbHelp& HelpOf(const std::string& command) {
  for (const VerbHelp& help : kVerbHelp) {
    if (command == help.command) return help;
  }
  static const VerbHelp kNone = {"", "", ""};
  return kNone;
}

}  // namespace refinery::cli
