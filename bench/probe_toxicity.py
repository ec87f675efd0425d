#!/usr/bin/env python3
"""`refinery score toxicity` on a probe of labelled sentences, at 0.5.

  bench/probe_toxicity.py BUILD/bin/refinery bench/probes/toxicity_genres.tsv

A probe line is `label<TAB>text` (1 toxic, 0 harmless). Prints the sentences on the wrong side
of 0.5 with their score, then the counts on each side and the AUC. The probe was written before
the model was run on it.
"""
import sys

from probe_run import read_probe, run_verb


def main():
    binary, probe = sys.argv[1], sys.argv[2]
    rows = read_probe(probe)
    records = run_verb(binary, ['score', 'toxicity'],
                       [{'text': text, 'label': int(label)} for label, text in rows])
    toxic, harmless = [], []
    for r in records:
        score = r['refinery']['scores']['toxicity']
        (toxic if r['label'] else harmless).append(score)
        if (score >= 0.5) != (r['label'] == 1):
            print(f"{r['label']} {score:.2f} {r['text']}")
    auc = sum((p > n) + 0.5 * (p == n) for p in toxic for n in harmless) / (len(toxic) * len(harmless))
    print(f'harmless below 0.5: {sum(s < 0.5 for s in harmless)}/{len(harmless)}; '
          f'toxic at or above 0.5: {sum(s >= 0.5 for s in toxic)}/{len(toxic)}; AUC {auc:.3f}')


if __name__ == '__main__':
    main()
