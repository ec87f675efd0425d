# Shared by the end-to-end scoring benchmarks (bench/toxicity.sh, bench/quality.sh): CPU and
# wall time of one command, a table row in MB/s, and the common arguments.

# [BUILD_DIR] [SIZE_MB] [DATA_DIR] -> $build $size $data $refinery, and $work (removed at exit).
bench_args() {
  build=${1:-build}
  size=${2:-30}
  data=${3:-../shared/data/toxicity}
  refinery=$build/bin/refinery
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}
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
# Repeats ONE (JSONL) into $work/in.jsonl until it holds SIZE_MB; sets $in and $bytes.
repeat_to_size() {  # ONE SIZE_MB
  : > "$work/in.jsonl"
  while [ "$(stat -c %s "$work/in.jsonl")" -lt $(($2 * 1000000)) ]; do
    cat "$1" >> "$work/in.jsonl"
  done
  in="$work/in.jsonl"
  bytes=$(stat -c %s "$in")
}
# The table's head and its baseline row: gzip -9 over the same file.
table_start() {  # NOUN (records, documents)
  cat "$in" > /dev/null
  echo "input: $(echo "$bytes / 1000000" | bc) MB of JSONL ($(wc -l < "$in") $1)"
  echo "| command | MB/s per core (CPU) | MB/s wall |"
  echo "| --- | ---: | ---: |"
  read -r c w < <(measure gzip -9 -c "$in")
  report "gzip -9 (baseline)" "$bytes" "$c" "$w"
}
