#!/usr/bin/env bash
# A real Slurm job array on a one-node cluster on this machine, running the README's sbatch script.
#   scripts/slurm-test.sh            (as root; installs Debian's slurm-wlm and munge when missing)
# It starts munged, slurmctld and slurmd with a private, local-only configuration (own key, socket, ports,
# spool and state folders in a temporary directory; proctrack/linuxproc, task/none, no cgroups), submits the
# README's script as a 4-task job array over an 8-run sweep, requeues one task while it trains
# (scontrol requeue), waits, runs `vaelab sweep collect`, and checks that results.csv is byte-identical to a
# single-process run of the same sweep. The daemons it started are stopped on exit, whatever happens.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "slurm-test: $*"; }
fail() { echo "slurm-test: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (the daemons run as root here; apt-get installs the packages)."
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  command -v apt-get >/dev/null || fail "slurm-wlm and munge are missing and there is no apt-get to install them."
  say "installing Debian's slurm-wlm and munge..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

work="$(mktemp -d /tmp/vaelab-slurm-XXXXXX)"
chmod 0700 "$work"
mkdir -p "$work"/{state,spool,log,munge}
pids=()
cleanup() {
  local status=$?
  # Jobs first: with proctrack/linuxproc a task outlives a stopped slurmd, so cancel them while it runs.
  if [ -n "${SLURM_CONF:-}" ] && [ -n "$(squeue -h 2>/dev/null)" ]; then
    scancel --full --signal=KILL --partition=test 2>/dev/null || scancel --partition=test 2>/dev/null || true
    for _ in $(seq 100); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  # Anything still running from this cluster's spool (a task the daemons lost): named by our own folder.
  for pid in $(pgrep -f -- "$work/" || true); do [ "$pid" != $$ ] && kill -9 "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "slurm-test: logs kept in $work/log" >&2
    tail -n 20 "$work"/log/*.log >&2 2>/dev/null || true
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# munge: a private key and socket, so nothing of the system's munge is used or touched.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1 count=1024 status=none
chmod 0400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
munged --force --foreground --key-file="$work/munge/munge.key" --socket="$socket" --pid-file="$work/munge/munged.pid" \
  --seed-file="$work/munge/munged.seed" --log-file="$work/log/munged.log" &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not start (see $work/log/munged.log)."
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null || fail "munge cannot decode its own credential."

node="$(hostname -s)"
cpus=2
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=vaelabtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ReturnToService=2
KillWait=5
MinJobAge=600
JobRequeue=1
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  state="$(sinfo -h -n "$node" -o '%T' 2>/dev/null || true)"
  [ "$state" = idle ] && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { cat "$work"/log/*.out >&2; fail "a daemon exited at start (logs above)."; }; done
  sleep 0.2
done
[ "${state:-}" = idle ] || fail "node $node is '${state:-unknown}', not idle: $(scontrol show node "$node" 2>&1 | grep -o 'Reason=.*' || true)"
say "one-node cluster up: $(sinfo -h -o '%P %D node(s), %c CPUs, %T')"

# The sweep: 2 learning rates x 2 latent sizes x 2 seeds = 8 runs, 4 shards of 2.
cat >"$work/sweep.json" <<'EOF'
{ "name": "slurm-test",
  "base": { "family": "sigmoid", "dataDim": 3, "padding": 2, "steps": 20000, "logEvery": 1000, "checkpointEvery": 1000, "evalSamples": 2000 },
  "grid": { "learningRate": [0.001, 0.0003], "latent": [4, 6] },
  "seeds": [0, 1] }
EOF
cd "$root"
./vaelab --help >/dev/null   # build once now, not in four tasks at once
say "reference: the whole sweep in one process..."
./vaelab sweep "$work/sweep.json" --out "$work/single" --jobs "$cpus" --quiet >/dev/null
mapfile -t runs < <(tail -n +2 "$work/single/results.csv" | cut -d, -f2)
[ "${#runs[@]}" -eq 8 ] || fail "the reference sweep has ${#runs[@]} runs, not 8."

# The README's sbatch script, verbatim (the bash block that starts with its #SBATCH --job-name line).
awk '/^```bash$/ { block = ""; inside = 1; next } /^```$/ { if (inside && block ~ /#SBATCH --job-name=vaelab-sweep/) { printf "%s", block; exit } inside = 0; next } inside { block = block $0 "\n" }' \
  README.md >"$work/job.sbatch"
grep -q -- '--shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"' "$work/job.sbatch" || fail "could not find the sbatch script in README.md."
# Command-line options override the script's #SBATCH lines: 4 tasks, 1 CPU each, on this 2-CPU node.
job="$(sbatch --parsable --array=0-3 --cpus-per-task=1 --time=00:30:00 --open-mode=append --output="$work/log/task-%a.log" \
  --export=ALL,SWEEP="$work/sweep.json",OUT="$work/array" "$work/job.sbatch")"
say "submitted job array $job (4 tasks)"

# Requeue the task that owns the first run seen training (a .partial folder with a checkpoint), mid-run.
requeued=""
for _ in $(seq 600); do
  partial="$(find "$work/array/runs/slurm-test" -maxdepth 2 -name checkpoint.bin -path '*.partial/*' 2>/dev/null | head -n 1 || true)"
  if [ -n "$partial" ]; then
    name="$(basename "$(dirname "$partial")" .partial)"
    task=""
    for i in "${!runs[@]}"; do [ "${name%-ds*}" = "${runs[$i]}" ] && task=$((i % 4)); done
    [ -n "$task" ] || fail "run folder $name is not in the reference sweep (${runs[*]})."
    if scontrol requeue "${job}_${task}" 2>"$work/log/requeue.err"; then
      requeued="${job}_${task}"
      say "requeued task $task while it trained $name ($(basename "$partial") present)"
      break
    fi
  fi
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  sleep 0.2
done
[ -n "$requeued" ] || fail "never caught a task mid-run to requeue."

for _ in $(seq 1800); do [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 1; done
[ -z "$(squeue -h -j "$job")" ] || fail "the job array did not finish in 30 minutes."
for t in 0 1 2 3; do
  info="$(scontrol show job "${job}_${t}")"
  grep -q 'JobState=COMPLETED' <<<"$info" || fail "task $t: $(grep -o 'JobState=[A-Z_]*' <<<"$info"), log: $(cat "$work/log/task-$t.log" 2>/dev/null)"
  grep -q 'ExitCode=0:0' <<<"$info" || fail "task $t exited $(grep -o 'ExitCode=[0-9:]*' <<<"$info")."
done
restarts="$(scontrol show job "$requeued" | grep -o 'Restarts=[0-9]*')"
[ "$restarts" = "Restarts=1" ] || fail "the requeued task $requeued shows $restarts, expected Restarts=1."
say "all 4 tasks COMPLETED with exit 0; $requeued ran twice ($restarts)"

./vaelab sweep collect "$work/array" >/dev/null
[ -z "$(find "$work/array/runs" -name '*.partial')" ] || fail "partial run folders are left after the array finished."
cmp "$work/single/results.csv" "$work/array/results.csv" || fail "results.csv from the job array differs from the single-process run."
say "OK: results.csv of the 4-task job array (one task requeued mid-run) is byte-identical to a single-process run ($(($(wc -l <"$work/array/results.csv") - 1)) runs)"
