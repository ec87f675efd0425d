#!/usr/bin/env bash
# Stops the cluster tests/slurm/start.sh DIR started: jobs are cancelled, then slurmd,
# slurmctld and munged are ended by the pids recorded under DIR, and waited for. Only those
# processes (and the job steps slurmd started, which are its children) are touched.
# Exit 0 when none of them is left.
set -uo pipefail

dir=${1:?usage: stop.sh DIR}
[ -d "$dir" ] || exit 0
dir=$(cd "$dir" && pwd)
export SLURM_CONF="$dir/slurm.conf"

# Cancel whatever is still queued or running, so job processes end with their steps.
if [ -f "$dir/run/slurmctld.pid" ] && command -v scancel >/dev/null; then
  timeout 10 scancel --full --quiet --signal=KILL --user=root >/dev/null 2>&1 || true
  timeout 10 scancel --quiet --user=root >/dev/null 2>&1 || true
fi

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# Processes of this cluster's jobs: slurmstepd, and job processes (they have SLURM_JOB_ID),
# whose environment points at this cluster's slurm.conf. Nothing else is touched.
job_pids() {
  local p env
  for p in /proc/[0-9]*; do
    { env=$(tr '\0' '\n' <"$p/environ"); } 2>/dev/null || continue
    grep -qxF "SLURM_CONF=$dir/slurm.conf" <<<"$env" || continue
    if [ "$(cat "$p/comm" 2>/dev/null)" = slurmstepd ] || grep -q '^SLURM_JOB_ID=' <<<"$env"; then
      echo "${p#/proc/}"
    fi
  done
}

# Let cancelled jobs finish (their steps end, slurmstepd exits) before the daemons go.
if [ -f "$dir/run/slurmctld.pid" ] && command -v squeue >/dev/null; then
  for _ in $(seq 1 100); do
    [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break
    sleep 0.1
  done
fi

# The job shells (slurmstepd and its children) of this cluster: processes whose
# ancestors include our slurmd.
descendants() {
  local pid=$1 child
  for child in $(pgrep -P "$pid" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# slurmstepd processes re-parent to init when slurmd exits: note them first.
kids=()
if [ -f "$dir/run/slurmd.pid" ]; then
  slurmd_pid=$(cat "$dir/run/slurmd.pid" 2>/dev/null || true)
  alive "$slurmd_pid" && kids=($(descendants "$slurmd_pid"))
fi

# Each daemon takes a second or two to shut down: stop them all at once, then wait.
pids=()
names=()
for name in slurmd slurmctld munged; do
  pidfile="$dir/run/$name.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
    names+=("$name")
  fi
done
for _ in $(seq 1 100); do
  left=0
  for pid in "${pids[@]}"; do alive "$pid" && left=1; done
  [ "$left" -eq 0 ] && break
  sleep 0.1
done

status=0
for i in "${!pids[@]}"; do
  if alive "${pids[$i]}"; then
    kill -KILL "${pids[$i]}" 2>/dev/null || true
    sleep 0.2
  fi
  if alive "${pids[$i]}"; then
    echo "slurm/stop.sh: ${names[$i]} (pid ${pids[$i]}) is still running" >&2
    status=1
  fi
done
for kid in "${kids[@]}" $(job_pids); do
  alive "$kid" && kill -KILL "$kid" 2>/dev/null || true
done
rm -f "$dir"/run/*.pid
exit $status
