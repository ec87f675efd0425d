#!/usr/bin/env bash
# End-to-end throughput of `refinery score quality` (annotate mode, the default rules; one
# thread = per core) next to `gzip -9` over the same file in the same invocation. The corpus is
# real text: the neutral-sentence and ParaDetox lines of ../shared/data/toxicity joined into
# documents of 4-40 lines (some repeated, some blank-line paragraphs), repeated to SIZE_MB.
#   bash bench/quality.sh [BUILD_DIR] [SIZE_MB] [DATA_DIR]
set -euo pipefail
source "$(dirname "$0")/score_lib.sh"
bench_args "$@"
# TSV text columns -> {"text": "line\nline\n\nline..."} documents (deterministic grouping).
awk -F'\t' 'FNR > 1 && $1 != "" {
    t = $1; gsub(/\\n/, " ", t); gsub(/"/, "\\\"", t)
    n++; sep = (n % 7 == 0) ? "\\n\\n" : "\\n"
    doc = doc (doc == "" ? "" : sep) t
    if (n % 5 == 0) doc = doc "\\n" t             # a repeated line now and then
    if (n % (4 + (n * 7919) % 37) == 0) { printf "{\"text\": \"%s\"}\n", doc; doc = "" }
  }
  END { if (doc != "") printf "{\"text\": \"%s\"}\n", doc }' \
  "$data/neutral_sentences_gum_ewt_wikigold.tsv" "$data/paradetox_dev.tsv" > "$work/one.jsonl"
repeat_to_size "$work/one.jsonl" "$size"
table_start documents
read -r c w < <(measure "$refinery" score quality "$in" -o "$work/o1.jsonl" --threads 1)
report "refinery score quality --threads 1" "$bytes" "$c" "$w"
read -r c w < <(measure "$refinery" score quality "$in" -o "$work/o2.jsonl" --threads 1 --metrics true)
report "refinery score quality --metrics true --threads 1" "$bytes" "$c" "$w"
