#!/usr/bin/env bash
# GDR end to end on PII sentences written independently of the detector: how many personal
# values survive `refinery rewrite --task anonymize`, how many records fall back, and whether
# every record comes out exactly once. The model is the project's test server answering like a
# model that follows the hints (with 10% of hinted values ignored), thinks aloud (<think> with a
# draft that keeps the originals), and meets 429s, 500s and untagged answers (10% of requests).
#
#   bench/llm_client_gdr_recall.sh BUILD_DIR IN.jsonl [SERVER FLAGS...]
#
# IN.jsonl: {"id", "text", "gold": [personal values]} (e.g. bench/gdr_recall_btc.py N FILE,
# from the PER/LOC spans of ../shared/data/ner/*.iob2). SERVER FLAGS are added to the test
# server's, e.g. `--real-edits 0.15` (a careful real model's collateral edits and answer
# shapes, tests/llm_server/real_model_edits.h) or `--oracle IN.jsonl --oracle-recall 0.9` (a
# model that finds 90% of the gold values). REFINERY and TEST_SERVER override the binaries
# (to compare with another build). Prints one JSON line: survival, fallback share and
# reasons, exactly-once, and `wrapper_in_output` (records whose output holds answer wrapping
# the input did not have: a preamble, a code fence, a closing remark).
set -euo pipefail
BUILD=${1:?build dir}
IN=${2:?input jsonl}
shift 2
SERVER=${TEST_SERVER:-$BUILD/bin/refinery-llm-test-server}
REFINERY=${REFINERY:-$BUILD/bin/refinery}
tmp=$(mktemp -d)
# KEEP=DIR keeps the run directory there (for reading audit.jsonl).
trap 'kill $pid 2>/dev/null || true; if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$tmp/out" "$KEEP"; fi; rm -rf "$tmp"' EXIT
"$SERVER" --port 0 --port-file "$tmp/port" --quiet --think --proper-nouns --ignore-hint-rate 0.1 \
  --fault-rate 0.1 --faults 429,500,no_tags --retry-after 0 --seed 3 "$@" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$tmp/port")/v1"
set +e
"$REFINERY" rewrite "$IN" -o "$tmp/out" --task anonymize --llm "$url" \
  --model test-model --no-cache --quiet --backoff 0.01 --threads 2
rc=$?
set -e
python3 - "$IN" "$tmp/out" "$rc" <<'PY'
import collections, glob, json, re, sys
gold, inputs = {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    gold[r["id"]] = r["gold"]
    inputs[r["id"]] = r["text"]
out, ids = {}, []
for f in sorted(glob.glob(sys.argv[2] + "/part-*.jsonl")):
    for line in open(f, encoding="utf-8"):
        r = json.loads(line)
        ids.append(r["id"])
        out[r["id"]] = r["text"]
audit = [json.loads(l) for l in open(sys.argv[2] + "/audit.jsonl", encoding="utf-8")]
values = survived = 0
for i, vals in gold.items():
    for v in vals:
        values += 1
        if i in out and re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", out[i]):
            survived += 1
fallback = sum(1 for a in audit if a["status"] == "fallback")
reasons = collections.Counter(a.get("fallback_reason", "?") for a in audit
                              if a["status"] == "fallback")
wrappers = ("Here is the", "```", "Let me know", "<refined>", "</refined>")
wrapped = sum(1 for i, t in out.items()
              if any(w in t and w not in inputs.get(i, "") for w in wrappers))
repaired = sum(1 for a in audit if a.get("repaired"))
print(json.dumps({"records": len(gold), "out": len(ids), "unique_out": len(set(ids)),
                  "values": values, "survived": survived,
                  "survived_share": round(survived / max(values, 1), 4),
                  "fallback": fallback, "fallback_share": round(fallback / max(len(gold), 1), 4),
                  "fallback_reasons": dict(reasons), "repaired_records": repaired,
                  "wrapper_in_output": wrapped, "exit": int(sys.argv[3])}))
PY
