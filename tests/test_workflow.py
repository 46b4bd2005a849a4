"""The whole workflow on the shipped example: runs, never writes a human file, is deterministic."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_workflow, run_snakemake

pytestmark = pytest.mark.workflow


def checksums(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    sums = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                sums[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def test_snakemake_lint_is_clean():
    result = subprocess.run([sys.executable, "-m", "snakemake", "--lint"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Congratulations" in result.stdout + result.stderr


def test_a_run_leaves_every_human_entered_file_untouched(example_run):
    assert checksums(example_run, ("data", "config")) == checksums(REPO, ("data", "config"))


def test_two_runs_in_different_directories_give_byte_identical_results(example_run, tmp_path):
    other = copy_workflow(tmp_path / "elsewhere" / "review")
    run_snakemake(other)
    first, second = checksums(example_run, ("results",)), checksums(other, ("results",))
    assert first, "the example run wrote results"
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert differing == []


def test_a_second_run_has_nothing_to_do(example_run):
    result = run_snakemake(example_run, "--dry-run")
    assert "Nothing to be done" in result.stdout + result.stderr


def test_snakemakes_own_report_shows_every_result_a_reader_wants(example_run, tmp_path):
    out = tmp_path / "report.html"
    run_snakemake(example_run, "--report", str(out))
    page = out.read_text(encoding="utf-8")
    for name in ("prisma.svg", "counts.json", "agreement.csv", "status.json", "claims.csv",
                 "appendix2_included_schemes.html", "design_by_country.html", "design_by_country.svg"):
        assert name in page, name


def test_the_workflow_files_are_snakefmt_clean():
    files = ["Snakefile", "workflow/Snakefile", *sorted(str(p) for p in (REPO / "workflow/rules").glob("*.smk"))]
    result = subprocess.run([sys.executable, "-m", "snakefmt", "--check", *files], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
