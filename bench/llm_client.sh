#!/usr/bin/env bash
# LLM client throughput against the project's own test server (loopback), with a baseline of
# blocking libcurl easy handles (one thread per request in flight) in the same invocation.
#
#   bench/llm_client.sh [BUILD_DIR] [REQUESTS]
#
# Needs the targets refinery-llm-test-server and llm_client_bench (cmake -DREFINERY_BUILD_BENCH=ON).
# Prints one JSON line per run; the server's CPU is reported separately (from /proc).
set -euo pipefail
BUILD=${1:-build}
N=${2:-100000}
SERVER=$BUILD/bin/refinery-llm-test-server
BENCH=$BUILD/bin/llm_client_bench
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$SERVER" --port 0 --port-file "$tmp/port" --quiet --models bench &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$tmp/port")/v1"
server_cpu() { awk '{print ($14 + $15) / 100}' /proc/$pid/stat; }
run() {
  local before after out
  before=$(server_cpu)
  out=$("$BENCH" --url "$url" "$@")
  after=$(server_cpu)
  echo "${out%\}},\"server_cpu_seconds\":$(echo "$after - $before" | bc -l)}"
}
echo "# $(nproc) cores; $(uname -srm)"
run --requests "$N" --in-flight 512
run --requests "$N" --in-flight 1024
run --requests $((N / 4)) --in-flight 64 --baseline
run --requests "$N" --in-flight 64
run --requests "$N" --in-flight 512 --stream
