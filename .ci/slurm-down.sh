#!/usr/bin/env bash
# Stop what .ci/slurm-up.sh started (listed in /run/reviewflow-slurm/started), newest first, each by
# its pid file; daemons it did not start are left running. Safe to run twice.
set -uo pipefail

STATE=/run/reviewflow-slurm
[ -s "$STATE/started" ] || { echo "slurm-down: nothing started by slurm-up.sh"; exit 0; }

pidfile() {
  case $1 in
    slurmd) echo /run/slurm/slurmd.pid ;;
    slurmctld) echo /run/slurm/slurmctld.pid ;;
    slurmdbd) echo /run/slurm/slurmdbd.pid ;;
    mariadb) echo /run/mysqld/mysqld.pid ;;
    munge) echo /run/munge/munged.pid ;;
  esac
}

if grep -qx slurmctld "$STATE/started"; then
  scancel --full --user=root >/dev/null 2>&1 || true  # the test's jobs, if a run was cut short
fi
for daemon in $(tac "$STATE/started"); do
  file=$(pidfile "$daemon")
  pid=$(cat "$file" 2>/dev/null) || { echo "slurm-down: $daemon: no pid file $file"; continue; }
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "slurm-down: $daemon (pid $pid) still running after 30s"
  else
    echo "slurm-down: stopped $daemon (pid $pid)"
  fi
done
rm -f "$STATE/started"
