#!/usr/bin/env bash
# End-to-end throughput of `refinery run` with `steps: []` (a validated copy) on plain and
# zstd JSONL, next to `cat` and `zstd -d` over the same files in the same invocation.
#   bash bench/e2e_copy.sh [BUILD_DIR] [SIZE_MB] [RUNS]
# Each command runs RUNS times (default 5); the medians of CPU time and wall time are shown.
# The inputs are generated, compressed and synced to disk first, so no run competes with the
# writeback of the generator's output; each run's output is deleted before the next.
set -euo pipefail
build=${1:-build}
size=${2:-500}
runs=${3:-5}
refinery=$build/bin/refinery
corpus=$build/bin/refinery-corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$corpus" --out "$work/in" --gold-dir "$work/gold" --size-mb "$size" --seed 3 2>/dev/null
mkdir -p "$work/zin"
zstd -q -3 "$work/in/sample.jsonl" -o "$work/zin/sample.jsonl.zst"
printf 'output: %s/unused\nsteps: []\n' "$work" > "$work/copy.yaml"
bytes=$(stat -c %s "$work/in/sample.jsonl")
sync
cat "$work/in/sample.jsonl" "$work/zin/sample.jsonl.zst" > /dev/null  # warm the page cache

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# measure CMD...: median user+sys CPU seconds and median wall seconds of RUNS runs of CMD
# (children included). A command writing a run directory writes it to $work/out.
measure() {
  local cpu=() wall=() start end user sys
  for ((i = 0; i < runs; ++i)); do
    rm -rf "$work/out"
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/time" "$@" > /dev/null
    end=$(date +%s.%N)
    read -r user sys < "$work/time"
    cpu+=("$(echo "$user + $sys" | bc -l)")
    wall+=("$(echo "$end - $start" | bc -l)")
  done
  echo "$(printf '%s\n' "${cpu[@]}" | median) $(printf '%s\n' "${wall[@]}" | median)"
}
report() {  # name cpu wall
  printf "| %-46s | %8.0f | %8.0f |\n" "$1" "$(echo "$bytes / $2 / 1000000" | bc -l)" "$(echo "$bytes / $3 / 1000000" | bc -l)"
}
echo "input: $(echo "$bytes / 1000000" | bc) MB of JSONL ($(wc -l < "$work/in/sample.jsonl") records); median of $runs runs"
echo "| command | MB/s per core (CPU time) | MB/s wall |"
echo "| --- | ---: | ---: |"
read -r c w < <(measure cat "$work/in/sample.jsonl"); report "cat (baseline)" "$c" "$w"
for t in 1 2; do
  read -r c w < <(measure "$refinery" run "$work/copy.yaml" -i "$work/in" -o "$work/out" --threads $t --quiet)
  report "refinery run, steps: [], .jsonl, $t thread(s)" "$c" "$w"
done
read -r c w < <(measure zstd -q -d -c "$work/zin/sample.jsonl.zst"); report "zstd -d (baseline, uncompressed MB)" "$c" "$w"
for t in 1 2; do
  read -r c w < <(measure "$refinery" run "$work/copy.yaml" -i "$work/zin" -o "$work/out" --threads $t --quiet)
  report "refinery run, steps: [], .jsonl.zst, $t thread(s)" "$c" "$w"
done
rm -rf "$work/out"
"$refinery" run "$work/copy.yaml" -i "$work/in" -o "$work/out" --quiet
cmp <(cat "$work"/out/part-*.jsonl) "$work/in/sample.jsonl" && echo "(copy output is byte-identical to the input)"
