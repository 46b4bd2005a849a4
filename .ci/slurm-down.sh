#!/usr/bin/env bash
# Stop what .ci/slurm-up.sh started (listed in /run/reviewflow-slurm/started), newest first, each by
# its pid file; daemons it did not start are left running. Safe to run twice.
set -uo pipefail

STATE=/run/reviewflow-slurm
[ -s "$STATE/started" ] || { echo "slurm-down: nothing started by slurm-up.sh"; exit 0; }

pidfile() {  # and the process name it must have (a stale pid file may name a pid reused since)
  case $1 in
    slurmd) echo /run/slurm/slurmd.pid slurmd ;;
    slurmctld) echo /run/slurm/slurmctld.pid slurmctld ;;
    slurmdbd) echo /run/slurm/slurmdbd.pid slurmdbd ;;
    mariadb) echo /run/mysqld/mysqld.pid mariadbd ;;
    munge) echo /run/munge/munged.pid munged ;;
  esac
}

if grep -qx slurmctld "$STATE/started"; then
  scancel --full --user=root >/dev/null 2>&1 || true  # the test's jobs, if a run was cut short
fi
for daemon in $(tac "$STATE/started"); do
  read -r file name <<<"$(pidfile "$daemon")"
  pid=$(cat "$file" 2>/dev/null) || { echo "slurm-down: $daemon: no pid file $file"; continue; }
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$name" ]; then
    echo "slurm-down: $daemon is not running (pid $pid is not $name)"; continue
  fi
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "slurm-down: $daemon (pid $pid) still running after 30s"
  else
    echo "slurm-down: stopped $daemon (pid $pid)"
  fi
done
rm -f "$STATE/started"
