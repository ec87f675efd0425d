#!/usr/bin/env python3
"""The named-entity gold of `refinery train ner --gold-out` written as people write text.

  bench/ner_natural_text.py IN.jsonl OUT.jsonl

The labelled sets write their tokens apart ("Obama 's", "2 - 1 ,", "@ colgo hey"); users' text
does not. This joins the tokens as running text is written (no space before , . ! ? ; : % ) ]
} 's n't 're 'll 've 'd 'm, none after ( [ { $ # @, quotes closed against their words) and maps
each gold span onto the new text, so the detector can be measured on both writings of the same
labelled text. A handle that BTC labels as two entities, "@" and its name, is one span of the
name written as a handle, "@colgo" -> "colgo" (how `refinery detect` reports a handle); a "#"
labelled apart from its word, the hashtag.
Line breaks are kept. Input and output: `{"id","text","spans":[{"start","end","type"}]}`,
code point offsets, half-open.
"""
import json
import re
import sys

NO_SPACE_BEFORE = {',', '.', '!', '?', ';', ':', '%', ')', ']', '}', "'s", "n't", "'re", "'ll",
                   "'ve", "'d", "'m", '’s', '...', "'"}
NO_SPACE_AFTER = {'(', '[', '{', '$', '#', '@'}


def natural(text):
    """The text joined as written, and a map from old to new code point offsets."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r'\S+', text)]
    out, where, length = [], {}, 0
    quote_open, prev = False, None
    for i, (a, b) in enumerate(tokens):
        w = text[a:b]
        sep = ' ' if i else ''
        if i:
            if '\n' in text[tokens[i - 1][1]:a]:
                sep = '\n'
            elif w in NO_SPACE_BEFORE or w.lower() in NO_SPACE_BEFORE:
                sep = ''
            elif prev in NO_SPACE_AFTER:
                sep = ''
            elif w == '"':
                sep = '' if quote_open else ' '
            elif prev == '"' and quote_open:
                sep = ''
        if w == '"':
            quote_open = not quote_open
        out.append(sep)
        length += len(sep)
        for k in range(a, b + 1):
            where[k] = length + (k - a)
        out.append(w)
        length += len(w)
        prev = w
    return ''.join(out), where


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n = 0
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        for line in open(sys.argv[1], encoding='utf-8'):
            r = json.loads(line)
            text, where = natural(r['text'])
            spans = []
            for s in sorted(r['spans'], key=lambda s: (s['start'], s['end'])):
                t = dict(s, start=where[s['start']], end=where[s['end']])
                sigil = text[spans[-1]['start']:spans[-1]['end']] if spans else ''
                if (sigil in ('@', '#') and spans[-1]['end'] == t['start']
                        and spans[-1]['type'] == t['type']):
                    # "@" + name: the name, as handles are reported; "#" + word: the hashtag.
                    if sigil == '@':
                        spans[-1]['start'] = t['start']
                    spans[-1]['end'] = t['end']
                    continue
                spans.append(t)
            r['text'], r['spans'] = text, spans
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
            n += 1
    print(f'{n} records', file=sys.stderr)


if __name__ == '__main__':
    main()
