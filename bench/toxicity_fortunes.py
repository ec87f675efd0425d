#!/usr/bin/env python3
"""False positives of `refinery score toxicity` on text that real editors chose as inoffensive.

Debian's `fortunes` package (apt-get install fortunes) holds the fortune-mod collection without
its offensive part (bookworm no longer ships `fortunes-off`): about 15,000 quotations, jokes,
definitions, poems and IRC quips of many genres, none of them in ../shared/data. Every one is
meant to be harmless, so every score at or above the threshold is a false positive or a quip
that uses an insult on no one ("Make it idiot-proof, and someone will breed a better idiot.").
Prints the share at or above --threshold per file and overall, and where the highest-scoring
sentence of such a fortune is a fragment of at most three words (an attribution such as
"-- Bill Hoest", a name such as "James Dickey"), since the document score is its most toxic
sentence's.

  /usr/bin/python3 bench/toxicity_fortunes.py build/bin/refinery [--show N]
  TOX_MODEL=/tmp/t.bin /usr/bin/python3 bench/toxicity_fortunes.py ...   (another model file)
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

FORTUNES = "/usr/share/games/fortunes"


def fortunes():
    for path in sorted(glob.glob(os.path.join(FORTUNES, "*"))):
        name = os.path.basename(path)
        # The .dat indexes and .u8 links are not texts; ascii-art is pictures.
        if "." in name or os.path.islink(path) or name == "ascii-art":
            continue
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        for i, item in enumerate(text.split("\n%\n")):
            item = item.strip("\n%")
            if len(item) > 20:
                yield {"id": f"{name}:{i}", "text": item}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("refinery")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--show", type=int, default=0, help="print the N highest-scoring fortunes")
    args = ap.parse_args()
    if not os.path.isdir(FORTUNES):
        print(f"{FORTUNES} is missing: apt-get install fortunes", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        src = os.path.join(work, "fortunes.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for rec in fortunes():
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out = os.path.join(work, "scored")
        subprocess.run([args.refinery, "score", "toxicity", src, "-o", out, "--sentences", "true",
                        "--overwrite", "--quiet"] + (["--model", os.environ["TOX_MODEL"]] if os.environ.get("TOX_MODEL") else []), check=True)
        total, high = collections.Counter(), collections.Counter()
        fragment, rows = 0, []
        with open(os.path.join(out, "part-00000-00000.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                group = r["id"].split(":")[0]
                score = r["refinery"]["scores"]["toxicity"]
                total[group] += 1
                if score < args.threshold:
                    continue
                high[group] += 1
                sents = r["refinery"].get("toxicity_sentences", [])
                top = max(sents, key=lambda s: s["toxicity"]) if sents else None
                top_text = r["text"][top["start"]:top["end"]].strip() if top else ""
                fragment += len(top_text.split()) <= 3
                rows.append((score, r["id"], top_text, r["text"]))
    n, h = sum(total.values()), sum(high.values())
    print(f"{n} fortunes, {h} ({h / n:.3f}) score >= {args.threshold}; in {fragment} of those "
          f"the most toxic sentence has at most three words")
    for group in sorted(total, key=lambda g: -high[g] / total[g]):
        print(f"  {group:14s} {high[group]:4d} / {total[group]:4d}  {high[group] / total[group]:.3f}")
    for score, rid, top, text in sorted(rows, reverse=True)[:args.show]:
        print(f"{score:.3f} {rid}: [{top[:60]}] {text[:120]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
