"""Reading decision sheets the way spreadsheets save them (reviewflow.screening.sheets)."""

from __future__ import annotations

import openpyxl
import pytest

from reviewflow.errors import ReviewflowError
from reviewflow.sheets import parse_sheet, read_sheet

EXPECTED = [{"id": "r1", "decision": "include", "reasons": "", "note": ""},
            {"id": "r2", "decision": "exclude", "reasons": "E1;E2", "note": "a, b"}]


@pytest.mark.parametrize("name, data", [
    ("plain comma", b'id,decision,reasons,note\nr1,include,,\nr2,exclude,E1;E2,"a, b"\n'),
    ("UTF-8 BOM, CRLF", b'\xef\xbb\xbfid,decision,reasons,note\r\nr1,include,,\r\nr2,exclude,E1;E2,"a, b"\r\n'),
    ("semicolons (Excel, European locale)", b'id;decision;reasons;note\nr1;include;;\nr2;exclude;"E1;E2";a, b\n'),
    ("tabs", b'id\tdecision\treasons\tnote\nr1\tinclude\t\t\nr2\texclude\tE1;E2\ta, b\n'),
    ("UTF-16 (Excel 'Unicode text')", 'id\tdecision\treasons\tnote\nr1\tinclude\t\t\nr2\texclude\tE1;E2\ta, b\n'
     .encode("utf-16")),
    ("trailing blank rows", b'id,decision,reasons,note\nr1,include,,\nr2,exclude,E1;E2,"a, b"\n,,,\n,,,\n\n'),
    ("header case, spaces, #N/A, NBSP", b'ID , Decision,REASONS,Note\n r1 ,include\xc2\xa0,#N/A,\n'
     b'r2,exclude,E1;E2,"a, b"\n'),
    ("short rows", b'id,decision,reasons,note\nr1,include\nr2,exclude,E1;E2,"a, b"\n'),
])
def test_sheets_saved_by_spreadsheets_read_the_same(tmp_path, name, data):
    path = tmp_path / "reviewer_a.csv"
    path.write_bytes(data)
    sheet = read_sheet(path, ("id", "decision"))
    assert [row for _, row in sheet.rows] == EXPECTED


def test_row_numbers_count_blank_rows_so_they_match_the_spreadsheet():
    sheet = parse_sheet("id,decision\n\nr1,include\n", "f.csv", ("id", "decision"))
    assert [n for n, _ in sheet.rows] == [3]  # header row 1, blank row 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_message_names_the_row_a_spreadsheet_shows(tmp_path, suffix):
    # the rule (reviewflow.errors.Problem.row): header = row 1, first data row = row 2, blank rows counted,
    # and a quoted cell holding a line break is one row, as a spreadsheet shows it
    cells = [["record_id", "study_id", "note"], ["r1", "S01", "two\nlines"], [], ["r2", "S 01", ""]]
    path = tmp_path / f"study_links{suffix}"
    if suffix == ".csv":
        path.write_text('record_id,study_id,note\nr1,S01,"two\nlines"\n,,\nr2,S 01,\n', encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        for row in cells:
            book.active.append(row)
        book.save(path)
    with pytest.raises(ReviewflowError) as err:
        read_sheet(path, ("record_id", "study_id"), "screening_study_links")
    assert f"study_links{suffix}, row 4, column 'study_id'" in str(err.value)


@pytest.mark.parametrize("data, message", [
    (b"id,verdict\nr1,include\n", "f.csv, line 1: missing column(s) decision"),
    (b"", "the sheet is empty"),
    (b"id,decision\nr1,caf\xe9\n", "not UTF-8 text"),
    (b"id,decision\nr1,include,oops\n", "f.csv, row 2: 3 cells but 2 columns"),
])
def test_broken_sheets_are_named(tmp_path, data, message):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    with pytest.raises(ReviewflowError) as err:
        read_sheet(path, ("id", "decision"))
    assert message in str(err.value).replace(str(tmp_path) + "/", "")


def test_a_schema_checks_every_row_at_once(tmp_path):
    path = tmp_path / "study_links.csv"
    path.write_text("record_id,study_id,note\n,S01,\nr2,S 01,\n", encoding="utf-8")
    with pytest.raises(ReviewflowError) as err:
        read_sheet(path, ("record_id", "study_id"), "screening_study_links")
    # row 2: a study with no report must say where it is known from; row 3: a bad study ID
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "note"), (3, "study_id")]
