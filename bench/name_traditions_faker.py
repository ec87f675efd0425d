#!/usr/bin/env python3
"""How the anonymizer reads the naming tradition of names of Faker's locales (an independent
label: Faker's name lists per locale, Debian's python3-fake-factory), 300 "first last" names
per locale, seed 7:
    /usr/bin/python3 bench/name_traditions_faker.py build-bench/bin/name_tradition
"""
import collections
import subprocess
import sys

from faker import Factory

EXPECTED = {  # locale: the tradition its names should be read as (None: English, the general lists)
    "de_DE": "German", "fr_FR": "French", "it_IT": "Italian", "es_ES": "Spanish",
    "nl_NL": "Dutch", "pl_PL": "Polish", "pt_PT": "Portuguese", "pt_BR": "Portuguese",
    "sv_SE": "Nordic", "no_NO": "Nordic", "dk_DK": "Nordic", "fi_FI": "Finnish",
    "tr_TR": "Turkish", "hu_HU": "Hungarian", "hr_HR": "South Slavic", "sl_SI": "South Slavic",
    "cs_CZ": "Czech / Slovak", "en_US": None, "en_GB": None,
}
names = []
for locale in EXPECTED:
    fake = Factory.create(locale)
    fake.seed(7)
    names += [(locale, fake.first_name() + " " + fake.last_name()) for _ in range(300)]
out = subprocess.run([sys.argv[1]], input="\n".join(n for _, n in names) + "\n",
                     capture_output=True, text=True, check=True).stdout.splitlines()
counts = collections.defaultdict(collections.Counter)
for (locale, _), line in zip(names, out):
    counts[locale][line.split("\t")[0]] += 1
print("| Faker locale | expected | read as expected | unknown (general lists) | another tradition |")
print("| --- | --- | ---: | ---: | ---: |")
for locale, expected in EXPECTED.items():
    c = counts[locale]
    ok = c.get(expected, 0) if expected else 0
    unknown = c.get("unknown", 0)
    print("| %s | %s | %d | %d | %d |" % (locale, expected or "none (general)", ok, unknown,
                                         sum(c.values()) - ok - unknown))
