#!/usr/bin/env bash
# GDR against a careful real model (test server --real-edits, tests/llm_server/real_model_edits.h):
# besides the values it fits pronouns, titles and articles, normalises whitespace and quotes,
# re-wraps lines, replaces names in lower case and in @handles, replaces "City, ST 12345"
# whole, adds or drops a final period, and answers in code fences, after a preamble or without
# tags. Such answers must be accepted (few fallbacks) without their wrapping, every record out
# once, no original value left; lossy answers in the same shapes still fail with lost_text.
set -euo pipefail
source "$(dirname "$0")/gdr_server.sh"

start_server --real-edits 0.3 --seed 5

N=200
for i in $(seq 1 $N); do
  case $((i % 4)) in
    0) printf '{"id":"r%d","text":"Mr. Daniel Brooks said he would mail his  \\"final\\" notes (ref %d) to daniel%d@mailhost.com; daniel signs as @DanielBrooks.\\nHe lives in Springfield, IL 62704 and calls 212-555-%04d"}\n' "$i" "$i" "$i" "$i" ;;
    1) printf '{"id":"r%d","text":"Please ask Maria Lopez (maria%d@mailhost.com, 212-555-%04d) to confirm\\nthe delivery address before Friday. It is an urgent   matter."}\n' "$i" "$i" "$i" ;;
    2) printf '{"id":"r%d","text":"Minutes %d\\n\\nPresent: Sarah Connor, Kyle Reese.\\nThe budget was approved. Send questions to office%d@mailhost.com."}\n' "$i" "$i" "$i" ;;
    3) printf '{"id":"r%d","text":"Ticket %d from Olga Petrova: the printer on floor 3 is broken again, it prints blank pages. Her phone is 646-555-%04d."}\n' "$i" "$i" "$i" ;;
  esac
done > "$work/in.jsonl"

"$REFINERY" rewrite "$work/in.jsonl" -o "$work/out" --task anonymize --llm "$url" \
  --model test-model --no-cache --quiet --threads 2 || fail "run exited $?"
cat "$work"/out/part-*.jsonl > "$work/all.jsonl"
[ "$(wc -l < "$work/all.jsonl")" -eq $N ] || fail "$(wc -l < "$work/all.jsonl") records out, want $N"
[ "$(jq -r .id "$work/all.jsonl" | sort -u | wc -l)" -eq $N ] || fail "duplicate or lost ids"
for v in mailhost.com 'Maria Lopez' 'Daniel Brooks' 'DanielBrooks' 'Sarah Connor' 'Olga Petrova'; do
  grep -q "$v" "$work/all.jsonl" && fail "an original value survived: $v"
done
for w in 'Here is the' '```' 'Let me know' '<refined>'; do
  grep -q "$w" "$work/all.jsonl" && fail "answer wrapping in the output: $w"
done
fb=$(jq -r 'select(.status == "fallback") | .id' "$work/out/audit.jsonl" | wc -l)
[ "$fb" -le $((N * 5 / 100)) ] || fail "$fb fallbacks (> 5%): $(jq -c 'select(.status == "fallback") | .fallback_reason' "$work/out/audit.jsonl" | sort | uniq -c)"
edits=$(curl -s "$stats_url" | jq '[.behaviours | to_entries[] | select(.key | startswith("edit:"))] | length')
[ "$edits" -ge 8 ] || fail "the server made only $edits kinds of edits"
untagged=$(jq -s '[.[].attempts[]? | select(.untagged == true)] | length' "$work/out/audit.jsonl")
[ "$untagged" -ge 1 ] || fail "no untagged answer was seen"
echo "real edits: $fb fallbacks of $N, $untagged untagged answers accepted or judged, $edits kinds of edits"

# Lossy answers in the same shapes are never accepted, a short loss noted as "[… the rest of
# the document is unchanged …]" included.
printf '%s\n' \
  '{"id":"l1","text":"[[srv:lossy]] Ask bob.k@mailhost.com first. Then the board reviews the budget in detail. After that everyone signs."}' \
  '{"id":"l2","text":"[[srv:answer]] Could you tell me how to reach the team? Write to bob.k@mailhost.com please."}' \
  '{"id":"l3","text":"[[srv:lossy]] Ask bob.k@mailhost.com first. Everyone signs after that."}' \
  > "$work/lossy.jsonl"
set +e
"$REFINERY" rewrite "$work/lossy.jsonl" -o "$work/lossy" --task anonymize --llm "$url" \
  --model test-model --no-cache --quiet 2> "$work/lossy.err"
set -e
[ "$(jq -r 'select(.status == "fallback") | .fallback_reason' "$work/lossy/audit.jsonl" | grep -c lost_text)" -eq 3 ] ||
  fail "a lossy answer was accepted: $(jq -c '{id, status, fallback_reason}' "$work/lossy/audit.jsonl")"
grep -q 'mailhost.com' "$work"/lossy/part-*.jsonl && fail "lossy fallback leaked"
echo "ok"
