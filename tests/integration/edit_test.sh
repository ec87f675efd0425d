#!/usr/bin/env bash
# Black-box tests of program-based refinement: `refinery edit` (programs table and refine
# model), the `edit` pipeline step, `refinery distill`, `refinery train refiner` and
# `refinery eval edit`, on the sample corpus (web pages with gold boilerplate programs).
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

"$REFINERY_CORPUS" --out "$work/train" --gold-dir "$work/train_gold" --docs 1500 --seed 21 2>/dev/null
"$REFINERY_CORPUS" --out "$work/test" --gold-dir "$work/test_gold" --docs 600 --seed 22 2>/dev/null
corpus=$work/test/sample.jsonl
gold=$work/test_gold/sample.edit_gold.jsonl
[ -s "$gold" ] || fail "the corpus generator wrote no gold programs"

# --- edit with the gold programs: boilerplate lines are gone, others untouched ----------------
expect_code 0 "$REFINERY" edit "$corpus" -o "$work/gold_out.jsonl" --programs "$gold" --quiet
grep -q '"status":"changed"' "$work/gold_out.jsonl" || fail "no record changed"
grep -q '"reason":"no_program"' "$work/gold_out.jsonl" || fail "records without a program not marked"
# (only records that had a program: the generator's reposts carry no gold program)
if grep -q 'All rights reserved\|Skip to main content' <(grep '"source":"programs"' "$work/gold_out.jsonl"); then
  fail "boilerplate survived the gold programs"
fi
grep -c . "$corpus" > "$work/n_in"
[ "$(grep -c . "$work/gold_out.jsonl")" -le "$(cat "$work/n_in")" ] || fail "more records out than in"

# --- the same as a pipeline step; summary counters ---------------------------------------------
cat > "$work/p.yaml" <<YAML
input: $corpus
output: $work/run
steps:
  - edit: {programs: $gold, deletion_only: true, min_words: 0}
YAML
expect_code 0 "$REFINERY" run "$work/p.yaml" --quiet
grep -q '"lines_removed"' "$work/run/summary.json" || fail "summary.json lacks the edit counters"
# A typo in a parameter is an error naming the file and the parameter.
sed -e 's/min_words/min_wrds/' "$work/p.yaml" > "$work/bad.yaml"
expect_code 2 "$REFINERY" run "$work/bad.yaml" --quiet
grep -q "min_wrds" "$work/stderr" || fail "unknown parameter not named: $(cat "$work/stderr")"
# A broken programs file: one-line error naming file and line.
printf '{"id": "a", "program": "keep_doc()"}\n{"id": "b"}\n' > "$work/broken.jsonl"
expect_code 2 "$REFINERY" edit "$corpus" -o "$work/x.jsonl" --programs "$work/broken.jsonl"
grep -q "broken.jsonl:2: field 'program' is missing" "$work/stderr" || fail "bad error: $(cat "$work/stderr")"
# Hostile programs are bounded and counted, never fatal.
{
  printf '{"id": "web-0000000", "program": "remove_lines(0, 99999999999999)\\nremove_str(0, \\"%s\\")\\n__import__(\\"os\\")\\n"}\n' "$(head -c 5000 /dev/zero | tr '\0' a)"
} > "$work/hostile.jsonl"
expect_code 0 "$REFINERY" edit "$corpus" -o "$work/h.jsonl" --programs "$work/hostile.jsonl" --quiet

# --- distill: expert output -> programs that reproduce it exactly -------------------------------
expect_code 0 "$REFINERY" edit "$corpus" -o "$work/loose.jsonl" --programs "$gold" --quiet \
  --min-words 0 --min-kept-word-ratio 0
expect_code 0 "$REFINERY" distill --raw "$corpus" --refined "$work/loose.jsonl" \
  -o "$work/distilled.jsonl" --json
grep -q '"rejected": 0$' "$work/stdout" || fail "distillation rejected pairs: $(cat "$work/stdout")"
expect_code 0 "$REFINERY" eval edit --docs "$corpus" --gold "$work/distilled.jsonl" --pred "$gold" \
  --missing-gold skip --json
grep -q '"exact_doc_agreement": 1.0' "$work/stdout" || fail "distilled programs differ: $(cat "$work/stdout")"

# --- train on one corpus, evaluate on another -------------------------------------------------
expect_code 0 "$REFINERY" train refiner --input "$work/train/sample.jsonl" \
  --programs "$work/train_gold/sample.edit_gold.jsonl" -o "$work/corpus_model.bin"
expect_code 0 "$REFINERY" eval edit --docs "$corpus" --gold "$gold" --model "$work/corpus_model.bin" \
  --tokens --min-f1 0.95 --json
grep -q '"program_to_rewrite_ratio"' "$work/stdout" || fail "no token economics"
# --min-f1 can fail: a model that removes nothing is below it (exit 1).
printf '' > "$work/empty.jsonl"
expect_code 1 "$REFINERY" eval edit --docs "$corpus" --gold "$gold" --pred "$work/empty.jsonl" --min-f1 0.5

# --- the shipped model: rebuilding it (models/README.md) gives the same quality ------------------
expect_code 0 "$REFINERY" train refiner --synthetic 2000 --seed 1 -o "$work/models/new/rebuilt.bin"
mv "$work/models/new/rebuilt.bin" "$work/rebuilt.bin"  # -o made the directories
# An output path under a file is refused before any training, naming the option.
expect_code 2 "$REFINERY" train refiner --synthetic 2000 -o "$work/rebuilt.bin/x.bin"
grep -q -- '--output: cannot create directory' "$work/stderr" || fail "output dir: $(cat "$work/stderr")"
f1() { grep -o '"f1": [0-9.e-]*' "$work/stdout" | awk 'NR == 1 { print $2 }'; }
expect_code 0 "$REFINERY" eval edit --synthetic 400 --seed 1001 --model "$SRC/models/refiner.bin" --json
shipped=$(f1)
expect_code 0 "$REFINERY" eval edit --synthetic 400 --seed 1001 --model "$work/rebuilt.bin" --json
rebuilt=$(f1)
awk -v a="$shipped" -v b="$rebuilt" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.005 && a >= 0.95) }' \
  || fail "shipped model F1 $shipped vs rebuilt $rebuilt"
# The model in a pipeline, by name from the models directory.
expect_code 0 "$REFINERY" edit "$corpus" -o "$work/model_out.jsonl" --model "$SRC/models/refiner.bin" --quiet
grep -q '"source":"model"' "$work/model_out.jsonl" || fail "model source not logged"
echo "edit_test: ok"
