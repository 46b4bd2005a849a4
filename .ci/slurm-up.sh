#!/usr/bin/env bash
# A single-node Slurm cluster on this machine (node "localhost", partition "debug") for tests/test_slurm.py.
# As root on Debian/Ubuntu:  bash .ci/slurm-up.sh   ...   bash .ci/slurm-down.sh
#
# Daemons: munged (authentication), MariaDB + slurmdbd (the accounting database: `sacct` reads only
# slurmdbd in Slurm 22.05, and the test asks sacct which jobs ran), slurmctld, slurmd. Missing Debian
# packages are installed with apt-get. The node gets this machine's real CPUs and memory (`slurmd -C`).
# It writes /etc/slurm/slurm.conf and slurmdbd.conf, marked as its own, and refuses to replace a
# slurm.conf it did not write (that of a real cluster). What it starts is listed in $STATE, and
# slurm-down.sh stops exactly that, so a MariaDB or munged already running is left alone.
set -euo pipefail

STATE=/run/reviewflow-slurm
MARK="# written by reviewflow .ci/slurm-up.sh"
CONF=/etc/slurm/slurm.conf
DBDCONF=/etc/slurm/slurmdbd.conf
CLUSTER=reviewflow

say() { echo "slurm-up: $*"; }
die() { echo "slurm-up: ERROR $*" >&2; exit 1; }
started() { echo "$1" >>"$STATE/started"; }
wait_for() {  # wait_for SECONDS WHAT COMMAND...: poll until COMMAND succeeds
  local seconds=$1 what=$2; shift 2
  for _ in $(seq "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  die "$what did not come up in ${seconds}s (logs: /var/log/slurm/, /var/log/mysql/)"
}

[ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts system daemons)"
if [ -e "$CONF" ] && ! head -1 "$CONF" | grep -qF "$MARK"; then
  die "$CONF exists and was not written by this script: not replacing a real cluster's config"
fi

need=()
command -v slurmctld >/dev/null || need+=(slurmctld)
command -v slurmd >/dev/null || need+=(slurmd)
command -v slurmdbd >/dev/null || need+=(slurmdbd)
command -v sbatch >/dev/null || need+=(slurm-client)
command -v munged >/dev/null || need+=(munge)
command -v mariadbd >/dev/null || need+=(mariadb-server)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Run again (or after a machine was left with our daemons): stop what an earlier call started, start anew
[ -s "$STATE/started" ] && bash "$(dirname "$0")/slurm-down.sh"
mkdir -p "$STATE"
: >"$STATE/started"

# munge: one key shared by every daemon and client (Debian's package makes it; make one if not)
if [ ! -s /etc/munge/munge.key ]; then
  mungekey --create --keyfile /etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key && chmod 600 /etc/munge/munge.key
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged
  started munge
  wait_for 20 munged sh -c 'munge -n | unmunge'
fi

# MariaDB with the accounting database and a user for slurmdbd (a new password each time)
if ! mysqladmin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  # started in the background and stopped by its pid: there is no systemd in a container
  (runuser -u mysql -- /usr/sbin/mariadbd --skip-networking=0 --bind-address=127.0.0.1 \
      --pid-file=/run/mysqld/mysqld.pid >/var/log/reviewflow-mariadb.log 2>&1 &)
  started mariadb
  wait_for 60 MariaDB mysqladmin ping
fi
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
mysql -u root <<SQL
CREATE DATABASE IF NOT EXISTS slurm_acct_db;
CREATE USER IF NOT EXISTS 'slurm'@'localhost';
ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$password';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
SQL

mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm
chown slurm:slurm /var/spool/slurmctld /var/log/slurm /run/slurm

cat >"$DBDCONF" <<EOF
$MARK (the accounting daemon of the single-node test cluster)
AuthType=auth/munge
DbdHost=localhost
SlurmUser=slurm
PidFile=/run/slurm/slurmdbd.pid
LogFile=/var/log/slurm/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StoragePass=$password
StorageLoc=slurm_acct_db
EOF
chown slurm:slurm "$DBDCONF" && chmod 600 "$DBDCONF"

# The node as slurmd sees this machine, under the name localhost
node=$(slurmd -C | head -1 | sed 's/^NodeName=[^ ]*/NodeName=localhost/')
cat >"$CONF" <<EOF
$MARK (a single-node test cluster; slurm-down.sh stops it)
ClusterName=$CLUSTER
SlurmctldHost=localhost
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
# no cgroup plugins: they need a systemd-managed cgroup tree, which a CI container does not have
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
# the job comment holds the rule (rule_<name>): the test asks sacct which rules ran as jobs
AccountingStoreFlags=job_comment
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerParameters=sched_interval=2
$node State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

slurmdbd
started slurmdbd
wait_for 60 slurmdbd sacctmgr -n show cluster
sacctmgr -i -Q add cluster "$CLUSTER" >/dev/null 2>&1 || true  # already there from an earlier run
slurmctld
started slurmctld
wait_for 60 slurmctld scontrol ping
slurmd -N localhost
started slurmd
wait_for 60 "the node" sh -c 'sinfo -h -n localhost -o %T | grep -Eq "^(idle|mixed|allocated)"'

# One job through the whole path: sbatch, the node, the accounting database
job=$(sbatch --parsable --job-name=reviewflow-smoke --output=/dev/null --wrap true)
wait_for 60 "job $job in sacct" sh -c "sacct -n -X -j $job -o State | grep -q COMPLETED"
say "cluster up: $(sinfo -h -o '%P %D %c CPUs %m MB %T'); smoke job $job COMPLETED in sacct"
