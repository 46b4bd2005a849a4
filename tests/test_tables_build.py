"""tables: extraction sheets -> publication tables (builders and sheet checks)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewflow.errors import ReviewflowError
from reviewflow.tables.build import cite
from tables_support import EXAMPLE_DECISIONS, FIXTURES, REPO, load_extraction, tables_of

EXAMPLE = REPO / "data" / "extracted"
LABELS = {"Northern Ireland": "N. Ireland"}


@pytest.mark.parametrize(("refs", "printed"), [
    ((), ""),
    ((8,), "[8]"),
    ((2, 8, 57, 85, 86), "[2, 8, 57, 85, 86]"),
    ((7, 11, 34, 55, 56, 57, 58), "[7, 11, 34, 55-58]"),
    ((7, 3, 1, 2, 3), "[1-3, 7]"),
])
def test_references_are_cited_as_the_paper_prints_them(refs, printed):
    assert cite(refs) == printed


def test_design_by_country_counts_a_scheme_once_per_design():
    table = tables_of(FIXTURES)["design_by_country"]
    assert [c.key for c in table.columns] == ["country", "qualitative", "uncontrolled", "quasi_experimental",
                                              "routine_data", "mixed_methods", "rct"]
    assert table.rows == (("Australia", 0, 0, 0, 0, 0, 2), ("England", 1, 1, 2, 1, 1, 0),
                          ("Sweden", 1, 0, 1, 0, 0, 0), ("USA", 0, 0, 1, 0, 0, 0))


def test_a_crosstab_says_how_many_printed_cells_each_reading_reproduces():
    notes = tables_of(FIXTURES)["design_by_country"].notes
    # the fixture is not the paper: few of the paper's 48 cells hold; S06 is read differently (fixture data)
    assert notes[1].startswith("Compared with the paper's Table 3: as coded (study_designs), ")
    assert "; read literally from Appendix 2 (study_designs_appendix), " in notes[1]
    assert notes[2] == "Schemes coded differently in study_designs and study_designs_appendix (1): S06."


def test_appendix2_groups_by_country_and_names_sources():
    table = tables_of(FIXTURES)["appendix2_included_schemes"]
    assert [row[1] for row in table.rows] == ["S01", "S02", "S03", "S04", "S05", "S06"]
    assert [head for head, _ in table.groups()] == ["Australia", "England", "Sweden", "USA"]
    assert table.rows[5][2] == "On Lok [1-3, 7]"
    assert "country" not in [c.key for c in table.shown] and "scheme_id" not in [c.key for c in table.shown]


def test_an_inferred_bracket_is_marked_and_explained_once():
    tables = tables_of(FIXTURES)
    names = {row[1]: row[2] for row in tables["appendix2_included_schemes"].rows}
    assert names["S03"] == "Darlington Pilot [6, 7]†" and names["S04"] == "Pilot of Partnerships for Older People Projects POPP [4]"
    assert [n for n in tables["appendix2_included_schemes"].notes if n.startswith("†")] != []
    assert not [n for n in tables["appendix3_excluded_schemes"].notes if n.startswith("†")]  # none flagged there


def test_appendix3_marks_each_reason():
    table = tables_of(FIXTURES)["appendix3_excluded_schemes"]
    assert [row[2:6] for row in table.rows] == [("x", "", "", ""), ("x", "", "x", ""), ("", "x", "", ""),
                                                ("", "", "x", "x")]


@pytest.mark.parametrize(("direction", "health", "secondary"), [
    ("Favours intervention", 2, 0), ("No effect", 2, 2), ("Mixed", 1, 2), ("Unclear", 0, 1),
    ("Schemes assessed", 6, 5), ("Not assessed", 0, 1),
])
def test_findings_overview_counts_directions(direction, health, secondary):
    rows = {row[0]: row for row in tables_of(FIXTURES)["findings_overview"].rows}
    assert (rows[direction][1], rows[direction][3]) == (health, secondary)


# ---- the worked example: the paper's own tables, transcribed by hand from the seed (CHE RP 97)
PAPER_TABLE_3 = {  # Table 3: Study design used in different countries
    "Australia": (0, 0, 3, 0, 0, 5), "Canada": (0, 0, 1, 0, 0, 1), "England": (10, 8, 3, 4, 8, 0),
    "N. Ireland": (1, 1, 0, 0, 0, 0), "Scotland": (2, 2, 0, 0, 1, 0), "Sweden": (2, 1, 1, 0, 1, 0),
    "USA": (1, 2, 4, 6, 0, 0), "Wales": (1, 1, 0, 0, 0, 0),
}


@pytest.fixture(scope="module")
def example():
    if not (EXAMPLE / "included_schemes.csv").is_file():
        pytest.skip("the example's extraction sheets (data/extracted/) are not there yet")
    return tables_of(EXAMPLE, LABELS, EXAMPLE_DECISIONS)


def test_example_design_by_country_equals_the_papers_table_3(example):
    found = {row[0]: tuple(row[1:]) for row in example["design_by_country"].rows}
    differences = [f"{country} {col}: paper {PAPER_TABLE_3[country][i]}, data {found.get(country, ('-',) * 6)[i]}"
                   for country in PAPER_TABLE_3 for i, col in enumerate(
                       ("qualitative", "uncontrolled", "quasi_experimental", "routine_data", "mixed_methods", "rct"))
                   if found.get(country, (None,) * 6)[i] != PAPER_TABLE_3[country][i]]
    assert not differences, "data/extracted/included_schemes.csv study_designs disagree with Table 3:\n" + \
        "\n".join(differences)
    assert set(found) == set(PAPER_TABLE_3)


def test_example_design_by_country_note_gives_both_readings(example):
    notes = example["design_by_country"].notes
    assert notes[1] == ("Compared with the paper's Table 3: as coded (study_designs), 48 of 48 cells are equal; "
                        "read literally from Appendix 2 (study_designs_appendix), 41 of 48.")
    assert notes[2] == ("Schemes coded differently in study_designs and study_designs_appendix (5): "
                        "S14, S24, S28, S37, S38.")


def test_example_appendices_have_the_papers_rows_and_marks(example):
    assert len(example["appendix2_included_schemes"].rows) == 38
    assert len(example["appendix3_excluded_schemes"].rows) == 54
    reasons = {row[0]: row[2] for row in example["exclusion_reasons"].rows}
    # The paper: "no financial integration (35%), or the IRM covered health care only (57%)" of 54.
    assert reasons["Health care only"] == 31 and reasons["No financial integration"] == 19


# ---- bad sheets: every problem names file, row, column and fix
def broken_copy(tmp_path: Path, sheet: str, old: str, new: str) -> Path:
    folder = tmp_path / "extracted"
    shutil.copytree(FIXTURES, folder)
    path = folder / f"{sheet}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("sheet", "old", "new", "message"), [
    ("included_schemes", "rct,rct,", "rct,randomised,", "row 2, column 'study_designs': 'randomised' is not a known code"),
    ("included_schemes", ",no_effect,no_effect,", ",none,no_effect,",
     "row 2, column 'health_outcome': 'none' is not a known code"),
    ("included_schemes", ",no_effect,no_effect,", ",,no_effect,", "row 2, column 'health_outcome': the cell is empty"),
    ("included_schemes", "S01,5;7", "S01,5;9", "row 2, column 'irm_categories': '9' is not a known code"),
    ("schemes", "On Lok,USA,included,7;3;1;2", "On Lok,USA,included,7;3;1;99",
     "row 7, column 'source_refs': [99] is not a ref_id in"),
    ("schemes", "S06,On Lok", "S07,On Lok", "'S06' is not a scheme_id in"),
    ("schemes", "S01,From CCT1: CareNet (Illawarra New South Wales),Australia,included",
     "S01,From CCT1: CareNet (Illawarra New South Wales),Australia,excluded",
     "'S01' has status excluded but its study-level decision is include"),
    ("included_schemes", "scheme_id,irm_categories", "scheme,irm_categories", "missing column(s) scheme_id"),
    ("references", "\n3,Mukamel", "\nthree,Mukamel", "row 4, column 'ref_id': 'three' is not a whole number"),
])
def test_a_bad_cell_is_named_with_its_fix(tmp_path, sheet, old, new, message):
    with pytest.raises(ReviewflowError) as err:
        load_extraction(broken_copy(tmp_path, sheet, old, new))
    text = str(err.value)
    assert message in text and f"{sheet}.csv" in text and "fix:" in text


def test_a_missing_sheet_is_named(tmp_path):
    folder = tmp_path / "extracted"
    shutil.copytree(FIXTURES, folder)
    (folder / "scheme_reports.csv").unlink()
    with pytest.raises(ReviewflowError, match="scheme_reports.csv: the extraction sheet is missing"):
        load_extraction(folder)


def test_a_sheet_saved_by_excel_reads_the_same(tmp_path):
    """BOM, semicolons and CRLF (what Excel's "CSV UTF-8" gives in many locales) are read like the plain file."""
    folder = tmp_path / "extracted"
    shutil.copytree(FIXTURES, folder)
    path = folder / "schemes.csv"
    import csv
    import io
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    assert tables_of(folder) == tables_of(FIXTURES)


def test_a_cp1252_sheet_is_read_with_a_warning_that_names_it(tmp_path, capsys):
    folder = tmp_path / "extracted"
    shutil.copytree(FIXTURES, folder)
    path = folder / "schemes.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Pooled budgets", "Pooled budgets \u2013").encode("cp1252"))
    extraction = load_extraction(folder)  # Excel's "CSV (Comma delimited)" on Windows: read, never refused
    assert any("Pooled budgets \u2013" in str(row) for row in extraction.rows["schemes"])
    warned = capsys.readouterr().err
    assert "schemes.csv" in warned and "Windows-1252" in warned and "CSV UTF-8" in warned
