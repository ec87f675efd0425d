"""Runs a refinery verb on probe records and returns its output records (bench/probe_*.py)."""
import json
import os
import subprocess
import tempfile


def run_verb(binary, verb, records, options=()):
    """Writes `records` as JSONL, runs `binary VERB IN -o OUT OPTIONS --threads 1 --quiet`, returns
    the output part files' records in order."""
    with tempfile.TemporaryDirectory(prefix='refinery_probe_') as work:
        source = os.path.join(work, 'in.jsonl')
        with open(source, 'w', encoding='utf-8') as f:
            for record in records:
                f.write(json.dumps(record) + '\n')
        out = os.path.join(work, 'out')
        subprocess.run([binary, *verb, source, '-o', out, *options, '--threads', '1', '--quiet'],
                       check=True)
        result = []
        for name in sorted(os.listdir(out)):
            if name.startswith('part-') and name.endswith('.jsonl'):
                with open(os.path.join(out, name), encoding='utf-8') as f:
                    result += [json.loads(line) for line in f]
        return result


def read_probe(path):
    """The probe's lines split at tabs, blank lines skipped; "\\n" in a field is a line break (a
    record of several lines: a letter, a chat log)."""
    with open(path, encoding='utf-8') as f:
        return [[field.replace('\\n', '\n') for field in line.rstrip('\n').split('\t')]
                for line in f if line.strip()]
