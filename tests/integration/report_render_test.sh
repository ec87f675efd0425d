#!/usr/bin/env bash
# `refinery compare` end to end: a generated raw corpus, its anonymized version and a templated
# "synthetic" corpus -> report.json + report.html, rendered in headless Chromium: the page must
# load with no console error and show every section. With REFINERY_UPDATE_SCREENSHOT=1 the
# screenshot replaces docs/report.png.
# Env: REFINERY, REFINERY_CORPUS, SRC.
set -euo pipefail
: "${REFINERY:?}" "${REFINERY_CORPUS:?}" "${SRC:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d'+sys.argv[2]))" "$@"; }

"$REFINERY_CORPUS" -o "$work/raw" --gold-dir "$work/gold" --docs 400 --seed 11 >/dev/null
raw="$work/raw/sample.jsonl"
"$REFINERY" anonymize "$raw" -o "$work/refined.jsonl" --quiet
# A templated corpus, as a prompted generator tends to write.
awk 'BEGIN { srand(5); split("technology education sustainability innovation healthcare", t, " ");
             for (i = 0; i < 300; i++) {
               a = t[1 + int(rand() * 5)]; b = t[1 + int(rand() * 5)];
               printf("{\"id\":\"s%d\",\"text\":\"%s is an important aspect of modern society. Furthermore, %s plays a crucial role in our daily lives.\"}\n", i, toupper(substr(a,1,1)) substr(a,2), b) } }' \
  > "$work/synthetic.jsonl"

"$REFINERY" compare "$raw" "$work/refined.jsonl" "$work/synthetic.jsonl" --report "$work/rep" \
  --gold "$work/gold/sample.pii_gold.jsonl" --samples 8 2> "$work/compare.err" \
  || { cat "$work/compare.err" >&2; fail "compare failed"; }
[ -s "$work/rep/report.json" ] && [ -s "$work/rep/report.html" ] || fail "report files missing"

# report.json: the figures are there and plausible.
[ "$(json_get "$work/rep/report.json" "['sizes']['raw']['records']")" = 400 ] || fail "raw records"
[ "$(json_get "$work/rep/report.json" "['delta']['matched']")" = 400 ] || fail "delta join"
python3 - "$work/rep/report.json" <<'PY' || fail "report.json figures"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["pii"]["raw"]["spans"] > r["pii"]["refined"]["spans"], r["pii"]
assert r["leak"] is not None and 0 <= r["leak"]["leak_rate"] < 0.5, r["leak"]
assert r["delta"]["changed"] > 0 and r["delta"]["mean"] > 0
assert len(r["samples"]) > 0
m = r["metrics"]
assert m["synthetic"]["self_bleu"] > m["raw"]["self_bleu"], "templated text must repeat more"
assert m["synthetic"]["distinct_2"] < m["raw"]["distinct_2"]
assert len(r["pca"]["points"]["synthetic"]) > 0
PY

# No network, no script: the page is self-contained (a URL inside a sample's text is only text).
if grep -Eiq '<script|<link |<iframe|(src|href) *= *["'"'"']?(https?:)?//|url\( *["'"'"']?(https?:)?//|@import' \
  "$work/rep/report.html"; then
  fail "report.html is not self-contained"
fi

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "SKIP: Chromium not installed (scripts/install-deps.sh --browser); HTML checked statically only"
  exit 0
fi
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 "$chrome" "${flags[@]}" --dump-dom "file://$work/rep/report.html" > "$work/dom.html" 2> "$work/chrome.err" \
  || { tail -20 "$work/chrome.err" >&2; fail "chromium --dump-dom failed"; }
for id in summary sizes pii leak toxicity metrics lengths embedding delta samples; do
  grep -q "<section id=\"$id\"" "$work/dom.html" || fail "section #$id missing from the rendered DOM"
done
grep -q "<circle" "$work/dom.html" || fail "PCA scatter has no points"
grep -q "<del>" "$work/dom.html" || fail "samples show no deletion"
if grep -E ':CONSOLE\(|Uncaught|Refused to' "$work/chrome.err"; then fail "console errors while rendering"; fi

shot="$work/report.png"
timeout 120 "$chrome" "${flags[@]}" --hide-scrollbars --window-size=1280,2200 --screenshot="$shot" \
  "file://$work/rep/report.html" >/dev/null 2>> "$work/chrome.err" || fail "chromium --screenshot failed"
[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "screenshot is not a PNG"
[ "$(stat -c %s "$shot")" -gt 20000 ] || fail "screenshot suspiciously small (blank page?)"
if [ "${REFINERY_UPDATE_SCREENSHOT:-0}" = 1 ]; then cp "$shot" "$SRC/docs/report.png"; fi
echo "report_render_test: OK"
