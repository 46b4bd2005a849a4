"""The arithmetic checks: a flow that does not add up stops the run, naming the box and the IDs."""

from __future__ import annotations

import dataclasses

import pytest

from fixtures.prisma.helpers import fixture_config, fixture_paths
from reviewflow.errors import ReviewflowError
from reviewflow.prisma import compute_flow
from reviewflow.prisma.checks import check_flow


@pytest.fixture(scope="module")
def flow():
    return compute_flow(fixture_paths(), fixture_config())


def tampered(flow, box, drop=(), add=()):
    """The flow with IDs dropped from / added to one box (as a bug or a hand edit would)."""
    old = flow.box(box)
    ids = tuple(i for i in old.ids if i not in drop) + tuple(add)
    boxes = dict(flow.boxes)
    boxes[box] = dataclasses.replace(old, ids=ids)
    return dataclasses.replace(flow, boxes=boxes)


def test_the_fixture_flow_adds_up(flow):
    check_flow(flow)


@pytest.mark.parametrize("box, drop, add, messages", [
    # identified - duplicates = screened
    ("dbr_duplicates", ("2009-10-medline-00001",), (), [
        "box dbr_identified: records identified that are neither duplicates nor screened",
        "2009-10-medline-00001", "records that end in no terminal box"]),
    # screened - excluded = sought: an excluded record also sought
    ("dbr_records_excluded", (), ("2009-10-hmic-00001",), [
        "box dbr_records_screened: IDs counted in more than one of dbr_records_excluded",
        "2009-10-hmic-00001"]),
    # sought = not retrieved + assessed: a report lost between the two
    ("dbr_reports_assessed", ("2009-10-medline-00002",), (), [
        "box dbr_reports_sought: IDs that reach none of dbr_reports_not_retrieved, dbr_reports_awaiting_retrieval, dbr_reports_assessed",
        "2009-10-medline-00002"]),
    # assessed = excluded + awaiting + eligible: an excluded report from nowhere
    ("other_reports_excluded", (), ("2009-10-websites-00002",), [
        "box other_reports_assessed: IDs in other_reports_excluded, other_reports_awaiting, "
        "other_reports_eligible that this box does not count", "2009-10-websites-00002"]),
    # studies assessed = excluded + awaiting + included
    ("studies_included", ("S02",), (), ["box studies_assessed: IDs that reach none of", "S02"]),
    # each record ends in exactly one terminal box
    ("reports_of_excluded_studies", (), ("2009-10-hmic-00001",), [
        "records that end in several boxes (reports_of_included_studies, reports_of_excluded_studies)",
        "2009-10-hmic-00001"]),
])
def test_a_violation_names_the_box_and_the_ids(flow, box, drop, add, messages):
    with pytest.raises(ReviewflowError) as err:
        check_flow(tampered(flow, box, drop, add))
    text = str(err.value)
    for message in messages:
        assert message in text
    assert "results/prisma/boxes/" in text and "fix:" in text


def test_updated_review_totals_are_checked():
    flow = compute_flow(fixture_paths(), fixture_config(previous_rounds=("2009-10",)))
    check_flow(flow)
    with pytest.raises(ReviewflowError, match="box total_studies: IDs that reach none of previous_studies, "
                                              "new_studies: S01"):
        check_flow(tampered(flow, "previous_studies", drop=("S01",)))
