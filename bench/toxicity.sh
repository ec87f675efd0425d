#!/usr/bin/env bash
# End-to-end throughput of `refinery score toxicity` (one thread = per core), with and without
# lexicon spans, next to `gzip -9` over the same file in the same invocation (a familiar
# single-core cost). The corpus is real text: the Civil Comments, neutral and ParaDetox lines
# of ../shared/data/toxicity, repeated to SIZE_MB.
#   bash bench/toxicity.sh [BUILD_DIR] [SIZE_MB] [DATA_DIR]
set -euo pipefail
source "$(dirname "$0")/score_lib.sh"
bench_args "$@"
to_json() {  # TSV text column (already `\n`/`\\` escaped) -> {"text": ...} lines
  awk -F'\t' 'NR > 1 && $1 != "" { t = $1; gsub(/"/, "\\\"", t); printf "{\"text\": \"%s\"}\n", t }'
}
{
  zcat "$data/toxic_spans_civil_comments.tsv.gz" | to_json
  to_json < "$data/neutral_sentences_gum_ewt_wikigold.tsv"
  to_json < "$data/paradetox_dev.tsv"
} > "$work/one.jsonl"
repeat_to_size "$work/one.jsonl" "$size"
table_start records
read -r c w < <(measure "$refinery" score toxicity "$in" -o "$work/o1.jsonl" --threads 1 --spans false)
report "refinery score toxicity --spans false --threads 1" "$bytes" "$c" "$w"
read -r c w < <(measure "$refinery" score toxicity "$in" -o "$work/o2.jsonl" --threads 1)
report "refinery score toxicity (spans) --threads 1" "$bytes" "$c" "$w"
