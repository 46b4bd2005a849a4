"""Decisions made elsewhere (issue 17): a Rayyan, Covidence or ASReview export becomes one reviewer's
decisions file, matched by DOI, PMID or title + year, with every unmatched decision listed
(tests/fixtures/tool_exports/README.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import review_copy

from reviewflow.cli import main
from reviewflow.screening.tool_exports import rayyan_notes

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tool_exports"


@pytest.fixture()
def review(tmp_path, monkeypatch) -> Path:
    return review_copy(FIXTURE, tmp_path, monkeypatch)


def screen_import(*args: str) -> int:
    return main(["screen", "import", "--config", "config.yaml", "--unique-records", "unique_records.csv", *args])


def rows(path: str) -> list[tuple[str, ...]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [tuple(r) for r in csv.reader(handle)]


TA = "data/screening/title_abstract"


def test_rayyan_export_becomes_a_reviewers_decisions_file(review, capsys):
    assert screen_import("rayyan_articles.csv", "--from", "rayyan", "--stage", "title_abstract",
                         "--reviewer", "anna", "-o", f"{TA}/anna.csv") == 0
    assert rows(f"{TA}/anna.csv") == [
        ("id", "decision", "reasons", "note"),
        ("2020-01-medline-00001", "include", "", "Rayyan labels: pooled budget,Scotland"),
        ("2020-01-medline-00002", "exclude", "E1", "reasons in the tool: wrong setting"),
        ("2020-01-hmic-00001", "include", "", ""),
    ]
    out = capsys.readouterr()
    assert ("rayyan_articles.csv: 3 decisions matched (1 by doi, 2 by title+year); 1 rows not decided in the tool "
            "(skipped); 2 could not be matched") in out.out
    assert ("not matched: rayyan_articles.csv, row 4: 'Care trusts revisited': title+year matches 2 unique records "
            "(2020-01-hmic-00002, 2020-01-hmic-00003)") in out.err
    assert "row 6: 'A paper this review never found': title+year matches 0 unique records" in out.err
    assert "'wrong setting' (1 decisions)" in out.out
    assert f"commit it as {TA}/anna.csv" in out.out


def test_the_imported_file_is_read_by_the_screening_stage(review, capsys):
    screen_import("rayyan_articles.csv", "--from", "rayyan", "--stage", "title_abstract", "--reviewer", "anna",
                  "-o", f"{TA}/anna.csv")
    assert main(["screen", "--config", "config.yaml", "--unique-records", "unique_records.csv", "--out", "out"]) == 0
    assert "anna: 3 to decide" in capsys.readouterr().out  # 6 unique records, 3 decided by the import


def test_rayyan_name_is_matched_in_any_case_and_a_wrong_name_lists_those_in_the_file(review, capsys):
    assert screen_import("rayyan_articles.csv", "--from", "rayyan", "--stage", "title_abstract",
                         "--reviewer", "bob", "--name", "BOB", "-o", "bob.csv") == 0
    assert [r[:2] for r in rows("bob.csv")[1:]] == [("2020-01-medline-00001", "exclude"),
                                                    ("2020-01-medline-00002", "exclude"),
                                                    ("2020-01-hmic-00004", "include")]
    assert screen_import("rayyan_articles.csv", "--from", "rayyan", "--stage", "title_abstract",
                         "--reviewer", "bob", "--name", "Robert", "-o", "robert.csv") == 2
    err = capsys.readouterr().err
    assert "no decision by 'Robert' in the RAYYAN-INCLUSION notes (the names there: Anna, Bob)" in err
    assert "fix: give the reviewer's Rayyan name with --name" in err


def test_covidence_list_export_with_the_lists_decision(review, capsys):
    assert screen_import("covidence_irrelevant.csv", "--from", "covidence", "--decision", "exclude", "--stage",
                         "title_abstract", "--reviewer", "bob", "-o", f"{TA}/bob.csv", "--unmatched",
                         "unmatched.csv") == 0
    assert rows(f"{TA}/bob.csv")[1:] == [
        ("2020-01-medline-00002", "exclude", "", "Covidence #12"),
        ("2020-01-hmic-00004", "exclude", "", "Covidence #13; tags: Awaiting classification; off topic")]
    assert rows("unmatched.csv") == [("row", "title", "why"), ("4", "Something else entirely",
                                     "doi matches 0 unique records; title+year matches 0 unique records")]


def test_covidence_export_with_a_vote_column(review):
    text = (FIXTURE / "covidence_irrelevant.csv").read_text(encoding="utf-8").splitlines()
    votes = ["Vote", "Yes", "Maybe", "No"]
    Path("votes.csv").write_text("\n".join(f"{line},{v}" for line, v in zip(text, votes)) + "\n", encoding="utf-8")
    assert screen_import("votes.csv", "--from", "covidence", "--stage", "title_abstract", "--reviewer", "bob",
                         "-o", "bob.csv") == 0
    assert [r[:2] for r in rows("bob.csv")[1:]] == [("2020-01-medline-00002", "include"),
                                                    ("2020-01-hmic-00004", "unsure")]


def test_covidence_export_without_a_vote_needs_the_lists_decision(review, capsys):
    assert screen_import("covidence_irrelevant.csv", "--from", "covidence", "--stage", "title_abstract",
                         "--reviewer", "bob", "-o", "bob.csv") == 2
    assert "give the decision of the list it was exported from with --decision" in capsys.readouterr().err
    assert not Path("bob.csv").exists()


def test_asreview_results_matched_by_pmid_doi_and_title(review, capsys):
    assert screen_import("asreview_results.csv", "--from", "asreview", "--stage", "title_abstract",
                         "--reviewer", "anna", "-o", "anna.csv") == 0
    assert rows("anna.csv")[1:] == [("2020-01-medline-00001", "include", "", "looks relevant"),
                                    ("2020-01-medline-00002", "exclude", "", "")]
    out = capsys.readouterr()
    assert "2 decisions matched (1 by pmid, 1 by title+year); 1 rows not decided in the tool" in out.out
    assert "row 5: 'Care trusts revisited': title+year matches 2 unique records" in out.err


def test_an_asreview_export_saved_as_xlsx_reads_the_same(review):
    import openpyxl
    book = openpyxl.Workbook()
    for row in csv.reader((FIXTURE / "asreview_results.csv").read_text(encoding="utf-8").splitlines()):
        book.active.append([int(c) if c.isdigit() and len(c) < 3 else c for c in row])  # labels typed as numbers
    book.save("asreview.xlsx")
    assert screen_import("asreview.xlsx", "--from", "asreview", "--stage", "title_abstract", "--reviewer", "anna",
                         "-o", "anna.csv") == 0
    assert [r[:2] for r in rows("anna.csv")[1:]] == [("2020-01-medline-00001", "include"),
                                                     ("2020-01-medline-00002", "exclude")]


@pytest.mark.parametrize("args, message", [
    (("--reviewer", "carol", "-o", "x.csv"), "'carol' is not a reviewer of title_abstract (the config names anna, bob)"),
    (("--reviewer", "anna", "-o", "config.yaml"), "the file exists: an import never overwrites a person's file"),
])
def test_bad_import_requests_are_refused(review, capsys, args, message):
    before = Path("config.yaml").read_bytes()
    assert screen_import("rayyan_articles.csv", "--from", "rayyan", "--stage", "title_abstract", *args) == 2
    assert message in capsys.readouterr().err
    assert Path("config.yaml").read_bytes() == before


def test_rayyan_notes_are_split_into_their_parts():
    parts = rayyan_notes('own note | RAYYAN-INCLUSION: {"A"=>"Included"} | RAYYAN-LABELS: x, y | '
                         'RAYYAN-EXCLUSION-REASONS: wrong design | USER-NOTES: {"A"=>["hm"]}')
    assert parts == {"": "own note", "RAYYAN-INCLUSION": '{"A"=>"Included"}', "RAYYAN-LABELS": "x, y",
                     "RAYYAN-EXCLUSION-REASONS": "wrong design", "USER-NOTES": '{"A"=>["hm"]}'}


def test_the_cli_offers_every_tool_there_is_a_reader_for():
    from reviewflow.screening.cli import TOOL_NAMES
    from reviewflow.screening.tool_exports import TOOLS
    assert sorted(TOOLS) == list(TOOL_NAMES)
