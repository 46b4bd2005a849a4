"""Stages rerun exactly when what they read changes: their config sections (params) and their code
(one digest per stage), never because a file of another stage's code changed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_workflow, run_snakemake
from reviewflow.workflow import stage_digest

pytestmark = pytest.mark.workflow

JOB_LINE = re.compile(r"^(\w+)\s+(\d+)$")


def jobs_to_run(root: Path) -> dict[str, int]:
    """Rule -> number of jobs a dry run would run (Snakemake's "Job stats" table)."""
    out = run_snakemake(root, "--dry-run").stdout
    table = out.split("Job stats:", 1)[1] if "Job stats:" in out else ""
    found = {}
    for line in table.splitlines():
        match = JOB_LINE.match(line.strip())
        if match and match.group(1) not in ("total", "all"):
            found[match.group(1)] = int(match.group(2))
    return found


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workflow(tmp_path_factory.mktemp("reruns") / "review")
    run_snakemake(root)
    return root


def edit_config(root: Path, old: str, new: str) -> None:
    path = root / "config/config.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_dry_run_lists_no_package_source_paths(ran):
    out = run_snakemake(ran, "--dry-run", "--forceall").stdout
    assert "screen_decisions" in out
    sources = re.findall(r"\S*reviewflow/\S+\.(?:py|yaml|j2)\b", out)
    assert sources == []


def test_a_criterion_label_reruns_screening_prisma_and_report_only(ran):
    edit_config(ran, 'label: "Reports of systems from developing countries"',
                'label: "Reports of systems from low- and middle-income countries"')
    jobs = jobs_to_run(ran)
    assert {"screen_decisions", "prisma_flow", "write_report"} <= set(jobs)
    assert not {"import_export", "gather_records", "dedupe_records"} & set(jobs)
    run_snakemake(ran)


def test_the_study_label_reruns_the_stages_that_print_it_only(ran):
    edit_config(ran, "study_label: {one: scheme, many: schemes}", "study_label: {one: programme, many: programmes}")
    jobs = jobs_to_run(ran)
    assert {"prisma_flow", "write_report"} <= set(jobs)  # the diagram's and the tables' words
    assert "export_citations" in jobs  # it reads prisma's ID lists (same bytes: a label is no ID)
    assert not {"import_export", "gather_records", "dedupe_records", "screen_decisions",
                "check_screening_sheets"} & set(jobs)
    run_snakemake(ran)


def test_a_comment_in_the_config_reruns_no_stage_but_the_report_that_lists_its_checksum(ran):
    path = ran / "config/config.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a note for the team\n", encoding="utf-8")
    assert set(jobs_to_run(ran)) <= {"write_report"}
    run_snakemake(ran)


def test_a_code_change_moves_only_the_digest_of_the_stages_that_import_it(tmp_path):
    package = tmp_path / "reviewflow"
    shutil.copytree(REPO / "src/reviewflow", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = {stage: stage_digest(package, (stage,)) for stage in ("importing", "dedupe", "prisma")}
    with open(package / "dedupe/rules.py", "a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    after = {stage: stage_digest(package, (stage,)) for stage in ("importing", "dedupe", "prisma")}
    assert after["dedupe"] != before["dedupe"]
    assert after["importing"] == before["importing"] and after["prisma"] == before["prisma"]
    with open(package / "errors.py", "a", encoding="utf-8") as handle:  # the core: every stage imports it
        handle.write("# a comment\n")
    core = {stage: stage_digest(package, (stage,)) for stage in ("importing", "prisma")}
    assert core["importing"] != after["importing"] and core["prisma"] != after["prisma"]


def test_deleted_intermediate_results_are_rebuilt(ran):
    for name in ("results/screening/title_abstract/outcomes.csv", "results/import/summary.csv",
                 "results/screening/full_text/worksheet_reviewer_a.xlsx"):
        (ran / name).unlink()
    run_snakemake(ran)
    for name in ("results/screening/title_abstract/outcomes.csv", "results/import/summary.csv",
                 "results/screening/full_text/worksheet_reviewer_a.xlsx"):
        assert (ran / name).is_file(), name


def kill_mid_job(root: Path, rule: str) -> None:
    """kill -9 a run while a job of ``rule`` is running: Snakemake's incomplete marker stays behind."""
    proc = subprocess.Popen([sys.executable, "-m", "snakemake", "--cores", "1", "--forcerun", rule],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    incomplete = root / ".snakemake/incomplete"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if incomplete.is_dir() and any(incomplete.iterdir()):
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait()
    assert incomplete.is_dir() and any(incomplete.iterdir()), "the run ended before it could be interrupted"


def test_an_interrupted_run_finishes_on_the_next_reviewflow_run(ran):
    kill_mid_job(ran, "dedupe_records")
    plain = run_snakemake(ran, check=False)
    assert plain.returncode != 0  # plain Snakemake stops: the killed run's lock and incomplete files
    result = subprocess.run([sys.executable, "-m", "reviewflow.cli", "run", str(ran), "--cores", "2"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not any((ran / ".snakemake/incomplete").iterdir())
