"""The built wheel is all a review needs: the packaged workflow runs a review with no source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

WORKFLOW_FILES = ("reviewflow/workflow/Snakefile", "reviewflow/workflow/rules/common.smk",
                  "reviewflow/workflow/scripts/screening.py", "reviewflow/workflow/envs/reviewflow.yaml",
                  "reviewflow/schemas/config.schema.yaml", "reviewflow/templates/review/config.yaml")


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO / "src").parts) for p in (REPO / "src/reviewflow").rglob("__init__.py")}
    assert listed == found | {"reviewflow.workflow"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    src = out / "src-copy"  # a build writes build/ and *.egg-info beside pyproject: keep the checkout clean
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(".venv", ".git", "results", ".snakemake", "logs",
                                                             "__pycache__", "*.egg-info", "build", "data"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(src)], check=True, capture_output=True, text=True, timeout=600)
    return next(out.glob("reviewflow-*.whl"))


def test_the_wheel_holds_the_workflow(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in WORKFLOW_FILES if f not in names]
    assert missing == []


@pytest.mark.workflow
def test_a_review_runs_on_the_installed_wheel_alone(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    with zipfile.ZipFile(wheel) as zf:  # what pip install does for a pure wheel: unpack into site-packages
        zf.extractall(site)
    # the dependencies come from the test's own environment (not its reviewflow: that is an editable
    # install whose finder a plain path entry does not load)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import reviewflow.workflow as w; print(w.snakefile())"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(site)), where
    review = tmp_path / "my-review"
    init = subprocess.run([str(python), "-m", "reviewflow.cli", "init", str(review)], capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    shutil.copy(REPO / "tests/fixtures/exports/ovid_medline.ris", review / "data/raw/round-1/")
    run = subprocess.run([str(python), "-m", "reviewflow.cli", "run", str(review), "--cores", "1"],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (review / "results/prisma/prisma.svg").is_file() and (review / "results/report.html").is_file()
    assert "worksheet_reviewer_a.xlsx" in run.stdout
