"""Decision sheets as people save them (issue 17): CSV in the encodings Excel writes, the worksheet saved
back as .xlsx, and every file in a decisions folder accounted for. Runs on the fixture review
(tests/fixtures/screening/README.md)."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import review_copy
import yaml

from reviewflow.errors import ReviewflowError
from reviewflow.screening import run_screening
from reviewflow.sheets import read_sheet
from reviewflow.validation import validate_config

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "screening"
TA = Path("data/screening/title_abstract")


@pytest.fixture()
def review(tmp_path, monkeypatch) -> Path:
    return review_copy(FIXTURE, tmp_path, monkeypatch)


def run() -> dict:
    cfg = yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))
    validate_config(cfg)
    run_screening("unique_records.csv", cfg, "out")
    return json.loads(Path("out/status.json").read_text(encoding="utf-8"))


def problems(capture) -> list[str]:
    return [f"{p.where()}: {p.problem} | fix: {p.fix}" for p in capture.value.problems]


def outcomes() -> dict[str, str]:
    with open("out/title_abstract/outcomes.csv", encoding="utf-8", newline="") as handle:
        return {r["id"]: r["decision"] for r in csv.DictReader(handle)}


def filled_worksheet(path: Path, cells: dict[str, object]) -> None:
    """The pipeline's worksheet for reviewer_b, filled in as a reviewer would (drop-downs kept)."""
    book = openpyxl.load_workbook("out/title_abstract/worksheet_reviewer_b.xlsx")
    ws = book.active
    header = [c.value for c in ws[1]]
    for name, value in cells.items():
        ws.cell(2, header.index(name) + 1, value)
    book.save(path)


# --- CSV encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, byte, name", [("cp1252", b"\x96", "Windows-1252"), ("latin-1", b"\x81", "Latin-1")])
def test_a_csv_not_in_utf8_is_read_with_a_warning_naming_the_file(tmp_path, encoding, byte, name):
    path = tmp_path / "anna.csv"
    path.write_bytes(b"id;decision;reasons;note\r\nr1;include;;caf\xe9 " + byte + b" ok\r\n")
    sheet = read_sheet(path, ("id", "decision"), legacy_encodings=True)
    assert sheet.rows[0][1]["note"] == ("café " + byte.decode(encoding) + " ok")
    assert len(sheet.warnings) == 1 and sheet.warnings[0].startswith(f"{path}: not UTF-8")
    assert f"read as {name}" in sheet.warnings[0] and "CSV UTF-8" in sheet.warnings[0]


def test_without_a_caller_that_shows_warnings_a_legacy_encoding_is_refused(tmp_path):
    path = tmp_path / "anna.csv"
    path.write_bytes(b"id,decision\nr1,caf\xe9\n")
    with pytest.raises(ReviewflowError, match="not UTF-8"):
        read_sheet(path, ("id", "decision"))


def test_a_cp1252_decisions_file_is_read_and_the_status_warns(review):
    sheet = TA / "reviewer_b.csv"
    sheet.write_bytes(sheet.read_bytes().replace(b"member ID", b"member ID \x96 caf\xe9"))
    status = run()
    assert outcomes()["2009-10-medline-00001"] == "include"
    assert [w for w in status["warnings"] if w.startswith(f"{sheet}: not UTF-8")]


# --- XLSX -----------------------------------------------------------------------------------------

def test_the_worksheet_saved_back_as_xlsx_is_the_reviewers_file(review):
    run()
    filled_worksheet(TA / "reviewer_b.xlsx", {"decision": "include"})
    (TA / "reviewer_b.csv").unlink()
    run()
    assert outcomes()["2009-10-medline-00005"] == "include"
    # the rows of the old CSV are gone with it: only the worksheet's row is decided now
    assert outcomes()["2009-10-medline-00002"] == "pending"


def test_xlsx_cells_are_read_as_the_text_they_show(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["note", "ID", "Decision"])  # columns in another order, names in another case
    ws.append([datetime(2024, 3, 1), 42, "include"])
    ws.append([3.5, 1e5, "exclude"])
    ws.append([None, "S01", "Include"])
    ws["A2"].number_format = "dd/mm/yyyy"
    ws["A3"].number_format = "0.00"
    book.save(tmp_path / "anna.xlsx")
    sheet = read_sheet(tmp_path / "anna.xlsx", ("id", "decision"))
    assert [row for _, row in sheet.rows] == [
        {"note": "01/03/2024", "id": "42", "decision": "include"},
        {"note": "3.50", "id": "100000", "decision": "exclude"},
        {"note": "", "id": "S01", "decision": "Include"}]
    assert [n for n, _ in sheet.rows] == [2, 3, 4]  # the worksheet's rows (header = 1), as in a CSV


def test_the_worksheet_holding_the_columns_is_read_whatever_its_position(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["my notes"])
    other = book.create_sheet("decisions")
    other.append(["id", "decision"])
    other.append(["r1", "exclude"])
    book.save(tmp_path / "anna.xlsx")
    assert read_sheet(tmp_path / "anna.xlsx", ("id", "decision")).rows == ((2, {"id": "r1", "decision": "exclude"}),)


def test_an_xlsx_whose_header_row_was_deleted_is_named(review):
    run()
    book = openpyxl.load_workbook("out/title_abstract/worksheet_reviewer_b.xlsx")
    book.active["B2"] = "include"
    book.active.delete_rows(1)
    book.save(TA / "reviewer_b.xlsx")
    (TA / "reviewer_b.csv").unlink()
    with pytest.raises(ReviewflowError) as err:
        run()
    [message] = problems(err)
    assert message.startswith(f"{TA}/reviewer_b.xlsx, line 1: the first row is not a header row: it has none of "
                              "the columns id, decision (it reads 2009-10-medline-00005, include")
    assert message.endswith("fix: insert a first row naming the columns id,decision (the names can be in any order)")


def test_a_date_in_the_decision_column_is_named_with_row_column_and_fix(review):
    run()
    filled_worksheet(TA / "reviewer_b.xlsx", {"decision": datetime(2024, 3, 1)})
    book = openpyxl.load_workbook(TA / "reviewer_b.xlsx")
    book.active["B2"].number_format = "dd/mm/yyyy"
    book.save(TA / "reviewer_b.xlsx")
    (TA / "reviewer_b.csv").unlink()
    with pytest.raises(ReviewflowError) as err:
        run()
    [message] = problems(err)
    assert message.startswith(f"{TA}/reviewer_b.xlsx, row 2, column 'decision': a date (01/03/2024) in the "
                              "decision column | fix: write one of:")
    assert "format the column as Text" in message


def test_a_moved_decision_column_is_read_by_its_name(review):
    sheet = TA / "reviewer_b.csv"
    rows = list(csv.reader(sheet.read_text(encoding="utf-8").splitlines()))
    sheet.write_text("\n".join(",".join([r[3], r[1], r[2], r[0]]) for r in rows) + "\n", encoding="utf-8")
    run()
    assert outcomes()["2009-10-medline-00002"] == "exclude"


def test_an_unreadable_spreadsheet_format_is_named_with_what_to_do(review):
    (TA / "reviewer_b.csv").rename(TA / "reviewer_b.ods")
    with pytest.raises(ReviewflowError) as err:
        run()
    assert problems(err) == [f"{TA}/reviewer_b.ods: a .ods spreadsheet cannot be read | fix: save it as .xlsx "
                             "(Excel Workbook) or as CSV UTF-8, under the same name"]


# --- every file in a decisions folder accounted for ----------------------------------------------

def test_two_files_for_one_reviewer_and_stage_is_an_error_naming_both(review):
    run()
    filled_worksheet(TA / "reviewer_b.xlsx", {"decision": "include"})
    with pytest.raises(ReviewflowError) as err:
        run()
    assert problems(err) == [f"{TA}/reviewer_b.csv: two files for one sheet: {TA}/reviewer_b.csv and "
                             f"{TA}/reviewer_b.xlsx | fix: keep one (the one with the decisions) and delete or "
                             "move the other"]


@pytest.mark.parametrize("name, fix", [
    ("anna.csv", "rename it to a name the config gives this folder (consensus.csv, reviewer_a.csv, reviewer_b.csv), "
     "add 'anna' as a reviewer in config screening.stages.title_abstract.reviewers, or move it out of the folder"),
    ("Reviewer_A.xlsx", "rename it to reviewer_a.xlsx (names are matched exactly)"),
    ("reviewer_a (copy).csv", "rename it to a name the config gives this folder"),
])
def test_a_decisions_file_named_for_no_reviewer_is_an_error(review, name, fix):
    shutil.copyfile(TA / "reviewer_a.csv", TA / name)
    with pytest.raises(ReviewflowError) as err:
        run()
    [message] = problems(err)
    assert message.startswith(f"{TA}/{name}: a decisions file named for no reviewer of this folder")
    assert fix in message


@pytest.mark.parametrize("name, text", [
    ("~$reviewer_b.xlsx", "is a lock file: reviewer_b.xlsx is open in a spreadsheet"),
    (".~lock.reviewer_b.csv#", "is a lock file: reviewer_b.csv is open in a spreadsheet"),
    ("protocol.docx", "is not a sheet the config names: not read"),
])
def test_lock_files_and_other_files_are_named_in_a_warning(review, name, text):
    (TA / name).write_bytes(b"\x00lock")
    status = run()
    assert [w for w in status["warnings"] if w.startswith(f"{TA}/{name} {text}")], status["warnings"]


def test_a_retrieval_sheet_saved_under_another_suffix_is_named(review):
    retrieval = Path("data/screening/full_text/retrieval.csv")
    retrieval.rename(retrieval.with_suffix(".xlsx"))
    with pytest.raises(ReviewflowError) as err:
        run()
    assert problems(err) == [f"{retrieval.with_suffix('.xlsx')}: not the sheet the config names ({retrieval}): not "
                             f"read | fix: save it as {retrieval}, or set screening.stages.full_text.retrieval: "
                             f"{retrieval.with_suffix('.xlsx')} in config"]


def test_a_reviewers_note_or_typed_id_never_runs_as_a_formula_in_generated_csvs(review):
    """issue 14, item 5: notes and typed IDs reach conflicts.csv and orphaned.csv neutralised."""
    sheet = TA / "reviewer_b.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("2009-10-medline-00004,unsure,,",
                                                               '2009-10-medline-00004,unsure,,"=HYPERLINK(""x"")"')
                     + "=1+1,include,,\n", encoding="utf-8")
    cfg = yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))
    cfg["screening"]["allow_orphans"] = ["=1+1"]
    validate_config(cfg)
    run_screening("unique_records.csv", cfg, "out")
    conflicts = Path("out/title_abstract/conflicts.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in conflicts and ',"=HYPERLINK' not in conflicts
    orphaned = list(csv.DictReader(open("out/orphaned.csv", encoding="utf-8", newline="")))
    assert [o["id"] for o in orphaned] == ["'=1+1"]


@pytest.mark.parametrize("value, number_format, shown", [
    (datetime(2024, 3, 1), "d/m/yyyy", "1/3/2024"),
    (datetime(2024, 3, 1), "mm-dd-yy", "03-01-24"),
    (datetime(2024, 3, 1), "[$-409]d-mmm-yy", "1-Mar-24"),
    (datetime(2024, 3, 1), "yyyy\\-mm\\-dd", "2024-03-01"),
    (datetime(2024, 3, 1, 14, 5), "m/d/yy h:mm", "3/1/24 14:05"),
    (datetime(2024, 3, 1, 14, 5), "h:mm AM/PM", "2:05 PM"),
    (datetime(2024, 3, 1, 14, 5, 9), "General", "2024-03-01 14:05:09"),
    (1e5, "General", "100000"), (0.1 + 0.2, "General", "0.3"), (7, "0.00", "7.00"),
])
def test_a_workbook_cell_is_read_as_the_spreadsheet_shows_it(value, number_format, shown):
    from reviewflow.sheets import cell_text
    cell = openpyxl.Workbook().active["A1"]
    cell.value = value
    cell.number_format = number_format
    assert cell_text(cell) == shown
