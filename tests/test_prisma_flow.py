"""The flow of the fixture review (tests/fixtures/prisma): which IDs each box counts.

The fixture: 14 records in two rounds (HMIC 3, MEDLINE 5 + 2, reference lists 2, websites 2); duplicates
across databases, across methods and across rounds; one report not retrieved; a study excluded for two
reasons. Its walk is spelled out in tests/fixtures/prisma/README.md.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from fixtures.prisma.helpers import fixture_config, fixture_copy, fixture_paths, replace_line
from reviewflow.errors import ReviewflowError
from reviewflow.prisma import compute_flow
from reviewflow.prisma.checks import terminal_boxes


@pytest.fixture(scope="module")
def flow():
    return compute_flow(fixture_paths(), fixture_config())


@pytest.mark.parametrize("box, expected", [
    ("dbr_identified", 10),
    ("dbr_duplicates", 2),
    ("dbr_records_screened", 8),
    ("dbr_records_excluded", 3),
    ("dbr_reports_sought", 5),
    ("dbr_reports_not_retrieved", 1),
    ("dbr_reports_assessed", 4),
    ("dbr_reports_excluded", 1),
    ("dbr_reports_eligible", 3),
    ("other_identified", 4),
    ("other_duplicates", 2),
    ("other_records_screened", 2),
    ("other_records_excluded", 1),
    ("other_reports_sought", 1),
    ("other_reports_assessed", 1),
    ("other_reports_eligible", 1),
    ("studies_assessed", 3),
    ("studies_excluded", 1),
    ("studies_included", 2),
    ("reports_of_included_studies", 3),
    ("reports_of_excluded_studies", 1),
    ("reports_awaiting_study", 0),
])
def test_box_counts(flow, box, expected):
    assert flow.box(box).n == expected


@pytest.mark.parametrize("box, ids", [
    # a MEDLINE record that duplicates an HMIC one, and a 2012 record that duplicates a 2009 one
    ("dbr_duplicates", ("2009-10-medline-00001", "2012-01-medline-00001")),
    # a reference-list record that duplicates a database record; a website that duplicates a reference
    ("other_duplicates", ("2009-10-refs-00001", "2009-10-websites-00001")),
    # the full-text outcome was given on a member record ID: counted on its cluster
    ("dbr_reports_eligible", ("2009-10-hmic-00001", "2009-10-medline-00002", "2012-01-medline-00002")),
    ("dbr_reports_not_retrieved", ("2009-10-medline-00004",)),
    ("studies_included", ("S01", "S02")),
    ("reports_of_excluded_studies", ("2009-10-refs-00002",)),
])
def test_box_ids(flow, box, ids):
    assert flow.box(box).ids == ids


def test_every_record_ends_in_exactly_one_terminal_box(flow):
    ends = {}
    for name in terminal_boxes():
        for unit in flow.box(name).ids:
            record = unit if name.endswith(("duplicates", "previous_version")) else flow.carriers[unit]
            ends.setdefault(record, []).append(name)
    assert sorted(ends) == sorted(flow.record_column)
    assert all(len(boxes) == 1 for boxes in ends.values())


def test_a_complete_review_is_not_provisional(flow):
    assert not flow.provisional


def test_notes_keep_reasons_and_sources(flow):
    assert flow.box("studies_excluded").notes == {"X01": "E5; E9"}
    assert flow.box("dbr_identified").notes["2009-10-hmic-00002"] == "HMIC"


@pytest.mark.parametrize("old, new, box, ids", [
    # a pending title/abstract decision: counted as awaiting, not dropped
    ("2009-10-medline-00003,exclude,E2,", "2009-10-medline-00003,pending,,", "dbr_records_awaiting",
     ("2009-10-medline-00003",)),
    # a conflict at full text
    ("2012-01-medline-00002,include,,agreement,false,retrieved", "2012-01-medline-00002,conflict,,,true,retrieved",
     "dbr_reports_awaiting", ("2012-01-medline-00002",)),
])
def test_undecided_units_wait_in_their_own_box_and_make_the_flow_provisional(tmp_path, old, new, box, ids):
    root = fixture_copy(tmp_path / "review")
    stage = "title_abstract" if "exclude,E2" in old else "full_text"
    replace_line(root / f"screening/{stage}/outcomes.csv", old, new)
    flow = compute_flow(fixture_paths(root), fixture_config())
    assert flow.box(box).ids == ids
    assert flow.provisional


def test_a_report_without_a_study_waits_for_a_link(tmp_path):
    root = fixture_copy(tmp_path / "review")
    replace_line(root / "screening/study/outcomes.csv", "S02,include,,agreement,false,2012-01-medline-00002\n", "")
    replace_line(root / "study_links.csv", "2012-01-medline-00002,S02,\n", "")
    flow = compute_flow(fixture_paths(root), fixture_config())
    assert flow.box("reports_awaiting_study").ids == ("2012-01-medline-00002",)
    assert flow.box("reports_awaiting_study").notes["2012-01-medline-00002"] == "not linked to a study"
    assert flow.provisional


def test_updated_review_counts_new_records_and_the_previous_version():
    flow = compute_flow(fixture_paths(), fixture_config(previous_rounds=("2009-10",)))
    assert flow.box("previous_version").n == 12
    assert flow.box("dbr_identified").ids == ("2012-01-medline-00001", "2012-01-medline-00002")
    assert flow.box("dbr_duplicates").ids == ("2012-01-medline-00001",)  # duplicates a 2009 record
    assert flow.box("previous_studies").ids == ("S01",)
    assert flow.box("new_studies").ids == ("S02",)
    assert (flow.box("previous_reports").n, flow.box("new_reports").n, flow.box("total_reports").n) == (2, 1, 3)


@pytest.mark.parametrize("file, old, new, message", [
    ("screening/full_text/outcomes.csv", "2009-10-hmic-00003,exclude,E4,consensus,false,retrieved",
     "2009-10-hmic-00002,exclude,E4,consensus,false,retrieved",
     "decisions for records not included at title/abstract: 2009-10-hmic-00002"),
    ("screening/title_abstract/outcomes.csv", "2009-10-hmic-00002,exclude", "2009-10-hmic-00099,exclude",
     "row 3: id '2009-10-hmic-00099' is not a record or cluster ID"),
    ("screening/title_abstract/outcomes.csv", "2009-10-hmic-00002,exclude", "2009-10-hmic-00002,maybe",
     "row 3: decision 'maybe' is not one of include, exclude, not_screened, pending, conflict"),
    ("screening/title_abstract/outcomes.csv", "id,decision,reasons", "id,verdict,reasons",
     "line 1: missing column(s) decision"),
    ("clusters.csv", "2012-01-medline-00002,2012-01-medline-00002\n", "",
     "1 record(s) have no cluster: 2012-01-medline-00002"),
    ("study_links.csv", "2012-01-medline-00002,S02", "2012-01-medline-09999,S02",
     "row 4, column 'record_id': record_id '2012-01-medline-09999' is not a record of the review"),
    ("records.csv", ",Reference lists,,citation_search,", ",Reference lists,,telepathy,",
     "row 10: record 2009-10-refs-00001: unknown identification method 'telepathy'"),
    ("records.csv", "hmic.ris,1,2009-10,", "hmic.ris,1,2009-11,",
     "row 2: record 2009-10-hmic-00001 belongs to round '2009-11', which is not in config `rounds`"),
])
def test_inputs_out_of_step_stop_with_file_row_and_ids(tmp_path, file, old, new, message):
    root = fixture_copy(tmp_path / "review")
    replace_line(root / file, old, new)
    with pytest.raises(ReviewflowError) as err:
        compute_flow(fixture_paths(root), fixture_config())
    assert message in str(err.value)
    assert file.split("/")[-1] in str(err.value)


def test_the_column_is_the_method_on_the_record_not_in_config():
    """PRISMA reads each record's method from records.csv: config `sources` no longer decides it."""
    config = fixture_config()
    for rnd in config["rounds"]:
        rnd["sources"] = {}  # as if every export were a database export
    flow = compute_flow(fixture_paths(), config)
    assert flow.record_column["2009-10-refs-00001"] == "other"
    assert flow.record_column["2009-10-websites-00002"] == "other"


def test_an_error_about_a_setting_names_the_config_file_given():
    config = fixture_config(previous_rounds=("2008-01",))
    paths = replace(fixture_paths(), config="reviews/b/config.yaml")
    with pytest.raises(ReviewflowError) as err:
        compute_flow(paths, config)
    assert err.value.problems[0].file == "reviews/b/config.yaml"
    assert "prisma.previous_rounds names unknown round(s) ['2008-01']" in str(err.value)


def test_study_links_read_as_screening_reads_them(tmp_path):
    """One sheet reader: study_links.csv saved by a spreadsheet (BOM, ';', CRLF, blank rows) reads the same."""
    root = fixture_copy(tmp_path / "review")
    links = root / "study_links.csv"
    text = links.read_text(encoding="utf-8").replace(",", ";").replace("\n", "\r\n")
    links.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8") + b";;\r\n")
    flow = compute_flow(fixture_paths(root), fixture_config())
    assert flow.box("studies_included").ids == ("S01", "S02")
