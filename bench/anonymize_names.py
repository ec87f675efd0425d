#!/usr/bin/env python3
"""Consistency and gender of PERSON surrogates after `refinery anonymize --operator surrogate`.

  bench/anonymize_names.py ORIGINAL.jsonl ANONYMIZED_DIR [SSA_TSV]

Reads each record's `refinery.anonymize` log against its original text and prints:
- one-word mentions of a full name's word: PERSON replacements of one word that equal (letters
  only, case and accents folded, possessive dropped) the first or last word of a longer PERSON
  replacement in the same record, and how many of them got the same surrogate word that the
  longer name's surrogate has there ("Priya Raghunathan" -> "Juliette Stevens", then
  "Raghunathan" -> "Stevens");
- gender of names of two words or more, or after a title: the gender of the original (the title
  before it, "Mrs." / "Mr." ..., else its first word in the US SSA 2010-14 list when at least
  90% of 20+ bearers share one) against the surrogate's first word in the same list; agree,
  differ, or unknown (either side not in the list). The list is the one models/ner.bin's gender
  bits come from, so "agree" measures the anonymizer against that list, not against people.
"""
import glob, json, re, sys, unicodedata

SSA = sys.argv[3] if len(sys.argv) > 3 else "../shared/data/gazetteers/first_names_us_ssa_2010_2014.tsv"
FEMALE_TITLES = {"mrs", "ms", "miss", "mme", "madame", "lady", "frau", "sra", "senora", "signora"}
MALE_TITLES = {"mr", "sir", "herr", "sr", "senor", "signor", "monsieur", "lord"}


def key(w):
    w = re.sub(r"('s|’s|')$", "", w)
    w = unicodedata.normalize("NFKD", w)
    return "".join(c for c in w if c.isalnum()).lower()


def words(s):
    return [w for w in s.split() if not re.fullmatch(r"[A-Za-z]\.?", w)]


def main():
    gender = {}
    with open(SSA) as f:
        next(f)
        for line in f:
            name, count, female, male = line.rstrip("\n").split("\t")
            count, female, male = int(count), int(female), int(male)
            if count >= 20:
                gender[name.lower()] = "F" if female * 10 >= count * 9 else "M" if male * 10 >= count * 9 else None
    texts = {}
    for line in open(sys.argv[1]):
        d = json.loads(line)
        texts[str(d["id"])] = d["text"]
    pairs = same = agree = differ = unknown = 0
    for path in sorted(glob.glob(sys.argv[2] + "/part-*.jsonl")):
        for line in open(path):
            d = json.loads(line)
            t = texts[str(d["id"])]
            reps = [r for r in d.get("refinery", {}).get("anonymize", []) if r["type"] == "PERSON"]
            full = []
            for r in reps:
                ow, sw = words(t[r["start"]:r["end"]]), words(r["surrogate"])
                if len(ow) >= 2 and len(sw) == len(ow):
                    full.append((ow, sw))
                before = t[max(0, r["start"] - 8):r["start"]].split()
                title = None
                if before:
                    b = before[-1].rstrip(".").lower()
                    title = "F" if b in FEMALE_TITLES else "M" if b in MALE_TITLES else None
                if len(ow) >= 2 or title:
                    og = title or (gender.get(key(ow[0])) if ow else None)
                    sg = gender.get(key(sw[0])) if sw else None
                    if og and sg:
                        agree += og == sg
                        differ += og != sg
                    else:
                        unknown += 1
            for r in reps:
                ow = words(t[r["start"]:r["end"]])
                if len(ow) != 1:
                    continue
                k = key(ow[0])
                for fw, sw in full:
                    hit = next((i for i in (0, -1) if key(fw[i]) == k), None)
                    if hit is not None:
                        pairs += 1
                        same += key(r["surrogate"]) == key(sw[hit])
                        break
    print(f"one-word mentions of a full name's first or last word: {pairs}, same surrogate word: {same}")
    print(f"gender, names of 2+ words or after a title: agree {agree}, differ {differ}, unknown {unknown}")


if __name__ == "__main__":
    main()
