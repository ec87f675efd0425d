#!/usr/bin/env bash
# GDR against replayed real servers (tests/llm_server reproduces their shapes): vLLM with a
# reasoning parser (`content: null`, reasoning fields) and llama-server with thinking output in
# the content, both with 4096-token contexts read from the server (/v1/models max_model_len,
# /props n_ctx); then the fail-fast cases: a wrong model, a URL pasted with /chat/completions,
# an exhausted quota. Checks exit codes and outputs, never clocks.
set -euo pipefail
: "${REFINERY:?}" "${BUILD:?}"
SERVER=$BUILD/bin/refinery-llm-test-server
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

start() {  # start NAME ARGS...: a server; its URL in $work/NAME.url
  local name=$1; shift
  "$SERVER" --port 0 --port-file "$work/$name.port" --quiet "$@" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.05; done
  echo "http://127.0.0.1:$(cat "$work/$name.port")/v1" > "$work/$name.url"
}

# 300 records: short notes, and every 30th a long report (~14 KB, over one 4096-token context).
N=300
for i in $(seq 1 $N); do
  if [ $((i % 30)) -eq 0 ]; then
    body=""
    for k in $(seq 1 60); do
      body+="Section $k of report $i: the auditor wrote to auditor$i.$k@mailhost.com and called 415-555-$(printf %04d $k) about the ledger entries reviewed this week.\n\n"
    done
    printf '{"id":"r%d","text":"%s"}\n' "$i" "$body"
  else
    printf '{"id":"r%d","text":"Note %d: please ask Maria Lopez (maria%d@mailhost.com, 212-555-%04d) to confirm the delivery address before Friday."}\n' \
      "$i" "$i" "$i" "$i"
  fi
done > "$work/in.jsonl"

check_run() {  # check_run NAME: no original value survives, every record once, <= 5% fallback
  local out=$work/$1
  cat "$out"/part-*.jsonl > "$out.all"
  [ "$(wc -l < "$out.all")" -eq $N ] || fail "$1: $(wc -l < "$out.all") records out, want $N"
  [ "$(jq -r .id "$out.all" | sort -u | wc -l)" -eq $N ] || fail "$1: duplicate or lost ids"
  grep -q 'mailhost.com' "$out.all" && fail "$1: an original e-mail address survived"
  grep -q 'Maria Lopez' "$out.all" && fail "$1: an original name survived"
  grep -q '<think>\|</think>' "$out.all" && fail "$1: reasoning text was accepted"
  local fb
  fb=$(jq -r 'select(.status == "fallback") | .id' "$out/audit.jsonl" | wc -l)
  [ "$fb" -le $((N * 5 / 100)) ] || fail "$1: $fb fallbacks (> 5%)"
  echo "$1: $fb fallbacks, $(jq '.steps[0].extra.rechunks // 0' "$out/summary.json") re-chunks"
}

# vLLM, --reasoning-parser, --max-model-len 4096.
start vllm --flavor vllm --n-ctx 4096 --reasoning-parser --models Qwen/Qwen3-8B
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/vllm" --task anonymize --llm "$(cat "$work/vllm.url")" \
  --model Qwen/Qwen3-8B --no-cache --quiet --threads 2 || fail "vllm run exited $?"
check_run vllm
[ "$(jq '.steps[0].extra.client.retries' "$work/vllm/summary.json")" -eq 0 ] ||
  fail "vllm: null contents or context errors caused transport retries"

# llama-server, thinking in the content, -c 4096 per slot.
start llama --flavor llama-server --n-ctx 4096 --think --models /models/qwen3-8b-q4.gguf
"$REFINERY" rewrite "$work/in.jsonl" -o "$work/llama" --task anonymize --llm "$(cat "$work/llama.url")" \
  --model local --no-cache --quiet --threads 2 || fail "llama-server run exited $?"
check_run llama

# Ollama with a 2048-token context and no --context-tokens: prompts over it are cut silently
# (the start goes first); the cut shows only in usage.prompt_tokens, and the chunk is split.
# Later chunks list only the earlier replacements of values they hold, so their prompts fit.
start ollama --flavor ollama --n-ctx 2048
for i in $(seq 1 20); do
  body=""
  for k in $(seq 1 100); do
    body+="Section $k of report $i: the auditor wrote to auditor$i.$k@mailhost.com and called 415-555-$(printf %04d $k) about the ledger.\n\n"
  done
  printf '{"id":"o%d","text":"%s"}\n' "$i" "$body"
done > "$work/ollama.jsonl"
"$REFINERY" rewrite "$work/ollama.jsonl" -o "$work/ollama" --task anonymize --llm "$(cat "$work/ollama.url")" \
  --model test-model --no-cache --quiet --threads 2 || fail "ollama run exited $?"
grep -q 'mailhost.com' "$work"/ollama/part-*.jsonl && fail "ollama: an original e-mail address survived"
[ "$(jq -r 'select(.status == "fallback") | .id' "$work/ollama/audit.jsonl" | wc -l)" -le 1 ] ||
  fail "ollama: $(jq -c 'select(.status == "fallback") | .fallback_reason' "$work/ollama/audit.jsonl" | sort | uniq -c)"
[ "$(jq '.steps[0].extra.rechunks' "$work/ollama/summary.json")" -gt 0 ] || fail "ollama: no cut prompt was split"

# Lossy answers are never accepted: they fall back (the run then fails the fallback share).
printf '{"id":"l1","text":"[[srv:lossy]] Ask bob.k@mailhost.com first. Then the board reviews the budget in detail. After that everyone signs."}\n' > "$work/lossy.jsonl"
set +e
"$REFINERY" rewrite "$work/lossy.jsonl" -o "$work/lossy" --task anonymize --llm "$(cat "$work/vllm.url")" \
  --model Qwen/Qwen3-8B --no-cache --quiet 2> "$work/lossy.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a run above --max-fallback-share exited $rc, want 1"
grep -q 'max_fallback_share' "$work/lossy.err" || fail "no fallback-share message: $(cat "$work/lossy.err")"
[ "$(jq -r .fallback_reason "$work/lossy/audit.jsonl")" = "lost_text" ] || fail "lossy answer accepted"
grep -q 'mailhost.com' "$work"/lossy/part-*.jsonl && fail "lossy fallback leaked"

# Fail fast: one line, non-zero exit, no completion request sent.
expect_fail() {  # expect_fail PATTERN ARGS...
  local pattern=$1; shift
  set +e
  "$REFINERY" rewrite "$work/in.jsonl" -o "$work/ff" --task anonymize --no-cache --quiet --overwrite "$@" 2> "$work/ff.err"
  local rc=$?
  set -e
  [ "$rc" -ne 0 ] || fail "exit 0 for $*"
  grep -q "$pattern" "$work/ff.err" || fail "no '$pattern' in: $(cat "$work/ff.err")"
}
before=$(curl -s "http://127.0.0.1:$(cat "$work/vllm.port")/stats" | jq .requests)
expect_fail "is not served" --llm "$(cat "$work/vllm.url")" --model Qwen/Qwen3-8b-typo
expect_fail "base URL" --llm "$(cat "$work/vllm.url")/chat/completions" --model Qwen/Qwen3-8B
expect_fail "cannot be reached" --llm "http://127.0.0.1:9/v1" --model m --connect-timeout 2
[ "$(curl -s "http://127.0.0.1:$(cat "$work/vllm.port")/stats" | jq .requests)" -eq "$before" ] ||
  fail "a failed probe sent completion requests"
start quota --flavor openai --quota-exhausted --models gpt-4o-mini
expect_fail "quota" --llm "$(cat "$work/quota.url")" --model gpt-4o-mini
# It stops at the first answer: at most the requests already in flight then (one window of 64).
q=$(curl -s "http://127.0.0.1:$(cat "$work/quota.port")/stats" | jq .requests)
[ "$q" -le 64 ] || fail "the run did not stop at the exhausted quota ($q requests)"
[ "$(cat "$work"/ff/rejects.jsonl | wc -l)" -ge $((N - q)) ] || fail "stopped records are not rejects"
echo "ok"
