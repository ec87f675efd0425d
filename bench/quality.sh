#!/usr/bin/env bash
# End-to-end throughput of `refinery score quality` (annotate mode, the default rules; one
# thread = per core) next to `gzip -9` over the same file in the same invocation. The corpus is
# real text: the neutral-sentence and ParaDetox lines of ../shared/data/toxicity joined into
# documents of 4-40 lines (some repeated, some blank-line paragraphs), repeated to SIZE_MB.
#   bash bench/quality.sh [BUILD_DIR] [SIZE_MB] [DATA_DIR]
set -euo pipefail
build=${1:-build}
size=${2:-30}
data=${3:-../shared/data/toxicity}
refinery=$build/bin/refinery
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
: > "$work/in.jsonl"
while [ "$(stat -c %s "$work/in.jsonl")" -lt $((size * 1000000)) ]; do
  cat "$work/one.jsonl" >> "$work/in.jsonl"
done
in="$work/in.jsonl"
bytes=$(stat -c %s "$in")
measure() {  # CMD... -> "cpu_seconds wall_seconds"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/time" "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  read -r user sys < "$work/time"
  echo "$(echo "$user + $sys" | bc -l) $(echo "$end - $start" | bc -l)"
}
report() {  # name bytes cpu wall
  printf "| %-50s | %8.1f | %8.1f |\n" "$1" "$(echo "$2 / $3 / 1000000" | bc -l)" \
    "$(echo "$2 / $4 / 1000000" | bc -l)"
}
cat "$in" > /dev/null
echo "input: $(echo "$bytes / 1000000" | bc) MB of JSONL ($(wc -l < "$in") documents)"
echo "| command | MB/s per core (CPU) | MB/s wall |"
echo "| --- | ---: | ---: |"
read -r c w < <(measure gzip -9 -c "$in"); report "gzip -9 (baseline)" "$bytes" "$c" "$w"
read -r c w < <(measure "$refinery" score quality "$in" -o "$work/o1.jsonl" --threads 1)
report "refinery score quality --threads 1" "$bytes" "$c" "$w"
read -r c w < <(measure "$refinery" score quality "$in" -o "$work/o2.jsonl" --threads 1 --metrics true)
report "refinery score quality --metrics true --threads 1" "$bytes" "$c" "$w"
