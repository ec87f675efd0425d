#!/usr/bin/env bash
# GDR offline batch rounds (`refinery rewrite --batch-dir DIR`) over the example documents
# (examples/data/sample.jsonl, one record per distinct text), answered by
# refinery-llm-batch-answer: the test server's scripted rewrite over Batch API files, with 5%
# failed lines per round (error lines and 500s), first-attempt leaks, untagged answers and
# checksum-valid fakes.
#   1. Every record comes out exactly once after at most 4 rounds; no structured or secret
#      value of the input (e-mail, phone, card, SSN, IP, API key, password) survives.
#   2. Given the same replies, the output parts and audit equal a live run's byte for byte.
#   3. Rounds are idempotent: ingesting again writes the same next round; a round without
#      results only says so; unknown custom_ids, duplicates and malformed lines are counted,
#      not fatal. SFT pairs come out once per changed record.
set -euo pipefail
: "${REFINERY:?}" "${BUILD:?}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SERVER=$BUILD/bin/refinery-llm-test-server
ANSWER=$BUILD/bin/refinery-llm-batch-answer
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Distinct documents: the test server counts attempts per document text, so repeated texts
# would get different first answers live and in batch.
python3 - "$SRC/examples/data/sample.jsonl" > "$work/in.jsonl" <<'PY'
import json, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    if isinstance(r.get("text"), str) and r["text"] not in seen:
        seen.add(r["text"])
        print(json.dumps(r))
PY
N=$(wc -l < "$work/in.jsonl")

# Runs rounds until the final one; prints the number of rounds answered.
rounds() {  # DIR OUT ANSWER_FLAGS...
  local dir=$1 out=$2
  shift 2
  local r
  for r in 1 2 3 4 5 6; do
    "$REFINERY" rewrite "$work/in.jsonl" -o "$out" --task anonymize --model test-model \
      --batch-dir "$dir" --quiet --threads 2 --export-sft "$out.sft.jsonl" 2> "$work/log" ||
      { cat "$work/log" >&2; fail "round $r exited non-zero"; }
    local n
    n=$(printf '%03d' "$r")
    if [ ! -e "$dir/requests-$n.jsonl" ]; then
      echo $((r - 1))
      return
    fi
    grep -q "wrote .* requests to $dir/requests-$n.jsonl" "$work/log" || fail "no round line: $(cat "$work/log")"
    "$ANSWER" --in "$dir/requests-$n.jsonl" --out "$dir/results-$n.jsonl" --seed "$r" "$@" 2> /dev/null
  done
  fail "more than 5 rounds"
}

once() {  # OUT: every input record exactly once, in the parts and in the audit
  python3 - "$work/in.jsonl" "$1" <<'PY' || fail "records not exactly once in $1"
import glob, json, sys
want = [json.loads(l)["id"] for l in open(sys.argv[1])]
got = [json.loads(l)["id"] for f in sorted(glob.glob(sys.argv[2] + "/part-*.jsonl")) for l in open(f)]
audit = [json.loads(l)["id"] for l in open(sys.argv[2] + "/audit.jsonl")]
sys.exit(0 if sorted(got) == sorted(want) and sorted(audit) == sorted(want) else 1)
PY
}

# 1. A misbehaving model: untagged answers (10% of answers), 5% failed lines, valid fakes.
kA=$(rounds "$work/dirA" "$work/outA" --fail-rate 0.05 --fault-rate 0.1 --faults no_tags --valid-fakes)
[ "$kA" -le 4 ] || fail "$kA rounds"
once "$work/outA"
"$REFINERY" detect "$work/in.jsonl" -o "$work/det" --quiet
python3 - "$work/det" "$work/outA" <<'PY' || fail "a structured or secret value survived"
import glob, json, sys
kinds = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IP_ADDRESS", "IBAN_CODE",
         "API_KEY", "PASSWORD"}
values = {}  # detector offsets are code points
for f in glob.glob(sys.argv[1] + "/part-*.jsonl"):
    for l in open(f):
        r = json.loads(l)
        values[r["id"]] = {r["text"][s["start"]:s["end"]] for s in r["refinery"]["pii"]
                           if s["type"] in kinds}
left = 0
n = 0
for f in glob.glob(sys.argv[2] + "/part-*.jsonl"):
    for l in open(f):
        r = json.loads(l)
        for v in values.get(r["id"], ()):
            n += 1
            if v in r["text"]:
                left += 1
                print("survived:", r["id"], file=sys.stderr)
print(f"structured values checked: {n}, survived: {left}", file=sys.stderr)
sys.exit(1 if left or n == 0 else 0)
PY
changed=$(jq '.steps[0].extra.changed' "$work/outA/summary.json")
pairs=$(wc -l < "$work/outA.sft.jsonl")
[ "$pairs" = "${changed%.0}" ] || fail "$pairs SFT pairs for $changed changed records"

# 2. The same replies live and in batch: first-attempt leaks and valid fakes, no faults (a
# failed line is asked again with the same body, so it does not change the replies).
"$SERVER" --port 0 --port-file "$work/port" --quiet --leak-first-attempt --valid-fakes &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/live" --task anonymize \
  --llm "http://127.0.0.1:$(cat "$work/port")/v1" --model test-model --no-cache --quiet --threads 2
kill "$pid"
pid=
kB=$(rounds "$work/dirB" "$work/outB" --fail-rate 0.05 --leak-first-attempt --valid-fakes)
[ "$kB" -le 4 ] || fail "$kB rounds"
once "$work/outB"
cat "$work"/live/part-*.jsonl > "$work/live.all"
cat "$work"/outB/part-*.jsonl | cmp -s - "$work/live.all" || fail "batch output differs from live"
cmp -s "$work/live/audit.jsonl" "$work/outB/audit.jsonl" || fail "batch audit differs from live"

# 3. Idempotent rounds and bad result lines.
d=$work/dirC
flags=(--task anonymize --model test-model --batch-dir "$d" --quiet --threads 2)
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/outC" "${flags[@]}" 2> /dev/null
cp "$d/requests-001.jsonl" "$work/req1"
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/outC" "${flags[@]}" 2> "$work/log"
grep -q "has no results yet" "$work/log" || fail "a round without results: $(cat "$work/log")"
cmp -s "$d/requests-001.jsonl" "$work/req1" || fail "requests-001 changed while waiting"
"$ANSWER" --in "$d/requests-001.jsonl" --out "$d/results-001.jsonl" --seed 1 --fail-rate 0.05 \
  --leak-first-attempt 2> /dev/null
{
  head -1 "$d/results-001.jsonl"  # a duplicate
  echo '{"id":"x","custom_id":"gdr-not-a-request","response":{"status_code":200,"body":{}},"error":null}'
  echo '{"custom_id": "cut short'
} >> "$d/results-001.jsonl"
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/outC" "${flags[@]}" 2> "$work/log"
grep -q "1 malformed, 1 unknown ids, 1 duplicates" "$work/log" || fail "counts: $(cat "$work/log")"
cp "$d/requests-002.jsonl" "$work/req2"
rm "$d/requests-002.jsonl"  # as if the ingest had been killed before writing it
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/outC" "${flags[@]}" 2> /dev/null
cmp -s "$d/requests-002.jsonl" "$work/req2" || fail "a rerun ingest wrote another round"
[ ! -e "$work/outC" ] || fail "a non-final round wrote the output"
fbA=$(jq '.steps[0].extra.fallback_records // 0' "$work/outA/summary.json")
echo "ok: $N records; misbehaving model: $kA rounds, $fbA fallbacks; batch == live after $kB rounds; rounds idempotent"
