#!/usr/bin/env bash
# `refinery rewrite --stream` end to end against the test server streaming token by token:
# every reply takes longer than --first-byte-timeout yet none is cut by it; runaway answers
# (a tag never closed) are cut at 1.5x the chunk and fall back with reason "runaway"; and the
# cost report in summary.json and in the compare report matches an independent computation
# from the audit log (every attempt's tokens) and the prices. Checks outputs, never clocks.
set -euo pipefail
: "${REFINERY:?}" "${BUILD:?}"
work=$(mktemp -d)
# 12 ms per 4-byte event: a ~200-byte answer streams for ~0.6 s, twice the 0.3 s timeout.
"$BUILD/bin/refinery-llm-test-server" --port 0 --port-file "$work/port" --quiet --token-latency-ms 12 &
server=$!
cleanup() { kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$work/port")/v1"

N=40
for i in $(seq 1 $N); do
  extra=""
  [ $((i % 20)) -eq 0 ] && extra=" [[srv:runaway]]"
  printf '{"id":"r%d","text":"Note %d: please ask Maria Lopez (maria%d@mailhost.com, 212-555-%04d) to confirm the delivery address before Friday.%s"}\n' \
    "$i" "$i" "$i" "$i" "$extra"
done > "$work/in.jsonl"

"$REFINERY" rewrite "$work/in.jsonl" -o "$work/out" --task anonymize --llm "$url" \
  --model test-model --no-cache --threads 2 --stream --first-byte-timeout 0.3 \
  --max-retries 0 --max-attempts 2 --price-in 0.15 --price-out 0.60 2> "$work/stderr" ||
  fail "rewrite exited $?: $(cat "$work/stderr")"

extra() { jq "$1" "$work/out/summary.json"; }
s='.steps[] | select(.extra.cost != null) | .extra'
[ "$(extra "$s.client.retries_by_cause.timeout")" -eq 0 ] || fail "streamed replies hit the first-byte timeout"
[ "$(extra "$s.client.streamed")" -gt 0 ] || fail "no reply was streamed"
[ "$(extra "$s.client.output_capped")" -eq 4 ] || fail "want 4 runaway answers cut (2 records x 2 attempts)"
[ "$(jq -r 'select(.status == "fallback") | .id' "$work/out/audit.jsonl" | sort | tr '\n' ' ')" = "r20 r40 " ] ||
  fail "want exactly the runaway records r20 r40 to fall back"
jq -se 'map(select(.id == "r20"))[0] | [.attempts[].failed[]] | all(. == "runaway")' "$work/out/audit.jsonl" > /dev/null ||
  fail "r20's attempts are not marked runaway"
cat "$work/out"/part-*.jsonl > "$work/all.jsonl"
[ "$(wc -l < "$work/all.jsonl")" -eq $N ] || fail "records lost"
grep -q 'mailhost.com' "$work/all.jsonl" && fail "an original e-mail address survived"

# The cost report against the audit log: every attempt's tokens, summed independently.
read -r tin tout reqs < <(jq -s '[.[].attempts[]] | "\(map(.tokens_in // 0) | add) \(map(.tokens_out // 0) | add) \(length)"' -r "$work/out/audit.jsonl")
want=$(echo "$tin / $N * 0.15 + $tout / $N * 0.60" | bc -l)
got=$(extra "$s.cost.usd_per_million_records")
awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1e-9 * (b > 1 ? b : 1)) }' ||
  fail "usd_per_million_records $got, computed from the audit $want"
awk -v a="$(extra "$s.cost.requests_per_record")" -v b="$reqs" -v n=$N 'BEGIN { d = a - b / n; exit !(d < 1e-9 && d > -1e-9) }' ||
  fail "requests_per_record $(extra "$s.cost.requests_per_record"), audit has $reqs attempts for $N records"
share=$(extra "$s.cost.prompt_overhead_share")
awk -v s="$share" 'BEGIN { exit !(s > 0.3 && s < 1) }' || fail "prompt overhead share $share (short notes: most of the prompt is the fixed part)"
grep -q 'cost: .* per record; prompt overhead .*% of prompt tokens; \$.* per million records' "$work/stderr" ||
  fail "the printed summary has no cost line: $(cat "$work/stderr")"

# The compare report carries the same numbers.
"$REFINERY" compare "$work/in.jsonl" "$work/out" --report "$work/report" > /dev/null 2>&1 ||
  fail "compare exited $?"
[ "$(jq '.cost.usd_per_million_records' "$work/report/report.json")" = "$got" ] ||
  fail "compare report cost $(jq '.cost.usd_per_million_records' "$work/report/report.json"), summary $got"
grep -q 'id="cost"' "$work/report/report.html" || fail "report.html has no cost section"
echo "ok: $(extra "$s.cost.requests_per_record") requests/record, \$$got per million records, overhead $share"
