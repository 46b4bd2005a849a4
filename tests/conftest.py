"""Shared fixtures: paths, the optional ../shared folder, and copies of the workflow to run in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REVIEWFLOW_SHARED", REPO.parent / "shared"))
# What a review repository is made of: everything else under a copy is generated.
WORKFLOW_INPUTS = ("Snakefile", "config", "workflow", "data")


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip: users do not have that folder, CI and developers do."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared benchmark folder, absent here)")
    return path


def copy_workflow(dest: Path, inputs: tuple[str, ...] = WORKFLOW_INPUTS) -> Path:
    """A fresh review repository at dest: the workflow and the example's human-entered files."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in inputs:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def review_copy(fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a fixture review folder under tmp_path, made the working directory (as a review is run)."""
    root = tmp_path / "review"
    shutil.copytree(fixture, root)
    monkeypatch.chdir(root)
    return root


def run_snakemake(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "snakemake", "--cores", "2", "--quiet=rules", *args]
    result = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=1800)
    if check and result.returncode != 0:
        raise AssertionError(f"snakemake failed in {workdir}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped worked example, run once end to end in a copy; returns the copy's root."""
    root = copy_workflow(tmp_path_factory.mktemp("example") / "review")
    run_snakemake(root)
    return root
