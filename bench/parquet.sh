#!/usr/bin/env bash
# Parquet throughput of `refinery run` on one core, next to baselines on the same files in the
# same invocation:
#   Parquet (zstd) → JSONL validated copy (steps: []) vs hyparquet (npm) reading the same file;
#   JSONL → Parquet (zstd, steps: [])                  vs `zstd -1` compressing the same JSONL.
# MB/s are MB of JSONL text (the corpus) per CPU second (user + sys), median of RUNS runs.
# With BASE_BUILD (another build, e.g. main's), its `refinery run` is measured on the same
# files in the same invocation too, for a before/after comparison.
#   bash bench/parquet.sh [BUILD_DIR] [SIZE_MB] [RUNS] [BASE_BUILD]
set -euo pipefail
build=${1:-build}
size=${2:-200}
runs=${3:-3}
base=${4:-}
src="$(cd "$(dirname "$0")/.." && pwd)"
refinery=$build/bin/refinery
corpus=$build/bin/refinery-corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$corpus" --out "$work/in" --gold-dir "$work/gold" --size-mb "$size" --seed 3 2>/dev/null
bytes=$(stat -c %s "$work/in/sample.jsonl")
printf 'steps: []\nthreads: 1\n' >"$work/copy.yaml"
printf 'steps: []\nthreads: 1\noutput_format: parquet\npart_size: 16GiB\n' >"$work/to_parquet.yaml"
"$refinery" run "$work/to_parquet.yaml" -i "$work/in" -o "$work/pq" --quiet
parquet=$(ls "$work"/pq/part-*.parquet)
reader="$build/parquet-reader"
"$src/tests/parquet/install.sh" "$reader"
sync

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
measure() {  # median user+sys seconds of RUNS runs of CMD (output directory $work/out)
  local cpu=() user sys
  for ((i = 0; i < runs; ++i)); do
    rm -rf "$work/out"
    /usr/bin/time -f "%U %S" -o "$work/time" "$@" >/dev/null
    read -r user sys <"$work/time"
    cpu+=("$(echo "$user + $sys" | bc -l)")
  done
  printf '%s\n' "${cpu[@]}" | median
}
report() { printf "| %-58s | %8.0f |\n" "$1" "$(echo "$bytes / $2 / 1000000" | bc -l)"; }

echo "$(date -u '+%F %H:%M UTC'); load: $(uptime | sed 's/.*load average: //')"
echo "corpus: $(echo "$bytes / 1000000" | bc) MB of JSONL, $(wc -l <"$work/in/sample.jsonl") records;" \
  "Parquet (zstd): $(echo "$(stat -c %s "$parquet") / 1000000" | bc) MB; median of $runs runs"
echo "| command (one thread) | MB/s of JSONL text per core |"
echo "| --- | ---: |"
report "hyparquet 1.31.5 reads the Parquet file (baseline)" "$(measure node "$reader/read_all.mjs" "$parquet")"
if [ -n "$base" ]; then
  report "BASE_BUILD refinery run: Parquet (zstd) → JSONL, steps: []" \
    "$(measure "$base/bin/refinery" run "$work/copy.yaml" -i "$parquet" -o "$work/out" --quiet)"
fi
report "refinery run: Parquet (zstd) → JSONL, steps: []" \
  "$(measure "$refinery" run "$work/copy.yaml" -i "$parquet" -o "$work/out" --quiet)"
report "zstd -1 compresses the JSONL (baseline)" "$(measure zstd -q -1 -c "$work/in/sample.jsonl")"
if [ -n "$base" ]; then
  report "BASE_BUILD refinery run: JSONL → Parquet (zstd), steps: []" \
    "$(measure "$base/bin/refinery" run "$work/to_parquet.yaml" -i "$work/in" -o "$work/out" --quiet)"
fi
report "refinery run: JSONL → Parquet (zstd), steps: []" \
  "$(measure "$refinery" run "$work/to_parquet.yaml" -i "$work/in" -o "$work/out" --quiet)"
rm -rf "$work/out"
"$refinery" run "$work/copy.yaml" -i "$parquet" -o "$work/out" --quiet
cmp <(cat "$work"/out/part-*.jsonl) "$work/in/sample.jsonl" && echo "(Parquet → JSONL output is byte-identical to the original JSONL)"
