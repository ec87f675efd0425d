#!/usr/bin/env bash
# Black-box test of the generated CLI options: every option of every verb has an environment
# variable and a help text that says its default (or that it is required, or a plain switch);
# a step's table is its verb's flags; a flag wins over its variable; `refinery steps --json`
# lists every step with its parameters.
set -euo pipefail
: "${REFINERY:?path of the refinery binary}" "${SRC:?repository root}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- every verb's --help: each option has (Env:REFINERY_...) and a default ---
python3 - "$REFINERY" <<'PY'
import re, subprocess, sys
binary = sys.argv[1]

def help_of(path):
    return subprocess.run([binary, *path, "--help"], capture_output=True, text=True).stdout

def entries(text, section):
    """Option entries of one help section: the name line plus its indented description."""
    out, inside = [], False
    for line in text.splitlines():
        if re.match(r"^\S.*:$", line):
            inside = line == section + ":"
            continue
        if not inside or not line.strip():
            continue
        if re.match(r"^  \S", line):
            out.append(line)
        elif out:
            out[-1] += " " + line.strip()
    return out

def subcommands(text):
    return [e.split()[0] for e in entries(text, "Subcommands")]

verbs, todo = [], [[]]
while todo:
    path = todo.pop()
    text = help_of(path)
    subs = subcommands(text)
    if path and not subs:
        verbs.append((path, text))
    todo.extend(path + [s] for s in subs)
assert len(verbs) >= 25, f"only {len(verbs)} verbs found"

problems, options = [], 0
for path, text in verbs:
    verb = " ".join(path)
    prefix = "REFINERY_"
    for entry in entries(text, "Options") + entries(text, "Positionals"):
        name = entry.split()[0]
        if name.startswith("-h,") or name == "--help":
            continue
        options += 1
        if f"(Env:{prefix}" not in entry:
            problems.append(f"{verb} {name}: no environment variable: {entry}")
        typed = re.match(r"^  \S+ [A-Z]+", entry) is not None
        has_default = ("=" in entry.split("(Env:")[0]) or "REQUIRED" in entry or \
            "default" in entry.lower() or "required" in entry.lower()
        if typed and not has_default:
            problems.append(f"{verb} {name}: help does not say the default: {entry}")
        # The default is generated once: never a value after '=' and a "(default ...)" typed
        # into the help text as well.
        head = entry.split("(Env:")[0]
        if "=" in head.split()[1 if len(head.split()) > 1 else 0] and "(default" in entry:
            problems.append(f"{verb} {name}: default given twice: {entry}")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{len(verbs)} verbs, {options} options: each has an environment variable and a default")
PY

# --- a step's table is its verb's flags, with defaults from the table ---
"$REFINERY" detect --help > "$tmp/detect.txt"
grep -q -- '--min-score,--min_score NUMBER=0.5 (Env:REFINERY_DETECT_MIN_SCORE)' "$tmp/detect.txt" ||
  fail "detect --help: --min-score not generated from the table: $(grep min.score "$tmp/detect.txt")"
"$REFINERY" score quality --help > "$tmp/quality.txt"
grep -q -- '--min_doc_words,--min-doc-words' "$tmp/quality.txt" || fail "score quality: no rule flags"

cat > "$tmp/in.jsonl" <<'JSONL'
{"id":"a","text":"Write to john.smith@gmail.com or call (212) 736-4821 about the invoice."}
JSONL

# --- environment variables set step parameters; a flag wins over its variable ---
REFINERY_DETECT_TYPES=PHONE_NUMBER "$REFINERY" detect "$tmp/in.jsonl" -o "$tmp/env.jsonl" -q
grep -q '"type":"PHONE_NUMBER"' "$tmp/env.jsonl" || fail "REFINERY_DETECT_TYPES: no phone span"
grep -q '"type":"EMAIL_ADDRESS"' "$tmp/env.jsonl" && fail "REFINERY_DETECT_TYPES ignored"
REFINERY_DETECT_TYPES=PHONE_NUMBER "$REFINERY" detect "$tmp/in.jsonl" -o "$tmp/flag.jsonl" -q \
  --types EMAIL_ADDRESS
grep -q '"type":"EMAIL_ADDRESS"' "$tmp/flag.jsonl" || fail "--types did not win over the variable"
grep -q '"type":"PHONE_NUMBER"' "$tmp/flag.jsonl" && fail "--types did not win over the variable"

# --- a bad value names the parameter, through a flag or a variable ---
if REFINERY_DETECT_MIN_SCORE=2 "$REFINERY" detect "$tmp/in.jsonl" -o "$tmp/x.jsonl" -q 2> "$tmp/err"; then
  fail "min_score 2 accepted"
fi
grep -q "parameter 'min_score': must be in \[0, 1\]" "$tmp/err" || fail "message: $(cat "$tmp/err")"
REFINERY_DETECT_MIN_SCORE=2 "$REFINERY" detect "$tmp/in.jsonl" -o "$tmp/x.jsonl" -q --min-score 0.5 ||
  fail "--min-score did not win over REFINERY_DETECT_MIN_SCORE"
if "$REFINERY" anonymize "$tmp/in.jsonl" -o "$tmp/x.jsonl" -q --operator scramble 2> "$tmp/err"; then
  fail "operator scramble accepted"
fi
grep -q "parameter 'operator': unknown value 'scramble'" "$tmp/err" || fail "message: $(cat "$tmp/err")"

# --- the same parameters through YAML: type, range and unknown keys name file and line ---
cat > "$tmp/p.yaml" <<YAML
input: $tmp/in.jsonl
output: $tmp/out
steps:
  - sample: {fraction: 0.5}
  - pii_detect:
      min_scor: 0.5
YAML
if "$REFINERY" run "$tmp/p.yaml" -q 2> "$tmp/err"; then fail "typo accepted"; fi
grep -q "p.yaml:6: step 'pii_detect': unknown parameter 'min_scor' (known: types, min_score," "$tmp/err" ||
  fail "message: $(cat "$tmp/err")"

# --- verbs that are not transform verbs: their tables give defaults and variables too ---
"$REFINERY" metrics --help > "$tmp/metrics.txt"
grep -q -- '--sample-docs UINT=2000 (Env:REFINERY_METRICS_SAMPLE_DOCS)' "$tmp/metrics.txt" ||
  fail "metrics --help: --sample-docs default not from the library: $(grep sample-docs "$tmp/metrics.txt")"
"$REFINERY" order --help > "$tmp/order.txt"
grep -q -- '--missing TEXT=last (Env:REFINERY_ORDER_MISSING)' "$tmp/order.txt" ||
  fail "order --help: $(grep -- --missing "$tmp/order.txt")"
cat > "$tmp/scored.jsonl" <<'JSONL'
{"id":"a","text":"first record with some words in it","score":0.2}
{"id":"b","text":"second record, no score"}
{"id":"c","text":"third record with other words","score":0.9}
JSONL
REFINERY_METRICS_SEED=7 "$REFINERY" metrics "$tmp/scored.jsonl" --json > "$tmp/m7.json" 2>/dev/null
REFINERY_METRICS_SEED=7 "$REFINERY" metrics "$tmp/scored.jsonl" --json --seed 9 > "$tmp/m9.json" 2>/dev/null
python3 - "$tmp/m7.json" "$tmp/m9.json" <<'PY'
import json, sys
assert json.load(open(sys.argv[1]))["seed"] == 7, "REFINERY_METRICS_SEED ignored"
assert json.load(open(sys.argv[2]))["seed"] == 9, "--seed did not win over REFINERY_METRICS_SEED"
PY
REFINERY_ORDER_MISSING=drop "$REFINERY" order "$tmp/scored.jsonl" -o "$tmp/ordered.jsonl" --by score 2>/dev/null
[ "$(grep -c . "$tmp/ordered.jsonl")" = 2 ] || fail "REFINERY_ORDER_MISSING=drop ignored"
"$REFINERY" order "$tmp/scored.jsonl" -o "$tmp/ordered.jsonl" --by score 2>/dev/null
[ "$(grep -c . "$tmp/ordered.jsonl")" = 3 ] || fail "order: --missing default is not last"
if REFINERY_ORDER_MISSING=sideways "$REFINERY" order "$tmp/scored.jsonl" -o "$tmp/x.jsonl" --by score \
    2> "$tmp/err"; then
  fail "REFINERY_ORDER_MISSING=sideways accepted"
fi
grep -q "sideways" "$tmp/err" || fail "message: $(cat "$tmp/err")"

# --- refinery steps --json: every step with its parameters ---
"$REFINERY" steps --json > "$tmp/steps.json"
python3 - "$tmp/steps.json" <<'PY'
import json, sys
steps = {s["name"]: s for s in json.load(open(sys.argv[1]))}
for name in ["filter", "select", "rename", "dedup_exact", "sample", "stats", "pii_detect",
             "pii_anonymize", "toxicity_score", "toxicity_mask", "quality_filter", "lang_id",
             "edit", "ai_score"]:
    params = steps[name]["params"]
    assert params, name
    for p in params:
        assert {"name", "type", "default", "help"} <= p.keys(), (name, p)
by = {p["name"]: p for p in steps["pii_detect"]["params"]}
assert by["min_score"] == {"name": "min_score", "type": "double", "default": 0.5,
                           "help": by["min_score"]["help"], "min": 0.0, "max": 1.0,
                           "flag": "--min-score"}, by["min_score"]
sample = {p["name"]: p for p in steps["sample"]["params"]}
assert sample["by"]["choices"] == ["id", "text"] and sample["fraction"]["required"]
PY
"$REFINERY" steps sample > "$tmp/sample.txt"
grep -q "^    fraction " "$tmp/sample.txt" || fail "refinery steps sample: no fraction"
echo "cli_options_test: OK"
