#!/usr/bin/env bash
# Black-box tests of `refinery run` and the engine's bad-input contract.
# Env: REFINERY (the binary), REFINERY_CORPUS (sample generator), SRC (repo root).
set -euo pipefail
: "${REFINERY:?}" "${REFINERY_CORPUS:?}" "${SRC:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_code() {  # expect_code CODE CMD...
  local want=$1; shift
  set +e; "$@" >"$work/stdout" 2>"$work/stderr"; local got=$?; set -e
  [ "$got" -eq "$want" ] || { cat "$work/stderr" >&2; fail "exit $got, wanted $want: $*"; }
}

"$REFINERY_CORPUS" --out "$work/data" --docs 3000 --seed 11 --with-bad-lines 2>/dev/null
cat > "$work/p.yaml" <<YAML
input: $work/data
output: $work/out
part_size: 64KiB
steps:
  - dedup_exact: {}
  - filter: {where: "len(text) >= 40"}
  - stats: {}
YAML

# --- determinism: 1, 2 and 8 threads give identical bytes -------------------------------------
for t in 1 2 8; do
  "$REFINERY" run "$work/p.yaml" -o "$work/t$t" --threads "$t" --quiet
done
cat "$work"/t1/part-*.jsonl > "$work/t1.all"
[ -s "$work/t1.all" ] || fail "no output"
for t in 2 8; do
  cat "$work"/t$t/part-*.jsonl | cmp -s - "$work/t1.all" || fail "threads=$t output differs from threads=1"
done
parts=$(ls "$work"/t1/part-*.jsonl | wc -l)
[ "$parts" -gt 3 ] || fail "expected several parts, got $parts"

# --- kill -9 at random points, then --resume: identical output ----------------------------------
"$REFINERY_CORPUS" --out "$work/big" --docs 20000 --seed 5 2>/dev/null
sed -e "s#$work/data#$work/big#" "$work/p.yaml" > "$work/big.yaml"
"$REFINERY" run "$work/big.yaml" -o "$work/ref" --quiet --threads 2
cat "$work"/ref/part-*.jsonl > "$work/ref.all"
for delay in 0.05 0.2 0.4 0.7; do
  rm -rf "$work/kill"
  "$REFINERY" run "$work/big.yaml" -o "$work/kill" --quiet --threads 2 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$REFINERY" run "$work/big.yaml" -o "$work/kill" --quiet --threads 2 --resume
  cat "$work"/kill/part-*.jsonl | cmp -s - "$work/ref.all" || fail "resume after kill -9 at ${delay}s differs"
  cmp -s "$work/kill/rejects.jsonl" "$work/ref/rejects.jsonl" || fail "rejects differ after resume (${delay}s)"
  ls "$work"/kill/*.tmp >/dev/null 2>&1 && fail "temporary files left after resume"
done
# A graceful stop (SIGTERM) exits 75 and leaves a resumable directory; --resume completes.
# The signal is sent before the run starts (held blocked across exec, delivered once the CLI
# has installed its handler), so no timing decides the outcome: no part may be written.
rm -rf "$work/term"
set +e
perl -MPOSIX -e 'sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGTERM)) or die; kill "TERM", $$;
                 exec @ARGV or die' -- \
  "$REFINERY" run "$work/big.yaml" -o "$work/term" --quiet --threads 1 --part-size 32KiB
code=$?
set -e
[ "$code" -eq 75 ] || fail "SIGTERM before the run: exit code $code, expected 75"
[ -f "$work/term/run.json" ] || fail "SIGTERM before the run: no run.json to resume from"
ls "$work"/term/part-*.jsonl >/dev/null 2>&1 && fail "SIGTERM before the run: parts were written"
[ -f "$work/term/summary.json" ] && fail "SIGTERM before the run: summary.json was written"
"$REFINERY" run "$work/big.yaml" -o "$work/term" --quiet --threads 1 --part-size 32KiB --resume
"$REFINERY" run "$work/big.yaml" -o "$work/termref" --quiet --threads 1 --part-size 32KiB
diff <(cat "$work"/term/part-*.jsonl) <(cat "$work"/termref/part-*.jsonl) >/dev/null || fail "graceful stop + resume differs"

# --- bad input: each a reject with file, line and reason; the run goes on ----------------------
printf 'output: %s/unused\nsteps: []\n' "$work" > "$work/copy.yaml"
bad="$work/bad.jsonl"
{
  printf '{"id": 1, "text": "fine record one"}\n'
  printf '{"id": 2, "text": "broken\n'                         # malformed JSON
  printf '[1, 2, 3]\n'                                          # not an object
  printf '{"id": 4, "text": "bad \xff utf8"}\n'                 # invalid UTF-8
  printf '{"id": 5, "body": "no text"}\n'                       # missing text
  printf '{"id": 6, "text": ["not", "string"]}\n'               # non-string text
  printf '{"id": 7, "text": "nul \0 byte"}\n'                   # NUL byte
  printf '\n   \n'                                              # blank lines: skipped
  printf '{"id": 8, "text": "crlf line"}\r\n'                   # CRLF: accepted
  printf '{"id": 9, "text": "last line, no newline"}'
} > "$bad"
printf '\xef\xbb\xbf{"id": 0, "text": "bom first"}\n' > "$work/bom.jsonl"
expect_code 0 "$REFINERY" run "$work/copy.yaml" -i "$bad" -i "$work/bom.jsonl" -o "$work/badout" --quiet
grep -c . "$work/badout/rejects.jsonl" | grep -qx 6 || fail "expected 6 rejects, got $(grep -c . "$work/badout/rejects.jsonl")"
grep -q '"line":2,"reason":"malformed JSON' "$work/badout/rejects.jsonl" || fail "malformed JSON reject"
grep -q '"reason":"not a JSON object (found array)"' "$work/badout/rejects.jsonl" || fail "array reject"
grep -q '"reason":"invalid UTF-8","raw_base64"' "$work/badout/rejects.jsonl" || fail "utf-8 reject with base64"
grep -q '"reason":"field \\"text\\": missing"' "$work/badout/rejects.jsonl" || fail "missing text reject"
grep -q '"reason":"field \\"text\\": expected a string, found array"' "$work/badout/rejects.jsonl" || fail "non-string reject"
grep -q '"reason":"line contains a NUL byte"' "$work/badout/rejects.jsonl" || fail "NUL reject"
# Here-strings, not `echo | grep -q`: under pipefail grep -q exiting at its first match makes
# the echo still writing later lines die of SIGPIPE, and the check fail at random.
out=$(cat "$work"/badout/part-*.jsonl)
for id in 0 1 8 9; do grep -q "\"id\": $id," <<<"$out" || fail "valid record $id lost"; done
grep -q '"rejected": 6' "$work/badout/summary.json" || fail "summary does not count rejects"

# 50 MB line (valid) passes; a line over --max-record-bytes is rejected with its size.
awk 'BEGIN { printf "{\"id\": \"huge\", \"text\": \""; for (i = 0; i < 50000; i++) printf "%01000d", 7; print "\"}"; print "{\"id\": \"after\", \"text\": \"still here\"}" }' > "$work/huge.jsonl"
expect_code 0 "$REFINERY" run "$work/copy.yaml" -i "$work/huge.jsonl" -o "$work/hugeout" --quiet
[ "$(cat "$work"/hugeout/part-*.jsonl | wc -c)" -gt 50000000 ] || fail "50 MB record lost"
expect_code 0 "$REFINERY" run "$work/copy.yaml" -i "$work/huge.jsonl" -o "$work/hugecap" --quiet --max-record-bytes 1MiB
grep -q '"reason":"line exceeds max_record_bytes","bytes":500' "$work/hugecap/rejects.jsonl" || fail "oversize reject"
grep -q '"after"' "$work"/hugecap/part-*.jsonl || fail "record after the oversize line lost"

# Compressed inputs, stdin, truncated streams, missing files, YAML errors.
zstd -q -c "$bad" > "$work/bad.jsonl.zst"; gzip -c "$bad" > "$work/bad.jsonl.gz"
for f in "$work/bad.jsonl.zst" "$work/bad.jsonl.gz"; do
  expect_code 0 "$REFINERY" run "$work/copy.yaml" -i "$f" -o "$work/c-$(basename "$f")" --quiet
done
gzip -c "$work/big/sample.jsonl" > "$work/full.gz"; head -c 100000 "$work/full.gz" > "$work/trunc.jsonl.gz"
expect_code 2 "$REFINERY" run "$work/copy.yaml" -i "$work/trunc.jsonl.gz" -o "$work/truncout" --quiet
grep -q "trunc.jsonl.gz: truncated gzip stream" "$work/stderr" || fail "truncated gzip message: $(cat "$work/stderr")"
zstd -q -c "$work/big/sample.jsonl" > "$work/full.zst"; head -c 100000 "$work/full.zst" > "$work/trunc.jsonl.zst"
expect_code 2 "$REFINERY" run "$work/copy.yaml" -i "$work/trunc.jsonl.zst" -o "$work/truncz" --quiet
grep -q "truncated zstd stream" "$work/stderr" || fail "truncated zstd message"
expect_code 2 "$REFINERY" run "$work/copy.yaml" -i "$work/nope.jsonl" -o "$work/x" --quiet
grep -q "nope.jsonl: cannot open input" "$work/stderr" || fail "missing input message"
# An unreadable input file. Root reads everything, so as root the case runs as `nobody`
# (through setpriv), with a copy of the binary, in a directory that user can reach.
if [ "$(id -u)" -ne 0 ]; then
  chmod 000 "$work/bom.jsonl"
  expect_code 2 "$REFINERY" run "$work/copy.yaml" -i "$work/bom.jsonl" -o "$work/x2" --quiet
  chmod 644 "$work/bom.jsonl"
  grep -q "bom.jsonl: cannot read input" "$work/stderr" || fail "unreadable input message"
elif command -v setpriv > /dev/null; then
  locked=$(mktemp -d)
  chmod 755 "$locked"
  cp "$REFINERY" "$work/bom.jsonl" "$work/copy.yaml" "$locked/"
  chmod 755 "$locked/refinery"
  chmod 644 "$locked/copy.yaml"
  chmod 000 "$locked/bom.jsonl"
  mkdir "$locked/out" && chown nobody "$locked/out"
  expect_code 2 setpriv --reuid=nobody --regid=nogroup --clear-groups "$locked/refinery" run \
    "$locked/copy.yaml" -i "$locked/bom.jsonl" -o "$locked/out/x" --quiet
  rm -rf "$locked"
  grep -q "bom.jsonl: cannot read input: Permission denied" "$work/stderr" ||
    fail "unreadable input message: $(cat "$work/stderr")"
else
  echo "note: unreadable-input case skipped (running as root without setpriv)"
fi
printf 'input: x\nsteps:\n  - filter: {where: "a >"\n' > "$work/broken.yaml"
expect_code 2 "$REFINERY" run "$work/broken.yaml"
grep -q "broken.yaml:4:.*YAML error" "$work/stderr" || grep -q "broken.yaml:3:.*YAML error" "$work/stderr" || fail "YAML error message: $(cat "$work/stderr")"
cat "$bad" | "$REFINERY" run "$work/copy.yaml" -i - -o - --quiet > "$work/stdout.jsonl" 2>"$work/stderr"
grep -c . "$work/stdout.jsonl" | grep -qx 3 || fail "stdin → stdout"

# Environment variables work and flags win over them.
REFINERY_THREADS=3 "$REFINERY" run "$work/copy.yaml" -i "$bad" -o "$work/env" --json > "$work/env.json"
grep -q '"threads": 3' "$work/env.json" || fail "REFINERY_THREADS ignored"
REFINERY_THREADS=3 "$REFINERY" run "$work/copy.yaml" -i "$bad" -o "$work/env2" --json --threads 1 > "$work/env2.json"
grep -q '"threads": 1' "$work/env2.json" || fail "flag should win over REFINERY_THREADS"

echo "engine_test: all checks passed"
