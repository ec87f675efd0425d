#!/usr/bin/env bash
# Scale-out on a real Slurm (ctest label `slurm`): brings up a single-node cluster on localhost
# (tests/slurm/start.sh: munged, slurmctld, slurmd, no systemd), runs the sample corpus as a
# 4-task array with `refinery slurm submit`, and checks that `refinery merge` gives output
# byte-identical to a single-process run. Then cancels tasks of a second run (one mid-way,
# one still queued), checks that status and merge see it, resubmits (only the unfinished
# shards run) and checks again. Installs Slurm when missing (scripts/install-deps.sh --slurm)
# and stops every daemon it started. Needs root (or passwordless sudo); exit 77 (skipped)
# without.
set -euo pipefail

: "${REFINERY:?path of the refinery binary}" "${REFINERY_CORPUS:?path of refinery-corpus}"
: "${SRC:?repository root}"

if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then
    exec sudo -n env REFINERY="$REFINERY" REFINERY_CORPUS="$REFINERY_CORPUS" SRC="$SRC" \
      BUILD="${BUILD:-}" PATH="$PATH" bash "$0" "$@"
  fi
  echo "slurm_test: skipped: needs root or passwordless sudo to run slurmd" >&2
  exit 77
fi

for tool in slurmctld slurmd sbatch munged; do
  if ! command -v "$tool" >/dev/null; then
    echo "slurm_test: installing Slurm (scripts/install-deps.sh --slurm)" >&2
    "$SRC/scripts/install-deps.sh" --slurm
    break
  fi
done

tmp=$(mktemp -d /tmp/refinery-slurm-test.XXXXXX)
cluster="$tmp/cluster"
cleanup() {
  local rc=$?
  "$SRC/tests/slurm/stop.sh" "$cluster" || rc=1
  if pgrep -f "$cluster" >/dev/null; then
    echo "slurm_test: processes of the test cluster are still running:" >&2
    pgrep -af "$cluster" >&2 || true
    rc=1
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT

fail() {
  echo "slurm_test: FAIL: $*" >&2
  for log in "$tmp"/sharded*/slurm/logs/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 15 "$log" >&2; }
  done
  exit 1
}

t0=$SECONDS
"$SRC/tests/slurm/start.sh" "$cluster" >/dev/null
export SLURM_CONF="$cluster/slurm.conf"
echo "slurm_test: cluster up in $((SECONDS - t0)) s" >&2

# The corpus: a large plain file (split into byte ranges across shards, with malformed lines
# for rejects.jsonl) and two compressed ones (whole files per shard).
"$REFINERY_CORPUS" --out "$tmp/corpus" --gold-dir "$tmp/gold" --name a --seed 11 --size-mb 12 \
  --with-bad-lines >/dev/null 2>&1
"$REFINERY_CORPUS" --out "$tmp/corpus" --gold-dir "$tmp/gold" --name b --seed 12 --docs 400 \
  --compression zstd >/dev/null 2>&1
"$REFINERY_CORPUS" --out "$tmp/corpus" --gold-dir "$tmp/gold" --name c --seed 13 --docs 400 \
  --compression gzip >/dev/null 2>&1

# Steps whose result does not depend on how records are grouped (dedup would: it only sees
# its own shard), with summary counters that merge (_min/_max, means).
pipeline="$tmp/pipeline.yaml"
cat >"$pipeline" <<YAML
input: $tmp/corpus
output: $tmp/unused
part_size: 64KiB
steps:
  - stats: {annotate: true}
  - filter: {where: "len(text) >= 40", invert: false}
  - sample: {fraction: 0.9, seed: 7, by: id}
YAML

"$REFINERY" run "$pipeline" --output "$tmp/single" --quiet
cat "$tmp"/single/part-*.jsonl >"$tmp/single.jsonl"
[ -s "$tmp/single.jsonl" ] || fail "the single-process run wrote no records"

# Summaries agree except for timing, the config hash (it includes the shard count) and the
# fields that describe the shard or the machine.
normalize_summary() {
  grep -v -E '"([a-z_]*seconds[a-z_]*|config_hash|output|threads|index|count|merged)":' "$1"
}

compare_with_single() {
  local dir=$1
  "$REFINERY" merge "$dir" --concat "$dir.jsonl" 2>"$tmp/merge.err" ||
    fail "refinery merge $dir: $(cat "$tmp/merge.err")"
  cmp "$tmp/single.jsonl" "$dir.jsonl" || fail "$dir: merged parts differ from the single run"
  for f in rejects.jsonl audit.jsonl; do
    if [ -e "$tmp/single/$f" ] || [ -e "$dir/$f" ]; then
      cmp "$tmp/single/$f" "$dir/$f" || fail "$dir/$f differs from the single run's"
    fi
  done
  [ -s "$dir/rejects.jsonl" ] || fail "$dir/rejects.jsonl is empty (the corpus has bad lines)"
  if ! diff <(normalize_summary "$tmp/single/summary.json") \
    <(normalize_summary "$dir/summary.json") >"$tmp/summary.diff"; then
    cat "$tmp/summary.diff" >&2
    fail "$dir/summary.json counters differ from the single run's"
  fi
}

# --- 1. A 4-task array, at most 2 at once.
"$REFINERY" slurm submit "$pipeline" --tasks 4 --dry-run --output "$tmp/sharded" >"$tmp/dry.txt" 2>/dev/null
grep -q -- "--array=0-3" "$tmp/dry.txt" || fail "dry run: $(cat "$tmp/dry.txt")"
[ ! -e "$tmp/sharded/slurm/submissions.jsonl" ] || fail "--dry-run submitted"

job=$("$REFINERY" slurm submit "$pipeline" --tasks 4 --max-parallel 2 --output "$tmp/sharded")
[[ "$job" =~ ^[0-9]+$ ]] || fail "submit printed '$job', not a job id"
"$REFINERY" slurm status "$tmp/sharded" --wait --interval 0.5 --timeout 240 >"$tmp/status.txt" \
  2>/dev/null || { cat "$tmp/status.txt" >&2; fail "array $job did not finish every shard"; }
grep -q "^4/4 shards done" "$tmp/status.txt" || fail "status: $(cat "$tmp/status.txt")"
compare_with_single "$tmp/sharded"
out=$("$REFINERY" slurm submit "$pipeline" --tasks 4 --output "$tmp/sharded" 2>&1)
[[ "$out" == *"nothing to submit"* ]] || fail "resubmitting a finished run: $out"
echo "slurm_test: 4-task array == single run ($((SECONDS - t0)) s)" >&2

# --- 2. Cancel one task mid-way and one still queued, then resubmit.
job=$("$REFINERY" slurm submit "$pipeline" --tasks 4 --max-parallel 1 --output "$tmp/sharded2")
# Shard 1 runs after shard 0 (throttle 1); cancel it once its first part is committed, while
# shards 2 and 3 wait behind the throttle.
for _ in $(seq 1 6000); do
  [ -e "$tmp/sharded2/part-00001-00000.done" ] || [ -e "$tmp/sharded2/shard-00001.done" ] && break
  sleep 0.02
done
scancel "${job}_1" "${job}_3"
"$REFINERY" slurm status "$tmp/sharded2" --wait --interval 0.5 --timeout 240 >"$tmp/status2.txt" \
  2>/dev/null && fail "status --wait exit 0 with cancelled shards: $(cat "$tmp/status2.txt")"
# The task stops after the part it is writing; it may have been writing its last one.
midway=yes
[ -e "$tmp/sharded2/shard-00001.done" ] && midway="no (shard 1 finished before the cancel landed)"
# A task cancelled while pending leaves squeue at once (and there is no sacct here): it reads
# as failed either way.
grep -E -q "^00003 +failed " "$tmp/status2.txt" ||
  fail "status does not show shard 3 failed: $(cat "$tmp/status2.txt")"
if [ "$midway" = yes ]; then
  grep -E -q "^00001 +failed .*CANCELLED" "$tmp/status2.txt" ||
    fail "status does not show shard 1 cancelled: $(cat "$tmp/status2.txt")"
fi
"$REFINERY" slurm status "$tmp/sharded2" --json >"$tmp/status2.json" 2>/dev/null
grep -q '"complete": false' "$tmp/status2.json" || fail "status --json: $(cat "$tmp/status2.json")"
set +e
"$REFINERY" merge "$tmp/sharded2" 2>"$tmp/merge2.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "merge of an unfinished run exited $rc, not 2"
grep -q "shards not finished.*3" "$tmp/merge2.err" || fail "merge error: $(cat "$tmp/merge2.err")"

"$REFINERY" slurm submit "$pipeline" --tasks 4 --output "$tmp/sharded2" --json >"$tmp/resubmit.json"
if [ "$midway" = yes ]; then
  grep -q '"shards": "1,3"' "$tmp/resubmit.json" || fail "resubmission: $(cat "$tmp/resubmit.json")"
else
  grep -q '"shards": "3"' "$tmp/resubmit.json" || fail "resubmission: $(cat "$tmp/resubmit.json")"
fi
"$REFINERY" slurm status "$tmp/sharded2" --wait --interval 0.5 --timeout 240 >"$tmp/status3.txt" \
  2>/dev/null || { cat "$tmp/status3.txt" >&2; fail "the resubmission did not finish the run"; }
compare_with_single "$tmp/sharded2"
echo "slurm_test: cancelled mid-way: $midway; resubmitted == single run ($((SECONDS - t0)) s)" >&2
