#!/usr/bin/env bash
# Black-box test of the score concern: `refinery score toxicity|quality|lang`, the steps in a
# pipeline (lang_id filter, toxicity_mask, toxicity_score + filter, quality_filter filter mode),
# `refinery eval detox` and `refinery train toxicity` (deterministic rebuild of the shipped model).
set -euo pipefail
: "${REFINERY:?path of the refinery binary}" "${SRC:?repository root}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$tmp/in.jsonl" <<'JSONL'
{"id":"tox","text":"shut up you stupid fucking idiot","meta":{"k":1}}
{"id":"obf","text":"this f.u.c.k thing is sh1t"}
{"id":"clean","text":"Thank you for the helpful review of the budget proposal."}
{"id":"de","text":"Der schnelle braune Fuchs springt über den faulen Hund und der Bauer schaut zu."}
JSONL

# --- score toxicity: scores and code point spans, other fields carried through ---
"$REFINERY" score toxicity "$tmp/in.jsonl" -o "$tmp/tox.jsonl" --quiet
python3 - "$tmp/tox.jsonl" <<'PY'
import json, sys
recs = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
assert recs["tox"]["meta"] == {"k": 1}
s = recs["tox"]["refinery"]["scores"]
assert s["toxicity"] > 0.5 and s["toxicity_max_sentence"] >= s["toxicity"] - 1e-9, s
assert recs["clean"]["refinery"]["scores"]["toxicity"] < 0.5
spans = recs["obf"]["refinery"]["toxic_spans"]
text = recs["obf"]["text"]
got = [(text[x["start"]:x["end"]], x["term"]) for x in spans]
assert got == [("f.u.c.k", "fuck"), ("sh1t", "shit")], got
PY

# --- pipeline: lang filter, mask, score, filter ---
cat > "$tmp/p.yaml" <<YAML
input: $tmp/in.jsonl
output: $tmp/run
steps:
  - lang_id: {languages: [en]}
  - toxicity_mask: {}
  - toxicity_score: {spans: false}
  - filter: {where: "refinery.scores.toxicity < 0.5"}
YAML
"$REFINERY" run "$tmp/p.yaml" --quiet
cat "$tmp"/run/part-*.jsonl* > "$tmp/run.jsonl"
python3 - "$tmp/run.jsonl" <<'PY'
import json, sys
recs = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
assert "de" not in recs, "lang_id filter kept German"
assert "clean" in recs
for r in recs.values():
    assert r["refinery"]["lang"]["code"] == "en"
    assert "fuck" not in r["text"] and "sh1t" not in r["text"], r["text"]
if "obf" in recs:
    assert recs["obf"]["text"] == "this ******* thing is ****", recs["obf"]["text"]
PY

# --- quality: annotate with metrics, filter, families off ---
"$REFINERY" score quality "$tmp/in.jsonl" -o "$tmp/q.jsonl" --quiet --metrics true
python3 - "$tmp/q.jsonl" <<'PY'
import json, sys
for r in map(json.loads, open(sys.argv[1])):
    q = r["refinery"]["quality"]
    assert q["passed"] is False and "gopher_short_doc" in q["failed"], q
    assert 0 <= r["refinery"]["scores"]["quality"] < 1
    assert "gopher_short_doc" in q["metrics"]
PY
"$REFINERY" score quality "$tmp/in.jsonl" -o "$tmp/qf.jsonl" --quiet --mode filter
[ ! -s "$tmp/qf.jsonl" ] || fail "quality filter kept short documents"
"$REFINERY" score quality "$tmp/in.jsonl" -o "$tmp/qf2.jsonl" --quiet --mode filter \
  --gopher_quality false --gopher_repetition false --c4 false --fineweb false
[ "$(wc -l < "$tmp/qf2.jsonl")" -eq 4 ] || fail "all families off should keep everything"

# --- lang ---
"$REFINERY" score lang "$tmp/in.jsonl" -o "$tmp/l.jsonl" --quiet
python3 - "$tmp/l.jsonl" <<'PY'
import json, sys
codes = {r["id"]: r["refinery"]["lang"]["code"] for r in map(json.loads, open(sys.argv[1]))}
assert codes["de"] == "de" and codes["clean"] == "en", codes
PY

# --- usage errors name the parameter; exit code 2 ---
set +e
"$REFINERY" score quality "$tmp/in.jsonl" -o "$tmp/x.jsonl" --quiet --min_doc_words abc 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad threshold: exit $rc"
grep -q "min_doc_words" "$tmp/err" || fail "error does not name the parameter: $(cat "$tmp/err")"

# --- eval detox: JSON with the baselines ---
cat > "$tmp/pairs.jsonl" <<'JSONL'
{"source":"shut the fuck up , you moron","output":"please be quiet"}
{"source":"this is the stupidest fucking idea i have ever heard","output":"this is a bad idea"}
{"source":"what the hell is wrong with you idiots","output":"what is wrong with you"}
JSONL
"$REFINERY" eval detox "$tmp/pairs.jsonl" --json > "$tmp/detox.json"
python3 - "$tmp/detox.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["system"]["n"] == 3
assert r["system"]["sta"] > r["baselines"]["duplicate"]["sta"]
assert r["system"]["j"] > r["baselines"]["duplicate"]["j"]
assert r["baselines"]["duplicate"]["sim_chrf"] == 1.0
PY

# --- train toxicity: rebuilding gives the shipped model byte for byte ---
data="$SRC/../shared/data/toxicity"
if [ -f "$data/paradetox_dev.tsv" ]; then
  "$REFINERY" train toxicity --data "$data" -o "$tmp/tox.bin" --json --strict > "$tmp/train.json"
  cmp "$tmp/tox.bin" "$SRC/models/toxicity.bin" || fail "rebuilt model differs from models/toxicity.bin"
  cmp "$tmp/tox.lexicon.tsv" "$SRC/models/toxicity.lexicon.tsv" || fail "lexicon differs"
  cmp "$tmp/tox.fluency.bin" "$SRC/models/toxicity.fluency.bin" || fail "fluency LM differs"
  # The human references of the held-out ParaDetox split beat both baselines on J.
  "$REFINERY" eval detox --paradetox-heldout "$data" --strict > "$tmp/detox_heldout.txt" ||
    fail "eval detox --strict: human references do not beat the baselines"
fi
echo "score_test: OK"
