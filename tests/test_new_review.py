"""The tool, not the example: a review written by `reviewflow init`, run with `reviewflow run`.

Its exports are the small fixtures of tests/fixtures/exports; the reviewers' decisions are written
by the test the way a person fills the worksheets. No study-level step: each report included at
full text is a study (PRISMA's usual case).
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.workflow

EXPORTS = ("ovid_medline.ris", "pubmed.nbib", "scopus.csv", "wos_savedrecs.txt")
REVIEWERS = ("anna", "ben")


def reviewflow(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reviewflow.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=900)


def fill(review: Path, stage: str, include_first: int, reason: str) -> int:
    """Both reviewers decide every row of their worksheet: the first rows included, the rest excluded."""
    n = 0
    for who in REVIEWERS:
        with open(review / f"results/screening/{stage}/worksheet_{who}.csv", encoding="utf-8-sig") as handle:
            ids = [row["id"] for row in csv.DictReader(handle)]
        with open(review / f"data/screening/{stage}/{who}.csv", "w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["id", "decision", "reasons", "note"])
            for i, rid in enumerate(ids):
                out.writerow([rid, "include" if i < include_first else "exclude", "" if i < include_first else reason, ""])
        if stage == "full_text":
            with open(review / "data/screening/full_text/retrieval.csv", "w", encoding="utf-8", newline="") as handle:
                out = csv.writer(handle)
                out.writerow(["id", "status", "note"])
                out.writerows([rid, "retrieved", ""] for rid in ids)
        n = len(ids)
    return n


def counts(review: Path) -> dict:
    return json.loads((review / "results/prisma/counts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("new") / "my-review"
    made = reviewflow("init", str(root), "--title", "A test review", "--round", "2026-01",
                      "--reviewers", ",".join(REVIEWERS))
    assert made.returncode == 0, made.stderr
    for name in EXPORTS:
        shutil.copy(REPO / "tests/fixtures/exports" / name, root / "data/raw/2026-01" / name)
    return root


def test_init_writes_a_review_that_says_what_goes_where(review):
    for name in ("Snakefile", "config/config.yaml", "README.md", ".gitignore", "requirements.txt"):
        assert (review / name).is_file(), name
    assert "reviewflow==" in (review / "requirements.txt").read_text(encoding="utf-8")
    assert "use rule * from reviewflow" in (review / "Snakefile").read_text(encoding="utf-8")
    readme = (review / "README.md").read_text(encoding="utf-8")
    assert "reviewflow run" in readme and "data/raw/2026-01/" in readme
    assert "results/" in (review / ".gitignore").read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_is_not_empty(review):
    result = reviewflow("init", str(review))
    assert result.returncode != 0
    assert "not an empty folder" in result.stderr and "Traceback" not in result.stderr


def test_run_outside_a_review_says_what_a_review_is(tmp_path):
    result = reviewflow("run", str(tmp_path))
    assert result.returncode != 0
    assert "is not a review folder" in result.stderr and "reviewflow init" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_review_runs_from_exports_to_included_without_a_study_step(review):
    first = reviewflow("run", str(review), "--cores", "2")
    assert first.returncode == 0, first.stdout + first.stderr
    out = first.stdout
    assert "worksheet_anna.xlsx" in out and "worksheet_ben.xlsx" in out, out
    flow = counts(review)
    assert flow["provisional"] and flow["records_awaiting_screening"] == flow["records_screened"] > 0
    assert (review / "results/report.html").is_file() and (review / "results/prisma/prisma.svg").is_file()

    fill(review, "title_abstract", include_first=4, reason="E1")
    second = reviewflow("run", str(review), "--cores", "2")
    assert second.returncode == 0, second.stdout + second.stderr
    assert counts(review)["reports_sought"] == 4

    assessed = fill(review, "full_text", include_first=3, reason="E3")
    third = reviewflow("run", str(review), "--cores", "2")
    assert third.returncode == 0, third.stdout + third.stderr
    flow = counts(review)
    assert assessed == 4 and not flow["provisional"]
    assert flow["studies_included"] == flow["reports_of_included_studies"] == 3
    assert "Screening: final" in third.stdout
    # PRISMA 2020's own template: no studies row when each eligible report is a study
    page = (review / "results/prisma/prisma.html").read_text(encoding="utf-8")
    assert "Studies included in review (n = 3)" in page and "Studies assessed" not in page
    status = json.loads((review / "results/screening/status.json").read_text(encoding="utf-8"))
    assert any("no study-level step: data/screening/study_links.csv does not exist" in n for n in status["notices"])


def test_every_file_a_person_typed_is_left_as_it_was(review):
    before = {p: p.read_bytes() for p in (review / "data").rglob("*") if p.is_file()}
    result = reviewflow("run", str(review), "--cores", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert {p: p.read_bytes() for p in (review / "data").rglob("*") if p.is_file()} == before


def test_a_broken_sheet_ends_the_console_with_its_file_row_and_fix(review):
    sheet = review / "data/screening/full_text/anna.csv"
    good = sheet.read_bytes()
    lines = good.decode("utf-8").splitlines(keepends=True)
    sheet.write_text(lines[0] + lines[1].replace("include", "inclde", 1) + "".join(lines[2:]), encoding="utf-8")
    try:
        result = reviewflow("run", str(review), "--cores", "2")
    finally:
        sheet.write_bytes(good)
    assert result.returncode != 0
    tail = "\n".join(result.stdout.strip().splitlines()[-6:])
    assert "data/screening/full_text/anna.csv" in tail and "unknown decision 'inclde'" in tail and "fix:" in tail
    assert "Traceback" not in result.stdout + result.stderr


def test_a_round_folder_that_does_not_exist_is_named_with_the_fix(review):
    config = review / "config/config.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("folder: data/raw/2026-01", "folder: data/raw/2026-1"), encoding="utf-8")
    try:
        result = reviewflow("run", str(review))
    finally:
        config.write_text(good, encoding="utf-8")
    assert result.returncode != 0
    assert "its folder data/raw/2026-1 does not exist" in result.stdout and "fix:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_review_without_a_config_says_so(tmp_path):
    (tmp_path / "Snakefile").write_text("", encoding="utf-8")
    result = reviewflow("run", str(tmp_path))
    assert result.returncode != 0 and "has no config/config.yaml" in result.stderr


def test_an_early_stop_reaches_prisma_with_the_records_no_one_screened(tmp_path):
    root = tmp_path / "stopped"
    assert reviewflow("init", str(root), "--round", "2026-01", "--reviewers", ",".join(REVIEWERS)).returncode == 0
    for name in EXPORTS:
        shutil.copy(REPO / "tests/fixtures/exports" / name, root / "data/raw/2026-01" / name)
    assert reviewflow("run", str(root), "--cores", "2").returncode == 0
    decided = set()
    for who in REVIEWERS:  # each reviewer screens the top five of their own worksheet, then the team stops
        with open(root / f"results/screening/title_abstract/worksheet_{who}.csv", encoding="utf-8-sig") as handle:
            ids = [row["id"] for row in csv.DictReader(handle)][:5]
        decided |= set(ids)
        rows = "".join(f"{rid},{'include' if i == 0 else 'exclude'},{'' if i == 0 else 'E1'}\n" for i, rid in enumerate(ids))
        (root / f"data/screening/title_abstract/{who}.csv").write_text("id,decision,reasons\n" + rows, encoding="utf-8")
    config = root / "config/config.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nscreening:\n" in text
    config.write_text(text.replace("\nscreening:\n", '\nscreening:\n  stopped_early:\n    - rounds: ["2026-01"]\n'
                                   '      date: "2026-01-31"\n      rule: "a test of the stop"\n', 1), encoding="utf-8")
    result = reviewflow("run", str(root), "--cores", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    flow = counts(root)
    unique = flow["records_identified"]["total"] - flow["duplicates_removed"]
    assert flow["records_screened"] == len(decided)  # decided by at least one reviewer
    assert flow["records_marked_ineligible_by_automation"] == unique - len(decided) > 0
    box = (root / "results/prisma/boxes/dbr_automation_ineligible.csv").read_text(encoding="utf-8").splitlines()
    assert len(box) - 1 == unique - len(decided) and not decided & {line.split(",")[0] for line in box[1:]}
    assert "not screened (stopped early)" in result.stdout and "a test of the stop" in result.stdout
    page = " ".join((root / "results/prisma/prisma.html").read_text(encoding="utf-8").split())
    assert f"Records marked as ineligible by automation tools (n = {unique - len(decided)})" in page
