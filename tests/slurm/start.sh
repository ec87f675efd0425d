#!/usr/bin/env bash
# Starts a single-node Slurm cluster on localhost, without systemd, for tests and local trials.
#
#   tests/slurm/start.sh DIR      # DIR: an empty (or new) directory that holds everything
#   source DIR/env                # exports SLURM_CONF so sbatch/squeue/scontrol use it
#   tests/slurm/stop.sh DIR       # stops the daemons started here, leaves no process behind
#
# Everything lives under DIR: slurm.conf, a private munge key and socket, spool, state and
# log directories, and the pid files stop.sh uses. Nothing under /etc is touched, so it can
# run next to a real installation; ports are picked free at start. Needs root (slurmd runs
# jobs as their submitting user) and Debian's slurmctld, slurmd, slurm-client and munge
# (scripts/install-deps.sh --slurm). Prints DIR/env's path; exit 0 once the node is idle.
set -euo pipefail

dir=${1:?usage: start.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "slurm/start.sh: $*" >&2
  for log in "$dir"/log/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  "$here/stop.sh" "$dir" >/dev/null 2>&1 || true
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "must run as root (slurmd starts jobs as their user)"
for tool in munged slurmctld slurmd sbatch squeue scontrol; do
  command -v "$tool" >/dev/null || fail "$tool not found: run scripts/install-deps.sh --slurm"
done

mkdir -p "$dir"/{munge,state,spool,log,run}
chmod 0700 "$dir/munge"

# Munge: a private key and socket, so a system munged (if any) is left alone.
if [ ! -f "$dir/munge/munge.key" ]; then
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 0400 "$dir/munge/munge.key"
munge_socket="$dir/munge/munge.socket"
munged --force --key-file="$dir/munge/munge.key" --socket="$munge_socket" \
  --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" \
  --seed-file="$dir/munge/munged.seed" ||
  fail "munged did not start"

# Two free TCP ports for slurmctld and slurmd, below Linux's ephemeral range (32768-60999 by
# default): a port in it may be free to connect to and still taken as the local port of an
# outgoing connection when slurmd binds it ("Unable to bind listen port (36142): Address already
# in use" while the other tests ran, 2026-11-27), and slurmd, unlike slurmctld below, is not
# retried on other ports.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    # Free when nothing accepts a connection there (bash's /dev/tcp: no iproute2 needed).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ "$port" != "${1:-}" ]; then
      echo "$port"
      return 0
    fi
  done
  return 1
}
host=$(hostname -s)
cpus=$(nproc)
mem_mb=$(awk '/^MemTotal:/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)

# slurmctld on two free ports. A port free to connect to may still not be free to bind (a
# socket in TIME_WAIT after a cluster that just stopped, another program's outgoing
# connection): slurmctld then exits at once with "Address already in use", and the ports are
# picked again (three times at most). Every wait below is bounded: `sinfo` and `scontrol`
# against a controller that is gone would retry for minutes each.
write_conf() {
cat >"$dir/slurm.conf" <<CONF
# Single-node localhost cluster written by tests/slurm/start.sh.
ClusterName=refinery-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$munge_socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
KillWait=5
MinJobAge=300
MaxArraySize=1001
InactiveLimit=0
SlurmdTimeout=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

cat >"$dir/env" <<ENV
export SLURM_CONF=$dir/slurm.conf
ENV
export SLURM_CONF="$dir/slurm.conf"
}

ctld_up=""
for attempt in 1 2 3; do
  ctld_port=$(free_port) || fail "no free port"
  slurmd_port=$(free_port "$ctld_port") || fail "no free port"
  write_conf

  slurmctld -f "$dir/slurm.conf" -i || fail "slurmctld did not start"
  for _ in $(seq 1 40); do
    if timeout 5 scontrol ping 2>/dev/null | grep -q 'is UP'; then
      ctld_up=1
      break
    fi
    # Exited (its pid file written, the process gone): pick other ports.
    pid=$(cat "$dir/run/slurmctld.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  [ -n "$ctld_up" ] && break
  pid=$(cat "$dir/run/slurmctld.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -f "$dir/run/slurmctld.pid"
  echo "slurm/start.sh: slurmctld did not come up on port $ctld_port (attempt $attempt)" >&2
done
[ -n "$ctld_up" ] || fail "slurmctld did not come up"
slurmd -f "$dir/slurm.conf" || fail "slurmd did not start"

# Wait until the node is up and idle (usually 1-3 s), 60 s at most.
start=$SECONDS
while [ $((SECONDS - start)) -lt 60 ]; do
  state=$(timeout 5 sinfo -h -N -n "$host" -o '%T' 2>/dev/null || true)
  case "$state" in
    idle*) echo "$dir/env"; exit 0 ;;
  esac
  sleep 0.5
done
fail "node $host did not become idle (state: ${state:-unknown})"
