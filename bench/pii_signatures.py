#!/usr/bin/env python3
"""PERSON recall on names that real people wrote before their e-mail address.

Two sets are cut from the machine's own /usr/share/doc (so they hold whatever packages are
installed; the figures in docs/pii.md name the machine's count):
  changelog  the last three entries of each changelog.Debian.gz, gold = the name of the trailer
             line " -- Name <address>  date" (1,500 entries sampled with seed 1; the development
             set of the display-name rule)
  copyright  the paragraphs of each DEP-5 copyright file with a line "[Copyright:] [(C)] YEARS
             Name <address>", gold = every such name (1,500 paragraphs sampled with seed 2; kept
             out while the rule was written)
  mentions   the names of those trailers (two or more capitalised words) where the bodies of other
             entries mention them: mostly "[ Name ]" author lines, also "Thanks to Name"; 1,500
             bodies of each changelog's entries 4-40 (seed 3: the development set of the author-line
             rule) and 1,500 of its entries 41-200 (seed 4: held out)
The gold comes from the files' own structure, not from anyone's labels: a few "names" are
firms or projects ("Collabora Ltd."). A name counts as found when a PERSON span covers it
exactly; "overlap" when one only overlaps it. "survive" is the share of gold names still written
as they were in the text after `refinery anonymize --operator surrogate` (a leak).

  /usr/bin/python3 bench/pii_signatures.py build/bin/refinery [--show N]
"""
import argparse
import glob
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile

COPYRIGHT_LINE = re.compile(
    r"^[ \t]*(?:Copyright:?[ \t]*)?(?:\([cC]\)|©)?[ \t]*(?:\d{4}(?:[-–, ]+\d{4})*[,]?)[ \t]+"
    r"([^<>\n]+?)[ \t]*<([^@>\s]+@[^>\s]+)>",
    re.M,
)
TRAILER = re.compile(r"\n -- (.+?) <([^>]+)>  (.+)$", re.M)


def changelog_set(n):
    recs = []
    for f in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        try:
            text = gzip.open(f, "rt", encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        for entry in re.split(r"\n(?=\S)", text)[:3]:
            entry = entry.strip("\n")
            m = TRAILER.search(entry)
            if not m or len(entry) > 4000:
                continue
            name = m.group(1)
            at = entry.rfind(" -- " + name + " <") + 4
            recs.append({"id": f"{f.split('/')[4]}:{len(recs)}", "text": entry,
                         "names": [[at, at + len(name)]]})
    random.Random(1).shuffle(recs)
    return recs[:n]


def mention_sets(n):
    names, entries = set(), []
    for f in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        try:
            text = gzip.open(f, "rt", encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        parts = re.split(r"\n(?=\S)", text)
        for entry in parts:
            for m in TRAILER.finditer("\n" + entry.strip("\n")):
                names.add(m.group(1))
        entries += [(f.split("/")[4], k, e.strip("\n")) for k, e in enumerate(parts[3:200], 3)]
    names = sorted((x for x in names if len(x.split()) >= 2 and all(w[0].isupper() for w in x.split())),
                   key=len, reverse=True)
    mention = re.compile("|".join(re.escape(x) for x in names))
    dev, held_out = [], []
    for pkg, k, entry in entries:
        body = "\n".join(line for line in entry.split("\n") if not line.startswith(" -- "))
        if len(body) >= 4000:
            continue
        found = [[m.start(), m.end()] for m in mention.finditer(body)
                 if body[m.end():m.end() + 2] != " <"
                 and (m.start() == 0 or not body[m.start() - 1].isalpha())
                 and (m.end() == len(body) or not body[m.end()].isalpha())]
        if found:
            (dev if k < 40 else held_out).append(
                {"id": f"{pkg}:{len(dev) + len(held_out)}", "text": body, "names": found})
    random.Random(3).shuffle(dev)
    random.Random(4).shuffle(held_out)
    return dev[:n], held_out[:n]


def copyright_set(n):
    recs = []
    for f in sorted(glob.glob("/usr/share/doc/*/copyright")):
        try:
            text = open(f, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        for para in text.split("\n\n"):
            if len(para) > 3000:
                continue
            names = []
            for m in COPYRIGHT_LINE.finditer(para):
                a, b = m.span(1)
                if m.group(1).startswith("by "):
                    a += 3
                names.append([a, b])
            if names:
                recs.append({"id": f"{f.split('/')[4]}:{len(recs)}", "text": para, "names": names})
    random.Random(2).shuffle(recs)
    return recs[:n]


def score(refinery, name, recs, work, show):
    src = os.path.join(work, name + ".jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    out = os.path.join(work, name + ".out")
    subprocess.run([refinery, "detect", src, "-o", out, "--overwrite", "--quiet"], check=True)
    pred = {}
    with open(os.path.join(out, "part-00000-00000.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            pred[r["id"]] = r["refinery"].get("pii", [])
    total = exact = overlap = 0
    misses = []
    for r in recs:
        spans = pred[r["id"]]
        persons = [(s["start"], s["end"]) for s in spans if s["type"] == "PERSON"]
        for a, b in r["names"]:
            total += 1
            if (a, b) in persons:
                exact += 1
            elif any(x < b and a < y for x, y in persons):
                overlap += 1
            else:
                misses.append((r["text"][a:b], [(r["text"][s["start"]:s["end"]], s["type"])
                                                for s in spans if s["start"] < b and a < s["end"]]))
    anon = os.path.join(work, name + ".anon")
    subprocess.run([refinery, "anonymize", src, "-o", anon, "--operator", "surrogate",
                    "--overwrite", "--quiet"], check=True)
    surviving = 0
    texts = {r["id"]: r for r in recs}
    with open(os.path.join(anon, "part-00000-00000.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rec = texts[r["id"]]
            surviving += sum(rec["text"][a:b] in r["text"] for a, b in rec["names"])
    print(f"{name:10s} texts {len(recs):5d} names {total:5d}  exact {exact / total:.3f}  "
          f"overlap only {overlap / total:.3f}  missed {(total - exact - overlap) / total:.3f}  "
          f"survive {surviving / total:.3f}")
    for m in misses[:show]:
        print("   missed:", m)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("refinery")
    ap.add_argument("-n", type=int, default=1500)
    ap.add_argument("--show", type=int, default=0, help="print the first N misses of each set")
    args = ap.parse_args()
    changelogs = len(glob.glob("/usr/share/doc/*/changelog.Debian.gz"))
    print(f"{changelogs} changelog.Debian.gz files under /usr/share/doc")
    with tempfile.TemporaryDirectory() as work:
        score(args.refinery, "changelog", changelog_set(args.n), work, args.show)
        score(args.refinery, "copyright", copyright_set(args.n), work, args.show)
        dev, held_out = mention_sets(args.n)
        score(args.refinery, "mentions", dev, work, args.show)
        score(args.refinery, "mentions-h", held_out, work, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
