#!/usr/bin/env python3
"""Input for bench/llm_client_gdr_recall.sh from real sentences: the first N sentences of
../shared/data/ner/btc_test.iob2 (tweets, held out by the tagger's training; or FILE, any
IOB2 file there: gum_test.iob2, uner_en_ewt_dev.iob2, ...) that hold PER or LOC entities,
with those entities as the gold personal values. Tokens are joined with single spaces, as the
corpora give them ("Smith , who"), which a real model may normalise.

BTC's tokenisation splits a mention into "@" + "name" and tags both: they are joined back into
"@name", as the tweet was written, and the value is "@name" (not a lone "@").

  python3 bench/gdr_recall_btc.py [N] [FILE] > in.jsonl
"""
import json
import os
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
name = sys.argv[2] if len(sys.argv) > 2 else "btc_test.iob2"
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "ner", name)
if not os.path.exists(path):  # a worktree under /work/wt/NAME: the data is two levels up
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared",
                        "data", "ner", name)
sentences, cur = [], []
for line in open(path, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line:
        if cur:
            sentences.append(cur)
            cur = []
        continue
    tok, tag = line.split("\t")
    cur.append((tok, tag))
if cur:
    sentences.append(cur)

written = 0
for i, s in enumerate(sentences):
    toks, k = [], 0
    while k < len(s):
        tok, tag = s[k]
        if tok == "@" and k + 1 < len(s):
            nxt, nxt_tag = s[k + 1]
            toks.append(("@" + nxt, nxt_tag if nxt_tag != "O" else tag))
            k += 2
            continue
        toks.append((tok, tag))
        k += 1
    gold, ent = [], None
    for tok, tag in toks:
        if tag.startswith("B-") and tag[2:] in ("PER", "LOC"):
            if ent:
                gold.append(" ".join(ent))
            ent = [tok]
        elif tag.startswith("I-") and ent is not None and tag[2:] in ("PER", "LOC"):
            ent.append(tok)
        else:
            if ent:
                gold.append(" ".join(ent))
            ent = None
    if ent:
        gold.append(" ".join(ent))
    if gold:
        print(json.dumps({"id": f"{name}:{i}", "text": " ".join(t for t, _ in toks), "gold": gold},
                         ensure_ascii=False))
        written += 1
        if written == N:
            break
