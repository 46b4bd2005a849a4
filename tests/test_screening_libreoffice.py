"""A worksheet round trip through LibreOffice (issue 17): the pipeline's worksheet, filled in, saved by
LibreOffice Calc as .xlsx and as .csv, reads back as the same decisions. Needs `soffice` (CI installs
libreoffice-calc-nogui); skips loudly without it."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from reviewflow.screening import run_screening
from reviewflow.sheets import read_sheet
from reviewflow.validation import validate_config

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "screening"
TA = Path("data/screening/title_abstract")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# What reviewer_b types into the worksheet, by the row's ID (accents, commas, semicolons, a fraction that could become a date)
TYPED = {
    "2009-10-hmic-00001": ("include", "", "Pflege – café, Zürich"),
    "2009-10-medline-00001": ("Yes", "", ""),
    "2009-10-medline-00002": ("exclude", "E1;E2", "see p. 3; n=12"),
    "2009-10-medline-00004": ("unsure", "", ""),
    "2009-10-medline-00005": ("exclude", "E3", "1/3"),
}


def soffice(source: Path, target: str, outdir: Path, home: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{home}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=240)
    made = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert made.is_file(), f"LibreOffice wrote no {made}"
    return made


def decisions(path: Path) -> dict[str, tuple[str, str, str]]:
    sheet = read_sheet(path, ("id", "decision"), legacy_encodings=True)
    return {r["id"]: (r["decision"], r.get("reasons", ""), r.get("note", "")) for _, r in sheet.rows
            if r.get("decision")}


def run() -> None:
    cfg = yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))
    validate_config(cfg)
    run_screening("unique_records.csv", cfg, "out")


def outcomes() -> list[dict[str, str]]:
    with open("out/title_abstract/outcomes.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def filled(tmp_path, monkeypatch) -> Path:
    """reviewer_b's title/abstract worksheet from the pipeline, filled in (openpyxl keeps its drop-down)."""
    if SOFFICE is None:
        pytest.skip("LOUD SKIP: LibreOffice is not installed, so the worksheet round trip through it was NOT "
                    "tested. Install: apt-get install -y --no-install-recommends libreoffice-calc-nogui")
    root = tmp_path / "review"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    (TA / "reviewer_b.csv").write_text("id,decision,reasons,note\n", encoding="utf-8")  # nothing decided yet
    run()
    book = openpyxl.load_workbook("out/title_abstract/worksheet_reviewer_b.xlsx")
    ws = book.active
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        typed = TYPED.get(row[0].value)
        for name, value in zip(("decision", "reasons", "note"), typed or ()):
            row[header.index(name)].value = value
    assert {r[0].value for r in ws.iter_rows(min_row=2)} >= set(TYPED)
    book.save(tmp_path / "filled.xlsx")
    return tmp_path / "filled.xlsx"


@pytest.mark.parametrize("target", ["xlsx", 'csv:Text - txt - csv (StarCalc):44,34,76,1', "csv"])
def test_a_worksheet_saved_by_libreoffice_reads_back_the_same_decisions(filled, tmp_path, target):
    saved = soffice(filled, target, tmp_path / "lo", tmp_path / "lo-profile")
    assert decisions(saved) == TYPED


def test_libreoffice_keeps_the_decision_drop_down(filled, tmp_path):
    saved = soffice(filled, "xlsx", tmp_path / "lo", tmp_path / "lo-profile")
    checks = openpyxl.load_workbook(saved).active.data_validations.dataValidation
    assert [c.formula1 for c in checks] == ['"include,exclude,unsure"']


def test_the_screening_outcomes_are_the_same_from_csv_and_from_libreoffices_xlsx(filled, tmp_path):
    saved = soffice(filled, "xlsx", tmp_path / "lo", tmp_path / "lo-profile")
    lines = ["id,decision,reasons,note"] + [f'{i},{d},{r},"{n}"' for i, (d, r, n) in TYPED.items()]
    (TA / "reviewer_b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run()
    from_csv = outcomes()
    (TA / "reviewer_b.csv").unlink()
    shutil.copyfile(saved, TA / "reviewer_b.xlsx")
    run()
    assert outcomes() == from_csv
