#!/usr/bin/env python3
"""Recall and silence of the national ids of session fifty-two, against an implementation written
by others: python-stdnum (Debian's python3-stdnum; run with /usr/bin/python3). Draws N values per
type that stdnum accepts, puts each in a sentence after its cue and in one without a cue, and a
copy whose last character is changed after the cue; runs `refinery detect` and counts, per type
and form, the values found as that type (exact span) and the changed values left silent where
stdnum refuses them.
    /usr/bin/python3 bench/national_ids_stdnum.py build/bin/refinery [N] [SEED]
"""
import json
import os
import random
import subprocess
import sys
import tempfile

from stdnum import luhn
from stdnum.ca import sin
from stdnum.de import idnr
from stdnum.fi import hetu
from stdnum.it import codicefiscale
from stdnum.kr import rrn
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.th import pin
from stdnum.za import idnr as za_idnr

refinery = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)


def digits(k):
    return "".join(rng.choice("0123456789") for _ in range(k))


def fiscal_code():
    base = ("".join(rng.choice("BCDFGHJKLMNPRSTVZ") for _ in range(6)) + digits(2) +
            rng.choice("ABCDEHLMPRST") + "%02d" % (rng.randint(1, 28) + rng.choice([0, 40])) +
            rng.choice("ABCDEFGHILMZ") + "%03d" % rng.randint(1, 999))
    return base + codicefiscale.calc_check_digit(base)


def pesel_number():
    base = "%02d%02d%02d" % (rng.randint(0, 99), rng.randint(1, 12) + rng.choice([0, 20]),
                             rng.randint(1, 28)) + digits(4)
    return base + pesel.calc_check_digit(base)


def hetu_code():
    date = "%02d%02d%02d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99))
    individual = "%03d" % rng.randint(2, 899)
    return date + rng.choice("-A+YB") + individual + hetu._calc_checksum(date + individual)


def personnummer_number():
    base = "%02d%02d%02d" % (rng.randint(0, 99), rng.randint(1, 12), rng.randint(1, 28)) + digits(3)
    full = base + luhn.calc_check_digit(base)
    return full[:6] + "-" + full[6:]


def rrn_number():
    g = rng.choice("1234")
    base = ("%02d%02d%02d" % (rng.randint(0, 99 if g in "12" else 19), rng.randint(1, 12),
                              rng.randint(1, 28)) + g + "%02d" % rng.randint(0, 95) + digits(3))
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    check = (11 - sum(int(a) * b for a, b in zip(base, weights)) % 11) % 10
    return base[:6] + "-" + base[6:] + str(check)


def za_id():
    base = ("%02d%02d%02d" % (rng.randint(0, 99), rng.randint(1, 12), rng.randint(1, 28)) +
            digits(4) + rng.choice("01") + rng.choice("89"))
    return base + luhn.calc_check_digit(base)


def ca_sin():
    base = rng.choice("12345679") + digits(7)
    full = base + luhn.calc_check_digit(base)
    return "%s-%s-%s" % (full[:3], full[3:6], full[6:])


def th_tnin():
    province = rng.choice([p for p in range(10, 100) if p not in
                           (28, 29, 59, 68, 69, 78, 79, 87, 88, 89, 97, 98, 99)])
    base = rng.choice("12345678") + "%02d" % province + digits(9)
    full = base + pin.calc_check_digit(base)
    return "%s-%s-%s-%s-%s" % (full[0], full[1:5], full[5:10], full[10:12], full[12])


def de_tax_id():
    while True:
        base = rng.choice("123456789") + digits(9)
        counts = sorted(base.count(c) for c in set(base))
        if counts[-1] in (2, 3) and counts.count(1) == len(counts) - 1:
            from stdnum.iso7064 import mod_11_10
            full = base + mod_11_10.calc_check_digit(base)
            return "%s %s %s %s" % (full[:2], full[2:5], full[5:8], full[8:])


TYPES = {  # type: (maker, stdnum module, cue)
    "IT_FISCAL_CODE": (fiscal_code, codicefiscale, "Codice fiscale: "),
    "PL_PESEL": (pesel_number, pesel, "PESEL: "),
    "FI_PERSONAL_IDENTITY_CODE": (hetu_code, hetu, "Henkilötunnus: "),
    "SE_PERSONNUMMER": (personnummer_number, personnummer, "Personnummer: "),
    "KR_RRN": (rrn_number, rrn, "RRN: "),
    "ZA_ID_NUMBER": (za_id, za_idnr, "ID number: "),
    "CA_SIN": (ca_sin, sin, "SIN: "),
    "TH_TNIN": (th_tnin, pin, "Thai national ID "),
    "DE_TAX_ID": (de_tax_id, idnr, "Steuer-ID: "),
}

cases = []  # (type, form, value, expected_found, text)
for t, (make, module, cue) in TYPES.items():
    made = 0
    while made < n:
        v = make()
        if not module.is_valid(v):
            continue
        made += 1
        cases.append((t, "after its cue", v, True, cue + v))
        cases.append((t, "no cue", v, True, "The form lists %s for the applicant." % v))
        last = v[-1]
        pool = "0123456789" if last.isdigit() and t != "FI_PERSONAL_IDENTITY_CODE" else \
            "0123456789ABCDEFHJKLMNPRSTUVWXY"
        changed = v[:-1] + rng.choice([c for c in pool if c != last])
        cases.append((t, "changed, after its cue", changed, module.is_valid(changed), cue + changed))

with tempfile.TemporaryDirectory() as work:
    src = os.path.join(work, "in.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i, c in enumerate(cases):
            f.write(json.dumps({"id": i, "text": c[4]}, ensure_ascii=False) + "\n")
    out = os.path.join(work, "out")
    subprocess.run([refinery, "detect", src, "-o", out, "--quiet", "--threads", "1"], check=True)
    records = [json.loads(line) for line in open(os.path.join(out, "part-00000-00000.jsonl"),
                                                 encoding="utf-8")]

table = {}
for (t, form, v, expected, _), r in zip(cases, records):
    text = r["text"]
    found = any(s["type"] == t and text[s["start"]:s["end"]] == v for s in r["refinery"]["pii"])
    row = table.setdefault((t, form), [0, 0, 0])
    row[0] += 1
    row[1] += found
    row[2] += expected
print("| type | form | values | found | stdnum accepts |")
print("| --- | --- | ---: | ---: | ---: |")
for (t, form), (total, found, accepted) in table.items():
    print("| %s | %s | %d | %d | %d |" % (t, form, total, found, accepted))
