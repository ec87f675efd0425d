#!/usr/bin/env bash
# End-to-end throughput of `refinery metrics` (and `refinery compare`) on a generated corpus,
# next to `gzip -9` over the same file in the same invocation (a familiar single-core cost).
#   bash bench/metrics.sh [BUILD_DIR] [SIZE_MB]
set -euo pipefail
build=${1:-build}
size=${2:-200}
refinery=$build/bin/refinery
corpus=$build/bin/refinery-corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$corpus" --out "$work/in" --gold-dir "$work/gold" --size-mb "$size" --seed 3 2>/dev/null
in="$work/in/sample.jsonl"
head -c $((size * 1000000 / 2)) "$in" | head -n -1 > "$work/half.jsonl"
bytes=$(stat -c %s "$in")

measure() {  # CMD... -> "cpu_seconds wall_seconds max_rss_kb"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  read -r user sys rss < "$work/time"
  echo "$(echo "$user + $sys" | bc -l) $(echo "$end - $start" | bc -l) $rss"
}
report() {  # name bytes cpu wall rss
  printf "| %-52s | %8.1f | %8.1f | %7.1f | %6.0f |\n" "$1" "$(echo "$2 / $3 / 1000000" | bc -l)" \
    "$(echo "$2 / $4 / 1000000" | bc -l)" "$4" "$(echo "$5 / 1024" | bc -l)"
}
cat "$in" > /dev/null
echo "input: $(echo "$bytes / 1000000" | bc) MB of JSONL ($(wc -l < "$in") records)"
echo "| command | MB/s per core (CPU) | MB/s wall | wall s | max RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: |"
read -r c w r < <(measure gzip -9 -c "$in"); report "gzip -9 (baseline)" "$bytes" "$c" "$w" "$r"
read -r c w r < <(measure "$refinery" metrics "$in" --json); report "refinery metrics (1 input)" "$bytes" "$c" "$w" "$r"
half=$(stat -c %s "$work/half.jsonl")
read -r c w r < <(measure "$refinery" metrics "$work/half.jsonl" "$work/half.jsonl" --json --threads 2)
report "refinery metrics (2 inputs of half size, 2 threads)" "$((2 * half))" "$c" "$w" "$r"
"$refinery" anonymize "$in" -o "$work/refined.jsonl" --quiet --threads 2
read -r c w r < <(measure "$refinery" compare "$in" "$work/refined.jsonl" --report "$work/rep" --no-toxicity)
report "refinery compare RAW REFINED (PII detector on both)" "$((2 * bytes))" "$c" "$w" "$r"
