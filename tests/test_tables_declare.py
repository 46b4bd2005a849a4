"""A review's codebook and table declarations: bad ones are named (file, line, entry, fix) before any table is
written; a review that declares nothing gets nothing, not an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewflow.cli import main
from reviewflow.config import load_config
from reviewflow.errors import ReviewflowError
from reviewflow.tables import declared_outputs, load_codebook, load_review, stage_settings
from reviewflow.tables.declare import load_declarations
from tables_support import REPO, SECOND


@pytest.fixture
def review(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "review"
    shutil.copytree(SECOND, folder)
    monkeypatch.chdir(folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CODEBOOK, TABLES = "config/extraction.yaml", "config/tables.yaml"


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    (CODEBOOK, "participants: {type: integer", "participants: {type: number",
     "config/extraction.yaml, line 43: sheets.extraction.fields.participants.type: 'number' is not one of"),
    (CODEBOOK, "participants: {type: integer", "participants: {type: several_of",
     "line 43: sheets.extraction.fields.participants: a several_of field needs a vocabulary"),
    (CODEBOOK, "refers_to: sources}", "refers_to: papers}",
     "sheets.trials.fields.sources: refers_to 'papers' is not a sheet of the codebook"),
    (CODEBOOK, "one_per: in", "one_per: included", "sheets.extraction.one_per: 'included' is not a status of"),
    (CODEBOOK, "  status: status\n", "  status: first_author\n", "studies.status: 'first_author' is a text field"),
    (CODEBOOK, "  status: status\n", "", "studies: 'status' is a required property"),
    (TABLES, "{key: population, field: population,", "{key: population, field: setting,",
     "config/tables.yaml, line 12: table 'trial_characteristics': field 'setting' is not in the codebook"),
    (TABLES, "group_by: design", "group_by: outcome",
     "table 'trial_characteristics': group_by 'outcome' is a field with several values per study"),
    (TABLES, "across: {field: population", "across: {field: country",
     "table 'intervention_by_population': across 'country' has no vocabulary"),
    (TABLES, "table: outcomes\n", "table: outcome_counts\n", "chart 'outcomes': table 'outcome_counts' is not declared"),
    (TABLES, "kind: bar\n    table: outcomes", "kind: bar\n    table: intervention_by_population",
     "a bar chart shows a frequency table, 'intervention_by_population' is a crosstab"),
    (TABLES, "  - name: outcomes\n    kind: frequency", "  - name: trial_characteristics\n    kind: frequency",
     "table 'trial_characteristics' is declared twice"),
])
def test_a_bad_declaration_is_named_before_any_table_is_written(review, capsys, file, old, new, message):
    edit(review / file, old, new)
    code = main(["tables", "--config", "config/config.yaml", "--out", "results/tables"])
    text = capsys.readouterr().err
    assert code != 0 and "Traceback" not in text
    assert message in text and "fix:" in text
    assert not (review / "results").exists()


def test_a_vocabulary_value_not_in_the_codebook_is_named_with_the_codes(review, capsys):
    edit(review / "data/extracted/extraction.csv", "T4,community,home_hazards", "T4,community,tai_chi")
    assert main(["tables", "--config", "config/config.yaml", "--out", "results/tables"]) != 0
    text = capsys.readouterr().err
    assert "extraction.csv, row 5, column 'intervention_type': 'tai_chi' is not a known code" in text
    assert "fix: use one or more of exercise, medication_review, home_hazards separated by ';'" in text


def test_every_problem_of_a_codebook_is_listed_at_once(review):
    edit(review / CODEBOOK, "participants: {type: integer", "participants: {type: number")
    edit(review / CODEBOOK, "first_author: {type: text", "first_author: {type: txt")
    with pytest.raises(ReviewflowError) as err:
        load_codebook(CODEBOOK)
    assert len(err.value.problems) == 2


def test_a_review_without_a_codebook_makes_nothing(review, capsys):
    edit(review / "config/config.yaml", "  codebook: config/extraction.yaml\n", "")
    config = load_config("config/config.yaml")
    assert declared_outputs(config).tables == () and declared_outputs(config).inputs == ()
    assert main(["tables", "--config", "config/config.yaml", "--out", "results/tables"]) == 0
    assert "no extraction codebook" in capsys.readouterr().out
    assert not (review / "results").exists()


def test_a_codebook_without_declarations_checks_the_sheets_and_makes_no_table(review, capsys):
    edit(review / "config/config.yaml", "  declarations: config/tables.yaml\n", "")
    config = load_config("config/config.yaml")
    outputs = declared_outputs(config)
    assert outputs.tables == () and outputs.charts == ()
    assert outputs.inputs == ("config/extraction.yaml", "data/extracted/sources.csv", "data/extracted/trials.csv",
                              "data/extracted/extraction.csv")
    assert load_review(stage_settings(config)).tables() == []


def test_the_examples_declarations_name_its_seven_tables_and_three_charts(monkeypatch):
    monkeypatch.chdir(REPO)
    outputs = declared_outputs(load_config("config/config.yaml"))
    assert outputs.tables == ("appendix2_included_schemes", "appendix3_excluded_schemes", "design_by_country",
                              "study_designs", "findings_overview", "schemes_by_irm", "exclusion_reasons")
    assert outputs.charts == ("study_designs", "design_by_country", "findings_overview")
    assert "results/screening/study/outcomes.csv" in outputs.inputs  # Appendix 3 comes from the decisions


@pytest.mark.parametrize("loader", ["codebook", "declarations"])
def test_a_table_file_not_saved_as_utf8_is_named_with_its_line(tmp_path, loader):
    path = tmp_path / f"{loader}.yaml"
    path.write_bytes("# notes\nsheets:\n  caf\xe9: {}\n".encode("cp1252"))
    with pytest.raises(ReviewflowError) as err:
        load_codebook(path) if loader == "codebook" else load_declarations(path, None, None)
    problem = err.value.problems[0]
    assert "not UTF-8 text" in problem.problem and problem.line == 3 and "as UTF-8" in problem.fix
