"""The worked example, run end to end: the paper's figures come out of the data (issue 6's acceptance)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

pytestmark = pytest.mark.workflow

# Mason, Goddard & Weatherly (2014), Table 3: qualitative, uncontrolled, quasi-experimental, routine data,
# mixed methods, RCT. Typed here only to check the pipeline against the paper, never used to make an output.
TABLE_3 = {
    "Australia": [0, 0, 3, 0, 0, 5], "Canada": [0, 0, 1, 0, 0, 1], "England": [10, 8, 3, 4, 8, 0],
    "N. Ireland": [1, 1, 0, 0, 0, 0], "Scotland": [2, 2, 0, 0, 1, 0], "Sweden": [2, 1, 1, 0, 1, 0],
    "USA": [1, 2, 4, 6, 0, 0], "Wales": [1, 1, 0, 0, 0, 0],
}


@pytest.fixture(scope="module")
def counts(example_run):
    return json.loads((example_run / "results/prisma/counts.json").read_text(encoding="utf-8"))


def total(value):
    return value["total"] if isinstance(value, dict) else value


def test_about_3500_records_were_screened_and_the_flow_is_final(counts):
    assert counts["provisional"] is False
    assert counts["records_screened"] == 3500
    assert total(counts["records_identified"]) - counts["duplicates_removed"] == counts["records_screened"]


def test_92_schemes_assessed_54_excluded_38_included_in_122_reports(counts):
    assert counts["studies_assessed"] == 92
    assert total(counts["studies_excluded"]) == 54
    assert counts["studies_included"] == 38
    assert total(counts["reports_of_included_studies"]) == 122


def test_scheme_exclusion_reasons_are_appendix_3s_marks(counts):
    by_reason = {r["code"]: r["n"] for r in counts["studies_excluded"]["by_reason"]}
    # health care only 31, no financial integration 19, social care only 1, other 9 (overlaps allowed)
    assert by_reason == {"E5": 31, "E9": 19, "E6": 1, "E10": 9}


def test_included_schemes_by_country(example_run):
    with open(example_run / "results/tables/appendix2_included_schemes.csv", encoding="utf-8-sig") as handle:
        countries = Counter(row["country"] for row in csv.DictReader(handle))
    # the tables print Northern Ireland as the paper does (config tables.country_labels)
    assert countries == {"Australia": 8, "Canada": 2, "England": 13, "N. Ireland": 1, "Scotland": 2,
                         "Sweden": 2, "USA": 9, "Wales": 1}


def test_design_by_country_equals_the_papers_table_3_cell_for_cell(example_run):
    with open(example_run / "results/tables/design_by_country.csv", encoding="utf-8-sig") as handle:
        rows = {r[0]: [int(n) for n in r[1:]] for r in list(csv.reader(handle))[1:] if r and r[0] in TABLE_3}
    assert rows == TABLE_3


def test_the_report_shows_both_readings_of_table_3(example_run):
    html = (example_run / "results/report.html").read_text(encoding="utf-8")
    assert "as coded (study_designs), 48 of 48 cells are equal" in html
    assert "read literally from Appendix 2 (study_designs_appendix), 41 of 48" in html
    assert "(5): S14, S24, S28, S37, S38." in html


def test_the_report_is_written(example_run):
    html = (example_run / "results/report.html").read_text(encoding="utf-8")
    assert "PRISMA 2020 flow diagram" in html and "SIMULATED" in html


def test_agreement_is_given_overall_and_per_search_round(example_run):
    with open(example_run / "results/screening/agreement.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["stage"] == "title_abstract"]
    overall = [r for r in rows if r["round"] == "all"]
    per_round = {r["round"]: int(r["n_double_screened"]) for r in rows if r["round"] != "all"}
    assert set(per_round) == {"2009-10", "2012-07", "2013-02"}
    assert sum(per_round.values()) == int(overall[0]["n_double_screened"]) == 3500


def test_conflicts_say_which_round_found_the_record(example_run):
    with open(example_run / "results/screening/title_abstract/conflicts.csv", encoding="utf-8-sig") as handle:
        rounds = Counter(r["round"] for r in csv.DictReader(handle))
    assert set(rounds) <= {"2009-10", "2012-07", "2013-02"} and sum(rounds.values()) > 0
