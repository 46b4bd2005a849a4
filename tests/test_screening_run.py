"""The screening stage on the fixture review (tests/fixtures/screening/README.md): outcomes, conflicts,
worksheets, status, strict mode, orphans, and every bad-input rule."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import review_copy
import yaml

from reviewflow.cli import main as cli_main
from reviewflow.errors import ReviewflowError
from reviewflow.screening import output_files, run_screening, settings_from_config, summary_text
from reviewflow.screening.outputs import AGREEMENT_COLUMNS
from reviewflow.validation import validate_config

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "screening"
SHEETS = Path("data/screening")


@pytest.fixture()
def review(tmp_path, monkeypatch) -> Path:
    return review_copy(FIXTURE, tmp_path, monkeypatch)


def config(**screening) -> dict:
    cfg = yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))
    cfg["screening"].update(screening)
    validate_config(cfg)
    return cfg


def run(**screening):
    return run_screening("unique_records.csv", config(**screening), "out")


def json_load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def csv_to_xlsx(source: Path, dest: Path) -> None:
    """A decisions CSV as a reviewer's workbook (every cell text, as typed)."""
    book = openpyxl.Workbook()
    for row in csv.reader(source.read_text(encoding="utf-8").splitlines()):
        book.active.append(row)
    book.save(dest)


def rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def outcomes(stage: str) -> dict[str, tuple[str, ...]]:
    return {r["id"]: tuple(v for k, v in r.items() if k != "id") for r in rows(f"out/{stage}/outcomes.csv")}


def add_row(sheet: str, line: str) -> None:
    with open(SHEETS / sheet, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@pytest.mark.parametrize("stage, unit, expected", [
    # both include; reviewer B named a member record of the cluster ("YES" is a documented variant)
    ("title_abstract", "2009-10-medline-00001", ("include", "", "agreement", "false")),
    ("title_abstract", "2009-10-medline-00002", ("exclude", "E1;E2", "agreement", "false")),
    ("title_abstract", "2009-10-medline-00003", ("include", "", "consensus", "false")),
    ("title_abstract", "2009-10-medline-00004", ("conflict", "", "none", "true")),  # include / unsure
    ("title_abstract", "2009-10-medline-00005", ("pending", "", "none", "true")),  # B has not decided
    # found only on a website: not screened on title/abstract, enters at full text
    ("title_abstract", "2009-10-websites-00001", ("include", "", "other_methods", "false")),
    ("full_text", "2009-10-hmic-00001", ("exclude", "E7;E8", "agreement", "false", "retrieved")),
    ("full_text", "2009-10-medline-00003", ("pending", "", "none", "false", "not_retrieved")),
    ("full_text", "2009-10-websites-00001", ("include", "", "agreement", "false", "retrieved")),
    ("study", "S01", ("include", "", "agreement", "false", "2009-10-medline-00001")),
    ("study", "S02", ("conflict", "", "none", "true", "2009-10-medline-00001; 2009-10-websites-00001")),
])
def test_outcomes(review, stage, unit, expected):
    run()
    assert outcomes(stage)[unit] == expected


def test_only_units_entering_a_stage_have_an_outcome(review):
    run()
    assert len(outcomes("title_abstract")) == 7  # every unique record
    assert set(outcomes("full_text")) == {"2009-10-hmic-00001", "2009-10-medline-00001", "2009-10-medline-00003",
                                          "2009-10-websites-00001"}  # included at title/abstract


def test_conflicts_are_listed_side_by_side_open_first(review):
    run()
    table = rows("out/title_abstract/conflicts.csv")
    assert [(r["id"], r["status"], r["reviewer_a_decision"], r["reviewer_b_decision"], r["consensus_decision"])
            for r in table] == [("2009-10-medline-00004", "open", "include", "unsure", ""),
                                ("2009-10-medline-00003", "resolved", "include", "exclude", "include")]
    assert table[1]["title"].startswith("'=HYPERLINK")  # neutralised for spreadsheets


def test_worksheets_list_what_each_reviewer_still_has_to_decide(review):
    run()
    data = Path("out/title_abstract/worksheet_reviewer_b.csv").read_bytes()
    # BOM: Excel reads UTF-8; the title/abstract worksheet is ranked (priority, ranked_by after the decision columns)
    assert data.startswith(b"\xef\xbb\xbfid,decision,reasons,note,priority,ranked_by,title")
    assert [r["id"] for r in rows("out/title_abstract/worksheet_reviewer_b.csv")] == ["2009-10-medline-00005"]
    assert rows("out/title_abstract/worksheet_reviewer_a.csv") == []
    sheet = openpyxl.load_workbook("out/title_abstract/worksheet_reviewer_b.xlsx").active
    assert [c.value for c in sheet[2]][:7] == ["2009-10-medline-00005", None, None, None, 1,  # a number: sortable
                                              "model trained on 3 include and 1 exclude decisions and 1 unscreened record "
                                              "drawn at random as presumed irrelevant (seed 0), blended with a character "
                                              "model trained on the decisions",
                                              "Care trusts revisited"]


def test_worksheet_cells_that_spreadsheets_would_run_are_neutralised(review):
    Path(SHEETS / "title_abstract/consensus.csv").write_text("id,decision,reasons,note\n", encoding="utf-8")
    add_row("title_abstract/reviewer_a.csv", "")  # the conflict on medline-00003 is now open; A decided it
    Path(SHEETS / "title_abstract/reviewer_b.csv").write_text("id,decision,reasons,note\n", encoding="utf-8")
    run()
    sheet = openpyxl.load_workbook("out/title_abstract/worksheet_reviewer_b.xlsx").active
    title = [c.value for c in sheet[1]].index("title")
    titles = [row[title].value for row in sheet.iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"http://evil\")" in titles
    assert all(not str(t).startswith("=") for t in titles)


def test_outputs_are_byte_identical_across_runs(review):
    run()
    first = {p: p.read_bytes() for p in sorted(Path("out").rglob("*")) if p.is_file()}
    shutil.rmtree("out")
    run()
    assert {p: p.read_bytes() for p in sorted(Path("out").rglob("*")) if p.is_file()} == first


def test_status_and_its_summary(review):
    run()
    text = summary_text("out/status.json")
    assert "PROVISIONAL" in text
    assert "title_abstract: 7 units, 4 included, 1 excluded, 1 pending, 1 open conflicts\n" in text


def test_status_says_what_to_do_next_and_where(review):
    """Per stage and reviewer: how many are left, the worksheet listing them, the file they go in; the
    open conflicts, where they are listed and the file that resolves them."""
    run()
    text = summary_text("out/status.json")
    assert "    reviewer_a: nothing left to decide\n" in text
    assert ("    reviewer_b: 1 to decide, listed in out/title_abstract/worksheet_reviewer_b.xlsx; decisions go in "
            "data/screening/title_abstract/reviewer_b.csv") in text
    assert ("    1 open conflicts, listed in out/title_abstract/conflicts.csv; resolve them in "
            "data/screening/title_abstract/consensus.csv") in text
    status = json_load("out/status.json")
    ta = status["stages"]["title_abstract"]
    assert ta["reviewers"]["reviewer_b"] == {"remaining": 1, "worksheet": "out/title_abstract/worksheet_reviewer_b.xlsx",
                                             "decisions_file": "data/screening/title_abstract/reviewer_b.csv"}
    assert (ta["conflicts_open"], ta["consensus_file"]) == (1, "data/screening/title_abstract/consensus.csv")
    assert status["provisional"] is True


def test_status_names_the_file_a_reviewer_saved_as_xlsx(review):
    sheet = SHEETS / "title_abstract/reviewer_b.csv"
    csv_to_xlsx(sheet, sheet.with_suffix(".xlsx"))
    sheet.unlink()
    run()
    ta = json_load("out/status.json")["stages"]["title_abstract"]
    assert ta["reviewers"]["reviewer_b"]["decisions_file"] == "data/screening/title_abstract/reviewer_b.xlsx"


def test_a_complete_review_is_final(review):
    add_row("title_abstract/reviewer_b.csv", "2009-10-medline-00005,include,,")
    add_row("title_abstract/consensus.csv", "2009-10-medline-00004,exclude,E1,")
    Path(SHEETS / "study/consensus.csv").write_text("id,decision,reasons,note\nS02,exclude,E9,\n", encoding="utf-8")
    add_row("full_text/reviewer_a.csv", "2009-10-medline-00005,include,,")
    add_row("full_text/reviewer_b.csv", "2009-10-medline-00005,exclude,E7,")
    Path(SHEETS / "full_text/consensus.csv").write_text("id,decision,reasons,note\n2009-10-medline-00005,exclude,E7,\n",
                                                       encoding="utf-8")
    run(strict=True)
    assert "final" in summary_text("out/status.json")


def test_strict_mode_fails_while_anything_is_open(review):
    with pytest.raises(ReviewflowError) as err:
        run(strict=True)
    message = str(err.value)
    assert "data/screening/title_abstract/reviewer_b.csv: 1 title_abstract decision(s) still to make" in message
    assert "data/screening/study/consensus.csv: 1 study conflict(s) unresolved" in message
    assert "out/title_abstract/worksheet_reviewer_b.xlsx" in message
    assert Path("out/title_abstract/worksheet_reviewer_b.xlsx").is_file()  # what is left, for the reviewer


def test_a_full_text_decision_waits_while_title_abstract_is_open(review):
    add_row("full_text/reviewer_a.csv", "2009-10-medline-00004,include,,")
    run()
    assert "2009-10-medline-00004" not in outcomes("full_text")
    assert "1 decisions held" in summary_text("out/status.json")


def test_members_of_one_cluster_with_different_decisions_are_a_conflict(review):
    # the cluster grew: B's row on the HMIC member and a new row on the MEDLINE member disagree
    add_row("title_abstract/reviewer_b.csv", "2009-10-medline-00001,exclude,E1,")
    run()
    assert outcomes("title_abstract")["2009-10-medline-00001"][0] == "conflict"
    kinds = {r["id"]: r["kind"] for r in rows("out/title_abstract/conflicts.csv")}
    assert kinds["2009-10-medline-00001"] == "members"


def test_orphaned_decisions_stop_the_run_unless_allowed(review):
    add_row("title_abstract/reviewer_a.csv", "2009-10-zetoc-00009,exclude,E1,")
    with pytest.raises(ReviewflowError) as err:
        run()
    assert "reviewer_a.csv, row 8, column 'id': 2009-10-zetoc-00009 is not a record of the review" in str(err.value)
    run(allow_orphans=["2009-10-zetoc-00009"])
    assert rows("out/orphaned.csv") == [{"stage": "title_abstract", "source": "reviewer_a", "id": "2009-10-zetoc-00009",
                                         "decision": "exclude", "file": "data/screening/title_abstract/reviewer_a.csv",
                                         "row": "8"}]
    assert "1 orphaned decisions" in summary_text("out/status.json")


def test_only_the_orphans_a_person_listed_pass_and_ids_are_compared_exactly(review):
    add_row("title_abstract/reviewer_a.csv", "2009-10-zetoc-00009,exclude,E1,")
    add_row("title_abstract/reviewer_b.csv", "2009-10-MEDLINE-00005,exclude,E1,")
    with pytest.raises(ReviewflowError) as err:
        run(allow_orphans=["2009-10-zetoc-00009", "2009-10-medline-00005"])
    message = str(err.value)
    assert "2009-10-zetoc-00009" not in message  # listed: passes
    # the upper-cased ID is not the listed one, whatever it resembles; the near miss is a hint only
    assert "2009-10-MEDLINE-00005 is not a record of the review" in message
    assert "close IDs of the review: 2009-10-medline-00005" in message


@pytest.mark.parametrize("typed, known, near", [
    ("S1", ["S01", "S02", "S10"], ["S01"]),
    ("s01", ["S01", "S02"], ["S01"]),
    ("1.23E+05", ["123000", "12300"], ["123000"]),
    (" X 28", ["X28"], ["X28"]),
    ("Q99", ["S01", "S02"], []),
])
def test_near_miss_hints_name_case_leading_zeros_and_scientific_notation(typed, known, near):
    from reviewflow.orphans import Hints

    assert Hints(known).near(typed) == near


def test_a_round_removed_on_purpose_is_declared_once():
    from reviewflow.orphans import Allowed

    allowed = Allowed.from_config(["round:2013-02", "X28"])
    assert "2013-02-medline-ovid-00001" in allowed and "X28" in allowed
    assert "2013-020-medline-00001" not in allowed and "x28" not in allowed


@pytest.mark.parametrize("sheet, line, problem", [
    ("title_abstract/reviewer_a.csv", "2009-10-medline-00002,include,,",
     "row 8, column 'id': 2009-10-medline-00002 is decided twice: exclude E1 (row 4) and include (row 8)"),
    ("title_abstract/reviewer_a.csv", "2009-10-medline-00005,perhaps,,",
     "row 8, column 'decision': unknown decision 'perhaps'"),
    ("title_abstract/reviewer_a.csv", "2009-10-medline-00005,exclude,E99,",
     "row 8, column 'reasons': unknown reason code(s) E99"),
    ("full_text/reviewer_a.csv", "2009-10-medline-00005,exclude,,",
     "row 5, column 'reasons': an exclusion at full_text needs a reason"),
    ("full_text/reviewer_a.csv", "2009-10-medline-00002,include,,",
     "row 5, column 'id': 2009-10-medline-00002 has a full_text decision but was excluded at title_abstract"),
    ("full_text/reviewer_a.csv", "2009-10-medline-00003,include,,",
     "2009-10-medline-00003 has a full-text decision but retrieval.csv says not_retrieved"),
    ("title_abstract/consensus.csv", "2009-10-medline-00004,unsure,,", "a consensus decision cannot be unsure"),
    ("full_text/retrieval.csv", "2009-10-medline-00001,lost,", "row 4, column 'status': unknown status 'lost'"),
    ("study/reviewer_a.csv", "S09,include,,", "row 4, column 'id': study S09 has no report"),
])
def test_bad_input_is_reported_with_file_row_and_fix(review, sheet, line, problem):
    add_row(sheet, line)
    with pytest.raises(ReviewflowError) as err:
        run()
    assert f"data/screening/{sheet}, {problem}" in str(err.value) or problem in str(err.value)
    assert "fix:" in str(err.value)


def test_all_problems_of_a_sheet_are_reported_at_once(review):
    add_row("title_abstract/reviewer_a.csv", "2009-10-medline-00005,maybe not,,")
    add_row("title_abstract/reviewer_a.csv", "2009-10-medline-00004,exclude,E42,")
    with pytest.raises(ReviewflowError) as err:
        run()
    assert [(p.row, p.column) for p in err.value.problems] == [(8, "decision"), (9, "reasons")]


@pytest.mark.parametrize("word, decision", [("Include", "include"), ("INCLUDE", "include"), ("yes", "include"),
                                            ("No", "exclude"), (" Excluded ", "exclude"), ("?", "unsure")])
def test_documented_decision_variants(review, word, decision):
    Path(SHEETS / "title_abstract/reviewer_b.csv").write_text(
        f"id;decision;reasons;note\n2009-10-medline-00005;{word};E1;\n", encoding="utf-8-sig")  # ; and BOM
    run()
    calls = {r["id"]: r for r in rows("out/title_abstract/conflicts.csv")}
    result = outcomes("title_abstract")["2009-10-medline-00005"]
    assert (result[0] == "include") if decision == "include" else calls["2009-10-medline-00005"]


def test_the_cli_prints_the_status_and_exits_non_zero_on_bad_input(review, capsys):
    args = ["screen", "--config", "config.yaml", "--unique-records", "unique_records.csv", "--out", "out"]
    assert cli_main(args) == 0
    assert "Screening status: PROVISIONAL" in capsys.readouterr().out
    add_row("title_abstract/reviewer_a.csv", "2009-10-medline-00005,perhaps,,")
    assert cli_main(args) == 2
    assert "unknown decision 'perhaps'" in capsys.readouterr().err


def test_the_example_config_has_the_papers_criteria():
    cfg = yaml.safe_load((FIXTURE.parents[2] / "config" / "config.yaml").read_text(encoding="utf-8"))
    codes = [c["code"] for c in cfg["screening"]["criteria"]]
    assert codes == ["I1", "I2", "I3", "I4", *(f"E{n}" for n in range(1, 11))]



def test_agreement_on_the_fixture_matches_a_hand_computation(review):
    run()
    table = {r["stage"]: r for r in rows("out/agreement.csv") if r["round"] == "all"}
    # title/abstract, both decided 5 units: A include 4, exclude 1; B include 2, exclude 2, unsure 1;
    # agree on 3 (p_o 0.6). p_e = 0.8*0.4 + 0.2*0.4 = 0.4, kappa = 0.2/0.6 = 1/3. Fleiss-Cohen-Everitt:
    # diagonal 0.4*(1-1.2*2/3)^2 + 0.2*(1-0.6*2/3)^2 = 0.088; off (2/3)^2*(0.2*0.6^2 + 0.2*0.4^2) = 0.046222;
    # var = (0.088 + 0.046222 - (1/3 - 0.4*2/3)^2) / (5 * 0.6^2) = 0.072099, SE 0.268512, CI 1/3 -/+ 0.526273.
    # PABAK (3*0.6-1)/2 = 0.4; AC1: pi = 0.6, 0.3, 0.1, p_e = (0.24+0.21+0.09)/2 = 0.27, (0.6-0.27)/0.73.
    assert [table["title_abstract"][k] for k in AGREEMENT_COLUMNS[4:]] == [
        "5", "3", "60.0", "0.333", "0.269", "-0.193", "0.860", "0.400", "0.452"]
    # full text: 3 units, all agree, p_e = (2/3)^2 + (1/3)^2: kappa 1 with SE 0
    assert [table["full_text"][k] for k in ("n_double_screened", "kappa", "kappa_ci_low", "kappa_ci_high")] == [
        "3", "1.000", "1.000", "1.000"]
    # study: S01 include/include, S02 include/exclude: p_o 0.5 = p_e (A always includes): kappa 0
    assert [table["study"][k] for k in ("n_double_screened", "percent_agreement", "kappa")] == ["2", "50.0", "0.000"]


def test_retrieval_rows_on_records_no_longer_in_the_review_are_orphans(review):
    add_row("full_text/retrieval.csv", "2009-10-zetoc-00009,not_retrieved,")
    with pytest.raises(ReviewflowError) as err:
        run()
    assert "retrieval.csv, row 4, column 'id': 2009-10-zetoc-00009 is not a record of the review" in str(err.value)
    run(allow_orphans=["2009-10-zetoc-00009"])
    assert [(r["stage"], r["id"], r["decision"]) for r in rows("out/orphaned.csv")] == [
        ("retrieval", "2009-10-zetoc-00009", "not_retrieved")]


def test_xlsx_worksheets_offer_the_decisions_in_a_drop_down(review):
    run()
    sheet = openpyxl.load_workbook("out/title_abstract/worksheet_reviewer_b.xlsx").active
    (check,) = sheet.data_validations.dataValidation
    assert (check.formula1, str(check.sqref), check.errorStyle) == ('"include,exclude,unsure"', "B2", "warning")


def grow_cluster(cluster: str, *new_members: str) -> None:
    """A later round (or a dedupe decision) adds records to an existing cluster."""
    lines = Path("unique_records.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not any(line.startswith(m + ",") for m in new_members)]
    grown = [line.replace(f"{cluster},{cluster},", f"{cluster},{'; '.join((cluster, *new_members))},", 1)
             for line in kept]
    Path("unique_records.csv").write_text("\n".join(grown) + "\n", encoding="utf-8")


@pytest.mark.parametrize("stage, cluster, new_members, expected", [
    # a new round's record joins an excluded cluster: the decision stays, nobody is asked again
    ("title_abstract", "2009-10-medline-00002", ("2014-03-medline-00001",),
     ("exclude", "E1;E2", "agreement", "false")),
    # two settled clusters merge with different final decisions (include, exclude): a conflict, no guess
    ("title_abstract", "2009-10-hmic-00001", ("2009-10-medline-00002",), ("conflict", "", "none", "true")),
    # the same at full text: both passed title/abstract, one was excluded at full text, the other included
    ("full_text", "2009-10-hmic-00001", ("2009-10-medline-00001", "2009-10-hmic-00002"),
     ("conflict", "", "none", "true", "retrieved")),
])
def test_a_decision_belongs_to_its_record_when_the_cluster_grows(review, stage, cluster, new_members, expected):
    grow_cluster(cluster, *new_members)
    run()
    assert outcomes(stage)[cluster] == expected
    for reviewer in ("reviewer_a", "reviewer_b"):
        assert cluster not in [r["id"] for r in rows(f"out/{stage}/worksheet_{reviewer}.csv")]
    if expected[0] == "conflict":
        (conflict,) = [r for r in rows(f"out/{stage}/conflicts.csv") if r["id"] == cluster]
        assert (conflict["status"], conflict["kind"]) == ("open", "members")


def test_a_members_conflict_is_resolved_when_consensus_makes_the_finals_agree(review):
    grow_cluster("2009-10-hmic-00001", "2009-10-medline-00002")
    add_row("title_abstract/consensus.csv", "2009-10-medline-00002,include,,merged in the 2014 update: relevant")
    run()
    assert outcomes("title_abstract")["2009-10-hmic-00001"] == ("include", "", "consensus", "false")


def test_the_workflow_rule_declares_exactly_the_files_a_run_writes(review):
    run()
    written = {str(p) for p in Path("out").rglob("*") if p.is_file()}
    assert set(output_files(settings_from_config(config()), "out").values()) == written


def test_a_filled_in_worksheet_can_be_the_reviewers_file(review):
    # reviewer B saves the worksheet as their file: one row decided, undecided rows left blank
    Path(SHEETS / "title_abstract/reviewer_b.csv").write_text(
        "id,decision,reasons,note,title\n"
        "2009-10-medline-00005,include,,,Care trusts revisited\n"
        "2009-10-medline-00004,,,,Lead commissioning\n", encoding="utf-8")
    run()
    assert outcomes("title_abstract")["2009-10-medline-00005"][0] == "include"
    # still to decide: the blank row, and what the file no longer names (medline-00003 is settled by consensus)
    # (in priority order, which the ranking tests check; here: which units, and each once)
    listed = rows("out/title_abstract/worksheet_reviewer_b.csv")
    assert sorted(r["id"] for r in listed) == [
        "2009-10-hmic-00001", "2009-10-medline-00001", "2009-10-medline-00002", "2009-10-medline-00004"]
    assert [r["priority"] for r in listed] == ["1", "2", "3", "4"]


def test_reasons_without_a_decision_are_an_error(review):
    add_row("title_abstract/reviewer_b.csv", "2009-10-medline-00005,,E1,")
    with pytest.raises(ReviewflowError) as err:
        run()
    assert "reviewer_b.csv, row 7, column 'decision': reasons but no decision" in str(err.value)


def test_a_study_whose_reports_all_left_the_review_is_orphaned_with_them(review):
    # the export holding S01's only report was removed: its link and both decisions on S01 are orphans
    lines = Path("unique_records.csv").read_text(encoding="utf-8").splitlines()
    Path("unique_records.csv").write_text("\n".join(line.replace("; 2009-10-hmic-00002", "") for line in lines)
                                          + "\n", encoding="utf-8")
    with pytest.raises(ReviewflowError) as err:
        run()
    assert "study S01 has no report in data/screening/study_links.csv that is a record of the review" in str(err.value)
    run(allow_orphans=["S01", "2009-10-hmic-00002"])
    assert sorted((r["stage"], r["source"], r["id"]) for r in rows("out/orphaned.csv")) == [
        ("study", "reviewer_a", "S01"), ("study", "reviewer_b", "S01"),
        ("study_links", "study_links", "2009-10-hmic-00002"),
        ("title_abstract", "reviewer_b", "2009-10-hmic-00002")]  # B had screened that record too
    assert "S01" not in outcomes("study")



def test_the_report_screening_section_says_what_to_do_next(review):
    from reviewflow.report.sections import screening_section

    run()
    section = screening_section(Path("out/status.json"), None, True)
    titles = [p.heading for p in section.panels]
    assert titles[0].startswith("Status: provisional")
    next_steps = str(section.panels[titles.index("What to do next")].html)
    assert ("<td>title_abstract</td><td>reviewer_b: 1 to decide</td><td>out/title_abstract/worksheet_reviewer_b.xlsx"
            "</td><td>data/screening/title_abstract/reviewer_b.csv</td>") in next_steps
    assert ("<td>1 open conflicts</td><td>out/title_abstract/conflicts.csv</td>"
            "<td>data/screening/title_abstract/consensus.csv</td>") in next_steps


def test_ranked_worksheets_are_byte_identical_run_to_run_and_ranking_can_be_switched_off(review):
    run()
    first = {p: Path(p).read_bytes() for p in ("out/title_abstract/worksheet_reviewer_b.csv",
                                                "out/title_abstract/worksheet_reviewer_b.xlsx")}
    run()
    assert {p: Path(p).read_bytes() for p in first} == first
    status = json.loads(Path("out/status.json").read_text(encoding="utf-8"))["stages"]["title_abstract"]
    assert status["worksheet_order"]["reviewer_b"].startswith("model trained on")
    assert status["stopping"]["reviewers"]["reviewer_b"]["unscreened"] == 1
    run(prioritise=False)
    header = Path("out/title_abstract/worksheet_reviewer_b.csv").read_bytes().splitlines()[0]
    assert header == b"\xef\xbb\xbfid,decision,reasons,note,title,authors,year,journal,doi_link,url,abstract"
    status = json.loads(Path("out/status.json").read_text(encoding="utf-8"))["stages"]["title_abstract"]
    assert status["worksheet_order"]["reviewer_b"] == "record ID (screening.prioritise: false)"


def test_a_reviewers_ranked_worksheet_does_not_change_with_the_other_reviewers_decisions(review):
    Path(SHEETS / "title_abstract/reviewer_b.csv").write_text(
        "id,decision,reasons,note\n2009-10-hmic-00001,include,,\n2009-10-medline-00002,exclude,E1,\n", encoding="utf-8")
    run()
    sheet = "out/title_abstract/worksheet_reviewer_b.csv"
    before = Path(sheet).read_bytes()
    assert [r["ranked_by"] for r in rows(sheet)] == ["model trained on 2 include and 1 exclude decisions and "
                                                  "1 unscreened record drawn at random as presumed irrelevant (seed 0), "
                                                  "blended with a character model trained on the decisions"] * 3
    # reviewer A reverses every decision on the records B has still to screen
    a_file = SHEETS / "title_abstract/reviewer_a.csv"
    text = a_file.read_text(encoding="utf-8")
    for unit in ("medline-00001", "medline-00004", "medline-00005"):
        text = text.replace(f"2009-10-{unit},include,,", f"2009-10-{unit},exclude,E1,").replace(
            f"2009-10-{unit},Include,,", f"2009-10-{unit},exclude,E1,")
    a_file.write_text(text, encoding="utf-8")
    calls = run().stages["title_abstract"].calls
    assert {calls[f"2009-10-{u}"]["reviewer_a"].decision for u in ("medline-00001", "medline-00004",
                                                                    "medline-00005")} == {"exclude"}
    assert Path(sheet).read_bytes() == before


def test_a_decisions_folder_that_does_not_exist_is_an_error_not_nobody_started(review):
    """issue 14: a typo in a stage's folder read as 'not started' and left every unit pending, silently."""
    with pytest.raises(ReviewflowError) as err:
        run(stages={"title_abstract": {"folder": "data/screening/titleabstract"}})
    assert "screening.stages.title_abstract.folder: data/screening/titleabstract does not exist" in str(err.value)


def test_unique_records_without_their_round_are_stopped_not_read_as_of_no_round(review):
    """A table an older dedupe wrote (its round was `first_round`) would put every record in no round
    (agreement per round, a stop by round): stopped, with the fix."""
    path = Path("unique_records.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(",round,", ",first_round,", 1), encoding="utf-8")
    with pytest.raises(ReviewflowError, match=r"(?s)line 1: missing column\(s\) round.*re-run the dedupe stage"):
        run()


def test_an_error_about_a_setting_names_the_config_file_given(review):
    """The config file's path is an argument (the CLI's --config, the rule's config_file param), not a
    key hidden in the config."""
    cfg = config(stages={"title_abstract": {"folder": "data/screening/titleabstract"}})
    with pytest.raises(ReviewflowError) as err:
        run_screening("unique_records.csv", cfg, "out", source="reviews/b/config.yaml")
    assert [p.file for p in err.value.problems] == ["reviews/b/config.yaml"]
