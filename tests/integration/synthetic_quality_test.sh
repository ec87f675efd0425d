#!/usr/bin/env bash
# Synthetic-data quality end to end: generate human-like and templated machine-like records,
# `refinery train detector`, `refinery score ai` (and the ai_score step), `refinery order` by
# the score, `refinery mix` with proportions and provenance, and `refinery metrics`.
# Env: REFINERY.
set -euo pipefail
: "${REFINERY:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d'+sys.argv[2]))" "$@"; }

# gen KIND SEED N PREFIX: human = varied words, sentence lengths and punctuation;
# machine = a few templates with uniform sentences.
gen() {
  awk -v kind="$1" -v seed="$2" -v n="$3" -v prefix="$4" 'BEGIN {
    srand(seed);
    nw = split("honestly the bus was late again so i walked past bakery smelled amazing my sister says weird cat fence rain yesterday kinda coffee broke laptop fixed it with tape lol grandma garden tomatoes huge neighbor dog barked all night tired meeting boss forgot keys train station cold soup bike flat tire movie boring ending twist friend", w, " ");
    split(". ! ? ... . !! .", ends, " ");
    split("technology education sustainability innovation communication healthcare", topics, " ");
    split("modern society|the global economy|our daily lives|the workplace|future generations", fields, "|");
    split("is an important aspect of|plays a crucial role in shaping|offers numerous benefits for|remains a key factor in", verbs, "|");
    split("Furthermore, |Additionally, |In conclusion, |Overall, |", starts, "|");
    for (d = 0; d < n; d++) {
      text = "";
      if (kind == "human") {
        ns = 2 + int(rand() * 5);
        for (s = 0; s < ns; s++) {
          len = 2 + int(rand() * 22);
          for (k = 0; k < len; k++) {
            word = w[1 + int(rand() * nw)];
            if (k == 0 && rand() < 0.6) word = toupper(substr(word, 1, 1)) substr(word, 2);
            text = text word;
            if (k + 1 < len) { r = rand(); text = text (r < 0.08 ? ", " : (r < 0.12 ? " - " : " ")); }
          }
          text = text ends[1 + int(rand() * 7)] " ";
        }
      } else {
        ns = 3 + int(rand() * 3);
        for (s = 0; s < ns; s++) {
          t = topics[1 + int(rand() * 6)];
          text = text starts[1 + int(rand() * 5)] t " " verbs[1 + int(rand() * 4)] " " fields[1 + int(rand() * 5)] ". ";
        }
      }
      printf("{\"id\":\"%s%d\",\"text\":\"%s\"}\n", prefix, d, text);
    }
  }'
}
gen human 1 300 h > "$work/human.jsonl"
gen machine 2 300 m > "$work/machine.jsonl"
gen human 3 50 th > "$work/test_human.jsonl"
gen machine 4 50 tm > "$work/test_machine.jsonl"

"$REFINERY" train detector --human "$work/human.jsonl" --machine "$work/machine.jsonl" \
  -o "$work/detector.bin" --hash-bits 16 --epochs 5 --json > "$work/train.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['holdout_auc'] >= 0.95 else 1)" \
  "$work/train.json" || fail "holdout AUC too low: $(cat "$work/train.json")"

cat "$work/test_human.jsonl" "$work/test_machine.jsonl" > "$work/test.jsonl"
"$REFINERY" score ai "$work/test.jsonl" -o "$work/scored.jsonl" --model "$work/detector.bin" --quiet
[ "$(wc -l < "$work/scored.jsonl")" -eq 100 ] || fail "score ai lost records"
python3 - "$work/scored.jsonl" <<'PY' || fail "ai_human does not separate fresh human from machine text"
import json, sys
h, m = [], []
for line in open(sys.argv[1]):
    r = json.loads(line)
    p = r["refinery"]["scores"]["ai_human"]
    (h if r["id"].startswith("th") else m).append(p)
right = sum(p > 0.5 for p in h) + sum(p < 0.5 for p in m)
assert right >= 95, (right, sum(h) / len(h), sum(m) / len(m))
PY
# The same step in a pipeline.
cat > "$work/pipe.yaml" <<YAML
input: $work/test.jsonl
output: $work/run
steps:
  - ai_score: {model: $work/detector.bin, threshold: 0.5}
YAML
"$REFINERY" run "$work/pipe.yaml" --quiet
cat "$work"/run/part-*.jsonl | grep -c '"ai_human"' | grep -qx 100 || fail "ai_score step"
if "$REFINERY" score ai "$work/test.jsonl" -o "$work/x.jsonl" --model "$work/missing.bin" --quiet 2> "$work/err"; then
  fail "a missing model must fail"
fi
grep -q "missing.bin" "$work/err" || fail "error does not name the model file"

# Curriculum: most human-like first.
"$REFINERY" order "$work/scored.jsonl" -o "$work/ordered.jsonl" --by refinery.scores.ai_human --descending
head -1 "$work/ordered.jsonl" | grep -q '"id":"th' || fail "order: a human record should come first"
tail -1 "$work/ordered.jsonl" | grep -q '"id":"tm' || fail "order: a machine record should come last"
"$REFINERY" order "$work/scored.jsonl" -o "$work/manifest.jsonl" --by refinery.scores.ai_human --manifest
head -1 "$work/manifest.jsonl" | grep -q '"rank":0' || fail "order --manifest"

# Mix 70/30 real/synthetic, seeded, with provenance.
"$REFINERY" mix -s real="$work/human.jsonl" -s synth="$work/machine.jsonl" -p real=0.7,synth=0.3 \
  --total 200 --seed 9 -o "$work/mix.jsonl" --json > "$work/mix.json"
[ "$(wc -l < "$work/mix.jsonl")" -eq 200 ] || fail "mix size"
[ "$(grep -c '"source":"real"' "$work/mix.jsonl")" -eq 140 ] || fail "mix proportions"
cp "$work/mix.jsonl" "$work/mix1.jsonl"
"$REFINERY" mix -s real="$work/human.jsonl" -s synth="$work/machine.jsonl" -p real=0.7,synth=0.3 \
  --total 200 --seed 9 -o "$work/mix.jsonl" 2>/dev/null
cmp -s "$work/mix.jsonl" "$work/mix1.jsonl" || fail "mix is not deterministic"
[ -s "$work/mix.jsonl.manifest.json" ] || fail "mix manifest"
if "$REFINERY" mix -s real="$work/human.jsonl" -p nope=1 -o "$work/bad.jsonl" 2>/dev/null; then
  fail "unknown source in --proportions must fail"
fi

# Metrics: templated text is less diverse.
"$REFINERY" metrics "$work/human.jsonl" "$work/machine.jsonl" --json > "$work/metrics.json"
python3 - "$work/metrics.json" "$work/human.jsonl" "$work/machine.jsonl" <<'PY' || fail "metrics"
import json, sys
d = json.load(open(sys.argv[1]))["inputs"]
h, m = d[sys.argv[2]], d[sys.argv[3]]
assert h["docs"] == 300 and m["docs"] == 300
assert h["distinct_2"] > m["distinct_2"] and h["self_bleu"] < m["self_bleu"], (h, m)
assert h["vendi"] > m["vendi"]
PY
"$REFINERY" metrics "$work/human.jsonl" > /dev/null || fail "metrics table output"
if "$REFINERY" metrics "$work/nope.jsonl" 2> "$work/err"; then fail "missing input must fail"; fi
grep -q "nope.jsonl" "$work/err" || fail "error does not name the input"
echo "synthetic_quality_test: OK"
