"""A second review with its own codebook (population, intervention type, outcome, design, country) declares a
characteristics table, a cross-tab and a frequency table; `reviewflow tables` renders each in every format."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from reviewflow.cli import main
from reviewflow.tables import FORMATS
from tables_support import SECOND

TABLES = ("trial_characteristics", "intervention_by_population", "outcomes")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    review = tmp_path_factory.mktemp("second") / "review"
    shutil.copytree(SECOND, review)
    folder = review / "results" / "tables"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(review)  # the config's paths are relative to the review folder, as in a real review
        assert main(["tables", "--config", "config/config.yaml", "--out", str(folder)]) == 0
    return folder


def rows(out: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / f"{name}.csv").read_text(encoding="utf-8"))))


def test_every_declared_table_is_written_in_every_format(out):
    assert sorted(p.name for p in out.glob("*.*")) == sorted(f"{t}.{ext}" for t in TABLES for ext in FORMATS)
    assert sorted(p.name for p in (out / "charts").iterdir()) == [
        "intervention_by_population.png", "intervention_by_population.svg", "outcomes.png", "outcomes.svg"]


def test_characteristics_one_row_per_included_trial_grouped_in_vocabulary_order(out):
    table = rows(out, "trial_characteristics")
    assert table[0] == ["design", "trial_id", "trial", "country", "population", "interventions", "outcomes",
                        "participants"]
    # groups follow the design vocabulary (not the alphabet); within a group, by printed country then author
    assert [r[1] for r in table[1:]] == ["T1", "T7", "T4", "T3", "T2", "T5"]  # T6 is excluded
    assert table[1][2] == "Ada [ada2019, ada2020]" and table[2][2] == "Gale"  # sources cited; none: no bracket
    assert table[3][3] == "UK"  # country_labels
    assert table[2][5:7] == ["Exercise; Home hazard modification", "Rate of falls; Fractures; Costs"]


def test_crosstab_counts_a_trial_in_each_of_its_values_with_totals(out):
    assert rows(out, "intervention_by_population") == [
        ["intervention", "community", "care_home", "hospital", "total"],
        ["Exercise", "2", "1", "1", "4"],
        ["Medication review", "0", "2", "0", "2"],
        ["Home hazard modification", "2", "0", "0", "2"],
        ["All trials", "3", "2", "1", "6"],
    ]


def test_frequency_gives_n_and_percent_of_trials(out):
    assert rows(out, "outcomes")[1:] == [["Rate of falls", "falls", "6", "100.0"], ["Fractures", "fractures", "2", "33.3"],
                                         ["Fear of falling", "fear", "2", "33.3"], ["Costs", "cost", "2", "33.3"]]
    assert rows(out, "outcomes")[0] == ["outcome", "code", "trials", "percent"]


def test_rendered_forms_carry_titles_groups_and_labels(out):
    md = (out / "trial_characteristics.md").read_text(encoding="utf-8")
    assert md.startswith("## Characteristics of the 6 included trials\n")
    assert md.index("### Randomised trial") < md.index("### Cluster-randomised trial") < md.index(
        "### Controlled before-after")
    assert "T1" not in md  # the hidden ID column is only in CSV and XLSX
    html = (out / "outcomes.html").read_text(encoding="utf-8")
    assert "<th scope=\"col\" class=\"num\">% of 6</th>" in html
    tex = (out / "intervention_by_population.tex").read_text(encoding="utf-8")
    assert "Home hazard modification & 2 & 0 & 0 & 2" in tex
    ws = load_workbook(out / "intervention_by_population.xlsx").worksheets[0]
    assert "Intervention type by population" in ws[1][0].value  # the caption heads the printed sheet
    assert [c.value for c in ws[6]] == ["All trials", 3, 2, 1, 6]  # caption row 1, header row 2
    doc = Document(str(out / "trial_characteristics.docx"))
    assert doc.tables[0].rows[1].cells[0].text == "Randomised trial"


def test_charts_label_axes_with_the_reviews_study_label(monkeypatch):
    from reviewflow.charts.draw import DRAW
    from reviewflow.config import load_config
    from reviewflow.tables import load_review, stage_settings

    monkeypatch.chdir(SECOND)
    settings = stage_settings(load_config("config/config.yaml"))
    review = load_review(settings)
    tables = {t.name: t for t in review.tables()}
    labels = {}
    for chart in review.declared.charts:
        spec = review.declared.table(chart.table)
        figure = DRAW[chart.kind](chart, tables[chart.table], spec, 6, settings.study_label, {})
        labels[chart.name] = figure.axes[0].get_xlabel()
    assert labels == {"outcomes": "% of 6 trials", "intervention_by_population": "trials"}


@pytest.mark.parametrize(("metric", "value"), [
    ("count(extraction where outcome contains falls)", 6),
    ("count(extraction where population = care_home and intervention_type contains medication_review)", 2),
    ("distinct(country of extraction)", 5),  # a row of a one-per-study sheet has its study's fields
    ("count(trials where status = out)", 1),
    ("percent(extraction where design in rct, cluster_rct)", 83.3),
    ("count(sources)", 7),
])
def test_claims_read_the_second_reviews_own_sheets(monkeypatch, metric, value):
    from reviewflow.claims import dataset, evaluate
    from reviewflow.config import load_config
    from reviewflow.tables import load_review, stage_settings

    monkeypatch.chdir(SECOND)
    data = dataset(load_review(stage_settings(load_config("config/config.yaml"))).extraction)
    assert evaluate(metric, data) == pytest.approx(value)
