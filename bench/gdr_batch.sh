#!/usr/bin/env bash
# GDR throughput on ~2 KB records (bench/RESULTS.md, issue 15):
#   live      `refinery rewrite` against the test server answering at once: records/s per core
#             of the refinery process (verification on the reply workers included), next to
#   client    llm_client_bench on the same server: the client's CPU per request alone;
#   rounds    `--batch-dir`: CPU of the invocation that writes round 1 and of the one that
#             ingests its results and writes the output, as MB/s per core of the round files.
#
#   bench/gdr_batch.sh [BUILD_DIR] [RECORDS]
# Prints one JSON line per figure. CPU is user+sys of each process (GNU time).
set -euo pipefail
BUILD=${1:-build}
N=${2:-2000}
SERVER=$BUILD/bin/refinery-llm-test-server
ANSWER=$BUILD/bin/refinery-llm-batch-answer
R=$BUILD/bin/refinery
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
python3 - "$N" > "$tmp/in.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    parts, n = [], 0
    while sum(map(len, parts)) < 2000:
        parts.append(f"Dear customer {i}, order {i * 7919 + n} ships to {n + 12} Harbour Road. "
                     f"Write to client{i}.{n}@mailhost.com or call 415-555-{(i + n) % 9000 + 1000}.")
        n += 1
    print(json.dumps({"id": f"r{i}", "text": "\n".join(parts)}))
PY
bytes=$(stat -c %s "$tmp/in.jsonl")
cpu() { awk '{print $1 + $2}' "$1"; }
echo "# $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $N records, $bytes bytes"

"$SERVER" --port 0 --port-file "$tmp/port" --quiet --threads 2 --models test-model,bench &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$tmp/port")/v1"
/usr/bin/time -f "%U %S %e" -o "$tmp/t.live" "$R" rewrite "$tmp/in.jsonl" -o "$tmp/live" \
  --task anonymize --llm "$url" --model test-model --no-cache --quiet --threads 2 \
  --max-in-flight 256
c=$(cpu "$tmp/t.live")
wall=$(awk '{print $3}' "$tmp/t.live")
echo "{\"figure\":\"live\",\"records\":$N,\"cpu_s\":$c,\"wall_s\":$wall,\"records_per_cpu_s\":$(echo "$N / $c" | bc -l | xargs printf %.0f)}"
"$BUILD/bin/llm_client_bench" --url "$url" --requests "$N" --in-flight 64 | sed 's/^{/{"figure":"client",/'
kill $pid
pid=

flags=(--task anonymize --model test-model --batch-dir "$tmp/dir" --quiet --threads 2)
/usr/bin/time -f "%U %S %e" -o "$tmp/t.r1" "$R" rewrite "$tmp/in.jsonl" -o "$tmp/out" "${flags[@]}" 2> /dev/null
req=$(stat -c %s "$tmp/dir/requests-001.jsonl")
"$ANSWER" --in "$tmp/dir/requests-001.jsonl" --out "$tmp/dir/results-001.jsonl" 2> /dev/null
res=$(stat -c %s "$tmp/dir/results-001.jsonl")
/usr/bin/time -f "%U %S %e" -o "$tmp/t.r2" "$R" rewrite "$tmp/in.jsonl" -o "$tmp/out" "${flags[@]}" 2> /dev/null
[ -e "$tmp/out/summary.json" ] || { echo "the ingest round was not final" >&2; exit 1; }
c1=$(cpu "$tmp/t.r1")
c2=$(cpu "$tmp/t.r2")
echo "{\"figure\":\"write_round\",\"requests_bytes\":$req,\"cpu_s\":$c1,\"mb_per_cpu_s\":$(echo "$req / $c1 / 1000000" | bc -l | xargs printf %.1f)}"
echo "{\"figure\":\"ingest_final_round\",\"results_bytes\":$res,\"cpu_s\":$c2,\"mb_per_cpu_s\":$(echo "$res / $c2 / 1000000" | bc -l | xargs printf %.1f),\"records_per_cpu_s\":$(echo "$N / $c2" | bc -l | xargs printf %.0f)}"
