#!/usr/bin/env python3
"""Found / total per type for the data-driven PII cases (tests/cases/pii/*.tsv), measured with
any build's `refinery detect`, so a branch's new cases can be scored on an older build too.

  bench/pii_cases_count.py REFINERY [FILE.tsv ...] [--from-line N] [--misses]

A positive case (TYPE, VALUE, TEXT) is found when a span of TYPE covers exactly VALUE; a
negative case (!TYPE) holds when no span of TYPE is reported. --from-line counts only the cases
from line N of each file on (a section appended to a file)."""
import collections, glob, json, os, subprocess, sys, tempfile

args = sys.argv[1:]
first = 1
misses = "--misses" in args
if misses:
    args.remove("--misses")
if "--from-line" in args:
    k = args.index("--from-line")
    first = int(args[k + 1])
    del args[k:k + 2]
refinery, files = args[0], args[1:] or sorted(glob.glob("tests/cases/pii/*.tsv"))
cases = []
for path in files:
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if n < first or not line or line.startswith("#"):
            continue
        t, v, text = line.split("\t", 2)
        un = lambda s: s.replace("\\n", "\n").replace("\\t", "\t")
        cases.append((t, un(v), un(text)))
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "in.jsonl"), "w", encoding="utf-8") as f:
        for i, (_, _, text) in enumerate(cases):
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    subprocess.run([refinery, "detect", os.path.join(d, "in.jsonl"), "-o", os.path.join(d, "out"),
                    "--threads", "1", "--quiet", "--overwrite"], check=True)
    spans = {}
    for p in glob.glob(os.path.join(d, "out", "part-*.jsonl")):
        for line in open(p, encoding="utf-8"):
            r = json.loads(line)
            spans[r["id"]] = [(s["type"], r["text"][s["start"]:s["end"]])
                              for s in r.get("refinery", {}).get("pii", [])]
pos, neg = collections.Counter(), collections.Counter()
hit, silent = collections.Counter(), collections.Counter()
for i, (t, v, _) in enumerate(cases):
    got = spans.get(i, [])
    if t.startswith("!"):
        t = t[1:]
        neg[t] += 1
        ok = not any(t == "ANY" or gt == t for gt, _ in got)
        silent[t] += ok
    else:
        pos[t] += 1
        ok = (t, v) in got
        hit[t] += ok
    if misses and not ok:
        print("miss:", cases[i][0], repr(cases[i][2]), got, file=sys.stderr)
print("| type | found | negatives silent |")
print("| --- | ---: | ---: |")
for t in sorted(set(pos) | set(neg)):
    print(f"| {t} | {hit[t]} / {pos[t]} | {silent[t]} / {neg[t]} |")
print(f"| all | {sum(hit.values())} / {sum(pos.values())} | {sum(silent.values())} / {sum(neg.values())} |")
