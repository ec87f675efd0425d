#!/usr/bin/env python3
"""Naming traditions of PERSON surrogates against the locale of the original records.

  bench/anonymize_traditions.py ORIGINAL.jsonl ANONYMIZED_DIR [NAME_TRADITIONS_CC]

For records with a "locale" field (bench/pii_faker_dev.py writes Faker's), reads each
`refinery.anonymize` PERSON replacement of two words or more and the pools of
src/refinery/anonymize/name_traditions.cc, and prints per locale how many surrogates have their
last word in a tradition's family-name list ("general" when no tradition's list holds it: the
surrogate lists of all traditions, which English names and names of unknown tradition get).
Faker's names of a locale are an independent label of the original's tradition: de_DE German,
fr_FR French, it_IT Italian, es_ES Spanish, nl_NL Dutch, en_* English (general).
"""
import collections
import glob
import json
import os
import re
import sys
import unicodedata

SRC = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
    os.path.dirname(__file__), "..", "src", "refinery", "anonymize", "name_traditions.cc")


def fold(w):
    w = unicodedata.normalize("NFKD", w)
    return "".join(c for c in w if c.isalnum() or c == "-").lower()


def pools():
    text = open(SRC, encoding="utf-8").read()
    family = {}
    for m in re.finditer(r'\{NameTradition::k\w+, "([^"]+)",((?:\s*"[^"]*")+?),((?:\s*"[^"]*")+?),'
                         r'((?:\s*"[^"]*")+?)\}', text):
        name = m.group(1)
        fam = "".join(re.findall(r'"([^"]*)"', m.group(4)))
        for w in fam.split():
            family.setdefault(fold(w), set()).add(name)
    return family


def main():
    family = pools()
    orig = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        orig[r["id"]] = r.get("locale", "?")
    table = collections.defaultdict(collections.Counter)
    for path in sorted(glob.glob(os.path.join(sys.argv[2], "part-*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            locale = orig.get(r.get("id"), "?")
            for rep in r.get("refinery", {}).get("anonymize", []):
                if rep["type"] != "PERSON" or len(rep.get("surrogate", "").split()) < 2:
                    continue
                last = fold(rep["surrogate"].split()[-1])
                owners = family.get(last, set())
                table[locale][" / ".join(sorted(owners)) if owners else "general"] += 1
    print("| locale | full-name surrogates | most frequent traditions of the surrogate's last word |")
    print("| --- | ---: | --- |")
    for locale in sorted(table):
        c = table[locale]
        total = sum(c.values())
        top = ", ".join("%s %d" % (k, v) for k, v in c.most_common(4))
        print("| %s | %d | %s |" % (locale, total, top))


main()
