"""The .test/ review on a real Slurm cluster (profiles/slurm, dedupe.shards: 4) and on one machine.

The Slurm run must send the dedupe jobs, and only them, through sbatch (sacct lists them; the small
rules are `localrules`) and give byte-identical results to a local one-job run. CI starts a one-node
cluster first (.ci/slurm-up.sh); where there is none, the Slurm test skips and says why. The sharded
run on one machine, and the command-line form of the profile's documented `--config`, are checked
everywhere.
"""

from __future__ import annotations

import filecmp
import importlib.util
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from reviewflow.errors import ReviewflowError
from reviewflow.validation import validate_config

TEST_REVIEW = REPO / ".test"
PROFILE = REPO / "profiles/slurm"
SHARDS = "dedupe={shards: 4}"  # as the profile's README writes it
CLUSTER_JOBS = Counter({"dedupe_block": 1, "dedupe_score": 4, "dedupe_records": 1})
TIMINGS: dict[str, float] = {}


def reviewflow_run(review: Path, *options: str) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "reviewflow.cli", "run", str(review), *options],
                          capture_output=True, text=True, timeout=900)
    TIMINGS[review.name] = time.monotonic() - started
    print(f"reviewflow run {review.name} {' '.join(options)}: {TIMINGS[review.name]:.1f} s")
    return done


def copy_review(tmp: Path, name: str) -> Path:
    return Path(shutil.copytree(TEST_REVIEW, tmp / name, ignore=shutil.ignore_patterns("results", ".snakemake",
                                                                                       "logs")))


def differences(a: Path, b: Path) -> list[str]:
    """Files under results/ that differ or exist on one side only (the shards' folder aside: one-job
    runs score in process)."""
    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "shards" not in p.parts}

    left, right = files(a / "results"), files(b / "results")
    changed = [f for f in sorted(left & right) if not filecmp.cmp(a / "results" / f, b / "results" / f, shallow=False)]
    return sorted(left ^ right) + changed


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .test/ review run on this machine, dedupe in one job (the reference)."""
    review = copy_review(tmp_path_factory.mktemp("slurm"), "local")
    done = reviewflow_run(review, "--cores", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    return review


# --- everywhere -----------------------------------------------------------------------------------


def test_the_documented_config_option_is_read_as_the_file_would_read_it():
    from snakemake.cli import parse_config  # what `snakemake --config` hands to the workflow

    given = parse_config([SHARDS, "tables={enabled: false}"])
    assert given["dedupe"] == {"shards": "4"}, "Snakemake's parser changed: revisit validation._typed"
    config = yaml.safe_load((TEST_REVIEW / "config/config.yaml").read_text(encoding="utf-8"))
    config["dedupe"].update(given["dedupe"])
    config.setdefault("tables", {}).update(given["tables"])
    validate_config(config)
    assert config["dedupe"]["shards"] == 4 and config["tables"]["enabled"] is False
    for text, why in (("two", "'two' is not of type 'integer'"), ("4.5", "'4.5' is not of type 'integer'"),
                      ("0", "0 is less than the minimum of 1")):
        config["dedupe"]["shards"] = text
        with pytest.raises(ReviewflowError, match=why):
            validate_config(config)


def test_every_rule_but_the_dedupe_jobs_is_a_local_rule():
    """A new rule is queued on a cluster only if it is one whose cost grows with the review (dedupe)."""
    defined = {name for smk in (REPO / "workflow/rules").glob("*.smk")
               for name in re.findall(r"^rule (\w+):", smk.read_text(encoding="utf-8"), re.M)}
    block = re.search(r"^localrules:\n((?:    \w+,?\n)+)", (REPO / "workflow/Snakefile").read_text(encoding="utf-8"),
                      re.M)
    assert block, "workflow/Snakefile has no localrules: block"
    assert set(re.findall(r"\w+", block.group(1))) == defined - set(CLUSTER_JOBS)


@pytest.mark.workflow
def test_four_shards_on_one_machine_give_the_one_job_results(local, tmp_path):
    review = copy_review(tmp_path, "sharded")
    done = reviewflow_run(review, "--cores", "2", "--config", SHARDS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((review / "results/dedupe/shards").glob("judged_*.csv"))) == 4
    assert differences(local, review) == []  # summary.json too: it keeps the blocking statistics
    assert "blocking" in (review / "results/dedupe/summary.json").read_text(encoding="utf-8")


# --- on a Slurm cluster ---------------------------------------------------------------------------


def _ask(*cmd: str) -> str | None:
    try:  # without a slurm.conf the Slurm commands retry for a minute: 20 s is enough to know
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"`{' '.join(cmd)}` did not answer ({err})"
    said = (done.stderr or done.stdout).strip().splitlines()
    return None if done.returncode == 0 else f"`{' '.join(cmd)}` failed: {said[0] if said else done.returncode}"


def slurm_missing() -> str | None:
    """Why the Slurm test cannot run here, or None."""
    tools = [t for t in ("sbatch", "sacct", "sinfo", "scontrol") if shutil.which(t) is None]
    if tools:
        return f"no Slurm client here ({', '.join(tools)} not found)"
    if importlib.util.find_spec("snakemake_executor_plugin_slurm") is None:
        return "snakemake-executor-plugin-slurm is not installed (pip install -r requirements-slurm.lock, or 'reviewflow[slurm]')"
    return _ask("scontrol", "ping") or _ask("sacct", "-n", "-X", "-S", "now-1minutes") or (
        None if _default_partition() else "sinfo shows no partition with an idle node")


def _default_partition() -> str | None:
    done = subprocess.run(["sinfo", "-h", "-t", "idle,mixed", "-o", "%P"], capture_output=True, text=True)
    names = done.stdout.split()
    default = [n.rstrip("*") for n in names if n.endswith("*")]
    return (default or names or [None])[0]


def _node_memory_mb() -> int:
    done = subprocess.run(["sinfo", "-h", "-o", "%m"], capture_output=True, text=True, check=True)
    return min(int(m.rstrip("+")) for m in done.stdout.split())


def site_options(partition: str, node_mb: int) -> list[str]:
    """What a site sets in profiles/slurm (its README: account and partition), here on the command line:
    the cluster's partition, no account (a test cluster has none), memory within its node; and a first
    status check after 5 s instead of 40 (jobs of seconds on an idle cluster)."""
    profile = yaml.safe_load((PROFILE / "config.yaml").read_text(encoding="utf-8"))
    defaults = {**profile["default-resources"], "slurm_partition": partition}
    defaults.pop("slurm_account", None)
    fit = {"mem_mb": lambda mb: min(int(mb), node_mb)}
    per_rule = [f"{rule}:{key}={fit.get(key, str)(value)}" for rule, resources in profile["set-resources"].items()
                for key, value in resources.items()]
    return ["--default-resources", *[f"{k}={fit.get(k, str)(v)}" for k, v in defaults.items()],
            "--set-resources", *per_rule, "--slurm-no-account", "--slurm-init-seconds-before-status-checks", "5"]


def cluster_jobs(review: Path, since: str) -> list[tuple[str, str]]:
    """(rule, state) of each job sacct lists as run in the review's folder since ``since``."""
    done = subprocess.run(["sacct", "-X", "-n", "--parsable2", "-S", since, "-o", "Comment,State,WorkDir"],
                          capture_output=True, text=True, check=True)
    jobs = []
    for line in done.stdout.splitlines():
        comment, state, workdir = line.split("|")
        if workdir and Path(workdir).resolve() == review.resolve():
            jobs.append((comment.removeprefix("rule_").split("_wildcards_")[0], state))
    return jobs


@pytest.fixture(scope="module")
def cluster() -> None:
    """Skip, saying why, where no Slurm cluster answers (before the local reference run is made)."""
    missing = slurm_missing()
    if missing:
        pytest.skip(f"SLURM TEST NOT RUN: {missing}. Start a one-node cluster with `sudo bash .ci/slurm-up.sh` "
                    "(CI does) to run it.")


@pytest.mark.workflow
def test_the_profile_runs_the_dedupe_jobs_on_slurm_with_the_local_results(cluster, local, tmp_path):
    review = copy_review(tmp_path, "on-slurm")
    since = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(time.time() - 5))
    done = reviewflow_run(review, "--profile", str(PROFILE), "--config", SHARDS,
                          *site_options(_default_partition() or "", _node_memory_mb()))
    assert done.returncode == 0, done.stdout + done.stderr
    jobs = cluster_jobs(review, since)
    assert Counter(rule for rule, _ in jobs) == CLUSTER_JOBS, jobs  # and no small rule was queued
    assert {state for _, state in jobs} == {"COMPLETED"}, jobs
    assert differences(local, review) == []
    print(f"timings: local one job {TIMINGS['local']:.1f} s, Slurm with 4 shards {TIMINGS['on-slurm']:.1f} s")
