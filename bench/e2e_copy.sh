#!/usr/bin/env bash
# End-to-end throughput of `refinery run` with `steps: []` (a validated copy) on plain and
# zstd JSONL, next to `cat` and `zstd -d` over the same files in the same invocation.
#   bash bench/e2e_copy.sh [BUILD_DIR] [SIZE_MB]
set -euo pipefail
build=${1:-build}
size=${2:-500}
refinery=$build/bin/refinery
corpus=$build/bin/refinery-corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$corpus" --out "$work/in" --gold-dir "$work/gold" --size-mb "$size" --seed 3 2>/dev/null
zstd -q -3 "$work/in/sample.jsonl" -o "$work/sample.jsonl.zst"
mkdir -p "$work/zin" && mv "$work/sample.jsonl.zst" "$work/zin/"
printf 'output: %s/unused\nsteps: []\n' "$work" > "$work/copy.yaml"
bytes=$(stat -c %s "$work/in/sample.jsonl")

# cpu_seconds CMD...: user+sys seconds of CMD (children included), wall seconds.
measure() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/time" "$@" > /dev/null
  end=$(date +%s.%N)
  read -r user sys < "$work/time"
  echo "$(echo "$user + $sys" | bc -l) $(echo "$end - $start" | bc -l)"
}
report() {  # name cpu wall
  printf "| %-44s | %8.0f | %8.0f |\n" "$1" "$(echo "$bytes / $2 / 1000000" | bc -l)" "$(echo "$bytes / $3 / 1000000" | bc -l)"
}
cat "$work/in/sample.jsonl" > /dev/null  # warm the page cache
echo "input: $(echo "$bytes / 1000000" | bc) MB of JSONL ($(wc -l < "$work/in/sample.jsonl") records)"
echo "| command | MB/s per core (CPU time) | MB/s wall |"
echo "| --- | ---: | ---: |"
read -r c w < <(measure cat "$work/in/sample.jsonl"); report "cat (baseline)" "$c" "$w"
read -r c w < <(measure "$refinery" run "$work/copy.yaml" -i "$work/in" -o "$work/out1" --threads 1 --quiet); report "refinery run, steps: [], .jsonl, 1 thread" "$c" "$w"
read -r c w < <(measure "$refinery" run "$work/copy.yaml" -i "$work/in" -o "$work/out2" --threads 2 --quiet); report "refinery run, steps: [], .jsonl, 2 threads" "$c" "$w"
read -r c w < <(measure zstd -q -d -c "$work/zin/sample.jsonl.zst"); report "zstd -d (baseline, uncompressed MB)" "$c" "$w"
read -r c w < <(measure "$refinery" run "$work/copy.yaml" -i "$work/zin" -o "$work/out3" --threads 1 --quiet); report "refinery run, steps: [], .jsonl.zst, 1 thread" "$c" "$w"
read -r c w < <(measure "$refinery" run "$work/copy.yaml" -i "$work/zin" -o "$work/out4" --threads 2 --quiet); report "refinery run, steps: [], .jsonl.zst, 2 threads" "$c" "$w"
cmp <(cat "$work"/out1/part-*.jsonl) "$work/in/sample.jsonl" && echo "(copy output is byte-identical to the input)"
