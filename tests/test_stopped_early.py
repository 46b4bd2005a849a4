"""Title/abstract screening stopped early (config ``screening.stopped_early``, issue 20 item 4): the
records no one screened leave the worksheets and go to PRISMA's "records marked as ineligible by
automation tools" box, with their IDs, and the arithmetic still closes; a person's decision is never
set aside by a stop."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fixtures.prisma.helpers import FIXTURE, HALF_DONE, fixture_config, fixture_copy, fixture_paths, replace_line
from reviewflow.config import load_config
from reviewflow.errors import ReviewflowError
from reviewflow.prisma import compute_flow
from reviewflow.prisma.counts import build_counts, criteria_labels
from reviewflow.prisma.diagram import build_page, study_label
from reviewflow.prisma.html import prisma_html
from reviewflow.prisma.rinterop import r_values
from reviewflow.report.sections import screening_section
from reviewflow.run_summary import summary_lines
from reviewflow.screening import run_screening
from reviewflow.validation import validate_config

HEADER = "record_id,member_ids,methods,title,authors,year,journal,abstract,doi,url,round"
# Ten records of round r1 and two of round r2. Reviewer a decided r1-01..r1-06 (in that order), b
# decided r1-01..r1-04 and the consensus r1-05; nobody decided r1-07..r1-10 or r2-*.
A_ROWS = ["r1-01,include", "r1-02,exclude", "r1-03,exclude", "r1-04,include", "r1-05,exclude", "r1-06,exclude"]
B_ROWS = ["r1-01,include", "r1-02,exclude", "r1-03,exclude", "r1-04,include"]


def write_review(root: Path, stops: list[dict]) -> dict:
    ids = [f"r1-{n:02d}" for n in range(1, 11)] + ["r2-01", "r2-02"]
    lines = [HEADER] + [f"{i},{i},database,Title {i},\"Doe, J\",2020,J,Abstract {i}.,,,{i[:2]}" for i in ids]
    (root / "unique_records.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for stage in ("full_text", "study"):
        (root / "data/screening" / stage).mkdir(parents=True)
    folder = root / "data/screening/title_abstract"
    folder.mkdir(parents=True)
    for name, rows in (("a", A_ROWS), ("b", B_ROWS), ("consensus", ["r1-05,exclude"])):
        (folder / f"{name}.csv").write_text("id,decision,reasons\n" + "\n".join(rows) + "\n", encoding="utf-8")
    config = {"rounds": [{"id": "r1", "folder": "data/raw/r1"}, {"id": "r2", "folder": "data/raw/r2"}],
              "screening": {"criteria": [{"code": "E1", "kind": "exclusion", "label": "Not a trial"}],
                            "stages": {s: {"reviewers": ["a", "b"], "folder": f"data/screening/{s}"}
                                       for s in ("title_abstract", "full_text", "study")},
                            "stopped_early": stops}}
    validate_config(config)
    return config


STOP = {"rounds": ["r1"], "date": "2026-11-30", "rule": "stopping estimate, 95% recall"}


@pytest.fixture()
def screened(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    screening = run_screening("unique_records.csv", write_review(tmp_path, [STOP]), "out")
    return tmp_path, screening


def outcome_rows(root: Path) -> dict[str, dict[str, str]]:
    with open(root / "out/title_abstract/outcomes.csv", encoding="utf-8", newline="") as handle:
        return {r["id"]: r for r in csv.DictReader(handle)}


def test_records_no_one_decided_in_a_stopped_round_are_not_screened(screened):
    root, _ = screened
    rows = outcome_rows(root)
    stopped = sorted(i for i, r in rows.items() if r["decision"] == "not_screened")
    assert stopped == ["r1-07", "r1-08", "r1-09", "r1-10"]
    assert {rows[i]["resolved_by"] for i in stopped} == {"stopped_early"}
    assert rows["r1-05"]["decision"] == "exclude"  # the consensus decided it
    assert rows["r1-06"]["decision"] == "pending"  # a decided it: b still has to
    assert rows["r2-01"]["decision"] == rows["r2-02"]["decision"] == "pending"  # a round not stopped


def test_the_stop_leaves_the_worksheets_and_is_said_in_the_status(screened):
    root, screening = screened
    ta = screening.stages["title_abstract"]
    assert ta.awaiting == {"a": ["r2-01", "r2-02"], "b": ["r1-06", "r2-01", "r2-02"]}
    status = json.loads((root / "out/status.json").read_text(encoding="utf-8"))
    stage = status["stages"]["title_abstract"]
    assert stage["not_screened"] == 4
    # the estimate counts the records the stop left among each reviewer's unscreened ones
    assert stage["stopping"]["reviewers"]["a"]["unscreened"] == 2 + 4
    assert stage["stopping"]["reviewers"]["b"]["unscreened"] == 3 + 4
    notices = " ".join(status["notices"])
    assert "round(s) r1 stopped early on 2026-11-30 (stopping estimate, 95% recall" in notices
    assert "4 records no one screened" in notices
    # six decisions with two includes cannot show 95 % recall: the stop is not supported, and said so
    assert "has not shown 95% recall for a (" in notices and "; b (" in notices


def test_without_a_stop_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_screening("unique_records.csv", write_review(tmp_path, []), "out")
    rows = outcome_rows(tmp_path)
    assert not [i for i, r in rows.items() if r["decision"] == "not_screened"]
    status = json.loads((tmp_path / "out/status.json").read_text(encoding="utf-8"))
    assert "not_screened" not in status["stages"]["title_abstract"]
    assert not [n for n in status["notices"] if "stopped early" in n]


@pytest.mark.parametrize("stops, message", [
    ([{**STOP, "rounds": ["r3"]}], "screening.stopped_early[0].rounds: 'r3' is not a round of config `rounds`"),
    ([STOP, {**STOP, "rounds": ["r2", "r1"]}], "round 'r1' is listed in two stops"),
])
def test_a_stop_must_name_configured_rounds_once(tmp_path, stops, message):
    with pytest.raises(ReviewflowError) as err:
        write_review(tmp_path, stops)  # the config check, before any stage reads the config
    assert message in str(err.value)


def test_the_config_check_names_the_line_of_a_mistyped_round(tmp_path):
    text = ('rounds:\n  - {id: "r1", folder: data/raw/r1}\nscreening:\n  stopped_early:\n'
            '    - rounds: ["r1", "r9"]\n      date: "2026-11-30"\n      rule: "stopping estimate"\n')
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ReviewflowError) as err:
        load_config(tmp_path / "config.yaml")
    assert err.value.problems[0].line == 5 and "'r9' is not a round" in str(err.value)


def test_a_stop_needs_its_rule_and_date(tmp_path):
    with pytest.raises(ReviewflowError) as err:
        write_review(tmp_path, [{"rounds": ["r1"]}])
    assert "date" in str(err.value) and "rule" in str(err.value)


# --- PRISMA: the half-done fixture review (tests/fixtures/prisma/half_done), two pending records left by a stop ---
@pytest.fixture()
def stopped_flow(tmp_path):
    root = fixture_copy(tmp_path / "review")
    outcomes = root / "half_done/screening/title_abstract/outcomes.csv"
    for rid in ("2009-10-medline-00003", "2009-10-websites-00002"):
        replace_line(outcomes, f"{rid},pending,,none,true", f"{rid},not_screened,,stopped_early,false")
    return compute_flow(fixture_paths(root, root / "half_done"), fixture_config())  # the arithmetic is checked here


def test_prisma_counts_them_as_marked_ineligible_by_automation(stopped_flow):
    flow = stopped_flow
    assert flow.box("dbr_automation_ineligible").ids == ("2009-10-medline-00003",)
    assert flow.box("other_automation_ineligible").ids == ("2009-10-websites-00002",)
    assert "2009-10-medline-00003" not in flow.ids("dbr_records_screened")
    assert "2009-10-medline-00003" not in flow.ids("dbr_records_awaiting")
    counts = build_counts(flow, criteria_labels(fixture_config()))
    assert counts["records_marked_ineligible_by_automation"] == 2
    dbr = counts["columns"]["databases_registers"]
    assert dbr["records_identified"] == dbr["duplicates"] + dbr["automation_ineligible"] + dbr["records_screened"]
    assert r_values(flow, criteria_labels(fixture_config()))["excluded_automatic"] == "1"


def test_the_diagram_shows_the_box_only_when_it_counts(stopped_flow):
    counts = build_counts(stopped_flow, criteria_labels(fixture_config()))
    text = {b.id: " ".join(b.lines) for b in build_page(stopped_flow, counts, study_label(None)).boxes}
    assert "Records marked as ineligible by automation tools (n = 1)" in " ".join(text["dbr_duplicates"].split())
    assert "Marked as ineligible by automation tools (n = 1)" in " ".join(text["other_removed"].split())
    unstopped = compute_flow(fixture_paths(FIXTURE, HALF_DONE), fixture_config())
    plain = {b.id: " ".join(b.lines) for b in build_page(
        unstopped, build_counts(unstopped, criteria_labels(fixture_config())), study_label(None)).boxes}
    assert "automation" not in " ".join(plain.values())


def test_the_report_says_what_the_stop_did(screened):
    root, _ = screened
    section = screening_section(root / "out/status.json", None, True)
    notes = [p for p in section.panels if p.heading.startswith("Notes from the screening stage")]
    assert notes and "stopped early on 2026-11-30" in str(notes[0].html)
    assert "has not shown 95% recall" in str(notes[0].html)


def test_the_run_summary_says_it_too(screened):
    root, _ = screened
    (root / "results/screening").mkdir(parents=True)
    (root / "results/screening/status.json").write_bytes((root / "out/status.json").read_bytes())
    text = "\n".join(summary_lines(root))
    assert "title_abstract: 12 units, 2 included, 3 excluded, 4 not screened (stopped early)" in text
    assert "note: title/abstract screening of round(s) r1 stopped early on 2026-11-30" in text
    assert "b: 3 to decide" in text


def test_the_page_names_every_id_list_behind_a_box(stopped_flow):
    counts = build_counts(stopped_flow, criteria_labels(fixture_config()))
    page = prisma_html(build_page(stopped_flow, counts, study_label(None)), stopped_flow, "t")
    assert "(IDs: boxes/dbr_duplicates.csv, boxes/dbr_automation_ineligible.csv)" in page
