"""Outputs that never vanish (issue 17): a run stopped by a broken sheet leaves the last good worksheets,
conflicts and status byte for byte, and does not touch the prisma stage; fixing the sheet, the next run
goes on. Runs the workflow in a copy of the example (tests/conftest.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import copy_workflow, run_snakemake

pytestmark = pytest.mark.workflow
TARGETS = ("--", "results/screening/status.json")  # "--": --quiet takes several values


def digests(root: Path, folder: str) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def screened(tmp_path_factory) -> Path:
    root = copy_workflow(tmp_path_factory.mktemp("vanish") / "review")
    run_snakemake(root, *TARGETS)
    return root


def test_a_broken_sheet_leaves_the_last_good_results_in_place(screened):
    root = screened
    before = digests(root, "results/screening")
    assert any(k.endswith("worksheet_reviewer_a.xlsx") for k in before)
    assert any(k.endswith("conflicts.csv") for k in before) and "results/screening/status.json" in before
    sheet = root / "data/screening/title_abstract/reviewer_a.csv"
    good = sheet.read_bytes()
    first_id = good.decode("utf-8").splitlines()[1].split(",")[0]
    sheet.write_bytes(good + f"{first_id},perhaps,,\n".encode())
    result = run_snakemake(root, *TARGETS, check=False)
    text = result.stdout + result.stderr
    assert result.returncode != 0 and "perhaps" in text and "fix:" in text, text
    assert "check_screening_sheets" in text
    after = digests(root, "results/screening")
    before.pop("results/screening/sheets_checked.json")  # the check's own record goes with the failed check
    assert after == before

    sheet.write_bytes(good)  # fixed: the next run goes on, and gives the same results again
    run_snakemake(root, *TARGETS)
    fixed = digests(root, "results/screening")
    assert fixed.pop("results/screening/sheets_checked.json")
    assert fixed == before


def test_strict_mode_fails_before_the_worksheets_are_touched(screened, tmp_path):
    root = screened
    before = digests(root, "results/screening")
    sheet = root / "data/screening/title_abstract/reviewer_b.csv"
    good = sheet.read_bytes()
    config = root / "config/config.yaml"
    good_config = config.read_bytes()
    lines = good.decode("utf-8").splitlines()
    sheet.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one decision fewer: pending
    config.write_text(good_config.decode("utf-8").replace("strict: false", "strict: true"), encoding="utf-8")
    assert b"strict: true" in config.read_bytes()
    try:
        result = run_snakemake(root, *TARGETS, check=False)
        text = result.stdout + result.stderr
        assert result.returncode != 0 and "decision(s) still to make" in text, text
        before.pop("results/screening/sheets_checked.json")
        assert {k: v for k, v in digests(root, "results/screening").items()
                if k != "results/screening/sheets_checked.json"} == before
    finally:
        sheet.write_bytes(good)
        config.write_bytes(good_config)
