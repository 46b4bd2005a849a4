"""The PRISMA flow in the middle of screening (tests/fixtures/prisma/half_done/README.md): every stage
half done. A report awaiting retrieval is sought, not assessed; one retrieved but undecided is assessed
and awaiting; the study label comes from config's singular and plural, never by cutting a letter."""

from __future__ import annotations

import json

import pytest

from fixtures.prisma.helpers import FIXTURE, HALF_DONE, fixture_config, fixture_paths
from reviewflow.prisma import compute_flow, run_prisma
from reviewflow.prisma.counts import build_counts, criteria_labels
from reviewflow.prisma.diagram import build_page, study_label
from reviewflow.prisma.flow import COLUMN_STEPS, STUDY_BOXES, COLUMNS

# every box of the flow, half done: (count, IDs where the walk is worth spelling out)
EXPECTED = {
    "dbr_identified": 10, "dbr_duplicates": 2, "dbr_automation_ineligible": 0, "dbr_records_screened": 8,
    "dbr_records_excluded": 1, "dbr_records_awaiting": 2, "dbr_reports_sought": 5,
    "dbr_reports_not_retrieved": 1, "dbr_reports_awaiting_retrieval": 1, "dbr_reports_assessed": 3,
    "dbr_reports_excluded": 1, "dbr_reports_awaiting": 1, "dbr_reports_eligible": 1,
    "other_identified": 4, "other_duplicates": 2, "other_automation_ineligible": 0, "other_records_screened": 2,
    "other_records_excluded": 0, "other_records_awaiting": 1, "other_reports_sought": 1,
    "other_reports_not_retrieved": 0, "other_reports_awaiting_retrieval": 0, "other_reports_assessed": 1,
    "other_reports_excluded": 0, "other_reports_awaiting": 0, "other_reports_eligible": 1,
    "studies_assessed": 2, "studies_excluded": 0, "studies_awaiting": 1, "studies_included": 1,
    "reports_of_included_studies": 1, "reports_of_excluded_studies": 0, "reports_awaiting_study": 1,
}


@pytest.fixture(scope="module")
def flow():
    return compute_flow(fixture_paths(FIXTURE, HALF_DONE), fixture_config())  # the arithmetic is checked here


def test_every_box_is_expected():
    assert set(EXPECTED) == {f"{c}_{s}" for c in COLUMNS for s in COLUMN_STEPS} | set(STUDY_BOXES)


@pytest.mark.parametrize("box, n", sorted(EXPECTED.items()))
def test_box_counts_half_done(flow, box, n):
    assert flow.box(box).n == n


@pytest.mark.parametrize("box, ids", [
    ("dbr_records_awaiting", ("2009-10-medline-00003", "2009-10-medline-00005")),  # pending, conflict
    # sought; its full text is not in hand yet: not assessed
    ("dbr_reports_awaiting_retrieval", ("2009-10-hmic-00003",)),
    ("dbr_reports_not_retrieved", ("2009-10-medline-00004",)),
    # retrieved but undecided: assessed, and awaiting a decision
    ("dbr_reports_assessed", ("2009-10-hmic-00001", "2009-10-medline-00002", "2012-01-medline-00002")),
    ("dbr_reports_awaiting", ("2009-10-medline-00002",)),
    ("studies_awaiting", ("X01",)),
    ("reports_awaiting_study", ("2009-10-refs-00002",)),
])
def test_box_ids_half_done(flow, box, ids):
    assert flow.box(box).ids == ids


def test_a_half_done_flow_is_provisional(flow):
    assert flow.provisional


def test_a_report_awaiting_retrieval_alone_makes_the_flow_provisional(tmp_path):
    from fixtures.prisma.helpers import fixture_copy, replace_line
    root = fixture_copy(tmp_path / "review")
    replace_line(root / "screening/full_text/outcomes.csv", "2009-10-medline-00004,pending,,,true,not_retrieved",
                 "2009-10-medline-00004,pending,,,true,pending")
    flow = compute_flow(fixture_paths(root), fixture_config())
    assert flow.box("dbr_reports_awaiting_retrieval").ids == ("2009-10-medline-00004",)
    assert (flow.box("dbr_reports_not_retrieved").n, flow.box("dbr_reports_assessed").n) == (0, 4)
    assert flow.provisional


def test_counts_json_half_done(tmp_path):
    run_prisma(fixture_paths(FIXTURE, HALF_DONE), fixture_config(), tmp_path)
    counts = json.loads((tmp_path / "counts.json").read_text(encoding="utf-8"))
    assert (counts["reports_sought"], counts["reports_not_retrieved"], counts["reports_awaiting_retrieval"],
            counts["reports_assessed"]) == (6, 1, 1, 4)
    assert counts["reports_sought"] == (counts["reports_not_retrieved"] + counts["reports_awaiting_retrieval"]
                                        + counts["reports_assessed"])
    assert counts["columns"]["databases_registers"]["reports_awaiting_retrieval"] == 1
    assert counts["provisional"] is True


def box_text(flow, label) -> dict[str, str]:
    page = build_page(flow, build_counts(flow, criteria_labels(fixture_config())), label)
    return {b.id: " ".join(b.lines) for b in page.boxes}


def test_the_diagram_says_sought_awaiting_retrieval_and_assessed(flow):
    text = box_text(flow, study_label(None))
    assert text["dbr_reports_sought"] == "Reports sought for retrieval (n = 5)"
    assert "Reports not retrieved (n = 1)" in text["dbr_reports_not_retrieved"]
    assert "Awaiting retrieval (n = 1)" in text["dbr_reports_not_retrieved"]
    assert text["dbr_reports_assessed"] == "Reports assessed for eligibility (n = 3)"
    assert "Awaiting a decision (n = 1)" in text["dbr_reports_excluded"]


@pytest.mark.parametrize("config_value, expected", [
    (None, "Reports awaiting a study decision or link (n = 1)"),  # the default: {one: study, many: studies}
    ({"one": "scheme", "many": "schemes"}, "Reports awaiting a scheme decision or link (n = 1)"),
    ({"one": "child", "many": "children"}, "Reports awaiting a child decision or link (n = 1)"),
    ("studies", "Reports awaiting a decision on their studies, or a link (n = 1)"),  # the older string form
])
def test_study_labels_come_from_a_singular_and_a_plural(flow, config_value, expected):
    text = box_text(flow, study_label(config_value))
    assert expected in " ".join(text["studies_excluded"].split())
    assert "studie " not in " ".join(text.values())


@pytest.mark.parametrize("value, ok", [({"one": "scheme", "many": "schemes"}, True), ("schemes", True),
                                       ({"many": "schemes"}, False), ("", False)])
def test_the_config_takes_both_forms_of_the_study_label(value, ok):
    from reviewflow.errors import ReviewflowError
    from reviewflow.validation import validate_config
    config = {"rounds": fixture_config()["rounds"], "prisma": {"study_label": value}}
    if ok:
        validate_config(config)
    else:
        with pytest.raises(ReviewflowError, match="study_label"):
            validate_config(config)


def test_the_default_study_label_is_a_singular_and_a_plural():
    from reviewflow.validation import validate_config
    config = {"rounds": fixture_config()["rounds"]}
    validate_config(config)
    assert study_label(config["prisma"]["study_label"]) == study_label({"one": "study", "many": "studies"})
